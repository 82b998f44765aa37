//! The cohort as one self-contained HTML page (inline CSS and SVG, no scripts), large enough
//! to project: the distribution of scores by domain for each case and borough, the same case
//! walled and integrated side by side, the penalties most teams met, the self-assessments, and
//! a table of every team.

use std::collections::BTreeMap;
use std::fmt::Write;

use super::{Refused, Row};
use crate::debrief::esc;
use crate::scenario::behaviour::{Behaviour, Domain};
use crate::self_assessment::Phase;
use crate::sim::Role;

const CSS: &str = r#"
:root { --ink:#1b1b1f; --muted:#4a4a55; --line:#d6d6de; --good:#0b6b3a; --bad:#a11d1d; --accent:#1f4e9c; --soft:#f3f3f7; }
* { box-sizing: border-box; }
body { font: 18px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; color: var(--ink); margin: 0; }
main { max-width: 1200px; margin: 0 auto; padding: 24px; }
h1 { font-size: 2em; margin: 0 0 4px; }
h2 { font-size: 1.4em; margin: 34px 0 8px; border-bottom: 3px solid var(--accent); padding-bottom: 4px; }
h3 { font-size: 1.15em; margin: 20px 0 6px; }
.sub { color: var(--muted); }
.cards { display: flex; flex-wrap: wrap; gap: 12px; margin: 12px 0; }
.card { border: 1px solid var(--line); border-radius: 8px; padding: 10px 16px; min-width: 170px; }
.card .k { color: var(--muted); font-size: .9em; }
.card .v { font-size: 1.6em; font-weight: 700; }
table { border-collapse: collapse; width: 100%; font-size: .92em; }
th, td { text-align: left; vertical-align: top; border-bottom: 1px solid var(--line); padding: 5px 8px; }
th { background: var(--soft); }
td.num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
div.wide { overflow-x: auto; }
table.teams { font-size: .82em; }
table.teams td { white-space: nowrap; }
.pos { color: var(--good); }
.neg { color: var(--bad); }
.refused li { color: var(--bad); white-space: pre-wrap; }
svg text { font-family: system-ui, Arial, sans-serif; }
footer { color: var(--muted); font-size: .85em; margin-top: 32px; }
@media print { body { font-size: 12px; } main { padding: 0; } tr { break-inside: avoid; } }
"#;

/// The colours of up to four boroughs in one case, darkest first; every series is labelled in
/// words too.
const SERIES: [&str; 4] = ["#1f4e9c", "#a11d1d", "#0b6b3a", "#6b3fa0"];

/// Renders the cohort report.
pub fn to_html(rows: &[Row], refused: &[Refused]) -> String {
    let mut h = String::with_capacity(64 * 1024);
    let _ = write!(
        h,
        "<!DOCTYPE html>\n<html lang=\"en-GB\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>Joined Up cohort report</title>\n<style>{CSS}</style>\n</head>\n<body>\n<main>\n<h1>Cohort report</h1>\n"
    );
    let dates: Vec<&str> = rows
        .iter()
        .filter_map(|r| r.played_at.as_deref().and_then(|t| t.get(..10)))
        .collect();
    let _ = writeln!(
        h,
        "<p class=\"sub\">{} session{} played{}{}.</p>",
        rows.len(),
        if rows.len() == 1 { "" } else { "s" },
        match (dates.iter().min(), dates.iter().max()) {
            (Some(a), Some(b)) if a == b => format!(" on {a}"),
            (Some(a), Some(b)) => format!(" from {a} to {b}"),
            _ => String::new(),
        },
        if refused.is_empty() {
            String::new()
        } else {
            format!(
                "; {} file{} refused (listed at the end)",
                refused.len(),
                if refused.len() == 1 { "" } else { "s" }
            )
        }
    );
    let elsewhere = rows
        .iter()
        .filter(|r| matches!(r.seal, crate::session::Seal::Elsewhere { .. }))
        .count();
    if elsewhere > 0 {
        let _ = writeln!(
            h,
            "<p class=\"sub\">{elsewhere} of the files were sealed on other computers, so their seals could not be checked here: each was replayed and gives the outcome it records, but who played it is as the file says.</p>"
        );
    }
    if rows.is_empty() {
        h.push_str("<p>No session could be read.</p>\n");
    } else {
        overview(&mut h, rows);
        by_case(&mut h, rows);
        penalties(&mut h, rows);
        assessments(&mut h, rows);
        teams(&mut h, rows);
    }
    if !refused.is_empty() {
        h.push_str("<h2>Files refused</h2>\n<ul class=\"refused\">\n");
        for r in refused {
            let _ = writeln!(h, "<li>{}</li>", esc(&r.reason));
        }
        h.push_str("</ul>\n");
    }
    h.push_str("<footer>Joined Up cohort report. Every session was replayed and checked against what its file recorded before it was counted. Scores are explained in the project's docs/scoring.md.</footer>\n</main>\n</body>\n</html>\n");
    h
}

fn overview(h: &mut String, rows: &[Row]) {
    let totals: Vec<f64> = rows.iter().map(|r| f64::from(r.total)).collect();
    let crises: f64 = rows
        .iter()
        .map(|r| f64::from(r.crises_suffered))
        .sum::<f64>()
        / rows.len() as f64;
    let people = rows
        .iter()
        .flat_map(|r| [r.gp, r.social_worker])
        .filter(|p| *p == crate::session::Player::Person)
        .count();
    let _ = writeln!(
        h,
        "<div class=\"cards\"><div class=\"card\"><div class=\"k\">Sessions</div><div class=\"v\">{}</div></div><div class=\"card\"><div class=\"k\">People who played</div><div class=\"v\">{people}</div></div><div class=\"card\"><div class=\"k\">Mean team total</div><div class=\"v\">{:+.1}</div></div><div class=\"card\"><div class=\"k\">Crises a session</div><div class=\"v\">{crises:.2}</div></div></div>",
        rows.len(),
        mean(&totals)
    );
}

/// Groups rows by case, then by borough (in the order boroughs first appear).
fn groups(rows: &[Row]) -> BTreeMap<(String, String), Vec<(String, Vec<&Row>)>> {
    let mut g: BTreeMap<(String, String), Vec<(String, Vec<&Row>)>> = BTreeMap::new();
    for r in rows {
        let case = g
            .entry((r.scenario_id.clone(), r.scenario_title.clone()))
            .or_default();
        match case.iter_mut().find(|(s, _)| s == r.setting_name()) {
            Some((_, v)) => v.push(r),
            None => case.push((r.setting_name().to_owned(), vec![r])),
        }
    }
    // The borough as written, then a walled one, then the rest by name: the comparison reads
    // from the less joined-up borough to the more.
    let rank = |name: &str| match name {
        "as written" => 0,
        n if n.contains("walled") => 1,
        _ => 2,
    };
    for case in g.values_mut() {
        case.sort_by(|a, b| rank(&a.0).cmp(&rank(&b.0)).then(a.0.cmp(&b.0)));
    }
    g
}

fn by_case(h: &mut String, rows: &[Row]) {
    h.push_str("<h2>Scores by case and borough</h2>\n<p class=\"sub\">Each dot is one team; the box spans the middle half of the teams, the line inside it is the median.</p>\n");
    for ((id, title), settings) in groups(rows) {
        let _ = writeln!(
            h,
            "<h3>{} <span class=\"sub\">({})</span></h3>",
            esc(&title),
            esc(&id)
        );
        h.push_str(&distribution(&settings));
        // The boroughs side by side.
        h.push_str("<table><tr><th>Borough</th><th>Teams</th><th>Total: mean (sd)</th>");
        for d in Domain::ALL {
            let _ = write!(h, "<th>{}</th>", esc(d.label()));
        }
        h.push_str("<th>Crises a session</th></tr>\n");
        let first = settings
            .first()
            .map(|(_, v)| mean_of(v, |r| f64::from(r.total)));
        for (i, (name, v)) in settings.iter().enumerate() {
            let totals: Vec<f64> = v.iter().map(|r| f64::from(r.total)).collect();
            let m = mean(&totals);
            let _ = write!(
                h,
                "<tr><td>{}</td><td class=\"num\">{}</td><td class=\"num\">{m:+.1} ({:.1}){}</td>",
                esc(name),
                v.len(),
                sd(&totals),
                match (i, first) {
                    (0, _) | (_, None) => String::new(),
                    (_, Some(f)) => format!(
                        " <span class=\"sub\">{:+.1} on {}</span>",
                        m - f,
                        esc(&settings[0].0)
                    ),
                }
            );
            for d in Domain::ALL {
                let _ = write!(
                    h,
                    "<td class=\"num\">{:+.1}</td>",
                    mean_of(v, |r| f64::from(r.domain(d)))
                );
            }
            let _ = writeln!(
                h,
                "<td class=\"num\">{:.2}</td></tr>",
                mean_of(v, |r| f64::from(r.crises_suffered))
            );
        }
        h.push_str("</table>\n");
    }
}

/// Box-and-dot rows: for the total and each domain, one row per borough.
fn distribution(settings: &[(String, Vec<&Row>)]) -> String {
    type Metric = (&'static str, fn(&Row) -> f64);
    let metrics: [Metric; 5] = [
        ("Team total", |r| f64::from(r.total)),
        ("Values and Ethics", |r| {
            f64::from(r.domain(Domain::ValuesEthics))
        }),
        ("Roles and Responsibilities", |r| {
            f64::from(r.domain(Domain::RolesResponsibilities))
        }),
        ("Communication", |r| {
            f64::from(r.domain(Domain::Communication))
        }),
        ("Teams and Teamwork", |r| {
            f64::from(r.domain(Domain::TeamsTeamwork))
        }),
    ];
    let (label_w, plot_w, row_h) = (440.0, 600.0, 26.0);
    let rows_n = metrics.len() * settings.len();
    let height = rows_n as f64 * row_h + metrics.len() as f64 * 10.0 + 34.0;
    let width = label_w + plot_w + 20.0;
    let mut s = format!(
        "<svg role=\"img\" aria-label=\"Scores by domain and borough\" viewBox=\"0 0 {width} {height:.0}\" width=\"100%\" style=\"max-width:{width}px\" font-size=\"13\">"
    );
    let mut y = 6.0;
    for (label, f) in metrics {
        let values: Vec<f64> = settings
            .iter()
            .flat_map(|(_, v)| v.iter().map(|r| f(r)))
            .collect();
        let lo = values
            .iter()
            .copied()
            .fold(f64::INFINITY, f64::min)
            .min(0.0);
        let hi = values
            .iter()
            .copied()
            .fold(f64::NEG_INFINITY, f64::max)
            .max(0.0);
        let span = (hi - lo).max(1.0);
        let x = |v: f64| label_w + (v - lo) / span * plot_w;
        // Zero line across this metric's rows.
        let _ = write!(
            s,
            "<line x1=\"{:.1}\" y1=\"{y:.1}\" x2=\"{:.1}\" y2=\"{:.1}\" stroke=\"#9a9aa5\" stroke-dasharray=\"3 3\"/>",
            x(0.0),
            x(0.0),
            y + row_h * settings.len() as f64
        );
        for (i, (name, v)) in settings.iter().enumerate() {
            let colour = SERIES[i % SERIES.len()];
            let mut vals: Vec<f64> = v.iter().map(|r| f(r)).collect();
            vals.sort_by(f64::total_cmp);
            let _ = write!(
                s,
                "<text x=\"0\" y=\"{:.1}\" fill=\"#1b1b1f\">{} · {} (n={}, mean {:+.1})</text>",
                y + 17.0,
                esc(label),
                esc(name),
                vals.len(),
                mean(&vals)
            );
            let (q1, med, q3) = (
                quantile(&vals, 0.25),
                quantile(&vals, 0.5),
                quantile(&vals, 0.75),
            );
            let (min, max) = (vals[0], vals[vals.len() - 1]);
            let mid = y + row_h / 2.0;
            let _ = write!(
                s,
                "<line x1=\"{:.1}\" y1=\"{mid:.1}\" x2=\"{:.1}\" y2=\"{mid:.1}\" stroke=\"{colour}\"/><rect x=\"{:.1}\" y=\"{:.1}\" width=\"{:.1}\" height=\"{:.1}\" fill=\"{colour}\" fill-opacity=\"0.18\" stroke=\"{colour}\"/><line x1=\"{:.1}\" y1=\"{:.1}\" x2=\"{:.1}\" y2=\"{:.1}\" stroke=\"{colour}\" stroke-width=\"3\"/>",
                x(min),
                x(max),
                x(q1),
                y + 4.0,
                (x(q3) - x(q1)).max(1.0),
                row_h - 8.0,
                x(med),
                y + 3.0,
                x(med),
                y + row_h - 3.0
            );
            for (k, v) in vals.iter().enumerate() {
                // A small fixed spread so equal scores stay visible.
                let dy = ((k * 7) % 5) as f64 - 2.0;
                let _ = write!(
                    s,
                    "<circle cx=\"{:.1}\" cy=\"{:.1}\" r=\"3\" fill=\"{colour}\"><title>{v:+}</title></circle>",
                    x(*v),
                    mid + dy * 2.0
                );
            }
            y += row_h;
        }
        let _ = write!(
            s,
            "<text x=\"{:.1}\" y=\"{:.1}\" font-size=\"11\" fill=\"#4a4a55\" text-anchor=\"middle\">0</text>",
            x(0.0),
            y + 8.0
        );
        y += 10.0;
    }
    s.push_str("</svg>\n");
    s
}

fn penalties(h: &mut String, rows: &[Row]) {
    let mut by: BTreeMap<Behaviour, (usize, u32, i32)> = BTreeMap::new();
    for r in rows {
        for (b, (n, pts)) in &r.behaviours {
            if *pts >= 0 {
                continue;
            }
            let e = by.entry(*b).or_default();
            e.0 += 1;
            e.1 += n;
            e.2 += pts;
        }
    }
    let mut list: Vec<(Behaviour, (usize, u32, i32))> = by.into_iter().collect();
    list.sort_by_key(|(b, (teams, _, pts))| (std::cmp::Reverse(*teams), *pts, *b));
    h.push_str("<h2>The penalties most teams met</h2>\n");
    if list.is_empty() {
        h.push_str("<p>No team lost a point.</p>\n");
        return;
    }
    h.push_str("<table><tr><th>Behaviour</th><th>Domain</th><th>Teams</th><th>Times</th><th>Points lost</th></tr>\n");
    for (b, (teams, n, pts)) in list.into_iter().take(12) {
        let _ = writeln!(
            h,
            "<tr><td>{}</td><td>{}</td><td class=\"num\">{teams} of {} ({:.0}%)</td><td class=\"num\">{n}</td><td class=\"num neg\">{pts}</td></tr>",
            esc(b.label()),
            esc(b.domain().label()),
            rows.len(),
            teams as f64 * 100.0 / rows.len() as f64
        );
    }
    h.push_str("</table>\n");
}

fn assessments(h: &mut String, rows: &[Row]) {
    let mut people = 0;
    let mut sums: BTreeMap<(Domain, Phase), Vec<f64>> = BTreeMap::new();
    for r in rows {
        let Some(a) = &r.self_assessment else {
            continue;
        };
        for role in Role::BOTH {
            if a.of(role).is_none_or(|x| x.is_empty()) {
                continue;
            }
            people += 1;
            for d in Domain::ALL {
                for p in Phase::ALL {
                    if let Some(m) = a.mean(role, p, d) {
                        sums.entry((d, p)).or_default().push(m);
                    }
                }
            }
        }
    }
    if people == 0 {
        return;
    }
    let _ = write!(
        h,
        "<h2>Self-assessment</h2>\n<p class=\"sub\">{people} {} answered; means of each person's mean in a domain.</p>\n<table><tr><th>Domain</th><th>Before play</th><th>Before, looking back</th><th>After the debrief</th><th>Change (after − before)</th></tr>\n",
        if people == 1 { "person" } else { "people" }
    );
    for d in Domain::ALL {
        let m = |p: Phase| sums.get(&(d, p)).filter(|v| !v.is_empty()).map(|v| mean(v));
        let f = |v: Option<f64>| v.map_or_else(|| "&ndash;".to_owned(), |v| format!("{v:.2}"));
        let change = match (m(Phase::Before), m(Phase::After)) {
            (Some(b), Some(a)) => format!("{:+.2}", a - b),
            _ => "&ndash;".to_owned(),
        };
        let _ = writeln!(
            h,
            "<tr><td>{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{change}</td></tr>",
            esc(d.label()),
            f(m(Phase::Before)),
            f(m(Phase::Retrospective)),
            f(m(Phase::After))
        );
    }
    h.push_str("</table>\n");
}

fn teams(h: &mut String, rows: &[Row]) {
    h.push_str("<h2>Every team</h2>\n<p class=\"sub\">A computer player is named by its policy; a person is \"person\".</p>\n<div class=\"wide\"><table class=\"teams\"><tr><th>Session</th><th>Case</th><th>Borough</th><th>Seed</th><th>GP</th><th>Social worker</th><th>Played</th><th>Total</th><th>V&amp;E</th><th>R&amp;R</th><th>Comm.</th><th>T&amp;T</th><th>Crises suffered / averted</th></tr>\n");
    for r in rows {
        let name = r
            .file
            .file_name()
            .map(|n| {
                n.to_string_lossy()
                    .trim_end_matches(".session.ron")
                    .to_owned()
            })
            .unwrap_or_default();
        let _ = write!(
            h,
            "<tr><td>{}</td><td>{}</td><td>{}</td><td class=\"num\">{}</td><td>{}</td><td>{}</td><td>{}</td><td class=\"num {}\">{:+}</td>",
            esc(&name),
            esc(&r.scenario_id),
            esc(r.setting_name()),
            r.seed,
            esc(&short_player(r.gp)),
            esc(&short_player(r.social_worker)),
            esc(r
                .played_at
                .as_deref()
                .and_then(|t| t.get(..10))
                .unwrap_or("")),
            if r.total >= 0 { "pos" } else { "neg" },
            r.total
        );
        for v in r.domains {
            let _ = write!(h, "<td class=\"num\">{v:+}</td>");
        }
        let _ = writeln!(
            h,
            "<td class=\"num\">{} / {}{}</td></tr>",
            r.crises_suffered,
            r.crises_averted,
            if r.finished { "" } else { " (unfinished)" }
        );
    }
    h.push_str("</table></div>\n");
}

/// A player in the teams table: "person", or the computer player's policy.
fn short_player(p: crate::session::Player) -> String {
    match p {
        crate::session::Player::Person => "person".to_owned(),
        crate::session::Player::Computer(k) => k.name().to_owned(),
    }
}

fn mean(v: &[f64]) -> f64 {
    if v.is_empty() {
        0.0
    } else {
        v.iter().sum::<f64>() / v.len() as f64
    }
}

fn mean_of(v: &[&Row], f: impl Fn(&Row) -> f64) -> f64 {
    mean(&v.iter().map(|r| f(r)).collect::<Vec<_>>())
}

fn sd(v: &[f64]) -> f64 {
    if v.len() < 2 {
        return 0.0;
    }
    let m = mean(v);
    (v.iter().map(|x| (x - m).powi(2)).sum::<f64>() / (v.len() - 1) as f64).sqrt()
}

/// Linear-interpolated quantile of sorted values.
fn quantile(sorted: &[f64], q: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    let pos = q * (sorted.len() - 1) as f64;
    let (lo, hi) = (pos.floor() as usize, pos.ceil() as usize);
    sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo as f64)
}
