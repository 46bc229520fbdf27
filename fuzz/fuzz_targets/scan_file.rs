//! The whole single-file scan (decode, classify, extract, built-in policies)
//! on one in-memory file (see `tlsfloor::fuzz_support`).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| tlsfloor::fuzz_support::scan_input(data));
