//! `joined-up validate --balance`: plays the computer players over many seeds, prints how each
//! pairing scored, and warns, with numbers, when a scenario does not reward collaboration over
//! siloed or merely polite handoffs, when farming the rubric pays, when a crisis never happens
//! or cannot be prevented, when a need is never met, or when a barrier it declares is never met.

use std::fmt::Write;

use crate::scenario::{Barrier, Diagnostic, Effect, Resolution, Severity, ValidScenario};
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
    Ok((table, balance_findings(path, s, setting, &f)))
}

/// The balance warnings for runs already made (`f`, from [`fairness`]).
pub fn balance_findings(
    path: &str,
    s: &ValidScenario,
    setting: Option<&str>,
    f: &Fairness,
) -> Vec<Diagnostic> {
    let seeds = f.seeds;
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
    if s.get().barriers.contains(&Barrier::InsufficientFunding)
        && let Some((budget, wanted)) = money_never_binds(s, setting)
    {
        out.push(warning(
            path,
            format!(
                "{place}: the case declares the barrier InsufficientFunding, but its £{budget} budget buys the cheapest package for every need that a package can meet (£{wanted} in all): money never forces a choice"
            ),
            "lower the budget below what every package together costs, or offer dearer packages beside cheaper or free alternatives (a community service that takes longer), so the team must choose",
        ));
    }
    out
}

/// Whether the budget in `setting` (after every cut the case's events make) covers the
/// cheapest package for every need a package can meet: then money never limits a choice.
/// Returns the budget and that total when it does.
pub fn money_never_binds(s: &ValidScenario, setting: Option<&str>) -> Option<(i64, i64)> {
    let scenario = s.get();
    let cuts: i64 = scenario
        .events
        .iter()
        .flat_map(|e| &e.effects)
        .filter_map(|e| match e {
            Effect::Budget(d) if *d < 0 => Some(*d),
            _ => None,
        })
        .sum();
    let budget = i64::from(s.setting(setting).ok()?.budget) + cuts;
    let wanted: i64 = scenario
        .patients
        .iter()
        .flat_map(|p| &p.needs)
        .filter_map(|n| {
            n.resolved_by
                .iter()
                .filter_map(|r| match r {
                    Resolution::Package(k) => scenario.care_packages.iter().find(|x| &x.id == k),
                    _ => None,
                })
                .map(|k| i64::from(k.cost))
                .min()
        })
        .sum();
    (budget >= wanted).then_some((budget, wanted))
}
