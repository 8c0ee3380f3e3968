//! `rasd bench`: how fast extraction runs on one core, measured against the
//! target of 2,000 articles per second.
//!
//! Plain `std::time::Instant` timing instead of criterion: the question is
//! one throughput figure on a realistic corpus, not micro-benchmark
//! statistics, and the release binary needs no extra dependencies for it.

use anyhow::{ensure, Context, Result};
use chrono::NaiveDate;
use rasd_core::text::{normalize, tokenize};
use rasd_core::{extract_with, Article, Document, Knowledge, Options};
use serde::Deserialize;
use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// The throughput the issue asks for, in articles per second on one core.
const TARGET_ARTICLES_PER_SEC: f64 = 2000.0;

/// What to measure.
pub struct BenchArgs {
    /// A directory of gold-format JSON files, or a JSON Lines file of
    /// articles; the project's own `tests/gold` when absent.
    pub corpus: Option<PathBuf>,
    /// Articles per timed round; the corpus is cycled to reach it.
    pub articles: usize,
    /// Timed rounds; the report gives their median.
    pub rounds: usize,
}

/// One corpus entry: only the fields extraction reads.
#[derive(Deserialize)]
pub(crate) struct Sample {
    pub text: String,
    #[serde(default)]
    pub published: Option<NaiveDate>,
}

/// A pass over all articles that returns a count of what it found.
type Pass<'a> = &'a dyn Fn() -> usize;

/// Timings of one stage over all rounds.
struct StageTiming {
    label: &'static str,
    rounds: Vec<Duration>,
    /// This thread's on-CPU time of each round: on a shared machine the
    /// wall clock counts other programs' time too.
    cpu_rounds: Vec<Duration>,
    /// What every pass counted (the same each round).
    count: usize,
}

impl StageTiming {
    fn median(&self) -> Duration {
        let mut sorted = self.rounds.clone();
        sorted.sort();
        // The two middle rounds; the same one when the count is odd.
        let n = sorted.len();
        (sorted[(n - 1) / 2] + sorted[n / 2]) / 2
    }

    fn median_cpu(&self) -> Option<Duration> {
        let mut sorted = self.cpu_rounds.clone();
        sorted.sort();
        let n = sorted.len();
        (n > 0).then(|| (sorted[(n - 1) / 2] + sorted[n / 2]) / 2)
    }

    fn fastest(&self) -> Duration {
        self.rounds.iter().min().copied().unwrap_or_default()
    }

    /// Slowest minus fastest round, relative to the median: how noisy the
    /// figure is.
    fn spread(&self) -> f64 {
        let slowest = self.rounds.iter().max().copied().unwrap_or_default();
        (slowest - self.fastest()).as_secs_f64() / self.median().as_secs_f64()
    }
}

/// Loads the knowledge base and corpus, times the text stage, the document
/// analysis and full extraction on this thread, and prints a report.
///
/// # Errors
/// When the corpus cannot be read or holds no article, when `articles` or
/// `rounds` is zero, or when a round counts other results than the warm-up
/// (extraction must be deterministic).
pub fn run(args: &BenchArgs) -> Result<()> {
    ensure!(args.articles > 0, "bench: --articles must be at least 1");
    ensure!(args.rounds > 0, "bench: --rounds must be at least 1");

    let started = Instant::now();
    let kb = Knowledge::embedded();
    let kb_load = started.elapsed();

    let corpus_path = args.corpus.clone().unwrap_or_else(default_corpus);
    let samples = load_corpus(&corpus_path)?;
    let articles = cycle_to(&samples, args.articles);
    let text_bytes: usize = articles.iter().map(|a| a.text.len()).sum();

    let text_stage = || text_pass(&articles);
    let analyze_stage = || analyze_pass(&articles, &kb);
    let untagged_stage = || extract_pass(&articles, &kb, Options { tagger: false });
    let extract_stage = || extract_pass(&articles, &kb, Options::default());
    let stages = time_interleaved(
        &[
            ("text (normalize+tokenize)", &text_stage),
            ("analyze (+lexicon/num/date)", &analyze_stage),
            ("extract without the tagger", &untagged_stage),
            ("extract (full pipeline)", &extract_stage),
        ],
        args.rounds,
    )?;
    let full = stages.last().expect("the full pipeline is the last stage");

    println!(
        "rasd bench: {} articles per round ({} distinct, from {}), {} rounds, 1 thread",
        articles.len(),
        samples.len(),
        corpus_path.display(),
        args.rounds
    );
    println!("knowledge base load: {:.1} ms\n", ms(kb_load));
    print_table(&stages, full, articles.len(), text_bytes);
    print_summary(full, articles.len(), text_bytes);
    Ok(())
}

/// `tests/gold` of the source tree this binary was built from.
pub(crate) fn default_corpus() -> PathBuf {
    let gold = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/gold");
    // Canonical for a readable report; a missing tree is reported on load.
    gold.canonicalize().unwrap_or(gold)
}

pub(crate) fn load_corpus(path: &Path) -> Result<Vec<Sample>> {
    ensure!(
        path.exists(),
        "{}: corpus not found; give a directory of gold JSON files or a JSON Lines file",
        path.display()
    );
    let samples = if path.is_dir() {
        read_gold_dir(path)?
    } else {
        read_jsonl(path)?
    };
    ensure!(
        !samples.is_empty(),
        "{}: no articles in the corpus",
        path.display()
    );
    Ok(samples)
}

/// Every `*.json` file of `dir`, in name order so runs are comparable.
fn read_gold_dir(dir: &Path) -> Result<Vec<Sample>> {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(dir)
        .with_context(|| format!("{}: cannot list", dir.display()))?
        .map(|entry| entry.map(|e| e.path()))
        .collect::<std::io::Result<_>>()
        .with_context(|| format!("{}: cannot list", dir.display()))?;
    paths.retain(|p| p.extension().is_some_and(|e| e == "json"));
    paths.sort();
    paths
        .iter()
        .map(|path| {
            let json = std::fs::read_to_string(path)
                .with_context(|| format!("{}: cannot read", path.display()))?;
            serde_json::from_str(&json)
                .with_context(|| format!("{}: not a gold article", path.display()))
        })
        .collect()
}

fn read_jsonl(path: &Path) -> Result<Vec<Sample>> {
    let jsonl = std::fs::read_to_string(path)
        .with_context(|| format!("{}: cannot read", path.display()))?;
    jsonl
        .lines()
        .enumerate()
        .filter(|(_, line)| !line.trim().is_empty())
        .map(|(i, line)| {
            serde_json::from_str(line)
                .with_context(|| format!("{}:{}: not an article", path.display(), i + 1))
        })
        .collect()
}

/// `count` articles taken round-robin from the samples. Each gets its own
/// id, as in a real feed, and so extraction skips hashing the text for one.
fn cycle_to(samples: &[Sample], count: usize) -> Vec<Article> {
    samples
        .iter()
        .cycle()
        .take(count)
        .enumerate()
        .map(|(i, s)| Article {
            id: Some(format!("bench-{i:06}")),
            published: s.published,
            text: s.text.clone(),
            ..Article::default()
        })
        .collect()
}

/// Counts tokens and sentences, so the work cannot be optimised away.
fn text_pass(articles: &[Article]) -> usize {
    articles
        .iter()
        .map(|a| {
            let normalized = normalize(black_box(&a.text));
            let (tokens, sentences) = tokenize(normalized.as_str());
            tokens.len() + sentences.len()
        })
        .sum()
}

/// Counts what the document stages find.
fn analyze_pass(articles: &[Article], kb: &Knowledge) -> usize {
    articles
        .iter()
        .map(|a| {
            let doc = Document::analyze(black_box(&a.text), a.published, kb);
            doc.matches.len() + doc.quantities.len() + doc.dates.len()
        })
        .sum()
}

/// Counts events.
fn extract_pass(articles: &[Article], kb: &Knowledge, options: Options) -> usize {
    articles
        .iter()
        .map(|a| extract_with(black_box(a), kb, options).events.len())
        .sum()
}

/// Runs every pass once to warm caches and the allocator, then `rounds`
/// timed rounds of all passes in turn, so that a change in machine load
/// affects every stage alike. A pass counting differently from its warm-up is
/// an error; checking the count also keeps the optimiser from dropping work.
fn time_interleaved(stages: &[(&'static str, Pass)], rounds: usize) -> Result<Vec<StageTiming>> {
    let mut timings: Vec<StageTiming> = stages
        .iter()
        .map(|&(label, pass)| StageTiming {
            label,
            rounds: Vec::with_capacity(rounds),
            cpu_rounds: Vec::with_capacity(rounds),
            count: black_box(pass()),
        })
        .collect();
    for round in 1..=rounds {
        for (&(label, pass), timing) in stages.iter().zip(&mut timings) {
            let (started, cpu_started) = (Instant::now(), thread_cpu_time());
            let count = black_box(pass());
            timing.rounds.push(started.elapsed());
            if let Some(cpu) = cpu_since(cpu_started) {
                timing.cpu_rounds.push(cpu);
            }
            ensure!(
                count == timing.count,
                "bench: {label}: round {round} counted {count}, the warm-up {}; the pipeline is not deterministic",
                timing.count
            );
        }
    }
    Ok(timings)
}

fn print_table(stages: &[StageTiming], full: &StageTiming, articles: usize, bytes: usize) {
    println!(
        "{:<28} {:>10} {:>11} {:>8} {:>9} {:>7} {:>11}",
        "stage", "median ms", "articles/s", "MB/s", "of total", "spread", "on-CPU a/s"
    );
    for stage in stages {
        let median = stage.median();
        let on_cpu = stage.median_cpu().map_or_else(
            || "n/a".to_owned(),
            |d| format!("{:.0}", per_sec(articles, d)),
        );
        println!(
            "{:<28} {:>10.1} {:>11.0} {:>8.2} {:>8.0}% {:>6.1}% {:>11}",
            stage.label,
            ms(median),
            per_sec(articles, median),
            per_sec(bytes, median) / 1e6,
            100.0 * median.as_secs_f64() / full.median().as_secs_f64(),
            100.0 * stage.spread(),
            on_cpu
        );
    }
}

fn print_summary(full: &StageTiming, articles: usize, bytes: usize) {
    let rate = per_sec(articles, full.median());
    println!();
    println!(
        "throughput   {rate:.0} articles/s = {:.2} x target ({TARGET_ARTICLES_PER_SEC:.0}/s); best round {:.0}/s",
        rate / TARGET_ARTICLES_PER_SEC,
        per_sec(articles, full.fastest())
    );
    if let Some(cpu) = full.median_cpu() {
        let rate = per_sec(articles, cpu);
        println!(
            "on-CPU       {rate:.0} articles/s = {:.2} x target (the figure to trust on a shared machine)",
            rate / TARGET_ARTICLES_PER_SEC
        );
    }
    println!(
        "text         {:.2} MB/s",
        per_sec(bytes, full.median()) / 1e6
    );
    println!(
        "events       {:.2} per article",
        full.count as f64 / articles as f64
    );
    println!(
        "peak memory  {}",
        peak_resident_kb().map_or_else(
            || "n/a".to_owned(),
            |kb| format!("{:.1} MB", kb as f64 / 1024.0)
        )
    );
}

/// CPU time this thread has run (Linux's schedstat); `None` elsewhere.
pub(crate) fn thread_cpu_time() -> Option<Duration> {
    let stat = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    let ns = stat.split_whitespace().next()?.parse().ok()?;
    Some(Duration::from_nanos(ns))
}

pub(crate) fn cpu_since(start: Option<Duration>) -> Option<Duration> {
    Some(thread_cpu_time()?.saturating_sub(start?))
}

/// Peak resident set size (VmHWM) in kB; Linux only, `None` elsewhere.
pub(crate) fn peak_resident_kb() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

fn per_sec(amount: usize, elapsed: Duration) -> f64 {
    amount as f64 / elapsed.as_secs_f64()
}

fn ms(elapsed: Duration) -> f64 {
    elapsed.as_secs_f64() * 1e3
}
