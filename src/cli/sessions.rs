//! `joined-up replay` and `joined-up debrief`: both re-run a saved session, and refuse one that
//! does not reproduce.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use super::ReportFormat;
use crate::debrief::{Debrief, to_html, to_markdown};
use crate::scenario::ValidScenario;
use crate::session::{Outcome, Played, SessionFile, file::write_atomic, replay as replay_actions};

/// A session file re-run and checked against what it recorded.
struct Checked {
    file: SessionFile,
    scenario: ValidScenario,
    played: Played,
}

fn fail(msg: impl std::fmt::Display) -> ExitCode {
    eprintln!("{msg}");
    ExitCode::from(1)
}

/// Where the scenario is: `--scenario`, else the path the file recorded (as given, then
/// relative to the session file's folder).
fn scenario_path(
    path: &Path,
    file: &SessionFile,
    given: Option<&Path>,
) -> Result<PathBuf, ExitCode> {
    if let Some(p) = given {
        return Ok(p.to_path_buf());
    }
    let Some(recorded) = &file.scenario.path else {
        return Err(fail(format!(
            "error: {}: the session file does not say where scenario `{}` is\n  hint: name it with --scenario FILE",
            path.display(),
            file.scenario.id
        )));
    };
    let recorded = PathBuf::from(recorded);
    let beside = path.parent().map(|d| d.join(&recorded));
    if recorded.exists() {
        Ok(recorded)
    } else if let Some(b) = beside.filter(|b| b.exists()) {
        Ok(b)
    } else {
        Err(fail(format!(
            "error: {}: cannot find scenario `{}` at {}, where it was played\n  hint: name the scenario file with --scenario FILE",
            path.display(),
            file.scenario.id,
            recorded.display()
        )))
    }
}

fn check(path: &Path, scenario: Option<&Path>) -> Result<Checked, ExitCode> {
    let shown = path.display().to_string();
    let file = SessionFile::read(path).map_err(|e| fail(format!("error: {e}")))?;
    let spath = scenario_path(path, &file, scenario)?;
    let scenario = super::load_scenario(&spath)?;
    file.check_scenario(&shown, &scenario, &spath.display().to_string())
        .map_err(|e| fail(format!("error: {e}")))?;
    let played = replay_actions(&scenario, file.setting.as_deref(), file.seed, &file.actions)
        .map_err(|e| {
            fail(format!(
                "error: {shown}: the session cannot be replayed: {e}"
            ))
        })?;
    let differences = file.outcome.differences(&Outcome::of(&played));
    if !differences.is_empty() {
        return Err(fail(format!(
            "error: {shown}: replaying the session did not reproduce it:\n{}\n  hint: the file or this build of Joined Up differs from the one that played it",
            differences
                .iter()
                .map(|d| format!("  - {d}"))
                .collect::<Vec<_>>()
                .join("\n")
        )));
    }
    Ok(Checked {
        file,
        scenario,
        played,
    })
}

pub fn replay(path: &Path, scenario: Option<&Path>) -> ExitCode {
    match check(path, scenario) {
        Ok(c) => {
            let o = &c.file.outcome;
            println!(
                "{}: replayed {} actions over {} half-days of `{}` (seed {}): the outcome matches (total {:+}, {} crises suffered, {} averted{})",
                path.display(),
                c.file.actions.len(),
                o.slots_played,
                c.file.scenario.id,
                c.file.seed,
                o.total,
                o.crises_suffered,
                o.crises_averted,
                if o.finished { "" } else { "; unfinished" }
            );
            ExitCode::SUCCESS
        }
        Err(code) => code,
    }
}

pub fn debrief(
    path: &Path,
    out: Option<&Path>,
    format: Option<ReportFormat>,
    scenario: Option<&Path>,
) -> ExitCode {
    let c = match check(path, scenario) {
        Ok(c) => c,
        Err(code) => return code,
    };
    let format = format.unwrap_or_else(|| {
        match out
            .and_then(|o| o.extension())
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase)
            .as_deref()
        {
            Some("md" | "markdown") => ReportFormat::Md,
            Some("json") => ReportFormat::Json,
            _ => ReportFormat::Html,
        }
    });
    let players = [
        c.file.players.gp.to_string(),
        c.file.players.social_worker.to_string(),
    ];
    let d = Debrief::new(
        &c.scenario,
        c.file.setting.as_deref(),
        c.file.seed,
        players,
        &c.played,
    );
    let text = match format {
        ReportFormat::Html => to_html(&d),
        ReportFormat::Md => to_markdown(&d),
        ReportFormat::Json => d.to_json(),
    };
    match out {
        Some(o) => match write_atomic(o, text.as_bytes()) {
            Ok(()) => {
                eprintln!("wrote {}", o.display());
                ExitCode::SUCCESS
            }
            Err(e) => fail(format!("error: cannot write {}: {e}", o.display())),
        },
        None => match std::io::stdout().lock().write_all(text.as_bytes()) {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
            Err(e) => fail(format!("error: cannot write the report: {e}")),
        },
    }
}
