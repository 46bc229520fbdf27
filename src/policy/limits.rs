//! Limits on policy evaluation, so that a user policy that runs away (an
//! unbounded comprehension, `numbers.range` over a billion numbers) fails
//! with a message naming it instead of hanging or exhausting a CI runner.
//!
//! - **Time**: regorus's cooperative execution timer
//!   (`Engine::set_execution_timer_config`, regorus 0.14), armed per rule and
//!   per file: each `eval_rule` call restarts it. An overrun is an ordinary
//!   policy error naming the rule, so the scan stops with exit code 2.
//! - **Memory**: regorus only limits memory with its `allocator-memory-limits`
//!   feature, which makes a vendored mimalloc the allocator of the whole
//!   process and compares one process-wide total against the limit. tlsfloor
//!   instead counts, per thread, the bytes a rule evaluation allocates and
//!   has not freed, in [`CountingAllocator`] (the `tlsfloor` binary installs
//!   it as its global allocator). An evaluation that goes over its budget
//!   cannot be unwound from inside an allocator, so the process prints the
//!   prepared message naming the rule, the policy file and the scanned file,
//!   and exits with code 2 at once. Library users who do not install the
//!   allocator get the time limit only.

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::{Cell, RefCell};
use std::io::Write as _;
use std::num::NonZeroU32;
use std::time::Duration;

/// Default for `--policy-timeout`: seconds one rule may run on one file.
pub const DEFAULT_TIMEOUT_SECS: u64 = 10;
/// Default for `--policy-memory`: MiB one rule may allocate on one file.
pub const DEFAULT_MEMORY_MIB: u64 = 512;

/// Work units between two clock reads of the regorus timer.
const TIMER_CHECK_INTERVAL: u32 = 64;

/// Exit code of a scan stopped by a runaway policy (the tool could not do
/// its job, as for a policy that does not compile).
const EXIT_POLICY_LIMIT: i32 = 2;

/// How long and how much memory one rule may use on one file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PolicyLimits {
    pub time: Duration,
    /// Bytes.
    pub memory: u64,
}

impl Default for PolicyLimits {
    fn default() -> Self {
        PolicyLimits {
            time: Duration::from_secs(DEFAULT_TIMEOUT_SECS),
            memory: DEFAULT_MEMORY_MIB * 1024 * 1024,
        }
    }
}

impl PolicyLimits {
    /// The regorus timer configuration for these limits.
    pub(crate) fn timer(&self) -> regorus::utils::limits::ExecutionTimerConfig {
        regorus::utils::limits::ExecutionTimerConfig {
            limit: self.time,
            check_interval: NonZeroU32::new(TIMER_CHECK_INTERVAL).unwrap_or(NonZeroU32::MIN),
        }
    }
}

/// The message for a rule that ran over the time limit.
/// (The scan adds which file was being judged.)
pub(crate) fn timeout_message(rule: &str, source: &str, limit: Duration) -> String {
    format!(
        "rule {rule} ({source}) ran longer than the policy time limit of {} s; \
         fix the policy or raise --policy-timeout",
        limit.as_secs_f64()
    )
}

thread_local! {
    /// Bytes allocated minus bytes freed by this thread, ever.
    static LIVE: Cell<i64> = const { Cell::new(0) };
    /// `LIVE` may not exceed this while a budget is armed.
    static CEILING: Cell<i64> = const { Cell::new(i64::MAX) };
    /// What to print if the ceiling is crossed (prepared beforehand: the
    /// allocator cannot allocate to format it).
    static MESSAGE: RefCell<String> = const { RefCell::new(String::new()) };
}

/// Whether [`CountingAllocator`] is the global allocator (it sets this on
/// its first allocation).
static INSTALLED: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// Whether memory budgets are enforced in this process.
pub fn memory_limit_enforced() -> bool {
    INSTALLED.load(std::sync::atomic::Ordering::Relaxed)
}

/// A memory budget armed for the current thread until dropped.
pub(crate) struct MemoryBudget(());

impl MemoryBudget {
    /// Arms a budget of `bytes` for what this thread allocates from now on;
    /// `message` is printed if it is exceeded.
    pub(crate) fn arm(bytes: u64, message: String) -> MemoryBudget {
        let _ = MESSAGE.try_with(|m| {
            if let Ok(mut m) = m.try_borrow_mut() {
                *m = message;
            }
        });
        let live = LIVE.try_with(Cell::get).unwrap_or(0);
        let bytes = i64::try_from(bytes).unwrap_or(i64::MAX);
        let _ = CEILING.try_with(|c| c.set(live.saturating_add(bytes)));
        MemoryBudget(())
    }
}

impl Drop for MemoryBudget {
    fn drop(&mut self) {
        let _ = CEILING.try_with(|c| c.set(i64::MAX));
    }
}

/// The message for a rule that ran over the memory limit.
pub(crate) fn memory_message(rule: &str, source: &str, path: &str, limit: u64) -> String {
    format!(
        "tlsfloor: error: rule {rule} ({source}) allocated more than the policy memory limit of \
         {} MiB while judging {path}; the scan stopped. Fix the policy or raise --policy-memory\n",
        limit / (1024 * 1024)
    )
}

/// Called when a thread crosses its ceiling: print and stop the process.
#[cold]
fn over_budget() -> ! {
    let _ = CEILING.try_with(|c| c.set(i64::MAX));
    let _ = MESSAGE.try_with(|m| {
        if let Ok(m) = m.try_borrow() {
            let mut err = std::io::stderr().lock();
            let _ = err.write_all(m.as_bytes());
            let _ = err.flush();
        }
    });
    std::process::exit(EXIT_POLICY_LIMIT)
}

fn charge(bytes: usize) {
    let bytes = i64::try_from(bytes).unwrap_or(i64::MAX);
    let live = LIVE
        .try_with(|l| {
            let v = l.get().saturating_add(bytes);
            l.set(v);
            v
        })
        .unwrap_or(0);
    if live > CEILING.try_with(Cell::get).unwrap_or(i64::MAX) {
        over_budget();
    }
}

fn refund(bytes: usize) {
    let bytes = i64::try_from(bytes).unwrap_or(i64::MAX);
    let _ = LIVE.try_with(|l| l.set(l.get().saturating_sub(bytes)));
}

/// The system allocator, counting each thread's live bytes so that a rule
/// evaluation's memory can be limited. Install it in a binary with
/// `#[global_allocator] static A: CountingAllocator = CountingAllocator;`.
pub struct CountingAllocator;

// SAFETY: every method forwards to `System` with the caller's arguments; the
// bookkeeping touches only const-initialised thread-locals without
// destructors (no allocation, no re-entry) and never unwinds.
unsafe impl GlobalAlloc for CountingAllocator {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        INSTALLED.store(true, std::sync::atomic::Ordering::Relaxed);
        let p = System.alloc(layout);
        if !p.is_null() {
            charge(layout.size());
        }
        p
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        INSTALLED.store(true, std::sync::atomic::Ordering::Relaxed);
        let p = System.alloc_zeroed(layout);
        if !p.is_null() {
            charge(layout.size());
        }
        p
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        System.dealloc(ptr, layout);
        refund(layout.size());
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let p = System.realloc(ptr, layout, new_size);
        if !p.is_null() {
            refund(layout.size());
            charge(new_size);
        }
        p
    }
}
