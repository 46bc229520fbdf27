//! The command line: every option defined once, here, with its help text;
//! `main.rs` only calls [`run`]. Exit codes: 0 = nothing at or above the
//! `--fail-on` level, 1 = findings at or above it, 2 = the tool could not do
//! its job (bad arguments, a policy that does not compile, an unreadable
//! scan root).

use crate::policy::{self, PolicySet};
use crate::report;
use crate::scan::{self, ScanOptions, ScanReport};
use crate::shard::Shard;
use crate::walk::WalkOptions;
use clap::{Args, CommandFactory, FromArgMatches, Parser, Subcommand, ValueEnum};
use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

mod display;
pub(crate) mod errors;
mod explain;
mod generate;

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
    /// built-in policies and of --policy folders (same as `policy test`).
    Test(PolicyArgs),
    /// Write an evidence bundle: inventory (CSV, JSON), SARIF with pass
    /// results, HTML and Markdown reports, and a manifest with hashes.
    Evidence(EvidenceArgs),
    /// Merge evidence bundles or SARIF files (from shards or repositories)
    /// into one bundle and/or one SARIF file.
    Merge(MergeArgs),
    /// Policy tools: `policy test [DIR]` runs the Rego unit tests.
    #[command(subcommand)]
    Policy(PolicyCommand),
    /// Check that every `expect:` annotation in a samples-style tree holds:
    /// no missing and no extra finding.
    Verify(VerifyArgs),
    /// Write a baseline: the SARIF of today's findings, for `scan --baseline`.
    Baseline(BaselineArgs),
    /// Explain a rule: what it finds, why it matters for the Exchange
    /// Online change, examples and the fix.
    Explain(explain::ExplainArgs),
    /// Print a shell completion script (bash, zsh, fish, elvish, powershell).
    Completions(generate::CompletionsArgs),
    /// Print the man page (roff), e.g. `tlsfloor man | man -l -`.
    Man(generate::ManArgs),
}

#[derive(Debug, Subcommand)]
pub enum PolicyCommand {
    /// Run the Rego unit tests (`test_*` rules in `*_test.rego`) of the
    /// built-in policies and of the given folders, like `opa test`.
    Test(PolicyTestArgs),
}

#[derive(Debug, Args)]
pub struct PolicyTestArgs {
    /// Folders of user policies and their tests (as --policy).
    #[arg(value_name = "DIR")]
    pub dirs: Vec<PathBuf>,
    #[command(flatten)]
    pub policies: PolicyArgs,
}

#[derive(Debug, Args)]
pub struct VerifyArgs {
    /// The tree of annotated files (like this project's `samples/`).
    #[arg(value_name = "DIR")]
    pub dir: PathBuf,
    #[command(flatten)]
    pub policies: PolicyArgs,
    /// Which TLS settings to judge: `mail` or `all`.
    #[arg(long, value_enum, default_value_t = Scope::Mail)]
    pub scope: Scope,
}

/// Where the project's `tlsfloor.toml` comes from.
#[derive(Debug, Args)]
pub struct ConfigArgs {
    /// Read this configuration file instead of looking for `tlsfloor.toml`
    /// at the scan root.
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// Do not read any `tlsfloor.toml`.
    #[arg(long, conflicts_with = "config")]
    pub no_config: bool,
}

#[derive(Debug, Args)]
pub struct BaselineArgs {
    #[command(flatten)]
    pub walk: WalkArgs,
    #[command(flatten)]
    pub policies: PolicyArgs,
    #[command(flatten)]
    pub config: ConfigArgs,
    /// Write the baseline to FILE instead of standard output.
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,
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
#[derive(Debug, Clone, Args)]
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
    /// Print no summary (and no progress) on standard error.
    #[arg(long, short = 'q')]
    pub quiet: bool,
    #[command(flatten)]
    pub config: ConfigArgs,
    /// SARIF: the code scanning category, written as
    /// `runAutomationDetails.id` (`NAME/`), so that uploads for one commit
    /// stay apart.
    #[arg(long, value_name = "NAME")]
    pub category: Option<String>,
    /// SARIF: keep suppressed and excepted results (marked with
    /// `suppressions`). GitHub ignores the marks and opens alerts for them,
    /// so they are left out by default.
    #[arg(long)]
    pub include_suppressed: bool,
    /// A previous SARIF log (`tlsfloor baseline`): findings already in it
    /// are `unchanged` and do not fail the run; the others are `new`.
    #[arg(long, value_name = "FILE")]
    pub baseline: Option<PathBuf>,
    /// Scan only shard K of N: a stable partition of the files by path, for
    /// CI matrices (merge the results with `tlsfloor merge`).
    #[arg(long, value_name = "K/N")]
    pub shard: Option<Shard>,
    #[command(flatten)]
    pub display: display::DisplayArgs,
}

#[derive(Debug, Args)]
pub struct EvidenceArgs {
    #[command(flatten)]
    pub walk: WalkArgs,
    #[command(flatten)]
    pub policies: PolicyArgs,
    #[command(flatten)]
    pub config: ConfigArgs,
    /// Folder to write the bundle into (created if missing; excluded from
    /// the scan when it lies inside a scanned folder).
    #[arg(long, value_name = "DIR")]
    pub out: PathBuf,
    /// Build the bundle of shard K of N only.
    #[arg(long, value_name = "K/N")]
    pub shard: Option<Shard>,
    /// The repository name the bundle records (default: the name of the
    /// git work tree holding the first path, else the path).
    #[arg(long, value_name = "NAME")]
    pub repository: Option<String>,
    /// Exit with 1 when a finding is at or above this level.
    #[arg(long, value_enum, default_value_t = FailOn::Never)]
    pub fail_on: FailOn,
    /// Print no summary on standard error.
    #[arg(long, short = 'q')]
    pub quiet: bool,
}

#[derive(Debug, Args)]
pub struct MergeArgs {
    /// Evidence bundle folders and/or SARIF files.
    #[arg(required = true)]
    pub inputs: Vec<PathBuf>,
    /// Write the merged evidence bundle into DIR (needs bundles as inputs).
    #[arg(long, value_name = "DIR", required_unless_present = "sarif")]
    pub out: Option<PathBuf>,
    /// Write the merged SARIF log to FILE.
    #[arg(long, value_name = "FILE")]
    pub sarif: Option<PathBuf>,
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
    let parsed = Cli::command()
        .try_get_matches()
        .and_then(|m| Cli::from_arg_matches(&m).map(|cli| (cli, m)));
    let (cli, matches) = match parsed {
        Ok(parsed) => parsed,
        Err(e) => {
            let _ = e.print();
            return ExitCode::from(if e.use_stderr() {
                EXIT_ERROR
            } else {
                EXIT_CLEAN
            });
        }
    };
    let explicit = Explicit::of(&matches);
    let result = match cli.command {
        Command::Scan(args) => scan_command(&args, explicit),
        Command::Facts(args) => facts_command(&args),
        Command::Rules(args) => rules_command(&args),
        Command::Test(args) => test_command(&args.policy, &args),
        Command::Policy(PolicyCommand::Test(args)) => {
            let mut dirs = args.dirs.clone();
            dirs.extend(args.policies.policy.iter().cloned());
            test_command(&dirs, &args.policies)
        }
        Command::Verify(args) => verify_command(&args),
        Command::Baseline(args) => baseline_command(&args, explicit),
        Command::Formats(args) => formats_command(&args),
        Command::Evidence(args) => evidence_command(&args, explicit),
        Command::Merge(args) => merge_command(&args),
        Command::Explain(args) => explain::command(&args),
        Command::Completions(args) => generate::completions(&args),
        Command::Man(args) => generate::man(&args),
    };
    match result {
        Ok(code) => ExitCode::from(code),
        Err(message) => {
            eprintln!("tlsfloor: error: {message}");
            ExitCode::from(EXIT_ERROR)
        }
    }
}

/// Which options were given on the command line (not defaulted), so that
/// `tlsfloor.toml` fills in only the others.
#[derive(Debug, Clone, Copy, Default)]
pub struct Explicit {
    pub scope: bool,
    pub fail_on: bool,
}

impl Explicit {
    fn of(matches: &clap::ArgMatches) -> Explicit {
        let given = |id: &str| {
            matches.subcommand().is_some_and(|(_, sub)| {
                sub.try_get_raw(id).ok().flatten().is_some()
                    && sub.value_source(id) == Some(clap::parser::ValueSource::CommandLine)
            })
        };
        Explicit {
            scope: given("scope"),
            fail_on: given("fail_on"),
        }
    }
}

pub(crate) fn scan_options(walk: &WalkArgs) -> ScanOptions {
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

pub(crate) fn load_policies(args: &PolicyArgs) -> Result<PolicySet, String> {
    errors::check_policy_dirs(&args.policy)?;
    PolicySet::load_with_limits(&args.policy, args.limits())
        .map_err(|e| errors::policy(&e.to_string()))
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

/// The exit code for a finished scan under `fail_on`. Only findings that
/// count are weighed: not suppressed, not `unchanged` against a baseline.
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
    if report
        .findings
        .iter()
        .any(|f| f.is_gating() && rank(&f.level) <= threshold)
    {
        EXIT_FINDINGS
    } else {
        EXIT_CLEAN
    }
}

fn scan_command(args: &ScanArgs, explicit: Explicit) -> Result<u8, String> {
    let project = crate::project::Project::resolve(
        &args.config,
        &args.walk,
        &args.policies,
        explicit,
        args.fail_on,
    )?;
    let counters = crate::progress::Counters::new();
    let started = std::time::Instant::now();
    let mut report = display::with_progress(&args.display, args.quiet, &counters, || {
        project.scan_counted(args.shard, &counters)
    })?;
    let elapsed = started.elapsed();
    let comparison = match &args.baseline {
        Some(path) => Some(crate::baseline::Baseline::load(path)?.apply(&mut report)),
        None => None,
    };
    let color = display::use_color(
        args.color,
        args.output.is_none() && std::io::stdout().is_terminal(),
    );
    let style = report::text::Style { color };
    let hidden = crate::project::Hidden::count(&report, comparison);
    let rendered = match args.format {
        Format::Text => {
            report.findings.retain(|f| f.is_gating());
            report::text::render(&report, style)
        }
        Format::Sarif => {
            let options = report::sarif::SarifOptions {
                category: args.category.clone(),
                include_suppressed: args.include_suppressed,
            };
            report::sarif::render_with(&report, VERSION, &options)?
        }
        Format::Json => report::json::render(&report, VERSION).map_err(|e| e.to_string())?,
    };
    write_output(args.output.as_ref(), &rendered)?;
    report.findings.retain(|f| f.is_gating());
    if !args.quiet {
        eprint!(
            "{}",
            display::closing_summary(
                &report,
                &args.display,
                &counters,
                args.fail_on,
                elapsed,
                args.color
            )
        );
        eprint!("{}", hidden.render());
    }
    Ok(exit_code(&report, project.fail_on))
}

fn baseline_command(args: &BaselineArgs, explicit: Explicit) -> Result<u8, String> {
    let project = crate::project::Project::resolve(
        &args.config,
        &args.walk,
        &args.policies,
        explicit,
        FailOn::Never,
    )?;
    let report = project.scan(None)?;
    let rendered =
        report::sarif::render_with(&report, VERSION, &report::sarif::SarifOptions::default())?;
    write_output(args.output.as_ref(), &rendered)?;
    let counted = report
        .findings
        .iter()
        .filter(|f| !f.is_suppressed())
        .count();
    eprintln!(
        "tlsfloor: baseline of {counted} finding{}{}",
        if counted == 1 { "" } else { "s" },
        args.output
            .as_ref()
            .map(|p| format!(" written to {}", p.display()))
            .unwrap_or_default()
    );
    Ok(EXIT_CLEAN)
}

fn verify_command(args: &VerifyArgs) -> Result<u8, String> {
    let policies = load_policies(&args.policies)?;
    let scope = match args.scope {
        Scope::Mail => "mail",
        Scope::All => "all",
    };
    let outcome = crate::verify::run(&args.dir, &policies, scope)?;
    let mut out = String::new();
    for p in &outcome.problems {
        out.push_str(p);
        out.push('\n');
    }
    out.push_str(&format!(
        "verify: {} files, {} expected findings, {} found, {} problem{}\n",
        outcome.files,
        outcome.expected,
        outcome.found,
        outcome.problems.len(),
        if outcome.problems.len() == 1 { "" } else { "s" }
    ));
    write_output(None, &out)?;
    Ok(if outcome.problems.is_empty() {
        EXIT_CLEAN
    } else {
        EXIT_FINDINGS
    })
}

fn facts_command(args: &FactsArgs) -> Result<u8, String> {
    let report = scan::run(&scan_options(&args.walk), None).map_err(|e| errors::scan(&e))?;
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

/// Runs the Rego tests of the built-in policies and of `dirs`, under the
/// time limit `limits` asks for.
fn test_command(dirs: &[PathBuf], limits: &PolicyArgs) -> Result<u8, String> {
    let mut files = policy::sources::builtin();
    for dir in dirs {
        files.extend(policy::sources::from_dir(dir).map_err(|e| {
            format!(
                "cannot read policy folder {}: {}",
                e.path.display(),
                e.message
            )
        })?);
    }
    let outcomes =
        policy::testing::run_with_limits(&files, limits.limits()).map_err(|e| e.to_string())?;
    let failed = outcomes.iter().filter(|o| !o.passed).count();
    write_output(None, &policy::testing::render(&outcomes))?;
    Ok(if failed > 0 || outcomes.is_empty() {
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

fn evidence_command(args: &EvidenceArgs, explicit: Explicit) -> Result<u8, String> {
    // The same project settings as `scan` (tlsfloor.toml: excludes, scope,
    // policy folders, rule levels, exceptions), so the inventory shows the
    // exceptions an auditor must see.
    let mut project = crate::project::Project::resolve(
        &args.config,
        &args.walk,
        &args.policies,
        explicit,
        args.fail_on,
    )?;
    crate::evidence::cli::exclude_out_dir(&mut project.options, &args.out)?;
    let options = project.options.clone();
    let policies = &project.policies;
    let started = crate::evidence::manifest::now()?;
    let report = project.scan(args.shard)?;
    let finished = crate::evidence::manifest::now()?;
    let repository = match &args.repository {
        Some(name) => name.clone(),
        None => crate::evidence::cli::default_repository(&options.roots),
    };
    let bundle = crate::evidence::build(
        &report,
        policies,
        &crate::evidence::BuildOptions {
            roots: &options.roots,
            repository,
            shard: args.shard,
            version: VERSION,
            started,
            finished,
        },
    )?;
    let manifest = crate::evidence::write(&bundle, &args.out)?;
    if !args.quiet {
        eprint!("{}", crate::evidence::cli::summary(&manifest, &args.out));
    }
    Ok(exit_code(&report, project.fail_on))
}

fn merge_command(args: &MergeArgs) -> Result<u8, String> {
    let inputs = crate::evidence::cli::read_inputs(&args.inputs)?;
    if let Some(path) = &args.sarif {
        let merged = crate::evidence::merge::sarif_files(&inputs.logs())?;
        write_output(Some(path), &crate::evidence::sarif::to_text(&merged)?)?;
    }
    if let Some(dir) = &args.out {
        let bundles = inputs.into_bundles()?;
        let merged = crate::evidence::merge::bundles(bundles, VERSION)?;
        let manifest = crate::evidence::write(&merged, dir)?;
        eprint!("{}", crate::evidence::cli::summary(&manifest, dir));
    }
    Ok(EXIT_CLEAN)
}
