//! The debrief as one self-contained HTML page: inline CSS and SVG, no scripts, no network.
//! Colours meet WCAG AA contrast on white, and nothing is told by colour alone (every point
//! carries its sign, every crisis its word).

use std::fmt::Write;

use super::{Debrief, esc};

const CSS: &str = r#"
:root { --ink:#1b1b1f; --muted:#4a4a55; --line:#d6d6de; --good:#0b6b3a; --bad:#a11d1d; --accent:#1f4e9c; }
* { box-sizing: border-box; }
body { font: 17px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; color: var(--ink); margin: 0; background: #fff; }
main { max-width: 1100px; margin: 0 auto; padding: 24px; }
h1 { font-size: 1.9em; margin: 0 0 4px; }
h2 { font-size: 1.35em; margin: 32px 0 8px; border-bottom: 2px solid var(--line); padding-bottom: 4px; }
h3 { font-size: 1.1em; margin: 16px 0 4px; }
.sub { color: var(--muted); margin: 0 0 16px; }
.total { font-size: 2.4em; font-weight: 700; }
.cards { display: flex; flex-wrap: wrap; gap: 12px; margin: 12px 0; }
.card { border: 1px solid var(--line); border-radius: 8px; padding: 10px 14px; min-width: 150px; }
.card .k { color: var(--muted); font-size: .9em; }
.card .v { font-size: 1.4em; font-weight: 700; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; vertical-align: top; border-bottom: 1px solid var(--line); padding: 6px 8px; }
th { background: #f3f3f7; }
td.pts { text-align: right; font-weight: 700; white-space: nowrap; }
.pos { color: var(--good); }
.neg { color: var(--bad); }
.tag { display: inline-block; border: 1px solid currentColor; border-radius: 4px; padding: 0 6px; font-size: .85em; font-weight: 600; }
.timeline td { width: 30%; font-size: .93em; }
.timeline td.when { width: 10%; font-weight: 700; white-space: nowrap; }
.timeline ul { margin: 0; padding-left: 18px; }
.barrier { border: 1px solid var(--line); border-radius: 8px; padding: 8px 14px; margin: 10px 0; }
.barrier p { margin: 4px 0; }
ol.prompts li, ul.objectives li { margin: 4px 0; }
footer { color: var(--muted); font-size: .85em; margin-top: 32px; }
@media print { body { font-size: 12px; } main { padding: 0; } }
"#;

/// Renders the whole debrief as HTML.
pub fn to_html(d: &Debrief) -> String {
    let mut h = String::with_capacity(64 * 1024);
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

    // Score.
    h.push_str("<h2>Team score</h2>\n<div class=\"cards\">\n");
    let _ = writeln!(
        h,
        "<div class=\"card\"><div class=\"k\">Team total</div><div class=\"total {}\">{:+}</div></div>",
        sign_class(d.score.total),
        d.score.total
    );
    for (role, pts) in &d.score.roles {
        let _ = writeln!(
            h,
            "<div class=\"card\"><div class=\"k\">{} contribution</div><div class=\"v {}\">{pts:+}</div></div>",
            esc(role),
            sign_class(*pts)
        );
    }
    let _ = write!(
        h,
        "<div class=\"card\"><div class=\"k\">Crises</div><div class=\"v\">{} suffered, {} averted</div></div>\n</div>\n",
        d.score.crises_suffered, d.score.crises_averted
    );
    h.push_str("<h3>By competency domain (IPEC 2023)</h3>\n");
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

    // Crises.
    h.push_str("<h2>Crises</h2>\n");
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

    // Barriers.
    h.push_str("<h2>The barriers this session met</h2>\n");
    for b in &d.barriers {
        let _ = write!(
            h,
            "<div class=\"barrier\"><h3>{}{}</h3><p class=\"sub\">{}</p>",
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

    // Learning objectives and prompts.
    h.push_str("<h2>Learning objectives</h2>\n<ul class=\"objectives\">\n");
    for o in &d.scenario.learning_objectives {
        let _ = writeln!(h, "<li>{}</li>", esc(o));
    }
    h.push_str("</ul>\n<h2>For discussion</h2>\n<ol class=\"prompts\">\n");
    for p in &d.scenario.discussion_prompts {
        let _ = writeln!(h, "<li>{}</li>", esc(p));
    }
    h.push_str("</ol>\n");

    // Items.
    h.push_str("<h2>Every scored item</h2>\n<table><tr><th>When</th><th>Behaviour</th><th>Domain</th><th>Who</th><th>Points</th></tr>\n");
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
    h.push_str("</table>\n");

    // Timeline.
    h.push_str("<h2>Timeline</h2>\n<table class=\"timeline\"><tr><th>When</th><th>GP</th><th>Social worker</th><th>Around them</th></tr>\n");
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
    h.push_str("</table>\n");
    let _ = write!(
        h,
        "<footer>Joined Up debrief for scenario <code>{}</code>. Points and behaviours are explained in the project's docs/scoring.md.</footer>\n</main>\n</body>\n</html>\n",
        esc(&d.scenario.id)
    );
    h
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
