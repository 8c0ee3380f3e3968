//! rasd-store: the event database.
//!
//! Articles, the events extracted from them, and incidents: events from
//! different articles that describe the same real-world incident, merged by
//! the rule in [`merge`]. The [`Store`] trait is what the command line and
//! the HTTP server use; [`SqliteStore`] implements it over one SQLite file
//! (WAL mode, so readers never block the writer).
//!
//! ```
//! use rasd_store::{EventFilter, SqliteStore, Store};
//!
//! let kb = rasd_core::Knowledge::embedded();
//! let article = rasd_core::Article {
//!     id: Some("a1".into()),
//!     published: Some("2024-03-02".parse().unwrap()),
//!     text: "قتل ثلاثة جنود أمس الجمعة في هجوم شنه مسلحون على حاجز للجيش قرب مدينة الرمادي.".into(),
//!     ..Default::default()
//! };
//! let extraction = rasd_core::extract(&article, &kb);
//! let mut store = SqliteStore::open_in_memory().unwrap();
//! store.ingest(&article, &extraction).unwrap();
//! let page = store.events(&EventFilter { country: Some("IQ".into()), ..Default::default() }).unwrap();
//! assert_eq!(page.items[0].event.fatalities, 3);
//! ```

mod filter;
pub mod merge;
mod search;
mod sqlite;

pub use filter::{EventFilter, Near};
pub use merge::MergeConfig;
pub use search::widen_actor_names;
pub use sqlite::SqliteStore;

use rasd_core::{Article, Event, Extraction, Figure};
use serde::{Deserialize, Serialize};

/// What can go wrong in the store.
#[derive(Debug)]
pub enum StoreError {
    Database(rusqlite::Error),
    /// A stored record that does not parse (a damaged or foreign database).
    Record(serde_json::Error),
    /// A bad argument: an unreadable cursor, a filter out of range.
    Invalid(String),
}

impl std::fmt::Display for StoreError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            StoreError::Database(e) => write!(f, "database: {e}"),
            StoreError::Record(e) => write!(f, "stored record: {e}"),
            StoreError::Invalid(e) => f.write_str(e),
        }
    }
}

impl std::error::Error for StoreError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            StoreError::Database(e) => Some(e),
            StoreError::Record(e) => Some(e),
            StoreError::Invalid(_) => None,
        }
    }
}

impl From<rusqlite::Error> for StoreError {
    fn from(e: rusqlite::Error) -> StoreError {
        StoreError::Database(e)
    }
}

impl From<serde_json::Error> for StoreError {
    fn from(e: serde_json::Error) -> StoreError {
        StoreError::Record(e)
    }
}

pub type Result<T> = std::result::Result<T, StoreError>;

/// An article as stored.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct StoredArticle {
    pub id: String,
    pub url: Option<String>,
    /// The outlet (the article's `source`).
    pub outlet: Option<String>,
    pub published: Option<chrono::NaiveDate>,
    pub title: Option<String>,
    pub text: String,
    /// Hash of the whitespace-normalized text, 16 hex digits.
    pub content_hash: String,
    /// When it was ingested, in seconds since 1970 (UTC).
    pub fetched_at: i64,
}

/// What ingesting one article did.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum IngestOutcome {
    /// A new article, its events stored and merged.
    New,
    /// The same article (same URL or id, same text) was already stored.
    Unchanged,
    /// Another article with the same text is already stored.
    Duplicate,
    /// Same URL (or id) with new text: its events were replaced and re-merged.
    Updated,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct IngestReport {
    pub outcome: IngestOutcome,
    /// The id the article is stored under (for a duplicate, the stored one).
    pub article_id: String,
    /// Events stored for it now (0 when nothing changed).
    pub events: usize,
}

/// An event as stored: the record, the incident it belongs to and the
/// outlet of its article.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct StoredEvent {
    #[serde(flatten)]
    pub event: Event,
    pub incident_id: Option<i64>,
    /// The article's outlet (ACLED's `source`).
    #[serde(default)]
    pub source: Option<String>,
}

/// One event with the article it came from (whose text its evidence
/// offsets point into).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct EventDetail {
    #[serde(flatten)]
    pub event: StoredEvent,
    pub article: StoredArticle,
}

/// One report of an incident: which article said what.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct IncidentReport {
    pub event_id: String,
    pub article_id: String,
    pub outlet: Option<String>,
    pub url: Option<String>,
    pub published: Option<chrono::NaiveDate>,
    pub event_date: Option<String>,
    pub time_precision: u8,
    pub location: Option<String>,
    pub geo_precision: u8,
    pub sub_event_type: String,
    /// This report's (conservative) death toll.
    pub fatalities: u64,
    /// Whether the toll is well sourced: attributed to a named source in
    /// the text, or the same figure given by another report.
    pub well_sourced: bool,
    /// Every figure this report gives, with its evidence.
    pub figures: Vec<Figure>,
}

/// Events from different articles that describe the same incident.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Incident {
    pub id: i64,
    /// The merged record: ACLED's fields, `event_id` is `inc-ID`; its
    /// evidence is that of the report the date and place were taken from.
    pub record: Event,
    /// Lowest and highest death toll among the reports.
    pub fatalities_min: u64,
    pub fatalities_max: u64,
    /// Distinct articles reporting it.
    pub sources: usize,
    pub reports: Vec<IncidentReport>,
}

/// A page of results and the cursor for the next one.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Page<T> {
    pub items: Vec<T>,
    /// Pass as [`EventFilter::cursor`] for the next page; `None` at the end.
    pub next_cursor: Option<String>,
}

/// Events and deaths under one key (a day, a type, a country).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Count {
    pub key: String,
    pub events: u64,
    pub fatalities: u64,
}

/// Counts of the events (or incidents) a filter selects.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Stats {
    pub events: u64,
    pub fatalities: u64,
    /// By event date, oldest first; undated events are left out.
    pub by_day: Vec<Count>,
    /// By ACLED event type, most events first.
    pub by_type: Vec<Count>,
    /// By ISO2 country code, most events first.
    pub by_country: Vec<Count>,
}

/// How much the store holds.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Totals {
    pub articles: u64,
    pub events: u64,
    pub incidents: u64,
}

/// The event database. Writes take `&mut self`; a server shares one store
/// per thread or behind a lock (with SQLite, opening a second
/// [`SqliteStore`] on the same file is cheap and reads in parallel).
pub trait Store {
    /// Stores one article and its events and merges them into incidents,
    /// in one transaction. Idempotent: see [`IngestOutcome`].
    fn ingest(&mut self, article: &Article, extraction: &Extraction) -> Result<IngestReport>;

    /// Like [`Store::ingest`] for many articles in one transaction: all of
    /// them are stored, or (on error) none.
    fn ingest_batch(&mut self, batch: &[(Article, Extraction)]) -> Result<Vec<IngestReport>>;

    /// Events matching the filter, newest event date first.
    fn events(&self, filter: &EventFilter) -> Result<Page<StoredEvent>>;

    /// Incidents matching the filter (applied to the merged record), newest first.
    fn incidents(&self, filter: &EventFilter) -> Result<Page<Incident>>;

    /// One event by its `event_id`, with its article.
    fn event(&self, id: &str) -> Result<Option<EventDetail>>;

    fn article(&self, id: &str) -> Result<Option<StoredArticle>>;

    /// The events extracted from one article.
    fn article_events(&self, article_id: &str) -> Result<Vec<StoredEvent>>;

    fn incident(&self, id: i64) -> Result<Option<Incident>>;

    /// Counts by day, type and country of what the filter selects (its
    /// limit and cursor are ignored; `incidents` counts incidents).
    fn stats(&self, filter: &EventFilter) -> Result<Stats>;

    fn totals(&self) -> Result<Totals>;
}
