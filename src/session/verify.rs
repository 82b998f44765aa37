//! Checking a saved session: read and seal-check the file, find the scenario it was played on,
//! replay it, and confirm the replay reproduces what the file recorded. `replay`, `debrief`
//! and `cohort` all go through [`verify`].

use std::path::{Path, PathBuf};

use super::{Outcome, Played, Seal, SessionFile, replay_with};
use crate::scenario::ValidScenario;

/// A session file that replayed to exactly what it recorded.
#[derive(Debug, Clone)]
pub struct Verified {
    pub path: PathBuf,
    pub file: SessionFile,
    /// Whose seal it carries: checked here, or another installation's.
    pub seal: Seal,
    pub scenario: ValidScenario,
    /// Where the scenario was found.
    pub scenario_path: PathBuf,
    pub played: Played,
}

/// Where a session's scenario is: `given`, else the path the file recorded, relative to the
/// session file's own folder first, then to the current folder.
pub fn scenario_path(
    path: &Path,
    file: &SessionFile,
    given: Option<&Path>,
) -> Result<PathBuf, String> {
    if let Some(p) = given {
        return Ok(p.to_path_buf());
    }
    let Some(recorded) = &file.scenario.path else {
        return Err(format!(
            "error: {}: the session file does not say where scenario `{}` is\n  hint: name it with --scenario FILE",
            path.display(),
            file.scenario.id
        ));
    };
    let recorded = PathBuf::from(recorded);
    let beside = path.parent().map(|d| d.join(&recorded));
    if let Some(b) = beside.filter(|b| b.is_file()) {
        Ok(b)
    } else if recorded.is_file() {
        Ok(recorded)
    } else {
        Err(format!(
            "error: {}: cannot find scenario `{}` at {}, where it was played\n  hint: name the scenario file with --scenario FILE",
            path.display(),
            file.scenario.id,
            recorded.display()
        ))
    }
}

/// Reads, seal-checks and replays the session at `path` (on `scenario`, if given). The error
/// is a whole message for a person, starting `error:`.
pub fn verify(path: &Path, scenario: Option<&Path>) -> Result<Verified, String> {
    let shown = path.display().to_string();
    let (file, seal) = SessionFile::read_sealed(path).map_err(|e| format!("error: {e}"))?;
    // The exact version it was played on: the file it names (or `--scenario`), else the copy
    // built into this program when that is the same version.
    let builtin = crate::scenario::builtin::by_id(&file.scenario.id)
        .filter(|b| b.hash() == file.scenario.hash);
    let (spath, valid) = match (scenario_path(path, &file, scenario), builtin) {
        (Ok(p), b) => {
            let loaded = crate::scenario::load_file(&p).map_err(|problems| {
                problems
                    .iter()
                    .map(ToString::to_string)
                    .collect::<Vec<_>>()
                    .join("\n")
            });
            match (loaded, b) {
                (Ok(v), _) if v.hash() == file.scenario.hash || scenario.is_some() => (p, v),
                (_, Some(b)) if scenario.is_none() => (
                    PathBuf::from(format!(
                        "{}{}",
                        crate::scenario::builtin::PREFIX,
                        b.get().id
                    )),
                    b,
                ),
                (Ok(v), _) => (p, v),
                (Err(e), _) => return Err(e),
            }
        }
        (Err(_), Some(b)) => (
            PathBuf::from(format!(
                "{}{}",
                crate::scenario::builtin::PREFIX,
                b.get().id
            )),
            b,
        ),
        (Err(e), None) => return Err(e),
    };
    file.check_scenario(&shown, &valid, &spath.display().to_string())
        .map_err(|e| format!("error: {e}"))?;
    let played = replay_with(
        &valid,
        file.setting.as_deref(),
        file.seed,
        &file.actions,
        &file.interventions,
    )
    .map_err(|e| format!("error: {shown}: the session cannot be replayed: {e}"))?;
    let differences = file.outcome.differences(&Outcome::of(&played));
    if !differences.is_empty() {
        return Err(format!(
            "error: {shown}: replaying the session did not reproduce it:\n{}\n  hint: the file or this build of Joined Up differs from the one that played it",
            differences
                .iter()
                .map(|d| format!("  - {d}"))
                .collect::<Vec<_>>()
                .join("\n")
        ));
    }
    Ok(Verified {
        path: path.to_path_buf(),
        file,
        seal,
        scenario: valid,
        scenario_path: spath,
        played,
    })
}
