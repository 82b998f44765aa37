//! Scenario files: the RON format, its parser and validator, and the Bevy asset loader.
//!
//! The path from bytes to a playable case is always the same: [`load_bytes`] parses with
//! [`parse::parse_bytes`] and checks with [`validate::check`], giving a [`ValidScenario`] or
//! every problem found. The CLI, tests and the window's asset loader all go through it.

pub mod behaviour;
pub mod builtin;
pub mod diagnostic;
mod loader;
pub mod parse;
pub mod schema;
pub mod spans;
pub mod validate;

use std::path::Path;
use std::sync::Arc;

use bevy::prelude::*;
use sha2::{Digest, Sha256};

pub use diagnostic::{Diagnostic, Severity};
pub use loader::{ScenarioFile, ScenarioLoader};
pub use schema::*;

/// Registers the scenario asset and its loader (for hot reload in the window).
pub fn plugin(app: &mut App) {
    app.init_asset::<ScenarioFile>()
        .init_asset_loader::<ScenarioLoader>();
}

/// A scenario that parsed and passed validation. Only [`load_bytes`] makes one, so the
/// simulation can rely on every id it refers to existing.
#[derive(Debug, Clone)]
pub struct ValidScenario {
    scenario: Arc<Scenario>,
    hash: String,
    warnings: Vec<Diagnostic>,
}

impl ValidScenario {
    pub fn get(&self) -> &Scenario {
        &self.scenario
    }
    pub fn shared(&self) -> Arc<Scenario> {
        self.scenario.clone()
    }
    /// SHA-256 of the file's bytes, in hex: ties a session to the exact scenario text.
    pub fn hash(&self) -> &str {
        &self.hash
    }
    /// Problems that do not stop the scenario being played.
    pub fn warnings(&self) -> &[Diagnostic] {
        &self.warnings
    }

    /// The setting to play: the file's own (`None`) or a named variation.
    pub fn setting(&self, name: Option<&str>) -> Result<Setting, String> {
        match name {
            None => Ok(self.scenario.setting.clone()),
            Some(n) => match self.scenario.settings.get(n) {
                Some(over) => Ok(self.scenario.setting.with(over)),
                None => {
                    let known: Vec<&str> =
                        self.scenario.settings.keys().map(String::as_str).collect();
                    Err(if known.is_empty() {
                        format!(
                            "scenario `{}` has no named settings, so `{n}` is unknown",
                            self.scenario.id
                        )
                    } else {
                        format!(
                            "scenario `{}` has no setting `{n}`; {}",
                            self.scenario.id,
                            diagnostic::suggest(n, known.iter().copied())
                        )
                    })
                }
            },
        }
    }
}

/// SHA-256 of some bytes, in lower-case hex.
pub fn sha256_hex(bytes: &[u8]) -> String {
    let digest = Sha256::digest(bytes);
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

/// Parses and validates a scenario's bytes. `path` is used in messages only.
pub fn load_bytes(path: &str, bytes: &[u8]) -> Result<ValidScenario, Vec<Diagnostic>> {
    let scenario = parse::parse_bytes(path, bytes).map_err(|d| vec![d])?;
    // parse_bytes has already checked the bytes are UTF-8.
    let text = String::from_utf8_lossy(parse::strip_bom(bytes));
    let found = validate::check(path, &text, &scenario);
    if found.iter().any(Diagnostic::is_error) {
        return Err(found);
    }
    let mut scenario = scenario;
    scenario.normalise();
    Ok(ValidScenario {
        scenario: Arc::new(scenario),
        hash: sha256_hex(bytes),
        warnings: found,
    })
}

/// Reads, parses and validates a scenario file. A missing, unreadable or oversized file is a
/// diagnostic like any other.
pub fn load_file(path: &Path) -> Result<ValidScenario, Vec<Diagnostic>> {
    let shown = path.display().to_string();
    let bytes = read_limited(path).map_err(|d| vec![d])?;
    load_bytes(&shown, &bytes)
}

/// Reads a file of at most [`parse::MAX_BYTES`], without reading more than that of a huge one.
pub fn read_limited(path: &Path) -> Result<Vec<u8>, Diagnostic> {
    use std::io::Read;
    let shown = path.display().to_string();
    let fail =
        |message: String, hint: &str| Diagnostic::error(&shown, 1, 1, message).with_hint(hint);
    // Look before opening: opening a pipe or a device can block for ever.
    let meta = std::fs::metadata(path).map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => fail(
            "file not found".to_owned(),
            "check the path; scenarios live in the `scenarios/` folder",
        ),
        std::io::ErrorKind::PermissionDenied => fail(
            "permission denied".to_owned(),
            "check the file's permissions",
        ),
        _ => fail(format!("cannot open the file: {e}"), "check the path"),
    })?;
    if meta.is_dir() {
        return Err(fail(
            "this is a folder, not a file".to_owned(),
            "pass the folder to `joined-up validate` to check every scenario in it",
        ));
    }
    if !meta.is_file() {
        return Err(fail(
            "this is not a regular file (it is a pipe, a socket or a device), so it was not opened"
                .to_owned(),
            "save the case as an ordinary text file and name that",
        ));
    }
    let file = std::fs::File::open(path).map_err(|e| match e.kind() {
        std::io::ErrorKind::PermissionDenied => fail(
            "permission denied".to_owned(),
            "check the file's permissions",
        ),
        _ => fail(format!("cannot open the file: {e}"), "check the path"),
    })?;
    let mut bytes = Vec::new();
    file.take(parse::MAX_BYTES as u64 + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| {
            fail(
                format!("cannot read the file: {e}"),
                "check the file is not locked or damaged",
            )
        })?;
    if bytes.len() > parse::MAX_BYTES {
        return Err(fail(
            format!("file is too large (over {} bytes)", parse::MAX_BYTES),
            "a scenario is a text file of a few kilobytes; check this is the right file",
        ));
    }
    Ok(bytes)
}

/// The scenario files in a folder (`*.ron`, sorted, leaving out self-assessment instruments,
/// `*.instrument.ron`), or the path itself if it is a file.
pub fn scenario_files(path: &Path) -> std::io::Result<Vec<std::path::PathBuf>> {
    if !path.is_dir() {
        return Ok(vec![path.to_path_buf()]);
    }
    Ok(ron_files(path)?
        .into_iter()
        .filter(|p| !crate::self_assessment::instrument::is_instrument_path(p))
        .collect())
}

/// Every `*.ron` file in a folder, sorted (scenarios and instruments alike), or the path itself
/// if it is a file.
pub fn ron_files(path: &Path) -> std::io::Result<Vec<std::path::PathBuf>> {
    if !path.is_dir() {
        return Ok(vec![path.to_path_buf()]);
    }
    let mut files: Vec<_> = std::fs::read_dir(path)?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.is_file() && p.extension().is_some_and(|x| x == "ron"))
        .collect();
    files.sort();
    Ok(files)
}
