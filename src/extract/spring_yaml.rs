//! Spring Boot `application.yml`: `spring.mail.*` (and JavaMail `mail.*`
//! keys) written as YAML.
//!
//! Spring flattens YAML to dotted keys: nesting and dotted keys mix freely
//! (`spring: {mail: {properties: {mail.smtp.ssl.protocols: TLSv1}}}`),
//! `"[mail.smtp.auth]"` keeps dots in a map key, `---` starts a new
//! document and `spring.config.activate.on-profile` (or the older
//! `spring.profiles`) makes a document a profile that is laid over the
//! others. This module flattens the YAML events of `saphyr-parser` (which
//! give every scalar its line and column) into the same [`Prop`]s the
//! `.properties` extractor builds, and [`javamail`] applies the semantics.
//!
//! Guards: anchors are replayed for aliases and `<<` merge keys within a
//! budget of [`ALIAS_BUDGET`] settings per file (an alias bomb stops
//! expanding, it does not stop the scan); nesting deeper than
//! [`MAX_DEPTH`] is an error. YAML 1.1 booleans (`yes`, `on`, ...) read as
//! `true`/`false`, as SnakeYAML (Spring's parser) reads them.

use crate::extract::common::javamail::{self, Prop};
use crate::extract::common::redact::redact;
use crate::extract::ExtractError;
use crate::facts::{Fact, Location, TlsMode};
use crate::source::SourceFile;
use saphyr_parser::{Event, Parser, ScalarStyle, Span};
use std::collections::HashMap;

/// Most settings replayed from aliases in one file.
pub const ALIAS_BUDGET: usize = 10_000;

/// Deepest nesting of mappings and sequences accepted.
pub const MAX_DEPTH: usize = 64;

pub fn extract(file: &SourceFile) -> Result<Vec<Fact>, ExtractError> {
    let flat = flatten(file.text)?;
    let props: Vec<Prop> = flat
        .into_iter()
        .map(|s| Prop {
            key: javamail::normalize_key(&join(&s.path)),
            value: s.value,
            location: s.location,
            evidence: redact(file.line(s.location.line).trim()),
            document: s.document,
        })
        .collect();
    Ok(javamail::facts_for_documents(&props, TlsMode::None))
}

/// One scalar with the path of keys that leads to it.
#[derive(Debug, Clone)]
struct Scalar {
    path: Vec<String>,
    value: String,
    location: Location,
    document: usize,
}

/// Joins key segments with dots; merge keys (`<<`) and the index of a
/// merged list vanish, as SnakeYAML merges their content in place.
fn join(path: &[String]) -> String {
    let mut out = String::new();
    let mut after_merge = false;
    for segment in path {
        if segment == "<<" {
            after_merge = true;
            continue;
        }
        let index = segment.starts_with('[');
        if index && after_merge {
            after_merge = false;
            continue;
        }
        after_merge = false;
        if !out.is_empty() && !index {
            out.push('.');
        }
        out.push_str(segment);
    }
    out
}

/// What an anchor stands for.
#[derive(Debug, Clone)]
enum Anchored {
    Scalar(String, Location),
    /// Scalars inside an anchored collection, paths relative to it.
    Collection(Vec<Scalar>),
}

enum Container {
    Map {
        /// Key of the next value; `None` while a key is expected.
        key: Option<Option<String>>,
        anchor: usize,
        /// Index into `out` where this collection's scalars start.
        first: usize,
    },
    Seq {
        index: usize,
        anchor: usize,
        first: usize,
    },
}

struct Flattener {
    out: Vec<Scalar>,
    stack: Vec<Container>,
    /// Key segments of the collections on the stack (one per nested value).
    path: Vec<String>,
    /// For each stack entry, whether it pushed a segment onto `path`.
    pushed: Vec<bool>,
    anchors: HashMap<usize, Anchored>,
    replayed: usize,
    document: usize,
    documents_seen: usize,
    /// Depth of collections being skipped (a complex key, a root scalar).
    skipping: usize,
}

fn location(span: &Span) -> Location {
    let line = span.start.line();
    let column = span.start.col() + 1;
    let end_line = span.end.line().max(line);
    let mut end_column = span.end.col() + 1;
    if end_line == line && end_column <= column {
        end_column = column + 1;
    }
    Location {
        line,
        column,
        end_line,
        end_column,
    }
}

/// A plain scalar as SnakeYAML reads it: YAML 1.1 booleans and nulls.
fn plain_value(text: &str, style: ScalarStyle) -> String {
    if style != ScalarStyle::Plain {
        return text.to_owned();
    }
    match text {
        "yes" | "Yes" | "YES" | "true" | "True" | "TRUE" | "on" | "On" | "ON" => "true".to_owned(),
        "no" | "No" | "NO" | "false" | "False" | "FALSE" | "off" | "Off" | "OFF" => {
            "false".to_owned()
        }
        "~" | "null" | "Null" | "NULL" => String::new(),
        _ => text.to_owned(),
    }
}

impl Flattener {
    fn new() -> Self {
        Flattener {
            out: Vec::new(),
            stack: Vec::new(),
            path: Vec::new(),
            pushed: Vec::new(),
            anchors: HashMap::new(),
            replayed: 0,
            document: 0,
            documents_seen: 0,
            skipping: 0,
        }
    }

    /// Where a new node goes: `Some(segment)` to nest under, `None` at the
    /// root, or `Err(())` when it must be skipped (a complex key, or the
    /// value of one). Also records a node in key position.
    fn slot(&mut self) -> Result<Option<String>, ()> {
        match self.stack.last_mut() {
            None => Ok(None),
            Some(Container::Seq { index, .. }) => {
                let segment = format!("[{index}]");
                *index += 1;
                Ok(Some(segment))
            }
            Some(Container::Map { key, .. }) => match key.take() {
                // A key is expected: the caller handles scalars; any other
                // node is a complex key, whose value is skipped too.
                None => {
                    *key = Some(None);
                    Err(())
                }
                Some(Some(k)) => Ok(Some(k)),
                Some(None) => Err(()),
            },
        }
    }

    fn expecting_key(&self) -> bool {
        matches!(self.stack.last(), Some(Container::Map { key: None, .. }))
    }

    fn set_key(&mut self, k: Option<String>) {
        if let Some(Container::Map { key, .. }) = self.stack.last_mut() {
            *key = Some(k);
        }
    }

    fn emit(&mut self, segment: Option<String>, value: String, location: Location) {
        let mut path = self.path.clone();
        path.extend(segment);
        self.out.push(Scalar {
            path,
            value,
            location,
            document: self.document,
        });
    }

    fn event(&mut self, event: Event, span: &Span) -> Result<(), ExtractError> {
        if self.skipping > 0 {
            match event {
                Event::MappingStart(..) | Event::SequenceStart(..) => self.skipping += 1,
                Event::MappingEnd | Event::SequenceEnd => self.skipping -= 1,
                _ => {}
            }
            return Ok(());
        }
        match event {
            Event::DocumentStart(_) => {
                self.documents_seen += 1;
                self.document = self.documents_seen - 1;
                self.anchors.clear();
                self.stack.clear();
                self.path.clear();
                self.pushed.clear();
            }
            Event::Scalar(text, style, anchor, _) => {
                let value = plain_value(&text, style);
                let loc = location(span);
                if anchor != 0 {
                    self.anchors
                        .insert(anchor, Anchored::Scalar(value.clone(), loc));
                }
                if self.expecting_key() {
                    self.set_key(Some(text.into_owned()));
                } else if let Ok(segment) = self.slot() {
                    if segment.is_some() {
                        self.emit(segment, value, loc);
                    }
                }
            }
            Event::Alias(id) => {
                // Look before cloning: an exhausted budget copies nothing.
                let within_budget = match self.anchors.get(&id) {
                    Some(Anchored::Collection(items)) => {
                        self.replayed.saturating_add(items.len()) <= ALIAS_BUDGET
                    }
                    _ => true,
                };
                let anchored = self.anchors.get(&id).filter(|_| within_budget).cloned();
                if self.expecting_key() {
                    let key = match anchored {
                        Some(Anchored::Scalar(v, _)) => Some(v),
                        _ => None,
                    };
                    self.set_key(key);
                } else if let Ok(Some(segment)) = self.slot() {
                    match anchored {
                        Some(Anchored::Scalar(v, loc)) => self.emit(Some(segment), v, loc),
                        Some(Anchored::Collection(items)) => self.replay(segment, &items),
                        None => {}
                    }
                }
            }
            Event::MappingStart(anchor, _) | Event::SequenceStart(anchor, _) => {
                let is_map = matches!(event, Event::MappingStart(..));
                let segment = match self.slot() {
                    Ok(s) => s,
                    Err(()) => {
                        self.skipping = 1;
                        return Ok(());
                    }
                };
                if self.stack.len() >= MAX_DEPTH {
                    return Err(ExtractError::new(
                        format!("YAML nested deeper than {MAX_DEPTH} levels"),
                        Some(span.start.line()),
                    ));
                }
                self.pushed.push(segment.is_some());
                self.path.extend(segment);
                let first = self.out.len();
                self.stack.push(if is_map {
                    Container::Map {
                        key: None,
                        anchor,
                        first,
                    }
                } else {
                    Container::Seq {
                        index: 0,
                        anchor,
                        first,
                    }
                });
            }
            Event::MappingEnd | Event::SequenceEnd => {
                let (anchor, first) = match self.stack.pop() {
                    Some(Container::Map { anchor, first, .. })
                    | Some(Container::Seq { anchor, first, .. }) => (anchor, first),
                    None => return Ok(()),
                };
                if anchor != 0 {
                    let depth = self.path.len();
                    let items = self
                        .out
                        .get(first..)
                        .unwrap_or_default()
                        .iter()
                        .map(|s| Scalar {
                            path: s.path.get(depth..).unwrap_or_default().to_vec(),
                            ..s.clone()
                        })
                        .collect();
                    self.anchors.insert(anchor, Anchored::Collection(items));
                }
                if self.pushed.pop() == Some(true) {
                    self.path.pop();
                }
            }
            _ => {}
        }
        Ok(())
    }

    /// Replays an anchored collection under `segment`, within the budget.
    fn replay(&mut self, segment: String, items: &[Scalar]) {
        if self.replayed.saturating_add(items.len()) > ALIAS_BUDGET {
            self.replayed = ALIAS_BUDGET;
            return;
        }
        self.replayed += items.len();
        for item in items {
            let mut path = self.path.clone();
            path.push(segment.clone());
            path.extend(item.path.iter().cloned());
            self.out.push(Scalar {
                path,
                value: item.value.clone(),
                location: item.location,
                document: self.document,
            });
        }
    }
}

/// Every scalar value of every document with its key path.
fn flatten(text: &str) -> Result<Vec<Scalar>, ExtractError> {
    let mut flattener = Flattener::new();
    for item in Parser::new_from_str(text) {
        let (event, span) = item.map_err(|e| {
            ExtractError::new(
                format!("invalid YAML: {}", e.info()),
                Some(e.marker().line()),
            )
        })?;
        flattener.event(event, &span)?;
    }
    Ok(flattener.out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::facts::{Protocol, TlsRange};

    fn facts(text: &str) -> Vec<Fact> {
        extract(&SourceFile::new("application.yml", text)).unwrap_or_else(|e| panic!("{e}"))
    }

    fn keys(text: &str) -> Vec<(String, String, usize)> {
        flatten(text)
            .unwrap_or_else(|e| panic!("{e}"))
            .into_iter()
            .map(|s| (join(&s.path), s.value, s.location.line))
            .collect()
    }

    #[test]
    fn nesting_and_dotted_keys_flatten_alike() {
        let k = keys("spring:\n  mail:\n    host: smtp.office365.com\n    properties:\n      mail.smtp.starttls.enable: yes\n      \"[mail.smtp.ssl.protocols]\": TLSv1.2\nlist:\n  - a\n  - b: c\n");
        assert_eq!(
            k,
            vec![
                ("spring.mail.host".into(), "smtp.office365.com".into(), 3),
                (
                    "spring.mail.properties.mail.smtp.starttls.enable".into(),
                    "true".into(),
                    5
                ),
                (
                    "spring.mail.properties[mail.smtp.ssl.protocols]".into(),
                    "TLSv1.2".into(),
                    6
                ),
                ("list[0]".into(), "a".into(), 8),
                ("list[1].b".into(), "c".into(), 9),
            ]
        );
    }

    #[test]
    fn spring_sender_from_yaml() {
        let f = facts("spring:\n  mail:\n    host: smtp.office365.com\n    port: 587\n    properties:\n      mail:\n        smtp:\n          starttls:\n            enable: true\n          ssl:\n            protocols: TLSv1 TLSv1.1\n");
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].client.as_deref(), Some("spring-mail"));
        assert_eq!(f[0].protocol, Some(Protocol::Smtp));
        assert_eq!(f[0].tls_mode, Some(crate::facts::TlsMode::Starttls));
        assert_eq!(f[0].tls, Some(TlsRange::explicit(Some("1.0"), Some("1.1"))));
        let loc = f[0].location;
        assert_eq!((loc.line, loc.column, loc.end_column), (11, 24, 37));
        assert_eq!(f[0].evidence, "protocols: TLSv1 TLSv1.1");
    }

    #[test]
    fn profile_documents() {
        let f = facts("spring:\n  mail:\n    properties:\n      mail.imaps.host: outlook.office365.com\n---\nspring:\n  config:\n    activate:\n      on-profile: legacy\n  mail:\n    properties:\n      mail.imaps.ssl.protocols: TLSv1\n");
        assert_eq!(f.len(), 2);
        assert_eq!(f[0].tls, Some(TlsRange::unknown()));
        assert_eq!(f[1].host.as_deref(), Some("outlook.office365.com"));
        assert_eq!(f[1].tls, Some(TlsRange::explicit(Some("1.0"), Some("1.0"))));
        assert_eq!(f[1].location.line, 12);
    }

    #[test]
    fn anchors_aliases_and_merge_keys() {
        let k = keys("base: &b\n  host: h\n  port: 993\nspring:\n  mail:\n    <<: *b\n    protocol: &p smtps\nother: *p\n");
        assert!(k.contains(&("spring.mail.host".into(), "h".into(), 2)));
        assert!(k.contains(&("spring.mail.port".into(), "993".into(), 3)));
        assert!(k.contains(&("other".into(), "smtps".into(), 7)));
    }

    #[test]
    fn alias_bombs_stop_expanding() {
        let mut text = String::from("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for i in 1..12 {
            let refs = vec![format!("*a{}", i - 1); 10].join(", ");
            text.push_str(&format!("a{i}: &a{i} [{refs}]\n"));
        }
        let k = keys(&text);
        assert!(k.len() <= ALIAS_BUDGET + 100, "{}", k.len());
    }

    #[test]
    fn complex_keys_are_skipped() {
        let k = keys("? [a, b]\n: {c: d}\nmail.imaps.host: x\n");
        assert_eq!(k, vec![("mail.imaps.host".into(), "x".into(), 3)]);
    }

    #[test]
    fn malformed_and_deep_yaml_are_errors() {
        let bad = extract(&SourceFile::new("application.yml", "spring:\n  mail: [\n"));
        assert!(bad.is_err());
        let deep = format!("{}x{}", "[".repeat(100), "]".repeat(100));
        assert!(extract(&SourceFile::new("application.yml", &deep)).is_err());
        let mut nested = String::new();
        for i in 0..80 {
            nested.push_str(&format!("{}k{i}:\n", " ".repeat(i)));
        }
        assert!(extract(&SourceFile::new("application.yml", &nested)).is_err());
        for garbage in ["", "---", "- a\n- b", "just text", ": :", "*x", "&a a: *a"] {
            let _ = extract(&SourceFile::new("application.yml", garbage));
        }
    }
}
