//! Where each value sits in a RON source, so meaning errors found after parsing can still
//! name a line and column.
//!
//! serde hands the validator plain values without positions. This module re-reads the
//! source (already known to be valid RON) into a light tree of positions and looks a value
//! up by its path, e.g. `patients[1].needs[0].feeds`. It is iterative, so even a deep file
//! cannot overflow the stack, and it never fails: a path it cannot follow resolves to the
//! deepest part it could.

/// One step into a value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Seg {
    Field(&'static str),
    Index(usize),
    /// A key of a map written as a string.
    Key(String),
}

/// A path from the top of the file to a value.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Path(pub Vec<Seg>);

impl Path {
    pub fn root() -> Self {
        Path(Vec::new())
    }
    pub fn field(&self, name: &'static str) -> Self {
        let mut p = self.clone();
        p.0.push(Seg::Field(name));
        p
    }
    pub fn index(&self, i: usize) -> Self {
        let mut p = self.clone();
        p.0.push(Seg::Index(i));
        p
    }
    pub fn key(&self, k: &str) -> Self {
        let mut p = self.clone();
        p.0.push(Seg::Key(k.to_owned()));
        p
    }
}

impl std::fmt::Display for Path {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        for (i, seg) in self.0.iter().enumerate() {
            match seg {
                Seg::Field(name) if i == 0 => write!(f, "{name}")?,
                Seg::Field(name) => write!(f, ".{name}")?,
                Seg::Index(n) => write!(f, "[{n}]")?,
                Seg::Key(k) => write!(f, "[\"{k}\"]")?,
            }
        }
        Ok(())
    }
}

/// A 1-based line and column (in characters).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Pos {
    pub line: usize,
    pub column: usize,
}

#[derive(Debug)]
enum Kind {
    /// `( a: 1, b: 2 )`, optionally named.
    Struct(Vec<(String, usize)>),
    /// `( 1, 2 )` or `Name(1)`, and `[1, 2]`.
    Items(Vec<usize>),
    /// `{ "k": v }`.
    Map(Vec<(usize, usize)>),
    /// Anything without children: numbers, strings, identifiers, `()`.
    Atom,
}

#[derive(Debug)]
struct Node {
    pos: Pos,
    /// The identifier before a `(`, if any (`Some`, `Regular`, `Act`).
    name: Option<String>,
    /// For atoms: the text (strings without quotes).
    text: String,
    kind: Kind,
}

/// Positions of every value in a RON document.
#[derive(Debug)]
pub struct SpanTree {
    nodes: Vec<Node>,
    root: Option<usize>,
}

#[derive(Debug, Clone, PartialEq)]
enum Tok {
    Open(char),
    Close(char),
    Comma,
    Colon,
    Ident(String),
    Str(String),
    Other(String),
}

fn tokenize(src: &str) -> Vec<(Tok, Pos)> {
    let chars: Vec<char> = src.chars().collect();
    let mut out = Vec::new();
    let (mut i, mut line, mut col) = (0usize, 1usize, 1usize);
    // Advance one character, keeping line and column.
    macro_rules! bump {
        () => {{
            if chars[i] == '\n' {
                line += 1;
                col = 1;
            } else {
                col += 1;
            }
            i += 1;
        }};
    }
    while i < chars.len() {
        let c = chars[i];
        let pos = Pos { line, column: col };
        if c.is_whitespace() {
            bump!();
        } else if c == '/' && chars.get(i + 1) == Some(&'/') {
            while i < chars.len() && chars[i] != '\n' {
                bump!();
            }
        } else if c == '/' && chars.get(i + 1) == Some(&'*') {
            let mut depth = 0usize;
            while i < chars.len() {
                if chars[i] == '/' && chars.get(i + 1) == Some(&'*') {
                    depth += 1;
                    bump!();
                    bump!();
                } else if chars[i] == '*' && chars.get(i + 1) == Some(&'/') {
                    depth -= 1;
                    bump!();
                    bump!();
                    if depth == 0 {
                        break;
                    }
                } else {
                    bump!();
                }
            }
        } else if c == '#' {
            // `#![enable(...)]`: skip to the closing bracket.
            while i < chars.len() && chars[i] != ']' {
                bump!();
            }
            if i < chars.len() {
                bump!();
            }
        } else if matches!(c, '(' | '[' | '{') {
            out.push((Tok::Open(c), pos));
            bump!();
        } else if matches!(c, ')' | ']' | '}') {
            out.push((Tok::Close(c), pos));
            bump!();
        } else if c == ',' {
            out.push((Tok::Comma, pos));
            bump!();
        } else if c == ':' {
            out.push((Tok::Colon, pos));
            bump!();
        } else if c == '"' {
            bump!();
            let mut s = String::new();
            while i < chars.len() && chars[i] != '"' {
                if chars[i] == '\\' && i + 1 < chars.len() {
                    bump!();
                }
                s.push(chars[i]);
                bump!();
            }
            if i < chars.len() {
                bump!();
            }
            out.push((Tok::Str(s), pos));
        } else if c == 'r' && matches!(chars.get(i + 1), Some('#') | Some('"')) {
            // Raw string r#"..."#.
            bump!();
            let mut hashes = 0;
            while i < chars.len() && chars[i] == '#' {
                hashes += 1;
                bump!();
            }
            if i < chars.len() {
                bump!();
            }
            let mut s = String::new();
            while i < chars.len() {
                if chars[i] == '"' && (1..=hashes).all(|k| chars.get(i + k) == Some(&'#')) {
                    bump!();
                    for _ in 0..hashes {
                        bump!();
                    }
                    break;
                }
                s.push(chars[i]);
                bump!();
            }
            out.push((Tok::Str(s), pos));
        } else if c == '\'' {
            // A char literal.
            bump!();
            while i < chars.len() && chars[i] != '\'' {
                if chars[i] == '\\' {
                    bump!();
                }
                if i < chars.len() {
                    bump!();
                }
            }
            if i < chars.len() {
                bump!();
            }
            out.push((Tok::Other("'".into()), pos));
        } else if c.is_alphabetic() || c == '_' {
            let mut s = String::new();
            while i < chars.len() && (chars[i].is_alphanumeric() || chars[i] == '_') {
                s.push(chars[i]);
                bump!();
            }
            out.push((Tok::Ident(s), pos));
        } else {
            let mut s = String::new();
            while i < chars.len() {
                let d = chars[i];
                if d.is_whitespace() || matches!(d, '(' | ')' | '[' | ']' | '{' | '}' | ',' | ':') {
                    break;
                }
                s.push(d);
                bump!();
            }
            out.push((Tok::Other(s), pos));
        }
    }
    out
}

/// A container being filled while reading.
struct Frame {
    node: usize,
    close: char,
    /// Children so far, with a field name or map key node when they had one.
    entries: Vec<(Option<Entry>, usize)>,
    /// A `name:` or `key:` read and waiting for its value.
    pending: Option<Entry>,
}

enum Entry {
    Field(String),
    Key(usize),
}

impl SpanTree {
    /// Reads the positions in `src`. Malformed input gives a partial tree, never a panic.
    pub fn new(src: &str) -> Self {
        let toks = tokenize(src);
        let mut nodes: Vec<Node> = Vec::new();
        let mut stack: Vec<Frame> = Vec::new();
        let mut root = None;
        let mut k = 0;

        // Attach a finished node to the frame on top, or make it the root.
        fn attach(stack: &mut [Frame], root: &mut Option<usize>, node: usize) {
            match stack.last_mut() {
                Some(frame) => {
                    let entry = frame.pending.take();
                    frame.entries.push((entry, node));
                }
                None => {
                    if root.is_none() {
                        *root = Some(node);
                    }
                }
            }
        }

        while k < toks.len() {
            let (tok, pos) = toks[k].clone();
            match tok {
                Tok::Ident(name) | Tok::Str(name)
                    if matches!(toks.get(k + 1), Some((Tok::Colon, _)))
                        && stack.last().is_some_and(|f| f.close != ']') =>
                {
                    // `name:` in a struct, or `"key":` in a map.
                    let frame = stack.last_mut().expect("checked just above");
                    if frame.close == '}' {
                        nodes.push(Node {
                            pos,
                            name: None,
                            text: name,
                            kind: Kind::Atom,
                        });
                        frame.pending = Some(Entry::Key(nodes.len() - 1));
                    } else {
                        frame.pending = Some(Entry::Field(name));
                    }
                    k += 2;
                    continue;
                }
                Tok::Ident(name) if matches!(toks.get(k + 1), Some((Tok::Open('('), _))) => {
                    nodes.push(Node {
                        pos,
                        name: Some(name),
                        text: String::new(),
                        kind: Kind::Atom,
                    });
                    stack.push(Frame {
                        node: nodes.len() - 1,
                        close: ')',
                        entries: Vec::new(),
                        pending: None,
                    });
                    k += 2;
                    continue;
                }
                Tok::Open(c) => {
                    nodes.push(Node {
                        pos,
                        name: None,
                        text: String::new(),
                        kind: Kind::Atom,
                    });
                    let close = match c {
                        '(' => ')',
                        '[' => ']',
                        _ => '}',
                    };
                    stack.push(Frame {
                        node: nodes.len() - 1,
                        close,
                        entries: Vec::new(),
                        pending: None,
                    });
                }
                Tok::Close(_) => {
                    if let Some(frame) = stack.pop() {
                        let named_fields = frame
                            .entries
                            .iter()
                            .all(|(e, _)| matches!(e, Some(Entry::Field(_))));
                        let kind = if frame.entries.is_empty() {
                            if frame.close == ')' {
                                Kind::Atom
                            } else {
                                Kind::Items(Vec::new())
                            }
                        } else if frame.close == '}' {
                            Kind::Map(
                                frame
                                    .entries
                                    .into_iter()
                                    .filter_map(|(e, v)| match e {
                                        Some(Entry::Key(key)) => Some((key, v)),
                                        _ => None,
                                    })
                                    .collect(),
                            )
                        } else if frame.close == ')' && named_fields {
                            Kind::Struct(
                                frame
                                    .entries
                                    .into_iter()
                                    .filter_map(|(e, v)| match e {
                                        Some(Entry::Field(name)) => Some((name, v)),
                                        _ => None,
                                    })
                                    .collect(),
                            )
                        } else {
                            Kind::Items(frame.entries.into_iter().map(|(_, v)| v).collect())
                        };
                        nodes[frame.node].kind = kind;
                        attach(&mut stack, &mut root, frame.node);
                    }
                }
                Tok::Comma | Tok::Colon => {}
                Tok::Ident(text) | Tok::Str(text) | Tok::Other(text) => {
                    nodes.push(Node {
                        pos,
                        name: None,
                        text,
                        kind: Kind::Atom,
                    });
                    attach(&mut stack, &mut root, nodes.len() - 1);
                }
            }
            k += 1;
        }
        // Unclosed containers (only in malformed input): close them so the root exists.
        while let Some(frame) = stack.pop() {
            attach(&mut stack, &mut root, frame.node);
        }
        SpanTree { nodes, root }
    }

    /// Where the value at `path` starts; the deepest reachable part if the path runs out.
    pub fn locate(&self, path: &Path) -> Pos {
        let Some(mut at) = self.root else {
            return Pos { line: 1, column: 1 };
        };
        for seg in &path.0 {
            match self.step(at, seg) {
                Some(next) => at = next,
                None => break,
            }
        }
        // Point at the value inside `Some(...)` rather than at `Some`.
        at = self.unwrap_some(at);
        self.nodes[at].pos
    }

    fn unwrap_some(&self, mut at: usize) -> usize {
        while let (Some("Some"), Kind::Items(items)) =
            (self.nodes[at].name.as_deref(), &self.nodes[at].kind)
        {
            match items.first() {
                Some(&inner) if items.len() == 1 => at = inner,
                _ => break,
            }
        }
        at
    }

    fn step(&self, at: usize, seg: &Seg) -> Option<usize> {
        let at = self.unwrap_some(at);
        let node = &self.nodes[at];
        match (seg, &node.kind) {
            (Seg::Field(name), Kind::Struct(fields)) => {
                fields.iter().find(|(f, _)| f == name).map(|(_, v)| *v)
            }
            // A newtype variant such as `Package("x")` seen through a field path.
            (Seg::Field(_), Kind::Items(items)) if items.len() == 1 => self.step(items[0], seg),
            (Seg::Index(i), Kind::Items(items)) => items.get(*i).copied(),
            (Seg::Key(key), Kind::Map(entries)) => entries
                .iter()
                .find(|(k, _)| self.nodes[*k].text == *key)
                .map(|(_, v)| *v),
            _ => None,
        }
    }

    /// Where the key of a map entry starts (for duplicate or unknown keys).
    pub fn locate_key(&self, map: &Path, key: &str) -> Pos {
        let Some(mut at) = self.root else {
            return Pos { line: 1, column: 1 };
        };
        for seg in &map.0 {
            match self.step(at, seg) {
                Some(next) => at = next,
                None => return self.nodes[at].pos,
            }
        }
        if let Kind::Map(entries) = &self.nodes[self.unwrap_some(at)].kind
            && let Some((k, _)) = entries.iter().find(|(k, _)| self.nodes[*k].text == key)
        {
            return self.nodes[*k].pos;
        }
        self.nodes[at].pos
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SRC: &str = r##"// a comment (with brackets]
(
    id: "x",
    list: [
        (name: "a", feeds: Some("fall")),
        (name: "b", feeds: "slip"),
    ],
    map: { "walled": (trust: 10), "open": () },
    res: [Act(role: "gp"), Package("home_care")],
    /* block ( comment */ last: r#"raw "quoted""#,
)"##;

    fn at(path: Path) -> (usize, usize) {
        let p = SpanTree::new(SRC).locate(&path);
        (p.line, p.column)
    }

    #[test]
    fn finds_fields_items_and_keys() {
        let root = Path::root();
        assert_eq!(at(root.field("id")), (3, 9));
        assert_eq!(at(root.field("list").index(1).field("name")), (6, 16));
        assert_eq!(at(root.field("list").index(0).field("feeds")), (5, 33));
        assert_eq!(at(root.field("list").index(1).field("feeds")), (6, 28));
        assert_eq!(at(root.field("map").key("walled").field("trust")), (8, 30));
        assert_eq!(at(root.field("res").index(0).field("role")), (9, 21));
        assert_eq!(at(root.field("res").index(1)), (9, 28));
        assert_eq!(at(root.field("last")), (10, 33));
    }

    #[test]
    fn a_path_that_runs_out_stops_at_the_deepest_part() {
        let root = Path::root();
        assert_eq!(at(root.field("list").index(7)), (4, 11));
        assert_eq!(at(root.field("nope")), (2, 1));
    }

    #[test]
    fn map_keys_are_located() {
        let tree = SpanTree::new(SRC);
        let p = tree.locate_key(&Path::root().field("map"), "open");
        assert_eq!((p.line, p.column), (8, 35));
    }

    #[test]
    fn malformed_input_never_panics() {
        for src in [
            "",
            "(",
            ")))",
            "(a: [1, (b: ",
            "\"unterminated",
            "r#\"x",
            "/* open",
        ] {
            let tree = SpanTree::new(src);
            let _ = tree.locate(&Path::root().field("a").index(0));
        }
    }
}
