//! The `ktpsim` binary: parses the command line, runs it, and reports errors.
//!
//! Everything else lives in the library (`ktpsim::cli::run`). An error prints
//! as `error: …` followed by one `caused by: …` line per underlying cause, and
//! exits with status 1; usage errors are clap's, with status 2. A run stopped by
//! Ctrl-C says what it kept and exits with status 130.

use std::process::ExitCode;

use clap::Parser;
use ktpsim::cli::{self, Cli};
use ktpsim::interrupt::{self, Interrupted};

fn main() -> ExitCode {
    let args = Cli::parse();
    match cli::run(args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) if error.is::<Interrupted>() => {
            eprintln!("{error}");
            ExitCode::from(interrupt::EXIT_STATUS)
        }
        Err(error) => {
            eprintln!("error: {error}");
            for cause in error.chain().skip(1) {
                eprintln!("caused by: {cause}");
            }
            ExitCode::FAILURE
        }
    }
}
