//! `joined-up replay` and `joined-up debrief`: both re-run a saved session, and refuse one that
//! does not reproduce.

use std::path::Path;
use std::process::ExitCode;

use super::ReportFormat;
use crate::debrief::{Debrief, to_html, to_markdown};
use crate::session::{Verified, verify};

fn fail(msg: impl std::fmt::Display) -> ExitCode {
    tell!("{msg}");
    ExitCode::from(1)
}

fn check(path: &Path, scenario: Option<&Path>) -> Result<Verified, ExitCode> {
    verify(path, scenario).map_err(fail)
}

pub fn replay(path: &Path, scenario: Option<&Path>) -> ExitCode {
    match check(path, scenario) {
        Ok(c) => {
            let o = &c.file.outcome;
            say!(
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
            match &c.seal {
                crate::session::Seal::Here => say!("{}: {}", path.display(), c.seal),
                crate::session::Seal::Elsewhere { .. } => {
                    tell!("warning: {}: {}", path.display(), c.seal)
                }
            }
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
    force: bool,
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
    )
    .with_self_assessment(c.file.self_assessment.as_ref())
    .with_seal(&c.seal);
    let text = match format {
        ReportFormat::Html => to_html(&d),
        ReportFormat::Md => to_markdown(&d),
        ReportFormat::Json => d.to_json(),
    };
    match out {
        Some(o) => match super::write_output(o, text.as_bytes(), force) {
            Ok(()) => {
                tell!("wrote {}", o.display());
                ExitCode::SUCCESS
            }
            Err(e) => fail(e),
        },
        None => {
            if super::print(&text) {
                ExitCode::SUCCESS
            } else {
                ExitCode::from(1)
            }
        }
    }
}
