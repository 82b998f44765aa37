//! The scenarios the picker offers: the shipped `scenarios` folder and the user's own.

use std::path::PathBuf;

use bevy::prelude::*;

use crate::scenario::{self, Diagnostic, ValidScenario};

/// The scenarios found, valid or not.
#[derive(Resource, Default)]
pub struct Library {
    pub entries: Vec<LibraryEntry>,
}

pub struct LibraryEntry {
    pub path: PathBuf,
    pub scenario: Result<ValidScenario, Vec<Diagnostic>>,
    /// The file was edited and reloaded while the game was open.
    pub reloaded: bool,
}

impl Library {
    /// Every `*.ron` in the shipped `scenarios` folder and the user's own folder
    /// (`~/.joined-up/scenarios`), in name order, then each case built into the game that no
    /// file has the id of; `extra` (a file named on the command line) first.
    pub fn scan(extra: Option<PathBuf>) -> Library {
        Library::from_folders(&Library::folders(), extra)
    }

    /// [`scan`](Self::scan) of the given folders.
    pub fn from_folders(folders: &[PathBuf], extra: Option<PathBuf>) -> Library {
        let mut entries = Vec::new();
        for f in folders {
            for path in scenario::scenario_files(f).unwrap_or_default() {
                entries.push(LibraryEntry {
                    scenario: scenario::load_file(&path),
                    path,
                    reloaded: false,
                });
            }
        }
        // The built-in cases, wherever the game runs; a file with the same id wins (an author
        // editing a shipped case sees their edit).
        for b in scenario::builtin::all() {
            let id = b.get().id.clone();
            let shadowed = entries
                .iter()
                .any(|e| e.scenario.as_ref().is_ok_and(|s| s.get().id == id));
            if !shadowed {
                entries.push(LibraryEntry {
                    path: PathBuf::from(format!("{}{id}", scenario::builtin::PREFIX)),
                    scenario: Ok(b),
                    reloaded: false,
                });
            }
        }
        let extra = extra.filter(|p| p.exists());
        if let Some(path) = extra
            && !entries.iter().any(|e| e.path == path)
        {
            entries.insert(
                0,
                LibraryEntry {
                    scenario: scenario::load_file(&path),
                    path,
                    reloaded: false,
                },
            );
        }
        Library { entries }
    }

    /// The folders scanned: the shipped `scenarios` folder and the user's own
    /// (`~/.joined-up/scenarios`), those that exist.
    pub fn folders() -> Vec<PathBuf> {
        let mut folders = vec![PathBuf::from("scenarios")];
        if let Some(own) = user_folder() {
            folders.push(own.join("scenarios"));
        }
        folders.retain(|f| f.is_dir());
        folders
    }
}

/// The user's own Joined Up folder, `~/.joined-up`, where their cases and their school's
/// self-assessment instrument live.
pub fn user_folder() -> Option<PathBuf> {
    std::env::var_os("HOME").map(|home| PathBuf::from(home).join(".joined-up"))
}
