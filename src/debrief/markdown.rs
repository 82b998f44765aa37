//! The debrief as Markdown: the same content as the HTML page, for pasting into notes.

use std::fmt::Write;

use super::Debrief;

/// Table cells may not hold pipes or line breaks.
fn cell(s: &str) -> String {
    s.replace('|', "\\|").replace('\n', " ")
}

pub fn to_markdown(d: &Debrief) -> String {
    let mut m = String::new();
    let _ = writeln!(m, "# Debrief: {}\n", d.scenario.title);
    let _ = writeln!(m, "{}\n", d.scenario.summary);
    let _ = writeln!(
        m,
        "Setting: {} · seed {} · GP: {} · social worker: {}{}\n",
        d.setting,
        d.seed,
        d.players["gp"],
        d.players["social_worker"],
        if d.finished {
            ""
        } else {
            " · **session not finished**"
        }
    );

    let _ = writeln!(m, "## Team score: {:+}\n", d.score.total);
    for (role, pts) in &d.score.roles {
        let _ = writeln!(m, "- {role} contribution: {pts:+}");
    }
    let _ = writeln!(
        m,
        "- Crises: {} suffered, {} averted\n",
        d.score.crises_suffered, d.score.crises_averted
    );
    m.push_str("### By competency domain (IPEC 2023)\n\n| Domain | Earned | Lost | Net |\n|---|---:|---:|---:|\n");
    for dm in &d.score.domains {
        let _ = writeln!(
            m,
            "| {} | {:+} | {:+} | {:+} |",
            dm.label, dm.gained, dm.lost, dm.points
        );
    }

    m.push_str("\n## Crises\n\n");
    if d.crises.is_empty() {
        m.push_str("This scenario has no crises.\n");
    }
    for c in &d.crises {
        let _ = writeln!(
            m,
            "- **{}**{} — {}, {}: {}",
            c.outcome.to_uppercase(),
            c.when
                .as_ref()
                .map(|w| format!(" ({w})"))
                .unwrap_or_default(),
            c.patient,
            c.kind,
            c.text
        );
    }

    m.push_str("\n## The barriers this session met\n");
    for b in &d.barriers {
        let _ = writeln!(
            m,
            "\n### {}{}\n\n{}\n",
            b.barrier,
            if b.declared {
                " (taught by this case)"
            } else {
                ""
            },
            b.description
        );
        if b.met.is_empty() {
            m.push_str("- Not met in this session.\n");
        } else {
            let _ = writeln!(
                m,
                "- Met {} time{}, e.g. {}.",
                b.met.len(),
                if b.met.len() == 1 { "" } else { "s" },
                b.met.iter().take(3).cloned().collect::<Vec<_>>().join("; ")
            );
        }
        if !b.handled_well.is_empty() {
            let _ = writeln!(m, "- Worked against it: {}", b.handled_well.join(", "));
        }
        if !b.handled_badly.is_empty() {
            let _ = writeln!(m, "- Gave in to it: {}", b.handled_badly.join(", "));
        }
    }

    m.push_str("\n## Learning objectives\n\n");
    for o in &d.scenario.learning_objectives {
        let _ = writeln!(m, "- {o}");
    }
    m.push_str("\n## For discussion\n\n");
    for (i, p) in d.scenario.discussion_prompts.iter().enumerate() {
        let _ = writeln!(m, "{}. {p}", i + 1);
    }

    m.push_str("\n## Every scored item\n\n| When | Behaviour | Domain | Who | Points |\n|---|---|---|---|---:|\n");
    for i in &d.items {
        let _ = writeln!(
            m,
            "| {} | **{}**: {} | {} | {} | {:+} |",
            i.when,
            cell(i.behaviour),
            cell(&i.explanation),
            i.domain,
            i.roles.join(", "),
            i.points
        );
    }

    m.push_str("\n## Timeline\n\n| When | GP | Social worker | Around them |\n|---|---|---|---|\n");
    for s in &d.timeline {
        let join = |v: &[String]| cell(&v.join("<br>"));
        let _ = writeln!(
            m,
            "| {} | {} | {} | {} |",
            s.when,
            join(&s.gp),
            join(&s.social_worker),
            join(&s.borough)
        );
    }
    m
}
