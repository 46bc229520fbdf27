//! `partialFingerprints.primaryLocationLineHash`, computed exactly as GitHub does it.
//!
//! When a SARIF file is uploaded with `github/codeql-action/upload-sarif`, the action fills in
//! `primaryLocationLineHash` for every result that lacks one (and only warns, without
//! overwriting, when an existing value differs from what it computes). GitHub code scanning
//! uses that value to track an alert across commits. If we emit the very same value
//! ourselves, alerts stay stable whether or not the upload goes through that action, and the
//! action never complains about inconsistent fingerprints.
//!
//! This is a faithful port of `hash()` in `src/fingerprints.ts` of the `github/codeql-action`
//! repository. Its observable behaviour, which this module reproduces bit for bit:
//!
//! * The file is decoded as UTF-8 (Node's `fs.createReadStream(path, "utf8")`) and processed
//!   one UTF-16 code unit at a time (`String.charCodeAt`). Characters outside the BMP therefore
//!   count as two units (a surrogate pair), each maximal invalid UTF-8 subsequence becomes one
//!   U+FFFD, and a byte order mark is kept as an ordinary U+FEFF character.
//! * Spaces and tabs are skipped entirely; they never enter the hash. `\r\n` and a lone `\r`
//!   both become `\n`.
//! * A rolling polynomial hash with multiplier 37 over the last 100 code units, in wrapping
//!   64-bit arithmetic (the `long` npm package). The window starts out filled with zeros.
//! * The hash of a line is the hash of the 100 units starting at the line's first non-blank
//!   unit (the unit that ends a blank line is its `\n`), so it depends only on what *follows*
//!   the line start, never on what precedes it.
//! * At end of file the unit `0xFFFF` is appended, then 100 zero units so that the last lines
//!   still have a full window. Because the EOF marker opens a line of its own when the input is
//!   empty or ends with a line break, such files get one more line than they have line breaks
//!   (`"a\n"` has the lines 1 = `a` and 2 = empty), matching JavaScript's
//!   `split(/\r\n|\r|\n/)`.
//! * The hash is printed as unsigned lowercase hexadecimal *without* leading zeros, followed by
//!   `:<n>`, where `n` counts how often that same hash value has occurred so far in the file,
//!   from line 1 down (so identical lines get `:1`, `:2`, ...).

use std::collections::HashMap;
use std::fmt::Write as _;

/// Number of UTF-16 code units covered by the rolling hash (`BLOCK_SIZE`).
const BLOCK_SIZE: usize = 100;
/// Multiplier of the polynomial hash (`MOD`).
const MOD: u64 = 37;
/// Unit fed after the last input unit (`EOF = 65535` in the TypeScript source). The doc comment
/// there says "-1", but the code uses 65535, and the code is what produced the golden values.
const EOF: u16 = 0xFFFF;
/// Unit substituted for invalid UTF-8, as Node's decoder does.
const REPLACEMENT: u16 = 0xFFFD;
const TAB: u16 = b'\t' as u16;
const SPACE: u16 = b' ' as u16;
const LF: u16 = b'\n' as u16;
const CR: u16 = b'\r' as u16;
/// Sentinel for "no line starts at this window slot" (the TS uses -1; our lines start at 1).
const NO_LINE: usize = 0;

/// `MOD^BLOCK_SIZE` with wrapping arithmetic (`computeFirstMod`): the weight of the unit that
/// leaves the window.
const FIRST_MOD: u64 = {
    let mut m: u64 = 1;
    let mut i = 0;
    while i < BLOCK_SIZE {
        m = m.wrapping_mul(MOD);
        i += 1;
    }
    m
};

/// Per-line fingerprints of one file, as GitHub's upload-sarif computes them.
///
/// All values live in one string buffer with an end offset per line, so computing them costs
/// two growing allocations for the whole file instead of one allocation per line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LineHashes {
    /// Concatenation of all `"<hex>:<n>"` values, line 1 first.
    text: String,
    /// `ends[i]` is the end offset in `text` of the value of line `i + 1`.
    ends: Vec<usize>,
}

impl LineHashes {
    /// Computes the hash of every line of `content` (raw bytes of the file).
    ///
    /// Runs in time linear in `content.len()`, never panics, and accepts any bytes: invalid
    /// UTF-8 is replaced the way Node.js replaces it, since that is what upload-sarif sees.
    pub fn compute(content: &[u8]) -> LineHashes {
        let mut hasher = Hasher::new(content);
        for chunk in content.utf8_chunks() {
            for c in chunk.valid().chars() {
                let mut units = [0u16; 2];
                for &unit in c.encode_utf16(&mut units).iter() {
                    hasher.process(unit);
                }
            }
            // `utf8_chunks` splits invalid input into maximal invalid subparts, one per chunk,
            // exactly like the WHATWG decoder used by Node: one U+FFFD each.
            if !chunk.invalid().is_empty() {
                hasher.process(REPLACEMENT);
            }
        }
        hasher.finish()
    }

    /// The `primaryLocationLineHash` value ("<hex>:<n>") for 1-based `line`, or None past the end.
    ///
    /// Line numbers follow upload-sarif: `\n`, `\r\n` and `\r` all end a line, and a file that
    /// is empty or ends with a line break has one extra (empty) last line, which has a value
    /// too. Line 0 yields `None`.
    pub fn get(&self, line: usize) -> Option<&str> {
        let last = line.checked_sub(1)?;
        let end = *self.ends.get(last)?;
        let start = match last.checked_sub(1) {
            Some(prev) => *self.ends.get(prev)?,
            None => 0,
        };
        self.text.get(start..end)
    }
}

/// State of the rolling hash; mirrors the closure variables of `hash()` in the TS source.
struct Hasher {
    /// The last `BLOCK_SIZE` units fed to the hash, as a ring buffer.
    window: [u16; BLOCK_SIZE],
    /// For each window slot, the line that starts at that unit, or `NO_LINE`.
    line_numbers: [usize; BLOCK_SIZE],
    /// Current hash; the TS keeps a signed `Long`, whose bits are the same.
    hash: u64,
    /// Ring-buffer position of the oldest unit, i.e. the slot the next unit overwrites.
    index: usize,
    /// Number of lines started so far.
    line_number: usize,
    /// Whether the next unit processed starts a new line.
    line_start: bool,
    /// Whether the previous unit was a `\r`. Skipped spaces and tabs reset it too.
    prev_cr: bool,
    /// How often each hash value has been emitted, for the `:<n>` suffix.
    counts: HashMap<u64, u32>,
    out: LineHashes,
}

impl Hasher {
    fn new(content: &[u8]) -> Hasher {
        // Reserve once for the whole output: one value per `\n` plus the final line, at most
        // 16 hex digits + ':' + a short counter each. Lone `\r` files merely regrow.
        let lines = content
            .iter()
            .filter(|&&b| b == b'\n')
            .count()
            .saturating_add(1);
        Hasher {
            window: [0; BLOCK_SIZE],
            line_numbers: [NO_LINE; BLOCK_SIZE],
            hash: 0,
            index: 0,
            line_number: 0,
            line_start: true,
            prev_cr: false,
            counts: HashMap::new(),
            out: LineHashes {
                text: String::with_capacity(lines.saturating_mul(20)),
                ends: Vec::with_capacity(lines),
            },
        }
    }

    /// `processCharacter`.
    fn process(&mut self, unit: u16) {
        // Skip tabs, spaces, and a line feed that directly follows a carriage return. Note that
        // the TS resets `prevCR` here as well, so in "\r \n" the "\n" is a second line break.
        if unit == SPACE || unit == TAB || (self.prev_cr && unit == LF) {
            self.prev_cr = false;
            return;
        }
        let unit = if unit == CR {
            self.prev_cr = true;
            LF
        } else {
            self.prev_cr = false;
            unit
        };
        if self.line_numbers[self.index] != NO_LINE {
            self.output_hash();
        }
        if self.line_start {
            self.line_start = false;
            self.line_number += 1;
            self.line_numbers[self.index] = self.line_number;
        }
        if unit == LF {
            self.line_start = true;
        }
        self.update_hash(unit);
    }

    /// `outputHash`: called when the unit that started a line is about to leave the window,
    /// i.e. when the hash covers exactly the 100 units beginning at that line.
    fn output_hash(&mut self) {
        let count = self.counts.entry(self.hash).or_insert(0);
        *count += 1;
        // `Long.toUnsigned().toString(16)`: lowercase, no leading zeros ("0" for zero).
        // Writing to a String cannot fail.
        let _ = write!(self.out.text, "{:x}:{}", self.hash, count);
        // Lines leave the window in the order they entered it, so the line emitted here is
        // always `self.out.ends.len() + 1`; appending keeps `get` correct.
        self.out.ends.push(self.out.text.len());
        self.line_numbers[self.index] = NO_LINE;
    }

    /// `updateHash`: shift `unit` into the window and the oldest unit out of it.
    fn update_hash(&mut self, unit: u16) {
        let begin = self.window[self.index];
        self.window[self.index] = unit;
        self.hash = MOD
            .wrapping_mul(self.hash)
            .wrapping_add(u64::from(unit))
            .wrapping_sub(FIRST_MOD.wrapping_mul(u64::from(begin)));
        self.index = (self.index + 1) % BLOCK_SIZE;
    }

    /// End of input: feed the EOF marker, then flush the lines still in the window.
    fn finish(mut self) -> LineHashes {
        self.process(EOF);
        for _ in 0..BLOCK_SIZE {
            if self.line_numbers[self.index] != NO_LINE {
                self.output_hash();
            }
            self.update_hash(0);
        }
        self.out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// All values of a file, line 1 first.
    fn all(content: &[u8]) -> Vec<String> {
        let hashes = LineHashes::compute(content);
        let mut out = Vec::new();
        let mut line = 1;
        while let Some(h) = hashes.get(line) {
            out.push(h.to_owned());
            line += 1;
        }
        out
    }

    fn check(content: &str, expected: &[&str]) {
        assert_eq!(all(content.as_bytes()), expected, "input {content:?}");
    }

    // Golden vectors from github/codeql-action, src/fingerprints.test.ts, test "hash".

    #[test]
    fn upstream_empty_file() {
        check("", &["c129715d7a2bc9a3:1"]);
    }

    #[test]
    fn upstream_newline_combinations() {
        check(
            " a\nb\n  \t\tc\n d",
            &[
                "271789c17abda88f:1",
                "54703d4cd895b18:1",
                "180aee12dab6264:1",
                "a23a3dc5e078b07b:1",
            ],
        );
        check(
            " hello; \t\nworld!!!\n\n\n  \t\tGreetings\n End",
            &[
                "8b7cf3e952e7aeb2:1",
                "b1ae1287ec4718d9:1",
                "bff680108adb0fcc:1",
                "c6805c5e1288b612:1",
                "b86d3392aea1be30:1",
                "e6ceba753e1a442:1",
            ],
        );
        let terminated = [
            "e9496ae3ebfced30:1",
            "fb7c023a8b9ccb3f:1",
            "ce8ba1a563dcdaca:1",
            "e20e36e16fcb0cc8:1",
            "b3edc88f2938467e:1",
            "c8e28b0b4002a3a0:1",
            "c129715d7a2bc9a3:1",
        ];
        check(
            " hello; \t\nworld!!!\n\n\n  \t\tGreetings\n End\n",
            &terminated,
        );
        check(
            " hello; \t\nworld!!!\r\r\r  \t\tGreetings\r End\r",
            &terminated,
        );
        check(
            " hello; \t\r\nworld!!!\r\n\r\n\r\n  \t\tGreetings\r\n End\r\n",
            &terminated,
        );
        check(
            " hello; \t\nworld!!!\r\n\n\r  \t\tGreetings\r End\r\n",
            &terminated,
        );
    }

    #[test]
    fn upstream_repeated_lines() {
        check(
            &"Lorem ipsum dolor sit amet.\n".repeat(10),
            &[
                "a7f2ff13bc495cf2:1",
                "a7f2ff13bc495cf2:2",
                "a7f2ff13bc495cf2:3",
                "a7f2ff13bc495cf2:4",
                "a7f2ff13bc495cf2:5",
                "a7f2ff13bc495cf2:6",
                "a7f2ff1481e87703:1",
                "a9cf91f7bbf1862b:1",
                "55ec222b86bcae53:1",
                "cc97dc7b1d7d8f7b:1",
                "c129715d7a2bc9a3:1",
            ],
        );
    }

    #[test]
    fn upstream_short_lines() {
        check(
            "x = 2\nx = 1\nprint(x)\nx = 3\nprint(x)\nx = 4\nprint(x)\n",
            &[
                "e54938cc54b302f1:1",
                "bb609acbe9138d60:1",
                "1131fd5871777f34:1",
                "5c482a0f8b35ea28:1",
                "54517377da7028d2:1",
                "2c644846cb18d53e:1",
                "f1b89f20de0d133:1",
                "c129715d7a2bc9a3:1",
            ],
        );
    }

    // Golden vectors from github/codeql-action, test "addFingerprints":
    // src/testdata/fingerprinting.input.sarif -> fingerprinting.expected.sarif, which hash
    // src/testdata/testFile1.js line 1 and src/testdata/testFile2.js line 2.

    const TEST_FILE_1_JS: &str = "var a = 0;\nvar b = 0;\nvar c = 0;\nvar d = 0;\n";
    const TEST_FILE_2_JS: &str = "var foo = 0;\nvar bar = 0;\nvar baz = 0;\nvar qux = 0;\n";

    #[test]
    fn upstream_sarif_golden_files() {
        let h1 = LineHashes::compute(TEST_FILE_1_JS.as_bytes());
        assert_eq!(h1.get(1), Some("5e4d5a9cf1294ad9:1"));
        let h2 = LineHashes::compute(TEST_FILE_2_JS.as_bytes());
        assert_eq!(h2.get(2), Some("f7592a95a9381ac0:1"));
    }

    // Vectors produced by running upstream's compiled `lib/fingerprints.js` (commit 44e03577b2b3) (with the `long`
    // 5.2.3 package it shipped) under Node.js 20 on these exact bytes. They pin down what the
    // upstream tests leave open: non-ASCII text, surrogate pairs, invalid UTF-8, BOM, long lines.

    #[test]
    fn node_non_ascii_and_astral() {
        // "é" is one UTF-16 unit, "😀" (U+1F600) is a surrogate pair: two units.
        check(
            "caf\u{e9}\n\u{1f600} x\n",
            &[
                "8c7de459028993ff:1",
                "6061da4448575c5e:1",
                "c129715d7a2bc9a3:1",
            ],
        );
    }

    #[test]
    fn node_invalid_utf8() {
        // 0xFF, a truncated 3-byte sequence, a lone continuation byte, and a truncated
        // sequence at end of file: each is one U+FFFD, as in Node's decoder.
        assert_eq!(
            all(b"a\xffb\n\xe2\x82c\n\x80\n\xf0\x9f"),
            [
                "2c555ab4af71b28b:1",
                "857329639e80df55:1",
                "8e82b41228c03af3:1",
                "8989dec65f08d110:1",
            ]
        );
    }

    #[test]
    fn node_bom_is_hashed() {
        check(
            "\u{feff}int x;\n",
            &["1eba37772d944d4a:1", "c129715d7a2bc9a3:1"],
        );
    }

    #[test]
    fn node_long_lines() {
        let long_line = "abcdefghij".repeat(15);
        let content = format!("{long_line}\n{long_line}\nshort\n");
        check(
            &content,
            &[
                "ecadcc87c9ab6b36:1",
                "ecadcc87c9ab6b36:2",
                "8bf8ff854171d875:1",
                "c129715d7a2bc9a3:1",
            ],
        );
    }

    // Properties of the algorithm.

    #[test]
    fn hash_does_not_depend_on_preceding_lines() {
        // A line's value is a function of the 100 non-blank units starting at that line,
        // plus the count of equal values above it; inserting distinct lines above keeps it.
        let body = "fn main() {\n    let tls = \"1.0\";\n}\n";
        let before = LineHashes::compute(body.as_bytes());
        let shifted = format!("// header one\n// header two\n{body}");
        let after = LineHashes::compute(shifted.as_bytes());
        for line in 1..=4 {
            assert_eq!(before.get(line), after.get(line + 2), "line {line}");
        }
    }

    #[test]
    fn hash_depends_only_on_the_next_100_units() {
        // Line 1 has 40 non-blank units ("x" * 39 + "\n"), line 2 has 61, so the window of
        // line 1 ends exactly at the end of line 2 and edits below it do not matter...
        let head = format!("{}\n{}\n", "x".repeat(39), "y".repeat(60));
        let a = LineHashes::compute(format!("{head}tail one\n").as_bytes());
        let b = LineHashes::compute(format!("{head}other tail\n").as_bytes());
        assert_eq!(a.get(1), b.get(1));
        assert_ne!(a.get(2), b.get(2));
        // ...while an edit inside the window does, and blanks never do.
        let c =
            LineHashes::compute(format!("{}\n{}z\n", "x".repeat(39), "y".repeat(59)).as_bytes());
        assert_ne!(a.get(1), c.get(1));
        let d = LineHashes::compute(
            format!(" \t{}\n {} \ntail one\n", "x".repeat(39), "y".repeat(60)).as_bytes(),
        );
        assert_eq!(a.get(1), d.get(1));
        assert_eq!(a.get(2), d.get(2));
    }

    #[test]
    fn node_blank_between_cr_and_lf() {
        // A skipped space still resets the "previous was CR" flag, so "\r \n" is two breaks.
        check(
            "a\r \nb",
            &[
                "67c066a59e652f5e:1",
                "cc4c43d77869440f:1",
                "8ee5a81e681643c1:1",
            ],
        );
    }

    #[test]
    fn crlf_cr_and_lf_agree() {
        let lf = "a = 1\n\nb = 2\n  c\n";
        let expected = all(lf.as_bytes());
        assert_eq!(all(lf.replace('\n', "\r\n").as_bytes()), expected);
        assert_eq!(all(lf.replace('\n', "\r").as_bytes()), expected);
    }

    #[test]
    fn empty_and_unterminated_files() {
        let empty = LineHashes::compute(b"");
        assert_eq!(empty.get(0), None);
        assert_eq!(empty.get(1), Some("c129715d7a2bc9a3:1"));
        assert_eq!(empty.get(2), None);

        // Without a trailing newline there is no extra line; with one there is.
        let unterminated = LineHashes::compute(b"a\nb");
        assert!(unterminated.get(2).is_some());
        assert_eq!(unterminated.get(3), None);
        let terminated = LineHashes::compute(b"a\nb\n");
        assert_eq!(terminated.get(3), Some("c129715d7a2bc9a3:1"));
        assert_eq!(terminated.get(4), None);
        // Line 1's window reaches past "b", so even line 1 sees the difference.
        assert_ne!(unterminated.get(1), terminated.get(1));
        assert_ne!(unterminated.get(2), terminated.get(2));
    }

    #[test]
    fn line_count_matches_js_split() {
        for input in [
            "",
            "a",
            "a\n",
            "a\r\nb\rc\n\n",
            "\r\n\r\n",
            "  \t",
            " \n\t\n",
        ] {
            let expected = input
                .split("\r\n")
                .flat_map(|s| s.split(['\r', '\n']))
                .count();
            let hashes = LineHashes::compute(input.as_bytes());
            assert!(hashes.get(expected).is_some(), "{input:?}");
            assert_eq!(hashes.get(expected + 1), None, "{input:?}");
        }
    }

    #[test]
    fn arbitrary_bytes_do_not_panic() {
        let mut state: u32 = 0x1234_5678;
        let mut bytes = Vec::new();
        for len in [0usize, 1, 2, 3, 99, 100, 101, 1000, 5000] {
            bytes.clear();
            for _ in 0..len {
                state = state.wrapping_mul(1_103_515_245).wrapping_add(12_345);
                bytes.push((state >> 16) as u8);
            }
            let hashes = LineHashes::compute(&bytes);
            assert!(hashes.get(1).is_some());
        }
    }
}
