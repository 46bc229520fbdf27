//! The `tlsfloor` executable: parses arguments and hands over to the library.

/// Counts each thread's allocations so that `--policy-memory` can stop a
/// runaway policy (see `tlsfloor::policy::limits`).
#[global_allocator]
static ALLOCATOR: tlsfloor::policy::limits::CountingAllocator =
    tlsfloor::policy::limits::CountingAllocator;

fn main() -> std::process::ExitCode {
    tlsfloor::cli::run()
}
