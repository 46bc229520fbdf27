//! `tlsfloor completions SHELL` and `tlsfloor man`: generated from the clap
//! definitions, so they always list the options the binary really has.

use super::{write_output, Cli, EXIT_CLEAN};
use clap::{Args, CommandFactory};
use clap_complete::Shell;

#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell to write completions for.
    #[arg(value_enum)]
    pub shell: Shell,
}

#[derive(Debug, Args)]
pub struct ManArgs {
    /// A subcommand whose page to print (`scan` gives `tlsfloor-scan(1)`);
    /// without it, the page of `tlsfloor` itself.
    #[arg(value_name = "COMMAND")]
    pub command: Option<String>,
}

/// Prints the completion script for `args.shell`.
pub fn completions(args: &CompletionsArgs) -> Result<u8, String> {
    let mut cmd = Cli::command();
    let mut out = Vec::new();
    clap_complete::generate(args.shell, &mut cmd, "tlsfloor", &mut out);
    write_output(None, &String::from_utf8_lossy(&out))?;
    Ok(EXIT_CLEAN)
}

/// What the man page says beyond the options: exit codes and environment.
const EXTRA_SECTIONS: &str = r#".SH "EXIT STATUS"
.TP
\fB0\fR
The scan ran and no finding reached the \fB\-\-fail\-on\fR level.
.TP
\fB1\fR
Findings at or above the \fB\-\-fail\-on\fR level (default \fBerror\fR); for \fBtest\fR, a policy test failed.
.TP
\fB2\fR
The tool could not do its job: bad arguments, a policy that does not compile, an unreadable scan root.
A file that cannot be read or parsed is not exit 2: it is reported as a notification and the scan goes on.
.SH ENVIRONMENT
.TP
\fBNO_COLOR\fR
When set (and not empty), text output has no colour unless \fB\-\-color always\fR is given.
.TP
\fBCI\fR
When set (and not empty), no progress display is drawn unless \fB\-\-progress always\fR is given.
"#;

/// Prints the man page of `tlsfloor` or of one subcommand.
pub fn man(args: &ManArgs) -> Result<u8, String> {
    let root = Cli::command();
    let cmd = match &args.command {
        None => root,
        Some(name) => {
            let found = root
                .get_subcommands()
                .find(|c| c.get_name() == name)
                .cloned();
            let names: Vec<&str> = root.get_subcommands().map(|c| c.get_name()).collect();
            let sub = found.ok_or_else(|| {
                format!(
                    "no command named {name:?}\n  hint: one of {}",
                    names.join(", ")
                )
            })?;
            let full = format!("tlsfloor-{}", sub.get_name());
            sub.name(full)
        }
    };
    let see_also: Vec<String> = if args.command.is_none() {
        cmd.get_subcommands()
            .filter(|c| c.get_name() != "help")
            .map(|c| format!("\\fBtlsfloor\\-{}\\fR(1)", c.get_name()))
            .collect()
    } else {
        vec!["\\fBtlsfloor\\fR(1)".to_owned()]
    };
    let mut out = Vec::new();
    clap_mangen::Man::new(cmd)
        .render(&mut out)
        .map_err(|e| format!("cannot render the man page: {e}"))?;
    let mut page = String::from_utf8_lossy(&out).into_owned();
    page.push_str(EXTRA_SECTIONS);
    page.push_str(".SH \"SEE ALSO\"\n");
    page.push_str(&see_also.join(", "));
    page.push('\n');
    write_output(None, &page)?;
    Ok(EXIT_CLEAN)
}
