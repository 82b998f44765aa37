//! `joined-up validate --balance`: plays the computer players over many seeds, prints how each
//! pairing scored, and warns, with numbers, when a scenario does not reward collaboration over
//! siloed or merely polite handoffs, when farming the rubric pays, when a crisis never happens
//! or cannot be prevented, when a need is never met, or when a barrier it declares is never met.

use std::fmt::Write;

use crate::scenario::{Diagnostic, Severity, ValidScenario};
use crate::simulate::{FAIRNESS_PAIRINGS, Fairness, cohens_d, fairness};

fn warning(path: &str, message: String, hint: &str) -> Diagnostic {
    Diagnostic {
        severity: Severity::Warning,
        ..Diagnostic::error(path, 1, 1, message).with_hint(hint)
    }
}

/// The table of every pairing's scores: mean, standard deviation, Cohen's d against the two
/// collaborative players, and crises per session.
pub fn balance_table(path: &str, f: &Fairness) -> String {
    let place = f
        .setting
        .as_deref()
        .map_or_else(|| "as written".to_owned(), |n| format!("setting `{n}`"));
    let mut t = format!(
        "{path} ({place}, {} seeds per pairing):\n  {:<38} {:>7} {:>6} {:>7} {:>7}\n",
        f.seeds, "pairing", "mean", "sd", "d", "crises"
    );
    let collab = f.total("collaborative");
    for ((label, total), (_, crises)) in f.totals.iter().zip(&f.crises) {
        let d = if *label == "collaborative" {
            "".to_owned()
        } else {
            format!("{:.2}", cohens_d(&collab, total))
        };
        let _ = writeln!(
            t,
            "  {label:<38} {:>7.1} {:>6.1} {d:>7} {:>7.2}",
            total.mean, total.sd, crises.mean
        );
    }
    t
}

/// The table and the balance warnings for one scenario in one setting (no warnings when it is
/// well balanced).
pub fn balance_warnings(
    path: &str,
    s: &ValidScenario,
    setting: Option<&str>,
    seeds: u64,
) -> Result<(String, Vec<Diagnostic>), String> {
    let f = fairness(s, setting, seeds, &|| {})?;
    let table = balance_table(path, &f);
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
    for need in &f.needs_never_met {
        out.push(warning(
            path,
            format!(
                "{place}: need `{need}` was never met in {} sessions ({seeds} seeds × {pairings} pairings): no computer player found a way to meet it",
                seeds * pairings
            ),
            "check its `resolved_by`: who can meet it, whether the facts it `requires` can be learned, whether its package is affordable or its service reachable",
        ));
    }
    let collab_crises = f.crises[0].1.mean;
    let others_least = f.crises[1..]
        .iter()
        .map(|(_, c)| c.mean)
        .fold(f64::INFINITY, f64::min);
    if collab_crises > 0.0 && collab_crises >= others_least {
        out.push(warning(
            path,
            format!(
                "{place}: two collaborative players still suffer {collab_crises:.2} crises per session, as many as any other pairing ({others_least:.2})"
            ),
            "good practice should prevent crises: give the team time and a route to meet the needs that feed them",
        ));
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
    Ok((table, out))
}
