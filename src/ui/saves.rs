//! Saving a session to finish later, and picking it up again: the window writes the same
//! session file `replay` reads, and resuming plays its actions back at once, each a
//! [`step`](crate::sim::step) from the seat the file recorded, before handing the keyboard back.

use std::path::{Path, PathBuf};

use crate::session::{Player, SessionFile};
use crate::sim::Role;

use super::strings as s;
use super::{Game, Library, Mode};

/// Where the window saves sessions, reports and journals: `JOINED_UP_SAVES` if set, else
/// `joined-up-sessions` in the folder the game was started from.
pub fn folder() -> PathBuf {
    std::env::var_os("JOINED_UP_SAVES")
        .filter(|v| !v.is_empty())
        .map_or_else(|| PathBuf::from("joined-up-sessions"), PathBuf::from)
}

/// A saved session as the list shows it.
pub struct Saved {
    pub path: PathBuf,
    pub label: String,
}

/// Session files in `dir`, newest first. A file that cannot be read is listed with the
/// reason, so a student is not left wondering where their save went.
pub fn list(dir: &Path) -> Vec<Saved> {
    super::store::list(dir, ".session.ron")
        .into_iter()
        .map(|name| {
            let path = dir.join(&name);
            let label = match read(&path) {
                Ok(f) => s::saved_label(
                    &f.scenario.title,
                    f.setting.as_deref().unwrap_or(s::AS_WRITTEN),
                    f.actions.len(),
                    f.outcome.finished,
                    &name,
                ),
                Err(_) => format!("{name} {}", s::UNREADABLE),
            };
            Saved { path, label }
        })
        .collect()
}

/// Reads and checks a saved session (from its folder, or the browser's storage).
fn read(path: &Path) -> Result<SessionFile, String> {
    #[cfg(not(target_arch = "wasm32"))]
    {
        SessionFile::read(path).map_err(|e| e.to_string())
    }
    #[cfg(target_arch = "wasm32")]
    {
        let dir = path.parent().unwrap_or(Path::new("."));
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let text = super::store::read(dir, &name).map_err(|e| format!("{name}: {e}"))?;
        SessionFile::from_text(&name, &text).map_err(|e| e.to_string())
    }
}

/// Prepares `game` to continue the session in `path`: finds its scenario in the library
/// (the exact version it was played with), and queues its actions. Returns the library index.
pub fn prepare(game: &mut Game, library: &Library, path: &Path) -> Result<usize, String> {
    let file = read(path)?;
    if file.outcome.finished {
        return Err(format!("{} {}", path.display(), s::FINISHED_SESSION));
    }
    let index = library_index(library, &file.scenario)?;
    let mode = match (file.players.gp, file.players.social_worker) {
        (Player::Person, Player::Person) => Mode::Hotseat,
        (Player::Person, _) => Mode::Solo(Role::Gp),
        (_, Player::Person) => Mode::Solo(Role::SocialWorker),
        _ => {
            return Err(format!("{} {}", path.display(), s::COMPUTERS_ONLY));
        }
    };
    game.pick = index;
    game.setting = file.setting.clone();
    game.seed = file.seed;
    game.mode = mode;
    game.active = match mode {
        Mode::Solo(r) => r,
        Mode::Hotseat => Role::Gp,
    };
    game.resuming = file.actions;
    // Answers given before the session was saved come back with it (on the instrument they
    // were given on, whatever this machine's instrument is now).
    match file.self_assessment {
        Some(a) => game.self_assessment = a,
        None => game.fresh_self_assessment(),
    }
    game.save_as = path.file_name().map(|n| {
        n.to_string_lossy()
            .trim_end_matches(".session.ron")
            .to_owned()
    });
    Ok(index)
}

/// An interrupted session, as the title screen offers it.
#[derive(Debug, Clone)]
pub struct Interrupted {
    pub path: PathBuf,
    pub label: String,
}

/// Journals left in `dir` by sessions that ended without being left or saved (a crash, a
/// power cut, `kill -9`), newest first.
pub fn interrupted(dir: &Path) -> Vec<Interrupted> {
    crate::session::journal::journals(dir)
        .into_iter()
        .filter_map(|path| {
            let r = crate::session::journal::recover(&path).ok()?;
            let actions = r.actions().len();
            Some(Interrupted {
                label: s::interrupted_label(
                    &r.header.scenario.title,
                    actions,
                    &r.header.started_at,
                ),
                path,
            })
        })
        .collect()
}

/// Prepares `game` to carry on the session a journal kept, as [`prepare`] does for a saved
/// session file. Returns the library index, and whether the last action was lost.
pub fn prepare_journal(
    game: &mut Game,
    library: &Library,
    path: &Path,
) -> Result<(usize, bool), String> {
    let r = crate::session::journal::recover(path).map_err(|e| e.to_string())?;
    let h = &r.header;
    let index = library_index(library, &h.scenario)?;
    let mode = match (h.players.gp, h.players.social_worker) {
        (Player::Person, Player::Person) => Mode::Hotseat,
        (Player::Person, Player::Computer(k)) => {
            game.partner_kind = k;
            Mode::Solo(Role::Gp)
        }
        (Player::Computer(k), Player::Person) => {
            game.partner_kind = k;
            Mode::Solo(Role::SocialWorker)
        }
        _ => return Err(format!("{} {}", path.display(), s::COMPUTERS_ONLY)),
    };
    game.pick = index;
    game.setting = h.setting.clone();
    game.seed = h.seed;
    game.mode = mode;
    game.active = match mode {
        Mode::Solo(r) => r,
        Mode::Hotseat => Role::Gp,
    };
    game.fresh_self_assessment();
    r.answers_into(&mut game.self_assessment);
    game.resuming = r.actions();
    game.save_as = path.file_stem().map(|n| n.to_string_lossy().into_owned());
    Ok((index, r.torn || r.damaged_at.is_some()))
}

/// Where the library holds the very case a session was played on, or why it is not there.
fn library_index(
    library: &Library,
    case: &crate::session::file::ScenarioRef,
) -> Result<usize, String> {
    library
        .entries
        .iter()
        .position(|e| e.scenario.as_ref().is_ok_and(|s| case.is(s)))
        .ok_or_else(|| s::case_gone(&case.id, &case.hash.chars().take(12).collect::<String>()))
}
