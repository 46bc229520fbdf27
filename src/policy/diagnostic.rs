//! regorus reports a compile error the way rustc does: a `--> file:line:col`
//! line, the source line with a caret, then `error: message`. A person
//! reading tlsfloor's error wants one line saying where and what, so the
//! parts are put back together as `file:line:col: message`.

/// `file:line:col: message` from a regorus error, or `label: text` (the
/// text trimmed, on one line) when the error has no such parts.
pub fn located(label: &str, error: &str) -> String {
    let place = error
        .lines()
        .find_map(|l| l.trim().strip_prefix("-->"))
        .map(str::trim);
    let message = error
        .lines()
        .filter_map(|l| l.trim().strip_prefix("error:"))
        .map(str::trim)
        .next_back();
    match (place, message) {
        (Some(place), Some(message)) => format!("{place}: {message}"),
        _ => {
            let flat: Vec<&str> = error
                .lines()
                .map(str::trim)
                .filter(|l| !l.is_empty())
                .collect();
            format!("{label}: {}", flat.join(" "))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rustc_style_errors_become_one_line() {
        let e = "\n--> pol/bad.rego:4:5\n  |\n4 |   f := \n  |     ^\nerror: expecting `}` while parsing set\n";
        assert_eq!(
            located("pol/bad.rego", e),
            "pol/bad.rego:4:5: expecting `}` while parsing set"
        );
    }

    #[test]
    fn other_errors_keep_their_text_on_one_line() {
        assert_eq!(
            located("x.rego", "  bad thing\n happened "),
            "x.rego: bad thing happened"
        );
    }
}
