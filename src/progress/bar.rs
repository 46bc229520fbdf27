//! The progress display on standard error: a spinner while the walk runs,
//! then a bar with files done, files walked and scanned, findings so far and
//! the elapsed time.
//!
//! A ticker thread reads [`Counters`] ten times a second and redraws; the
//! workers never touch the display. On a terminal it appears only once the
//! scan has taken more than a moment, so quick runs stay quiet, and it is
//! cleared before the report and summary are printed.

use super::{Counters, Snapshot};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle, TermLike};
use std::io::Write;
use std::sync::mpsc::{self, RecvTimeoutError};
use std::time::{Duration, Instant};

/// How long a scan runs before the display appears on a terminal.
pub const DELAY: Duration = Duration::from_millis(300);

/// How often the display is refreshed from the counters.
const TICK: Duration = Duration::from_millis(100);

/// The spinner while the walk runs.
const WALKING: &str = "{spinner} {elapsed:>3} walking: {msg}";
/// The bar once the files to process are known.
const SCANNING: &str = "{spinner} {elapsed:>3} [{bar:20}] {pos}/{len} files ({msg})";

/// Where the display goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    /// Standard error, which is a terminal; shown after [`DELAY`].
    Terminal,
    /// Standard error whatever it is, from the start (`--progress always`).
    Forced,
}

/// Runs `work` while the progress of `counters` is shown on `target`.
pub fn show_while<T>(counters: &Counters, target: Target, work: impl FnOnce() -> T) -> T {
    let started = Instant::now();
    std::thread::scope(|scope| {
        let (stop, stopped) = mpsc::channel::<()>();
        let ticker = scope.spawn(move || tick(counters, target, started, &stopped));
        let out = work();
        drop(stop);
        let _ = ticker.join();
        out
    })
}

fn tick(counters: &Counters, target: Target, started: Instant, stopped: &mpsc::Receiver<()>) {
    let delay = match target {
        Target::Terminal => DELAY,
        Target::Forced => Duration::ZERO,
    };
    if !matches!(stopped.recv_timeout(delay), Err(RecvTimeoutError::Timeout)) {
        return;
    }
    let draw = match target {
        Target::Terminal => ProgressDrawTarget::stderr_with_hz(10),
        Target::Forced => ProgressDrawTarget::term_like_with_hz(Box::new(AnyStderr), 10),
    };
    let bar = ProgressBar::with_draw_target(None, draw).with_elapsed(started.elapsed());
    bar.set_style(walking_style());
    let mut walking = true;
    loop {
        update(&bar, &mut walking, counters.snapshot());
        bar.tick();
        if !matches!(stopped.recv_timeout(TICK), Err(RecvTimeoutError::Timeout)) {
            break;
        }
    }
    // The final counts, drawn once whatever the refresh rate, then cleared
    // so that the report and the summary start on a clean line.
    update(&bar, &mut walking, counters.snapshot());
    bar.force_draw();
    bar.finish_and_clear();
}

/// Puts `now` into the display, switching from the walk's spinner to the
/// bar once the number of files is known.
fn update(bar: &ProgressBar, walking: &mut bool, now: Snapshot) {
    if *walking {
        if let Some(total) = now.total {
            *walking = false;
            bar.set_length(total as u64);
            bar.set_style(scanning_style());
        }
    }
    bar.set_message(if *walking {
        format!("{} walked", plural(now.walked, "file"))
    } else {
        format!(
            "{} scanned, {}",
            now.scanned,
            plural(now.findings, "finding")
        )
    });
    bar.set_position(now.done as u64);
}

fn plural(n: usize, word: &str) -> String {
    format!("{n} {word}{}", if n == 1 { "" } else { "s" })
}

fn walking_style() -> ProgressStyle {
    ProgressStyle::with_template(WALKING).unwrap_or_else(|_| ProgressStyle::default_spinner())
}

fn scanning_style() -> ProgressStyle {
    ProgressStyle::with_template(SCANNING)
        .map(|s| s.progress_chars("=> "))
        .unwrap_or_else(|_| ProgressStyle::default_bar())
}

/// Standard error as a terminal even when it is not one, so that a forced
/// display is drawn into a pipe or file (with the usual escape sequences).
#[derive(Debug)]
struct AnyStderr;

impl AnyStderr {
    fn put(&self, s: &str) -> std::io::Result<()> {
        std::io::stderr().lock().write_all(s.as_bytes())
    }
}

impl TermLike for AnyStderr {
    fn width(&self) -> u16 {
        100
    }

    fn move_cursor_up(&self, n: usize) -> std::io::Result<()> {
        if n > 0 {
            self.put(&format!("\x1b[{n}A"))?;
        }
        Ok(())
    }

    fn move_cursor_down(&self, n: usize) -> std::io::Result<()> {
        if n > 0 {
            self.put(&format!("\x1b[{n}B"))?;
        }
        Ok(())
    }

    fn move_cursor_right(&self, n: usize) -> std::io::Result<()> {
        if n > 0 {
            self.put(&format!("\x1b[{n}C"))?;
        }
        Ok(())
    }

    fn move_cursor_left(&self, n: usize) -> std::io::Result<()> {
        if n > 0 {
            self.put(&format!("\x1b[{n}D"))?;
        }
        Ok(())
    }

    fn write_line(&self, s: &str) -> std::io::Result<()> {
        self.put(s)?;
        self.put("\n")
    }

    fn write_str(&self, s: &str) -> std::io::Result<()> {
        self.put(s)
    }

    fn clear_line(&self) -> std::io::Result<()> {
        self.put("\r\x1b[2K")
    }

    fn flush(&self) -> std::io::Result<()> {
        std::io::stderr().lock().flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_message_names_the_walk_then_scanned_files_and_findings() {
        let bar = ProgressBar::hidden();
        let mut walking = true;
        let now = Snapshot {
            walked: 12,
            total: None,
            done: 0,
            scanned: 0,
            findings: 0,
        };
        update(&bar, &mut walking, now);
        assert_eq!(bar.message(), "12 files walked");
        let now = Snapshot {
            total: Some(12),
            done: 3,
            scanned: 2,
            findings: 1,
            ..now
        };
        update(&bar, &mut walking, now);
        assert!(!walking);
        assert_eq!(bar.message(), "2 scanned, 1 finding");
        assert_eq!((bar.position(), bar.length()), (3, Some(12)));
    }

    #[test]
    fn styles_compile() {
        // The templates are constants: a typo would silently fall back to
        // the default style, so check they parse.
        assert!(ProgressStyle::with_template(WALKING).is_ok());
        assert!(ProgressStyle::with_template(SCANNING).is_ok());
    }

    #[test]
    fn work_runs_and_returns_its_value_under_a_display() {
        let counters = Counters::new();
        let value = show_while(&counters, Target::Terminal, || 42);
        assert_eq!(value, 42);
    }
}
