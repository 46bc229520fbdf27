//! A line-oriented reader of YAML block mappings and sequences, with byte
//! positions, for the any-file scans that look into Compose files,
//! Kubernetes manifests, Helm values and CI workflows.
//!
//! Why not a YAML parser: these scans run on every YAML file in a tree,
//! Helm templates included (`{{- if .Values.x }}` lines make them invalid
//! YAML), and they need the exact place of every scalar and of every line of
//! a block scalar (`run: |`), which is where a shell command or an
//! environment value is written. This reader never fails: it reads the block
//! structure (indentation, `key: value`, `- item`, quoted and plain scalars,
//! `|`/`>` block scalars, comments, `---` documents) and leaves anything it
//! does not understand (flow collections, complex keys, anchors' targets)
//! as opaque text. It is not a general YAML parser and does not resolve
//! anchors, merge keys or tags.

use crate::source::SourceFile;

/// What kind of collection a container is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ContainerKind {
    Map,
    Seq,
}

/// A block mapping or sequence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Container {
    pub kind: ContainerKind,
    /// Column (0-based) of its keys or dashes.
    pub indent: usize,
    /// The item whose value this container is (`env:` for its list).
    pub owner: Option<usize>,
    /// The container holding the owner.
    pub parent: Option<usize>,
    /// The `---` document it belongs to (0-based).
    pub document: usize,
}

/// A scalar's text and where it is written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Scalar {
    /// The value with quotes removed and escapes applied.
    pub text: String,
    /// Byte range in the file of the value as written, quotes excluded.
    pub start: usize,
    pub end: usize,
    /// Whether it was quoted.
    pub quoted: bool,
}

/// The value of an item.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Value {
    /// A one-line scalar (plain, `'...'` or `"..."`); a plain scalar
    /// continued on more-indented lines has them in `more`.
    Scalar {
        scalar: Scalar,
        more: Vec<(usize, usize)>,
    },
    /// A `|` or `>` block scalar: the byte range of each content line
    /// (indentation removed), blank lines included as empty ranges.
    Block {
        lines: Vec<(usize, usize)>,
        folded: bool,
    },
    /// A flow collection (`[a, b]`, `{a: b}`) on one line: its byte range.
    Flow { start: usize, end: usize },
    /// An alias (`*name`) or nothing on the line: the value, if any, is the
    /// container that follows.
    Nested,
}

/// How an item is written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ItemKind {
    /// `key: value`; the key's text and byte range (quotes excluded).
    Entry {
        key: String,
        start: usize,
        end: usize,
    },
    /// `- value`; the byte offset of the dash.
    Element { dash: usize },
}

/// One mapping entry or sequence element.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Item {
    /// 1-based line of the key or dash.
    pub line: usize,
    pub kind: ItemKind,
    pub value: Value,
    /// Index into [`Doc::containers`].
    pub container: usize,
}

impl Item {
    /// The key of a mapping entry.
    pub fn key(&self) -> Option<&str> {
        match &self.kind {
            ItemKind::Entry { key, .. } => Some(key),
            ItemKind::Element { .. } => None,
        }
    }

    /// The scalar value, if the item has one.
    pub fn scalar(&self) -> Option<&Scalar> {
        match &self.value {
            Value::Scalar { scalar, .. } => Some(scalar),
            _ => None,
        }
    }
}

/// The items and containers of a file, in file order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Doc {
    pub items: Vec<Item>,
    pub containers: Vec<Container>,
}

impl Doc {
    /// The keys of the entries that own `container` and its ancestors,
    /// nearest first (elements contribute nothing).
    pub fn owner_keys(&self, container: usize) -> Vec<&str> {
        let mut keys = Vec::new();
        let mut at = Some(container);
        // Containers only point to earlier containers, so this ends; the
        // bound is a second guard.
        for _ in 0..self.containers.len() {
            let Some(c) = at.and_then(|i| self.containers.get(i)) else {
                break;
            };
            if let Some(key) = c.owner.and_then(|o| self.items.get(o)).and_then(Item::key) {
                keys.push(key);
            }
            at = c.parent;
        }
        keys
    }
}

/// Reads the block structure of `file`.
pub fn read(file: &SourceFile) -> Doc {
    let mut reader = Reader {
        file,
        doc: Doc::default(),
        stack: Vec::new(),
        pending: None,
        document: 0,
    };
    let mut n = 1;
    let count = file.line_count();
    while n <= count {
        n = reader.line(n);
    }
    reader.doc
}

struct Reader<'f, 'a> {
    file: &'f SourceFile<'a>,
    doc: Doc,
    /// Open containers, outermost first (indices into `doc.containers`).
    stack: Vec<usize>,
    /// The last item whose value is on the following lines.
    pending: Option<usize>,
    document: usize,
}

/// Width of leading whitespace (tabs count as one column).
fn indent_of(line: &str) -> usize {
    line.len() - line.trim_start_matches([' ', '\t']).len()
}

impl Reader<'_, '_> {
    /// Handles line `n`; returns the next line to read.
    fn line(&mut self, n: usize) -> usize {
        let line = self.file.line(n);
        let base = self.file.line_start(n);
        let trimmed = line.trim();
        if trimmed.is_empty() || trimmed.starts_with('#') {
            return n + 1;
        }
        let indent = indent_of(line);
        if indent == 0 && (trimmed == "---" || trimmed.starts_with("--- ") || trimmed == "...") {
            self.stack.clear();
            self.pending = None;
            self.document += 1;
            return n + 1;
        }
        if indent == 0 && trimmed.starts_with('%') {
            return n + 1;
        }
        self.content(n, base, line, indent)
    }

    /// Reads the content of line `n` starting at column `col`, which may
    /// open nested elements (`- - x`, `- key: v`).
    fn content(&mut self, n: usize, base: usize, line: &str, col: usize) -> usize {
        let mut col = col;
        // Dashes opening elements, possibly several on one line.
        loop {
            let rest = &line[col..];
            let is_dash =
                rest.starts_with('-') && (rest.len() == 1 || rest[1..].starts_with([' ', '\t']));
            if !is_dash {
                break;
            }
            let container = self.container_for(col, ContainerKind::Seq);
            let after = col + 1 + indent_of(&line[col + 1..]);
            let item = Item {
                line: n,
                kind: ItemKind::Element { dash: base + col },
                value: Value::Nested,
                container,
            };
            self.doc.items.push(item);
            let index = self.doc.items.len() - 1;
            self.pending = Some(index);
            let next = &line[after..];
            if next.is_empty() || next.starts_with('#') {
                return n + 1;
            }
            if next.starts_with('-') && (next.len() == 1 || next[1..].starts_with([' ', '\t'])) {
                col = after;
                continue;
            }
            if entry_key(next).is_some() {
                // `- key: value`: a mapping whose keys sit at `after`.
                return self.entry(n, base, line, after);
            }
            // `- scalar`: the element's own value.
            self.pending = None;
            let (value, next_line) = self.value(n, base, line, after, col);
            if let Some(item) = self.doc.items.get_mut(index) {
                item.value = value;
            }
            return next_line;
        }
        if entry_key(&line[col..]).is_some() {
            return self.entry(n, base, line, col);
        }
        // A line that is neither: continuation of something unread.
        n + 1
    }

    /// Reads a `key: value` entry at column `col` of line `n`.
    fn entry(&mut self, n: usize, base: usize, line: &str, col: usize) -> usize {
        let Some((key, key_start, key_end, value_at)) = entry_key(&line[col..]) else {
            return n + 1;
        };
        let container = self.container_for(col, ContainerKind::Map);
        self.doc.items.push(Item {
            line: n,
            kind: ItemKind::Entry {
                key,
                start: base + col + key_start,
                end: base + col + key_end,
            },
            value: Value::Nested,
            container,
        });
        let index = self.doc.items.len() - 1;
        let at = col + value_at;
        let at = at + indent_of(&line[at.min(line.len())..]);
        let (value, next) = self.value(n, base, line, at, col);
        self.pending = matches!(value, Value::Nested).then_some(index);
        if let Some(item) = self.doc.items.get_mut(index) {
            item.value = value;
        }
        next
    }

    /// The container an item at column `col` of kind `kind` goes into:
    /// closes deeper containers and opens a new one where needed.
    fn container_for(&mut self, col: usize, kind: ContainerKind) -> usize {
        while let Some(&top) = self.stack.last() {
            let Some(c) = self.doc.containers.get(top) else {
                self.stack.pop();
                continue;
            };
            if col < c.indent
                || (col == c.indent && c.kind == ContainerKind::Seq && kind == ContainerKind::Map)
            {
                self.stack.pop();
                continue;
            }
            if col == c.indent && c.kind == kind {
                self.pending = None;
                return top;
            }
            break;
        }
        // A new container, owned by the pending item when that item sits in
        // the container now on top (or at top level).
        let parent = self.stack.last().copied();
        let owner = self.pending.take().filter(|&p| {
            self.doc
                .items
                .get(p)
                .is_some_and(|item| Some(item.container) == parent || parent.is_none())
        });
        self.doc.containers.push(Container {
            kind,
            indent: col,
            owner,
            parent,
            document: self.document,
        });
        let id = self.doc.containers.len() - 1;
        self.stack.push(id);
        id
    }

    /// Reads the value starting at column `at` of line `n`, for an item at
    /// column `item_col`; returns it and the next line to read.
    fn value(
        &mut self,
        n: usize,
        base: usize,
        line: &str,
        at: usize,
        item_col: usize,
    ) -> (Value, usize) {
        let at = at.min(line.len());
        let mut at = at;
        // Anchors and tags before the value.
        loop {
            let rest = &line[at..];
            if rest.starts_with('&') || rest.starts_with('!') {
                let len = rest.find([' ', '\t']).unwrap_or(rest.len());
                at += len;
                at += indent_of(&line[at..]);
                continue;
            }
            break;
        }
        let rest = &line[at..];
        if rest.is_empty() || rest.starts_with('#') || rest.starts_with('*') {
            return (Value::Nested, n + 1);
        }
        if let Some(header) = block_header(rest) {
            return self.block(n, item_col, header);
        }
        if rest.starts_with('[') || rest.starts_with('{') {
            let end = strip_comment(rest).len();
            return (
                Value::Flow {
                    start: base + at,
                    end: base + at + end,
                },
                n + 1,
            );
        }
        if let Some(q) = rest.chars().next().filter(|c| *c == '"' || *c == '\'') {
            let (text, len) = quoted(&rest[1..], q);
            let scalar = Scalar {
                text,
                start: base + at + 1,
                end: base + at + 1 + len,
                quoted: true,
            };
            return (
                Value::Scalar {
                    scalar,
                    more: Vec::new(),
                },
                n + 1,
            );
        }
        let text = strip_comment(rest).trim_end();
        let scalar = Scalar {
            text: text.to_owned(),
            start: base + at,
            end: base + at + text.len(),
            quoted: false,
        };
        // Continuation lines of a multi-line plain scalar: more indented
        // than the item, and not an entry or element themselves.
        let mut more = Vec::new();
        let mut next = n + 1;
        while next <= self.file.line_count() {
            let l = self.file.line(next);
            let t = l.trim();
            if t.is_empty() || t.starts_with('#') {
                break;
            }
            let ind = indent_of(l);
            if ind <= item_col || entry_key(&l[ind..]).is_some() || t.starts_with("- ") || t == "-"
            {
                break;
            }
            let body = strip_comment(&l[ind..]).trim_end();
            let s = self.file.line_start(next) + ind;
            more.push((s, s + body.len()));
            next += 1;
        }
        (Value::Scalar { scalar, more }, next)
    }

    /// Reads a block scalar whose header is on line `n`.
    fn block(&mut self, n: usize, item_col: usize, header: BlockHeader) -> (Value, usize) {
        let mut lines = Vec::new();
        let mut block_indent = header.indent.map(|i| item_col + i);
        let mut next = n + 1;
        let mut blanks = Vec::new();
        while next <= self.file.line_count() {
            let l = self.file.line(next);
            let start = self.file.line_start(next);
            if l.trim().is_empty() {
                blanks.push((start + l.len(), start + l.len()));
                next += 1;
                continue;
            }
            let ind = indent_of(l);
            let want = *block_indent.get_or_insert(ind);
            if ind < want || ind <= item_col {
                break;
            }
            lines.append(&mut blanks);
            lines.push((start + want, start + l.len()));
            next += 1;
        }
        (
            Value::Block {
                lines,
                folded: header.folded,
            },
            next,
        )
    }
}

struct BlockHeader {
    folded: bool,
    indent: Option<usize>,
}

/// `|`, `|-`, `>+2`, ... optionally followed by a comment.
fn block_header(rest: &str) -> Option<BlockHeader> {
    let folded = match rest.chars().next()? {
        '|' => false,
        '>' => true,
        _ => return None,
    };
    let mut indent = None;
    let tail = &rest[1..];
    let mut used = 0;
    for c in tail.chars().take(2) {
        match c {
            '+' | '-' => used += 1,
            '1'..='9' => {
                indent = c.to_digit(10).map(|d| d as usize);
                used += 1;
            }
            _ => break,
        }
    }
    let after = tail[used..].trim_start();
    (after.is_empty() || after.starts_with('#')).then_some(BlockHeader { folded, indent })
}

/// The key of an entry starting at the beginning of `s`: (key text, key
/// start, key end, offset just after the `:`). `None` if `s` is no entry.
fn entry_key(s: &str) -> Option<(String, usize, usize, usize)> {
    let first = s.chars().next()?;
    if first == '"' || first == '\'' {
        let (text, len) = quoted(&s[1..], first);
        let after = 1 + len + 1;
        let rest = s.get(after..)?;
        let colon = rest.len() - rest.trim_start_matches([' ', '\t']).len();
        let rest = &rest[colon..];
        if rest.starts_with(':') && (rest.len() == 1 || rest[1..].starts_with([' ', '\t'])) {
            return Some((text, 1, 1 + len, after + colon + 1));
        }
        return None;
    }
    if matches!(
        first,
        '[' | '{' | '#' | '&' | '*' | '!' | '|' | '>' | '%' | '@' | '`' | '?'
    ) || s.starts_with("- ")
    {
        return None;
    }
    let bytes = s.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b':' && (i + 1 == bytes.len() || matches!(bytes[i + 1], b' ' | b'\t')) {
            let key = s[..i].trim_end();
            if key.is_empty() {
                return None;
            }
            return Some((key.to_owned(), 0, key.len(), i + 1));
        }
        if bytes[i] == b'#' && i > 0 && matches!(bytes[i - 1], b' ' | b'\t') {
            return None;
        }
        i += 1;
    }
    None
}

/// Reads a quoted scalar whose opening quote `q` was just before `s`:
/// returns the unescaped text and the byte length up to (not including) the
/// closing quote, or to the end of `s` when it does not close on this line.
fn quoted(s: &str, q: char) -> (String, usize) {
    let mut text = String::new();
    let mut chars = s.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if c == q {
            if q == '\'' && chars.peek().is_some_and(|&(_, n)| n == '\'') {
                text.push('\'');
                chars.next();
                continue;
            }
            return (text, i);
        }
        if q == '"' && c == '\\' {
            match chars.next() {
                Some((_, 'n')) => text.push('\n'),
                Some((_, 't')) => text.push('\t'),
                Some((_, other)) => text.push(other),
                None => {}
            }
            continue;
        }
        text.push(c);
    }
    (text, s.len())
}

/// `s` without a trailing ` # comment` (a `#` after whitespace, outside
/// quotes).
pub fn strip_comment(s: &str) -> &str {
    let bytes = s.as_bytes();
    let mut quote: Option<u8> = None;
    for (i, &b) in bytes.iter().enumerate() {
        match quote {
            Some(q) if b == q => quote = None,
            Some(_) => {}
            // Quotes only count at the start of a token.
            None if (b == b'"' || b == b'\'')
                && (i == 0 || matches!(bytes[i - 1], b' ' | b'\t' | b'[' | b',' | b'{' | b':')) =>
            {
                quote = Some(b);
            }
            None if b == b'#' && (i == 0 || matches!(bytes[i - 1], b' ' | b'\t')) => {
                return &s[..i];
            }
            None => {}
        }
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(text: &str) -> (Doc, String) {
        let f = SourceFile::new("x.yaml", text);
        (read(&f), text.to_owned())
    }

    fn scalar_of<'d>(d: &'d Doc, key: &str) -> Option<&'d Scalar> {
        d.items
            .iter()
            .find(|i| i.key() == Some(key))
            .and_then(Item::scalar)
    }

    #[test]
    fn maps_sequences_and_owners() {
        let (d, text) = doc(
            "services:\n  app:\n    environment:\n      - NODE_OPTIONS=--tls-min-v1.0\n      IGNORED\n    image: x # tag\nkind: A\n",
        );
        let env = d
            .items
            .iter()
            .find(|i| matches!(i.kind, ItemKind::Element { .. }))
            .unwrap_or_else(|| panic!("no element"));
        let s = env.scalar().unwrap_or_else(|| panic!("no scalar"));
        assert_eq!(s.text, "NODE_OPTIONS=--tls-min-v1.0");
        assert_eq!(&text[s.start..s.end], "NODE_OPTIONS=--tls-min-v1.0");
        assert_eq!(
            d.owner_keys(env.container),
            vec!["environment", "app", "services"]
        );
        assert_eq!(scalar_of(&d, "image").map(|s| s.text.as_str()), Some("x"));
        let kind = d
            .items
            .iter()
            .find(|i| i.key() == Some("kind"))
            .unwrap_or_else(|| panic!());
        assert!(d.owner_keys(kind.container).is_empty());
    }

    #[test]
    fn compact_sequences_and_inline_maps() {
        let (d, _) = doc("env:\n- name: A\n  value: \"x\"\n- name: B\n  value: 'it''s'\nnext: 1\n");
        let a = d
            .items
            .iter()
            .find(|i| i.key() == Some("name"))
            .unwrap_or_else(|| panic!());
        let keys = d.owner_keys(a.container);
        assert_eq!(keys, vec!["env"]);
        let values: Vec<_> = d
            .items
            .iter()
            .filter(|i| i.key() == Some("value"))
            .filter_map(|i| i.scalar().map(|s| s.text.clone()))
            .collect();
        assert_eq!(values, vec!["x", "it's"]);
        let next = d
            .items
            .iter()
            .find(|i| i.key() == Some("next"))
            .unwrap_or_else(|| panic!());
        assert!(d.owner_keys(next.container).is_empty());
    }

    #[test]
    fn block_scalars_keep_line_ranges() {
        let (d, text) =
            doc("steps:\n  - run: |\n      curl a \\\n        b\n\n      echo c\n  - name: x\n");
        let run = d
            .items
            .iter()
            .find(|i| i.key() == Some("run"))
            .unwrap_or_else(|| panic!());
        let Value::Block { lines, folded } = &run.value else {
            panic!("not a block")
        };
        assert!(!folded);
        let texts: Vec<_> = lines.iter().map(|&(s, e)| &text[s..e]).collect();
        assert_eq!(texts, vec!["curl a \\", "  b", "", "echo c"]);
        assert!(d.items.iter().any(|i| i.key() == Some("name")));
    }

    #[test]
    fn documents_and_flow_values() {
        let (d, text) = doc("a: [x, y]\n---\nb: {c: d}\n");
        let a = d
            .items
            .iter()
            .find(|i| i.key() == Some("a"))
            .unwrap_or_else(|| panic!());
        let Value::Flow { start, end } = a.value else {
            panic!()
        };
        assert_eq!(&text[start..end], "[x, y]");
        let b = d
            .items
            .iter()
            .find(|i| i.key() == Some("b"))
            .unwrap_or_else(|| panic!());
        assert_eq!(d.containers[b.container].document, 1);
    }

    #[test]
    fn garbage_and_templates_do_not_panic() {
        for text in [
            "{{- if .Values.x }}\nkey: 'open\n  - - -\n\t:\n\"k\": v\n|\n>\n- |\n",
            "- - a: b\n    c: d\n",
            ":\n: :\n'a\n",
        ] {
            let (d, _) = doc(text);
            assert!(d.items.len() < 100);
        }
    }

    #[test]
    fn comments_are_stripped_outside_quotes() {
        assert_eq!(strip_comment("a # b"), "a ");
        assert_eq!(strip_comment("'a # b' # c"), "'a # b' ");
        assert_eq!(strip_comment("a#b"), "a#b");
    }
}
