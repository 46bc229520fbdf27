//! Windows Schannel protocol masks: `SCHANNEL_CRED.grbitEnabledProtocols`
//! (the protocols allowed; 0 lets the system decide) and, for the newer
//! `SCH_CREDENTIALS`, `TLS_PARAMETERS.grbitDisabledProtocols` (the protocols
//! switched off). Flag values from `schannel.h`: `SP_PROT_SSL3_CLIENT`
//! 0x20, `SP_PROT_TLS1_CLIENT` (= `SP_PROT_TLS1_0_CLIENT`) 0x80,
//! `SP_PROT_TLS1_1_CLIENT` 0x200, `SP_PROT_TLS1_2_CLIENT` 0x800,
//! `SP_PROT_TLS1_3_CLIENT` 0x2000 (the `_SERVER` flags are one bit lower,
//! the unsuffixed ones both).
//!
//! Set by assignment (`cred.grbitEnabledProtocols = ...`, `p->...`) or in
//! a designated initializer (`SCHANNEL_CRED cred = { .grbitEnabledProtocols
//! = ... }`); the binding is the structure variable.

use crate::extract::common::code_lexer::{Code, Kind};
use crate::extract::common::code_tls::Effect;

/// One mask: the structure it belongs to, its effects, value and token range.
pub struct Mask {
    pub binding: String,
    pub name: &'static str,
    pub effects: Vec<Effect>,
    pub value: (usize, usize),
    pub range: (usize, usize),
}

const FLAGS: [(u64, &str); 5] = [
    (0x30, "ssl3"),
    (0xC0, "1.0"),
    (0x300, "1.1"),
    (0xC00, "1.2"),
    (0x3000, "1.3"),
];

fn flag(name: &str) -> Option<u64> {
    let rest = name.strip_prefix("SP_PROT_")?;
    let (proto, side) = match rest.rsplit_once('_') {
        Some((p, "CLIENT")) => (p, 1),
        Some((p, "SERVER")) => (p, 2),
        _ => (rest, 3),
    };
    let base: u64 = match proto {
        "SSL3" => 0x10,
        "TLS1" | "TLS1_0" => 0x40,
        "TLS1_1" => 0x100,
        "TLS1_2" => 0x400,
        "TLS1_3" => 0x1000,
        _ => return None,
    };
    // The client bit is the higher of each pair.
    Some(match side {
        1 => base << 1,
        2 => base,
        _ => base | (base << 1),
    })
}

/// The mask of a flags expression; None when a part is not a known constant.
fn mask(code: &Code<'_>, s: usize, e: usize) -> Option<u64> {
    let mut bits = 0;
    for i in s..e {
        match code.kind(i) {
            Some(Kind::Number) => {
                let t = code.text(i).to_ascii_lowercase();
                let t = t.trim_end_matches(['u', 'l']);
                bits |= match t.strip_prefix("0x") {
                    Some(h) => u64::from_str_radix(h, 16).ok()?,
                    None => t.parse().ok()?,
                };
            }
            Some(Kind::Ident) => bits |= flag(code.name(i)?)?,
            Some(Kind::Punct) if matches!(code.text(i), "|" | "(" | ")") => {}
            _ => return None,
        }
    }
    Some(bits)
}

fn versions(bits: u64) -> Vec<&'static str> {
    FLAGS
        .iter()
        .filter(|(m, _)| bits & m != 0)
        .map(|(_, v)| *v)
        .collect()
}

fn effects(field: &str, bits: u64) -> Vec<Effect> {
    let vs = versions(bits);
    if field == "grbitDisabledProtocols" {
        return vs.into_iter().map(Effect::Disable).collect();
    }
    match vs.as_slice() {
        [] => vec![Effect::Declare],
        [one] => vec![Effect::Pin(one)],
        [first, .., last] => vec![Effect::Min(first), Effect::Max(last)],
    }
}

const FIELDS: [&str; 2] = ["grbitEnabledProtocols", "grbitDisabledProtocols"];

/// Every protocol mask of the file.
pub fn masks(code: &Code<'_>) -> Vec<Mask> {
    let mut out = Vec::new();
    for a in code.assignments() {
        let names = code.path_names(&a.target);
        let Some((&last, recv)) = names.split_last() else {
            continue;
        };
        let Some(&name) = FIELDS.iter().find(|f| **f == last) else {
            continue;
        };
        let binding = if recv.is_empty() {
            // `.grbitEnabledProtocols = x` inside `T cred = { ... }`.
            let Some(var) = initialized(code, a.target.start) else {
                continue;
            };
            var
        } else {
            recv.join(".")
        };
        if !code.is_punct(a.op, "=") {
            continue;
        }
        let Some(bits) = mask(code, a.value.0, a.value.1) else {
            continue;
        };
        out.push(Mask {
            binding,
            name,
            effects: effects(name, bits),
            value: a.value,
            range: (a.target.start, a.value.1),
        });
    }
    out
}

/// For a token inside `x = { ... }`: `x`.
fn initialized(code: &Code<'_>, i: usize) -> Option<String> {
    let brace = code.enclosing(i).filter(|&b| code.is_punct(b, "{"))?;
    let eq = brace.checked_sub(1)?;
    if !code.is_punct(eq, "=") {
        return None;
    }
    let path = code.path_back(eq.checked_sub(1)?)?;
    Some(code.path_text(&path))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flags_map_to_versions() {
        assert_eq!(flag("SP_PROT_TLS1_CLIENT"), Some(0x80));
        assert_eq!(flag("SP_PROT_TLS1_2_CLIENT"), Some(0x800));
        assert_eq!(flag("SP_PROT_TLS1_2"), Some(0xC00));
        assert_eq!(versions(0x80 | 0x200), vec!["1.0", "1.1"]);
        assert_eq!(effects("grbitEnabledProtocols", 0), vec![Effect::Declare]);
        assert_eq!(
            effects("grbitDisabledProtocols", 0x800 | 0x2000),
            vec![Effect::Disable("1.2"), Effect::Disable("1.3")]
        );
    }
}
