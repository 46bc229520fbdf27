//! The `#define` / `#undef` lines of a C configuration header (Mbed TLS
//! `mbedtls_config.h`, wolfSSL `user_settings.h` / `options.h`), in order,
//! each marked as unconditional or set under a preprocessor condition.
//!
//! Configuration headers switch features with bare macros. What matters is
//! whether a macro is defined when the library is compiled, which this
//! reader approximates without evaluating conditions:
//!
//! - `/* ... */` blocks (Doxygen documentation in upstream headers) and
//!   `//` comments are not code; a line that is only `//#define NAME` or
//!   `/* #define NAME */` is reported as *commented out*, the upstream
//!   convention for an option that is off;
//! - `#if 0` ... `#else`/`#endif` is skipped (its `#else` branch is live),
//!   `#if 1` is live (its `#else` is skipped);
//! - an include guard (`#ifndef NAME` directly followed by `#define NAME`,
//!   also the idiom that defines a macro unless it already is) does not make
//!   its body conditional, and the `#define` counts as unconditional;
//! - any other `#if`/`#ifdef`/`#ifndef`/`#elif`/`#else` makes the lines up
//!   to its `#endif` *conditional*: their effect is unknown;
//! - a directive continued with a trailing backslash takes the following
//!   lines with it.

use crate::source::SourceFile;

/// What a line does to a macro.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    Define,
    Undef,
    /// `//#define NAME` or `/* #define NAME */`.
    CommentedOut,
}

/// One `#define`/`#undef` (or commented-out `#define`) line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Directive<'a> {
    pub action: Action,
    /// The macro name, a sub-slice of the file text.
    pub name: &'a str,
    /// The replacement text, trimmed, without a trailing comment.
    pub value: &'a str,
    /// The line's text, a sub-slice of the file text.
    pub line: &'a str,
    /// 1-based line number.
    pub line_number: usize,
    /// Set under a preprocessor condition this reader cannot evaluate.
    pub conditional: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Frame<'a> {
    /// A branch that is compiled (`#if 1`, an include guard).
    Live,
    /// A branch that is never compiled (`#if 0`).
    Skip,
    /// A branch taken or not depending on the build; `guard` is the name of
    /// an `#ifndef` that may turn out to be an include guard.
    Cond { guard: Option<&'a str> },
}

fn identifier(s: &str) -> &str {
    let end = s
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
        .unwrap_or(s.len());
    s.get(..end).unwrap_or("")
}

/// Strips a trailing `//` or `/* */` comment; tells whether a `/*` block
/// stays open at the end of the line.
fn strip_comment(s: &str) -> (&str, bool) {
    let line_comment = s.find("//");
    let block = s.find("/*");
    match (line_comment, block) {
        (Some(l), Some(b)) if l < b => (s.get(..l).unwrap_or(s), false),
        (Some(l), None) => (s.get(..l).unwrap_or(s), false),
        (_, Some(b)) => {
            let after = s.get(b + 2..).unwrap_or("");
            match after.find("*/") {
                Some(close) => {
                    // Text after a closed comment is rare in configuration
                    // headers; only the part before the comment is kept.
                    let (_, open) = strip_comment(after.get(close + 2..).unwrap_or(""));
                    (s.get(..b).unwrap_or(s), open)
                }
                None => (s.get(..b).unwrap_or(s), true),
            }
        }
        (None, None) => (s, false),
    }
}

/// `#define NAME` inside a comment that is the whole line.
fn commented_define(comment_body: &str) -> Option<&str> {
    let t = comment_body.trim_start();
    let t = t.strip_prefix('#')?.trim_start();
    let rest = t.strip_prefix("define")?;
    if !rest.starts_with([' ', '\t']) {
        return None;
    }
    let name = identifier(rest.trim_start());
    (!name.is_empty()).then_some(name)
}

fn is_false_condition(cond: &str) -> Option<bool> {
    let c: String = cond.chars().filter(|c| !c.is_whitespace()).collect();
    match c.trim_matches(|ch| ch == '(' || ch == ')') {
        "0" => Some(true),
        "1" => Some(false),
        _ => None,
    }
}

/// Every `#define`/`#undef` line of `file` in order (see the module docs).
pub fn directives<'a>(file: &SourceFile<'a>) -> Vec<Directive<'a>> {
    let mut out = Vec::new();
    let mut stack: Vec<Frame<'a>> = Vec::new();
    let mut in_block = false;
    let mut continued = false;
    for (n, line) in file.lines() {
        if continued {
            continued = line.trim_end().ends_with('\\');
            continue;
        }
        let mut text = line;
        if in_block {
            match line.find("*/") {
                Some(close) => {
                    in_block = false;
                    text = line.get(close + 2..).unwrap_or("");
                }
                None => continue,
            }
        }
        let trimmed = text.trim_start();
        let skipping = stack.contains(&Frame::Skip);
        let conditional = stack.iter().any(|f| matches!(f, Frame::Cond { .. }));
        if let Some(body) = trimmed.strip_prefix("//") {
            if let (Some(name), false) = (commented_define(body), skipping) {
                out.push(Directive {
                    action: Action::CommentedOut,
                    name,
                    value: "",
                    line,
                    line_number: n,
                    conditional,
                });
            }
            continue;
        }
        if let Some(body) = trimmed.strip_prefix("/*") {
            match body.find("*/") {
                Some(close) => {
                    let inner = body.get(..close).unwrap_or("");
                    if let (Some(name), false) = (commented_define(inner), skipping) {
                        out.push(Directive {
                            action: Action::CommentedOut,
                            name,
                            value: "",
                            line,
                            line_number: n,
                            conditional,
                        });
                    }
                    let (_, open) = strip_comment(body.get(close + 2..).unwrap_or(""));
                    in_block = open;
                }
                None => in_block = true,
            }
            continue;
        }
        let (code, open) = strip_comment(trimmed);
        in_block = open;
        let Some(directive) = code.strip_prefix('#') else {
            continue;
        };
        continued = code.trim_end().ends_with('\\');
        let directive = directive.trim_start();
        let keyword = identifier(directive);
        let rest = directive.get(keyword.len()..).unwrap_or("").trim();
        // An `#ifndef NAME` stays a guard candidate only up to the next
        // directive.
        let guard = match stack.last_mut() {
            Some(Frame::Cond { guard }) => guard.take(),
            _ => None,
        };
        match keyword {
            "if" => stack.push(match is_false_condition(rest) {
                Some(true) => Frame::Skip,
                Some(false) => Frame::Live,
                None => Frame::Cond { guard: None },
            }),
            "ifdef" => stack.push(Frame::Cond { guard: None }),
            "ifndef" => stack.push(Frame::Cond {
                guard: Some(identifier(rest)).filter(|g| !g.is_empty()),
            }),
            "elif" => {
                if let Some(top) = stack.last_mut() {
                    *top = match top {
                        Frame::Live => Frame::Skip,
                        _ => Frame::Cond { guard: None },
                    };
                }
            }
            "else" => {
                if let Some(top) = stack.last_mut() {
                    *top = match top {
                        Frame::Live => Frame::Skip,
                        Frame::Skip => Frame::Live,
                        Frame::Cond { .. } => Frame::Cond { guard: None },
                    };
                }
            }
            "endif" => {
                stack.pop();
            }
            "define" | "undef" if !skipping => {
                let name = identifier(rest);
                if name.is_empty() {
                    continue;
                }
                // `#ifndef X` + `#define X`: an include guard, or the idiom
                // that defines X unless it already is; either way X is
                // defined afterwards and the body is not conditional.
                let mut conditional = conditional;
                if keyword == "define" && guard == Some(name) {
                    if let Some(top) = stack.last_mut() {
                        *top = Frame::Live;
                    }
                    conditional = stack.iter().any(|f| matches!(f, Frame::Cond { .. }));
                }
                let value = rest.get(name.len()..).unwrap_or("").trim();
                out.push(Directive {
                    action: if keyword == "define" {
                        Action::Define
                    } else {
                        Action::Undef
                    },
                    name,
                    value: value.trim_end_matches('\\').trim_end(),
                    line,
                    line_number: n,
                    conditional,
                });
            }
            _ => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> Vec<(Action, String, bool, usize)> {
        let f = SourceFile::new("config.h", text);
        directives(&f)
            .into_iter()
            .map(|d| (d.action, d.name.to_owned(), d.conditional, d.line_number))
            .collect()
    }

    #[test]
    fn guards_comments_and_conditions() {
        let text = "\
#ifndef MY_CONFIG_H
#define MY_CONFIG_H
/**
 * #define MBEDTLS_SSL_PROTO_TLS1 in a doc comment
 */
#define MBEDTLS_SSL_PROTO_TLS1_2
//#define MBEDTLS_SSL_PROTO_TLS1_1
/* #define WOLFSSL_TLS13 */
#undef  NO_OLD_TLS /* keep old */
#if defined(CONFIG_X)
#define MBEDTLS_SSL_PROTO_TLS1
#endif
#if 0
#define DEAD
#else
#define LIVE 1
#endif
#define MULTI(a) \\
    #define NOT_A_DEFINE
#endif
";
        assert_eq!(
            read(text),
            vec![
                (Action::Define, "MY_CONFIG_H".to_owned(), false, 2),
                (
                    Action::Define,
                    "MBEDTLS_SSL_PROTO_TLS1_2".to_owned(),
                    false,
                    6
                ),
                (
                    Action::CommentedOut,
                    "MBEDTLS_SSL_PROTO_TLS1_1".to_owned(),
                    false,
                    7
                ),
                (Action::CommentedOut, "WOLFSSL_TLS13".to_owned(), false, 8),
                (Action::Undef, "NO_OLD_TLS".to_owned(), false, 9),
                (
                    Action::Define,
                    "MBEDTLS_SSL_PROTO_TLS1".to_owned(),
                    true,
                    11
                ),
                (Action::Define, "LIVE".to_owned(), false, 16),
                (Action::Define, "MULTI".to_owned(), false, 18),
            ]
        );
    }

    #[test]
    fn unbalanced_and_odd_lines_do_not_panic() {
        let text = "#endif\n#else\n#elif X\n#define\n# define  A  1 // one\n/* open\n#define B\n";
        assert_eq!(read(text), vec![(Action::Define, "A".to_owned(), false, 5)]);
    }
}
