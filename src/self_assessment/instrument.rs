//! Self-assessment instruments: the RON format, read and checked like a scenario (the same
//! parser, the same `PATH:LINE:COLUMN: error:` messages with hints).

use std::collections::BTreeSet;
use std::path::Path;
use std::sync::Arc;

use serde::{Deserialize, Serialize};

use crate::scenario::behaviour::Domain;
use crate::scenario::diagnostic::{Diagnostic, Severity};
use crate::scenario::parse::parse_bytes_as;
use crate::scenario::sha256_hex;
use crate::scenario::spans::{Path as At, SpanTree};

/// The instrument format this build reads.
pub const INSTRUMENT_FORMAT: u32 = 1;

/// What the kind of file is called in messages.
pub const WHAT: &str = "self-assessment instrument";

/// Joined Up's own instrument, used unless a school supplies another.
pub const DEFAULT_INSTRUMENT: &str = include_str!("default.instrument.ron");

/// Most statements an instrument may ask (a self-assessment is a few minutes' work).
pub const MAX_ITEMS: usize = 40;
/// Longest statement, in characters.
pub const MAX_STATEMENT: usize = 300;
/// Fewest and most points on the scale.
pub const SCALE_POINTS: std::ops::RangeInclusive<usize> = 2..=11;

/// A self-assessment instrument: statements rated on one scale.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Instrument {
    pub format: u32,
    /// Short name, stored with the answers (lower-case letters, digits and `_`).
    pub id: String,
    pub title: String,
    /// Shown above the statements.
    #[serde(default)]
    pub instructions: String,
    /// The answer labels, lowest first ("Strongly disagree" … "Strongly agree"); an answer is
    /// stored as its position on the scale, from 1.
    pub scale: Vec<String>,
    /// After play, also ask how each statement would have been answered before it, looking
    /// back.
    #[serde(default)]
    pub retrospective_before: bool,
    pub items: Vec<InstrumentItem>,
}

/// One statement.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct InstrumentItem {
    pub id: String,
    /// The IPEC competency domain it belongs to.
    pub domain: Domain,
    pub text: String,
}

/// An instrument that parsed and passed its checks; only [`load_bytes`] makes one.
#[derive(Debug, Clone)]
pub struct ValidInstrument {
    instrument: Arc<Instrument>,
    hash: String,
    warnings: Vec<Diagnostic>,
}

impl ValidInstrument {
    pub fn get(&self) -> &Instrument {
        &self.instrument
    }
    /// SHA-256 of the file's bytes.
    pub fn hash(&self) -> &str {
        &self.hash
    }
    pub fn warnings(&self) -> &[Diagnostic] {
        &self.warnings
    }
    /// An instrument sent by a LAN host, checked as a file would be.
    pub fn from_host(instrument: &Instrument) -> Result<ValidInstrument, Vec<Diagnostic>> {
        let text = ron::ser::to_string(instrument).map_err(|e| {
            vec![Diagnostic::error(
                "(from the host)",
                0,
                0,
                format!("cannot read the host's instrument: {e}"),
            )]
        })?;
        load_bytes("(from the host)", text.as_bytes())
    }

    /// Joined Up's own instrument.
    pub fn builtin() -> ValidInstrument {
        load_bytes("(built in)", DEFAULT_INSTRUMENT.as_bytes())
            .expect("invariant: the built-in instrument validates (a test checks it)")
    }
}

/// Parses and checks an instrument's bytes; `path` is used in messages only.
pub fn load_bytes(path: &str, bytes: &[u8]) -> Result<ValidInstrument, Vec<Diagnostic>> {
    let instrument: Instrument = parse_bytes_as(path, bytes, WHAT).map_err(|d| vec![d])?;
    let text = String::from_utf8_lossy(crate::scenario::parse::strip_bom(bytes));
    let found = check(path, &text, &instrument);
    if found.iter().any(Diagnostic::is_error) {
        return Err(found);
    }
    Ok(ValidInstrument {
        instrument: Arc::new(instrument),
        hash: sha256_hex(bytes),
        warnings: found,
    })
}

/// Reads and checks an instrument file.
pub fn load_file(path: &Path) -> Result<ValidInstrument, Vec<Diagnostic>> {
    let bytes = crate::scenario::read_limited(path).map_err(|d| vec![d])?;
    load_bytes(&path.display().to_string(), &bytes)
}

/// Whether a path names an instrument file (`*.instrument.ron`) rather than a scenario.
pub fn is_instrument_path(path: &Path) -> bool {
    path.file_name()
        .and_then(|n| n.to_str())
        .is_some_and(|n| n.ends_with(".instrument.ron"))
}

/// Every problem in `instrument`, read from `source` at `path`.
pub fn check(path: &str, source: &str, instrument: &Instrument) -> Vec<Diagnostic> {
    let spans = SpanTree::new(source);
    let mut out = Vec::new();
    let mut push = |severity: Severity, at: &At, message: String, hint: &str| {
        let pos = spans.locate(at);
        out.push(Diagnostic {
            path: path.to_owned(),
            line: pos.line,
            column: pos.column,
            severity,
            message,
            hint: Some(hint.to_owned()),
        });
    };
    let root = At::root();
    let i = instrument;
    if i.format != INSTRUMENT_FORMAT {
        push(
            Severity::Error,
            &root.field("format"),
            format!(
                "instrument format {} is not supported; this build reads format {INSTRUMENT_FORMAT}",
                i.format
            ),
            "set `format: 1`; docs/self-assessment.md describes it",
        );
    }
    if !valid_id(&i.id) {
        push(
            Severity::Error,
            &root.field("id"),
            format!("instrument id `{}` is not a valid id", i.id),
            "ids are lower-case letters, digits and `_`, starting with a letter (up to 64)",
        );
    }
    fn text(
        at: &At,
        what: &str,
        value: &str,
        max: usize,
        push: &mut dyn FnMut(Severity, &At, String, &str),
    ) {
        if value.trim().is_empty() {
            push(
                Severity::Error,
                at,
                format!("{what} is empty"),
                "write it in a few words",
            );
        } else if value.chars().count() > max {
            push(
                Severity::Error,
                at,
                format!("{what} is longer than {max} characters"),
                "shorten it; a statement should be read at a glance",
            );
        }
    }
    text(&root.field("title"), "title", &i.title, 200, &mut push);
    if !i.instructions.is_empty() {
        text(
            &root.field("instructions"),
            "instructions",
            &i.instructions,
            1000,
            &mut push,
        );
    }
    if !SCALE_POINTS.contains(&i.scale.len()) {
        push(
            Severity::Error,
            &root.field("scale"),
            format!(
                "the scale has {} point{}; it needs {} to {}",
                i.scale.len(),
                if i.scale.len() == 1 { "" } else { "s" },
                SCALE_POINTS.start(),
                SCALE_POINTS.end()
            ),
            "list the answer labels, lowest first, e.g. `[\"Strongly disagree\", \"Disagree\", \"Not sure\", \"Agree\", \"Strongly agree\"]`",
        );
    }
    for (k, label) in i.scale.iter().enumerate() {
        text(
            &root.field("scale").index(k),
            "scale label",
            label,
            60,
            &mut push,
        );
    }
    if i.items.is_empty() {
        push(
            Severity::Error,
            &root.field("items"),
            "no statements".to_owned(),
            "add at least one `(id: \"...\", domain: Communication, text: \"...\")`",
        );
    }
    if i.items.len() > MAX_ITEMS {
        push(
            Severity::Error,
            &root.field("items"),
            format!("{} statements is more than {MAX_ITEMS}", i.items.len()),
            "a self-assessment should take a few minutes; keep the statements that matter most",
        );
    }
    let mut seen = BTreeSet::new();
    for (k, item) in i.items.iter().enumerate() {
        let at = root.field("items").index(k);
        if !valid_id(&item.id) {
            push(
                Severity::Error,
                &at.field("id"),
                format!("statement id `{}` is not a valid id", item.id),
                "ids are lower-case letters, digits and `_`, starting with a letter (up to 64)",
            );
        } else if !seen.insert(item.id.as_str()) {
            push(
                Severity::Error,
                &at.field("id"),
                format!("statement id `{}` is used twice", item.id),
                "give each statement its own id; answers are stored by id",
            );
        }
        text(
            &at.field("text"),
            "statement",
            &item.text,
            MAX_STATEMENT,
            &mut push,
        );
    }
    for d in Domain::ALL {
        if !i.items.is_empty() && !i.items.iter().any(|x| x.domain == d) {
            push(
                Severity::Warning,
                &root.field("items"),
                format!("no statement for the {} domain", d.label()),
                "the debrief compares answers by domain; one statement per domain at least makes that possible",
            );
        }
    }
    out
}

fn valid_id(id: &str) -> bool {
    id.chars().next().is_some_and(|c| c.is_ascii_lowercase())
        && id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
        && id.len() <= 64
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_builtin_instrument_is_valid_and_covers_every_domain() {
        let v = load_bytes("default", DEFAULT_INSTRUMENT.as_bytes()).expect("valid");
        assert!(v.warnings().is_empty(), "{:?}", v.warnings());
        for d in Domain::ALL {
            assert!(v.get().items.iter().any(|i| i.domain == d), "{d:?}");
        }
    }

    #[test]
    fn problems_are_positioned_and_all_reported() {
        let src = "(\n    format: 1,\n    id: \"x\",\n    title: \"T\",\n    scale: [\"No\"],\n    items: [\n        (id: \"a\", domain: Communication, text: \"One.\"),\n        (id: \"a\", domain: Communication, text: \"\"),\n    ],\n)\n";
        let e = load_bytes("i.instrument.ron", src.as_bytes()).unwrap_err();
        let lines: Vec<String> = e.iter().map(|d| d.headline()).collect();
        assert!(
            lines.contains(
                &"i.instrument.ron:5:12: error: the scale has 1 point; it needs 2 to 11".to_owned()
            ),
            "{lines:#?}"
        );
        assert!(
            lines
                .iter()
                .any(|l| l
                    .starts_with("i.instrument.ron:8:14: error: statement id `a` is used twice")),
            "{lines:#?}"
        );
        assert!(
            lines
                .iter()
                .any(|l| l.starts_with("i.instrument.ron:8:") && l.ends_with("statement is empty")),
            "{lines:#?}"
        );
    }

    #[test]
    fn syntax_errors_name_the_kind_of_file() {
        let e = load_bytes("i.instrument.ron", b"(\n    format: 1,\n    id: \"x\",\n").unwrap_err();
        assert!(e[0].message.contains("instrument"), "{}", e[0]);
        let e = load_bytes(
            "i.instrument.ron",
            b"(format: 1, id: \"x\", title: \"T\", scale: [\"a\", \"b\"], items: [], colour: 1)",
        )
        .unwrap_err();
        assert!(e[0].message.contains("unknown field `colour`"), "{}", e[0]);
    }
}
