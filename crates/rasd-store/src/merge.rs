//! The merge rule: when two reports describe the same incident, and what
//! the incident's record says when several reports disagree.
//!
//! Two events, from different articles, are the same incident when all of
//! these hold:
//! - **type family**: both are political violence (Battles, Explosions/Remote
//!   violence, Violence against civilians: outlets call one attack a clash,
//!   a bombardment or a massacre), or both demonstrations (Protests, Riots),
//!   or both the same strategic-development sub-type;
//! - **date**: both dated, at most [`MergeConfig::date_window_days`] apart,
//!   or [`MergeConfig::precise_date_window_days`] when both know the day;
//! - **place**: the same country and: when either knows only the region
//!   (geo precision 3), the same admin1; otherwise (or when a region-level
//!   report names no admin1) at most [`MergeConfig::radius_km`] between the
//!   two points; without coordinates, the same admin1;
//! - **actors**: no contradiction: for no inter code does each side name a
//!   specific (not generic) actor while they share none. "Gunmen" and
//!   "ISIS" can be one attack; ISIS and the PKK on the same side cannot.
//!
//! A new event joins the best-matching incident (closest in place and time,
//! same sub-type first) that no event of its own article is already part of,
//! compared with the incident's merged record and all actors named by its
//! reports; if none matches, it starts an incident of its own.
//!
//! The incident's record takes the date of the most precise report (the
//! most reported date among equally precise ones), the place of the most
//! precise report likewise, the most reported sub-event type, and ACLED's
//! rule for deaths: the most conservative well-sourced figure. A report's
//! toll is well sourced when the text attributes it (a ministry, a
//! monitor) or another outlet gives the same number; the incident's
//! fatalities are the lowest well-sourced toll, or the lowest toll when none
//! is. The lowest and highest tolls and the number of sources are kept, and
//! every report with its figures and their evidence stays listed.

use crate::{IncidentReport, StoredArticle};
use chrono::NaiveDate;
use rasd_core::Event;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// The merge rule's thresholds.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct MergeConfig {
    /// Largest gap between the two event dates, in days.
    pub date_window_days: i64,
    /// The same when both reports know the day (time precision 1).
    pub precise_date_window_days: i64,
    /// Largest distance between the two places, in km.
    pub radius_km: f64,
}

impl Default for MergeConfig {
    fn default() -> MergeConfig {
        MergeConfig {
            date_window_days: 2,
            // the same town is often hit on consecutive days; outlets that
            // both know the day rarely disagree on it (tests/merge)
            precise_date_window_days: 0,
            radius_km: 25.0,
        }
    }
}

/// What the rule compares: an event, or an incident's merged record with
/// the actors of all its reports.
#[derive(Clone, Debug, PartialEq)]
pub struct MergeKey {
    pub date: Option<NaiveDate>,
    pub time_precision: u8,
    pub event_type: String,
    pub sub_event_type: String,
    pub country_code: Option<String>,
    pub admin1: Option<String>,
    /// (latitude, longitude)
    pub point: Option<(f64, f64)>,
    pub geo_precision: u8,
    /// (actor id, inter code)
    pub actors: Vec<(String, u8)>,
}

impl MergeKey {
    pub fn of(event: &Event) -> MergeKey {
        MergeKey {
            date: event.event_date.as_deref().and_then(|d| d.parse().ok()),
            time_precision: event.time_precision,
            event_type: event.event_type.clone(),
            sub_event_type: event.sub_event_type.clone(),
            country_code: event.country_code.clone(),
            admin1: event.admin1.clone(),
            point: event.latitude.zip(event.longitude),
            geo_precision: event.geo_precision,
            actors: parse_actor_keys(&crate::search::actor_keys(event)),
        }
    }
}

/// Reads `id:inter id:inter ...`.
pub(crate) fn parse_actor_keys(keys: &str) -> Vec<(String, u8)> {
    keys.split_whitespace()
        .filter_map(|k| {
            let (id, inter) = k.rsplit_once(':')?;
            Some((id.to_owned(), inter.parse().ok()?))
        })
        .collect()
}

/// ACLED's event types grouped by what outlets confuse with each other.
fn family(event_type: &str) -> u8 {
    match event_type {
        "Battles" | "Explosions/Remote violence" | "Violence against civilians" => 0,
        "Protests" | "Riots" => 1,
        _ => 2,
    }
}

/// `None` when `a` and `b` cannot be the same incident; otherwise how far
/// apart they are (0 is identical; lower is a better match).
pub fn match_score(a: &MergeKey, b: &MergeKey, config: &MergeConfig) -> Option<f64> {
    let same_family = family(&a.event_type) == family(&b.event_type)
        && (family(&a.event_type) != 2 || a.sub_event_type == b.sub_event_type);
    if !same_family {
        return None;
    }
    let days = (a.date? - b.date?).num_days().abs();
    let window = if a.time_precision == 1 && b.time_precision == 1 {
        config.precise_date_window_days
    } else {
        config.date_window_days
    };
    if days > window {
        return None;
    }
    if a.country_code.is_none() || a.country_code != b.country_code {
        return None;
    }
    let same_admin1 = || matches!((&a.admin1, &b.admin1), (Some(x), Some(y)) if !x.is_empty() && x.eq_ignore_ascii_case(y));
    let both_admin1 = [&a.admin1, &b.admin1]
        .iter()
        .all(|x| x.as_deref().is_some_and(|x| !x.is_empty()));
    let regional = a.geo_precision >= 3 || b.geo_precision >= 3;
    let km = match (a.point, b.point) {
        // a region-level place is compared by its admin1 when both know it
        _ if regional && both_admin1 => {
            if !same_admin1() {
                return None;
            }
            config.radius_km
        }
        (Some(p), Some(q)) => {
            let km = rasd_core::km_between(p, q);
            if km > config.radius_km {
                return None;
            }
            km
        }
        _ if same_admin1() => config.radius_km,
        _ => return None,
    };
    if actors_contradict(&a.actors, &b.actors) {
        return None;
    }
    let sub_type_differs = if a.sub_event_type == b.sub_event_type {
        0.0
    } else {
        1.0
    };
    Some(km / config.radius_km.max(1.0) + days as f64 / (window as f64 + 1.0) + sub_type_differs)
}

fn is_specific(actor_id: &str) -> bool {
    !actor_id.starts_with("generic-")
}

/// For some inter code, both sides name specific actors and share none.
fn actors_contradict(a: &[(String, u8)], b: &[(String, u8)]) -> bool {
    a.iter()
        .filter(|(id, _)| is_specific(id))
        .any(|(_, inter)| {
            let of = |side: &[(String, u8)]| -> Vec<String> {
                side.iter()
                    .filter(|(id, i)| i == inter && is_specific(id))
                    .map(|(id, _)| id.clone())
                    .collect()
            };
            let (mine, theirs) = (of(a), of(b));
            !theirs.is_empty() && !mine.iter().any(|m| theirs.contains(m))
        })
}

/// One report of an incident: the event and where it was published.
#[derive(Clone, Debug)]
pub struct Report {
    pub event: Event,
    pub article: ReportSource,
}

/// The article metadata a report carries.
#[derive(Clone, Debug, Default)]
pub struct ReportSource {
    pub id: String,
    pub outlet: Option<String>,
    pub url: Option<String>,
    pub published: Option<NaiveDate>,
}

impl From<&StoredArticle> for ReportSource {
    fn from(a: &StoredArticle) -> ReportSource {
        ReportSource {
            id: a.id.clone(),
            outlet: a.outlet.clone(),
            url: a.url.clone(),
            published: a.published,
        }
    }
}

/// An incident's record as the reports determine it (its id aside).
#[derive(Clone, Debug, PartialEq)]
pub struct Summary {
    pub record: Event,
    pub fatalities_min: u64,
    pub fatalities_max: u64,
    pub sources: usize,
    pub reports: Vec<IncidentReport>,
    /// Every actor the reports name, for the merge rule.
    pub actor_keys: String,
}

/// Merges the reports of one incident, in the order they were stored.
///
/// # Panics
/// When `reports` is empty.
pub fn summarize(reports: &[Report]) -> Summary {
    assert!(!reports.is_empty(), "an incident has at least one report");
    let events: Vec<&Event> = reports.iter().map(|r| &r.event).collect();
    let most_common = |keys: Vec<Option<String>>| -> Option<String> {
        let mut counts: HashMap<&Option<String>, usize> = HashMap::new();
        for k in &keys {
            *counts.entry(k).or_default() += 1;
        }
        // ties go to the earliest stored
        keys.iter()
            .max_by_key(|k| {
                (
                    counts[k],
                    std::cmp::Reverse(keys.iter().position(|x| x == *k)),
                )
            })
            .cloned()
            .flatten()
    };

    // the date: the most precise reports, their most reported date
    let best_time = events.iter().map(|e| e.time_precision).min().unwrap_or(3);
    let dated: Vec<&&Event> = events
        .iter()
        .filter(|e| e.time_precision == best_time)
        .collect();
    let date = most_common(dated.iter().map(|e| e.event_date.clone()).collect());

    // the place: likewise; the report it comes from gives the evidence
    let best_geo = events.iter().map(|e| e.geo_precision).min().unwrap_or(3);
    let placed: Vec<&Event> = events
        .iter()
        .copied()
        .filter(|e| e.geo_precision == best_geo)
        .collect();
    let place_key = |e: &Event| e.location_id.clone().or_else(|| e.location.clone());
    let place = most_common(placed.iter().map(|e| place_key(e)).collect());
    let place_report = placed
        .iter()
        .find(|e| place_key(e) == place)
        .copied()
        .unwrap_or(events[0]);

    let sub_type = most_common(
        events
            .iter()
            .map(|e| Some(e.sub_event_type.clone()))
            .collect(),
    )
    .unwrap_or_default();
    // actors from the report of that type that names the most
    let actor_count = |e: &Event| {
        e.actor1.is_some() as usize
            + e.actor2.is_some() as usize
            + e.assoc_actor_1.len()
            + e.assoc_actor_2.len()
    };
    let actor_report = events
        .iter()
        .filter(|e| e.sub_event_type == sub_type)
        .max_by_key(|e| (actor_count(e), std::cmp::Reverse(e.event_id.clone())))
        .copied()
        .unwrap_or(events[0]);

    let reports_out = incident_reports(reports);
    let tolls: Vec<u64> = reports_out
        .iter()
        .map(|r| r.fatalities)
        .filter(|f| *f > 0)
        .collect();
    let well_sourced_min = reports_out
        .iter()
        .filter(|r| r.well_sourced && r.fatalities > 0)
        .map(|r| r.fatalities)
        .min();
    let fatalities = well_sourced_min
        .or_else(|| tolls.iter().copied().min())
        .unwrap_or(0);

    let mut record = place_report.clone();
    record.event_date = date;
    record.time_precision = best_time;
    record.sub_event_type = sub_type;
    record.event_type = actor_report.event_type.clone();
    record.actor1 = actor_report.actor1.clone();
    record.actor2 = actor_report.actor2.clone();
    record.assoc_actor_1 = actor_report.assoc_actor_1.clone();
    record.assoc_actor_2 = actor_report.assoc_actor_2.clone();
    record.civilian_targeting = actor_report.civilian_targeting;
    record.fatalities = fatalities;

    let mut actor_keys: Vec<String> = Vec::new();
    for e in &events {
        for key in crate::search::actor_keys(e).split_whitespace() {
            if !actor_keys.iter().any(|k| k == key) {
                actor_keys.push(key.to_owned());
            }
        }
    }
    let mut sources: Vec<&str> = reports.iter().map(|r| r.article.id.as_str()).collect();
    sources.sort_unstable();
    sources.dedup();
    Summary {
        record,
        fatalities_min: tolls.iter().copied().min().unwrap_or(0),
        fatalities_max: tolls.iter().copied().max().unwrap_or(0),
        sources: sources.len(),
        reports: reports_out,
        actor_keys: actor_keys.join(" "),
    }
}

fn incident_reports(reports: &[Report]) -> Vec<IncidentReport> {
    reports
        .iter()
        .map(|r| {
            let e = &r.event;
            let attributed = e
                .figures
                .iter()
                .any(|f| f.kind == "killed" && f.value == e.fatalities && f.claimed_by.is_some());
            let repeated = reports.iter().any(|other| {
                other.article.id != r.article.id && other.event.fatalities == e.fatalities
            });
            IncidentReport {
                event_id: e.event_id.clone(),
                article_id: r.article.id.clone(),
                outlet: r.article.outlet.clone(),
                url: r.article.url.clone(),
                published: r.article.published,
                event_date: e.event_date.clone(),
                time_precision: e.time_precision,
                location: e.location.clone(),
                geo_precision: e.geo_precision,
                sub_event_type: e.sub_event_type.clone(),
                fatalities: e.fatalities,
                well_sourced: e.fatalities > 0 && (attributed || repeated),
                figures: e.figures.clone(),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use rasd_core::{ActorRef, Evidence, Figure};

    fn actor(id: &str, inter: u8) -> ActorRef {
        ActorRef {
            id: id.into(),
            name: id.into(),
            name_ar: String::new(),
            inter,
        }
    }

    /// Built from JSON so that fields the core adds later (with defaults)
    /// need no change here.
    fn event(date: &str, sub: &str, kind: &str, place: (f64, f64)) -> Event {
        serde_json::from_value(serde_json::json!({
            "article_id": "a", "event_id": "e", "event_date": date, "time_precision": 1,
            "event_type": kind, "sub_event_type": sub, "actor1": null, "actor2": null,
            "assoc_actor_1": [], "assoc_actor_2": [], "civilian_targeting": false,
            "country": "Syria", "country_code": "SY", "admin1": "Idlib", "admin2": null,
            "location": "Idlib", "location_id": null, "latitude": place.0, "longitude": place.1,
            "geo_precision": 1, "fatalities": 0, "figures": [], "status": "occurred",
            "notes": "", "evidence": []
        }))
        .expect("a valid event")
    }

    const IDLIB: (f64, f64) = (35.93, 36.63);
    const ARIHA: (f64, f64) = (35.81, 36.61); // 13 km away
    const ALEPPO: (f64, f64) = (36.20, 37.16); // 56 km away

    fn score(a: &Event, b: &Event) -> Option<f64> {
        match_score(&MergeKey::of(a), &MergeKey::of(b), &MergeConfig::default())
    }

    #[test]
    fn same_day_nearby_violence_merges_across_types() {
        let a = event(
            "2024-03-01",
            "Air/drone strike",
            "Explosions/Remote violence",
            IDLIB,
        );
        let b = event("2024-03-01", "Attack", "Violence against civilians", ARIHA);
        assert!(score(&a, &b).is_some());
        let same_type = event(
            "2024-03-01",
            "Air/drone strike",
            "Explosions/Remote violence",
            ARIHA,
        );
        assert!(score(&a, &same_type).unwrap() < score(&a, &b).unwrap());
    }

    #[test]
    fn far_places_distant_days_and_other_families_do_not_merge() {
        let a = event("2024-03-01", "Armed clash", "Battles", IDLIB);
        assert!(score(&a, &event("2024-03-01", "Armed clash", "Battles", ALEPPO)).is_none());
        assert!(score(&a, &event("2024-03-03", "Armed clash", "Battles", IDLIB)).is_none());
        assert!(score(
            &a,
            &event("2024-03-01", "Peaceful protest", "Protests", IDLIB)
        )
        .is_none());
        let arrests = event("2024-03-01", "Arrests", "Strategic developments", IDLIB);
        let agreement = event("2024-03-01", "Agreement", "Strategic developments", IDLIB);
        assert!(score(&arrests, &agreement).is_none());
    }

    #[test]
    fn the_date_window_is_wider_when_a_date_is_imprecise() {
        let a = event("2024-03-01", "Armed clash", "Battles", IDLIB);
        let mut b = event("2024-03-02", "Armed clash", "Battles", IDLIB);
        assert!(score(&a, &b).is_none(), "both precise: the same day");
        b.event_date = Some("2024-03-03".into());
        b.time_precision = 2;
        assert!(score(&a, &b).is_some());
        let wide = MergeConfig {
            precise_date_window_days: 2,
            ..MergeConfig::default()
        };
        b.time_precision = 1;
        assert!(match_score(&MergeKey::of(&a), &MergeKey::of(&b), &wide).is_some());
    }

    #[test]
    fn region_level_places_need_the_same_admin1() {
        let a = event("2024-03-01", "Armed clash", "Battles", IDLIB);
        let mut b = event("2024-03-01", "Armed clash", "Battles", ALEPPO);
        b.geo_precision = 3;
        assert!(score(&a, &b).is_some(), "same admin1 (Idlib)");
        b.admin1 = Some("Aleppo".into());
        assert!(score(&a, &b).is_none());
        // no admin1 on the region-level report: its point is all there is
        b.admin1 = None;
        assert!(score(&a, &b).is_none(), "56 km");
        b.latitude = Some(ARIHA.0);
        b.longitude = Some(ARIHA.1);
        assert!(score(&a, &b).is_some(), "13 km");
    }

    #[test]
    fn named_actors_on_the_same_footing_must_agree() {
        let mut a = event("2024-03-01", "Armed clash", "Battles", IDLIB);
        let mut b = a.clone();
        a.actor1 = Some(actor("isis", 2));
        b.actor1 = Some(actor("generic-unidentified", 3));
        assert!(score(&a, &b).is_some(), "gunmen may be ISIS");
        b.actor1 = Some(actor("sy-military", 1));
        assert!(score(&a, &b).is_some(), "each names a different side");
        b.actor2 = Some(actor("hts", 2));
        assert!(score(&a, &b).is_none(), "ISIS or HTS, not both");
    }

    fn report(article: &str, fatalities: u64, claimed: bool, precision: u8) -> Report {
        let mut e = event(
            "2024-03-01",
            "Air/drone strike",
            "Explosions/Remote violence",
            IDLIB,
        );
        e.event_id = format!("{article}-1");
        e.time_precision = precision;
        if precision > 1 {
            e.event_date = Some("2024-02-26".into());
        }
        e.fatalities = fatalities;
        e.figures = vec![Figure {
            kind: "killed".into(),
            value: fatalities,
            upper: None,
            qualifier: None,
            party: None,
            claimed_by: claimed.then(|| "الدفاع المدني".into()),
            evidence: Evidence {
                field: "fatalities".into(),
                start: 0,
                end: 1,
                text: "x".into(),
            },
        }];
        Report {
            event: e,
            article: ReportSource {
                id: article.into(),
                ..ReportSource::default()
            },
        }
    }

    #[test]
    fn fatalities_are_the_lowest_well_sourced_toll_and_the_range_is_kept() {
        // 3 unattributed, 7 attributed, 9 unattributed: 7 is the lowest well-sourced
        let s = summarize(&[
            report("a", 3, false, 1),
            report("b", 7, true, 1),
            report("c", 9, false, 1),
        ]);
        assert_eq!(s.record.fatalities, 7);
        assert_eq!((s.fatalities_min, s.fatalities_max, s.sources), (3, 9, 3));
        assert_eq!(s.reports.len(), 3);
        // two outlets giving the same number make it well sourced
        let s = summarize(&[
            report("a", 5, false, 1),
            report("b", 4, false, 1),
            report("c", 5, false, 1),
        ]);
        assert_eq!(s.record.fatalities, 5);
        // nothing well sourced: the lowest toll
        let s = summarize(&[report("a", 5, false, 1), report("b", 4, false, 1)]);
        assert_eq!(s.record.fatalities, 4);
    }

    #[test]
    fn the_date_comes_from_the_most_precise_report() {
        let s = summarize(&[report("a", 1, false, 2), report("b", 1, false, 1)]);
        assert_eq!(s.record.event_date.as_deref(), Some("2024-03-01"));
        assert_eq!(s.record.time_precision, 1);
    }
}
