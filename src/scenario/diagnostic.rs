//! Problems found in a scenario file, each pinned to a line and column.

use std::fmt;

/// How serious a problem is: errors stop a scenario loading, warnings do not.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Error,
    Warning,
}

/// One problem in one file, printed as `PATH:LINE:COLUMN: error: MESSAGE` with an optional
/// `  hint: ...` line below it (the form compilers use, so editors can jump to it).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub path: String,
    /// 1-based.
    pub line: usize,
    /// 1-based, in characters.
    pub column: usize,
    pub severity: Severity,
    pub message: String,
    pub hint: Option<String>,
}

impl Diagnostic {
    pub fn error(path: &str, line: usize, column: usize, message: impl Into<String>) -> Self {
        Diagnostic {
            path: path.to_owned(),
            line,
            column,
            severity: Severity::Error,
            message: message.into(),
            hint: None,
        }
    }

    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// The first line alone: `PATH:LINE:COLUMN: error: MESSAGE`, made [`inert`]: whatever the
    /// file held, it is one line a terminal shows as it is.
    pub fn headline(&self) -> String {
        let level = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        format!(
            "{}:{}:{}: {}: {}",
            inert(&self.path, MOST_PATH),
            self.line,
            self.column,
            level,
            inert(&self.message, MOST_LINE)
        )
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.headline())?;
        if let Some(hint) = &self.hint {
            write!(f, "\n  hint: {}", inert(hint, MOST_LINE))?;
        }
        Ok(())
    }
}

/// Longest message or hint line shown, in characters.
const MOST_LINE: usize = 400;
/// Longest path shown.
const MOST_PATH: usize = 300;
/// Longest quotation (text between backticks) kept whole inside a message.
const MOST_QUOTE: usize = 60;

/// Text from a file made safe to print on one line: control characters (newlines, escape
/// codes, NUL), Unicode line and paragraph separators and the bidirectional controls are shown
/// as `\u{…}` escapes, so nothing in a file can forge a line or restyle a terminal; a quotation
/// between backticks longer than a few words is cut with an ellipsis; the whole is cut at
/// `most` characters.
pub fn inert(text: &str, most: usize) -> String {
    let mut out = String::with_capacity(text.len().min(most + 8));
    let mut shown = 0usize;
    let mut in_quote = false;
    let mut quoted = 0usize;
    for c in text.chars() {
        if shown >= most {
            out.push('…');
            return out;
        }
        if c == '`' {
            if in_quote && quoted > MOST_QUOTE {
                out.push('…');
            }
            in_quote = !in_quote;
            quoted = 0;
            out.push(c);
            shown += 1;
            continue;
        }
        if in_quote {
            quoted += 1;
            if quoted > MOST_QUOTE {
                continue;
            }
        }
        let hidden = c.is_control()
            || matches!(c, '\u{2028}' | '\u{2029}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{FEFF}');
        if hidden {
            let esc = format!("\\u{{{:x}}}", c as u32);
            shown += esc.chars().count();
            out.push_str(&esc);
        } else {
            out.push(c);
            shown += 1;
        }
    }
    if in_quote && quoted > MOST_QUOTE {
        out.push('…');
    }
    out
}

/// The known name closest to `unknown`, if any is close enough to be a likely typo.
pub fn nearest<'a>(unknown: &str, known: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    known
        .into_iter()
        // Never propose what could not be an id (ids are at most 64 characters).
        .filter(|k| k.len() <= 64 && !k.chars().any(char::is_control))
        .map(|k| (strsim::normalized_damerau_levenshtein(unknown, k), k))
        .filter(|(score, _)| *score >= 0.5)
        .max_by(|a, b| a.0.total_cmp(&b.0).then_with(|| b.1.cmp(a.1)))
        .map(|(_, k)| k)
}

/// A hint naming the nearest known id, or listing the known ones when there are few.
pub fn suggest<'a>(unknown: &str, known: impl IntoIterator<Item = &'a str> + Clone) -> String {
    if let Some(near) = nearest(unknown, known.clone()) {
        return format!("did you mean `{near}`?");
    }
    let all: Vec<&str> = known.into_iter().collect();
    if all.is_empty() {
        "none are defined yet".to_owned()
    } else if all.len() <= 8 {
        let list: Vec<String> = all.iter().map(|k| format!("`{k}`")).collect();
        format!("known ids: {}", list.join(", "))
    } else {
        format!("there are {} known ids; check the spelling", all.len())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nothing_in_a_file_can_forge_a_line_or_restyle_a_terminal() {
        let d = Diagnostic::error(
            "x.ron",
            3,
            4,
            "unknown fact `a\n/etc/passwd:1:1: error: FAKE`",
        )
        .with_hint("did you mean `\u{1b}[31mred`?");
        let shown = d.to_string();
        assert_eq!(shown.lines().count(), 2, "{shown}");
        assert!(shown.contains("`a\\u{a}/etc/passwd"), "{shown}");
        assert!(shown.contains("\\u{1b}[31mred"), "{shown}");
        assert!(!shown.contains('\u{1b}'));
        assert_eq!(inert("a\u{2028}b\u{202e}c", 100), "a\\u{2028}b\\u{202e}c");
    }

    #[test]
    fn long_quotations_and_messages_are_cut() {
        let id = "x".repeat(1_000_000);
        let d = Diagnostic::error("x.ron", 1, 1, format!("unknown fact `{id}` in `needs`"));
        let shown = d.to_string();
        assert!(shown.chars().count() < 200, "{}", shown.len());
        assert!(shown.ends_with("…` in `needs`"), "{shown}");
        assert_eq!(inert(&"y".repeat(1000), 10), format!("{}…", "y".repeat(10)));
    }

    #[test]
    fn suggestions_are_always_possible_ids() {
        let long = "a".repeat(73);
        assert_eq!(nearest(&"a".repeat(72), [long.as_str()]), None);
        assert_eq!(nearest("mrs_dun", ["mrs_dunn"]), Some("mrs_dunn"));
    }
}
