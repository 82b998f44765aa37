//! The cohort as CSV: one row a session, for a spreadsheet. UTF-8 with a byte-order mark by
//! default (so Excel reads `£` and curly quotes rightly), ISO 8601 dates, and text that a
//! spreadsheet would take for a formula made inert.

use crate::scenario::behaviour::Domain;
use crate::self_assessment::Phase;
use crate::sim::Role;

use super::{KEY_BEHAVIOURS, Row, player_key};

/// The column names, in order.
pub fn header() -> Vec<String> {
    let mut h: Vec<String> = [
        "file",
        "seal",
        "scenario",
        "scenario_title",
        "setting",
        "seed",
        "gp",
        "social_worker",
        "played_on",
        "played_at",
        "finished",
        "half_days",
        "total",
    ]
    .map(str::to_owned)
    .to_vec();
    h.extend(Domain::ALL.map(|d| d.key().to_owned()));
    h.push("crises_suffered".into());
    h.push("crises_averted".into());
    h.extend(KEY_BEHAVIOURS.map(|b| snake(&format!("{b:?}"))));
    h.push("self_assessment".into());
    for r in Role::BOTH {
        for p in Phase::ALL {
            h.push(format!("{}_{}_all", r.id(), p.key()));
            for d in Domain::ALL {
                h.push(format!("{}_{}_{}", r.id(), p.key(), d.key()));
            }
        }
    }
    h
}

/// One row's cells, in [`header`] order.
pub fn cells(r: &Row) -> Vec<String> {
    let mut c = vec![
        text(&r.file.display().to_string()),
        match &r.seal {
            crate::session::Seal::Here => "here".to_owned(),
            crate::session::Seal::Elsewhere { key } => format!("elsewhere:{key}"),
        },
        text(&r.scenario_id),
        text(&r.scenario_title),
        text(r.setting.as_deref().unwrap_or("")),
        r.seed.to_string(),
        player_key(r.gp),
        player_key(r.social_worker),
        r.played_at
            .as_deref()
            .and_then(|t| t.get(..10))
            .unwrap_or("")
            .to_owned(),
        r.played_at.clone().unwrap_or_default(),
        r.finished.to_string(),
        r.half_days.to_string(),
        r.total.to_string(),
    ];
    c.extend(r.domains.iter().map(i32::to_string));
    c.push(r.crises_suffered.to_string());
    c.push(r.crises_averted.to_string());
    c.extend(KEY_BEHAVIOURS.map(|b| r.count(b).to_string()));
    let sa = r.self_assessment.as_ref();
    c.push(sa.map_or_else(String::new, |s| text(&s.instrument.id)));
    for role in Role::BOTH {
        for p in Phase::ALL {
            c.push(mean(sa.and_then(|s| s.overall(role, p))));
            for d in Domain::ALL {
                c.push(mean(sa.and_then(|s| s.mean(role, p, d))));
            }
        }
    }
    c
}

/// The whole table as CSV text (with a byte-order mark first when `bom`).
pub fn to_csv(rows: &[Row], bom: bool) -> String {
    let mut w = ::csv::WriterBuilder::new()
        .terminator(::csv::Terminator::CRLF)
        .from_writer(Vec::new());
    let _ = w.write_record(header());
    for r in rows {
        let _ = w.write_record(cells(r));
    }
    let body = w
        .into_inner()
        .map(|b| String::from_utf8_lossy(&b).into_owned())
        .unwrap_or_default();
    if bom { format!("\u{feff}{body}") } else { body }
}

fn mean(v: Option<f64>) -> String {
    v.map_or_else(String::new, |v| format!("{v:.2}"))
}

/// Text a spreadsheet would run as a formula (`=`, `+`, `-`, `@`, a tab or a return first)
/// gets a leading apostrophe, as OWASP advises against CSV injection.
fn text(s: &str) -> String {
    if s.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{s}")
    } else {
        s.to_owned()
    }
}

/// `ContextualReferral` as `contextual_referral`.
fn snake(name: &str) -> String {
    let mut out = String::new();
    for (i, ch) in name.chars().enumerate() {
        if ch.is_uppercase() {
            if i > 0 {
                out.push('_');
            }
            out.extend(ch.to_lowercase());
        } else {
            out.push(ch);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_cells_are_spreadsheet_safe() {
        assert_eq!(snake("ContextualReferral"), "contextual_referral");
        assert_eq!(text("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        assert_eq!(text("-2+3"), "'-2+3");
        assert_eq!(text("Home from hospital"), "Home from hospital");
        let h = header();
        let unique: std::collections::BTreeSet<&String> = h.iter().collect();
        assert_eq!(unique.len(), h.len(), "column names repeat");
    }
}
