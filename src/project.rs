//! One scan as the project configured it: the flags, `tlsfloor.toml` (see
//! [`crate::config`]) and the built-in defaults merged with the precedence
//! *flag over file over default*, then the file's exceptions and rule
//! levels applied to the findings. `scan` and `baseline` share it.

use crate::baseline::Comparison;
use crate::cli::{ConfigArgs, Explicit, FailOn, PolicyArgs, WalkArgs};
use crate::config::{self, Config};
use crate::policy::PolicySet;
use crate::scan::{self, ScanOptions, ScanReport};
use crate::suppress::SuppressionKind;

/// The merged settings of one run.
pub struct Project {
    pub config: Option<Config>,
    pub options: ScanOptions,
    pub policies: PolicySet,
    pub fail_on: FailOn,
}

fn fail_on_from(name: &str) -> Option<FailOn> {
    match name {
        "error" => Some(FailOn::Error),
        "warning" => Some(FailOn::Warning),
        "note" => Some(FailOn::Note),
        "never" => Some(FailOn::Never),
        _ => None,
    }
}

impl Project {
    /// Finds and reads the configuration, merges it with the flags and
    /// loads the policies (built-in, `--policy`, then the file's folders).
    pub fn resolve(
        config_args: &ConfigArgs,
        walk: &WalkArgs,
        policy_args: &PolicyArgs,
        explicit: Explicit,
        fail_on: FailOn,
    ) -> Result<Project, String> {
        let path = match (&config_args.config, config_args.no_config) {
            (_, true) => None,
            (Some(path), false) => Some(path.clone()),
            (None, false) => config::discover(&walk.paths),
        };
        let config = path.as_deref().map(Config::load).transpose()?;
        let mut options = crate::cli::scan_options(walk);
        let mut dirs = policy_args.policy.clone();
        let mut fail_on = fail_on;
        if let Some(c) = &config {
            options.walk.excludes.extend(c.exclude.iter().cloned());
            if !explicit.scope {
                if let Some(scope) = &c.scope {
                    options.scope.clone_from(scope);
                }
            }
            if !explicit.fail_on {
                if let Some(f) = c.fail_on.as_deref().and_then(fail_on_from) {
                    fail_on = f;
                }
            }
            dirs.extend(c.policies.iter().cloned());
        }
        let policies = crate::cli::load_policies(&PolicyArgs {
            policy: dirs,
            ..policy_args.clone()
        })?;
        if let Some(c) = &config {
            let known: Vec<&str> = policies.rules.iter().map(|r| r.id.as_str()).collect();
            c.check_rules(&known)?;
        }
        Ok(Project {
            config,
            options,
            policies,
            fail_on,
        })
    }

    /// Runs the scan and applies the configuration's rule levels and
    /// exceptions (inline suppressions are applied by the scan itself).
    pub fn scan(&self, shard: Option<crate::shard::Shard>) -> Result<ScanReport, String> {
        self.scan_counted(shard, &crate::progress::Counters::new())
    }

    /// [`Project::scan`], keeping `counters` up to date for a progress display.
    pub fn scan_counted(
        &self,
        shard: Option<crate::shard::Shard>,
        counters: &crate::progress::Counters,
    ) -> Result<ScanReport, String> {
        let mut report = scan::run_counted(&self.options, Some(&self.policies), shard, counters)
            .map_err(|e| crate::cli::errors::scan(&e))?;
        if let Some(c) = &self.config {
            crate::suppress::exceptions::apply(c, &mut report, &crate::suppress::today_utc());
        }
        Ok(report)
    }
}

/// What the text output and the exit code leave out, for the summary.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Hidden {
    pub inline: usize,
    pub external: usize,
    pub comparison: Option<Comparison>,
}

impl Hidden {
    pub fn count(report: &ScanReport, comparison: Option<Comparison>) -> Hidden {
        let mut hidden = Hidden {
            comparison,
            ..Hidden::default()
        };
        for s in report
            .findings
            .iter()
            .filter_map(|f| f.suppression.as_ref())
            .filter(|s| s.is_active())
        {
            match s.kind {
                SuppressionKind::InSource => hidden.inline += 1,
                SuppressionKind::External => hidden.external += 1,
            }
        }
        hidden
    }

    /// One summary line, or nothing when nothing was left out.
    pub fn render(&self) -> String {
        let mut parts = Vec::new();
        if self.inline + self.external > 0 {
            parts.push(format!(
                "{} suppressed ({} inline, {} by exception)",
                self.inline + self.external,
                self.inline,
                self.external
            ));
        }
        if let Some(c) = self.comparison {
            parts.push(format!(
                "baseline: {} new, {} unchanged, {} fixed",
                c.new, c.unchanged, c.absent
            ));
        }
        if parts.is_empty() {
            String::new()
        } else {
            format!("tlsfloor: {}\n", parts.join("; "))
        }
    }
}
