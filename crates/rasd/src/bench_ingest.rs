//! `rasd bench --ingest`: ingest throughput into SQLite on one core, with
//! and without the store, against the 2,000 articles/s target.

use crate::bench::{cpu_since, default_corpus, load_corpus, thread_cpu_time};
use anyhow::{ensure, Result};
use rasd_core::{extract, Article, Extraction, Knowledge};
use rasd_store::{SqliteStore, Store};
use std::path::PathBuf;
use std::time::{Duration, Instant};

const TARGET_ARTICLES_PER_SEC: f64 = 2000.0;

/// Articles per transaction, as `rasd ingest` commits by default.
const BATCH: usize = 500;

/// Extracts `articles` distinct articles (the corpus cycled, each copy with
/// its own id, URL, text and a later publication date, as a feed would
/// bring them), then stores them in batches into a new database file, and
/// prints both rates.
pub fn run(corpus: Option<PathBuf>, articles: usize) -> Result<()> {
    ensure!(articles > 0, "bench: --articles must be at least 1");
    let kb = Knowledge::embedded();
    let corpus_path = corpus.unwrap_or_else(default_corpus);
    let samples = load_corpus(&corpus_path)?;
    let inputs: Vec<Article> = (0..articles)
        .map(|i| {
            let sample = &samples[i % samples.len()];
            let cycle = (i / samples.len()) as u64;
            Article {
                id: Some(format!("bench-{i:06}")),
                published: sample
                    .published
                    .and_then(|d| d.checked_add_days(chrono::Days::new(cycle))),
                title: None,
                // a distinct text, so that no copy is a duplicate of another
                text: format!("{}\nbench-{i}", sample.text),
                url: Some(format!("https://bench.example/{i}")),
                source: Some(format!("outlet-{}", i % 7)),
            }
        })
        .collect();

    let db = std::env::temp_dir().join(format!("rasd-bench-ingest-{}.db", std::process::id()));
    remove_db(&db);
    let mut store = SqliteStore::open(&db)?;

    let (started, cpu_started) = (Instant::now(), thread_cpu_time());
    let extracted: Vec<(Article, Extraction)> = inputs
        .into_iter()
        .map(|a| {
            let x = extract(&a, &kb);
            (a, x)
        })
        .collect();
    let extract_time = started.elapsed();
    let extract_cpu = cpu_since(cpu_started);

    let (started, cpu_started) = (Instant::now(), thread_cpu_time());
    let mut stored_events = 0;
    for batch in extracted.chunks(BATCH) {
        stored_events += store
            .ingest_batch(batch)?
            .iter()
            .map(|r| r.events)
            .sum::<usize>();
    }
    let store_time = started.elapsed();
    let store_cpu = cpu_since(cpu_started);
    let totals = store.totals()?;
    let db_bytes = std::fs::metadata(&db).map_or(0, |m| m.len());
    drop(store);
    remove_db(&db);
    ensure!(
        totals.articles as usize == articles,
        "bench: {} of {articles} articles stored",
        totals.articles
    );

    let rate = |d: Duration| articles as f64 / d.as_secs_f64();
    let with_store = rate(extract_time + store_time);
    println!(
        "rasd bench --ingest: {articles} articles ({} distinct texts from {}), 1 thread, batches of {BATCH}, SQLite WAL file",
        samples.len(),
        corpus_path.display()
    );
    println!(
        "extract only      {:>8.0} articles/s  ({:.2} s)",
        rate(extract_time),
        extract_time.as_secs_f64()
    );
    println!(
        "store only        {:>8.0} articles/s  ({:.2} s; {stored_events} events, {} incidents, {:.1} MB file)",
        rate(store_time),
        store_time.as_secs_f64(),
        totals.incidents,
        db_bytes as f64 / 1e6
    );
    println!(
        "extract + store   {with_store:>8.0} articles/s = {:.2} x target ({TARGET_ARTICLES_PER_SEC:.0}/s); {:.2} of the rate without the store",
        with_store / TARGET_ARTICLES_PER_SEC,
        with_store / rate(extract_time)
    );
    if let (Some(e), Some(s)) = (extract_cpu, store_cpu) {
        // on a shared machine the wall clock counts other programs' time too
        println!(
            "on-CPU time      extract {:.2} s ({:.0}/s), store {:.2} s ({:.0}/s), both {:.0} articles/s = {:.2} x target; {:.2} of the rate without the store",
            e.as_secs_f64(),
            rate(e),
            s.as_secs_f64(),
            rate(s),
            rate(e + s),
            rate(e + s) / TARGET_ARTICLES_PER_SEC,
            rate(e + s) / rate(e)
        );
    }
    Ok(())
}

fn remove_db(db: &std::path::Path) {
    for suffix in ["", "-wal", "-shm"] {
        let mut path = db.as_os_str().to_owned();
        path.push(suffix);
        let _ = std::fs::remove_file(PathBuf::from(path));
    }
}
