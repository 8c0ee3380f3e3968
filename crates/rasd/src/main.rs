//! The `rasd` command line: parse arguments, run one subcommand, map errors
//! to exit codes.

mod bench;
mod bench_ingest;
mod bench_load;
mod cmd;
mod detect;
mod eval;
mod eval_merge;
mod eval_places;
mod extract;
mod ingest;
mod input;
mod kb_build;
mod kb_import;
mod ner;
mod output;
mod query;
mod serve;
mod status;
mod watch;

use clap::Parser;
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = cmd::Cli::parse();
    match cli.command.run() {
        Ok(code) => code,
        Err(e) if is_broken_pipe(&e) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("rasd: {e:#}");
            ExitCode::FAILURE
        }
    }
}

/// `rasd extract ... | head` closes the pipe early: that is success.
fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|c| {
        c.downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}
