//! Reading a scenario: bytes to [`Scenario`], with every failure a [`Diagnostic`].
//!
//! [`parse_bytes`] is the one parser. The command line, the tests and the window's asset
//! loader all call it, so an author sees the same message and position everywhere.

use ron::error::{Error as RonError, SpannedError};
use ron::extensions::Extensions;
use serde::de::DeserializeOwned;

use super::diagnostic::{Diagnostic, nearest};
use super::schema::Scenario;

/// Largest scenario file accepted. Real cases are a few tens of kilobytes.
pub const MAX_BYTES: usize = 2 * 1024 * 1024;

/// Deepest nesting accepted; real cases nest about eight levels deep.
pub const MAX_DEPTH: usize = 64;

/// The RON options every scenario is read with: `Some(...)` may be left implicit, so an
/// author writes `feeds: "fall"` rather than `feeds: Some("fall")`.
pub fn ron_options() -> ron::Options {
    ron::Options::default()
        .with_default_extension(Extensions::IMPLICIT_SOME)
        .with_recursion_limit(MAX_DEPTH)
}

/// The bytes without a UTF-8 byte-order mark at the start (editors on Windows write one; it
/// is not part of the text, and positions are counted after it).
pub fn strip_bom(bytes: &[u8]) -> &[u8] {
    bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes)
}

/// Parses the bytes of a scenario file. `path` is only used in messages.
pub fn parse_bytes(path: &str, bytes: &[u8]) -> Result<Scenario, Diagnostic> {
    parse_bytes_as(path, bytes, "scenario")
}

/// Parses the bytes of any RON file the project reads (a scenario, a self-assessment
/// instrument) with the same limits and messages; `what` names the kind of file in them.
pub fn parse_bytes_as<T: DeserializeOwned>(
    path: &str,
    bytes: &[u8],
    what: &str,
) -> Result<T, Diagnostic> {
    let bytes = strip_bom(bytes);
    if bytes.len() > MAX_BYTES {
        return Err(Diagnostic::error(
            path,
            1,
            1,
            format!(
                "file is too large ({} bytes; the limit is {} bytes)",
                bytes.len(),
                MAX_BYTES
            ),
        )
        .with_hint(format!(
            "a {what} is a text file of a few kilobytes; check this is the right file"
        )));
    }
    let text = match std::str::from_utf8(bytes) {
        Ok(text) => text,
        Err(e) => {
            let (line, column) = line_col_at_byte(bytes, e.valid_up_to());
            return Err(
                Diagnostic::error(path, line, column, "file is not valid UTF-8 text").with_hint(
                    format!("save the file as UTF-8 in your editor; this may not be a {what} file at all"),
                ),
            );
        }
    };
    parse_str_as(path, text, what)
}

/// Parses scenario text. `path` is only used in messages.
pub fn parse_str(path: &str, text: &str) -> Result<Scenario, Diagnostic> {
    parse_str_as(path, text, "scenario")
}

/// Parses RON text as `T`, a `what` (for messages). `path` is only used in messages.
pub fn parse_str_as<T: DeserializeOwned>(
    path: &str,
    text: &str,
    what: &str,
) -> Result<T, Diagnostic> {
    // serde's recursion guard counts only some nesting; a quick bracket count first means
    // a file of 200,000 `[` is refused at once and never reaches the parser's stack.
    if let Some((line, column)) = too_deep(text) {
        return Err(Diagnostic::error(
            path,
            line,
            column,
            format!("brackets are nested more than {MAX_DEPTH} levels deep"),
        )
        .with_hint(format!(
            "a {what} nests about eight levels deep; look for unclosed `(` or `[`"
        )));
    }
    ron_options()
        .from_str::<T>(text)
        .map_err(|e| from_ron(path, text, &e, what))
}

/// The position of the first bracket that goes deeper than [`MAX_DEPTH`], ignoring brackets in
/// strings and comments.
fn too_deep(text: &str) -> Option<(usize, usize)> {
    let mut depth = 0usize;
    let (mut line, mut col) = (1usize, 1usize);
    let mut chars = text.chars().peekable();
    let mut in_str = false;
    while let Some(c) = chars.next() {
        let here = (line, col);
        if c == '\n' {
            line += 1;
            col = 1;
        } else {
            col += 1;
        }
        if in_str {
            match c {
                '\\' => {
                    if let Some(n) = chars.next() {
                        if n == '\n' {
                            line += 1;
                            col = 1;
                        } else {
                            col += 1;
                        }
                    }
                }
                '"' => in_str = false,
                _ => {}
            }
            continue;
        }
        match c {
            '"' => in_str = true,
            '/' if chars.peek() == Some(&'/') => {
                for n in chars.by_ref() {
                    if n == '\n' {
                        line += 1;
                        col = 1;
                        break;
                    }
                }
            }
            '(' | '[' | '{' => {
                depth += 1;
                if depth > MAX_DEPTH {
                    return Some(here);
                }
            }
            ')' | ']' | '}' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    None
}

fn line_col_at_byte(bytes: &[u8], at: usize) -> (usize, usize) {
    let before = &bytes[..at.min(bytes.len())];
    let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
    let line_start = before
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |p| p + 1);
    let column = String::from_utf8_lossy(&before[line_start..])
        .chars()
        .count()
        + 1;
    (line, column)
}

/// Turns ron's error into an author-facing message and hint.
fn from_ron(path: &str, text: &str, e: &SpannedError, what: &str) -> Diagnostic {
    let (mut line, mut column) = (e.span.start.line.max(1), e.span.start.col.max(1));
    let (message, hint): (String, Option<String>) = match &e.code {
        RonError::NoSuchStructField {
            expected,
            found,
            outer,
        } => (
            format!("unknown field `{found}`{}", in_outer(outer)),
            Some(match nearest(found, expected.iter().copied()) {
                Some(near) => format!("did you mean `{near}`?"),
                None => format!("expected one of: {}", backticked(expected)),
            }),
        ),
        RonError::MissingStructField { field, outer } => (
            format!("missing field `{field}`{}", in_outer(outer)),
            Some(format!(
                "add `{field}: ...` before the closing bracket; {} describes it",
                docs_for(what)
            )),
        ),
        RonError::DuplicateStructField { field, outer } => (
            format!("field `{field}` is given twice{}", in_outer(outer)),
            Some("remove one of them".to_owned()),
        ),
        RonError::NoSuchEnumVariant {
            expected,
            found,
            outer,
        } => (
            format!("unknown value `{found}`{}", in_outer(outer)),
            Some(match nearest(found, expected.iter().copied()) {
                Some(near) => format!("did you mean `{near}`?"),
                None => format!("expected one of: {}", backticked(expected)),
            }),
        ),
        RonError::ExpectedComma => (
            "expected a comma".to_owned(),
            Some("separate fields and list items with `,`".to_owned()),
        ),
        RonError::Eof => (
            format!("the file ends before the {what} is complete"),
            Some("look for an unclosed `(`, `[`, `{` or `\"`".to_owned()),
        ),
        RonError::ExpectedStringEnd => (
            "this text is never closed".to_owned(),
            Some("end the text with `\"`".to_owned()),
        ),
        RonError::ExceededRecursionLimit => (
            format!("values are nested more than {MAX_DEPTH} levels deep"),
            Some(format!(
                "a {what} nests about eight levels deep; look for unclosed brackets"
            )),
        ),
        RonError::TrailingCharacters => (
            format!("unexpected text after the end of the {what}"),
            Some(format!(
                "the whole {what} is one `( ... )`; remove what follows it"
            )),
        ),
        RonError::UnexpectedChar(c) => (
            format!("unexpected character `{c}`"),
            Some(if *c == '\'' {
                "text goes in double quotes: \"like this\"".to_owned()
            } else {
                "check the brackets and commas just before it".to_owned()
            }),
        ),
        RonError::ExpectedString => (
            "expected text in double quotes".to_owned(),
            Some("write text like \"this\"".to_owned()),
        ),
        RonError::InvalidValueForType { expected, found } => {
            (format!("expected {expected}, found {found}"), None)
        }
        RonError::ExpectedInteger | RonError::IntegerOutOfBounds => {
            ("expected a whole number (0 or more)".to_owned(), None)
        }
        RonError::ExpectedFloat => ("expected a number".to_owned(), None),
        RonError::ExpectedBoolean => ("expected `true` or `false`".to_owned(), None),
        RonError::ExpectedArray => (
            "expected a list in `[ ... ]`".to_owned(),
            Some("even a single item goes in brackets: `[\"one\"]`".to_owned()),
        ),
        RonError::ExpectedMap => ("expected a map in `{ ... }`".to_owned(), None),
        RonError::ExpectedStructLike | RonError::ExpectedNamedStructLike(_) => (
            "expected `( ... )`".to_owned(),
            Some("a record of named fields is written `(name: value, ...)`".to_owned()),
        ),
        RonError::ExpectedArrayEnd => (
            "expected `]` to close the list".to_owned(),
            Some("check for a missing comma between items".to_owned()),
        ),
        RonError::ExpectedStructLikeEnd => (
            "expected `)` to close this record".to_owned(),
            Some("check for a missing comma between fields".to_owned()),
        ),
        RonError::ExpectedMapEnd => ("expected `}` to close the map".to_owned(), None),
        RonError::UnclosedBlockComment => (
            "a `/*` comment is never closed".to_owned(),
            Some("end it with `*/`".to_owned()),
        ),
        RonError::Message(m) => (tidy_serde_message(m), None),
        other => (other.to_string(), None),
    };
    // ron sometimes points at the space before a value, or just past a `/*`; point at the
    // value, or at the comment's start, instead.
    if let Some((l, c)) = settle(
        text,
        line,
        column,
        matches!(e.code, RonError::UnclosedBlockComment),
    ) {
        line = l;
        column = c;
    }
    if matches!(e.code, RonError::Eof) {
        // ron points past the end; point at the last line with text instead.
        let (l, c) = last_text_position(text);
        line = l;
        column = c;
    }
    let mut d = Diagnostic::error(path, line, column, message);
    d.hint = hint;
    d
}

/// Moves a 1-based position forward over whitespace (or back to the `/*` just before it).
fn settle(text: &str, line: usize, column: usize, comment: bool) -> Option<(usize, usize)> {
    let mut offset = text
        .split_inclusive('\n')
        .take(line - 1)
        .map(|l| l.chars().count())
        .sum::<usize>()
        + column
        - 1;
    let chars: Vec<char> = text.chars().collect();
    if comment {
        if offset >= 2 && chars.get(offset - 2) == Some(&'/') && chars.get(offset - 1) == Some(&'*')
        {
            offset -= 2;
        }
    } else {
        while chars.get(offset).is_some_and(|c| c.is_whitespace()) {
            offset += 1;
        }
    }
    if offset >= chars.len() {
        return None;
    }
    let before = &chars[..offset];
    let l = before.iter().filter(|&&c| c == '\n').count() + 1;
    let c = offset - before.iter().rposition(|&c| c == '\n').map_or(0, |p| p + 1) + 1;
    Some((l, c))
}

/// The document that describes a kind of file, for hints.
fn docs_for(what: &str) -> &'static str {
    match what {
        "self-assessment instrument" => "docs/self-assessment.md",
        _ => "docs/scenario-format.md",
    }
}

fn in_outer(outer: &Option<String>) -> String {
    match outer {
        Some(o) => format!(" in `{o}`"),
        None => String::new(),
    }
}

fn backticked(names: &[&str]) -> String {
    names
        .iter()
        .map(|n| format!("`{n}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

fn tidy_serde_message(m: &str) -> String {
    m.replace("invalid type: ", "wrong kind of value: ")
}

fn last_text_position(text: &str) -> (usize, usize) {
    let mut pos = (1, 1);
    for (i, l) in text.lines().enumerate() {
        if !l.trim().is_empty() {
            pos = (i + 1, l.chars().count().max(1));
        }
    }
    pos
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deep_nesting_is_refused_before_parsing() {
        let deep = "[".repeat(200_000);
        let e = parse_str("x.ron", &deep).unwrap_err();
        assert_eq!((e.line, e.column), (1, MAX_DEPTH + 1));
        assert!(e.message.contains("nested"));
    }

    #[test]
    fn brackets_in_text_and_comments_do_not_count() {
        let text = format!("// {}\n\"{}\"", "(".repeat(100), "[".repeat(100));
        assert!(too_deep(&text).is_none());
    }

    #[test]
    fn invalid_utf8_is_located() {
        let e = parse_bytes("x.ron", b"(\n  id: \"ab\xffc\"").unwrap_err();
        assert_eq!((e.line, e.column), (2, 10));
        assert!(e.message.contains("UTF-8"));
    }
}
