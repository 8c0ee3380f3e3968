//! Command-line definitions.

use crate::output::Format;
use anyhow::Result;
use clap::{Args, Parser, Subcommand};
use std::path::PathBuf;
use std::process::ExitCode;

/// rasd reads Arabic news and writes structured, geocoded, attributed
/// records of armed conflict and political violence, in ACLED's categories.
#[derive(Parser)]
#[command(name = "rasd", version, about, long_about = None)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand)]
pub enum Command {
    /// Read articles and print the events they report.
    ///
    /// Inputs are plain-text or HTML files (HTML is detected and reduced to
    /// its main text), `-` for standard input, or JSON Lines files (.jsonl)
    /// with one article per line: {"id","published","title","text"|"html","url","source"}.
    ///
    /// Examples:
    ///   rasd extract --published 2022-01-22 examples/hasakah-prison-attack.txt
    ///   rasd extract articles.jsonl --format csv > events.csv
    ///   cat article.txt | rasd extract --published 2024-03-01 -
    #[command(verbatim_doc_comment)]
    Extract(ExtractArgs),
    /// Score extraction against gold articles (one JSON file each).
    ///
    /// Prints precision/recall/F1, loose (same country, date within the gold
    /// window) and strict (loose + same event type + within 50 km or same
    /// admin1), and on strict matches the accuracy of sub-event types,
    /// fatalities and actors, and the median geocoding error.
    ///
    /// Example: rasd eval --gold tests/gold
    Eval(EvalArgs),
    /// Measure extraction speed on one thread (a benchmark, not a test).
    ///
    /// Times the knowledge-base load and, over a corpus cycled to N articles,
    /// the text stage, the analysis stages and the whole pipeline; reports
    /// articles/s against the 2,000/s target, MB/s and peak memory.
    ///
    /// Example: cargo run --release -p rasd -- bench --articles 1000
    Bench {
        /// A directory of gold-format JSON files or a JSON Lines file
        /// (default: the project's tests/gold).
        #[arg(long, value_name = "PATH")]
        corpus: Option<PathBuf>,
        /// Articles per timed round.
        #[arg(long, default_value_t = 500)]
        articles: usize,
        /// Timed rounds (the median is reported).
        #[arg(long, default_value_t = 5)]
        rounds: usize,
    },
    /// Build or inspect the knowledge base.
    #[command(subcommand)]
    Kb(KbCommand),
}

#[derive(Args)]
pub struct KnowledgeArgs {
    /// Directory with extra knowledge-base files (actors.tsv, places.tsv,
    /// triggers.tsv, cues.tsv, nisba.tsv, countries.tsv) whose rows are
    /// added to the built-in ones. See data/README.md for the formats.
    #[arg(long, value_name = "DIR")]
    pub kb: Option<PathBuf>,
}

#[derive(Args)]
pub struct ExtractArgs {
    /// Files to read; `-` reads standard input.
    #[arg(required = true, value_name = "INPUT")]
    pub inputs: Vec<String>,
    /// Publication date (YYYY-MM-DD) for inputs that do not carry one;
    /// relative dates (أمس، يوم الجمعة) resolve against it. Without it they
    /// stay unresolved.
    #[arg(long, value_name = "DATE")]
    pub published: Option<String>,
    /// Outlet name recorded in the `source` column.
    #[arg(long)]
    pub source: Option<String>,
    /// URL recorded with plain-text inputs.
    #[arg(long)]
    pub url: Option<String>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Jsonl)]
    pub format: Format,
    /// Largest input read, in bytes.
    #[arg(long, value_name = "BYTES", default_value_t = crate::input::DEFAULT_MAX_BYTES)]
    pub max_bytes: usize,
    #[command(flatten)]
    pub knowledge: KnowledgeArgs,
}

#[derive(Args)]
pub struct EvalArgs {
    /// Directory of gold articles (format: see tests/gold/README.md).
    #[arg(long, value_name = "DIR")]
    pub gold: PathBuf,
    /// Print the report as one JSON object.
    #[arg(long)]
    pub json: bool,
    #[command(flatten)]
    pub knowledge: KnowledgeArgs,
}

#[derive(Subcommand)]
pub enum KbCommand {
    /// Generate places.tsv and countries.tsv from the GeoNames-derived
    /// gazetteer files (shared/data/gazetteer) and the word-frequency list.
    ///
    /// Example: rasd kb build --gazetteer ../shared/data/gazetteer --lexicon ../shared/data/lexicon --out data
    Build {
        #[arg(long, value_name = "DIR")]
        gazetteer: PathBuf,
        /// Directory with wordfreq_ar.tsv.xz, to flag place names that are everyday words.
        #[arg(long, value_name = "DIR")]
        lexicon: Option<PathBuf>,
        #[arg(long, value_name = "DIR", default_value = "data")]
        out: PathBuf,
    },
    /// Check knowledge-base files and print what they hold.
    Check {
        #[command(flatten)]
        knowledge: KnowledgeArgs,
    },
}

impl Command {
    pub fn run(self) -> Result<ExitCode> {
        match self {
            Command::Extract(args) => crate::extract::run(args),
            Command::Eval(args) => run_eval(args),
            Command::Bench {
                corpus,
                articles,
                rounds,
            } => {
                crate::bench::run(&crate::bench::BenchArgs {
                    corpus,
                    articles,
                    rounds,
                })?;
                Ok(ExitCode::SUCCESS)
            }
            Command::Kb(KbCommand::Build {
                gazetteer,
                lexicon,
                out,
            }) => {
                let summary = crate::kb_build::build(&gazetteer, lexicon.as_deref(), &out)?;
                println!("{summary}");
                Ok(ExitCode::SUCCESS)
            }
            Command::Kb(KbCommand::Check { knowledge }) => {
                let kb = knowledge.load()?;
                println!(
                    "{} countries, {} places, {} actors, {} triggers, {} cues",
                    kb.countries.len(),
                    kb.places.len(),
                    kb.actors.len(),
                    kb.triggers.len(),
                    kb.cues.len()
                );
                Ok(ExitCode::SUCCESS)
            }
        }
    }
}

impl KnowledgeArgs {
    /// The built-in knowledge base, plus the overlay directory if given.
    pub fn load(&self) -> Result<rasd_core::Knowledge> {
        Ok(match &self.kb {
            Some(dir) => rasd_core::Knowledge::with_overlay(dir)?,
            None => rasd_core::Knowledge::embedded(),
        })
    }
}

fn run_eval(args: EvalArgs) -> Result<ExitCode> {
    let kb = args.knowledge.load()?;
    let gold = crate::eval::load_gold_dir(&args.gold)?;
    let report = crate::eval::evaluate(&gold, &kb);
    if args.json {
        println!("{}", serde_json::to_string(&report)?);
    } else {
        print!("{}", report.render());
    }
    Ok(ExitCode::SUCCESS)
}
