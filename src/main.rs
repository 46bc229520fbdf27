//! The `tlsfloor` executable: parses arguments and hands over to the library.

fn main() -> std::process::ExitCode {
    tlsfloor::cli::run()
}
