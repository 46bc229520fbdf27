//! `--shard K/N`: a deterministic partition of the walked files, so that a CI
//! matrix can split one large tree into N jobs and merge their results.
//!
//! A file belongs to shard `K` when the SHA-256 of its path relative to its
//! scan root, read as a number, is `K - 1` modulo `N`. The key is the path
//! alone: neither the order in which the walk finds files, nor the thread
//! count, nor the machine changes which shard a file lands in, and every
//! file lands in exactly one shard.

use sha2::{Digest, Sha256};
use std::fmt;
use std::path::{Path, PathBuf};
use std::str::FromStr;

/// One part of an N-way partition; `index` is 1-based.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shard {
    pub index: u32,
    pub count: u32,
}

impl FromStr for Shard {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let (k, n) = s
            .split_once('/')
            .ok_or_else(|| format!("expected K/N (e.g. 2/8), got {s:?}"))?;
        let index: u32 = k
            .trim()
            .parse()
            .map_err(|_| format!("shard index {k:?} is not a number"))?;
        let count: u32 = n
            .trim()
            .parse()
            .map_err(|_| format!("shard count {n:?} is not a number"))?;
        if count == 0 || index == 0 || index > count {
            return Err(format!("shard {s} is out of range: need 1 <= K <= N"));
        }
        Ok(Shard { index, count })
    }
}

impl fmt::Display for Shard {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}", self.index, self.count)
    }
}

impl Shard {
    /// Whether the file whose root-relative path is `key` belongs here.
    pub fn contains_key(&self, key: &str) -> bool {
        let digest = Sha256::digest(key.as_bytes());
        let mut head = [0u8; 8];
        head.copy_from_slice(&digest[..8]);
        u64::from_be_bytes(head) % u64::from(self.count) == u64::from(self.index - 1)
    }

    /// Whether `path`, found under one of `roots`, belongs here. The key is
    /// the path relative to the longest root that holds it (`/`-separated),
    /// so `scan .` and `scan "$PWD"` partition alike; a root that is itself
    /// a file is keyed by its file name.
    pub fn contains(&self, roots: &[PathBuf], path: &Path) -> bool {
        self.contains_key(&shard_key(roots, path))
    }
}

/// The partition key of `path`: its path relative to the scan root that
/// holds it, with `/` separators.
pub fn shard_key(roots: &[PathBuf], path: &Path) -> String {
    let relative = roots
        .iter()
        .filter_map(|root| path.strip_prefix(root).ok())
        .filter(|rel| !rel.as_os_str().is_empty())
        .min_by_key(|rel| rel.components().count());
    let key = match relative {
        Some(rel) => rel.to_path_buf(),
        None => path
            .file_name()
            .map_or_else(|| path.to_path_buf(), PathBuf::from),
    };
    crate::walk::display_path(&key)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_rejects() {
        assert_eq!("2/8".parse(), Ok(Shard { index: 2, count: 8 }));
        assert!("0/8".parse::<Shard>().is_err());
        assert!("9/8".parse::<Shard>().is_err());
        assert!("1/0".parse::<Shard>().is_err());
        assert!("x".parse::<Shard>().is_err());
        assert_eq!(Shard { index: 3, count: 4 }.to_string(), "3/4");
    }

    #[test]
    fn every_key_lands_in_exactly_one_shard() {
        let shards: Vec<Shard> = (1..=5).map(|k| Shard { index: k, count: 5 }).collect();
        let mut sizes = [0usize; 5];
        for i in 0..500 {
            let key = format!("dir{}/file{i}.conf", i % 7);
            let hits: Vec<usize> = (0..5).filter(|&s| shards[s].contains_key(&key)).collect();
            assert_eq!(hits.len(), 1, "{key}");
            sizes[hits[0]] += 1;
        }
        // A hash partition is roughly even; an off-by-one in the modulus is not.
        assert!(sizes.iter().all(|&n| n > 60), "{sizes:?}");
    }

    #[test]
    fn key_is_relative_to_the_root_whatever_its_spelling() {
        let rel = shard_key(
            &[PathBuf::from("samples")],
            Path::new("samples/mutt/muttrc"),
        );
        let abs = shard_key(
            &[PathBuf::from("/srv/repo/samples")],
            Path::new("/srv/repo/samples/mutt/muttrc"),
        );
        assert_eq!(rel, "mutt/muttrc");
        assert_eq!(rel, abs);
        assert_eq!(
            shard_key(&[PathBuf::from("a/b.conf")], Path::new("a/b.conf")),
            "b.conf"
        );
    }
}
