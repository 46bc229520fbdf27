//! Decides each file's format from its path (and, where names are shared,
//! its first bytes), using the one table in [`registry`].

pub mod registry;

use globset::{GlobBuilder, GlobSet, GlobSetBuilder};
pub use registry::{CommentFilter, CommentStyle, FormatSpec, TextScanSpec, FORMATS, TEXT_SCANS};

/// The compiled format table: file-name globs matched once per path.
pub struct Classifier {
    set: GlobSet,
    /// For each glob in `set`, the index of its format in [`FORMATS`].
    owner: Vec<usize>,
}

impl Classifier {
    /// Compiles the globs of every format in [`FORMATS`].
    pub fn new() -> Result<Self, globset::Error> {
        let mut builder = GlobSetBuilder::new();
        let mut owner = Vec::new();
        for (index, format) in FORMATS.iter().enumerate() {
            for pattern in format.globs {
                // Patterns match at any depth ("**/" is implied) unless they
                // start with '/', which anchors them at the scan root.
                let pattern = match pattern.strip_prefix('/') {
                    Some(anchored) => anchored.to_owned(),
                    None if pattern.starts_with("**/") => (*pattern).to_owned(),
                    None => format!("**/{pattern}"),
                };
                builder.add(
                    GlobBuilder::new(&pattern)
                        .case_insensitive(true)
                        .literal_separator(true)
                        .build()?,
                );
                owner.push(index);
            }
        }
        Ok(Classifier {
            set: builder.build()?,
            owner,
        })
    }

    /// The formats whose globs match `path` (relative, `/`-separated), in
    /// registry order. More than one means the content must decide.
    pub fn candidates(&self, path: &str) -> Vec<&'static FormatSpec> {
        let mut hits: Vec<usize> = self
            .set
            .matches(path)
            .into_iter()
            .filter_map(|glob| self.owner.get(glob).copied())
            .collect();
        hits.sort_unstable();
        hits.dedup();
        hits.into_iter().filter_map(|i| FORMATS.get(i)).collect()
    }

    /// The format of a file: the first candidate whose content sniffer (if
    /// it has one) accepts the text.
    pub fn classify(&self, path: &str, text: &str) -> Option<&'static FormatSpec> {
        self.candidates(path)
            .into_iter()
            .find(|format| format.sniff.is_none_or(|sniff| sniff(text)))
    }
}

/// Comment style for files no format claims, guessed from the extension, so
/// that the endpoint scan can skip commented-out host names in scripts and
/// configs it has no parser for.
pub fn comment_style_for_path(path: &str) -> CommentStyle {
    let name = path.rsplit('/').next().unwrap_or(path).to_ascii_lowercase();
    let ext = name.rsplit_once('.').map_or("", |(_, e)| e);
    match ext {
        "c" | "h" | "cc" | "cpp" | "hpp" | "cs" | "java" | "kt" | "kts" | "go" | "js" | "mjs"
        | "cjs" | "ts" | "tsx" | "jsx" | "rs" | "swift" | "scala" | "groovy" | "gradle"
        | "dart" | "json5" | "jsonc" => CommentStyle::Slash,
        "php" => CommentStyle::SlashOrHash,
        "ini" | "reg" | "inf" => CommentStyle::Semicolon,
        "bat" | "cmd" => CommentStyle::Rem,
        "sql" | "lua" => CommentStyle::DoubleDash,
        "vb" | "vbs" | "bas" => CommentStyle::Apostrophe,
        "xml" | "config" | "csproj" | "plist" | "xaml" | "svg" => CommentStyle::Xml,
        "json" | "csv" | "tsv" => CommentStyle::None,
        _ => CommentStyle::Hash,
    }
}

/// Whether a path is documentation (prose), where a host name or setting
/// is talked about rather than configured. The endpoint scan skips these.
/// SARIF logs count too: they are reports (tlsfloor's own, or a
/// `--baseline`) that quote the settings they found.
pub fn is_prose(path: &str) -> bool {
    let name = path.rsplit('/').next().unwrap_or(path).to_ascii_lowercase();
    let ext = name.rsplit_once('.').map_or("", |(_, e)| e);
    matches!(
        ext,
        "md" | "markdown"
            | "rst"
            | "adoc"
            | "asciidoc"
            | "txt"
            | "html"
            | "htm"
            | "tex"
            | "org"
            | "rtf"
            | "pod"
            | "man"
            | "sarif"
    ) || name == "changelog"
        || name == "news"
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn globs_match_at_any_depth() {
        let c = Classifier::new().unwrap_or_else(|e| panic!("{e}"));
        let ids = |p: &str| c.candidates(p).iter().map(|f| f.id).collect::<Vec<_>>();
        assert_eq!(ids("home/jane/.mbsyncrc"), vec!["mbsync"]);
        assert_eq!(ids(".mbsyncrc"), vec!["mbsync"]);
        assert_eq!(ids("dotfiles/.mutt/muttrc"), vec!["mutt"]);
        assert_eq!(ids("srv/etc/postfix/main.cf"), vec!["postfix"]);
        assert_eq!(ids("dotfiles/mbsyncrc-gmail-backup"), vec!["mbsync"]);
        assert_eq!(ids("src/lib.rs"), vec!["rust"]);
        assert!(ids("src/Lib.hs").is_empty());
    }
}
