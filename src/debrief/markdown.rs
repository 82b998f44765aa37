//! The debrief as Markdown: the same content as the HTML page, for pasting into notes.
//!
//! Every text from a scenario or a session goes through [`md`], so a title or a fact cannot
//! smuggle HTML, a link or Markdown syntax into the notes it is pasted into.

use std::fmt::Write;

use super::Debrief;

/// Text made inert for Markdown: HTML's `<`, `>` and `&` become entities (no tag can open),
/// the characters that make links, emphasis, code and tables are escaped (`[` and `]` so no
/// link or image can form), and line breaks become spaces (a table cell or list item stays one
/// line). Every text is written after a list marker or inside a table, never at the start of a
/// line, so headings and lists cannot be forged either.
pub(crate) fn md(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '|' | '~' => {
                out.push('\\');
                out.push(c);
            }
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '\n' | '\r' => out.push(' '),
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

pub fn to_markdown(d: &Debrief) -> String {
    let mut m = String::new();
    let _ = writeln!(m, "# Debrief: {}\n", md(&d.scenario.title));
    let _ = writeln!(m, "{}\n", md(&d.scenario.summary));
    let _ = writeln!(
        m,
        "Setting: {} · seed {} · GP: {} · social worker: {}{}\n",
        md(&d.setting),
        d.seed,
        md(&d.players["gp"]),
        md(&d.players["social_worker"]),
        if d.finished {
            ""
        } else {
            " · **session not finished**"
        }
    );

    if let Some(seal) = &d.seal {
        let _ = writeln!(m, "Session file: {}.\n", md(seal));
    }

    // 1. Reactions.
    m.push_str("## 1. Reactions: what happened\n\n");
    for s in &d.reactions.story {
        let _ = writeln!(m, "- {}", md(s));
    }
    m.push_str("\n### Crises\n\n");
    if d.crises.is_empty() {
        m.push_str("This scenario has no crises.\n");
    }
    for c in &d.crises {
        let _ = writeln!(
            m,
            "- **{}**{}: {}, {}: {}",
            c.outcome.to_uppercase(),
            c.when
                .as_ref()
                .map(|w| format!(" ({})", md(w)))
                .unwrap_or_default(),
            md(&c.patient),
            md(c.kind),
            md(&c.text)
        );
    }
    m.push_str("\n### Ask first\n\n");
    numbered(&mut m, &d.reactions.prompts);

    // 2. Analysis.
    m.push_str("\n## 2. Analysis: why it happened\n\n### The moments that mattered\n\n");
    if d.moments.is_empty() {
        m.push_str("Nothing in this session stood out.\n");
    }
    for mo in &d.moments {
        let _ = writeln!(
            m,
            "- **{}** ({}): {}\n  - Ask: {}",
            md(&mo.when),
            mo.kind,
            md(&mo.what),
            md(&mo.prompt)
        );
    }
    m.push_str("\n### Who knew what, when\n\n");
    if d.knowledge.is_empty() {
        m.push_str("No fact that a need depended on had to travel between the professions.\n");
    }
    for t in &d.knowledge {
        let _ = writeln!(
            m,
            "- **{}** ({}){}",
            md(&t.text),
            md(&t.patient),
            if t.gap > 0 {
                format!(
                    ": a gap of {} half-day{}",
                    t.gap,
                    if t.gap == 1 { "" } else { "s" }
                )
            } else {
                String::new()
            }
        );
        for k in &t.roles {
            let _ = writeln!(m, "  - {}", md(&k.sentence()));
        }
    }

    let _ = writeln!(m, "\n### Team score: {:+}\n", d.score.total);
    let _ = writeln!(
        m,
        "- Crises: {} suffered, {} averted\n",
        d.score.crises_suffered, d.score.crises_averted
    );
    m.push_str("By competency domain (IPEC 2023):\n\n| Domain | Earned | Lost | Net |\n|---|---:|---:|---:|\n");
    for dm in &d.score.domains {
        let _ = writeln!(
            m,
            "| {} | {:+} | {:+} | {:+} |",
            dm.label, dm.gained, dm.lost, dm.points
        );
    }
    m.push_str("\n### Each profession's part\n");
    for r in &d.roles {
        let _ = writeln!(
            m,
            "\n**{}** ({}): {:+} (earned {:+}, lost {:+})\n",
            md(r.role),
            md(&r.player),
            r.contribution,
            r.earned,
            r.lost
        );
        for i in r.best.iter().chain(&r.worst) {
            let _ = writeln!(
                m,
                "- {:+} {} ({})",
                i.points,
                md(&i.explanation),
                md(&i.when)
            );
        }
        for w in &r.waited_for {
            let _ = writeln!(m, "- Went without: {}", md(w));
        }
    }

    m.push_str("\n### The barriers this session met\n");
    for b in &d.barriers {
        let _ = writeln!(
            m,
            "\n**{}**{}: {}\n",
            md(b.barrier),
            if b.declared {
                " (taught by this case)"
            } else {
                ""
            },
            md(b.description)
        );
        if b.met.is_empty() {
            m.push_str("- Not met in this session.\n");
        } else {
            let _ = writeln!(
                m,
                "- Met {} time{}, e.g. {}.",
                b.met.len(),
                if b.met.len() == 1 { "" } else { "s" },
                md(&b.met.iter().take(3).cloned().collect::<Vec<_>>().join("; "))
            );
        }
        if !b.handled_well.is_empty() {
            let _ = writeln!(m, "- Worked against it: {}", md(&b.handled_well.join(", ")));
        }
        if !b.handled_badly.is_empty() {
            let _ = writeln!(m, "- Gave in to it: {}", md(&b.handled_badly.join(", ")));
        }
    }
    if !d.scenario.discussion_prompts.is_empty() {
        m.push_str("\n### From the case's author\n\n");
        numbered(&mut m, &d.scenario.discussion_prompts);
    }

    m.push_str("\n### Every scored item\n\n| When | Behaviour | Domain | Who | Points |\n|---|---|---|---|---:|\n");
    for i in &d.items {
        let _ = writeln!(
            m,
            "| {} | **{}**: {} | {} | {} | {:+} |",
            md(&i.when),
            md(i.behaviour),
            md(&i.explanation),
            md(i.domain),
            md(&i.roles.join(", ")),
            i.points
        );
    }

    m.push_str(
        "\n### Timeline\n\n| When | GP | Social worker | Around them |\n|---|---|---|---|\n",
    );
    for s in &d.timeline {
        let join = |v: &[String]| v.iter().map(|x| md(x)).collect::<Vec<_>>().join("<br>");
        let _ = writeln!(
            m,
            "| {} | {} | {} | {} |",
            md(&s.when),
            join(&s.gp),
            join(&s.social_worker),
            join(&s.borough)
        );
    }

    // 3. Application.
    m.push_str("\n## 3. Application: what now\n\n### Learning objectives\n\n");
    for o in &d.scenario.learning_objectives {
        let _ = writeln!(m, "- {}", md(o));
    }
    m.push_str("\n### Taking it into practice\n\n");
    numbered(&mut m, &d.application);
    m.push_str("\n### Self-assessment\n\n");
    match &d.self_assessment {
        None => m.push_str("Nobody filled in the self-assessment in this session.\n"),
        Some(a) => {
            let _ = writeln!(
                m,
                "{}: mean answer on a scale of 1 to {}.\n",
                md(&a.instrument),
                a.points
            );
            for r in &a.roles {
                let _ = writeln!(
                    m,
                    "**{}**\n\n| Domain | Before play |{} After the debrief |\n|---|---:|{}---:|",
                    md(r.role),
                    if a.retrospective {
                        " Before, looking back |"
                    } else {
                        ""
                    },
                    if a.retrospective { "---:|" } else { "" }
                );
                let f = |v: Option<f64>| v.map_or_else(|| "–".to_owned(), |v| format!("{v:.1}"));
                for row in &r.rows {
                    let _ = writeln!(
                        m,
                        "| {} | {} |{} {} |",
                        md(row.domain),
                        f(row.before),
                        if a.retrospective {
                            format!(" {} |", f(row.retrospective))
                        } else {
                            String::new()
                        },
                        f(row.after)
                    );
                }
                m.push('\n');
            }
        }
    }
    m
}

fn numbered(m: &mut String, items: &[String]) {
    for (i, p) in items.iter().enumerate() {
        let _ = writeln!(m, "{}. {}", i + 1, md(p));
    }
}

#[cfg(test)]
mod tests {
    use super::md;

    #[test]
    fn scenario_text_cannot_become_markup() {
        assert_eq!(
            md("<script>alert(1)</script>"),
            "&lt;script&gt;alert(1)&lt;/script&gt;"
        );
        assert_eq!(
            md("[click](javascript:alert(1))"),
            "\\[click\\](javascript:alert(1))"
        );
        assert_eq!(
            md("<iframe src=javascript:x>"),
            "&lt;iframe src=javascript:x&gt;"
        );
        assert_eq!(md("a | b\nc"), "a \\| b c");
        assert_eq!(md("**bold** _it_"), "\\*\\*bold\\*\\* \\_it\\_");
    }
}
