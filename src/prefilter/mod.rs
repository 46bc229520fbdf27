//! One multi-pattern pass per file decides which parsers run at all.
//!
//! Most files in a repository mention no mail client and no TLS version;
//! they must cost one Aho-Corasick scan and nothing more. The keywords are
//! those of the format registry plus the endpoint scan's, grouped so that a
//! single pass answers "does the format's extractor need to run?" and "does
//! the endpoint scan need to run?".

use crate::classify::{FORMATS, TEXT_SCANS};
use aho_corasick::{AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, MatchKind};

/// Which extractors a file needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Hits {
    /// The file's format extractor should run.
    pub format: bool,
    /// Bit `i` set: `TEXT_SCANS[i]` should run.
    pub text_scans: u64,
}

impl Hits {
    pub fn text_scan(&self, index: usize) -> bool {
        index < 64 && self.text_scans & (1 << index) != 0
    }
}

/// Who a keyword belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Owner {
    Format(usize),
    TextScan(usize),
    /// One of a text scan's `requires` words.
    Requirement(usize),
}

/// The compiled keyword sets.
pub struct Prefilter {
    automaton: AhoCorasick,
    /// For each pattern, the format or text scan that needs it.
    owner: Vec<Owner>,
    /// All text-scan bits, to stop early once every scan is wanted.
    all_scans: u64,
    /// Bits of the text scans that have no second condition: their
    /// requirement counts as met from the start.
    unconditional: u64,
}

impl Prefilter {
    pub fn new() -> Result<Self, aho_corasick::BuildError> {
        let mut patterns: Vec<&str> = Vec::new();
        let mut owner = Vec::new();
        for (index, format) in FORMATS.iter().enumerate() {
            for keyword in format.keywords {
                patterns.push(keyword);
                owner.push(Owner::Format(index));
            }
        }
        for (index, scan) in TEXT_SCANS.iter().enumerate().take(64) {
            for keyword in scan.keywords {
                patterns.push(keyword);
                owner.push(Owner::TextScan(index));
            }
            for word in scan.requires {
                patterns.push(word);
                owner.push(Owner::Requirement(index));
            }
        }
        let automaton = AhoCorasickBuilder::new()
            .ascii_case_insensitive(true)
            .match_kind(MatchKind::Standard)
            // A full DFA: one table lookup per byte. With over a hundred
            // case-insensitive keywords no literal prefilter applies, and
            // the DFA is several times faster than the default NFA here
            // (measured by benches/throughput.rs); it is built once per run.
            .kind(Some(AhoCorasickKind::DFA))
            .build(&patterns)?;
        let all_scans = (0..TEXT_SCANS.len().min(64)).fold(0u64, |bits, i| bits | (1 << i));
        let unconditional = TEXT_SCANS
            .iter()
            .enumerate()
            .take(64)
            .filter(|(_, scan)| scan.requires.is_empty())
            .fold(0u64, |bits, (i, _)| bits | (1 << i));
        Ok(Prefilter {
            automaton,
            owner,
            all_scans,
            unconditional,
        })
    }

    /// Scans `text` once for the keywords of `format` (an index into
    /// [`FORMATS`], or none) and of every text scan.
    pub fn scan(&self, text: &str, format: Option<usize>) -> Hits {
        let mut hits = Hits {
            // A format with no keywords always runs.
            format: format.is_some_and(|i| FORMATS.get(i).is_some_and(|f| f.keywords.is_empty())),
            text_scans: 0,
        };
        let mut keywords = 0u64;
        let mut requirements = self.unconditional;
        for m in self.automaton.find_overlapping_iter(text) {
            match self.owner.get(m.pattern().as_usize()) {
                Some(Owner::Format(owner)) if Some(*owner) == format => hits.format = true,
                Some(Owner::TextScan(index)) => keywords |= 1 << index,
                Some(Owner::Requirement(index)) => requirements |= 1 << index,
                _ => {}
            }
            if keywords & requirements == self.all_scans && (hits.format || format.is_none()) {
                break;
            }
        }
        hits.text_scans = keywords & requirements;
        hits
    }
}
