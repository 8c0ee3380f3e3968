//! `rasd events` and `rasd export`: stored events or incidents, filtered,
//! as a table, JSON Lines, ACLED CSV or GeoJSON.

use crate::ingest::DbArgs;
use crate::output::{csv_cell, csv_row, CountryColumns, ACLED_COLUMNS};
use anyhow::{bail, Context, Result};
use clap::Args;
use rasd_core::Knowledge;
use rasd_store::{EventFilter, Incident, Near, Store, StoredEvent};
use serde_json::{json, Map, Value};
use std::io::{BufWriter, Write};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Args, Clone, Default)]
pub struct FilterArgs {
    /// ISO2 country code, e.g. SY.
    #[arg(long, value_name = "CODE")]
    pub country: Option<String>,
    /// First-level division, in English as the records carry it (e.g.
    /// "Al-Hasakah"), any case.
    #[arg(long, value_name = "NAME")]
    pub admin1: Option<String>,
    /// Only events with at least N reported deaths.
    #[arg(long, value_name = "N")]
    pub min_fatalities: Option<u64>,
    /// Events on or after this date (YYYY-MM-DD).
    #[arg(long, value_name = "DATE")]
    pub since: Option<String>,
    /// Events on or before this date (YYYY-MM-DD).
    #[arg(long, value_name = "DATE")]
    pub until: Option<String>,
    /// ACLED event type or sub-event type, e.g. Battles or "Air/drone strike".
    #[arg(long = "type", value_name = "TYPE")]
    pub event_type: Option<String>,
    /// Actor, Arabic or English; alternatives separated by | (داعش|ISIS).
    /// Names known to the knowledge base also find the actor's other names.
    #[arg(long, value_name = "NAME")]
    pub actor: Option<String>,
    /// Within KM kilometres of a point: LAT,LON,KM.
    #[arg(long, value_name = "LAT,LON,KM")]
    pub near: Option<String>,
    /// Inside a box: MIN_LON,MIN_LAT,MAX_LON,MAX_LAT.
    #[arg(long, value_name = "BOX")]
    pub bbox: Option<String>,
    /// Words that must all occur in the notes, place names or actors.
    #[arg(long, value_name = "WORDS")]
    pub text: Option<String>,
    /// Merged incidents instead of single reports.
    #[arg(long)]
    pub incidents: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum QueryFormat {
    /// A table for reading.
    Table,
    /// Full records with evidence, one per line.
    Jsonl,
    /// ACLED's export columns.
    Csv,
    /// A FeatureCollection of points (opens in QGIS).
    Geojson,
}

#[derive(Args)]
pub struct EventsArgs {
    #[command(flatten)]
    pub db: DbArgs,
    #[command(flatten)]
    pub filter: FilterArgs,
    #[arg(long, value_enum, default_value_t = QueryFormat::Table)]
    pub format: QueryFormat,
    /// Most rows (0: all); the table shows 100 by default, the other formats all.
    #[arg(long, value_name = "N")]
    pub limit: Option<usize>,
}

#[derive(Args)]
pub struct ExportArgs {
    #[command(flatten)]
    pub db: DbArgs,
    #[command(flatten)]
    pub filter: FilterArgs,
    #[arg(long, value_enum)]
    pub format: ExportFormat,
    /// Output file; `-` (the default) is standard output.
    #[arg(short = 'o', long = "output", value_name = "FILE", default_value = "-")]
    pub output: PathBuf,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum ExportFormat {
    Csv,
    Geojson,
    Jsonl,
}

impl FilterArgs {
    /// The store's filter; actor names known to the knowledge base (when
    /// one is given) are widened to the actor's id.
    pub fn to_filter(&self, kb: Option<&Knowledge>) -> Result<EventFilter> {
        let date = |d: &Option<String>, flag: &str| {
            d.as_deref()
                .map(crate::input::parse_date)
                .transpose()
                .with_context(|| flag.to_owned())
        };
        let numbers = |s: &str, flag: &str, n: usize| -> Result<Vec<f64>> {
            let values: Vec<f64> = s
                .split(',')
                .map(|v| v.trim().parse::<f64>())
                .collect::<std::result::Result<_, _>>()
                .with_context(|| format!("{flag}: expected {n} numbers separated by commas"))?;
            if values.len() != n {
                bail!("{flag}: expected {n} numbers separated by commas, found {s:?}");
            }
            Ok(values)
        };
        let near = match &self.near {
            Some(s) => {
                let v = numbers(s, "--near", 3)?;
                Some(Near {
                    lat: v[0],
                    lon: v[1],
                    km: v[2],
                })
            }
            None => None,
        };
        let bbox = match &self.bbox {
            Some(s) => {
                let v = numbers(s, "--bbox", 4)?;
                Some([v[0], v[1], v[2], v[3]])
            }
            None => None,
        };
        let actor = match (&self.actor, kb) {
            (Some(names), Some(kb)) => Some(rasd_store::widen_actor_names(names, kb)),
            (names, _) => names.clone(),
        };
        Ok(EventFilter {
            country: self.country.clone(),
            admin1: self.admin1.clone(),
            min_fatalities: self.min_fatalities,
            since: date(&self.since, "--since")?,
            until: date(&self.until, "--until")?,
            event_type: self.event_type.clone(),
            actor,
            near,
            bbox,
            text: self.text.clone(),
            incidents: self.incidents,
            ..EventFilter::default()
        })
    }
}

pub fn run_events(args: EventsArgs) -> Result<ExitCode> {
    let kb = needs_kb(
        &args.filter,
        args.format != QueryFormat::Table && args.format != QueryFormat::Jsonl,
    );
    let mut filter = args.filter.to_filter(kb.as_ref())?;
    let default_limit = if args.format == QueryFormat::Table {
        100
    } else {
        0
    };
    filter.limit = args.limit.unwrap_or(default_limit);
    let store = args.db.open_existing()?;
    let out = BufWriter::new(std::io::stdout().lock());
    let format = match args.format {
        QueryFormat::Table => None,
        QueryFormat::Jsonl => Some(ExportFormat::Jsonl),
        QueryFormat::Csv => Some(ExportFormat::Csv),
        QueryFormat::Geojson => Some(ExportFormat::Geojson),
    };
    let more = match format {
        None => write_table(&store, &filter, out)?,
        Some(format) => {
            let countries = kb.as_ref().map(CountryColumns::new).unwrap_or_default();
            let mut writer = RecordWriter::new(out, format, countries);
            let more = write_one_page(&store, &filter, &mut writer)?;
            writer.finish()?;
            more
        }
    };
    if more {
        eprintln!(
            "rasd: showing the first {}; use --limit 0 for all, or narrow the filter",
            filter.limit
        );
    }
    Ok(ExitCode::SUCCESS)
}

pub fn run_export(args: ExportArgs) -> Result<ExitCode> {
    let kb = needs_kb(&args.filter, args.format != ExportFormat::Jsonl);
    let mut filter = args.filter.to_filter(kb.as_ref())?;
    let store = args.db.open_existing()?;
    let countries = kb.as_ref().map(CountryColumns::new).unwrap_or_default();
    let out: Box<dyn Write> = if args.output.as_os_str() == "-" {
        Box::new(std::io::stdout().lock())
    } else {
        Box::new(
            std::fs::File::create(&args.output)
                .with_context(|| format!("{}: cannot create", args.output.display()))?,
        )
    };
    let mut writer = RecordWriter::new(BufWriter::new(out), args.format, countries);
    // pages keep memory flat on a large database
    filter.limit = 5_000;
    loop {
        let next = if filter.incidents {
            let page = store.incidents(&filter)?;
            page.items.iter().try_for_each(|i| writer.incident(i))?;
            page.next_cursor
        } else {
            let page = store.events(&filter)?;
            page.items.iter().try_for_each(|e| writer.event(e))?;
            page.next_cursor
        };
        match next {
            Some(cursor) => filter.cursor = Some(cursor),
            None => break,
        }
    }
    let written = writer.written;
    writer.finish()?;
    if args.output.as_os_str() != "-" {
        eprintln!(
            "rasd export: {written} {} written to {}",
            if filter.incidents {
                "incidents"
            } else {
                "events"
            },
            args.output.display()
        );
    }
    Ok(ExitCode::SUCCESS)
}

/// The knowledge base, loaded only when the output needs its country table
/// or an actor name is to be widened.
fn needs_kb(filter: &FilterArgs, country_columns: bool) -> Option<Knowledge> {
    (country_columns || filter.actor.is_some()).then(Knowledge::embedded)
}

impl DbArgs {
    /// The database, which must exist: a query never creates one.
    pub fn open_existing(&self) -> Result<rasd_store::SqliteStore> {
        if !self.db.is_file() {
            bail!(
                "{}: no such database; create it with `rasd ingest --db {} FILES`",
                self.db.display(),
                self.db.display()
            );
        }
        self.open()
    }
}

/// Writes one page (the filter's limit); whether more rows follow.
fn write_one_page<S: Store, W: Write>(
    store: &S,
    filter: &EventFilter,
    writer: &mut RecordWriter<W>,
) -> Result<bool> {
    Ok(if filter.incidents {
        let page = store.incidents(filter)?;
        page.items.iter().try_for_each(|i| writer.incident(i))?;
        page.next_cursor.is_some()
    } else {
        let page = store.events(filter)?;
        page.items.iter().try_for_each(|e| writer.event(e))?;
        page.next_cursor.is_some()
    })
}

/// Streams records in one of the file formats.
pub struct RecordWriter<W: Write> {
    out: W,
    format: ExportFormat,
    countries: CountryColumns,
    timestamp: i64,
    pub written: usize,
}

impl<W: Write> RecordWriter<W> {
    pub fn new(out: W, format: ExportFormat, countries: CountryColumns) -> RecordWriter<W> {
        let timestamp = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_secs() as i64);
        RecordWriter {
            out,
            format,
            countries,
            timestamp,
            written: 0,
        }
    }

    pub fn event(&mut self, e: &StoredEvent) -> Result<()> {
        let extra = [
            ("article_id", json!(e.event.article_id)),
            ("incident_id", json!(e.incident_id)),
        ];
        self.record(&e.event, e.source.as_deref(), e, &extra)
    }

    pub fn incident(&mut self, i: &Incident) -> Result<()> {
        let mut outlets: Vec<&str> = i
            .reports
            .iter()
            .filter_map(|r| r.outlet.as_deref())
            .collect();
        outlets.sort_unstable();
        outlets.dedup();
        let extra = [
            ("incident_id", json!(i.id)),
            ("sources", json!(i.sources)),
            ("fatalities_min", json!(i.fatalities_min)),
            ("fatalities_max", json!(i.fatalities_max)),
        ];
        self.record(&i.record, Some(&outlets.join("; ")), i, &extra)
    }

    fn record(
        &mut self,
        event: &rasd_core::Event,
        source: Option<&str>,
        full: &impl serde::Serialize,
        extra: &[(&str, Value)],
    ) -> Result<()> {
        match self.format {
            ExportFormat::Jsonl => {
                serde_json::to_writer(&mut self.out, full)?;
                self.out.write_all(b"\n")?;
            }
            ExportFormat::Csv => {
                if self.written == 0 {
                    writeln!(self.out, "{}", ACLED_COLUMNS.join(","))?;
                }
                let row = csv_row(event, source, self.timestamp, &self.countries);
                let cells: Vec<String> = row.iter().map(|c| csv_cell(c)).collect();
                writeln!(self.out, "{}", cells.join(","))?;
            }
            ExportFormat::Geojson => {
                self.out.write_all(if self.written == 0 {
                    b"{\"type\":\"FeatureCollection\",\"features\":[\n"
                } else {
                    b",\n"
                })?;
                let row = csv_row(event, source, self.timestamp, &self.countries);
                let mut properties = Map::new();
                for (column, value) in ACLED_COLUMNS.iter().zip(row) {
                    properties.insert((*column).to_owned(), property(column, value));
                }
                for (key, value) in extra {
                    properties.insert((*key).to_owned(), value.clone());
                }
                let geometry = match (event.longitude, event.latitude) {
                    (Some(lon), Some(lat)) => json!({"type": "Point", "coordinates": [lon, lat]}),
                    _ => Value::Null,
                };
                let feature =
                    json!({"type": "Feature", "geometry": geometry, "properties": properties});
                serde_json::to_writer(&mut self.out, &feature)?;
            }
        }
        self.written += 1;
        Ok(())
    }

    pub fn finish(mut self) -> Result<()> {
        match self.format {
            ExportFormat::Geojson if self.written == 0 => self
                .out
                .write_all(b"{\"type\":\"FeatureCollection\",\"features\":[]}\n")?,
            ExportFormat::Geojson => self.out.write_all(b"\n]}\n")?,
            ExportFormat::Csv if self.written == 0 => {
                writeln!(self.out, "{}", ACLED_COLUMNS.join(","))?
            }
            _ => {}
        }
        self.out.flush()?;
        Ok(())
    }
}

/// ACLED's numeric columns as JSON numbers, so GIS tools can style by them.
fn property(column: &str, value: String) -> Value {
    const NUMERIC: [&str; 11] = [
        "year",
        "time_precision",
        "inter1",
        "inter2",
        "interaction",
        "iso",
        "latitude",
        "longitude",
        "geo_precision",
        "fatalities",
        "timestamp",
    ];
    if NUMERIC.contains(&column) {
        if let Ok(n) = value.parse::<i64>() {
            return json!(n);
        }
        if let Ok(x) = value.parse::<f64>() {
            return json!(x);
        }
        if value.is_empty() {
            return Value::Null;
        }
    }
    Value::String(value)
}

/// A table for reading; whether more rows follow the page.
fn write_table<S: Store, W: Write>(store: &S, filter: &EventFilter, mut out: W) -> Result<bool> {
    let rows: Vec<[String; 8]>;
    let more;
    let actor =
        |a: &Option<rasd_core::ActorRef>| a.as_ref().map_or(String::new(), |a| a.name.clone());
    let opt = |s: &Option<String>| s.clone().unwrap_or_default();
    if filter.incidents {
        let page = store.incidents(filter)?;
        more = page.next_cursor.is_some();
        rows = page
            .items
            .iter()
            .map(|i| {
                let r = &i.record;
                [
                    r.event_id.clone(),
                    opt(&r.event_date),
                    r.sub_event_type.clone(),
                    opt(&r.country_code),
                    opt(&r.location),
                    if i.fatalities_min == i.fatalities_max {
                        r.fatalities.to_string()
                    } else {
                        format!(
                            "{} ({}-{})",
                            r.fatalities, i.fatalities_min, i.fatalities_max
                        )
                    },
                    format!("{} / {}", actor(&r.actor1), actor(&r.actor2)),
                    i.sources.to_string(),
                ]
            })
            .collect();
    } else {
        let page = store.events(filter)?;
        more = page.next_cursor.is_some();
        rows = page
            .items
            .iter()
            .map(|e| {
                let r = &e.event;
                [
                    r.event_id.clone(),
                    opt(&r.event_date),
                    r.sub_event_type.clone(),
                    opt(&r.country_code),
                    opt(&r.location),
                    r.fatalities.to_string(),
                    format!("{} / {}", actor(&r.actor1), actor(&r.actor2)),
                    e.incident_id.map_or(String::new(), |i| format!("inc-{i}")),
                ]
            })
            .collect();
    }
    let last = if filter.incidents {
        "sources"
    } else {
        "incident"
    };
    let header = [
        "id",
        "date",
        "sub-event type",
        "cc",
        "location",
        "deaths",
        "actor 1 / actor 2",
        last,
    ]
    .map(str::to_owned);
    let mut widths = header.clone().map(|h| h.chars().count());
    for row in &rows {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(cell.chars().count().min(48));
        }
    }
    for row in std::iter::once(&header).chain(&rows) {
        let cells: Vec<String> = row
            .iter()
            .zip(widths)
            .map(|(cell, w)| {
                let cut: String = cell.chars().take(w).collect();
                format!("{cut:<w$}")
            })
            .collect();
        writeln!(out, "{}", cells.join("  ").trim_end())?;
    }
    if rows.is_empty() {
        writeln!(out, "(nothing matches)")?;
    }
    out.flush()?;
    Ok(more)
}
