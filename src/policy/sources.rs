//! Where policy text and data come from: the built-in `policies/` folder
//! embedded at build time, plus any `--policy DIR` folders.

use std::path::{Path, PathBuf};

include!(concat!(env!("OUT_DIR"), "/embedded_policies.rs"));

/// One policy or data file.
#[derive(Debug, Clone)]
pub struct PolicyFile {
    /// Shown in messages: `builtin:rules/tls001.rego` or the user's path.
    pub label: String,
    pub text: String,
    pub kind: FileKind,
    pub builtin: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    Rego,
    RegoTest,
    Json,
    Yaml,
}

fn kind_of(name: &str) -> Option<FileKind> {
    if name.ends_with("_test.rego") {
        Some(FileKind::RegoTest)
    } else if name.ends_with(".rego") {
        Some(FileKind::Rego)
    } else if name.ends_with(".json") {
        Some(FileKind::Json)
    } else if name.ends_with(".yaml") || name.ends_with(".yml") {
        Some(FileKind::Yaml)
    } else {
        None
    }
}

/// The built-in policies, tests and data.
pub fn builtin() -> Vec<PolicyFile> {
    EMBEDDED_POLICIES
        .iter()
        .filter_map(|(path, text)| {
            Some(PolicyFile {
                label: format!("builtin:{path}"),
                text: (*text).to_owned(),
                kind: kind_of(path)?,
                builtin: true,
            })
        })
        .collect()
}

/// Error reading a user policy folder.
#[derive(Debug)]
pub struct LoadError {
    pub path: PathBuf,
    pub message: String,
}

/// Every policy, test and data file below `dir`, sorted by path.
pub fn from_dir(dir: &Path) -> Result<Vec<PolicyFile>, LoadError> {
    let meta = std::fs::metadata(dir).map_err(|e| LoadError {
        path: dir.to_owned(),
        message: e.to_string(),
    })?;
    if !meta.is_dir() {
        return Err(LoadError {
            path: dir.to_owned(),
            message: "not a directory".to_owned(),
        });
    }
    let mut paths = Vec::new();
    for entry in walkdir::WalkDir::new(dir)
        .follow_links(false)
        .sort_by_file_name()
    {
        let entry = entry.map_err(|e| LoadError {
            path: e.path().map_or_else(|| dir.to_owned(), Path::to_owned),
            message: e.to_string(),
        })?;
        if entry.file_type().is_file() {
            paths.push(entry.into_path());
        }
    }
    let mut files = Vec::new();
    for path in paths {
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
        let Some(kind) = kind_of(name) else { continue };
        let text = std::fs::read_to_string(&path).map_err(|e| LoadError {
            path: path.clone(),
            message: e.to_string(),
        })?;
        files.push(PolicyFile {
            label: path.display().to_string(),
            text,
            kind,
            builtin: false,
        });
    }
    Ok(files)
}

/// Merges `overlay` into `base`: objects merge key by key, anything else in
/// `overlay` replaces what `base` had. This is how a user's data file
/// overrides one threshold of the built-in data without copying the rest.
pub fn merge_json(base: &mut serde_json::Value, overlay: serde_json::Value) {
    match (base, overlay) {
        (serde_json::Value::Object(b), serde_json::Value::Object(o)) => {
            for (k, v) in o {
                match b.get_mut(&k) {
                    Some(existing) => merge_json(existing, v),
                    None => {
                        b.insert(k, v);
                    }
                }
            }
        }
        (b, o) => *b = o,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn overlay_replaces_leaves_and_keeps_the_rest() {
        let mut base = json!({"a": {"x": 1, "y": [1, 2]}, "b": 2});
        merge_json(&mut base, json!({"a": {"y": [3]}, "c": 4}));
        assert_eq!(base, json!({"a": {"x": 1, "y": [3]}, "b": 2, "c": 4}));
    }

    #[test]
    fn builtin_policies_are_embedded() {
        let files = builtin();
        assert!(files.iter().any(|f| f.kind == FileKind::Rego));
        assert!(files.iter().any(|f| f.kind == FileKind::RegoTest));
        assert!(files.iter().any(|f| f.kind == FileKind::Json));
    }
}
