//! `joined-up upgrade FILE --out NEW`: a format-1 scenario rewritten as format 2.
//!
//! The rewrite works on the text, so the author's comments, layout and order survive: the
//! version becomes 2 and format 1's `link_worker` becomes `liaison`. Nothing else changed
//! between the formats (format 2 only added). The result must parse to the same case as the
//! original and validate, or nothing is written.

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use crate::scenario::{self, Diagnostic, FORMAT_VERSION, Scenario, parse};

/// Format 1's names that format 2 changed, and what they became.
const RENAMED: &[(&str, &str)] = &[("link_worker", "liaison")];

/// Reads `file`, upgrades it and writes `out`, which must not exist yet.
pub fn run(file: &Path, out: &Path) -> ExitCode {
    let shown = file.display().to_string();
    let bytes = match scenario::read_limited(file) {
        Ok(b) => b,
        Err(d) => return fail(&[d]),
    };
    let upgraded = match upgrade_bytes(&shown, &bytes) {
        Ok(text) => text,
        Err(problems) => return fail(&problems),
    };
    let written = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(out)
        .and_then(|mut f| f.write_all(upgraded.as_bytes()));
    match written {
        Ok(()) => {
            say!(
                "wrote {}: {shown} as format {FORMAT_VERSION}, the same case\n  next: `joined-up validate {}`, then replace the original if you wish",
                out.display(),
                out.display()
            );
            ExitCode::SUCCESS
        }
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
            tell!(
                "error: {} already exists; upgrade never overwrites a file\n  hint: choose a new name; the original stays as it is",
                out.display()
            );
            ExitCode::from(1)
        }
        Err(e) => {
            tell!("error: cannot write {}: {e}", out.display());
            ExitCode::from(1)
        }
    }
}

fn fail(problems: &[Diagnostic]) -> ExitCode {
    for d in problems {
        tell!("{d}");
    }
    ExitCode::from(1)
}

/// The format-2 text of a format-1 scenario, checked: it validates, and it reads as the same
/// case as the original.
pub fn upgrade_bytes(path: &str, bytes: &[u8]) -> Result<String, Vec<Diagnostic>> {
    let before = parse::parse_bytes(path, bytes).map_err(|d| vec![d])?;
    if before.format >= FORMAT_VERSION {
        return Err(vec![
            Diagnostic::error(
                path,
                1,
                1,
                format!("this file is already format {}", before.format),
            )
            .with_hint("it needs no upgrade"),
        ]);
    }
    let text = String::from_utf8_lossy(bytes);
    let upgraded = rewrite(&text);
    let after = scenario::load_bytes(path, upgraded.as_bytes()).map_err(|problems| {
        let mut out = vec![
            Diagnostic::error(path, 1, 1, "the upgraded file would not be valid")
                .with_hint("fix the problems below in the original, then upgrade again"),
        ];
        out.extend(problems);
        out
    })?;
    if same_case(before, after.get().clone()) {
        Ok(upgraded)
    } else {
        Err(vec![
            Diagnostic::error(path, 1, 1, "the upgraded file reads as a different case")
                .with_hint("this is a bug in `joined-up upgrade`; please report it with the file"),
        ])
    }
}

/// Whether two scenarios are the same case, whatever their format version and names.
fn same_case(mut a: Scenario, mut b: Scenario) -> bool {
    a.normalise();
    b.normalise();
    a.format = b.format;
    ron::to_string(&a).ok() == ron::to_string(&b).ok()
}

/// `text` with the version set to the current format and renamed fields renamed, leaving
/// strings and comments alone.
pub fn rewrite(text: &str) -> String {
    let tokens = tokens(text);
    let mut out = String::with_capacity(text.len());
    let mut last = 0;
    for (i, t) in tokens.iter().enumerate() {
        let next = tokens.get(i + 1).map(|n| &text[n.start..n.end]);
        let word = &text[t.start..t.end];
        let replacement = match t.kind {
            Kind::Ident if next == Some(":") => RENAMED
                .iter()
                .find(|(old, _)| *old == word)
                .map(|(_, new)| (*new).to_owned()),
            // The top-level `format: N`.
            Kind::Number
                if t.depth == 1
                    && i >= 2
                    && &text[tokens[i - 1].start..tokens[i - 1].end] == ":"
                    && &text[tokens[i - 2].start..tokens[i - 2].end] == "format" =>
            {
                Some(FORMAT_VERSION.to_string())
            }
            _ => None,
        };
        if let Some(r) = replacement {
            out.push_str(&text[last..t.start]);
            out.push_str(&r);
            last = t.end;
        }
    }
    out.push_str(&text[last..]);
    out
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Ident,
    Number,
    Punct,
}

/// A token of RON outside strings and comments, with the bracket depth it sits at.
#[derive(Debug)]
struct Token {
    start: usize,
    end: usize,
    kind: Kind,
    depth: usize,
}

/// The identifiers, numbers and punctuation of `text`, skipping strings (plain and raw),
/// character literals and comments (line and nested block).
fn tokens(text: &str) -> Vec<Token> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    let mut depth = 0usize;
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        match c {
            b'/' if b.get(i + 1) == Some(&b'/') => {
                while i < b.len() && b[i] != b'\n' {
                    i += 1;
                }
            }
            b'/' if b.get(i + 1) == Some(&b'*') => {
                let mut nest = 0usize;
                while i < b.len() {
                    if b[i] == b'/' && b.get(i + 1) == Some(&b'*') {
                        nest += 1;
                        i += 2;
                    } else if b[i] == b'*' && b.get(i + 1) == Some(&b'/') {
                        nest -= 1;
                        i += 2;
                        if nest == 0 {
                            break;
                        }
                    } else {
                        i += 1;
                    }
                }
            }
            b'"' | b'\'' => {
                i += 1;
                while i < b.len() && b[i] != c {
                    i += if b[i] == b'\\' { 2 } else { 1 };
                }
                i += 1;
            }
            b'r' if matches!(b.get(i + 1), Some(b'"' | b'#')) => {
                // A raw string: r"...", r#"..."#, r##"..."##.
                let mut j = i + 1;
                let mut hashes = 0;
                while b.get(j) == Some(&b'#') {
                    hashes += 1;
                    j += 1;
                }
                if b.get(j) != Some(&b'"') {
                    // `r#ident`, a raw identifier.
                    let start = i;
                    i = j;
                    while i < b.len() && (b[i].is_ascii_alphanumeric() || b[i] == b'_') {
                        i += 1;
                    }
                    out.push(Token {
                        start,
                        end: i,
                        kind: Kind::Ident,
                        depth,
                    });
                    continue;
                }
                j += 1;
                let close: Vec<u8> = std::iter::once(b'"')
                    .chain(std::iter::repeat_n(b'#', hashes))
                    .collect();
                while j < b.len() && !b[j..].starts_with(&close) {
                    j += 1;
                }
                i = j + close.len();
            }
            c if c.is_ascii_alphabetic() || c == b'_' => {
                let start = i;
                while i < b.len() && (b[i].is_ascii_alphanumeric() || b[i] == b'_') {
                    i += 1;
                }
                out.push(Token {
                    start,
                    end: i,
                    kind: Kind::Ident,
                    depth,
                });
            }
            c if c.is_ascii_digit() => {
                let start = i;
                while i < b.len() && (b[i].is_ascii_alphanumeric() || b[i] == b'.' || b[i] == b'_')
                {
                    i += 1;
                }
                out.push(Token {
                    start,
                    end: i,
                    kind: Kind::Number,
                    depth,
                });
            }
            c if c.is_ascii_whitespace() || !c.is_ascii() => i += 1,
            c => {
                if matches!(c, b')' | b']' | b'}') {
                    depth = depth.saturating_sub(1);
                }
                out.push(Token {
                    start: i,
                    end: i + 1,
                    kind: Kind::Punct,
                    depth,
                });
                if matches!(c, b'(' | b'[' | b'{') {
                    depth += 1;
                }
                i += 1;
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::rewrite;

    #[test]
    fn renames_fields_and_the_version_but_not_words_in_strings_or_comments() {
        let before = r##"// format: 1, link_worker: true
(
    format: 1,
    title: "format: 1 and link_worker: here",
    /* link_worker: /* nested */ still */
    setting: (link_worker: true, budget: 1),
    settings: { "x": (link_worker : false) },
    patients: [(age: 1, text: r#"link_worker: "quoted""#)],
)"##;
        let after = rewrite(before);
        assert_eq!(
            after,
            r##"// format: 1, link_worker: true
(
    format: 2,
    title: "format: 1 and link_worker: here",
    /* link_worker: /* nested */ still */
    setting: (liaison: true, budget: 1),
    settings: { "x": (liaison : false) },
    patients: [(age: 1, text: r#"link_worker: "quoted""#)],
)"##
        );
    }

    #[test]
    fn only_the_top_level_format_changes() {
        let before = "(format: 1, inner: (format: 1))";
        assert_eq!(rewrite(before), "(format: 2, inner: (format: 1))");
    }
}
