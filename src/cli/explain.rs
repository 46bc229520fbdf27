//! `tlsfloor explain RULE`.

use super::{load_policies, write_output, PolicyArgs, EXIT_CLEAN};
use clap::Args;

#[derive(Debug, Args)]
pub struct ExplainArgs {
    /// The rule's id (`TLS001`) or name (`legacy-tls-only`).
    #[arg(value_name = "RULE")]
    pub rule: String,
    #[command(flatten)]
    pub policies: PolicyArgs,
}

pub fn command(args: &ExplainArgs) -> Result<u8, String> {
    let policies = load_policies(&args.policies)?;
    let rule = crate::explain::find(&policies.rules, &args.rule)?;
    write_output(None, &crate::explain::text(rule))?;
    Ok(EXIT_CLEAN)
}
