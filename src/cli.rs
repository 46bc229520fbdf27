//! The command line: every option defined once, here, with its help text;
//! `main.rs` only calls [`run`]. Exit codes: 0 = nothing at or above the
//! `--fail-on` level, 1 = findings at or above it, 2 = the tool could not do
//! its job (bad arguments, a policy that does not compile, an unreadable
//! scan root).

use crate::policy::{self, PolicySet};
use crate::report;
use crate::scan::{self, ScanOptions, ScanReport};
use crate::walk::WalkOptions;
use clap::{Args, Parser, Subcommand, ValueEnum};
use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

/// tlsfloor finds mail clients, scripts, applications and devices that
/// cannot do TLS 1.2, before Exchange Online stops talking to them.
#[derive(Debug, Parser)]
#[command(name = "tlsfloor", version, about, long_about = None)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Scan files and folders, judge their TLS settings, report findings.
    Scan(ScanArgs),
    /// Print the facts document (the policies' input) without judging it.
    Facts(FactsArgs),
    /// List every rule, built-in and from --policy folders.
    Rules(RulesArgs),
    /// List every recognised file format, the files it matches and what is
    /// extracted from it.
    Formats(FormatsArgs),
    /// Run the Rego unit tests (`test_*` rules in `*_test.rego`) of the
    /// built-in policies and of --policy folders.
    Test(PolicyArgs),
}

/// Options shared by every command that walks files.
#[derive(Debug, Args)]
pub struct WalkArgs {
    /// Files and folders to scan.
    #[arg(default_value = ".")]
    pub paths: Vec<PathBuf>,
    /// Do not honour .gitignore, .ignore and .tlsfloorignore files.
    #[arg(long)]
    pub no_ignore: bool,
    /// Skip paths matching this glob (gitignore syntax; repeatable).
    #[arg(long, value_name = "GLOB")]
    pub exclude: Vec<String>,
    /// Skip files larger than this many bytes (reported as skipped).
    #[arg(long, value_name = "BYTES", default_value_t = scan::DEFAULT_MAX_FILE_SIZE)]
    pub max_file_size: u64,
    /// Worker threads (0: one per CPU).
    #[arg(long, short = 'j', value_name = "N", default_value_t = 0)]
    pub threads: usize,
    /// Which TLS settings to judge: `mail` (those tied to a mail client) or `all`.
    #[arg(long, value_enum, default_value_t = Scope::Mail)]
    pub scope: Scope,
}

/// Policy folders.
#[derive(Debug, Args)]
pub struct PolicyArgs {
    /// A folder of Rego policies and JSON/YAML data added to the built-in
    /// ones (repeatable); a rule with a built-in rule's id replaces it.
    #[arg(long, value_name = "DIR")]
    pub policy: Vec<PathBuf>,
    /// Seconds one rule may run on one file; a rule that runs longer stops
    /// the scan with an error naming it.
    #[arg(long, value_name = "SECONDS", default_value_t = policy::limits::DEFAULT_TIMEOUT_SECS)]
    pub policy_timeout: u64,
    /// MiB one rule may allocate on one file; a rule that allocates more
    /// stops the scan with an error naming it.
    #[arg(long, value_name = "MIB", default_value_t = policy::limits::DEFAULT_MEMORY_MIB)]
    pub policy_memory: u64,
}

impl PolicyArgs {
    /// The evaluation limits these options ask for.
    pub fn limits(&self) -> policy::limits::PolicyLimits {
        policy::limits::PolicyLimits {
            time: std::time::Duration::from_secs(self.policy_timeout),
            memory: self.policy_memory.saturating_mul(1024 * 1024),
        }
    }
}

#[derive(Debug, Args)]
pub struct ScanArgs {
    #[command(flatten)]
    pub walk: WalkArgs,
    #[command(flatten)]
    pub policies: PolicyArgs,
    /// Output format.
    #[arg(long, short = 'f', value_enum, default_value_t = Format::Text)]
    pub format: Format,
    /// Write the report to FILE instead of standard output.
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Exit with 1 when a finding is at or above this level.
    #[arg(long, value_enum, default_value_t = FailOn::Error)]
    pub fail_on: FailOn,
    /// Colour in text output.
    #[arg(long, value_enum, default_value_t = Color::Auto)]
    pub color: Color,
    /// Print no summary on standard error.
    #[arg(long, short = 'q')]
    pub quiet: bool,
}

#[derive(Debug, Args)]
pub struct FactsArgs {
    #[command(flatten)]
    pub walk: WalkArgs,
    /// Write the facts to FILE instead of standard output.
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct RulesArgs {
    #[command(flatten)]
    pub policies: PolicyArgs,
    /// Output format (`text` or `json`).
    #[arg(long, short = 'f', value_enum, default_value_t = RulesFormat::Text)]
    pub format: RulesFormat,
}

#[derive(Debug, Args)]
pub struct FormatsArgs {
    /// Print a Markdown table (as in the README).
    #[arg(long)]
    pub markdown: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Text,
    Sarif,
    Json,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum RulesFormat {
    Text,
    Json,
    /// A Markdown table (as in the README).
    Markdown,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Scope {
    Mail,
    All,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FailOn {
    Error,
    Warning,
    Note,
    Never,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Color {
    Auto,
    Always,
    Never,
}

const VERSION: &str = env!("CARGO_PKG_VERSION");

/// Exit code: the scan ran and nothing reached the `--fail-on` level.
pub const EXIT_CLEAN: u8 = 0;
/// Exit code: findings at or above the `--fail-on` level.
pub const EXIT_FINDINGS: u8 = 1;
/// Exit code: the tool could not do its job.
pub const EXIT_ERROR: u8 = 2;

/// Parses the command line and runs the command.
pub fn run() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return ExitCode::from(if e.use_stderr() {
                EXIT_ERROR
            } else {
                EXIT_CLEAN
            });
        }
    };
    let result = match cli.command {
        Command::Scan(args) => scan_command(&args),
        Command::Facts(args) => facts_command(&args),
        Command::Rules(args) => rules_command(&args),
        Command::Test(args) => test_command(&args),
        Command::Formats(args) => formats_command(&args),
    };
    match result {
        Ok(code) => ExitCode::from(code),
        Err(message) => {
            eprintln!("tlsfloor: error: {message}");
            ExitCode::from(EXIT_ERROR)
        }
    }
}

fn scan_options(walk: &WalkArgs) -> ScanOptions {
    ScanOptions {
        roots: walk.paths.clone(),
        walk: WalkOptions {
            no_ignore: walk.no_ignore,
            excludes: walk.exclude.clone(),
            threads: walk.threads,
        },
        scope: match walk.scope {
            Scope::Mail => "mail",
            Scope::All => "all",
        }
        .to_owned(),
        max_file_size: walk.max_file_size,
    }
}

fn load_policies(args: &PolicyArgs) -> Result<PolicySet, String> {
    PolicySet::load_with_limits(&args.policy, args.limits()).map_err(|e| {
        format!(
            "{e}\n  hint: fix the policy, or run `tlsfloor test --policy DIR` to see its errors"
        )
    })
}

fn write_output(path: Option<&PathBuf>, text: &str) -> Result<(), String> {
    match path {
        Some(path) => {
            std::fs::write(path, text).map_err(|e| format!("cannot write {}: {e}", path.display()))
        }
        None => {
            let mut out = std::io::stdout().lock();
            // A closed pipe (`| head`) is not an error worth reporting.
            match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
                Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
                    Err(format!("cannot write output: {e}"))
                }
                _ => Ok(()),
            }
        }
    }
}

/// The exit code for a finished scan under `fail_on`.
pub fn exit_code(report: &ScanReport, fail_on: FailOn) -> u8 {
    let threshold = match fail_on {
        FailOn::Error => 0,
        FailOn::Warning => 1,
        FailOn::Note => 2,
        FailOn::Never => return EXIT_CLEAN,
    };
    let rank = |level: &str| match level {
        "error" => 0,
        "warning" => 1,
        _ => 2,
    };
    if report.findings.iter().any(|f| rank(&f.level) <= threshold) {
        EXIT_FINDINGS
    } else {
        EXIT_CLEAN
    }
}

fn scan_command(args: &ScanArgs) -> Result<u8, String> {
    let policies = load_policies(&args.policies)?;
    let report =
        scan::run(&scan_options(&args.walk), Some(&policies)).map_err(|e| e.to_string())?;
    let color = match args.color {
        Color::Always => true,
        Color::Never => false,
        Color::Auto => {
            args.output.is_none()
                && std::io::stdout().is_terminal()
                && std::env::var_os("NO_COLOR").is_none()
        }
    };
    let style = report::text::Style { color };
    let rendered = match args.format {
        Format::Text => report::text::render(&report, style),
        Format::Sarif => report::sarif::render(&report, VERSION).map_err(|e| e.to_string())?,
        Format::Json => report::json::render(&report, VERSION).map_err(|e| e.to_string())?,
    };
    write_output(args.output.as_ref(), &rendered)?;
    if !args.quiet {
        let err_color = matches!(args.color, Color::Always)
            || (args.color == Color::Auto
                && std::io::stderr().is_terminal()
                && std::env::var_os("NO_COLOR").is_none());
        eprint!(
            "{}",
            report::text::summary(&report, report::text::Style { color: err_color })
        );
    }
    Ok(exit_code(&report, args.fail_on))
}

fn facts_command(args: &FactsArgs) -> Result<u8, String> {
    let report = scan::run(&scan_options(&args.walk), None).map_err(|e| e.to_string())?;
    let mut text = serde_json::to_string_pretty(&report.facts).map_err(|e| e.to_string())?;
    text.push('\n');
    write_output(args.output.as_ref(), &text)?;
    for n in &report.notifications {
        eprintln!("{}: {}: {}", n.path, n.level.as_str(), n.message);
    }
    Ok(EXIT_CLEAN)
}

fn rules_command(args: &RulesArgs) -> Result<u8, String> {
    let policies = load_policies(&args.policies)?;
    let text = match args.format {
        RulesFormat::Json => {
            let rules: Vec<serde_json::Value> = policies
                .rules
                .iter()
                .map(|r| {
                    serde_json::json!({
                        "id": r.id, "name": r.name, "level": r.level, "short": r.short,
                        "description": r.description, "help": r.help,
                        "security_severity": r.security_severity, "precision": r.precision,
                        "tags": r.tags, "source": r.source,
                    })
                })
                .collect();
            let mut s = serde_json::to_string_pretty(&rules).map_err(|e| e.to_string())?;
            s.push('\n');
            s
        }
        RulesFormat::Markdown => rules_markdown(&policies.rules),
        RulesFormat::Text => {
            let mut s = String::new();
            for r in &policies.rules {
                let origin = if r.source.starts_with("builtin:") {
                    ""
                } else {
                    "  (user)"
                };
                s.push_str(&format!(
                    "{:<8} {:<24} {:<8} {}{origin}\n",
                    r.id, r.name, r.level, r.short
                ));
            }
            s
        }
    };
    write_output(None, &text)?;
    Ok(EXIT_CLEAN)
}

fn test_command(args: &PolicyArgs) -> Result<u8, String> {
    let mut files = policy::sources::builtin();
    for dir in &args.policy {
        files.extend(policy::sources::from_dir(dir).map_err(|e| {
            format!(
                "cannot read policy folder {}: {}",
                e.path.display(),
                e.message
            )
        })?);
    }
    let outcomes =
        policy::testing::run_with_limits(&files, args.limits()).map_err(|e| e.to_string())?;
    let failed = outcomes.iter().filter(|o| !o.passed).count();
    let mut out = String::new();
    for o in &outcomes {
        match &o.detail {
            None => out.push_str(&format!("PASS {} ({})\n", o.name, o.file)),
            Some(d) => out.push_str(&format!("FAIL {} ({}): {d}\n", o.name, o.file)),
        }
    }
    out.push_str(&format!(
        "{} passed, {} failed\n",
        outcomes.len() - failed,
        failed
    ));
    write_output(None, &out)?;
    Ok(if failed > 0 {
        EXIT_FINDINGS
    } else {
        EXIT_CLEAN
    })
}

/// The rules as the README's Markdown table.
pub fn rules_markdown(rules: &[policy::metadata::RuleMeta]) -> String {
    let mut s = String::from("| id | name | level | what it finds |\n| --- | --- | --- | --- |\n");
    for r in rules {
        s.push_str(&format!(
            "| {} | `{}` | {} | {} |\n",
            r.id, r.name, r.level, r.short
        ));
    }
    s
}

/// The formats as the README's Markdown table.
pub fn formats_markdown() -> String {
    let mut s =
        String::from("| format | kind | files | what is extracted |\n| --- | --- | --- | --- |\n");
    for f in crate::classify::FORMATS {
        let globs: Vec<String> = f.globs.iter().map(|g| format!("`{g}`")).collect();
        let sniffed = if f.sniff.is_some() {
            " (by content)"
        } else {
            ""
        };
        s.push_str(&format!(
            "| {} (`{}`) | {} | {}{sniffed} | {} |\n",
            f.name,
            f.id,
            f.kind.as_str(),
            globs.join(", "),
            f.extracts
        ));
    }
    for scan in crate::classify::TEXT_SCANS {
        s.push_str(&format!(
            "| {} scan | any | every text file except prose (`.md`, `.txt`, ...) | {} |\n",
            scan.id, scan.extracts
        ));
    }
    s
}

fn formats_command(args: &FormatsArgs) -> Result<u8, String> {
    let text = if args.markdown {
        formats_markdown()
    } else {
        let mut s = String::new();
        for f in crate::classify::FORMATS {
            s.push_str(&format!(
                "{:<22} {:<9} {}\n{:<32} {}\n",
                f.id,
                f.kind.as_str(),
                f.globs.join(" "),
                "",
                f.extracts
            ));
        }
        for scan in crate::classify::TEXT_SCANS {
            s.push_str(&format!(
                "{:<22} {:<9} {}\n{:<32} {}\n",
                scan.id, "any", "(every text file)", "", scan.extracts
            ));
        }
        s
    };
    write_output(None, &text)?;
    Ok(EXIT_CLEAN)
}
