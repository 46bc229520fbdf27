//! One multi-pattern pass per file decides which parsers run at all.
//!
//! Most files in a repository mention no mail client and no TLS version;
//! they must cost one Aho-Corasick scan and nothing more. The keywords are
//! those of the format registry plus the endpoint scan's, grouped so that a
//! single pass answers "does the format's extractor need to run?" and "does
//! the endpoint scan need to run?".

use crate::classify::FORMATS;
use crate::extract::endpoints;
use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};

/// Which extractors a file needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Hits {
    /// The file's format extractor should run.
    pub format: bool,
    /// The endpoint scan should run.
    pub endpoints: bool,
}

/// The compiled keyword sets.
pub struct Prefilter {
    automaton: AhoCorasick,
    /// For each pattern: `Some(format index)` or `None` for the endpoint scan.
    owner: Vec<Option<usize>>,
}

impl Prefilter {
    pub fn new() -> Result<Self, aho_corasick::BuildError> {
        let mut patterns: Vec<&str> = Vec::new();
        let mut owner = Vec::new();
        for (index, format) in FORMATS.iter().enumerate() {
            for keyword in format.keywords {
                patterns.push(keyword);
                owner.push(Some(index));
            }
        }
        for keyword in endpoints::KEYWORDS {
            patterns.push(keyword);
            owner.push(None);
        }
        let automaton = AhoCorasickBuilder::new()
            .ascii_case_insensitive(true)
            .match_kind(MatchKind::Standard)
            .build(&patterns)?;
        Ok(Prefilter { automaton, owner })
    }

    /// Scans `text` once for the keywords of `format` (an index into
    /// [`FORMATS`], or none) and of the endpoint scan.
    pub fn scan(&self, text: &str, format: Option<usize>) -> Hits {
        let mut hits = Hits {
            // A format with no keywords always runs.
            format: format.is_some_and(|i| FORMATS.get(i).is_some_and(|f| f.keywords.is_empty())),
            endpoints: false,
        };
        for m in self.automaton.find_overlapping_iter(text) {
            match self.owner.get(m.pattern().as_usize()).copied().flatten() {
                Some(owner) if Some(owner) == format => hits.format = true,
                Some(_) => {}
                None => hits.endpoints = true,
            }
            if hits.endpoints && (hits.format || format.is_none()) {
                break;
            }
        }
        hits
    }
}
