//! `rasd extract`: articles in, events out.

use crate::cmd::ExtractArgs;
use crate::input::{parse_date, read_input, Defaults, Item};
use crate::output::Writer;
use anyhow::{Context, Result};
use std::io::{BufWriter, Write};
use std::process::ExitCode;

pub fn run(args: ExtractArgs) -> Result<ExitCode> {
    let published = args
        .published
        .as_deref()
        .map(parse_date)
        .transpose()
        .context("--published")?;
    let defaults = Defaults {
        published,
        source: args.source.clone(),
        url: args.url.clone(),
        max_bytes: args.max_bytes,
    };
    let kb = args.knowledge.load()?;
    let stdout = std::io::stdout().lock();
    let timestamp = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64);
    let mut writer = Writer::new(BufWriter::new(stdout), args.format, timestamp);
    writer.begin()?;
    let (mut read, mut problems) = (0usize, 0usize);
    for name in &args.inputs {
        let items = match read_input(name, &defaults) {
            Ok(items) => items,
            Err(e) => {
                eprintln!("rasd: {e:#}");
                problems += 1;
                continue;
            }
        };
        for item in items {
            match item {
                Item::Article(article) => {
                    let extraction = rasd_core::extract(&article, &kb);
                    writer.article(&article, &extraction)?;
                    read += 1;
                }
                Item::Problem(p) => {
                    eprintln!("rasd: {p}");
                    problems += 1;
                }
            }
        }
    }
    writer.finish()?;
    std::io::stderr().flush().ok();
    if read == 0 {
        eprintln!("rasd: no article could be read ({problems} problem(s) above)");
        return Ok(ExitCode::FAILURE);
    }
    Ok(ExitCode::SUCCESS)
}
