//! The `joined-up` binary: the game window, or a subcommand for authors and educators.

use std::process::ExitCode;

fn main() -> ExitCode {
    joined_up::cli::run()
}
