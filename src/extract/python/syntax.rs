//! The little of Python's syntax the extractor needs, read off the tokens:
//! logical lines, bracket groups, scopes (module, class, function; by
//! indentation), imports, assignments, `with ... as` / `for` targets, and
//! calls with their arguments.
//!
//! Everything here is flow-insensitive: an assignment anywhere in a scope
//! counts for the whole scope, as Python's own rule for local names does.

use super::lexer::{self, Kind, LexError, Token};
use std::collections::{HashMap, HashSet};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ScopeKind {
    Module,
    Class,
    Function,
}

/// A module, class body or function body.
#[derive(Debug)]
pub struct Scope {
    pub kind: ScopeKind,
    pub parent: Option<usize>,
    /// Dotted names of the enclosing definitions (`Poller.connect`); empty
    /// for the module.
    pub path: String,
    /// Names bound in this scope (assigned, imported, parameters, ...).
    pub locals: HashSet<String>,
    /// Names declared `global` (or `nonlocal`) here: never local.
    pub not_local: HashSet<String>,
    /// For classes: the token ranges of the base class expressions.
    pub bases: Vec<(usize, usize)>,
    /// For classes: the class name.
    pub name: String,
}

/// How an assignment combines with the old value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AssignOp {
    /// `=` (also `with ... as x`, `for x in ...`, `x := ...`).
    Set,
    /// `|=`.
    Or,
    /// `&=`.
    And,
    /// Any other augmented assignment.
    Other,
}

/// `target op value`; an empty value range means "unknown value".
#[derive(Debug)]
pub struct Assign {
    pub scope: usize,
    pub target: (usize, usize),
    pub op: AssignOp,
    pub value: (usize, usize),
}

/// One argument of a call.
#[derive(Debug)]
pub struct Arg {
    pub keyword: Option<String>,
    pub range: (usize, usize),
    /// 1 for `*args`, 2 for `**kwargs`.
    pub star: u8,
}

/// `callee(args)` where the callee is a dotted name.
#[derive(Debug)]
pub struct Call {
    pub scope: usize,
    pub callee: Vec<String>,
    /// Tokens of the callee name.
    pub callee_range: (usize, usize),
    /// Index of the `)` closing the arguments.
    pub close: usize,
    pub args: Vec<Arg>,
    /// For a method called on a call's result (`f(x).starttls()`): the
    /// index of the `)` it follows; its callee is then just the method.
    pub receiver: Option<usize>,
}

impl Call {
    /// The argument at `position` (counting positional ones only, unknown
    /// after a `*args`) or named `keyword`.
    pub fn arg(&self, position: Option<usize>, keyword: &str) -> Option<&Arg> {
        if let Some(arg) = self
            .args
            .iter()
            .find(|a| a.keyword.as_deref() == Some(keyword))
        {
            return Some(arg);
        }
        let position = position?;
        let mut n = 0;
        for arg in &self.args {
            if arg.star == 1 {
                return None;
            }
            if arg.keyword.is_none() && arg.star == 0 {
                if n == position {
                    return Some(arg);
                }
                n += 1;
            }
        }
        None
    }
}

/// What an expression is, as far as the extractor cares.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// A single string literal token.
    Str(usize),
    Int(u64),
    Bool(bool),
    NoneLit,
    /// A dotted name and its token range.
    Chain(Vec<String>, (usize, usize)),
    /// A call (index into `Code::calls`) and nothing else.
    Call(usize),
    Other,
}

/// A tokenized, lightly parsed Python file.
pub struct Code<'a> {
    pub text: &'a str,
    pub toks: Vec<Token>,
    close: Vec<Option<usize>>,
    pub scopes: Vec<Scope>,
    scope_of: Vec<usize>,
    /// Import aliases: local name -> dotted target (`s` -> `ssl`,
    /// `IMAP4_SSL` -> `imaplib.IMAP4_SSL`).
    pub imports: HashMap<String, String>,
    /// Modules imported with `from m import *`.
    pub star_imports: Vec<String>,
    pub assigns: Vec<Assign>,
    /// `return value` statements: (function scope, value range).
    pub returns: Vec<(usize, (usize, usize))>,
    pub calls: Vec<Call>,
    call_at: HashMap<usize, usize>,
}

const COMPOUND: [&str; 11] = [
    "if", "elif", "else", "for", "while", "try", "except", "finally", "with", "def", "class",
];

impl<'a> Code<'a> {
    pub fn parse(text: &'a str) -> Result<Self, LexError> {
        let toks = lexer::tokenize(text)?;
        let mut code = Code {
            text,
            close: vec![None; toks.len()],
            scope_of: vec![0; toks.len()],
            toks,
            scopes: vec![Scope {
                kind: ScopeKind::Module,
                parent: None,
                path: String::new(),
                locals: HashSet::new(),
                not_local: HashSet::new(),
                bases: Vec::new(),
                name: String::new(),
            }],
            imports: HashMap::new(),
            star_imports: Vec::new(),
            assigns: Vec::new(),
            returns: Vec::new(),
            calls: Vec::new(),
            call_at: HashMap::new(),
        };
        code.match_brackets();
        code.build_scopes();
        code.find_walrus();
        code.find_calls();
        Ok(code)
    }

    // --- token access -----------------------------------------------------

    pub fn kind(&self, i: usize) -> Option<Kind> {
        self.toks.get(i).map(|t| t.kind)
    }

    pub fn text_of(&self, i: usize) -> &'a str {
        self.toks
            .get(i)
            .and_then(|t| self.text.get(t.start..t.end))
            .unwrap_or("")
    }

    pub fn is_op(&self, i: usize, op: &str) -> bool {
        self.kind(i) == Some(Kind::Op) && self.text_of(i) == op
    }

    pub fn is_name(&self, i: usize, name: &str) -> bool {
        self.kind(i) == Some(Kind::Name) && self.text_of(i) == name
    }

    /// The source text from the start of token `s` to the end of token `e - 1`.
    pub fn slice(&self, s: usize, e: usize) -> &'a str {
        match (
            self.toks.get(s),
            e.checked_sub(1).and_then(|l| self.toks.get(l)),
        ) {
            (Some(a), Some(b)) if a.start <= b.end => self.text.get(a.start..b.end).unwrap_or(""),
            _ => "",
        }
    }

    pub fn scope_of(&self, i: usize) -> usize {
        self.scope_of.get(i).copied().unwrap_or(0)
    }

    /// The index of the token closing the bracket opened at `i`.
    pub fn close_of(&self, i: usize) -> Option<usize> {
        self.close.get(i).copied().flatten()
    }

    /// The index after the bracket group opened at `i` (or `i + 1`).
    fn skip_group(&self, i: usize) -> usize {
        self.close_of(i).map_or(i + 1, |c| c + 1)
    }

    fn is_open(&self, i: usize) -> bool {
        self.kind(i) == Some(Kind::Op) && matches!(self.text_of(i), "(" | "[" | "{")
    }

    /// The dotted name `a.b.c` starting at `i` (within `..e`) and the index
    /// after it.
    pub fn chain(&self, i: usize, e: usize) -> Option<(Vec<String>, usize)> {
        if i >= e || self.kind(i) != Some(Kind::Name) {
            return None;
        }
        let mut parts = vec![self.text_of(i).to_owned()];
        let mut j = i + 1;
        while j + 1 < e && self.is_op(j, ".") && self.kind(j + 1) == Some(Kind::Name) {
            parts.push(self.text_of(j + 1).to_owned());
            j += 2;
        }
        Some((parts, j))
    }

    /// Splits `s..e` at commas outside brackets; empty pieces are dropped.
    pub fn split_commas(&self, s: usize, e: usize) -> Vec<(usize, usize)> {
        self.split_on(s, e, ",")
    }

    fn split_on(&self, s: usize, e: usize, sep: &str) -> Vec<(usize, usize)> {
        let mut out = Vec::new();
        let mut start = s;
        let mut i = s;
        while i < e {
            if self.is_open(i) {
                i = self.skip_group(i);
                continue;
            }
            if self.is_op(i, sep) {
                if start < i {
                    out.push((start, i));
                }
                start = i + 1;
            }
            i += 1;
        }
        if start < e {
            out.push((start, e.min(self.toks.len())));
        }
        out
    }

    /// Removes brackets enclosing the whole of `s..e`.
    pub fn strip_parens(&self, mut s: usize, mut e: usize) -> (usize, usize) {
        while s < e && self.is_open(s) && self.close_of(s) == Some(e - 1) {
            s += 1;
            e -= 1;
        }
        (s, e)
    }

    /// Classifies the expression `s..e`.
    pub fn value(&self, s: usize, e: usize) -> Value {
        let (s, e) = self.strip_parens(s, e);
        if s >= e {
            return Value::Other;
        }
        if e - s == 1 {
            match self.kind(s) {
                Some(Kind::Str) => return Value::Str(s),
                Some(Kind::Number) => {
                    let digits: String = self.text_of(s).chars().filter(|c| *c != '_').collect();
                    return digits.parse().map_or(Value::Other, Value::Int);
                }
                Some(Kind::Name) => match self.text_of(s) {
                    "None" => return Value::NoneLit,
                    "True" => return Value::Bool(true),
                    "False" => return Value::Bool(false),
                    _ => {}
                },
                _ => {}
            }
        }
        if let Some((chain, ce)) = self.chain(s, e) {
            if ce == e {
                return Value::Chain(chain, (s, e));
            }
            if self.is_op(ce, "(") && self.close_of(ce) == Some(e - 1) {
                if let Some(&id) = self.call_at.get(&s) {
                    return Value::Call(id);
                }
            }
        }
        Value::Other
    }

    /// The text of a plain string literal token (no f-string, no escapes).
    pub fn str_literal(&self, i: usize) -> Option<&'a str> {
        let tok = self.toks.get(i)?;
        if tok.kind != Kind::Str || tok.form.formatted || !tok.form.terminated {
            return None;
        }
        let body = self
            .text
            .get(tok.start + tok.form.prefix + tok.form.quotes..tok.end - tok.form.quotes)?;
        (!body.contains('\\')).then_some(body)
    }

    // --- scopes and names ---------------------------------------------------

    /// The binding a dotted name refers to in `scope`: the name itself for
    /// module names, `path::name` for names local to a class or function,
    /// and `Class::self.attr` for attributes of `self` in a method.
    pub fn binding(&self, scope: usize, chain: &[String]) -> String {
        let joined = chain.join(".");
        let Some(base) = chain.first() else {
            return joined;
        };
        if chain.len() > 1 && (base == "self" || base == "cls") {
            if let Some(class) = self.enclosing_class(scope) {
                return format!("{}::{joined}", self.scopes[class].path);
            }
        }
        let mut s = Some(scope);
        let mut steps = 0;
        while let Some(id) = s {
            let Some(sc) = self.scopes.get(id) else { break };
            steps += 1;
            if steps > self.scopes.len() || sc.not_local.contains(base.as_str()) {
                break;
            }
            if sc.locals.contains(base.as_str()) && (id == scope || sc.kind != ScopeKind::Class) {
                return if sc.kind == ScopeKind::Module {
                    joined
                } else {
                    format!("{}::{joined}", sc.path)
                };
            }
            s = sc.parent;
        }
        joined
    }

    /// The class whose method (possibly through nested functions) `scope` is.
    pub fn enclosing_class(&self, scope: usize) -> Option<usize> {
        let mut s = self.scopes.get(scope)?.parent;
        if self.scopes.get(scope)?.kind != ScopeKind::Function {
            return None;
        }
        let mut steps = 0;
        while let Some(id) = s {
            steps += 1;
            let sc = self.scopes.get(id)?;
            if sc.kind == ScopeKind::Class {
                return Some(id);
            }
            if steps > self.scopes.len() {
                return None;
            }
            s = sc.parent;
        }
        None
    }

    /// Whether `inner` is `outer` or nested in it.
    pub fn within(&self, inner: usize, outer: usize) -> bool {
        let mut s = Some(inner);
        let mut steps = 0;
        while let Some(id) = s {
            if id == outer {
                return true;
            }
            steps += 1;
            if steps > self.scopes.len() {
                return false;
            }
            s = self.scopes.get(id).and_then(|sc| sc.parent);
        }
        false
    }

    /// The dotted module path a name refers to, through imports
    /// (`s.PROTOCOL_TLSv1` with `import ssl as s` -> `ssl.PROTOCOL_TLSv1`).
    pub fn canonical(&self, chain: &[String], star_known: impl Fn(&str, &str) -> bool) -> String {
        let Some(first) = chain.first() else {
            return String::new();
        };
        let mut out = match self.imports.get(first.as_str()) {
            Some(target) => target.clone(),
            None => self
                .star_imports
                .iter()
                .find(|m| star_known(m, first))
                .map_or_else(|| first.clone(), |m| format!("{m}.{first}")),
        };
        for part in chain.iter().skip(1) {
            out.push('.');
            out.push_str(part);
        }
        out
    }

    // --- building -------------------------------------------------------------

    fn match_brackets(&mut self) {
        let mut stack: Vec<usize> = Vec::new();
        for i in 0..self.toks.len() {
            match self.kind(i) {
                Some(Kind::Newline) => stack.clear(),
                Some(Kind::Op) => match self.text_of(i) {
                    "(" | "[" | "{" => stack.push(i),
                    ")" | "]" | "}" => {
                        if let Some(open) = stack.pop() {
                            if let Some(slot) = self.close.get_mut(open) {
                                *slot = Some(i);
                            }
                        }
                    }
                    _ => {}
                },
                _ => {}
            }
        }
    }

    /// Logical lines as token ranges, `Newline` excluded.
    fn logical_lines(&self) -> Vec<(usize, usize)> {
        let mut out = Vec::new();
        let mut start = 0;
        for (i, t) in self.toks.iter().enumerate() {
            if t.kind == Kind::Newline {
                if start < i {
                    out.push((start, i));
                }
                start = i + 1;
            }
        }
        out
    }

    fn set_scope(&mut self, s: usize, e: usize, scope: usize) {
        for slot in self.scope_of.iter_mut().take(e).skip(s) {
            *slot = scope;
        }
    }

    fn new_scope(&mut self, kind: ScopeKind, name: &str, parent: usize) -> usize {
        let parent_path = self.scopes.get(parent).map_or("", |p| p.path.as_str());
        let path = if parent_path.is_empty() {
            name.to_owned()
        } else {
            format!("{parent_path}.{name}")
        };
        self.scopes.push(Scope {
            kind,
            parent: Some(parent),
            path,
            locals: HashSet::new(),
            not_local: HashSet::new(),
            bases: Vec::new(),
            name: name.to_owned(),
        });
        self.scopes.len() - 1
    }

    fn build_scopes(&mut self) {
        // (scope, indentation of its header line)
        let mut stack: Vec<(usize, usize)> = vec![(0, 0)];
        for (ls, le) in self.logical_lines() {
            let indent = self.toks.get(ls).and_then(|t| t.indent).unwrap_or(0);
            while stack.len() > 1 && stack.last().is_some_and(|&(_, h)| indent <= h) {
                stack.pop();
            }
            let cur = stack.last().map_or(0, |&(s, _)| s);
            let mut k = ls;
            if self.is_name(k, "async") {
                k += 1;
            }
            let is_def = self.is_name(k, "def");
            let is_class = self.is_name(k, "class");
            if (is_def || is_class) && self.kind(k + 1) == Some(Kind::Name) {
                let name = self.text_of(k + 1).to_owned();
                let kind = if is_def {
                    ScopeKind::Function
                } else {
                    ScopeKind::Class
                };
                let sid = self.new_scope(kind, &name, cur);
                if let Some(sc) = self.scopes.get_mut(cur) {
                    sc.locals.insert(name);
                }
                let mut j = k + 2;
                let mut group = None;
                if self.is_op(j, "(") {
                    let c = self.close_of(j).unwrap_or(le);
                    group = Some((j + 1, c.min(le)));
                    j = c + 1;
                }
                let mut colon = le;
                let mut i = j;
                while i < le {
                    if self.is_open(i) {
                        i = self.skip_group(i);
                        continue;
                    }
                    if self.is_op(i, ":") {
                        colon = i;
                        break;
                    }
                    i += 1;
                }
                self.set_scope(ls, le, cur);
                if is_def {
                    self.set_scope(k + 2, colon.min(le), sid);
                    if let Some((s, e)) = group {
                        self.add_params(s, e, sid);
                    }
                } else if let Some((s, e)) = group {
                    let bases = self
                        .split_commas(s, e)
                        .into_iter()
                        .filter(|&(a, _)| {
                            !(self.kind(a) == Some(Kind::Name) && self.is_op(a + 1, "="))
                        })
                        .collect();
                    if let Some(sc) = self.scopes.get_mut(sid) {
                        sc.bases = bases;
                    }
                }
                if colon + 1 < le {
                    self.set_scope(colon + 1, le, sid);
                    self.statements(colon + 1, le, sid);
                } else {
                    stack.push((sid, indent));
                }
            } else {
                self.set_scope(ls, le, cur);
                self.statements(ls, le, cur);
            }
        }
    }

    fn add_params(&mut self, s: usize, e: usize, scope: usize) {
        for (a, _) in self.split_commas(s, e) {
            let mut i = a;
            while self.is_op(i, "*") || self.is_op(i, "**") {
                i += 1;
            }
            if self.kind(i) == Some(Kind::Name) {
                let name = self.text_of(i).to_owned();
                if let Some(sc) = self.scopes.get_mut(scope) {
                    sc.locals.insert(name);
                }
            }
        }
    }

    fn add_local(&mut self, scope: usize, name: &str) {
        if let Some(sc) = self.scopes.get_mut(scope) {
            sc.locals.insert(name.to_owned());
        }
    }

    /// Reads the simple statements and compound headers of `s..e`, in
    /// source order (`if x: a = 1; b = 2` is a header and two statements).
    fn statements(&mut self, s: usize, e: usize, scope: usize) {
        for (mut a, b) in self.split_on(s, e, ";") {
            loop {
                let mut k = a;
                if self.is_name(k, "async") {
                    k += 1;
                }
                let word = self.text_of(k);
                let compound = self.kind(k) == Some(Kind::Name)
                    && COMPOUND.contains(&word)
                    && !self.is_op(k + 1, "=")
                    && !self.is_op(k + 1, ".");
                if !compound {
                    self.simple(a, b, scope);
                    break;
                }
                let mut colon = b;
                let mut i = k + 1;
                while i < b {
                    if self.is_open(i) {
                        i = self.skip_group(i);
                        continue;
                    }
                    if self.is_op(i, ":") {
                        colon = i;
                        break;
                    }
                    i += 1;
                }
                self.header(word, k + 1, colon, scope);
                if colon + 1 >= b {
                    break;
                }
                a = colon + 1;
            }
        }
    }

    fn header(&mut self, keyword: &str, s: usize, e: usize, scope: usize) {
        match keyword {
            "with" => {
                let mut items = self.split_commas(s, e);
                if let [(a, b)] = items.as_slice() {
                    let (a, b) = (*a, *b);
                    if self.is_op(a, "(") && self.close_of(a) == Some(b - 1) {
                        let inner = self.split_commas(a + 1, b - 1);
                        if inner
                            .iter()
                            .any(|&(x, y)| self.find_name(x, y, "as").is_some())
                        {
                            items = inner;
                        }
                    }
                }
                for (a, b) in items {
                    if let Some(at) = self.find_name(a, b, "as") {
                        self.assign(at + 1, b, AssignOp::Set, (a, at), scope);
                    }
                }
            }
            "for" => {
                if let Some(at) = self.find_name(s, e, "in") {
                    self.assign(s, at, AssignOp::Set, (at, at), scope);
                }
            }
            "except" => {
                if let Some(at) = self.find_name(s, e, "as") {
                    self.assign(at + 1, e, AssignOp::Set, (at, at), scope);
                }
            }
            _ => {}
        }
    }

    /// The first `name` keyword in `s..e` outside brackets.
    fn find_name(&self, s: usize, e: usize, name: &str) -> Option<usize> {
        let mut i = s;
        while i < e {
            if self.is_open(i) {
                i = self.skip_group(i);
                continue;
            }
            if self.is_name(i, name) {
                return Some(i);
            }
            i += 1;
        }
        None
    }

    fn simple(&mut self, s: usize, e: usize, scope: usize) {
        match self.text_of(s) {
            "import" if self.kind(s) == Some(Kind::Name) => return self.import(s + 1, e, scope),
            "from" if self.kind(s) == Some(Kind::Name) => return self.import_from(s + 1, e, scope),
            "return" if self.kind(s) == Some(Kind::Name) => {
                self.returns.push((scope, (s + 1, e)));
                return;
            }
            "global" | "nonlocal" if self.kind(s) == Some(Kind::Name) => {
                for (a, _) in self.split_commas(s + 1, e) {
                    let name = self.text_of(a).to_owned();
                    if let Some(sc) = self.scopes.get_mut(scope) {
                        sc.not_local.insert(name);
                    }
                }
                return;
            }
            _ => {}
        }
        let mut eqs = Vec::new();
        let mut aug = None;
        let mut colon = None;
        let mut i = s;
        while i < e {
            if self.is_open(i) {
                i = self.skip_group(i);
                continue;
            }
            if self.is_name(i, "lambda") {
                break;
            }
            if self.kind(i) == Some(Kind::Op) {
                match self.text_of(i) {
                    "=" => eqs.push(i),
                    ":" if eqs.is_empty() && colon.is_none() => colon = Some(i),
                    op if eqs.is_empty()
                        && op.len() >= 2
                        && op.ends_with('=')
                        && !matches!(op, "==" | "!=" | "<=" | ">=") =>
                    {
                        aug = Some((i, op));
                        break;
                    }
                    _ => {}
                }
            }
            i += 1;
        }
        if let Some((at, op)) = aug {
            let op = match op {
                "|=" => AssignOp::Or,
                "&=" => AssignOp::And,
                _ => AssignOp::Other,
            };
            self.assign(s, at, op, (at + 1, e), scope);
            return;
        }
        let Some(&last) = eqs.last() else {
            if let Some(c) = colon {
                // `name: Type` declares a local.
                self.assign(s, c, AssignOp::Set, (c, c), scope);
            }
            return;
        };
        let mut start = s;
        for (n, &eq) in eqs.iter().enumerate() {
            let end = match colon {
                Some(c) if n == 0 && c < eq => c,
                _ => eq,
            };
            self.assign(start, end, AssignOp::Set, (last + 1, e), scope);
            start = eq + 1;
        }
    }

    /// Records `target op value`, splitting tuple targets.
    fn assign(&mut self, ts: usize, te: usize, op: AssignOp, value: (usize, usize), scope: usize) {
        let (ts, te) = self.strip_parens(ts, te);
        let parts = self.split_commas(ts, te);
        let tuple = parts.len() > 1 || (te > ts && self.is_op(te - 1, ","));
        let values = if tuple {
            let (vs, ve) = self.strip_parens(value.0, value.1);
            let v = self.split_commas(vs, ve);
            (v.len() == parts.len()).then_some(v)
        } else {
            None
        };
        for (n, (mut a, b)) in parts.into_iter().enumerate() {
            if self.is_op(a, "*") {
                a += 1;
            }
            let value = if tuple {
                values
                    .as_ref()
                    .and_then(|v| v.get(n).copied())
                    .unwrap_or((value.0, value.0))
            } else {
                value
            };
            if let Some((chain, end)) = self.chain(a, b) {
                if end == b && chain.len() == 1 {
                    self.add_local(scope, &chain[0]);
                }
            }
            self.assigns.push(Assign {
                scope,
                target: (a, b),
                op,
                value,
            });
        }
    }

    fn import(&mut self, s: usize, e: usize, scope: usize) {
        for (a, b) in self.split_commas(s, e) {
            let Some((chain, end)) = self.chain(a, b) else {
                continue;
            };
            let (alias, target) =
                if self.is_name(end, "as") && self.kind(end + 1) == Some(Kind::Name) {
                    (self.text_of(end + 1).to_owned(), chain.join("."))
                } else {
                    (chain[0].clone(), chain[0].clone())
                };
            self.add_local(scope, &alias);
            self.imports.insert(alias, target);
        }
    }

    fn import_from(&mut self, s: usize, e: usize, scope: usize) {
        let Some(at) = self.find_name(s, e, "import") else {
            return;
        };
        let module: String = (s..at).map(|i| self.text_of(i)).collect();
        if self.is_op(at + 1, "*") {
            self.star_imports.push(module);
            return;
        }
        let (a, b) = self.strip_parens(at + 1, e);
        for (x, y) in self.split_commas(a, b) {
            if self.kind(x) != Some(Kind::Name) {
                continue;
            }
            let name = self.text_of(x);
            let alias = if self.is_name(x + 1, "as") && x + 2 < y {
                self.text_of(x + 2)
            } else {
                name
            };
            let alias = alias.to_owned();
            self.add_local(scope, &alias);
            self.imports.insert(alias, format!("{module}.{name}"));
        }
    }

    /// `name := value` anywhere.
    fn find_walrus(&mut self) {
        for i in 1..self.toks.len() {
            if !self.is_op(i, ":=") || self.kind(i - 1) != Some(Kind::Name) {
                continue;
            }
            let mut j = i + 1;
            while j < self.toks.len() {
                if self.is_open(j) {
                    j = self.skip_group(j);
                    continue;
                }
                if self.kind(j) == Some(Kind::Newline)
                    || self.is_op(j, ",")
                    || matches!(self.text_of(j), ")" | "]" | "}") && self.kind(j) == Some(Kind::Op)
                {
                    break;
                }
                j += 1;
            }
            let scope = self.scope_of(i);
            self.assign(i - 1, i, AssignOp::Set, (i + 1, j), scope);
        }
    }

    fn find_calls(&mut self) {
        for i in 0..self.toks.len() {
            if self.kind(i) != Some(Kind::Name)
                || (i > 0 && (self.is_name(i - 1, "def") || self.is_name(i - 1, "class")))
            {
                continue;
            }
            let receiver = if i > 0 && self.is_op(i - 1, ".") {
                if i >= 2 && self.is_op(i - 2, ")") {
                    Some(i - 2)
                } else {
                    continue;
                }
            } else {
                None
            };
            let Some((callee, ce)) = self.chain(i, self.toks.len()) else {
                continue;
            };
            if !self.is_op(ce, "(") {
                continue;
            }
            let Some(close) = self.close_of(ce) else {
                continue;
            };
            let args = self
                .split_commas(ce + 1, close)
                .into_iter()
                .map(|(a, b)| {
                    if self.is_op(a, "*") {
                        Arg {
                            keyword: None,
                            range: (a + 1, b),
                            star: 1,
                        }
                    } else if self.is_op(a, "**") {
                        Arg {
                            keyword: None,
                            range: (a + 1, b),
                            star: 2,
                        }
                    } else if self.kind(a) == Some(Kind::Name) && self.is_op(a + 1, "=") {
                        Arg {
                            keyword: Some(self.text_of(a).to_owned()),
                            range: (a + 2, b),
                            star: 0,
                        }
                    } else {
                        Arg {
                            keyword: None,
                            range: (a, b),
                            star: 0,
                        }
                    }
                })
                .collect();
            self.call_at.insert(i, self.calls.len());
            self.calls.push(Call {
                scope: self.scope_of(i),
                callee,
                callee_range: (i, ce),
                close,
                args,
                receiver,
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(src: &str) -> Code<'_> {
        match Code::parse(src) {
            Ok(c) => c,
            Err(e) => panic!("{e:?}"),
        }
    }

    fn binding_of_target(code: &Code<'_>, n: usize) -> String {
        let a = &code.assigns[n];
        let chain = code
            .chain(a.target.0, a.target.1)
            .map(|c| c.0)
            .unwrap_or_default();
        code.binding(a.scope, &chain)
    }

    #[test]
    fn scopes_qualify_local_names() {
        let src = "ctx = 1\ndef f(p):\n    ctx = 2\n    other.x = 3\nclass C:\n    def m(self):\n        self.c = 4\n        def inner():\n            self.d = 5\n";
        let code = parse(src);
        let got: Vec<String> = (0..code.assigns.len())
            .map(|n| binding_of_target(&code, n))
            .collect();
        assert_eq!(
            got,
            vec!["ctx", "f::ctx", "other.x", "C::self.c", "C::self.d"]
        );
    }

    #[test]
    fn globals_and_parameters() {
        let src = "def f(ctx, *a, k=1, **kw):\n    global G\n    G = 1\n    use(ctx)\n";
        let code = parse(src);
        assert_eq!(binding_of_target(&code, 0), "G");
        assert!(code.scopes[1].locals.contains("ctx"));
        assert!(code.scopes[1].locals.contains("kw"));
    }

    #[test]
    fn imports_and_canonical_names() {
        let src = "import ssl as s, imaplib\nfrom smtplib import SMTP as Mail, SMTP_SSL\nfrom ssl import *\n";
        let code = parse(src);
        let known = |m: &str, n: &str| m == "ssl" && n == "PROTOCOL_TLSv1";
        let c = |parts: &[&str]| {
            code.canonical(
                &parts.iter().map(|p| p.to_string()).collect::<Vec<_>>(),
                known,
            )
        };
        assert_eq!(c(&["s", "PROTOCOL_TLSv1"]), "ssl.PROTOCOL_TLSv1");
        assert_eq!(c(&["Mail"]), "smtplib.SMTP");
        assert_eq!(c(&["PROTOCOL_TLSv1"]), "ssl.PROTOCOL_TLSv1");
        assert_eq!(c(&["other"]), "other");
    }

    #[test]
    fn assignments_with_and_calls() {
        let src = "with smtplib.SMTP(h, 587) as s, open(p) as f:\n    s.starttls(context=ctx)\nif x: ctx.options |= ssl.OP_NO_TLSv1; y = 2\na, b = 1, 2\n";
        let code = parse(src);
        let targets: Vec<&str> = code
            .assigns
            .iter()
            .map(|a| code.slice(a.target.0, a.target.1))
            .collect();
        assert_eq!(targets, vec!["s", "f", "ctx.options", "y", "a", "b"]);
        assert_eq!(code.assigns[2].op, AssignOp::Or);
        let callees: Vec<String> = code.calls.iter().map(|c| c.callee.join(".")).collect();
        assert_eq!(callees, vec!["smtplib.SMTP", "open", "s.starttls"]);
        let starttls = &code.calls[2];
        assert!(starttls.arg(Some(2), "context").is_some());
        assert!(matches!(
            code.value(code.assigns[0].value.0, code.assigns[0].value.1),
            Value::Call(0)
        ));
    }
}
