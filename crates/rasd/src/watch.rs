//! `rasd watch`: poll news feeds, read each new article's page, extract its
//! events and store them, until interrupted.

use crate::cmd::{KnowledgeArgs, ReadingArgs};
use crate::ingest::{DbArgs, Ingester, MergeArgs};
use crate::status::StatusLine;
use anyhow::{bail, Context, Result};
use clap::Args;
use rasd_ingest::{Fetcher, FetcherConfig, PollSummary, Watcher, WatcherConfig};
use std::cell::Cell;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// The shortest time between polls.
const MIN_EVERY: Duration = Duration::from_secs(10);

#[derive(Args)]
pub struct WatchArgs {
    /// RSS 2.0 or Atom feed URLs (http or https).
    #[arg(value_name = "FEED_URL")]
    pub feeds: Vec<String>,
    /// A file of feed URLs, one a line; blank lines and lines starting
    /// with # are skipped.
    #[arg(long = "feeds", value_name = "FILE")]
    pub feed_list: Option<PathBuf>,
    /// Time between polls (at least 10s): 30s, 10m, 1h, 1h30m.
    #[arg(long, value_name = "DURATION", default_value = "10m", value_parser = parse_duration)]
    pub every: Duration,
    /// Poll once and exit (for cron jobs and scripts).
    #[arg(long)]
    pub once: bool,
    #[command(flatten)]
    pub db: DbArgs,
    /// State file remembering the items already stored and the feeds'
    /// ETag/Last-Modified, so a restart fetches nothing twice
    /// [default: the database path + .watch.json].
    #[arg(long, value_name = "PATH")]
    pub state: Option<PathBuf>,
    /// An e-mail address or URL added to the User-Agent, so that site
    /// operators can reach whoever runs rasd.
    #[arg(long, value_name = "CONTACT")]
    pub contact: Option<String>,
    /// Time allowed for one request, body included.
    #[arg(long, value_name = "DURATION", default_value = "30s", value_parser = parse_duration)]
    pub timeout: Duration,
    /// Least time between two requests to one site.
    #[arg(long, value_name = "DURATION", default_value = "1s", value_parser = parse_duration)]
    pub host_interval: Duration,
    /// Largest page or feed downloaded, in bytes.
    #[arg(long, value_name = "BYTES", default_value_t = FetcherConfig::default().max_bytes)]
    pub max_bytes: usize,
    #[command(flatten)]
    pub merge: MergeArgs,
    #[command(flatten)]
    pub reading: ReadingArgs,
    #[command(flatten)]
    pub knowledge: KnowledgeArgs,
}

pub fn run(args: WatchArgs) -> Result<ExitCode> {
    let mut feeds = args.feeds.clone();
    if let Some(file) = &args.feed_list {
        feeds.extend(rasd_ingest::read_feed_list(file)?);
    }
    if feeds.is_empty() {
        bail!("no feed to watch: give feed URLs, or --feeds FILE");
    }
    if !args.once && args.every < MIN_EVERY {
        bail!(
            "--every {}: poll at most every {}s; the feeds are someone else's servers",
            show_duration(args.every),
            MIN_EVERY.as_secs()
        );
    }
    let stop = Arc::new(AtomicBool::new(false));
    let handler_stop = stop.clone();
    ctrlc::set_handler(move || {
        if handler_stop.swap(true, Ordering::SeqCst) {
            eprintln!("\nrasd watch: interrupted again, exiting now");
            std::process::exit(130);
        }
        eprintln!(
            "\nrasd watch: finishing the current article, then exiting (Ctrl-C again to exit now)"
        );
    })
    .context("cannot install the Ctrl-C handler")?;

    let kb = args.knowledge.load()?;
    let mut store = args.db.open()?.with_merge_config(args.merge.config());
    let state = args
        .state
        .clone()
        .unwrap_or_else(|| PathBuf::from(format!("{}.watch.json", args.db.db.display())));
    let fetcher = Fetcher::new(FetcherConfig {
        user_agent: rasd_ingest::user_agent(args.contact.as_deref()),
        timeout: args.timeout,
        max_bytes: args.max_bytes,
        host_interval: args.host_interval,
        ..FetcherConfig::default()
    })
    .with_stop_flag(stop.clone());
    let feed_count = feeds.len();
    let mut watcher = Watcher::new(WatcherConfig::new(feeds, Some(state.clone())), fetcher)?;
    eprintln!(
        "rasd watch: {feed_count} feed(s) into {}{}; state in {}",
        args.db.db.display(),
        if args.once {
            String::new()
        } else {
            format!(", every {}", show_duration(args.every))
        },
        state.display()
    );

    // one article a transaction: an article is stored before it counts as seen
    let mut ingester = Ingester::new(&mut store, &kb, args.reading.options(), 1);
    let progress = Progress::new();
    let started = Instant::now();
    let mut polls = 0;
    let mut last = PollSummary::default();
    watcher.run(
        args.every,
        args.once.then_some(1),
        &stop,
        &mut |article| {
            let title = article.title.clone().unwrap_or_default();
            let events_before = ingester.tally.events;
            ingester.add(article)?;
            progress.article(ingester.tally.events - events_before, &title);
            Ok(())
        },
        &mut |problem| progress.problem(&problem),
        &mut |summary| {
            polls += 1;
            progress.println(format!(
                "rasd watch: poll {polls}: {} feed(s) read, {} unchanged, {} new article(s) ({} from the feed's summary only), {} problem(s)",
                summary.feeds_read,
                summary.feeds_unchanged,
                summary.articles,
                summary.from_feed_only,
                summary.problems
            ));
            last = summary.clone();
        },
    )?;
    progress.finish();
    eprintln!(
        "rasd watch: {polls} poll(s) in {:.0} s: {} article(s) stored, {} event(s), {} problem(s){}",
        started.elapsed().as_secs_f64(),
        progress.articles.get(),
        progress.events.get(),
        progress.problems.get(),
        if stop.load(Ordering::SeqCst) {
            "; stopped on Ctrl-C"
        } else {
            ""
        }
    );
    let nothing_reachable =
        last.feeds_read + last.feeds_unchanged == 0 && !stop.load(Ordering::SeqCst);
    Ok(if nothing_reachable {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}

/// The running counts, and a status line on standard error when it is a
/// terminal: articles stored, their rate, events and problems.
struct Progress {
    status: StatusLine,
    articles: Cell<usize>,
    events: Cell<usize>,
    problems: Cell<usize>,
}

impl Progress {
    fn new() -> Progress {
        let status = StatusLine::new();
        status.tick_steadily();
        Progress {
            status,
            articles: Cell::new(0),
            events: Cell::new(0),
            problems: Cell::new(0),
        }
    }

    fn article(&self, events: usize, title: &str) {
        self.articles.set(self.articles.get() + 1);
        self.events.set(self.events.get() + events);
        self.println(format!("rasd watch: {events} event(s): {title}"));
        self.refresh();
    }

    fn problem(&self, message: &str) {
        self.problems.set(self.problems.get() + 1);
        self.println(format!("rasd: {message}"));
        self.refresh();
    }

    fn refresh(&self) {
        self.status
            .show(self.articles.get(), self.events.get(), self.problems.get());
    }

    fn println(&self, line: String) {
        self.status.println(line);
    }

    fn finish(&self) {
        self.status.finish();
    }
}

/// `90s`, `10m`, `1h30m`, or plain seconds.
pub fn parse_duration(s: &str) -> Result<Duration, String> {
    let s = s.trim();
    if let Ok(seconds) = s.parse::<u64>() {
        return Ok(Duration::from_secs(seconds));
    }
    let mut total = 0u64;
    let mut number = String::new();
    for c in s.chars() {
        if c.is_ascii_digit() {
            number.push(c);
            continue;
        }
        let unit = match c {
            's' => 1,
            'm' => 60,
            'h' => 3600,
            'd' => 86_400,
            _ => return Err(format!("{s:?}: use a number with s, m, h or d, e.g. 10m")),
        };
        let n: u64 = number
            .parse()
            .map_err(|_| format!("{s:?}: a number must come before {c:?}"))?;
        total += n * unit;
        number.clear();
    }
    if !number.is_empty() || s.is_empty() {
        return Err(format!("{s:?}: end with a unit: s, m, h or d, e.g. 10m"));
    }
    Ok(Duration::from_secs(total))
}

fn show_duration(d: Duration) -> String {
    let s = d.as_secs();
    let parts = [(s / 3600, 'h'), (s % 3600 / 60, 'm'), (s % 60, 's')];
    let shown: String = parts
        .iter()
        .filter(|(n, _)| *n > 0)
        .map(|(n, unit)| format!("{n}{unit}"))
        .collect();
    if shown.is_empty() {
        "0s".to_owned()
    } else {
        shown
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_read_with_units() {
        assert_eq!(parse_duration("10m"), Ok(Duration::from_secs(600)));
        assert_eq!(parse_duration("1h30m"), Ok(Duration::from_secs(5400)));
        assert_eq!(parse_duration("45"), Ok(Duration::from_secs(45)));
        assert!(parse_duration("10").is_ok());
        assert!(parse_duration("10x").is_err());
        assert!(parse_duration("m").is_err());
        assert!(parse_duration("5m3").is_err());
        assert_eq!(show_duration(Duration::from_secs(600)), "10m");
        assert_eq!(show_duration(Duration::from_secs(5400)), "1h30m");
    }
}
