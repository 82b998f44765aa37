//! The debrief as one self-contained HTML page: inline CSS and SVG, no scripts, no network.
//! Colours meet WCAG AA contrast on white, and nothing is told by colour alone (every point
//! carries its sign, every crisis its word, every bar in the who-knew-what chart a sentence).
//!
//! The page runs as a seminar, in three phases: reactions, analysis, application.

use std::fmt::Write;

use super::{Debrief, FactTrack, esc};
use crate::sim::Slot;

const CSS: &str = r#"
:root { --ink:#1b1b1f; --muted:#4a4a55; --line:#d6d6de; --good:#0b6b3a; --bad:#a11d1d; --accent:#1f4e9c; --soft:#f3f3f7; }
* { box-sizing: border-box; }
body { font: 17px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; color: var(--ink); margin: 0; background: #fff; }
main { max-width: 1100px; margin: 0 auto; padding: 24px; }
h1 { font-size: 1.9em; margin: 0 0 4px; }
h2 { font-size: 1.45em; margin: 40px 0 8px; border-bottom: 3px solid var(--accent); padding-bottom: 4px; }
h2 .phase { display: inline-block; background: var(--accent); color: #fff; border-radius: 50%; width: 1.5em; height: 1.5em; text-align: center; margin-right: 8px; font-size: .9em; line-height: 1.5em; }
h3 { font-size: 1.15em; margin: 22px 0 6px; }
.sub { color: var(--muted); margin: 0 0 16px; }
.lead { color: var(--muted); margin: 0 0 10px; font-style: italic; }
nav.phases { display: flex; gap: 10px; flex-wrap: wrap; margin: 14px 0; }
nav.phases a { border: 1px solid var(--accent); color: var(--accent); border-radius: 18px; padding: 2px 14px; text-decoration: none; font-weight: 600; }
.total { font-size: 2.4em; font-weight: 700; }
.cards { display: flex; flex-wrap: wrap; gap: 12px; margin: 12px 0; }
.card { border: 1px solid var(--line); border-radius: 8px; padding: 10px 14px; min-width: 150px; }
.card .k { color: var(--muted); font-size: .9em; }
.card .v { font-size: 1.4em; font-weight: 700; }
.roles { display: grid; grid-template-columns: repeat(auto-fit, minmax(320px, 1fr)); gap: 14px; }
.roles .card ul { margin: 4px 0; padding-left: 18px; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; vertical-align: top; border-bottom: 1px solid var(--line); padding: 6px 8px; }
th { background: var(--soft); }
td.pts, td.num { text-align: right; font-weight: 700; white-space: nowrap; }
.pos { color: var(--good); }
.neg { color: var(--bad); }
.tag { display: inline-block; border: 1px solid currentColor; border-radius: 4px; padding: 0 6px; font-size: .85em; font-weight: 600; }
.moment { border-left: 5px solid var(--accent); background: var(--soft); padding: 8px 14px; margin: 10px 0; border-radius: 0 8px 8px 0; }
.moment .when { font-weight: 700; margin: 0; }
.moment p { margin: 3px 0; }
.moment .ask { font-weight: 600; }
.moment.crisis, .moment.gap, .moment.unowned { border-left-color: var(--bad); }
.moment.averted { border-left-color: var(--good); }
.knew td.fact { width: 44%; }
.knew .lines { color: var(--muted); font-size: .9em; margin: 2px 0 0; }
.knew svg { display: block; }
.legend { display: flex; flex-wrap: wrap; gap: 18px; align-items: center; color: var(--muted); font-size: .92em; margin: 6px 0; }
.timeline td { width: 30%; font-size: .93em; }
.timeline td.when { width: 10%; font-weight: 700; white-space: nowrap; }
.timeline ul, td ul { margin: 0; padding-left: 18px; }
.barrier { border: 1px solid var(--line); border-radius: 8px; padding: 8px 14px; margin: 10px 0; }
.barrier p { margin: 4px 0; }
ol.prompts li, ul.objectives li, ul.story li { margin: 4px 0; }
details { margin: 14px 0; }
summary { font-weight: 700; font-size: 1.1em; cursor: pointer; }
footer { color: var(--muted); font-size: .85em; margin-top: 32px; }
@media print { body { font-size: 12px; } main { padding: 0; } nav.phases { display: none; } h2 { break-before: auto; } .moment, .card, .barrier, tr { break-inside: avoid; } }
"#;

/// The colours of the who-knew-what chart (the same as the page's).
const KNEW: &str = "#1f4e9c";
const WANTED: &str = "#a11d1d";

/// Renders the whole debrief as HTML.
pub fn to_html(d: &Debrief) -> String {
    let mut h = String::with_capacity(96 * 1024);
    let title = format!("Debrief: {}", d.scenario.title);
    let _ = write!(
        h,
        "<!DOCTYPE html>\n<html lang=\"en-GB\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>{}</title>\n<style>{CSS}</style>\n</head>\n<body>\n<main>\n",
        esc(&title)
    );
    let _ = write!(
        h,
        "<h1>{}</h1>\n<p class=\"sub\">{}</p>\n<p><strong>Setting:</strong> {} &middot; <strong>seed</strong> {} &middot; <strong>GP:</strong> {} &middot; <strong>social worker:</strong> {}{}</p>\n",
        esc(&title),
        esc(&d.scenario.summary),
        esc(&d.setting),
        d.seed,
        esc(&d.players["gp"]),
        esc(&d.players["social_worker"]),
        if d.finished {
            ""
        } else {
            " &middot; <strong>session not finished</strong>"
        }
    );
    if let Some(seal) = &d.seal {
        let _ = writeln!(h, "<p class=\"sub\">Session file: {}.</p>", esc(seal));
    }
    h.push_str("<nav class=\"phases\" aria-label=\"Phases of the debrief\"><a href=\"#reactions\">1 Reactions: what happened</a><a href=\"#analysis\">2 Analysis: why</a><a href=\"#application\">3 Application: what now</a></nav>\n");

    reactions(&mut h, d);
    analysis(&mut h, d);
    application(&mut h, d);

    let _ = write!(
        h,
        "<footer>Joined Up debrief for scenario <code>{}</code>. Points and behaviours are explained in the project's docs/scoring.md.</footer>\n</main>\n</body>\n</html>\n",
        esc(&d.scenario.id)
    );
    h
}

fn reactions(h: &mut String, d: &Debrief) {
    h.push_str("<section id=\"reactions\">\n<h2><span class=\"phase\">1</span>Reactions: what happened</h2>\n<p class=\"lead\">Start here, before anyone looks at the score: let each person say how it went.</p>\n<ul class=\"story\">\n");
    for s in &d.reactions.story {
        let _ = writeln!(h, "<li>{}</li>", esc(s));
    }
    h.push_str("</ul>\n<h3>Crises</h3>\n");
    if d.crises.is_empty() {
        h.push_str("<p>This scenario has no crises.</p>\n");
    } else {
        h.push_str("<table><tr><th>Patient</th><th>Crisis</th><th>Outcome</th><th>What happened</th></tr>\n");
        for c in &d.crises {
            let class = match c.outcome {
                "averted" => "pos",
                _ => "neg",
            };
            let _ = writeln!(
                h,
                "<tr><td>{}</td><td>{}</td><td><span class=\"tag {class}\">{}</span>{}</td><td>{}</td></tr>",
                esc(&c.patient),
                esc(c.kind),
                esc(&c.outcome.to_uppercase()),
                c.when
                    .as_ref()
                    .map(|w| format!(" {}", esc(w)))
                    .unwrap_or_default(),
                esc(&c.text)
            );
        }
        h.push_str("</table>\n");
    }
    h.push_str("<h3>Ask first</h3>\n");
    prompts(h, &d.reactions.prompts);
    h.push_str("</section>\n");
}

fn analysis(h: &mut String, d: &Debrief) {
    h.push_str("<section id=\"analysis\">\n<h2><span class=\"phase\">2</span>Analysis: why it happened</h2>\n<p class=\"lead\">The moments this session turned on, who knew what when, and how the score reads them.</p>\n");

    h.push_str("<h3>The moments that mattered</h3>\n");
    if d.moments.is_empty() {
        h.push_str("<p>Nothing in this session stood out: no crisis, no long gap, no large swing in the score.</p>\n");
    }
    for m in &d.moments {
        let _ = writeln!(
            h,
            "<div class=\"moment {}\"><p class=\"when\">{} &middot; {}</p><p>{}</p><p class=\"ask\">Ask: {}</p></div>",
            m.kind,
            esc(&m.when),
            esc(moment_kind(m.kind)),
            esc(&m.what),
            esc(&m.prompt)
        );
    }

    knowledge(h, d);

    h.push_str("<h3>Team score</h3>\n<div class=\"cards\">\n");
    let _ = writeln!(
        h,
        "<div class=\"card\"><div class=\"k\">Team total</div><div class=\"total {}\">{:+}</div></div>",
        sign_class(d.score.total),
        d.score.total
    );
    let _ = write!(
        h,
        "<div class=\"card\"><div class=\"k\">Crises</div><div class=\"v\">{} suffered, {} averted</div></div>\n</div>\n",
        d.score.crises_suffered, d.score.crises_averted
    );
    h.push_str("<p><strong>By competency domain (IPEC 2023)</strong></p>\n");
    h.push_str(&chart(d));
    h.push_str("<table><tr><th>Domain</th><th>Earned</th><th>Lost</th><th>Net</th></tr>\n");
    for dm in &d.score.domains {
        let _ = writeln!(
            h,
            "<tr><td>{}</td><td class=\"pts pos\">{:+}</td><td class=\"pts neg\">{:+}</td><td class=\"pts {}\">{:+}</td></tr>",
            esc(dm.label),
            dm.gained,
            dm.lost,
            sign_class(dm.points),
            dm.points
        );
    }
    h.push_str("</table>\n");

    h.push_str("<h3>Each profession's part</h3>\n<div class=\"roles\">\n");
    for r in &d.roles {
        let _ = write!(
            h,
            "<div class=\"card\"><div class=\"k\">{} ({})</div><div class=\"v {}\">{:+}</div><p class=\"sub\">earned {:+}, lost {:+}</p>",
            esc(r.role),
            esc(&r.player),
            sign_class(r.contribution),
            r.contribution,
            r.earned,
            r.lost
        );
        let items = |h: &mut String, head: &str, items: &[super::ItemInfo]| {
            if items.is_empty() {
                return;
            }
            let _ = write!(h, "<strong>{}</strong><ul>", esc(head));
            for i in items {
                let _ = write!(
                    h,
                    "<li><span class=\"{}\">{:+}</span> {} ({})</li>",
                    sign_class(i.points),
                    i.points,
                    esc(&i.explanation),
                    esc(&i.when)
                );
            }
            h.push_str("</ul>");
        };
        items(h, "Best moments", &r.best);
        items(h, "Costliest moments", &r.worst);
        if !r.waited_for.is_empty() {
            h.push_str("<strong>Went without</strong><ul>");
            for w in &r.waited_for {
                let _ = write!(h, "<li>{}</li>", esc(w));
            }
            h.push_str("</ul>");
        }
        h.push_str("</div>\n");
    }
    h.push_str("</div>\n");

    h.push_str("<h3>The barriers this session met</h3>\n");
    for b in &d.barriers {
        let _ = write!(
            h,
            "<div class=\"barrier\"><strong>{}</strong>{}<p class=\"sub\">{}</p>",
            esc(b.barrier),
            if b.declared {
                " <span class=\"tag\">taught by this case</span>"
            } else {
                ""
            },
            esc(b.description)
        );
        if b.met.is_empty() {
            h.push_str("<p>Not met in this session.</p>");
        } else {
            let _ = write!(
                h,
                "<p><strong>Met {} time{}</strong>, e.g. {}.</p>",
                b.met.len(),
                if b.met.len() == 1 { "" } else { "s" },
                esc(&b.met.iter().take(3).cloned().collect::<Vec<_>>().join("; "))
            );
        }
        if !b.handled_well.is_empty() {
            let _ = write!(
                h,
                "<p class=\"pos\"><strong>Worked against it:</strong> {}</p>",
                esc(&b.handled_well.join(", "))
            );
        }
        if !b.handled_badly.is_empty() {
            let _ = write!(
                h,
                "<p class=\"neg\"><strong>Gave in to it:</strong> {}</p>",
                esc(&b.handled_badly.join(", "))
            );
        }
        h.push_str("</div>\n");
    }

    if !d.scenario.discussion_prompts.is_empty() {
        h.push_str("<h3>From the case's author</h3>\n");
        prompts(h, &d.scenario.discussion_prompts);
    }

    let _ = write!(
        h,
        "<details><summary>Every scored item ({})</summary>\n<table><tr><th>When</th><th>Behaviour</th><th>Domain</th><th>Who</th><th>Points</th></tr>\n",
        d.items.len()
    );
    for i in &d.items {
        let _ = writeln!(
            h,
            "<tr><td>{}</td><td><strong>{}</strong><br>{}</td><td>{}</td><td>{}</td><td class=\"pts {}\">{:+}</td></tr>",
            esc(&i.when),
            esc(i.behaviour),
            esc(&i.explanation),
            esc(i.domain),
            esc(&i.roles.join(", ")),
            sign_class(i.points),
            i.points
        );
    }
    h.push_str("</table>\n</details>\n");

    h.push_str("<details open><summary>Timeline</summary>\n<table class=\"timeline\"><tr><th>When</th><th>GP</th><th>Social worker</th><th>Around them</th></tr>\n");
    for s in &d.timeline {
        let _ = writeln!(
            h,
            "<tr><td class=\"when\">{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            esc(&s.when),
            list(&s.gp),
            list(&s.social_worker),
            list(&s.borough)
        );
    }
    h.push_str("</table>\n</details>\n</section>\n");
}

fn application(h: &mut String, d: &Debrief) {
    h.push_str("<section id=\"application\">\n<h2><span class=\"phase\">3</span>Application: what now</h2>\n<p class=\"lead\">From the game back to practice.</p>\n<h3>Learning objectives</h3>\n<ul class=\"objectives\">\n");
    for o in &d.scenario.learning_objectives {
        let _ = writeln!(h, "<li>{}</li>", esc(o));
    }
    h.push_str("</ul>\n<h3>Taking it into practice</h3>\n");
    prompts(h, &d.application);
    h.push_str("<h3>Self-assessment</h3>\n");
    match &d.self_assessment {
        None => h.push_str("<p>Nobody filled in the self-assessment in this session.</p>\n"),
        Some(a) => {
            let _ = writeln!(
                h,
                "<p class=\"sub\">{}: mean answer on a scale of 1 to {}, by domain.</p>",
                esc(&a.instrument),
                a.points
            );
            for r in &a.roles {
                let _ = writeln!(
                    h,
                    "<p><strong>{}</strong></p><table><tr><th>Domain</th><th>Before play</th>{}<th>After the debrief</th><th>Change</th></tr>",
                    esc(r.role),
                    if a.retrospective {
                        "<th>Before, looking back</th>"
                    } else {
                        ""
                    }
                );
                for row in &r.rows {
                    let change = match (row.before, row.after) {
                        (Some(b), Some(a)) => format!("{:+.1}", a - b),
                        _ => "&ndash;".to_owned(),
                    };
                    let _ = writeln!(
                        h,
                        "<tr><td>{}</td><td class=\"num\">{}</td>{}<td class=\"num\">{}</td><td class=\"num\">{change}</td></tr>",
                        esc(row.domain),
                        mean(row.before),
                        if a.retrospective {
                            format!("<td class=\"num\">{}</td>", mean(row.retrospective))
                        } else {
                            String::new()
                        },
                        mean(row.after)
                    );
                }
                h.push_str("</table>\n");
            }
        }
    }
    h.push_str("</section>\n");
}

fn mean(v: Option<f64>) -> String {
    v.map_or_else(|| "&ndash;".to_owned(), |v| format!("{v:.1}"))
}

fn moment_kind(kind: &str) -> &'static str {
    match kind {
        "crisis" => "a crisis",
        "averted" => "a crisis averted",
        "unowned" => "a need nobody owned",
        "gap" => "an information gap",
        _ => "a turn in the score",
    }
}

fn prompts(h: &mut String, ps: &[String]) {
    h.push_str("<ol class=\"prompts\">\n");
    for p in ps {
        let _ = writeln!(h, "<li>{}</li>", esc(p));
    }
    h.push_str("</ol>\n");
}

/// Who knew what, when: a table with a two-lane strip per fact (GP above, social worker
/// below) across the session's half-days, and each lane's story in words beside it.
fn knowledge(h: &mut String, d: &Debrief) {
    h.push_str("<h3>Who knew what, when</h3>\n");
    if d.knowledge.is_empty() {
        h.push_str("<p>No fact that a need depended on had to travel between the professions in this session.</p>\n");
        return;
    }
    let _ = writeln!(
        h,
        "<div class=\"legend\"><span><svg width=\"26\" height=\"10\" aria-hidden=\"true\"><rect width=\"26\" height=\"10\" fill=\"{KNEW}\"/></svg> knew it</span><span><svg width=\"26\" height=\"10\" aria-hidden=\"true\"><rect width=\"26\" height=\"10\" fill=\"url(#hatch)\" stroke=\"{WANTED}\"/></svg> needed it and did not have it</span><span><svg width=\"12\" height=\"12\" aria-hidden=\"true\"><path d=\"M6 0 L12 12 L0 12 Z\" fill=\"{WANTED}\"/></svg> first needed it</span></div>"
    );
    // The hatch pattern, once for the page.
    let _ = writeln!(
        h,
        "<svg width=\"0\" height=\"0\" style=\"position:absolute\" aria-hidden=\"true\"><defs><pattern id=\"hatch\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\" patternTransform=\"rotate(45)\"><rect width=\"6\" height=\"6\" fill=\"#f6dcdc\"/><line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"6\" stroke=\"{WANTED}\" stroke-width=\"2.5\"/></pattern></defs></svg>"
    );
    let _ = writeln!(
        h,
        "<table class=\"knew\"><tr><th>Fact</th><th>{}</th></tr>",
        axis(d.half_days)
    );
    for t in d.knowledge.iter().take(24) {
        let _ = writeln!(
            h,
            "<tr><td class=\"fact\"><strong>{}</strong>{} <span class=\"sub\">({})</span><p class=\"lines\">{}</p></td><td>{}</td></tr>",
            esc(&t.text),
            if t.sensitive {
                " <span class=\"tag\">sensitive</span>"
            } else {
                ""
            },
            esc(&t.patient),
            t.roles
                .iter()
                .map(|k| esc(&k.sentence()))
                .collect::<Vec<_>>()
                .join("<br>"),
            strip(t, d.half_days)
        );
    }
    h.push_str("</table>\n");
    if d.knowledge.len() > 24 {
        let _ = writeln!(
            h,
            "<p class=\"sub\">And {} more facts with smaller gaps (in the JSON report).</p>",
            d.knowledge.len() - 24
        );
    }
}

const STRIP_LABEL: f64 = 34.0;
const STRIP_WIDTH: f64 = 380.0;

fn x_of(slot: u32, half_days: u32) -> f64 {
    STRIP_LABEL + f64::from(slot) * (STRIP_WIDTH - STRIP_LABEL) / f64::from(half_days.max(1))
}

/// Day labels above the strips.
fn axis(half_days: u32) -> String {
    let mut s = format!(
        "<svg viewBox=\"0 0 {STRIP_WIDTH} 18\" width=\"{STRIP_WIDTH}\" height=\"18\" role=\"img\" aria-label=\"Half-days of the session\" font-size=\"12\" font-family=\"system-ui, Arial, sans-serif\">"
    );
    for day in 0..half_days.div_ceil(2) {
        let _ = write!(
            s,
            "<text x=\"{:.1}\" y=\"13\" fill=\"#4a4a55\">Day {}</text>",
            x_of(day * 2, half_days) + 2.0,
            day + 1
        );
    }
    s.push_str("</svg>");
    s
}

/// One fact's two lanes.
fn strip(t: &FactTrack, half_days: u32) -> String {
    let lane_h = 13.0;
    let mut s = format!(
        "<svg viewBox=\"0 0 {STRIP_WIDTH} 34\" width=\"{STRIP_WIDTH}\" height=\"34\" role=\"img\" aria-label=\"{}\" font-size=\"12\" font-family=\"system-ui, Arial, sans-serif\">",
        esc(&t
            .roles
            .iter()
            .map(|k| k.sentence())
            .collect::<Vec<_>>()
            .join("; "))
    );
    // Day boundaries.
    for day in 0..=half_days.div_ceil(2) {
        let x = x_of(day * 2, half_days);
        let _ = write!(
            s,
            "<line x1=\"{x:.1}\" y1=\"0\" x2=\"{x:.1}\" y2=\"34\" stroke=\"#d6d6de\"/>"
        );
    }
    let end = x_of(half_days, half_days);
    for (lane, k) in t.roles.iter().enumerate() {
        let y = 2.0 + lane as f64 * (lane_h + 4.0);
        let _ = write!(
            s,
            "<text x=\"0\" y=\"{:.1}\" fill=\"#1b1b1f\">{}</text>",
            y + 11.0,
            if lane == 0 { "GP" } else { "SW" }
        );
        if let Some(n) = k.needed {
            let until = k.learned.filter(|l| *l > n).map_or(
                if k.learned.is_none() {
                    end
                } else {
                    x_of(n, half_days)
                },
                |l| x_of(l, half_days),
            );
            let from = x_of(n, half_days);
            if until > from {
                let _ = write!(
                    s,
                    "<rect x=\"{from:.1}\" y=\"{y:.1}\" width=\"{:.1}\" height=\"{lane_h}\" fill=\"url(#hatch)\" stroke=\"{WANTED}\"><title>{} needed it from {}</title></rect>",
                    until - from,
                    esc(k.role),
                    Slot(n).label()
                );
            }
        }
        if let Some(l) = k.learned {
            let from = x_of(l, half_days);
            let _ = write!(
                s,
                "<rect x=\"{from:.1}\" y=\"{y:.1}\" width=\"{:.1}\" height=\"{lane_h}\" fill=\"{KNEW}\"><title>{} knew it {}</title></rect>",
                (end - from).max(1.0),
                esc(k.role),
                esc(&k.learned_label)
            );
        }
        if let Some(n) = k.needed {
            let x = x_of(n, half_days);
            let _ = write!(
                s,
                "<path d=\"M{:.1} {:.1} L{:.1} {:.1} L{:.1} {:.1} Z\" fill=\"{WANTED}\" stroke=\"#fff\" stroke-width=\"1\"/>",
                x,
                y,
                x + 6.0,
                y + lane_h,
                x - 6.0,
                y + lane_h
            );
        }
    }
    s.push_str("</svg>");
    s
}

fn sign_class(v: i32) -> &'static str {
    match v.signum() {
        1 => "pos",
        -1 => "neg",
        _ => "",
    }
}

fn list(items: &[String]) -> String {
    if items.is_empty() {
        return String::new();
    }
    let mut s = String::from("<ul>");
    for i in items {
        let _ = write!(s, "<li>{}</li>", esc(i));
    }
    s.push_str("</ul>");
    s
}

/// A horizontal bar chart of points earned and lost per domain, around a zero line.
fn chart(d: &Debrief) -> String {
    let rows = d.score.domains.len().max(1);
    let max = d
        .score
        .domains
        .iter()
        .map(|x| x.gained.max(-x.lost))
        .max()
        .unwrap_or(1)
        .max(1) as f64;
    let (label_w, half_w, row_h) = (230.0, 300.0, 34.0);
    let width = label_w + 2.0 * half_w + 60.0;
    let height = rows as f64 * row_h + 30.0;
    let zero = label_w + half_w;
    let mut s = String::new();
    let _ = write!(
        s,
        "<svg role=\"img\" aria-label=\"Points earned and lost by competency domain\" viewBox=\"0 0 {width} {height}\" width=\"100%\" style=\"max-width:{width}px\" xmlns=\"http://www.w3.org/2000/svg\" font-family=\"system-ui, Arial, sans-serif\" font-size=\"14\">"
    );
    for (i, dm) in d.score.domains.iter().enumerate() {
        let y = i as f64 * row_h + 8.0;
        let lost_w = (-dm.lost) as f64 / max * half_w;
        let gained_w = dm.gained as f64 / max * half_w;
        let _ = write!(
            s,
            "<text x=\"0\" y=\"{:.1}\" fill=\"#1b1b1f\">{}</text>",
            y + 17.0,
            esc(dm.label)
        );
        let _ = write!(
            s,
            "<rect x=\"{:.1}\" y=\"{y:.1}\" width=\"{lost_w:.1}\" height=\"22\" fill=\"#a11d1d\"><title>lost {}</title></rect>",
            zero - lost_w,
            dm.lost
        );
        let _ = write!(
            s,
            "<rect x=\"{zero:.1}\" y=\"{y:.1}\" width=\"{gained_w:.1}\" height=\"22\" fill=\"#0b6b3a\"><title>earned {:+}</title></rect>",
            dm.gained
        );
        if dm.lost < 0 {
            let _ = write!(
                s,
                "<text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"end\" fill=\"#a11d1d\">{}</text>",
                zero - lost_w - 4.0,
                y + 17.0,
                dm.lost
            );
        }
        let _ = write!(
            s,
            "<text x=\"{:.1}\" y=\"{:.1}\" fill=\"#0b6b3a\">{:+}</text>",
            zero + gained_w + 4.0,
            y + 17.0,
            dm.gained
        );
    }
    let _ = write!(
        s,
        "<line x1=\"{zero}\" y1=\"0\" x2=\"{zero}\" y2=\"{:.1}\" stroke=\"#1b1b1f\" stroke-width=\"1.5\"/>",
        rows as f64 * row_h
    );
    let _ = write!(
        s,
        "<text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"end\" fill=\"#4a4a55\">&#8592; points lost</text><text x=\"{:.1}\" y=\"{:.1}\" fill=\"#4a4a55\">points earned &#8594;</text>",
        zero - 8.0,
        height - 6.0,
        zero + 8.0,
        height - 6.0
    );
    s.push_str("</svg>\n");
    s
}
