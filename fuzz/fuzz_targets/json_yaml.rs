//! The json yaml extractor family on one input (see `tlsfloor::fuzz_support`).
#![no_main]

use libfuzzer_sys::fuzz_target;
use tlsfloor::fuzz_support::{run_family, Family};

fuzz_target!(|data: &[u8]| run_family(Family::JsonYaml, data));
