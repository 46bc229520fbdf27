//! What `scan` shows a person besides the report: the progress display on
//! standard error, the closing summary, and whether to use colour.

use super::{Color, FailOn};
use crate::progress::{bar, Counters};
use crate::report;
use crate::scan::ScanReport;
use clap::{Args, ValueEnum};
use std::io::IsTerminal;

/// Progress and summary options of `scan`.
#[derive(Debug, Args)]
pub struct DisplayArgs {
    /// Progress on standard error: `auto` shows it on a terminal once the
    /// scan takes more than a moment (never with --quiet or when `CI` is
    /// set); `always` draws it even into a pipe.
    #[arg(long, value_enum, default_value_t = Progress::Auto)]
    pub progress: Progress,
    /// Add the slowest formats and the elapsed time to the summary.
    #[arg(long, short = 'v')]
    pub verbose: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Progress {
    Auto,
    Always,
    Never,
}

/// An environment variable that is set to something (`NO_COLOR=` and
/// `CI=` count as unset, as no-color.org asks).
fn env_set(name: &str) -> bool {
    std::env::var_os(name).is_some_and(|v| !v.is_empty())
}

/// Whether to colour a stream: `--color`, then `NO_COLOR`, then whether
/// the stream is a terminal.
pub fn use_color(choice: Color, is_terminal: bool) -> bool {
    match choice {
        Color::Always => true,
        Color::Never => false,
        Color::Auto => is_terminal && !env_set("NO_COLOR") && !dumb_terminal(),
    }
}

fn dumb_terminal() -> bool {
    std::env::var_os("TERM").is_some_and(|t| t == "dumb")
}

/// Where progress goes, if anywhere.
fn progress_target(mode: Progress, quiet: bool) -> Option<bar::Target> {
    match mode {
        Progress::Never => None,
        Progress::Always => Some(bar::Target::Forced),
        Progress::Auto => {
            (!quiet && !env_set("CI") && !dumb_terminal() && std::io::stderr().is_terminal())
                .then_some(bar::Target::Terminal)
        }
    }
}

/// Runs `work` (the scan, which updates `counters`) with progress shown as
/// `args` and `quiet` ask.
pub fn with_progress<T>(
    args: &DisplayArgs,
    quiet: bool,
    counters: &Counters,
    work: impl FnOnce() -> T,
) -> T {
    match progress_target(args.progress, quiet) {
        Some(target) => bar::show_while(counters, target, work),
        None => work(),
    }
}

fn fail_on_name(fail_on: FailOn) -> &'static str {
    match fail_on {
        FailOn::Error => "error",
        FailOn::Warning => "warning",
        FailOn::Note => "note",
        FailOn::Never => "never",
    }
}

/// The closing summary for standard error.
pub fn closing_summary(
    report: &ScanReport,
    args: &DisplayArgs,
    counters: &Counters,
    fail_on: FailOn,
    elapsed: std::time::Duration,
    color: Color,
) -> String {
    let times = counters.format_times();
    let closing = report::text::Closing {
        exit_code: super::exit_code(report, fail_on),
        fail_on: fail_on_name(fail_on),
        slowest: args.verbose.then_some(times.as_slice()),
        elapsed: args.verbose.then_some(elapsed),
    };
    let style = report::text::Style {
        color: use_color(color, std::io::stderr().is_terminal()),
    };
    report::text::closing(report, &closing, style)
}
