//! `rasd ingest`: articles in, events stored and merged into incidents.

use crate::cmd::{KnowledgeArgs, ReadingArgs};
use crate::input::{expand_dirs, read_input, Defaults, Item};
use crate::status::StatusLine;
use anyhow::{Context, Result};
use clap::Args;
use rasd_core::{Article, Extraction, Knowledge};
use rasd_store::{IngestOutcome, MergeConfig, SqliteStore, Store};
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

/// The database file.
#[derive(Args, Clone)]
pub struct DbArgs {
    /// SQLite database file (created on first use).
    #[arg(long, value_name = "PATH", default_value = "rasd.db")]
    pub db: PathBuf,
}

impl DbArgs {
    pub fn open(&self) -> Result<SqliteStore> {
        SqliteStore::open(&self.db).with_context(|| format!("{}: cannot open", self.db.display()))
    }
}

/// The merge rule's thresholds (see `rasd_store::merge`).
#[derive(Args, Clone)]
pub struct MergeArgs {
    /// Largest gap in days between two reports of one incident.
    #[arg(long, value_name = "DAYS", default_value_t = MergeConfig::default().date_window_days)]
    pub merge_days: i64,
    /// The same when both reports know the day.
    #[arg(long, value_name = "DAYS", default_value_t = MergeConfig::default().precise_date_window_days)]
    pub merge_precise_days: i64,
    /// Largest distance in km between two reports of one incident.
    #[arg(long, value_name = "KM", default_value_t = MergeConfig::default().radius_km)]
    pub merge_km: f64,
}

impl MergeArgs {
    pub fn config(&self) -> MergeConfig {
        MergeConfig {
            date_window_days: self.merge_days,
            precise_date_window_days: self.merge_precise_days,
            radius_km: self.merge_km,
        }
    }
}

#[derive(Args)]
pub struct IngestArgs {
    /// Files or directories (read recursively: .txt, .html, .htm, .jsonl,
    /// .ndjson); `-` reads standard input.
    #[arg(required = true, value_name = "INPUT")]
    pub inputs: Vec<String>,
    #[command(flatten)]
    pub db: DbArgs,
    /// Publication date (YYYY-MM-DD) for inputs that do not carry one.
    #[arg(long, value_name = "DATE")]
    pub published: Option<String>,
    /// Outlet recorded for inputs that do not name one.
    #[arg(long)]
    pub source: Option<String>,
    /// Articles per transaction: a crash loses at most the open one.
    #[arg(long, value_name = "N", default_value_t = 500)]
    pub batch: usize,
    /// Largest input read, in bytes.
    #[arg(long, value_name = "BYTES", default_value_t = crate::input::DEFAULT_MAX_BYTES)]
    pub max_bytes: usize,
    #[command(flatten)]
    pub merge: MergeArgs,
    #[command(flatten)]
    pub reading: ReadingArgs,
    #[command(flatten)]
    pub knowledge: KnowledgeArgs,
}

/// What an ingest did, for the summary line.
#[derive(Default, Debug)]
pub struct Tally {
    pub read: usize,
    pub new: usize,
    pub updated: usize,
    pub unchanged: usize,
    pub duplicates: usize,
    pub events: usize,
    pub errors: usize,
}

impl Tally {
    fn count(&mut self, report: &rasd_store::IngestReport) {
        match report.outcome {
            IngestOutcome::New => self.new += 1,
            IngestOutcome::Updated => self.updated += 1,
            IngestOutcome::Unchanged => self.unchanged += 1,
            IngestOutcome::Duplicate => self.duplicates += 1,
        }
        self.events += report.events;
    }
}

/// Extracts and stores articles in batches of `batch_size`, one
/// transaction each.
pub struct Ingester<'a, S: Store> {
    store: &'a mut S,
    kb: &'a Knowledge,
    options: rasd_core::Options,
    batch: Vec<(Article, Extraction)>,
    batch_size: usize,
    pub tally: Tally,
}

impl<'a, S: Store> Ingester<'a, S> {
    pub fn new(
        store: &'a mut S,
        kb: &'a Knowledge,
        options: rasd_core::Options,
        batch_size: usize,
    ) -> Ingester<'a, S> {
        Ingester {
            store,
            kb,
            options,
            batch: Vec::with_capacity(batch_size.max(1)),
            batch_size: batch_size.max(1),
            tally: Tally::default(),
        }
    }

    pub fn add(&mut self, article: Article) -> Result<()> {
        let extraction = rasd_core::extract_with(&article, self.kb, self.options);
        self.batch.push((article, extraction));
        self.tally.read += 1;
        if self.batch.len() >= self.batch_size {
            self.flush()?;
        }
        Ok(())
    }

    pub fn flush(&mut self) -> Result<()> {
        if self.batch.is_empty() {
            return Ok(());
        }
        let reports = self
            .store
            .ingest_batch(&self.batch)
            .context("storing a batch of articles")?;
        for r in &reports {
            self.tally.count(r);
        }
        self.batch.clear();
        Ok(())
    }
}

pub fn run(args: IngestArgs) -> Result<ExitCode> {
    let defaults = Defaults::from_options(
        args.published.as_deref(),
        args.source.clone(),
        None,
        args.max_bytes,
    )?;
    let kb = args.knowledge.load()?;
    let mut store = args.db.open()?.with_merge_config(args.merge.config());
    let started = Instant::now();
    let progress = StatusLine::new();
    let mut ingester = Ingester::new(&mut store, &kb, args.reading.options(), args.batch);
    for input in expand_dirs(&args.inputs) {
        let items = match input.and_then(|name| read_input(&name, &defaults)) {
            Ok(items) => items,
            Err(e) => {
                progress.println(format!("rasd: {e:#}"));
                ingester.tally.errors += 1;
                continue;
            }
        };
        for item in items {
            match item {
                Item::Article(article) => ingester.add(*article)?,
                Item::Problem(p) => {
                    progress.println(format!("rasd: {p}"));
                    ingester.tally.errors += 1;
                }
            }
            progress.show(
                ingester.tally.read,
                ingester.tally.events,
                ingester.tally.errors,
            );
        }
    }
    ingester.flush()?;
    progress.finish();
    let tally = &ingester.tally;
    let seconds = started.elapsed().as_secs_f64();
    let totals = store.totals()?;
    eprintln!(
        "rasd ingest: {} articles read in {seconds:.1} s ({:.0}/s): {} new, {} updated, {} unchanged, {} duplicates; {} events stored; {} errors",
        tally.read,
        tally.read as f64 / seconds.max(1e-9),
        tally.new,
        tally.updated,
        tally.unchanged,
        tally.duplicates,
        tally.events,
        tally.errors
    );
    eprintln!(
        "{}: {} articles, {} events, {} incidents",
        args.db.db.display(),
        totals.articles,
        totals.events,
        totals.incidents
    );
    Ok(if tally.read == 0 && tally.errors > 0 {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}
