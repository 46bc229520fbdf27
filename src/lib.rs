//! tlsfloor: finds mail clients, scripts, applications and devices that
//! cannot do TLS 1.2, from their files, and judges them with Rego policies.
//!
//! The pipeline, in data-flow order (see `DESIGN.md` in the docs):
//! [`walk`] → [`classify`] → [`prefilter`] → [`extract`] → [`facts`] →
//! [`policy`] → [`report`]; [`scan`] wires the stages, [`cli`] the options.

pub mod baseline;
pub mod classify;
pub mod cli;
pub mod config;
pub mod evidence;
pub mod explain;
pub mod extract;
pub mod facts;
pub mod fuzz_support;
pub mod policy;
pub mod prefilter;
pub mod progress;
pub mod project;
pub mod report;
pub mod scan;
pub mod shard;
pub mod single_file;
pub mod source;
pub mod suppress;
pub mod verify;
pub mod walk;
