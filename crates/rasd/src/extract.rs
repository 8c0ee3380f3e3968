//! `rasd extract`: articles in, events out.

use crate::cmd::ExtractArgs;
use crate::input::{read_input, Defaults, Item};
use crate::output::{Format, Writer};
use crate::status::StatusLine;
use anyhow::Result;
use std::io::{BufWriter, Write};
use std::process::ExitCode;

pub fn run(args: ExtractArgs) -> Result<ExitCode> {
    let defaults = Defaults::from_options(
        args.published.as_deref(),
        args.source.clone(),
        args.url.clone(),
        args.max_bytes,
    )?;
    let kb = args.knowledge.load()?;
    let stdout = std::io::stdout().lock();
    let timestamp = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64);
    let countries = crate::output::CountryColumns::new(&kb);
    let mut writer = Writer::new(BufWriter::new(stdout), args.format, timestamp, countries);
    writer.begin()?;
    let progress = StatusLine::new();
    let (mut read, mut problems, mut events) = (0usize, 0usize, 0usize);
    for name in &args.inputs {
        let items = match read_input(name, &defaults) {
            Ok(items) => items,
            Err(e) => {
                progress.println(format!("rasd: {e:#}"));
                problems += 1;
                continue;
            }
        };
        for item in items {
            match item {
                Item::Article(article) => {
                    let mut extraction =
                        rasd_core::extract_with(&article, &kb, args.reading.options());
                    if args.format == Format::Json {
                        rasd_core::add_tagged_names(&article, &kb, &mut extraction);
                    }
                    writer.article(&article, &extraction)?;
                    read += 1;
                    events += extraction.events.len();
                }
                Item::Problem(p) => {
                    progress.println(format!("rasd: {p}"));
                    problems += 1;
                }
            }
            progress.show(read, events, problems);
        }
    }
    if progress.finish() {
        eprintln!("rasd: {read} articles, {events} events, {problems} errors");
    }
    writer.finish()?;
    std::io::stderr().flush().ok();
    if read == 0 {
        eprintln!("rasd: no article could be read ({problems} problem(s) above)");
        return Ok(ExitCode::FAILURE);
    }
    Ok(ExitCode::SUCCESS)
}
