//! Environment-style settings (`KEY=value`) with their places, wherever a
//! deployment writes them: `.env` files and shell scripts (`export KEY=v`,
//! `KEY=v cmd`), Dockerfile `ENV`/`ARG` (both forms), `docker run -e`,
//! systemd `Environment=`, and in YAML Compose `environment:` (map or
//! list), Kubernetes `env:` `name`/`value` pairs, ConfigMap `data:`, Helm
//! values and CI `env:` maps (any `key: scalar` entry).
//!
//! Entries carry a scope so that callers can look up sibling keys (the
//! `IMAP_HOST` next to an `IMAP_TLS_VERSION`): one scope per file for env
//! files and scripts, one per YAML mapping or list (a Kubernetes `env:`
//! list is one scope), with the enclosing scope one level up.

use crate::classify::CommentStyle;
use crate::extract::common::shell_words::{self, FileKind, Word};
use crate::extract::common::yaml_lines::{self, ContainerKind, Item, ItemKind};
use crate::source::SourceFile;

/// One setting.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EnvEntry {
    pub key: String,
    /// Byte range of the key as written.
    pub key_start: usize,
    pub key_end: usize,
    pub value: String,
    /// Byte range of the value, quotes excluded.
    pub value_start: usize,
    pub value_end: usize,
    /// Entries with equal scopes are siblings.
    pub scope: usize,
    /// The scope enclosing this one (YAML).
    pub parent_scope: Option<usize>,
    /// YAML: the keys of the mappings the entry sits in, nearest first
    /// (`["environment", "app", "services"]`).
    pub owners: Vec<String>,
}

/// The scope of every entry outside YAML structure (env files, scripts,
/// shell text inside YAML).
pub const FILE_SCOPE: usize = usize::MAX;

/// Every entry of `file`, in file order; commented-out lines skipped.
pub fn entries(file: &SourceFile, comments: CommentStyle) -> Vec<EnvEntry> {
    let mut out = Vec::new();
    if FileKind::of(file.path) == FileKind::Yaml {
        yaml_entries(file, &mut out);
    }
    for command in shell_words::file_commands(file, comments) {
        command_entries(file, &command.words, &mut out);
    }
    // Shell text inside YAML repeats list items such as `- KEY=v`: keep the
    // structured reading.
    out.sort_by_key(|e| (e.value_start, e.scope == FILE_SCOPE));
    out.dedup_by(|later, earlier| later.key_start == earlier.key_start && later.key == earlier.key);
    out
}

fn yaml_entries(file: &SourceFile, out: &mut Vec<EnvEntry>) {
    let doc = yaml_lines::read(file);
    let owners = |container: usize| -> Vec<String> {
        doc.owner_keys(container)
            .into_iter()
            .map(str::to_owned)
            .collect()
    };
    let parent_of = |container: usize| doc.containers.get(container).and_then(|c| c.parent);
    for item in &doc.items {
        let Some(scalar) = item.scalar() else {
            continue;
        };
        match &item.kind {
            ItemKind::Entry { key, start, end } => out.push(EnvEntry {
                key: key.clone(),
                key_start: *start,
                key_end: *end,
                value: scalar.text.clone(),
                value_start: scalar.start,
                value_end: scalar.end,
                scope: item.container,
                parent_scope: parent_of(item.container),
                owners: owners(item.container),
            }),
            ItemKind::Element { .. } => {
                // Compose list form: `- KEY=value`.
                let Some((key, value)) = scalar.text.split_once('=') else {
                    continue;
                };
                if !is_env_name(key) {
                    continue;
                }
                let raw = file.text.get(scalar.start..scalar.end).unwrap_or("");
                let exact = raw == scalar.text;
                let key_end = scalar.start + key.len();
                out.push(EnvEntry {
                    key: key.to_owned(),
                    key_start: scalar.start,
                    key_end: if exact { key_end } else { scalar.end },
                    value: value.to_owned(),
                    value_start: if exact { key_end + 1 } else { scalar.start },
                    value_end: scalar.end,
                    scope: item.container,
                    parent_scope: parent_of(item.container),
                    owners: owners(item.container),
                });
            }
        }
    }
    // Kubernetes `env:` lists: mappings with `name` and `value` in a list.
    let mut members: Vec<Vec<&Item>> = vec![Vec::new(); doc.containers.len()];
    for item in &doc.items {
        if let Some(m) = members.get_mut(item.container) {
            m.push(item);
        }
    }
    for (id, container) in doc.containers.iter().enumerate() {
        let Some(list) = container.parent else {
            continue;
        };
        if container.kind != ContainerKind::Map
            || doc.containers.get(list).map(|c| c.kind) != Some(ContainerKind::Seq)
        {
            continue;
        }
        let find = |k: &str| -> Option<&Item> {
            members
                .get(id)
                .and_then(|m| m.iter().find(|i| i.key() == Some(k)).copied())
        };
        let (Some(name), Some(value)) = (
            find("name").and_then(Item::scalar),
            find("value").and_then(Item::scalar),
        ) else {
            continue;
        };
        if !is_env_name(&name.text) {
            continue;
        }
        out.push(EnvEntry {
            key: name.text.clone(),
            key_start: name.start,
            key_end: name.end,
            value: value.text.clone(),
            value_start: value.start,
            value_end: value.end,
            scope: list,
            parent_scope: parent_of(list),
            owners: owners(list),
        });
    }
}

/// Whether `s` is an environment variable name (`[A-Za-z_][A-Za-z0-9_]*`).
pub fn is_env_name(s: &str) -> bool {
    let mut chars = s.chars();
    chars
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
}

/// The assignments among a command's words (prefix assignments, `export`,
/// `env`, `-e`, Dockerfile `ENV`, systemd `Environment=` values).
fn command_entries(file: &SourceFile, words: &[Word], out: &mut Vec<EnvEntry>) {
    if let [env, key, value] = words {
        if env.text == "ENV" && is_env_name(&key.text) && !value.text.contains('=') {
            out.push(EnvEntry {
                key: key.text.clone(),
                key_start: key.start,
                key_end: key.end,
                value: value.text.clone(),
                value_start: value.start,
                value_end: value.end,
                scope: FILE_SCOPE,
                parent_scope: None,
                owners: Vec::new(),
            });
            return;
        }
    }
    for word in words {
        let Some(mut a) = shell_words::assignment_of(word, file.text) else {
            continue;
        };
        let mut key_start = word.start;
        if file
            .text
            .get(word.start..)
            .is_some_and(|r| r.starts_with(['"', '\'']))
        {
            key_start += 1;
        }
        // systemd: `Environment="A=1"` holds the assignment in its value.
        if a.name == "Environment" {
            let inner = Word {
                text: a.value.text.clone(),
                start: a.value.start,
                end: a.value.end,
                expansions: Vec::new(),
                quoted: a.value.quoted,
            };
            match shell_words::assignment_of(&inner, file.text) {
                Some(b) => {
                    key_start = inner.start;
                    if file
                        .text
                        .get(inner.start..)
                        .is_some_and(|r| r.starts_with(['"', '\'']))
                    {
                        key_start += 1;
                    }
                    a = b;
                }
                None => continue,
            }
        }
        let key_end = (key_start + a.name.len()).min(a.value.start.max(key_start));
        out.push(EnvEntry {
            key: a.name,
            key_start,
            key_end,
            value: a.value.text,
            value_start: a.value.start,
            value_end: a.value.end,
            scope: FILE_SCOPE,
            parent_scope: None,
            owners: Vec::new(),
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entries_of(path: &str, text: &str) -> Vec<(String, String, String)> {
        let f = SourceFile::new(path, text);
        entries(&f, crate::classify::comment_style_for_path(path))
            .into_iter()
            .map(|e| {
                let written = text
                    .get(e.value_start..e.value_end)
                    .unwrap_or("?")
                    .to_owned();
                (e.key, e.value, written)
            })
            .collect()
    }

    fn has(list: &[(String, String, String)], key: &str, value: &str, written: &str) -> bool {
        list.iter()
            .any(|(k, v, w)| k == key && v == value && w == written)
    }

    #[test]
    fn env_files_scripts_dockerfiles_and_units() {
        let e = entries_of(".env", "# A=0\nA=1\nexport B=\"two words\"\nC='x' # c\n");
        assert!(has(&e, "A", "1", "1"));
        assert!(has(&e, "B", "two words", "two words"));
        assert!(has(&e, "C", "x", "x"));
        assert!(!e.iter().any(|x| x.1 == "0"));
        let e = entries_of(
            "Dockerfile",
            "ENV NODE_OPTIONS --tls-min-v1.0\nENV A=1 B=2\nRUN docker run -e C=3 img\n",
        );
        assert!(has(&e, "NODE_OPTIONS", "--tls-min-v1.0", "--tls-min-v1.0"));
        assert!(has(&e, "B", "2", "2"));
        assert!(has(&e, "C", "3", "3"));
        let e = entries_of(
            "a.service",
            "[Service]\nEnvironment=\"NODE_OPTIONS=--tls-min-v1.1\" D=4\n",
        );
        assert!(has(&e, "NODE_OPTIONS", "--tls-min-v1.1", "--tls-min-v1.1"));
        assert!(has(&e, "D", "4", "4"));
    }

    #[test]
    fn compose_and_kubernetes_shapes() {
        let text = "services:\n  app:\n    environment:\n      - IMAP_TLS_VERSION=TLSv1\n      SMTP_HOST: x\n  web:\n    environment:\n      IMAP_HOST: \"h\"\n---\nspec:\n  containers:\n    - name: c\n      env:\n        - name: POP3_SSL_VERSION\n          value: \"TLSv1.1\"\n        - name: POP3_HOST\n          value: pop.example.com\n";
        let f = SourceFile::new("k.yaml", text);
        let all = entries(&f, CommentStyle::Hash);
        let get = |k: &str| {
            all.iter()
                .find(|e| e.key == k)
                .unwrap_or_else(|| panic!("{k}"))
        };
        let v = get("IMAP_TLS_VERSION");
        assert_eq!(
            (v.value.as_str(), &text[v.value_start..v.value_end]),
            ("TLSv1", "TLSv1")
        );
        assert_eq!(v.owners, vec!["environment", "app", "services"]);
        let h = get("IMAP_HOST");
        assert_eq!(&text[h.value_start..h.value_end], "h");
        let p = get("POP3_SSL_VERSION");
        assert_eq!(&text[p.key_start..p.key_end], "POP3_SSL_VERSION");
        assert_eq!(&text[p.value_start..p.value_end], "TLSv1.1");
        assert_eq!(p.scope, get("POP3_HOST").scope);
        assert_eq!(p.owners, vec!["env", "containers", "spec"]);
        assert_eq!(
            all.iter().filter(|e| e.key == "IMAP_TLS_VERSION").count(),
            1
        );
    }

    #[test]
    fn shell_in_yaml_is_read_too() {
        let e = entries_of(
            "ci.yml",
            "steps:\n  - run: |\n      export NODE_OPTIONS=--tls-min-v1.0\n",
        );
        assert!(has(&e, "NODE_OPTIONS", "--tls-min-v1.0", "--tls-min-v1.0"));
    }
}
