//! C# method scopes: local variables (`var client = ...` inside a method)
//! are qualified by their method so that two methods' `client` stay apart,
//! while fields (`_client`, `this.client`) stay shared by the class.

use crate::extract::common::code_lexer::{Assign, Code};
use crate::extract::common::code_tls::qualify;

/// Words before `(...) {` that open a statement block, not a method body.
const BLOCK_WORDS: [&str; 12] = [
    "if",
    "for",
    "foreach",
    "while",
    "switch",
    "catch",
    "using",
    "lock",
    "fixed",
    "checked",
    "unchecked",
    "when",
];

/// The method (or constructor, or local function) whose body holds token
/// `i`: the innermost `{` after `Name(...)`, skipping statement blocks,
/// object initializers (`new T(...) {`) and lambdas.
pub fn method_of(code: &Code<'_>, i: usize) -> Option<String> {
    let mut cur = code.enclosing(i);
    let mut guard = 0;
    while let Some(open) = cur {
        guard += 1;
        if guard > 256 {
            return None;
        }
        if code.is_punct(open, "{") {
            if let Some(name) = header(code, open) {
                return Some(name);
            }
        }
        cur = code.enclosing(open);
    }
    None
}

fn header(code: &Code<'_>, open: usize) -> Option<String> {
    let close = open.checked_sub(1)?;
    if !code.is_punct(close, ")") {
        return None;
    }
    let paren = code.partner(close)?;
    let name_at = paren.checked_sub(1)?;
    let name = code.name(name_at)?;
    if BLOCK_WORDS.contains(&name) {
        return None;
    }
    if name_at
        .checked_sub(1)
        .is_some_and(|p| code.is_ident(p, "new"))
    {
        return None;
    }
    // `Ctor(args) : base(x) {`: the constructor's name.
    if matches!(name, "base" | "this")
        && name_at
            .checked_sub(1)
            .is_some_and(|p| code.is_punct(p, ":"))
    {
        let ctor_close = name_at.checked_sub(2)?;
        if !code.is_punct(ctor_close, ")") {
            return None;
        }
        let p = code.partner(ctor_close)?;
        return code.name(p.checked_sub(1)?).map(str::to_owned);
    }
    Some(name.to_owned())
}

/// Local variables declared in methods, as `method::name`.
pub struct Locals(Vec<String>);

impl Locals {
    pub fn new(code: &Code<'_>, assigns: &[Assign]) -> Self {
        let mut out = Vec::new();
        for a in assigns {
            if !a.declared || a.target.names.len() != 1 || a.target.receiver.is_some() {
                continue;
            }
            let Some(m) = method_of(code, a.target.start) else {
                continue;
            };
            out.push(qualify(Some(&m), &code.path_text(&a.target)));
        }
        Self(out)
    }

    /// `name` as seen from token `at`: `method::name` for a local, else as
    /// written (a field, a parameter, a dotted path).
    pub fn resolve(&self, code: &Code<'_>, at: usize, name: &str) -> String {
        let q = qualify(method_of(code, at).as_deref(), name);
        if self.0.contains(&q) {
            q
        } else {
            name.to_owned()
        }
    }
}
