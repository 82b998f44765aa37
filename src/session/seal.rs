//! The seal on a session file: an HMAC-SHA256 over every byte before it, keyed with a secret
//! kept once per installation (`seal.key` in the user's Joined Up config folder, made on first
//! use, readable only by its owner). The seal line names the key by a short id derived from it.
//!
//! What it does and does not protect against (docs/sessions.md says the same to users):
//! - on the computer (and account) that wrote a file, any edit to it, however it is
//!   re-checksummed, is refused: only the key could make the seal again;
//! - anywhere else the key is not known, so the seal cannot be checked: the file is read with
//!   a warning that it was sealed elsewhere. Replay still proves that its actions give the
//!   outcome it records, but not who played it. Someone can also re-label an edited file as
//!   sealed elsewhere, so "sealed on another installation" is never proof;
//! - anyone who can read the key file (the account's owner, an administrator) can seal what
//!   they like. It is a check against casual editing, not a signature.

use std::path::PathBuf;

use hmac::{Hmac, Mac};
use sha2::{Digest, Sha256};

/// The seal line's start.
pub const SEAL: &str = "// sealed: hmac-sha256 key=";

/// A key's secret bytes.
const KEY_BYTES: usize = 32;

/// Where a browser keeps the key (local storage).
#[cfg(target_arch = "wasm32")]
const WEB_KEY: &str = "joined-up/seal.key";

/// Where the seal key lives: `JOINED_UP_CONFIG_DIR` if set (tests, a shared lab image), else
/// `$XDG_CONFIG_HOME/joined-up`, else `~/.config/joined-up` (on Windows `%APPDATA%\joined-up`).
pub fn config_dir() -> Option<PathBuf> {
    let var = |v: &str| {
        std::env::var_os(v)
            .filter(|x| !x.is_empty())
            .map(PathBuf::from)
    };
    var("JOINED_UP_CONFIG_DIR")
        .or_else(|| var("XDG_CONFIG_HOME").map(|d| d.join("joined-up")))
        .or_else(|| var("APPDATA").map(|d| d.join("joined-up")))
        .or_else(|| var("HOME").map(|d| d.join(".config").join("joined-up")))
}

/// This installation's key.
#[derive(Clone)]
pub struct Key {
    secret: [u8; KEY_BYTES],
}

impl std::fmt::Debug for Key {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Key({})", self.id())
    }
}

impl Key {
    /// A key from its secret (tests, and a key read from its file).
    pub fn from_secret(secret: [u8; KEY_BYTES]) -> Key {
        Key { secret }
    }

    /// The key's public name: 16 hex digits of a hash of it (the secret cannot be found from
    /// it).
    pub fn id(&self) -> String {
        let mut h = Sha256::new();
        h.update(b"joined-up seal key id\0");
        h.update(self.secret);
        h.finalize()
            .iter()
            .take(8)
            .map(|b| format!("{b:02x}"))
            .collect()
    }

    /// The seal of `content`, in hex.
    pub fn seal(&self, content: &[u8]) -> String {
        let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(&self.secret)
            .expect("HMAC takes a key of any length");
        mac.update(content);
        mac.finalize()
            .into_bytes()
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect()
    }

    /// Whether `seal` is `content`'s, compared in constant time.
    pub fn verifies(&self, content: &[u8], seal: &str) -> bool {
        let Some(bytes) = hex(seal) else { return false };
        let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(&self.secret)
            .expect("HMAC takes a key of any length");
        mac.update(content);
        mac.verify_slice(&bytes).is_ok()
    }

    /// This installation's key, if it has one (reading never makes one). In a browser, the
    /// key lives in the browser's local storage for the page's site.
    pub fn existing() -> Option<Key> {
        #[cfg(target_arch = "wasm32")]
        let text = web_sys::window()?
            .local_storage()
            .ok()??
            .get_item(WEB_KEY)
            .ok()??;
        #[cfg(not(target_arch = "wasm32"))]
        let text = std::fs::read_to_string(config_dir()?.join("seal.key")).ok()?;
        let bytes = hex(text.trim())?;
        let secret: [u8; KEY_BYTES] = bytes.try_into().ok()?;
        Some(Key { secret })
    }

    /// This installation's key, made (from the operating system's random source) and saved on
    /// first use.
    pub fn get_or_create() -> Result<Key, String> {
        if let Some(k) = Key::existing() {
            return Ok(k);
        }
        #[cfg(target_arch = "wasm32")]
        {
            let mut secret = [0u8; KEY_BYTES];
            getrandom::fill(&mut secret)
                .map_err(|e| format!("cannot make a seal key (no random source): {e}"))?;
            let text: String = secret.iter().map(|b| format!("{b:02x}")).collect();
            web_sys::window()
                .and_then(|w| w.local_storage().ok().flatten())
                .and_then(|s| s.set_item(WEB_KEY, &text).ok())
                .ok_or_else(|| "this browser keeps no local storage for the seal key".to_owned())?;
            return Key::existing().ok_or_else(|| "cannot read the seal key back".to_owned());
        }
        #[cfg(not(target_arch = "wasm32"))]
        Key::create_file()
    }

    #[cfg(not(target_arch = "wasm32"))]
    fn create_file() -> Result<Key, String> {
        let dir = config_dir().ok_or_else(|| {
            "no folder for Joined Up's settings (HOME is not set); set JOINED_UP_CONFIG_DIR"
                .to_owned()
        })?;
        let path = dir.join("seal.key");
        let mut secret = [0u8; KEY_BYTES];
        getrandom::fill(&mut secret)
            .map_err(|e| format!("cannot make a seal key (no random source): {e}"))?;
        std::fs::create_dir_all(&dir)
            .map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
        let text: String = secret.iter().map(|b| format!("{b:02x}")).collect();
        write_private(&path, format!("{text}\n").as_bytes())
            .map_err(|e| format!("cannot save the seal key at {}: {e}", path.display()))?;
        // Two processes may have raced to make it: whichever file won is the key.
        Key::existing()
            .ok_or_else(|| format!("cannot read the seal key back from {}", path.display()))
    }
}

#[cfg(not(target_arch = "wasm32"))]
/// Creates `path` with `bytes`, readable only by its owner, all at once (written to a
/// temporary file, then linked into place, so nobody ever reads half a key); never replaces a
/// file that is already there.
fn write_private(path: &std::path::Path, bytes: &[u8]) -> std::io::Result<()> {
    use std::io::Write;
    let tmp = path.with_extension(format!("{}.tmp", std::process::id()));
    let mut o = std::fs::OpenOptions::new();
    o.write(true).create(true).truncate(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        o.mode(0o600);
    }
    let result = (|| {
        let mut f = o.open(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
        match std::fs::hard_link(&tmp, path) {
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Ok(()),
            other => other,
        }
    })();
    let _ = std::fs::remove_file(&tmp);
    result
}

fn hex(s: &str) -> Option<Vec<u8>> {
    if !s.len().is_multiple_of(2) || !s.bytes().all(|b| b.is_ascii_hexdigit()) {
        return None;
    }
    (0..s.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&s[i..i + 2], 16).ok())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_seal_depends_on_every_byte_and_on_the_key() {
        let a = Key::from_secret([1; KEY_BYTES]);
        let b = Key::from_secret([2; KEY_BYTES]);
        let s = a.seal(b"gp: Computer(collaborative)");
        assert!(a.verifies(b"gp: Computer(collaborative)", &s));
        assert!(!a.verifies(b"gp: Person", &s));
        assert!(!b.verifies(b"gp: Computer(collaborative)", &s));
        assert!(!a.verifies(b"gp: Computer(collaborative)", "zz"));
        assert_ne!(a.id(), b.id());
        assert_eq!(a.id().len(), 16);
        // A plain SHA-256 of the content is not a seal.
        let plain = crate::scenario::sha256_hex(b"gp: Person");
        assert!(!a.verifies(b"gp: Person", &plain));
    }
}
