//! Ruby method scopes: which `def ... end` holds a token, so that two
//! methods' local `ctx` variables stay apart.
//!
//! Ruby closes `def`, `class`, `module`, `begin`, `case`, `do`, `for` and
//! statement-form `if`/`unless`/`while`/`until` with `end`; the modifier
//! forms (`x = 1 if y`) and the `do` of `while c do` take none, and an
//! endless method (`def f(x) = expr`, Ruby 3) has no `end`. When the
//! keywords do not balance (code this reading does not understand), no
//! scopes are reported and bindings stay per file.

use crate::extract::common::code_lexer::{Code, Kind};

/// One method body: its name and token range (the `def` to its `end`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Def {
    pub name: String,
    pub start: usize,
    pub end: usize,
}

/// Words after which an `if` starts a statement rather than modifying one
/// (`return if x` and `yield if x` are modifiers).
const STATEMENT_LEAD: [&str; 7] = ["then", "else", "do", "and", "or", "not", "begin"];

/// Every method of the file, innermost last for nested ones; empty when
/// the block keywords do not balance.
pub fn defs(code: &Code<'_>) -> Vec<Def> {
    let mut out = Vec::new();
    // Open blocks: (keyword token, Some(def name) for a method).
    let mut stack: Vec<(usize, Option<String>)> = Vec::new();
    for i in 0..code.len() {
        if code.kind(i) != Some(Kind::Ident) || after_dot(code, i) || is_key(code, i) {
            continue;
        }
        match code.text(i) {
            "def" => {
                let (name, next) = def_name(code, i);
                if endless(code, next) {
                    continue;
                }
                stack.push((i, Some(name)));
            }
            "class" | "module" => {
                // `class << self` opens a block too; `x.class` is skipped above.
                stack.push((i, None));
            }
            "begin" | "case" | "for" => stack.push((i, None)),
            "if" | "unless" | "while" | "until" if statement_start(code, i) => {
                stack.push((i, None));
            }
            "do" => {
                // `while c do` / `for x in y do`: the loop's own `end`.
                let loop_do = stack.last().is_some_and(|&(k, _)| {
                    matches!(code.text(k), "while" | "until" | "for")
                        && !(k + 1..i).any(|j| code.line_break_before(j))
                });
                if !loop_do {
                    stack.push((i, None));
                }
            }
            "end" => {
                let Some((start, name)) = stack.pop() else {
                    return Vec::new();
                };
                if let Some(name) = name {
                    out.push(Def {
                        name,
                        start,
                        end: i,
                    });
                }
            }
            _ => {}
        }
    }
    if !stack.is_empty() {
        return Vec::new();
    }
    out
}

/// The innermost method holding token `i`.
pub fn def_of(defs: &[Def], i: usize) -> Option<&str> {
    defs.iter()
        .filter(|d| d.start < i && i < d.end)
        .min_by_key(|d| d.end - d.start)
        .map(|d| d.name.as_str())
}

fn after_dot(code: &Code<'_>, i: usize) -> bool {
    i.checked_sub(1)
        .is_some_and(|p| code.is_punct(p, ".") || code.is_punct(p, "&.") || code.is_punct(p, "::"))
}

/// `end:` / `if:` used as a hash key or keyword argument.
fn is_key(code: &Code<'_>, i: usize) -> bool {
    code.is_punct(i + 1, ":")
        && code
            .tok(i)
            .zip(code.tok(i + 1))
            .is_some_and(|(a, b)| a.end == b.start)
}

/// The method name after `def` (`self.x`, `x=`, `x?`) and the token after it.
fn def_name(code: &Code<'_>, def: usize) -> (String, usize) {
    let mut j = def + 1;
    let mut name = code.name(j).unwrap_or("").to_owned();
    if code.is_punct(j + 1, ".") && code.name(j + 2).is_some() {
        j += 2;
        name = code.name(j).unwrap_or("").to_owned();
    }
    (name, j + 1)
}

/// `def f(x) = expr` / `def f = expr`: no `end` follows.
fn endless(code: &Code<'_>, mut next: usize) -> bool {
    if code.is_punct(next, "(") {
        match code.partner(next) {
            Some(c) => next = c + 1,
            None => return false,
        }
    }
    code.is_punct(next, "=") && !code.line_break_before(next)
}

/// Whether the keyword at `i` starts a statement (it takes an `end`) rather
/// than modifying the expression before it on the same line.
fn statement_start(code: &Code<'_>, i: usize) -> bool {
    let Some(p) = i.checked_sub(1) else {
        return true;
    };
    if code.line_break_before(i) {
        return true;
    }
    match code.kind(p) {
        Some(Kind::Ident) => STATEMENT_LEAD.contains(&code.text(p)),
        Some(Kind::Number | Kind::Str | Kind::Char | Kind::Regex) => false,
        Some(Kind::Punct) => !matches!(code.text(p), ")" | "]" | "}"),
        _ => true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::common::code_lexer::spec;

    fn names(text: &str) -> Vec<String> {
        let code = Code::new(text, &spec::RUBY);
        defs(&code).into_iter().map(|d| d.name).collect()
    }

    #[test]
    fn methods_with_nested_blocks_and_modifiers() {
        let src = "class A\n  def a(x)\n    return 1 if x\n    return if x.nil?\n    while x do\n      x -= 1\n    end\n    [1].each do |y|\n      if y\n        p y\n      end\n    end\n  end\n\n  def self.b = 2\n\n  def c\n    r = x.end\n    h = { end: 1 }\n  end\nend\n";
        assert_eq!(names(src), vec!["a".to_owned(), "c".to_owned()]);
    }

    #[test]
    fn unbalanced_gives_no_scopes() {
        assert!(names("def a\n  if x\nend\n").is_empty());
        assert!(names("end\n").is_empty());
    }
}
