//! `rasd bench --load`: how long the knowledge base takes to load and how
//! much memory extracting one short article needs, against the 300 ms and
//! 300 MB targets.

use crate::bench::peak_resident_kb;
use anyhow::{ensure, Result};
use chrono::NaiveDate;
use rasd_core::{extract, Article, Knowledge};
use std::time::{Duration, Instant};

const TARGET_LOAD_MS: f64 = 300.0;
const TARGET_RESIDENT_MB: f64 = 300.0;

/// A short report of our own, as `rasd extract` would get it.
const SHORT_ARTICLE: &str = "قتل ثلاثة مدنيين وأصيب خمسة آخرون يوم الثلاثاء في قصف مدفعي \
استهدف بلدة معرة النعمان بريف إدلب الجنوبي، بحسب الدفاع المدني.";

/// Loads the embedded knowledge base, extracts one short article and reads
/// the peak resident memory, then times `rounds - 1` more loads; prints the
/// first load (what one `rasd extract` pays) and the median of all.
pub fn run(rounds: usize) -> Result<()> {
    ensure!(rounds > 0, "bench: --rounds must be at least 1");
    let started = Instant::now();
    let kb = Knowledge::embedded();
    let first_load = started.elapsed();
    let article = Article {
        text: SHORT_ARTICLE.to_owned(),
        published: NaiveDate::from_ymd_opt(2024, 3, 5),
        ..Article::default()
    };
    let started = Instant::now();
    let events = extract(&article, &kb).events.len();
    let extract_time = started.elapsed();
    let peak = peak_resident_kb();
    drop(kb);

    let mut loads = vec![first_load];
    for _ in 1..rounds {
        let started = Instant::now();
        drop(std::hint::black_box(Knowledge::embedded()));
        loads.push(started.elapsed());
    }
    loads.sort();
    let median = (loads[(loads.len() - 1) / 2] + loads[loads.len() / 2]) / 2;

    let ms = |d: Duration| d.as_secs_f64() * 1e3;
    println!("rasd bench --load: the embedded knowledge base, {rounds} loads in one process");
    println!(
        "first load   {:.1} ms = {:.2} x target ({TARGET_LOAD_MS:.0} ms); median {:.1} ms, fastest {:.1} ms",
        ms(first_load),
        ms(first_load) / TARGET_LOAD_MS,
        ms(median),
        ms(loads[0])
    );
    println!("one article  {:.2} ms ({events} events)", ms(extract_time));
    match peak {
        Some(kb) => {
            let mb = kb as f64 / 1024.0;
            println!(
                "peak memory  {mb:.1} MB resident after load and one article = {:.2} x target ({TARGET_RESIDENT_MB:.0} MB)",
                mb / TARGET_RESIDENT_MB
            );
        }
        None => println!("peak memory  n/a (Linux only)"),
    }
    Ok(())
}
