//! Writing extractions as JSON Lines, one JSON document, or ACLED CSV.

use rasd_core::{Article, Event, Extraction, Knowledge};
use serde::Serialize;
use std::collections::HashMap;
use std::io::{self, Write};

/// ACLED's export columns, in ACLED's order.
pub const ACLED_COLUMNS: [&str; 31] = [
    "event_id_cnty",
    "event_date",
    "year",
    "time_precision",
    "disorder_type",
    "event_type",
    "sub_event_type",
    "actor1",
    "assoc_actor_1",
    "inter1",
    "actor2",
    "assoc_actor_2",
    "inter2",
    "interaction",
    "civilian_targeting",
    "iso",
    "region",
    "country",
    "admin1",
    "admin2",
    "admin3",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "source",
    "source_scale",
    "notes",
    "fatalities",
    "tags",
    "timestamp",
];

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// One JSON object per event, one per line.
    Jsonl,
    /// One JSON document: every article with its entities and events.
    Json,
    /// ACLED's export columns.
    Csv,
}

/// An article and what was found in it, for `--format json`.
#[derive(Serialize)]
struct ArticleOut<'a> {
    article_id: &'a str,
    title: Option<&'a str>,
    url: Option<&'a str>,
    source: Option<&'a str>,
    published: Option<String>,
    entities: &'a [rasd_core::Entity],
    events: &'a [Event],
}

/// ACLED's country columns that the event record does not carry: the ISO
/// numeric code and the region, by ISO2 code.
#[derive(Default)]
pub struct CountryColumns(HashMap<String, (String, String)>);

impl CountryColumns {
    pub fn new(kb: &Knowledge) -> CountryColumns {
        CountryColumns(
            kb.countries
                .iter()
                .map(|c| {
                    let iso = c.iso_numeric.map_or_else(String::new, |n| n.to_string());
                    (c.iso2.clone(), (iso, c.region.clone().unwrap_or_default()))
                })
                .collect(),
        )
    }

    fn of(&self, iso2: Option<&str>) -> (String, String) {
        iso2.and_then(|c| self.0.get(c))
            .cloned()
            .unwrap_or_default()
    }
}

/// Streams results in one of the formats.
pub struct Writer<W: Write> {
    out: W,
    format: Format,
    written: usize,
    timestamp: i64,
    countries: CountryColumns,
}

impl<W: Write> Writer<W> {
    pub fn new(out: W, format: Format, timestamp: i64, countries: CountryColumns) -> Writer<W> {
        Writer {
            out,
            format,
            written: 0,
            timestamp,
            countries,
        }
    }

    pub fn begin(&mut self) -> io::Result<()> {
        match self.format {
            Format::Json => self.out.write_all(b"{\"articles\":[\n"),
            Format::Csv => writeln!(self.out, "{}", ACLED_COLUMNS.join(",")),
            Format::Jsonl => Ok(()),
        }
    }

    pub fn article(&mut self, article: &Article, extraction: &Extraction) -> io::Result<()> {
        match self.format {
            Format::Jsonl => {
                for event in &extraction.events {
                    serde_json::to_writer(&mut self.out, event)?;
                    self.out.write_all(b"\n")?;
                }
            }
            Format::Json => {
                if self.written > 0 {
                    self.out.write_all(b",\n")?;
                }
                let doc = ArticleOut {
                    article_id: &extraction.article_id,
                    title: article.title.as_deref(),
                    url: article.url.as_deref(),
                    source: article.source.as_deref(),
                    published: article.published.map(|d| d.to_string()),
                    entities: &extraction.entities,
                    events: &extraction.events,
                };
                serde_json::to_writer(&mut self.out, &doc)?;
            }
            Format::Csv => {
                for event in &extraction.events {
                    let row = csv_row(
                        event,
                        article.source.as_deref(),
                        self.timestamp,
                        &self.countries,
                    );
                    writeln!(
                        self.out,
                        "{}",
                        row.iter()
                            .map(|c| csv_cell(c))
                            .collect::<Vec<_>>()
                            .join(",")
                    )?;
                }
            }
        }
        self.written += 1;
        Ok(())
    }

    pub fn finish(mut self) -> io::Result<()> {
        if self.format == Format::Json {
            self.out.write_all(b"\n]}\n")?;
        }
        self.out.flush()
    }
}

/// One event as ACLED's columns.
pub fn csv_row(
    e: &Event,
    source: Option<&str>,
    timestamp: i64,
    countries: &CountryColumns,
) -> Vec<String> {
    let (iso, region) = countries.of(e.country_code.as_deref());
    let names = |actors: &[rasd_core::ActorRef]| {
        actors
            .iter()
            .map(|a| a.name.clone())
            .collect::<Vec<_>>()
            .join("; ")
    };
    let inter =
        |a: &Option<rasd_core::ActorRef>| a.as_ref().map_or(String::new(), |a| a.inter.to_string());
    let interaction = rasd_core::acled::interaction(
        e.actor1.as_ref().map(|a| a.inter),
        e.actor2.as_ref().map(|a| a.inter),
    );
    let sub = rasd_core::acled::SubEventType::parse(&e.sub_event_type);
    let opt = |s: &Option<String>| s.clone().unwrap_or_default();
    let coordinate = |c: Option<f64>| c.map_or(String::new(), |c| format!("{c:.4}"));
    vec![
        e.event_id.clone(),
        opt(&e.event_date),
        e.event_date
            .as_deref()
            .and_then(|d| d.get(..4))
            .unwrap_or("")
            .to_owned(),
        e.time_precision.to_string(),
        sub.map_or("", |s| s.disorder_type()).to_owned(),
        e.event_type.clone(),
        e.sub_event_type.clone(),
        e.actor1.as_ref().map_or(String::new(), |a| a.name.clone()),
        names(&e.assoc_actor_1),
        inter(&e.actor1),
        e.actor2.as_ref().map_or(String::new(), |a| a.name.clone()),
        names(&e.assoc_actor_2),
        inter(&e.actor2),
        if interaction == 0 {
            String::new()
        } else {
            interaction.to_string()
        },
        if e.civilian_targeting {
            "Civilian targeting".into()
        } else {
            String::new()
        },
        iso,
        region,
        opt(&e.country),
        opt(&e.admin1),
        opt(&e.admin2),
        String::new(),
        opt(&e.location),
        coordinate(e.latitude),
        coordinate(e.longitude),
        e.geo_precision.to_string(),
        source.unwrap_or("").to_owned(),
        String::new(),
        e.notes.clone(),
        e.fatalities.to_string(),
        String::new(),
        timestamp.to_string(),
    ]
}

/// Quotes a cell when it holds a separator, quote or line break (RFC 4180).
pub fn csv_cell(cell: &str) -> String {
    if cell.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", cell.replace('"', "\"\""))
    } else {
        cell.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_cells_are_quoted_only_when_needed() {
        assert_eq!(csv_cell("Syria"), "Syria");
        assert_eq!(csv_cell("On 1 May, X"), "\"On 1 May, X\"");
        assert_eq!(csv_cell("say \"no\""), "\"say \"\"no\"\"\"");
    }
}
