//! `tlsfloor merge`: many evidence bundles (shards of one tree, or many
//! repositories) into one bundle, and many SARIF logs into one. Inventory
//! items are united by id, SARIF results by rule, place and fingerprint;
//! each source's provenance (repository, shard, roots, git commits, policy
//! hash) is kept in the merged manifest.

use super::inventory::Inventory;
use super::manifest::{Manifest, Tool};
use super::{sarif, Bundle};
use serde_json::Value;

/// One bundle from many.
pub fn bundles(inputs: Vec<Bundle>, version: &str) -> Result<Bundle, String> {
    let logs: Vec<Value> = inputs.iter().map(|b| b.sarif.clone()).collect();
    let merged_sarif = sarif::merge(&logs)?;
    let mut items = Vec::new();
    let mut sources = Vec::new();
    let mut scanned = Vec::new();
    for b in inputs {
        items.extend(b.inventory.items);
        sources.extend(b.manifest.sources);
        scanned.extend(b.manifest.scanned_files);
    }
    let inventory = Inventory::new(items);
    let manifest = Manifest::new(
        Tool {
            name: "tlsfloor".to_owned(),
            version: version.to_owned(),
        },
        sources,
        scanned,
        super::fail_results(&merged_sarif),
        inventory.counts.clone(),
    );
    Ok(Bundle {
        inventory,
        sarif: merged_sarif,
        manifest,
    })
}

/// One SARIF log from many files.
pub fn sarif_files(logs: &[Value]) -> Result<Value, String> {
    sarif::merge(logs)
}
