//! Counts for the human reports (HTML and Markdown), computed once from the
//! inventory so both say the same thing.

use super::inventory::{Inventory, Item};
use std::collections::BTreeMap;

/// Counts per status, in the order of [`super::status::STATUSES`].
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Tally {
    pub compliant: usize,
    pub non_compliant: usize,
    pub unknown: usize,
}

impl Tally {
    fn add(&mut self, status: &str) {
        match status {
            "compliant" => self.compliant += 1,
            "non-compliant" => self.non_compliant += 1,
            _ => self.unknown += 1,
        }
    }

    pub fn total(&self) -> usize {
        self.compliant + self.non_compliant + self.unknown
    }
}

/// Source kinds always shown in the chart, even when empty.
pub const SOURCE_KINDS: [&str; 4] = ["config", "code", "firmware", "text"];

#[derive(Debug, Clone, Default)]
pub struct Summary {
    pub all: Tally,
    pub by_protocol: BTreeMap<String, Tally>,
    pub by_source_kind: BTreeMap<String, Tally>,
    pub by_repository: BTreeMap<String, Tally>,
    pub by_kind: BTreeMap<String, Tally>,
    /// Non-compliant items per rule id.
    pub by_rule: BTreeMap<String, usize>,
}

impl Summary {
    pub fn of(inventory: &Inventory) -> Summary {
        let mut s = Summary::default();
        for kind in SOURCE_KINDS {
            s.by_source_kind.insert(kind.to_owned(), Tally::default());
        }
        for item in &inventory.items {
            s.all.add(&item.status);
            s.by_protocol
                .entry(item.protocol.clone().unwrap_or_else(|| "n/a".to_owned()))
                .or_default()
                .add(&item.status);
            s.by_source_kind
                .entry(item.source_kind.clone())
                .or_default()
                .add(&item.status);
            s.by_repository
                .entry(item.repository.clone())
                .or_default()
                .add(&item.status);
            s.by_kind
                .entry(item.kind.clone())
                .or_default()
                .add(&item.status);
            if item.status == "non-compliant" {
                for rule in &item.rule_ids {
                    *s.by_rule.entry(rule.clone()).or_default() += 1;
                }
            }
        }
        s
    }
}

/// `path:line`.
pub fn place(item: &Item) -> String {
    format!("{}:{}", item.path, item.line)
}

/// `host:port`, `host`, `:port` or empty.
pub fn target(item: &Item) -> String {
    match (&item.host, item.port) {
        (Some(h), Some(p)) => format!("{h}:{p}"),
        (Some(h), None) => h.clone(),
        (None, Some(p)) => format!(":{p}"),
        (None, None) => String::new(),
    }
}

/// What the item is, in a few words: the client, or the component.
pub fn subject(item: &Item) -> String {
    match (&item.component, &item.client) {
        (Some(c), _) => c.clone(),
        (None, Some(c)) => c.clone(),
        (None, None) => item.kind.replace('_', " "),
    }
}
