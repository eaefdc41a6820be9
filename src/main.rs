//! The `ktpsim` binary: parses the command line, runs it, and reports errors.
//!
//! Everything else lives in the library (`ktpsim::cli::run`). An error prints
//! as `error: …` followed by one `caused by: …` line per underlying cause, and
//! exits with status 1; usage errors are clap's, with status 2. A run stopped by
//! Ctrl-C says what it kept and exits with status 130.

use std::io::Write;
use std::process::ExitCode;

use clap::Parser;
use ktpsim::cli::{self, Cli};
use ktpsim::interrupt::{self, Interrupted};
use ktpsim::terminal;

fn main() -> ExitCode {
    let args = Cli::parse();
    match cli::run(args) {
        Ok(()) => ExitCode::SUCCESS,
        // Messages quote file names and scenario text: shown with control
        // characters escaped. Nothing is left to tell if stderr itself fails.
        Err(error) if error.is::<Interrupted>() => {
            let _ = writeln!(terminal::stderr(), "{error}");
            ExitCode::from(interrupt::EXIT_STATUS)
        }
        Err(error) => {
            let mut stderr = terminal::stderr();
            let _ = writeln!(stderr, "error: {error}");
            for cause in error.chain().skip(1) {
                let _ = writeln!(stderr, "caused by: {cause}");
            }
            ExitCode::FAILURE
        }
    }
}
