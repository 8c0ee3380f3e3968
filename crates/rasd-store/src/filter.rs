//! Which events (or incidents) a query selects, and the SQL for it.

use crate::{Result, StoreError};
use chrono::NaiveDate;
use rusqlite::types::Value;
use serde::{Deserialize, Serialize};

/// Within `km` kilometres of a point.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Near {
    pub lat: f64,
    pub lon: f64,
    pub km: f64,
}

/// A query over events or incidents. Every field left empty selects all.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct EventFilter {
    /// ISO2 country code (`SY`), any case.
    pub country: Option<String>,
    /// First-level division as stored (English, e.g. `Al-Hasakah`), any
    /// case.
    pub admin1: Option<String>,
    /// First and last event date, inclusive.
    pub since: Option<NaiveDate>,
    pub until: Option<NaiveDate>,
    /// An ACLED event type (`Battles`) or sub-event type (`Armed clash`), any case.
    pub event_type: Option<String>,
    /// At least this many reported deaths (the record's conservative figure).
    pub min_fatalities: Option<u64>,
    /// Actor names, Arabic or English, any of them (`داعش|ISIS` is split at
    /// `|`): an event matches when one of them is part of an actor's id,
    /// English or Arabic name. Arabic is compared folded (hamza, taa
    /// marbuta, diacritics).
    pub actor: Option<String>,
    pub near: Option<Near>,
    /// `[min_lon, min_lat, max_lon, max_lat]`, GeoJSON's order.
    pub bbox: Option<[f64; 4]>,
    /// Words that must all occur in the notes, place names or actors.
    pub text: Option<String>,
    /// Most results per page; 0 means no limit.
    pub limit: usize,
    /// From a previous [`crate::Page::next_cursor`].
    pub cursor: Option<String>,
    /// Query merged incidents instead of single reports (for the command
    /// line; the store's `incidents` method reads incidents regardless).
    pub incidents: bool,
}

/// Where a page ends: the sort key of its last row.
#[derive(Debug, PartialEq)]
pub(crate) struct Cursor {
    pub date: String,
    pub seq: i64,
}

impl Cursor {
    pub fn encode(&self) -> String {
        format!("{}~{}", self.date, self.seq)
    }

    pub fn decode(s: &str) -> Result<Cursor> {
        let bad = || StoreError::Invalid(format!("bad cursor {s:?}"));
        let (date, seq) = s.rsplit_once('~').ok_or_else(bad)?;
        Ok(Cursor {
            date: date.to_owned(),
            seq: seq.parse().map_err(|_| bad())?,
        })
    }
}

/// A WHERE clause and its parameters. Both tables (events and incidents)
/// have the columns it names.
pub(crate) struct Clause {
    pub sql: String,
    pub params: Vec<Value>,
}

/// The sort order every listing uses: newest event date first, undated
/// last, then latest stored first; `key` is the table's integer key.
pub(crate) fn order(key: &str) -> String {
    format!("{SORT_DATE} DESC, {key} DESC")
}

/// The date every listing sorts by; the indexes of migration 2 are built on
/// this very expression.
const SORT_DATE: &str = "coalesce(event_date, '')";

/// The column and canonical spelling of an ACLED event type or sub-event
/// type named in any case; None for any other text.
fn acled_type_column(name: &str) -> Option<(&'static str, &'static str)> {
    rasd_core::acled::SubEventType::all().find_map(|sub| {
        if sub.event_type().eq_ignore_ascii_case(name) {
            Some(("event_type", sub.event_type()))
        } else if sub.as_str().eq_ignore_ascii_case(name) {
            Some(("sub_event_type", sub.as_str()))
        } else {
            None
        }
    })
}

impl EventFilter {
    /// The WHERE clause (without the word) for a table whose integer key is
    /// `key`. Cursor included when `with_cursor`.
    pub(crate) fn clause(&self, key: &str, with_cursor: bool) -> Result<Clause> {
        let mut parts: Vec<String> = vec!["1 = 1".into()];
        let mut params: Vec<Value> = Vec::new();
        if let Some(country) = self.country.as_deref().filter(|c| !c.is_empty()) {
            parts.push("country_code = ?".into());
            params.push(Value::Text(country.to_ascii_uppercase()));
        }
        if let Some(admin1) = self.admin1.as_deref().filter(|a| !a.is_empty()) {
            parts.push("lower(admin1) = ?".into());
            params.push(Value::Text(admin1.to_lowercase()));
        }
        if let Some(min) = self.min_fatalities.filter(|&n| n > 0) {
            parts.push("fatalities >= ?".into());
            params.push(Value::Integer(i64::try_from(min).unwrap_or(i64::MAX)));
        }
        // dates are compared through the sort key, so that the ordered
        // indexes (migration 2) serve both the range and the order
        if let Some(since) = self.since {
            parts.push(format!("{SORT_DATE} >= ?"));
            params.push(Value::Text(since.to_string()));
        }
        if let Some(until) = self.until {
            parts.push(format!("event_date IS NOT NULL AND {SORT_DATE} <= ?"));
            params.push(Value::Text(until.to_string()));
        }
        if let Some(t) = self.event_type.as_deref().filter(|t| !t.is_empty()) {
            // ACLED's own names compare as stored, so an index serves them
            match acled_type_column(t) {
                Some((column, name)) => {
                    parts.push(format!("{column} = ?"));
                    params.push(Value::Text(name.into()));
                }
                None => {
                    parts.push("(lower(event_type) = ? OR lower(sub_event_type) = ?)".into());
                    let t = t.to_lowercase();
                    params.push(Value::Text(t.clone()));
                    params.push(Value::Text(t));
                }
            }
        }
        if let Some(actor) = self.actor.as_deref() {
            let names: Vec<String> = actor
                .split('|')
                .map(crate::search::fold)
                .filter(|n| !n.is_empty())
                .collect();
            if !names.is_empty() {
                let any = vec!["actors LIKE ? ESCAPE '\\'"; names.len()].join(" OR ");
                parts.push(format!("({any})"));
                params.extend(names.iter().map(|n| Value::Text(like_pattern(n))));
            }
        }
        if let Some(text) = self.text.as_deref() {
            for word in crate::search::fold(text).split_whitespace() {
                parts.push("search LIKE ? ESCAPE '\\'".into());
                params.push(Value::Text(like_pattern(word)));
            }
        }
        if let Some([min_lon, min_lat, max_lon, max_lat]) = self.bbox {
            if !(min_lat <= max_lat && min_lon <= max_lon) {
                return Err(StoreError::Invalid(
                    "bbox must be min_lon,min_lat,max_lon,max_lat".into(),
                ));
            }
            parts.push("latitude BETWEEN ? AND ? AND longitude BETWEEN ? AND ?".into());
            params.extend([min_lat, max_lat, min_lon, max_lon].map(Value::Real));
        }
        if let Some(near) = self.near {
            if !(near.km >= 0.0 && near.lat.abs() <= 90.0 && near.lon.abs() <= 180.0) {
                return Err(StoreError::Invalid(format!(
                    "near: {},{} within {} km is not a place on Earth",
                    near.lat, near.lon, near.km
                )));
            }
            // a box around the circle lets the index narrow the search; the
            // exact distance is the registered rasd_km function
            let dlat = near.km / 111.0;
            let dlon = near.km / (111.0 * near.lat.to_radians().cos().max(0.01));
            parts.push(
                "latitude BETWEEN ? AND ? AND longitude BETWEEN ? AND ? AND rasd_km(latitude, longitude, ?, ?) <= ?"
                    .into(),
            );
            params.extend(
                [
                    near.lat - dlat,
                    near.lat + dlat,
                    near.lon - dlon,
                    near.lon + dlon,
                    near.lat,
                    near.lon,
                    near.km,
                ]
                .map(Value::Real),
            );
        }
        if with_cursor {
            if let Some(cursor) = self.cursor.as_deref() {
                let c = Cursor::decode(cursor)?;
                parts.push(format!(
                    "({SORT_DATE} < ? OR ({SORT_DATE} = ? AND {key} < ?))"
                ));
                params.push(Value::Text(c.date.clone()));
                params.push(Value::Text(c.date));
                params.push(Value::Integer(c.seq));
            }
        }
        Ok(Clause {
            sql: parts.join(" AND "),
            params,
        })
    }
}

/// `%text%` with LIKE's wildcards escaped.
fn like_pattern(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('%');
    for c in text.chars() {
        if matches!(c, '%' | '_' | '\\') {
            out.push('\\');
        }
        out.push(c);
    }
    out.push('%');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cursors_round_trip_and_bad_ones_are_refused() {
        let c = Cursor {
            date: "2024-01-02".into(),
            seq: 17,
        };
        assert_eq!(Cursor::decode(&c.encode()).unwrap(), c);
        assert!(Cursor::decode("nonsense").is_err());
    }

    #[test]
    fn like_wildcards_in_queries_are_literal() {
        assert_eq!(like_pattern("a_b%"), "%a\\_b\\%%");
    }
}
