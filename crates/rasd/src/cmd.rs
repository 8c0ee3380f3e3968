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
        /// Measure ingest instead: extraction and storing into a new SQLite
        /// file, once over --articles distinct articles (try 5000).
        #[arg(long)]
        ingest: bool,
        /// Measure the knowledge-base load instead: load time and peak
        /// resident memory of extracting one short article, then --rounds
        /// loads in all.
        #[arg(long, conflicts_with = "ingest")]
        load: bool,
    },
    /// Serve the HTTP API and the web dashboard over an event database.
    ///
    /// Reads (GET /api/events, /api/incidents, /api/stats, ...) are open;
    /// writes (POST /api/articles) need the token. The dashboard is at /,
    /// the API description at /api/openapi.json.
    ///
    /// Example:
    ///   RASD_TOKEN=s3cret rasd serve --db rasd.db --bind 127.0.0.1:8080
    #[command(verbatim_doc_comment)]
    Serve(crate::serve::ServeArgs),
    /// Build or inspect the knowledge base.
    #[command(subcommand)]
    Kb(KbCommand),
    /// Extract articles into the event database and merge their events
    /// into incidents.
    ///
    /// Inputs as for `extract`; directories are read recursively. The same
    /// article (same URL or id and text, or the same text anywhere) ingested
    /// again changes nothing; an article whose text changed has its events
    /// replaced and re-merged. Articles are committed in batches: a killed
    /// ingest loses only the open batch, and running it again completes it.
    ///
    /// Examples:
    ///   rasd ingest --db rasd.db articles.jsonl pages/
    ///   rasd ingest --published 2024-03-01 --source "وكالة" report.txt
    #[command(verbatim_doc_comment)]
    Ingest(crate::ingest::IngestArgs),
    /// Poll RSS or Atom feeds and store the events of every new article,
    /// until Ctrl-C.
    ///
    /// Each poll downloads the feeds (asking with ETag/Last-Modified
    /// whether they changed), fetches the page of every item not seen
    /// before, reads its main text, date, title and outlet, extracts the
    /// events and stores them in the database, merged into incidents as
    /// `rasd ingest` does. When a page cannot be read, the item's own
    /// title and summary are used. Items already stored are remembered in
    /// a state file, so a restart fetches nothing twice. Ctrl-C finishes the
    /// article in hand and exits; a second Ctrl-C exits at once.
    ///
    /// Requests name rasd in their User-Agent (add --contact), wait
    /// --host-interval between two requests to one site, time out, refuse
    /// bodies over --max-bytes, and retry 5xx answers and timeouts with
    /// exponential backoff. Problems are reported with the feed or page
    /// they concern, and the other feeds and items go on.
    ///
    /// Examples:
    ///   rasd watch https://example.org/rss.xml --every 15m --db news.db
    ///   rasd watch --feeds feeds.txt --contact ops@example.org
    ///   rasd watch --once --feeds feeds.txt      # one poll, for cron
    ///   rasd events --db news.db --since 2024-06-01
    #[command(verbatim_doc_comment)]
    Watch(crate::watch::WatchArgs),
    /// List stored events (or merged incidents) matching filters.
    ///
    /// Examples:
    ///   rasd events --country SY --since 2024-01-01 --type Battles
    ///   rasd events --actor "داعش|ISIS" --near 35.93,36.63,50 --incidents
    ///   rasd events --format geojson --limit 0 > events.geojson
    #[command(verbatim_doc_comment)]
    Events(crate::query::EventsArgs),
    /// Write stored events or incidents to a file: ACLED CSV, GeoJSON or
    /// JSON Lines (full records with evidence).
    ///
    /// Example: rasd export --format csv --country IQ -o iraq.csv
    Export(crate::query::ExportArgs),
    /// Measure incident merging: pairwise precision and recall over
    /// clusters of articles labelled with their incident.
    ///
    /// Example: rasd eval-merge tests/merge
    EvalMerge {
        /// Directory of cluster files (format: tests/merge/README.md).
        #[arg(value_name = "DIR", default_value = "tests/merge")]
        dir: PathBuf,
        /// Print the report as one JSON object.
        #[arg(long)]
        json: bool,
        /// Also list wrong pairs and articles without an event.
        #[arg(long)]
        errors: bool,
        #[command(flatten)]
        merge: crate::ingest::MergeArgs,
        #[command(flatten)]
        knowledge: KnowledgeArgs,
    },
    /// Detect event mentions, one sentence per input line.
    ///
    /// Prints one JSON object per input line:
    /// {"line": N, "acled": [ACLED event types], "plover": [PLOVER types],
    ///  "spans": [{"start","end","text","sub_event_type","plover","mode"}]}
    /// Past events count; denied, threatened and planned ones do not; no
    /// place or date is needed. Empty lines give empty lists.
    ///
    /// Example: rasd detect sentences.txt
    #[command(verbatim_doc_comment)]
    Detect {
        /// A text file, one sentence per line; `-` reads standard input.
        #[arg(value_name = "INPUT")]
        input: String,
        /// Largest input read, in bytes.
        #[arg(long, value_name = "BYTES", default_value_t = crate::input::DEFAULT_MAX_BYTES)]
        max_bytes: usize,
        #[command(flatten)]
        knowledge: KnowledgeArgs,
    },
    /// Score event-mention detection on sentence-level gold labels.
    ///
    /// DIR holds assault_gsr.csv and protest_gsr.csv (columns `text` and
    /// `label`: yes, easy no, difficult no, ambiguous). Prints, for ASSAULT
    /// and PROTEST, precision/recall/F1 of "yes" against both kinds of "no"
    /// (ambiguous left out) and how many of each kind were detected.
    /// Aggregates only: no sentence is printed.
    ///
    /// Example: rasd eval-gsr ../shared/eval/arabic_event_gsr
    EvalGsr {
        #[arg(value_name = "DIR")]
        dir: PathBuf,
        /// Print the scores as one JSON object.
        #[arg(long)]
        json: bool,
        #[command(flatten)]
        knowledge: KnowledgeArgs,
    },
    /// Train and score the named-entity tagger.
    #[command(subcommand)]
    Ner(crate::ner::NerCommand),
}

#[derive(Args)]
pub struct KnowledgeArgs {
    /// Directory with extra knowledge-base files (actors.tsv, places.tsv,
    /// triggers.tsv, cues.tsv, nisba.tsv, countries.tsv) whose rows are
    /// added to the built-in ones. See data/README.md for the formats.
    #[arg(long, value_name = "DIR")]
    pub kb: Option<PathBuf>,
}

/// How articles are read, for every command that extracts.
#[derive(Args)]
pub struct ReadingArgs {
    /// Do not look for groups and towns no table lists, with the learned
    /// tagger or the group-name rule (about 10% faster; events then keep
    /// the unidentified armed group and the article's place).
    #[arg(long)]
    pub no_tagger: bool,
}

impl ReadingArgs {
    pub fn options(&self) -> rasd_core::Options {
        rasd_core::Options {
            tagger: !self.no_tagger,
        }
    }
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
    pub reading: ReadingArgs,
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
    pub reading: ReadingArgs,
    #[command(flatten)]
    pub knowledge: KnowledgeArgs,
}

#[derive(Subcommand)]
pub enum KbCommand {
    /// Generate the gazetteer (places.tsv.gz), countries.tsv and
    /// word_frequencies.tsv from the GeoNames-derived gazetteer files
    /// (shared/data/gazetteer) and the word-frequency list.
    ///
    /// Example: rasd kb build --gazetteer ../shared/data/gazetteer --lexicon ../shared/data/lexicon --out data
    Build {
        #[arg(long, value_name = "DIR")]
        gazetteer: PathBuf,
        /// Directory with wordfreq_ar.tsv.xz, to flag place names that are everyday words.
        #[arg(long, value_name = "DIR")]
        lexicon: Option<PathBuf>,
        /// Curated Arabic names to drop from or add to places (format in
        /// data/README.md).
        #[arg(
            long,
            value_name = "FILE",
            default_value = "data/place_corrections.tsv"
        )]
        corrections: PathBuf,
        #[arg(long, value_name = "DIR", default_value = "data")]
        out: PathBuf,
    },
    /// Measure the geocoder on place mentions in context with their GeoNames
    /// ids: the share resolved within 25 km of the right place, the share
    /// with the right id, and the median error.
    ///
    /// The table (tests/places/mentions.tsv, format in tests/places/README.md)
    /// has the columns id, country, geonameid, lat, lon, mention, sentence.
    ///
    /// Example: rasd kb eval-places tests/places/mentions.tsv --misses
    EvalPlaces {
        /// Mentions table.
        #[arg(value_name = "TABLE", default_value = "tests/places/mentions.tsv")]
        table: PathBuf,
        /// Also list every mention not resolved within 25 km.
        #[arg(long)]
        misses: bool,
        /// Print the report as one JSON object.
        #[arg(long)]
        json: bool,
        #[command(flatten)]
        knowledge: KnowledgeArgs,
    },
    /// Check knowledge-base files and print what they hold.
    Check {
        #[command(flatten)]
        knowledge: KnowledgeArgs,
    },
    /// Import places from GeoNames dump files into an overlay directory.
    ///
    /// Reads the main table (allCountries.txt, or a country file such as
    /// SY.txt) and, if given, alternateNamesV2.txt, line by line: populated
    /// places (feature class P) become `city` rows, ADM1 and ADM2 units
    /// `admin1` and `admin2` rows; everything else is skipped. Arabic names
    /// come from the `ar` alternate names and from the Arabic-script names of
    /// the alternatenames column; Latin names go to names_latin. Places
    /// already in the built-in knowledge base are left to it. Rows are
    /// merged into DIR/places.tsv (same id: replaced). Bad lines are reported
    /// as FILE:LINE: reason and the others still imported.
    ///
    /// Example (places of Syria and Iraq, then extraction with them):
    ///   rasd kb import-geonames allCountries.txt alternateNamesV2.txt --countries SY,IQ --out my-kb
    ///   rasd extract --kb my-kb article.txt
    #[command(verbatim_doc_comment)]
    ImportGeonames {
        /// GeoNames main table: 19 TAB-separated columns, no header.
        #[arg(value_name = "MAIN_TABLE")]
        main_table: PathBuf,
        /// GeoNames alternateNamesV2.txt (or the older alternateNames.txt).
        #[arg(value_name = "ALTERNATE_NAMES")]
        alternate_names: Option<PathBuf>,
        /// Only these countries (ISO2 codes, comma-separated).
        #[arg(long, value_name = "CODES", value_delimiter = ',')]
        countries: Vec<String>,
        /// Overlay directory to write places.tsv into (created if needed).
        #[arg(long, value_name = "DIR")]
        out: PathBuf,
    },
    /// Add your own places, from a simple TSV list, to an overlay directory.
    ///
    /// The list has a header line and the columns
    ///   name_ar  name  lat  lon  country  [admin1  admin2  population  kind]
    /// name_ar holds one or more Arabic names separated by |; country is an
    /// ISO2 code; admin1 (the province's English name) is filled in from the
    /// nearest built-in province when empty; kind is city (default), admin1
    /// or admin2. Each place gets the id user:COUNTRY:ADMIN1:NAME (as
    /// written), so running the command again with a corrected list replaces
    /// rows instead of adding them. Rows are merged into DIR/places.tsv.
    ///
    /// Example list (columns separated by one TAB, shown here as spaces):
    ///   name_ar  name  lat  lon  country  admin1
    ///   البارة|بارة  Al-Bara  35.6825  36.5411  SY  Idlib
    ///
    /// Example: rasd kb add-places my-places.tsv --out my-kb
    #[command(verbatim_doc_comment)]
    AddPlaces {
        /// The list of places (format above; see data/README.md).
        #[arg(value_name = "LIST")]
        input: PathBuf,
        /// Overlay directory to write places.tsv into (created if needed).
        #[arg(long, value_name = "DIR")]
        out: PathBuf,
    },
    /// Add your own actors, in the format of actors.tsv, to an overlay directory.
    ///
    /// Rows are checked (one-word id, English and Arabic names, inter 1 to 8,
    /// country an ISO2 code or * with {country} in the name, parent a known
    /// id) and merged into DIR/actors.tsv (same id: replaced). A row may reuse
    /// the id of a built-in actor only to add names to it: its name, inter
    /// and country must then be the built-in ones.
    ///
    /// Example list (the header of actors.tsv; one TAB between columns, shown
    /// here as spaces):
    ///   id  name  name_ar  aliases_ar  aliases_en  inter  country  parent  active  wikidata
    ///   new-dawn  New Dawn Brigades  كتائب الفجر الجديد  الفجر الجديد  NDB  2  SY  sy-opposition  2023-
    ///
    /// Example: rasd kb add-actors my-actors.tsv --out my-kb
    #[command(verbatim_doc_comment)]
    AddActors {
        /// The actors (format of data/actors.tsv).
        #[arg(value_name = "LIST")]
        input: PathBuf,
        /// Overlay directory to write actors.tsv into (created if needed).
        #[arg(long, value_name = "DIR")]
        out: PathBuf,
    },
}

impl Command {
    pub fn run(self) -> Result<ExitCode> {
        match self {
            Command::Extract(args) => crate::extract::run(args),
            Command::Eval(args) => run_eval(args),
            Command::Ner(command) => command.run(),
            Command::Bench {
                rounds, load: true, ..
            } => {
                crate::bench_load::run(rounds)?;
                Ok(ExitCode::SUCCESS)
            }
            Command::Bench {
                corpus,
                articles,
                ingest: true,
                ..
            } => {
                crate::bench_ingest::run(corpus, articles)?;
                Ok(ExitCode::SUCCESS)
            }
            Command::Bench {
                corpus,
                articles,
                rounds,
                ingest: false,
                load: false,
            } => {
                crate::bench::run(&crate::bench::BenchArgs {
                    corpus,
                    articles,
                    rounds,
                })?;
                Ok(ExitCode::SUCCESS)
            }
            Command::Serve(args) => crate::serve::run(args),
            Command::Ingest(args) => crate::ingest::run(args),
            Command::Watch(args) => crate::watch::run(args),
            Command::Events(args) => crate::query::run_events(args),
            Command::Export(args) => crate::query::run_export(args),
            Command::EvalMerge {
                dir,
                json,
                errors,
                merge,
                knowledge,
            } => {
                let kb = knowledge.load()?;
                let report = crate::eval_merge::evaluate(&dir, &kb, merge.config())?;
                if json {
                    println!("{}", serde_json::to_string(&report)?);
                } else {
                    print!("{report}");
                    if errors {
                        print!("{}", report.errors());
                    }
                }
                Ok(ExitCode::SUCCESS)
            }
            Command::Detect {
                input,
                max_bytes,
                knowledge,
            } => crate::detect::run(&input, max_bytes, &knowledge.load_for_mentions()?),
            Command::EvalGsr {
                dir,
                json,
                knowledge,
            } => {
                let scores = crate::detect::evaluate_gsr(&dir, &knowledge.load_for_mentions()?)?;
                if json {
                    println!("{}", serde_json::to_string(&scores)?);
                } else {
                    print!("{}", crate::detect::render(&scores));
                }
                Ok(ExitCode::SUCCESS)
            }
            Command::Kb(KbCommand::Build {
                gazetteer,
                lexicon,
                corrections,
                out,
            }) => {
                let summary = crate::kb_build::build(
                    &gazetteer,
                    lexicon.as_deref(),
                    Some(&corrections),
                    &out,
                )?;
                println!("{summary}");
                Ok(ExitCode::SUCCESS)
            }
            Command::Kb(KbCommand::ImportGeonames {
                main_table,
                alternate_names,
                countries,
                out,
            }) => crate::kb_import::import_geonames(
                &main_table,
                alternate_names.as_deref(),
                &countries,
                &out,
            ),
            Command::Kb(KbCommand::AddPlaces { input, out }) => {
                crate::kb_import::add_places(&input, &out)
            }
            Command::Kb(KbCommand::AddActors { input, out }) => {
                crate::kb_import::add_actors(&input, &out)
            }
            Command::Kb(KbCommand::EvalPlaces {
                table,
                misses,
                json,
                knowledge,
            }) => {
                let kb = knowledge.load()?;
                let report = crate::eval_places::evaluate(&table, &kb)?;
                if json {
                    println!("{}", serde_json::to_string(&report)?);
                } else {
                    print!("{report}");
                    if misses {
                        print!("{}", crate::eval_places::misses(&report));
                    }
                }
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

impl KnowledgeArgs {
    /// The knowledge mention detection needs: as [`KnowledgeArgs::load`]
    /// without the gazetteer.
    pub fn load_for_mentions(&self) -> Result<rasd_core::Knowledge> {
        Ok(rasd_core::Knowledge::for_mentions(self.kb.as_deref())?)
    }
}

fn run_eval(args: EvalArgs) -> Result<ExitCode> {
    let kb = args.knowledge.load()?;
    let gold = crate::eval::load_gold_dir(&args.gold)?;
    let report = crate::eval::evaluate(&gold, &kb, args.reading.options());
    if args.json {
        println!("{}", serde_json::to_string(&report)?);
    } else {
        print!("{}", report.render());
    }
    Ok(ExitCode::SUCCESS)
}
