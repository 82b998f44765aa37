//! `joined-up validate --balance`: plays the computer players over many seeds and warns, with
//! numbers, when a scenario does not reward collaboration, when a crisis never happens or can
//! never be prevented, or when a barrier it declares is never met.

use crate::scenario::{Diagnostic, Severity, ValidScenario};
use crate::simulate::{FAIRNESS_PAIRINGS, fairness};

fn warning(path: &str, message: String, hint: &str) -> Diagnostic {
    Diagnostic {
        severity: Severity::Warning,
        ..Diagnostic::error(path, 1, 1, message).with_hint(hint)
    }
}

/// The balance warnings for one scenario in one setting (none when it is well balanced).
pub fn balance_warnings(
    path: &str,
    s: &ValidScenario,
    setting: Option<&str>,
    seeds: u64,
) -> Result<Vec<Diagnostic>, String> {
    let f = fairness(s, setting, seeds, &|| {})?;
    let place = setting.map_or_else(|| "as written".to_owned(), |n| format!("in setting `{n}`"));
    let mut out = Vec::new();
    for p in &f.problems {
        out.push(warning(
            path,
            format!("{place}: {p}"),
            "make the work that needs both professions matter more: needs only the other side can meet, facts only the other side can reveal, crises that follow unmet needs",
        ));
    }
    let pairings = FAIRNESS_PAIRINGS.len() as u64;
    for c in &f.crisis_counts {
        if c.any == 0 {
            out.push(warning(
                path,
                format!(
                    "{place}: crisis `{}` never happened in {} sessions ({seeds} seeds × {pairings} pairings), even with siloed and random players",
                    c.crisis, c.sessions
                ),
                "raise the risk_per_day of the needs that feed it, or lower its threshold",
            ));
        } else if c.collaborative == seeds {
            out.push(warning(
                path,
                format!(
                    "{place}: crisis `{}` happened in all {seeds} sessions of two collaborative players: good practice cannot prevent it",
                    c.crisis
                ),
                "give the team time to meet the needs that feed it: lower their risk_per_day, start the crisis's risk lower, or reveal the facts sooner",
            ));
        }
    }
    for b in &s.get().barriers {
        if !f.barriers_met.contains(b) {
            out.push(warning(
                path,
                format!(
                    "{place}: the case declares the barrier {:?} ({}), but no session met it",
                    b,
                    b.label()
                ),
                "add the mechanic that shows it (see docs/authoring.md, \"Teaching each barrier\"), or drop it from `barriers`",
            ));
        }
    }
    Ok(out)
}
