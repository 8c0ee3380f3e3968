//! The status line that long commands (extract, ingest, watch) show.

use indicatif::{ProgressBar, ProgressStyle};
use std::time::Duration;

/// Articles done, their rate, events and errors, on standard error when it
/// is a terminal; nothing otherwise, so that logs and pipes stay clean.
pub struct StatusLine {
    bar: Option<ProgressBar>,
}

impl StatusLine {
    pub fn new() -> StatusLine {
        use std::io::IsTerminal;
        let bar = std::io::stderr().is_terminal().then(|| {
            let bar = ProgressBar::new_spinner();
            bar.set_style(
                ProgressStyle::with_template(
                    "{spinner} {elapsed} {pos} articles ({per_sec}) {msg}",
                )
                .expect("the progress template is valid"),
            );
            bar
        });
        StatusLine { bar }
    }

    /// Keeps the spinner moving while a command waits (between polls).
    pub fn tick_steadily(&self) {
        if let Some(bar) = &self.bar {
            bar.enable_steady_tick(Duration::from_millis(250));
        }
    }

    pub fn show(&self, articles: usize, events: usize, errors: usize) {
        if let Some(bar) = &self.bar {
            bar.set_position(articles as u64);
            bar.set_message(format!("{events} events, {errors} errors"));
        }
    }

    /// Prints a line above the status line.
    pub fn println(&self, line: String) {
        match &self.bar {
            Some(bar) => bar.println(line),
            None => eprintln!("{line}"),
        }
    }

    /// Clears the status line; true when there was one.
    pub fn finish(&self) -> bool {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
        self.bar.is_some()
    }
}
