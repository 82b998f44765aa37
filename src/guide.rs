//! The facilitator's guide to a case (`joined-up guide`): one printable page or three for the
//! tutor running a session, from the case itself and its `facilitator` section: the summary,
//! both roles' briefings, the caseload, the boroughs, the objectives and barriers, the law and
//! practice behind it, the model pathway, common errors, timing, and what to ask when.

use std::fmt::Write;

use crate::debrief::esc;
use crate::debrief::md;
use crate::scenario::{Facilitator, Scenario, ValidScenario};

const CSS: &str = r#"
:root { --ink:#1b1b1f; --muted:#4a4a55; --line:#c9c9d3; --accent:#1f4e9c; --soft:#f3f3f7; }
* { box-sizing: border-box; }
body { font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; color: var(--ink); margin: 0; }
main { max-width: 900px; margin: 0 auto; padding: 24px; }
h1 { font-size: 1.6em; margin: 0 0 2px; }
h2 { font-size: 1.15em; margin: 18px 0 6px; color: var(--accent); border-bottom: 2px solid var(--line); padding-bottom: 2px; }
.sub { color: var(--muted); margin: 0 0 8px; }
.two { display: grid; grid-template-columns: 1fr 1fr; gap: 14px; }
.box { border: 1px solid var(--line); border-radius: 6px; padding: 6px 10px; }
.box p { margin: 4px 0; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; vertical-align: top; border-bottom: 1px solid var(--line); padding: 4px 6px; }
th { background: var(--soft); }
td.min { white-space: nowrap; width: 7em; }
ul, ol { margin: 4px 0; padding-left: 22px; }
li { margin: 2px 0; }
.missing { border: 1px dashed var(--muted); padding: 6px 10px; color: var(--muted); }
footer { color: var(--muted); font-size: .85em; margin-top: 18px; }
@page { size: A4; margin: 12mm 13mm; }
@media print { body { font-size: 9pt; line-height: 1.32; } main { padding: 0; max-width: none; } h1 { font-size: 1.45em; } h2 { font-size: 1.1em; margin: 10px 0 4px; break-after: avoid; } th, td { padding: 2px 5px; } li { margin: 1px 0; } tr, li, .box, table.timing { break-inside: avoid; } footer { margin-top: 8px; } }
"#;

/// The guide as a self-contained HTML page (no scripts, nothing fetched), ready to print.
pub fn to_html(scenario: &ValidScenario) -> String {
    let s = scenario.get();
    let mut h = String::with_capacity(32 * 1024);
    let title = format!("Facilitator's guide: {}", s.title);
    let _ = write!(
        h,
        "<!DOCTYPE html>\n<html lang=\"en-GB\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>{}</title>\n<style>{CSS}</style>\n</head>\n<body>\n<main>\n<h1>{}</h1>\n<p class=\"sub\">{}</p>\n<p>{}</p>\n",
        esc(&title),
        esc(&title),
        esc(&facts_line(s)),
        esc(&s.summary)
    );

    h.push_str("<h2>The two roles</h2>\n<div class=\"two\">\n");
    for r in [&s.roles.gp, &s.roles.social_worker] {
        let _ = write!(
            h,
            "<div class=\"box\"><p><strong>{}</strong>, {}</p><p>{}</p>",
            esc(&r.name),
            esc(&r.title),
            esc(&r.briefing)
        );
        if !r.commitments.is_empty() {
            let week: Vec<String> = r
                .commitments
                .iter()
                .map(|c| {
                    let half = match c.half {
                        crate::scenario::Half::Am => "morning",
                        crate::scenario::Half::Pm => "afternoon",
                    };
                    let when = if c.days.is_empty() {
                        format!("each {half}")
                    } else {
                        let days: Vec<String> = c.days.iter().map(u32::to_string).collect();
                        format!("day {} {half}", days.join(", "))
                    };
                    format!("{}, {} h {when}", c.what, c.hours)
                })
                .collect();
            let _ = write!(
                h,
                "<p class=\"sub\">Fixed work: {}</p>",
                esc(&week.join("; "))
            );
        }
        h.push_str("</div>\n");
    }
    h.push_str("</div>\n<p class=\"sub\">Each player reads only their own briefing; the game keeps the other's hidden.</p>\n");

    h.push_str("<h2>The caseload</h2>\n<ul>\n");
    for p in &s.patients {
        let _ = writeln!(
            h,
            "<li><strong>{}</strong>, {}: {}</li>",
            esc(&p.name),
            p.age,
            esc(&p.summary)
        );
    }
    h.push_str("</ul>\n");

    h.push_str("<h2>Objectives and barriers</h2>\n<div class=\"two\"><div><strong>Students should be able to</strong><ul>\n");
    for o in &s.learning_objectives {
        let _ = writeln!(h, "<li>{}</li>", esc(o));
    }
    h.push_str(
        "</ul></div><div><strong>Barriers it teaches</strong> (of the nine the study found)<ul>\n",
    );
    for b in &s.barriers {
        let _ = writeln!(
            h,
            "<li><strong>{}</strong> <span class=\"sub\">({})</span></li>",
            esc(b.label()),
            esc(b.theme())
        );
    }
    h.push_str("</ul></div></div>\n");
    if !s.settings.is_empty() {
        h.push_str("<p><strong>Boroughs:</strong> as written");
        for (name, o) in &s.settings {
            let _ = write!(
                h,
                "; <em>{}</em>: {}",
                esc(name),
                esc(o.description.trim_end_matches('.'))
            );
        }
        h.push_str(". Playing the same case in two boroughs shows what integration changes.</p>\n");
    }

    match &s.facilitator {
        None => h.push_str("<p class=\"missing\">This case has no facilitator section yet. Its author can add one (background, model pathway, common errors, timing, questions): see docs/scenario-format.md.</p>\n"),
        Some(f) => facilitator_html(&mut h, f),
    }

    if !s.discussion_prompts.is_empty() {
        h.push_str("<h2>Discussion prompts</h2>\n<ol>\n");
        for p in &s.discussion_prompts {
            let _ = writeln!(h, "<li>{}</li>", esc(p));
        }
        h.push_str("</ol>\n");
    }
    let _ = write!(
        h,
        "<footer>Joined Up, scenario <code>{}</code>. After each session the game's debrief (<code>joined-up debrief</code>, or the window) adds questions drawn from what that pair did: the moments that mattered, who knew what when.</footer>\n</main>\n</body>\n</html>\n",
        esc(&s.id)
    );
    h
}

fn facilitator_html(h: &mut String, f: &Facilitator) {
    if !f.background.is_empty() {
        h.push_str("<h2>Background: the law and practice</h2>\n");
        for p in &f.background {
            let _ = writeln!(h, "<p>{}</p>", esc(p));
        }
    }
    if !f.pathway.is_empty() {
        h.push_str("<h2>The model pathway</h2>\n<ol>\n");
        for p in &f.pathway {
            let _ = writeln!(h, "<li>{}</li>", esc(p));
        }
        h.push_str("</ol>\n");
    }
    if !f.common_errors.is_empty() {
        h.push_str("<h2>Common errors</h2>\n<ul>\n");
        for p in &f.common_errors {
            let _ = writeln!(h, "<li>{}</li>", esc(p));
        }
        h.push_str("</ul>\n");
    }
    if !f.timing.is_empty() {
        let total: u32 = f.timing.iter().map(|t| t.minutes).sum();
        let _ = write!(
            h,
            "<h2>Timing ({total} minutes)</h2>\n<table class=\"timing\"><tr><th>When</th><th>What</th></tr>\n"
        );
        let mut at = 0;
        for t in &f.timing {
            let _ = writeln!(
                h,
                "<tr><td class=\"min\">{}–{} min</td><td>{}</td></tr>",
                at,
                at + t.minutes,
                esc(&t.what)
            );
            at += t.minutes;
        }
        h.push_str("</table>\n");
    }
    if !f.questions.is_empty() {
        h.push_str("<h2>What to ask, and when</h2>\n<table><tr><th>When</th><th>Ask</th></tr>\n");
        for q in &f.questions {
            let _ = writeln!(
                h,
                "<tr><td>{}</td><td>{}</td></tr>",
                esc(&q.when),
                esc(&q.ask)
            );
        }
        h.push_str("</table>\n");
    }
}

fn facts_line(s: &Scenario) -> String {
    format!(
        "{} minutes of play · {} working day{} · {} patient{}{}",
        s.play_minutes,
        s.days,
        if s.days == 1 { "" } else { "s" },
        s.patients.len(),
        if s.patients.len() == 1 { "" } else { "s" },
        if s.authors.is_empty() {
            String::new()
        } else {
            format!(" · by {}", s.authors.join(", "))
        }
    )
}

/// The guide as Markdown, with the same content.
pub fn to_markdown(scenario: &ValidScenario) -> String {
    let s = scenario.get();
    let mut m = String::new();
    let _ = writeln!(m, "# Facilitator's guide: {}\n", md(&s.title));
    let _ = writeln!(m, "{}\n\n{}\n", md(&facts_line(s)), md(&s.summary));
    m.push_str("## The two roles\n\n");
    for r in [&s.roles.gp, &s.roles.social_worker] {
        let _ = writeln!(
            m,
            "- **{}**, {}: {}",
            md(&r.name),
            md(&r.title),
            md(&r.briefing)
        );
    }
    m.push_str("\n## The caseload\n\n");
    for p in &s.patients {
        let _ = writeln!(m, "- **{}**, {}: {}", md(&p.name), p.age, md(&p.summary));
    }
    m.push_str("\n## Objectives\n\n");
    for o in &s.learning_objectives {
        let _ = writeln!(m, "- {}", md(o));
    }
    m.push_str("\n## Barriers it teaches\n\n");
    for b in &s.barriers {
        let _ = writeln!(m, "- **{}**: {}", md(b.label()), md(b.description()));
    }
    match &s.facilitator {
        None => {
            m.push_str("\nThis case has no facilitator section yet (docs/scenario-format.md).\n")
        }
        Some(f) => {
            if !f.background.is_empty() {
                m.push_str("\n## Background: the law and practice\n\n");
                for p in &f.background {
                    let _ = writeln!(m, "{}\n", md(p));
                }
            }
            if !f.pathway.is_empty() {
                m.push_str("\n## The model pathway\n\n");
                for (i, p) in f.pathway.iter().enumerate() {
                    let _ = writeln!(m, "{}. {}", i + 1, md(p));
                }
            }
            if !f.common_errors.is_empty() {
                m.push_str("\n## Common errors\n\n");
                for p in &f.common_errors {
                    let _ = writeln!(m, "- {}", md(p));
                }
            }
            if !f.timing.is_empty() {
                m.push_str("\n## Timing\n\n| When | What |\n|---|---|\n");
                let mut at = 0;
                for t in &f.timing {
                    let _ = writeln!(m, "| {}–{} min | {} |", at, at + t.minutes, md(&t.what));
                    at += t.minutes;
                }
            }
            if !f.questions.is_empty() {
                m.push_str("\n## What to ask, and when\n\n| When | Ask |\n|---|---|\n");
                for q in &f.questions {
                    let _ = writeln!(m, "| {} | {} |", md(&q.when), md(&q.ask));
                }
            }
        }
    }
    if !s.discussion_prompts.is_empty() {
        m.push_str("\n## Discussion prompts\n\n");
        for (i, p) in s.discussion_prompts.iter().enumerate() {
            let _ = writeln!(m, "{}. {}", i + 1, md(p));
        }
    }
    m
}
