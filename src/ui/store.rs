//! Where the window keeps what it saves: a folder on a desktop (`joined-up-sessions/`), the
//! browser's local storage in the web build, where there are no files. Either way the text is
//! the same session file `joined-up replay` reads; in a browser it can also be downloaded.

use std::path::Path;

/// Writes `bytes` as `name` in `dir`, whole or not at all.
pub fn write(dir: &Path, name: &str, bytes: &[u8]) -> std::io::Result<()> {
    #[cfg(not(target_arch = "wasm32"))]
    {
        std::fs::create_dir_all(dir)?;
        crate::session::file::write_atomic(&dir.join(name), bytes)
    }
    #[cfg(target_arch = "wasm32")]
    {
        let _ = dir;
        let text = std::str::from_utf8(bytes).map_err(std::io::Error::other)?;
        web::set(&web::key(name), text)?;
        web::set(&web::stamp(name), &crate::clock::unix_seconds().to_string())
    }
}

/// The text saved as `name` in `dir`.
#[cfg_attr(
    not(target_arch = "wasm32"),
    allow(
        dead_code,
        reason = "the desktop reads session files through SessionFile::read"
    )
)]
pub fn read(dir: &Path, name: &str) -> std::io::Result<String> {
    #[cfg(not(target_arch = "wasm32"))]
    {
        std::fs::read_to_string(dir.join(name))
    }
    #[cfg(target_arch = "wasm32")]
    {
        let _ = dir;
        web::get(&web::key(name)).ok_or_else(|| {
            std::io::Error::new(std::io::ErrorKind::NotFound, "not saved in this browser")
        })
    }
}

/// The names saved in `dir` that end in `suffix`, newest first.
pub fn list(dir: &Path, suffix: &str) -> Vec<String> {
    #[cfg(not(target_arch = "wasm32"))]
    let mut found: Vec<(std::time::SystemTime, String)> = std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .filter_map(Result::ok)
        .filter_map(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            let t = e.metadata().and_then(|m| m.modified()).ok()?;
            name.ends_with(suffix).then_some((t, name))
        })
        .collect();
    #[cfg(target_arch = "wasm32")]
    let mut found: Vec<(u64, String)> = {
        let _ = dir;
        web::names()
            .into_iter()
            .filter(|n| n.ends_with(suffix))
            .map(|n| {
                let t = web::get(&web::stamp(&n))
                    .and_then(|t| t.parse().ok())
                    .unwrap_or(0);
                (t, n)
            })
            .collect()
    };
    found.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    found.into_iter().map(|(_, n)| n).collect()
}

/// Offers `text` to the person as a file to download, where the game runs in a browser.
pub fn download(name: &str, mime: &str, text: &str) -> Result<(), String> {
    #[cfg(target_arch = "wasm32")]
    {
        web::download(name, mime, text)
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        let _ = (name, mime, text);
        Err("downloads are for the web build; the desktop game saves files".to_owned())
    }
}

/// Whether saved files can be downloaded here (the web build).
pub const DOWNLOADS: bool = cfg!(target_arch = "wasm32");

#[cfg(target_arch = "wasm32")]
mod web {
    use wasm_bindgen::JsCast;

    const PREFIX: &str = "joined-up/files/";
    const STAMP: &str = "joined-up/saved-at/";

    pub fn key(name: &str) -> String {
        format!("{PREFIX}{name}")
    }
    pub fn stamp(name: &str) -> String {
        format!("{STAMP}{name}")
    }

    fn storage() -> Option<web_sys::Storage> {
        web_sys::window()?.local_storage().ok()?
    }

    pub fn set(key: &str, value: &str) -> std::io::Result<()> {
        storage()
            .ok_or_else(|| std::io::Error::other("this browser keeps no local storage"))?
            .set_item(key, value)
            .map_err(|_| std::io::Error::other("the browser's storage is full or turned off"))
    }

    pub fn get(key: &str) -> Option<String> {
        storage()?.get_item(key).ok()?
    }

    pub fn names() -> Vec<String> {
        let Some(s) = storage() else {
            return Vec::new();
        };
        let n = s.length().unwrap_or(0);
        (0..n)
            .filter_map(|i| s.key(i).ok().flatten())
            .filter_map(|k| k.strip_prefix(PREFIX).map(str::to_owned))
            .collect()
    }

    pub fn download(name: &str, mime: &str, text: &str) -> Result<(), String> {
        let fail = |what: &str| format!("could not offer the download: {what}");
        let window = web_sys::window().ok_or_else(|| fail("no window"))?;
        let document = window.document().ok_or_else(|| fail("no document"))?;
        let parts = js_sys::Array::new();
        parts.push(&wasm_bindgen::JsValue::from_str(text));
        let options = web_sys::BlobPropertyBag::new();
        options.set_type(mime);
        let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options)
            .map_err(|_| fail("no blob"))?;
        let url = web_sys::Url::create_object_url_with_blob(&blob).map_err(|_| fail("no url"))?;
        let a: web_sys::HtmlAnchorElement = document
            .create_element("a")
            .map_err(|_| fail("no link"))?
            .dyn_into()
            .map_err(|_| fail("no link"))?;
        a.set_href(&url);
        a.set_download(name);
        a.click();
        let _ = web_sys::Url::revoke_object_url(&url);
        Ok(())
    }
}
