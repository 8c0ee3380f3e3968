//! The public records: what `extract` returns and the CLI prints.
//!
//! Field names are a contract (wire format version 1): tests, evaluation
//! and downstream tools read them. Offsets are UTF-8 byte offsets into the
//! original article text.

use serde::{Deserialize, Serialize};

/// An article to read.
#[derive(Clone, Debug, Default, Deserialize, Serialize)]
pub struct Article {
    /// Stable id; derived from the text when absent.
    #[serde(default)]
    pub id: Option<String>,
    /// Publication date, `YYYY-MM-DD`; relative dates resolve against it.
    #[serde(default)]
    pub published: Option<chrono::NaiveDate>,
    #[serde(default)]
    pub title: Option<String>,
    pub text: String,
    #[serde(default)]
    pub url: Option<String>,
    #[serde(default)]
    pub source: Option<String>,
}

/// An actor as it appears in a record.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ActorRef {
    pub id: String,
    /// English canonical name (country filled in for generic actors).
    pub name: String,
    pub name_ar: String,
    /// ACLED inter code, 1 to 8.
    pub inter: u8,
}

/// A span of the original text supporting one field.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Evidence {
    pub field: String,
    pub start: usize,
    pub end: usize,
    pub text: String,
}

/// A reported number: killed, injured, captured ...
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Figure {
    /// killed | injured | captured | escaped | arrested | missing
    pub kind: String,
    pub value: u64,
    /// Upper bound when the report gives a range.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub upper: Option<u64>,
    /// at least | about | over | up to | less than
    pub qualifier: Option<String>,
    /// Whose dead (or injured ...), when the text says.
    pub party: Option<String>,
    /// Who reports the figure, when the text says.
    pub claimed_by: Option<String>,
    pub evidence: Evidence,
}

/// One event, in ACLED's categories.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Event {
    pub article_id: String,
    pub event_id: String,
    /// `YYYY-MM-DD`; null when the date is relative and no publication date was given.
    pub event_date: Option<String>,
    /// ACLED: 1 the day is known, 2 the week, 3 the month (or unresolved).
    pub time_precision: u8,
    pub event_type: String,
    pub sub_event_type: String,
    pub actor1: Option<ActorRef>,
    pub actor2: Option<ActorRef>,
    pub assoc_actor_1: Vec<ActorRef>,
    pub assoc_actor_2: Vec<ActorRef>,
    pub civilian_targeting: bool,
    pub country: Option<String>,
    pub country_code: Option<String>,
    pub admin1: Option<String>,
    pub admin2: Option<String>,
    pub location: Option<String>,
    /// The gazetteer id of the location (`gn:GEONAMEID`, or an overlay's id).
    #[serde(default)]
    pub location_id: Option<String>,
    pub latitude: Option<f64>,
    pub longitude: Option<f64>,
    /// ACLED: 1 the town, 2 near a town or part of a region, 3 the region only.
    pub geo_precision: u8,
    /// ACLED: reported deaths, the most conservative figure, 0 if none.
    pub fatalities: u64,
    pub figures: Vec<Figure>,
    /// occurred | attempted
    pub status: String,
    pub notes: String,
    pub evidence: Vec<Evidence>,
    /// The event in PLOVER's ontology (data/plover.tsv); null when PLOVER has
    /// no type for it.
    #[serde(default)]
    pub plover: Option<Plover>,
}

/// A PLOVER event type with its mode (`ASSAULT`/`aerial`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Plover {
    pub event_type: String,
    pub mode: Option<String>,
}

/// Something the pipeline recognised in the text, for `--format json`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Entity {
    /// place | country | actor | trigger | date | number | name (a name the
    /// tagger found that no table resolved; `resolved` is PERS, LOC, ORG or MISC)
    pub kind: String,
    pub start: usize,
    pub end: usize,
    pub text: String,
    /// What it resolved to: a canonical name, a date, a value.
    pub resolved: String,
}

/// What one article yields.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Extraction {
    pub article_id: String,
    pub entities: Vec<Entity>,
    pub events: Vec<Event>,
}
