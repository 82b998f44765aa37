//! Session files: a whole session (the scenario it was played on, the seed, who played, every
//! action in order and a summary of the outcome) as readable RON, closed by a checksum line.
//!
//! ```text
//! // Joined Up session file. Check or re-run it with `joined-up replay FILE`.
//! (
//!     format: 3,
//!     scenario: (id: "home_from_hospital", title: "…", format: 1, hash: "3f1c…", path: Some("…")),
//!     …
//! )
//! // sealed: hmac-sha256 key=4be0c2a19d7e3f50 9b2e…
//! ```
//!
//! The seal covers every byte before its own line and is keyed with this installation's
//! secret ([`super::seal`]), so on the computer that wrote it a file that was edited (and
//! re-checksummed), truncated or damaged is refused rather than replayed into a different
//! story. Elsewhere the seal cannot be checked, and the file is read with that said.

use std::fs;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::{Played, Recorded};
use crate::bots::PolicyKind;
use crate::scenario::{ValidScenario, sha256_hex};
use crate::sim::{EventLog, Role};

pub use super::seal::{Key, SEAL};

/// The session file format this build writes and reads. Format 2: refusals are stored as typed
/// values in the event log, so the log's checksum differs from format 1's for the same play.
/// Format 3: the file is sealed with a key kept per installation, not a plain checksum.
pub const SESSION_FORMAT: u32 = 3;

/// Largest session file read (a long session is a few hundred kilobytes).
const MAX_BYTES: u64 = 32 * 1024 * 1024;

const HEADER: &str =
    "// Joined Up session file. Check or re-run it with `joined-up replay FILE`.\n";
/// The plain checksum line of format 1 and 2 files, which anyone could recompute.
const OLD_CHECKSUM: &str = "// sha256: ";

/// Whose seal a file carries.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Seal {
    /// This installation's: checked, and it matches.
    Here,
    /// Another installation's (named by its key's id): it cannot be checked here.
    Elsewhere { key: String },
}

impl std::fmt::Display for Seal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Seal::Here => f.write_str("sealed on this computer, and unchanged since"),
            Seal::Elsewhere { key } => write!(
                f,
                "sealed on another computer (key {key}), so its seal cannot be checked here: it may have been edited"
            ),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SessionFile {
    pub format: u32,
    pub scenario: ScenarioRef,
    /// The named setting played, or `None` for the scenario's own.
    pub setting: Option<String>,
    pub seed: u64,
    pub players: Players,
    /// When the session was played (its last save), as an ISO 8601 UTC time; absent in files
    /// written before it was recorded.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub played_at: Option<String>,
    pub actions: Vec<Recorded>,
    /// The facilitator's interventions (LAN play), each after so many actions.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub interventions: Vec<(usize, crate::sim::Intervention)>,
    pub outcome: Outcome,
    /// The players' self-assessments, where they gave them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub self_assessment: Option<crate::self_assessment::SelfAssessment>,
}

/// Which scenario, exactly.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ScenarioRef {
    pub id: String,
    pub title: String,
    /// The scenario format version the file was written in.
    pub format: u32,
    /// SHA-256 of the scenario file's bytes.
    pub hash: String,
    /// Where the file was, when known (a hint for finding it again).
    pub path: Option<String>,
}

impl ScenarioRef {
    /// Whether `scenario` is this very case: the same id and the same bytes.
    pub fn is(&self, scenario: &crate::scenario::ValidScenario) -> bool {
        scenario.get().id == self.id && scenario.hash() == self.hash
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Players {
    pub gp: Player,
    pub social_worker: Player,
}

impl Players {
    pub fn get(&self, role: Role) -> Player {
        match role {
            Role::Gp => self.gp,
            Role::SocialWorker => self.social_worker,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Player {
    Person,
    Computer(PolicyKind),
}

impl std::fmt::Display for Player {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Player::Person => f.write_str("a person"),
            Player::Computer(k) => write!(f, "the {k} computer player"),
        }
    }
}

/// What the actions led to: enough to tell whether a replay reproduced the session.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Outcome {
    pub finished: bool,
    /// Half-days played.
    pub slots_played: u32,
    pub log_entries: usize,
    /// SHA-256 of the event log (as JSON).
    pub log_sha256: String,
    pub total: i32,
    pub crises_suffered: u32,
    pub crises_averted: u32,
}

impl Outcome {
    pub fn of(played: &Played) -> Outcome {
        Outcome {
            finished: played.finished,
            slots_played: played.log.entries.last().map_or(0, |e| e.slot.0 + 1),
            log_entries: played.log.entries.len(),
            log_sha256: log_hash(&played.log),
            total: played.score.total,
            crises_suffered: played.score.crises_suffered,
            crises_averted: played.score.crises_averted,
        }
    }

    /// The differences between what a file recorded (`self`) and a replay (`other`), in words.
    pub fn differences(&self, other: &Outcome) -> Vec<String> {
        let mut d = Vec::new();
        let mut cmp = |what: &str, a: String, b: String| {
            if a != b {
                d.push(format!("{what}: the file says {a}, the replay gives {b}"));
            }
        };
        cmp(
            "finished",
            self.finished.to_string(),
            other.finished.to_string(),
        );
        cmp(
            "half-days played",
            self.slots_played.to_string(),
            other.slots_played.to_string(),
        );
        cmp(
            "event log entries",
            self.log_entries.to_string(),
            other.log_entries.to_string(),
        );
        cmp(
            "total score",
            self.total.to_string(),
            other.total.to_string(),
        );
        cmp(
            "crises suffered",
            self.crises_suffered.to_string(),
            other.crises_suffered.to_string(),
        );
        cmp(
            "crises averted",
            self.crises_averted.to_string(),
            other.crises_averted.to_string(),
        );
        cmp(
            "event log checksum",
            self.log_sha256.clone(),
            other.log_sha256.clone(),
        );
        d
    }
}

/// SHA-256 of the event log's JSON form.
pub fn log_hash(log: &EventLog) -> String {
    let json = serde_json::to_vec(&log.entries).unwrap_or_default();
    sha256_hex(&json)
}

/// Why a session file could not be used.
#[derive(Debug, thiserror::Error, PartialEq)]
pub enum SessionFileError {
    #[error("{path}: cannot read the file: {reason}")]
    Read { path: String, reason: String },
    #[error(
        "{path}: the file is truncated or is not a Joined Up session file (its closing seal line is missing)\n  hint: session files are written by `joined-up simulate --save-dir` and by the game; use the original file"
    )]
    NoChecksum { path: String },
    #[error(
        "{path}: the file was changed after it was written (its seal does not match its content)\n  hint: a session file must not be edited; use the original file"
    )]
    Tampered { path: String },
    #[error(
        "{path}: the file was written by an older version of Joined Up, with a plain checksum anyone could recompute, so it cannot show it was not edited\n  hint: replay it with the version of Joined Up that wrote it"
    )]
    Unsealed { path: String },
    #[error("{path}: cannot seal the file: {reason}")]
    NoKey { path: String, reason: String },
    #[error("{path}:{line}:{column}: error: {message}")]
    Syntax {
        path: String,
        line: usize,
        column: usize,
        message: String,
    },
    #[error(
        "{path}: the file is in session format {found}, and this build of Joined Up reads format {SESSION_FORMAT}\n  hint: replay it with the version of Joined Up that wrote it"
    )]
    Format { path: String, found: u32 },
    #[error(
        "{path}: the session was played on a different version of scenario `{id}` (the file records scenario hash {recorded}…, the scenario file {scenario_path} has {found}…)\n  hint: replay it with the scenario file it was played with, e.g. `joined-up replay {path} --scenario OLD_FILE`"
    )]
    ScenarioChanged {
        path: String,
        id: String,
        recorded: String,
        found: String,
        scenario_path: String,
    },
}

impl SessionFile {
    /// The file for a session played (to the end, or so far) on `scenario`.
    pub fn new(
        scenario: &ValidScenario,
        scenario_path: Option<&Path>,
        setting: Option<&str>,
        seed: u64,
        players: Players,
        played: &Played,
    ) -> SessionFile {
        SessionFile {
            format: SESSION_FORMAT,
            scenario: ScenarioRef {
                id: scenario.get().id.clone(),
                title: scenario.get().title.clone(),
                format: scenario.get().format,
                hash: scenario.hash().to_owned(),
                path: scenario_path.map(|p| p.display().to_string()),
            },
            setting: setting.map(str::to_owned),
            seed,
            players,
            played_at: Some(now_iso8601()),
            actions: played.actions.clone(),
            interventions: played.interventions.clone(),
            outcome: Outcome::of(played),
            self_assessment: None,
        }
    }

    /// The same file, carrying the players' self-assessments (none if nobody answered).
    pub fn with_self_assessment(
        mut self,
        s: Option<&crate::self_assessment::SelfAssessment>,
    ) -> SessionFile {
        self.self_assessment = s.filter(|s| !s.is_empty()).cloned();
        self
    }

    /// The file's text, sealed with `key`: header, RON body and seal line.
    pub fn to_text_sealed(&self, key: &Key) -> String {
        let config = ron::ser::PrettyConfig::new()
            .depth_limit(2)
            .struct_names(false)
            .separate_tuple_members(false);
        let body = ron::ser::to_string_pretty(self, config)
            .expect("a session always serialises: it holds only strings, numbers and enums");
        let content = format!("{HEADER}{body}\n");
        let seal = key.seal(content.as_bytes());
        format!("{content}{SEAL}{} {seal}\n", key.id())
    }

    /// The file's text, sealed with this installation's key (made on first use).
    pub fn to_text(&self) -> Result<String, SessionFileError> {
        let key = Key::get_or_create().map_err(|reason| SessionFileError::NoKey {
            path: self.default_name().display().to_string(),
            reason,
        })?;
        Ok(self.to_text_sealed(&key))
    }

    /// Reads a session file's text, checking its seal (with `key`, this installation's, where
    /// there is one) and format. `path` names it in messages.
    pub fn from_text_with(
        path: &str,
        text: &str,
        key: Option<&Key>,
    ) -> Result<(SessionFile, Seal), SessionFileError> {
        let trimmed = text.strip_suffix('\n').unwrap_or(text);
        let (content, last) = match trimmed.rfind('\n') {
            Some(i) => (&text[..=i], &trimmed[i + 1..]),
            None => ("", trimmed),
        };
        if last.starts_with(OLD_CHECKSUM) {
            return Err(SessionFileError::Unsealed { path: path.into() });
        }
        // A seal cut short is a truncated file, not an edited one.
        let sealed = last.strip_prefix(SEAL).and_then(|rest| {
            let (id, mac) = rest.trim().split_once(' ')?;
            let hex = |s: &str, n: usize| s.len() == n && s.bytes().all(|b| b.is_ascii_hexdigit());
            (hex(id, 16) && hex(mac, 64)).then_some((id, mac))
        });
        let Some((id, mac)) = sealed else {
            return Err(SessionFileError::NoChecksum { path: path.into() });
        };
        let seal = match key {
            Some(k) if k.id() == id => {
                if !k.verifies(content.as_bytes(), mac) {
                    return Err(SessionFileError::Tampered { path: path.into() });
                }
                Seal::Here
            }
            _ => Seal::Elsewhere { key: id.to_owned() },
        };
        let file: SessionFile = ron::from_str(content).map_err(|e| SessionFileError::Syntax {
            path: path.into(),
            line: e.span.start.line,
            column: e.span.start.col,
            message: crate::scenario::diagnostic::inert(&e.code.to_string(), 300),
        })?;
        if file.format != SESSION_FORMAT {
            return Err(SessionFileError::Format {
                path: path.into(),
                found: file.format,
            });
        }
        Ok((file, seal))
    }

    /// [`from_text_with`](Self::from_text_with) this installation's key.
    pub fn from_text(path: &str, text: &str) -> Result<SessionFile, SessionFileError> {
        Self::from_text_with(path, text, Key::existing().as_ref()).map(|(f, _)| f)
    }

    /// Reads and checks a session file from disk, with whose seal it carries.
    pub fn read_sealed(path: &Path) -> Result<(SessionFile, Seal), SessionFileError> {
        let shown = path.display().to_string();
        let text = read_text(path, &shown)?;
        Self::from_text_with(&shown, &text, Key::existing().as_ref())
    }

    /// Reads and checks a session file from disk.
    pub fn read(path: &Path) -> Result<SessionFile, SessionFileError> {
        Self::read_sealed(path).map(|(f, _)| f)
    }

    /// Writes the file atomically: to a temporary file beside it, flushed to disk, then
    /// renamed over `path`, so a crash never leaves half a session behind.
    pub fn write(&self, path: &Path) -> std::io::Result<()> {
        let text = self.to_text().map_err(std::io::Error::other)?;
        write_atomic(path, text.as_bytes())
    }
}

/// A session file's text, read with the limits every reader applies.
fn read_text(path: &Path, shown: &str) -> Result<String, SessionFileError> {
    {
        let shown = shown.to_owned();
        let read_err = |reason: String| SessionFileError::Read {
            path: shown.clone(),
            reason,
        };
        // Look before opening: opening a pipe or a device can block for ever.
        let meta = fs::metadata(path).map_err(|e| read_err(e.to_string()))?;
        if !meta.is_file() {
            return Err(read_err(if meta.is_dir() {
                "it is a folder, not a session file".to_owned()
            } else {
                "it is not a regular file (a pipe, a socket or a device), so it was not opened"
                    .to_owned()
            }));
        }
        let f = fs::File::open(path).map_err(|e| read_err(e.to_string()))?;
        let mut bytes = Vec::new();
        f.take(MAX_BYTES + 1)
            .read_to_end(&mut bytes)
            .map_err(|e| read_err(e.to_string()))?;
        if bytes.len() as u64 > MAX_BYTES {
            return Err(read_err(format!(
                "it is larger than {} MiB, far more than any session",
                MAX_BYTES / 1024 / 1024
            )));
        }
        String::from_utf8(bytes)
            .map_err(|_| read_err("it is not UTF-8 text, so not a session file".into()))
    }
}

impl SessionFile {
    /// Checks the file was written for this exact scenario.
    pub fn check_scenario(
        &self,
        path: &str,
        scenario: &ValidScenario,
        scenario_path: &str,
    ) -> Result<(), SessionFileError> {
        if scenario.hash() != self.scenario.hash || scenario.get().id != self.scenario.id {
            return Err(SessionFileError::ScenarioChanged {
                path: path.into(),
                id: self.scenario.id.clone(),
                recorded: short(&self.scenario.hash),
                found: short(scenario.hash()),
                scenario_path: scenario_path.into(),
            });
        }
        Ok(())
    }

    /// A file name for this session: `<scenario>-<seed>.session.ron`.
    pub fn default_name(&self) -> PathBuf {
        PathBuf::from(format!("{}-{}.session.ron", self.scenario.id, self.seed))
    }
}

/// The time now, as ISO 8601 in UTC to the second: `2026-12-03T14:18:38Z`.
pub fn now_iso8601() -> String {
    humantime::format_rfc3339_seconds(crate::clock::now()).to_string()
}

fn short(hash: &str) -> String {
    hash.chars().take(12).collect()
}

/// Temporary files being written now, so an interrupt can remove them; and whether an
/// interrupt has come (no new file is started after it).
static IN_FLIGHT: std::sync::Mutex<(bool, Vec<PathBuf>)> =
    std::sync::Mutex::new((false, Vec::new()));

/// On Ctrl-C (SIGINT), removes every temporary file [`write_atomic`] is part-way through, then
/// exits with status 130, the shell's code for an interrupt. Files already written are whole
/// (each appears by a rename), so nothing half-written is ever left behind. Installed once.
pub fn remove_temporaries_on_interrupt() {
    #[cfg(not(target_arch = "wasm32"))]
    {
        static ONCE: std::sync::Once = std::sync::Once::new();
        ONCE.call_once(|| {
            let _ = ctrlc::set_handler(|| {
                if let Ok(mut v) = IN_FLIGHT.lock() {
                    v.0 = true;
                    for p in v.1.drain(..) {
                        let _ = fs::remove_file(p);
                    }
                }
                let _ = writeln!(
                    std::io::stderr(),
                    "interrupted: every file already written is complete; nothing half-written is left"
                );
                std::process::exit(130);
            });
        });
    }
}

/// Writes `bytes` to `path` through a temporary file and a rename.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "session".into());
    let tmp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    if let Ok(mut v) = IN_FLIGHT.lock() {
        if v.0 {
            return Err(std::io::Error::other("interrupted"));
        }
        v.1.push(tmp.clone());
    }
    let result = (|| {
        let mut f = fs::File::create(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
        fs::rename(&tmp, path)
    })();
    if result.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    if let Ok(mut v) = IN_FLIGHT.lock() {
        v.1.retain(|p| p != &tmp);
    }
    result
}
