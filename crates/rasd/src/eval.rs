//! `rasd eval`: scores the extractor against hand-coded gold articles.
//!
//! The gold format (one JSON file per article) is described in
//! shared/eval/dev/SCHEMA.md. A predicted event matches a gold event
//! *loosely* when country and date agree, *strictly* when the event type and
//! the place agree as well. Pairing is one-to-one within an article: strict
//! pairs are taken first, then loose pairs among what is left.

use std::fs;
use std::path::{Path, PathBuf};

use anyhow::{bail, Context, Result};
use chrono::NaiveDate;
pub(crate) use rasd_core::km_between as haversine_km;
use rasd_core::{extract_with, ActorRef, Article, Event, Knowledge, Options};
use serde::{Deserialize, Serialize};
use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

/// Points at most this far apart are the same place for a strict match.
const SAME_PLACE_KM: f64 = 50.0;
/// Mean Earth radius (IUGG).
/// ACLED inter code of civilians.
const CIVILIANS_INTER: u8 = 7;
/// Article-like prefixes of transliterated admin1 names ("Al-Anbar" = "Anbar").
const ADMIN1_PREFIXES: [&str; 11] = [
    "al-", "al ", "ad-", "ar-", "as-", "ash-", "an-", "at-", "az-", "el-", "el ",
];
/// Generic words after admin1 names ("Diyala Governorate" = "Diyala").
const ADMIN1_SUFFIXES: [&str; 4] = [" governorate", " province", " state", " region"];

/// One gold article: the input given to the extractor and the events a
/// careful ACLED coder records from it.
#[derive(Clone, Debug, Deserialize, Serialize)]
pub struct GoldArticle {
    pub id: String,
    /// Publication date; relative dates in the text resolve against it.
    pub published: Option<NaiveDate>,
    pub source: Option<String>,
    pub title: Option<String>,
    pub text: String,
    pub events: Vec<GoldEvent>,
    /// What makes the article hard; for people, not scored.
    #[serde(default)]
    pub notes: String,
}

impl GoldArticle {
    /// The article as the extractor sees it: metadata and text, no answers.
    pub fn to_article(&self) -> Article {
        Article {
            id: Some(self.id.clone()),
            published: self.published,
            title: self.title.clone(),
            text: self.text.clone(),
            url: None,
            source: self.source.clone(),
        }
    }
}

/// One gold event, with the tolerances a scorer accepts.
#[derive(Clone, Debug, Deserialize, Serialize)]
pub struct GoldEvent {
    pub event_date: NaiveDate,
    /// Days either side of `event_date` still accepted (at least 1 is used).
    pub date_window_days: u32,
    pub time_precision: u8,
    pub event_type: String,
    pub sub_event_type: String,
    /// Acceptable names, English or Arabic; empty when unknown or unnamed.
    pub actor1: Vec<String>,
    /// Acceptable names; empty when there is none or civilians are unnamed.
    pub actor2: Vec<String>,
    pub actor2_is_civilians: bool,
    /// ISO 3166-1 alpha-2.
    pub country_code: String,
    pub admin1: Option<String>,
    pub location: Option<String>,
    pub latitude: Option<f64>,
    pub longitude: Option<f64>,
    /// ACLED: 1 the town, 2 near a town or part of a region, 3 the region only.
    pub geo_precision: u8,
    pub fatalities: u64,
    /// Every defensible count; empty means only `fatalities` is accepted.
    #[serde(default)]
    pub fatalities_accept: Vec<u64>,
    /// occurred | attempted
    pub status: String,
}

/// Reads every `*.json` file in `dir`, in file-name order.
pub fn load_gold_dir(dir: &Path) -> Result<Vec<GoldArticle>> {
    let paths = json_files(dir)?;
    if paths.is_empty() {
        // An empty gold set scores as perfect nothing; almost surely a wrong path.
        bail!("no *.json gold files in {}", dir.display());
    }
    paths.iter().map(|path| load_gold_file(path)).collect()
}

fn json_files(dir: &Path) -> Result<Vec<PathBuf>> {
    let entries =
        fs::read_dir(dir).with_context(|| format!("reading gold directory {}", dir.display()))?;
    let mut paths = Vec::new();
    for entry in entries {
        let path = entry
            .with_context(|| format!("listing gold directory {}", dir.display()))?
            .path();
        if path.is_file() && path.extension().is_some_and(|ext| ext == "json") {
            paths.push(path);
        }
    }
    paths.sort();
    Ok(paths)
}

fn load_gold_file(path: &Path) -> Result<GoldArticle> {
    let json = fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
    serde_json::from_str(&json).with_context(|| format!("parsing gold file {}", path.display()))
}

/// Precision, recall and F1 of one matching level.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Prf {
    pub tp: usize,
    pub fp: usize,
    #[serde(rename = "fn")]
    pub fn_: usize,
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
}

impl Prf {
    fn new(tp: usize, predicted: usize, gold: usize) -> Prf {
        let precision = ratio(tp as f64, predicted);
        let recall = ratio(tp as f64, gold);
        let f1 = if precision + recall > 0.0 {
            2.0 * precision * recall / (precision + recall)
        } else {
            0.0
        };
        Prf {
            tp,
            fp: predicted - tp,
            fn_: gold - tp,
            precision,
            recall,
            f1,
        }
    }
}

/// How one article fared, for finding where the misses are.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ArticleScore {
    pub id: String,
    pub gold: usize,
    pub predicted: usize,
    pub strict_tp: usize,
}

/// Scores over a gold set. Field accuracies are over strict matches and
/// absent when there are none.
#[derive(Clone, Debug, Serialize)]
pub struct Report {
    pub articles: usize,
    pub gold_events: usize,
    pub predicted_events: usize,
    pub loose: Prf,
    pub strict: Prf,
    pub sub_event_accuracy: Option<f64>,
    pub fatalities_accuracy: Option<f64>,
    pub actor_accuracy: Option<f64>,
    pub median_geo_error_km: Option<f64>,
    /// Loose matches that missed strict: how many had another event type,
    /// and how many had the type right but the place too far.
    pub loose_only_other_type: usize,
    pub loose_only_too_far: usize,
    pub per_article: Vec<ArticleScore>,
}

/// Runs the extractor on every gold article and scores what it finds.
pub fn evaluate(gold: &[GoldArticle], kb: &Knowledge, options: Options) -> Report {
    let predictions: Vec<Vec<Event>> = gold
        .iter()
        .map(|article| extract_with(&article.to_article(), kb, options).events)
        .collect();
    score(gold, &predictions, &|actor| known_names(kb, actor))
}

/// The names a predicted actor is scored under: its own, and for an actor
/// of the tables its English aliases too (gold's "Houthis" for our
/// "Military Forces of Yemen (Houthi)", whose aliases list Houthis).
fn known_names(kb: &Knowledge, actor: &ActorRef) -> Vec<String> {
    let mut names = own_names(actor);
    if let Some(row) = kb.actor_index(&actor.id) {
        names.extend(kb.actors[row].aliases_en.iter().cloned());
    }
    names
}

/// An actor's English and Arabic names as the record gives them.
fn own_names(actor: &ActorRef) -> Vec<String> {
    vec![actor.name.clone(), actor.name_ar.clone()]
}

/// The names a predicted actor may be scored under.
type NamesOf<'a> = &'a dyn Fn(&ActorRef) -> Vec<String>;

/// Scores predictions (one list per gold article, same order) against gold.
fn score(gold: &[GoldArticle], predictions: &[Vec<Event>], names: NamesOf) -> Report {
    let mut tally = Tally::default();
    let per_article = gold
        .iter()
        .zip(predictions)
        .map(|(article, predicted)| tally.add_article(article, predicted, names))
        .collect();
    tally.into_report(per_article)
}

impl Report {
    /// A compact human-readable table.
    pub fn render(&self) -> String {
        let prf_row = |name: &str, prf: &Prf| {
            format!(
                "{name:<10}{:.3}  {:.3}  {:.3}   tp {} fp {} fn {}\n",
                prf.precision, prf.recall, prf.f1, prf.tp, prf.fp, prf.fn_
            )
        };
        let share =
            |value: Option<f64>| value.map_or_else(|| "n/a".to_owned(), |v| format!("{v:.2}"));
        let geo = self
            .median_geo_error_km
            .map_or_else(|| "n/a".to_owned(), |km| format!("{km:.1} km"));
        format!(
            "articles {}   gold events {}   predicted {}\n            P      R      F1\n{}{}\
             on strict matches: sub-event {}  fatalities {}  actors {}  median geo error {}\n\
             loose but not strict: {} with another event type, {} too far\n",
            self.articles,
            self.gold_events,
            self.predicted_events,
            prf_row("loose", &self.loose),
            prf_row("strict", &self.strict),
            share(self.sub_event_accuracy),
            share(self.fatalities_accuracy),
            share(self.actor_accuracy),
            geo,
            self.loose_only_other_type,
            self.loose_only_too_far,
        )
    }
}

/// Running counts over the articles scored so far.
#[derive(Default)]
struct Tally {
    articles: usize,
    gold: usize,
    predicted: usize,
    strict_tp: usize,
    loose_tp: usize,
    same_sub_event: usize,
    accepted_fatalities: usize,
    actor_points: f64,
    geo_errors_km: Vec<f64>,
    loose_only_other_type: usize,
    loose_only_too_far: usize,
}

impl Tally {
    fn add_article(
        &mut self,
        article: &GoldArticle,
        predicted: &[Event],
        names: NamesOf,
    ) -> ArticleScore {
        let pairing = pair_events(&article.events, predicted);
        self.articles += 1;
        self.gold += article.events.len();
        self.predicted += predicted.len();
        self.strict_tp += pairing.strict.len();
        self.loose_tp += pairing.strict.len() + pairing.loose_only.len();
        for pair in &pairing.strict {
            self.add_strict_match(
                &article.events[pair.gold],
                &predicted[pair.predicted],
                names,
            );
        }
        for pair in &pairing.loose_only {
            if article.events[pair.gold].event_type == predicted[pair.predicted].event_type {
                self.loose_only_too_far += 1;
            } else {
                self.loose_only_other_type += 1;
            }
        }
        ArticleScore {
            id: article.id.clone(),
            gold: article.events.len(),
            predicted: predicted.len(),
            strict_tp: pairing.strict.len(),
        }
    }

    fn add_strict_match(&mut self, gold: &GoldEvent, predicted: &Event, names: NamesOf) {
        self.same_sub_event += usize::from(gold.sub_event_type == predicted.sub_event_type);
        self.accepted_fatalities += usize::from(fatalities_accepted(gold, predicted.fatalities));
        self.actor_points += actor_score(gold, predicted, names);
        self.geo_errors_km.extend(km_apart(gold, predicted));
    }

    fn into_report(self, per_article: Vec<ArticleScore>) -> Report {
        let matches = self.strict_tp;
        let share = |hits: f64| (matches > 0).then(|| ratio(hits, matches));
        Report {
            articles: self.articles,
            gold_events: self.gold,
            predicted_events: self.predicted,
            loose: Prf::new(self.loose_tp, self.predicted, self.gold),
            strict: Prf::new(self.strict_tp, self.predicted, self.gold),
            sub_event_accuracy: share(self.same_sub_event as f64),
            fatalities_accuracy: share(self.accepted_fatalities as f64),
            actor_accuracy: share(self.actor_points),
            median_geo_error_km: median(self.geo_errors_km),
            loose_only_other_type: self.loose_only_other_type,
            loose_only_too_far: self.loose_only_too_far,
            per_article,
        }
    }
}

/// A gold event and the predicted event paired with it, by index.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
struct Pair {
    gold: usize,
    predicted: usize,
}

/// The one-to-one matching of one article.
struct Pairing {
    strict: Vec<Pair>,
    /// Loose pairs made after the strict pass, among the events it left.
    loose_only: Vec<Pair>,
}

/// Which test a candidate pair must pass.
#[derive(Clone, Copy, PartialEq)]
enum Level {
    Loose,
    Strict,
}

struct Candidate {
    pair: Pair,
    days_apart: i64,
    /// Infinite when either side has no coordinates, so such pairs go last.
    km_apart: f64,
}

/// Greedy one-to-one matching: strict pairs first, so a strict match is never
/// lost to a merely closer loose one.
fn pair_events(gold: &[GoldEvent], predicted: &[Event]) -> Pairing {
    let mut gold_taken = vec![false; gold.len()];
    let mut predicted_taken = vec![false; predicted.len()];
    let mut take = |level| {
        let mut pairs = Vec::new();
        for Candidate { pair, .. } in candidates(gold, predicted, level) {
            if !gold_taken[pair.gold] && !predicted_taken[pair.predicted] {
                gold_taken[pair.gold] = true;
                predicted_taken[pair.predicted] = true;
                pairs.push(pair);
            }
        }
        pairs
    };
    let strict = take(Level::Strict);
    let loose_only = take(Level::Loose);
    Pairing { strict, loose_only }
}

/// Every pair matching at `level`, best first: nearest date, then nearest point.
fn candidates(gold: &[GoldEvent], predicted: &[Event], level: Level) -> Vec<Candidate> {
    let mut out = Vec::new();
    for (g, gold_event) in gold.iter().enumerate() {
        for (p, predicted_event) in predicted.iter().enumerate() {
            let Some(days_apart) = loose_days_apart(gold_event, predicted_event) else {
                continue;
            };
            if level == Level::Strict && !same_type_and_place(gold_event, predicted_event) {
                continue;
            }
            out.push(Candidate {
                pair: Pair {
                    gold: g,
                    predicted: p,
                },
                days_apart,
                km_apart: km_apart(gold_event, predicted_event).unwrap_or(f64::INFINITY),
            });
        }
    }
    // The index tie-break keeps the pairing independent of sort stability.
    out.sort_by(|a, b| {
        a.days_apart
            .cmp(&b.days_apart)
            .then(a.km_apart.total_cmp(&b.km_apart))
            .then(a.pair.cmp(&b.pair))
    });
    out
}

/// Days between the two dates when the pair matches loosely: same country,
/// predicted date inside the gold window.
fn loose_days_apart(gold: &GoldEvent, predicted: &Event) -> Option<i64> {
    let country = predicted.country_code.as_deref()?;
    if !country.eq_ignore_ascii_case(&gold.country_code) {
        return None;
    }
    let date: NaiveDate = predicted.event_date.as_deref()?.parse().ok()?;
    let days_apart = (date - gold.event_date).num_days().abs();
    // A one-day window at least: reports often date an overnight event either way.
    let window = i64::from(gold.date_window_days.max(1));
    (days_apart <= window).then_some(days_apart)
}

/// The strict extras: same event type, and the same place, either by
/// distance or, when gold itself is only regional, by admin1.
fn same_type_and_place(gold: &GoldEvent, predicted: &Event) -> bool {
    gold.event_type == predicted.event_type
        && (km_apart(gold, predicted).is_some_and(|km| km <= SAME_PLACE_KM)
            || (gold.geo_precision >= 2 && same_admin1(gold, predicted)))
}

fn same_admin1(gold: &GoldEvent, predicted: &Event) -> bool {
    match (&gold.admin1, &predicted.admin1) {
        (Some(g), Some(p)) => {
            let folded = fold_admin1(g);
            !folded.is_empty() && folded == fold_admin1(p)
        }
        _ => false,
    }
}

/// Admin1 names reduced to what transliterations agree on:
/// "Ṣalāḥ ad-Dīn Governorate" and "Salah ad Din" both become "salahaddin".
fn fold_admin1(name: &str) -> String {
    let plain: String = name
        .nfd()
        .filter(|&c| !is_combining_mark(c) && !is_apostrophe(c))
        .flat_map(char::to_lowercase)
        .collect();
    let trimmed = plain.trim();
    let unprefixed = ADMIN1_PREFIXES
        .iter()
        .find_map(|prefix| trimmed.strip_prefix(prefix))
        .unwrap_or(trimmed);
    let core = ADMIN1_SUFFIXES
        .iter()
        .find_map(|suffix| unprefixed.strip_suffix(suffix))
        .unwrap_or(unprefixed);
    core.chars().filter(|&c| c != ' ' && c != '-').collect()
}

/// Marks for ʿayn and hamza, which transliterations write or omit at will.
fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '`' | 'ʿ' | 'ʾ' | 'ʼ' | '‘' | '’')
}

fn km_apart(gold: &GoldEvent, predicted: &Event) -> Option<f64> {
    Some(haversine_km(
        (gold.latitude?, gold.longitude?),
        (predicted.latitude?, predicted.longitude?),
    ))
}

fn fatalities_accepted(gold: &GoldEvent, predicted: u64) -> bool {
    if gold.fatalities_accept.is_empty() {
        predicted == gold.fatalities
    } else {
        gold.fatalities_accept.contains(&predicted)
    }
}

/// The share of the two actor slots the prediction gets right: 0, ½ or 1.
fn actor_score(gold: &GoldEvent, predicted: &Event, names: NamesOf) -> f64 {
    let first = actor_matches(&gold.actor1, predicted.actor1.as_ref(), names);
    let second = (gold.actor2_is_civilians && counts_as_civilians(predicted.actor2.as_ref()))
        || actor_matches(&gold.actor2, predicted.actor2.as_ref(), names);
    f64::from(u8::from(first) + u8::from(second)) / 2.0
}

/// Any alias names the predicted actor; no aliases means there should be none.
fn actor_matches(aliases: &[String], predicted: Option<&ActorRef>, names: NamesOf) -> bool {
    match predicted {
        None => aliases.is_empty(),
        Some(actor) => {
            let names = names(actor);
            aliases
                .iter()
                .any(|alias| names.iter().any(|name| same_name(alias, name)))
        }
    }
}

/// Unnamed civilians are often left out of actor2 altogether, so None counts.
fn counts_as_civilians(actor: Option<&ActorRef>) -> bool {
    match actor {
        None => true,
        Some(actor) => actor.inter == CIVILIANS_INTER,
    }
}

/// Case-insensitive, and for Arabic insensitive to the spelling variants
/// `fold` unifies (hamza forms, taa marbuta, diacritics).
fn same_name(a: &str, b: &str) -> bool {
    let folded = fold_name(a);
    !folded.is_empty() && folded == fold_name(b)
}

fn fold_name(name: &str) -> String {
    rasd_core::text::fold(name.trim()).to_lowercase()
}

fn ratio(part: f64, whole: usize) -> f64 {
    if whole == 0 {
        0.0
    } else {
        part / whole as f64
    }
}

pub(crate) fn median(mut values: Vec<f64>) -> Option<f64> {
    if values.is_empty() {
        return None;
    }
    values.sort_by(f64::total_cmp);
    // The two middle indices coincide when the count is odd.
    let lower = values[(values.len() - 1) / 2];
    let upper = values[values.len() / 2];
    Some((lower + upper) / 2.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    const BAGHDAD: (f64, f64) = (33.3152, 44.3661);
    const MOSUL: (f64, f64) = (36.3350, 43.1189);
    const BAQUBAH: (f64, f64) = (33.75, 44.64);

    fn date(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    /// A suicide bombing in Baqubah, Diyala, on 2023-05-13, 5 dead.
    fn gold_event() -> GoldEvent {
        GoldEvent {
            event_date: date("2023-05-13"),
            date_window_days: 1,
            time_precision: 1,
            event_type: "Explosions/Remote violence".into(),
            sub_event_type: "Suicide bomb".into(),
            actor1: vec!["Islamic State".into(), "داعش".into()],
            actor2: vec![],
            actor2_is_civilians: true,
            country_code: "IQ".into(),
            admin1: Some("Diyala".into()),
            location: Some("Baqubah".into()),
            latitude: Some(BAQUBAH.0),
            longitude: Some(BAQUBAH.1),
            geo_precision: 1,
            fatalities: 5,
            fatalities_accept: vec![5, 7],
            status: "occurred".into(),
        }
    }

    /// A prediction agreeing with [`gold_event`] on every scored field.
    fn predicted_event() -> Event {
        Event {
            article_id: "t".into(),
            event_id: "t-1".into(),
            event_date: Some("2023-05-13".into()),
            time_precision: 1,
            event_type: "Explosions/Remote violence".into(),
            sub_event_type: "Suicide bomb".into(),
            actor1: Some(actor("Islamic State", "الدولة الإسلامية", 2)),
            actor2: None,
            assoc_actor_1: vec![],
            assoc_actor_2: vec![],
            civilian_targeting: true,
            country: Some("Iraq".into()),
            country_code: Some("IQ".into()),
            admin1: Some("Diyala".into()),
            admin2: None,
            location: Some("Baqubah".into()),
            location_id: Some("gn:98860".into()),
            latitude: Some(BAQUBAH.0),
            longitude: Some(BAQUBAH.1),
            geo_precision: 1,
            fatalities: 5,
            figures: vec![],
            status: "occurred".into(),
            notes: String::new(),
            evidence: vec![],
            plover: None,
        }
    }

    fn actor(name: &str, name_ar: &str, inter: u8) -> ActorRef {
        ActorRef {
            id: name.into(),
            name: name.into(),
            name_ar: name_ar.into(),
            inter,
        }
    }

    fn on(day: &str) -> Event {
        Event {
            event_date: Some(day.into()),
            ..predicted_event()
        }
    }

    fn at(point: (f64, f64), event: Event) -> Event {
        Event {
            latitude: Some(point.0),
            longitude: Some(point.1),
            ..event
        }
    }

    fn article(id: &str, events: Vec<GoldEvent>) -> GoldArticle {
        GoldArticle {
            id: id.into(),
            published: Some(date("2023-05-14")),
            source: None,
            title: None,
            text: String::new(),
            events,
            notes: String::new(),
        }
    }

    fn pairs(pairs: &[(usize, usize)]) -> Vec<Pair> {
        pairs
            .iter()
            .map(|&(gold, predicted)| Pair { gold, predicted })
            .collect()
    }

    #[test]
    fn haversine_baghdad_mosul_is_about_350_km() {
        let km = haversine_km(BAGHDAD, MOSUL);
        assert!((340.0..365.0).contains(&km), "{km}");
        assert_eq!(haversine_km(MOSUL, MOSUL), 0.0);
        assert!((haversine_km(MOSUL, BAGHDAD) - km).abs() < 1e-9);
    }

    #[test]
    fn window_is_at_least_one_day() {
        let exact = GoldEvent {
            date_window_days: 0,
            ..gold_event()
        };
        assert_eq!(loose_days_apart(&exact, &on("2023-05-12")), Some(1));
        assert_eq!(loose_days_apart(&exact, &on("2023-05-14")), Some(1));
        assert_eq!(loose_days_apart(&exact, &on("2023-05-15")), None);

        let vague = GoldEvent {
            date_window_days: 3,
            ..gold_event()
        };
        assert_eq!(loose_days_apart(&vague, &on("2023-05-10")), Some(3));
        assert_eq!(loose_days_apart(&vague, &on("2023-05-09")), None);
    }

    #[test]
    fn no_date_or_another_country_never_matches() {
        let undated = Event {
            event_date: None,
            ..predicted_event()
        };
        assert_eq!(loose_days_apart(&gold_event(), &undated), None);
        let syria = Event {
            country_code: Some("SY".into()),
            ..predicted_event()
        };
        assert_eq!(loose_days_apart(&gold_event(), &syria), None);
        let unplaced = Event {
            country_code: None,
            ..predicted_event()
        };
        assert_eq!(loose_days_apart(&gold_event(), &unplaced), None);
    }

    #[test]
    fn admin1_names_fold_across_transliterations() {
        let same = [
            ("Al-Anbar Governorate", "Anbar"),
            ("Ṣalāḥ ad-Dīn", "Salah ad Din"),
            ("Saʿdah", "Sa'dah"),
            ("Sa’dah", "Sadah"),
            ("Ash-Sharqiyah Province", "Sharqiyah"),
            ("El Beheira", "Beheira"),
            ("Ninawa", "ninawa governorate"),
        ];
        for (a, b) in same {
            assert_eq!(fold_admin1(a), fold_admin1(b), "{a} vs {b}");
        }
        assert_ne!(fold_admin1("Anbar"), fold_admin1("Babil"));
        assert_eq!(fold_admin1("Al-Anbar Governorate"), "anbar");
    }

    #[test]
    fn strict_needs_type_and_place() {
        let gold = gold_event();
        assert!(same_type_and_place(&gold, &predicted_event()));
        let battle = Event {
            event_type: "Battles".into(),
            ..predicted_event()
        };
        assert!(!same_type_and_place(&gold, &battle));
        // Baghdad is about 55 km from Baqubah and in another governorate.
        let baghdad = Event {
            admin1: Some("Baghdad".into()),
            ..at(BAGHDAD, predicted_event())
        };
        assert!(!same_type_and_place(&gold, &baghdad));
    }

    #[test]
    fn admin1_stands_in_for_distance_only_for_regional_gold() {
        // A wrong point (Mosul) but the right governorate.
        let far_in_diyala = Event {
            admin1: Some("Diyala Governorate".into()),
            ..at(MOSUL, predicted_event())
        };
        assert!(!same_type_and_place(&gold_event(), &far_in_diyala));
        let regional = GoldEvent {
            geo_precision: 2,
            ..gold_event()
        };
        assert!(same_type_and_place(&regional, &far_in_diyala));
        let unplaced = Event {
            latitude: None,
            longitude: None,
            ..far_in_diyala
        };
        assert!(same_type_and_place(&regional, &unplaced));
    }

    #[test]
    fn pairing_is_one_to_one_and_nearest_date_first() {
        let gold = [
            gold_event(),
            GoldEvent {
                event_date: date("2023-05-14"),
                ..gold_event()
            },
        ];
        // Listed in the "wrong" order: the pairing must follow the dates.
        let predicted = [on("2023-05-14"), on("2023-05-13"), on("2023-05-13")];
        let pairing = pair_events(&gold, &predicted);
        assert_eq!(pairing.strict, pairs(&[(0, 1), (1, 0)]));
        assert!(pairing.loose_only.is_empty());
    }

    #[test]
    fn equal_dates_pair_by_distance() {
        let gold = [gold_event()];
        let predicted = [
            at(BAGHDAD, on("2023-05-13")),
            at((33.76, 44.63), on("2023-05-13")),
        ];
        let pairing = pair_events(&gold, &predicted);
        assert_eq!(pairing.strict, pairs(&[(0, 1)]));
    }

    #[test]
    fn strict_pass_comes_before_a_closer_loose_candidate() {
        let gold = [gold_event()];
        let wrong_type = Event {
            event_type: "Battles".into(),
            ..predicted_event()
        };
        let predicted = [wrong_type, on("2023-05-14")];
        let pairing = pair_events(&gold, &predicted);
        assert_eq!(pairing.strict, pairs(&[(0, 1)]));
        assert!(pairing.loose_only.is_empty());
    }

    #[test]
    fn loose_pass_takes_what_strict_left() {
        let gold = [
            gold_event(),
            GoldEvent {
                event_type: "Battles".into(),
                ..gold_event()
            },
        ];
        let elsewhere = at(MOSUL, on("2023-05-12"));
        let predicted = [predicted_event(), elsewhere];
        let pairing = pair_events(&gold, &predicted);
        assert_eq!(pairing.strict, pairs(&[(0, 0)]));
        assert_eq!(pairing.loose_only, pairs(&[(1, 1)]));
    }

    #[test]
    fn an_actor_of_the_tables_is_scored_under_its_english_aliases_too() {
        let kb = Knowledge::embedded();
        let gold = GoldEvent {
            actor1: vec!["Houthis".into()],
            ..gold_event()
        };
        let houthis = Event {
            actor1: Some(ActorRef {
                id: "houthis".into(),
                ..actor("Military Forces of Yemen (Houthi)", "جماعة أنصار الله", 1)
            }),
            ..predicted_event()
        };
        assert_eq!(actor_score(&gold, &houthis, &own_names), 0.5);
        assert_eq!(actor_score(&gold, &houthis, &|a| known_names(&kb, a)), 1.0);
    }

    #[test]
    fn actor_slots_score_halves() {
        let gold = gold_event();
        assert_eq!(actor_score(&gold, &predicted_event(), &own_names), 1.0);

        let by_arabic_name = Event {
            actor1: Some(actor("ISIS", "دَاعِش", 2)),
            actor2: Some(actor("Civilians (Iraq)", "مدنيون", CIVILIANS_INTER)),
            ..predicted_event()
        };
        assert_eq!(actor_score(&gold, &by_arabic_name, &own_names), 1.0);

        let wrong_both = Event {
            actor1: None,
            actor2: Some(actor("Military Forces of Iraq", "الجيش العراقي", 1)),
            ..predicted_event()
        };
        assert_eq!(actor_score(&gold, &wrong_both, &own_names), 0.0);

        let named_target = GoldEvent {
            actor2: vec!["  iraqi army ".into()],
            actor2_is_civilians: false,
            ..gold_event()
        };
        let army = Event {
            actor2: Some(actor("Iraqi Army", "", 1)),
            ..predicted_event()
        };
        assert_eq!(actor_score(&named_target, &army, &own_names), 1.0);
        assert_eq!(
            actor_score(&named_target, &predicted_event(), &own_names),
            0.5
        );
    }

    #[test]
    fn fatalities_accept_list_overrides_the_count() {
        let gold = gold_event();
        assert!(fatalities_accepted(&gold, 7));
        assert!(!fatalities_accepted(&gold, 6));
        let single = GoldEvent {
            fatalities_accept: vec![],
            ..gold_event()
        };
        assert!(fatalities_accepted(&single, 5));
        assert!(!fatalities_accepted(&single, 7));
    }

    #[test]
    fn report_counts_and_accuracies() {
        let second = GoldEvent {
            event_type: "Battles".into(),
            sub_event_type: "Armed clash".into(),
            ..gold_event()
        };
        let gold = [
            article("t001", vec![gold_event(), second]),
            article("t002", vec![]),
        ];
        let off_by_3_km = Event {
            fatalities: 6,
            ..at((33.77, 44.67), predicted_event())
        };
        let undated = Event {
            event_date: None,
            ..predicted_event()
        };
        let report = score(&gold, &[vec![off_by_3_km], vec![undated]], &own_names);

        assert_eq!(
            (report.articles, report.gold_events, report.predicted_events),
            (2, 2, 2)
        );
        assert_eq!(report.strict, Prf::new(1, 2, 2));
        assert_eq!((report.strict.fp, report.strict.fn_), (1, 1));
        assert_eq!(report.strict.f1, 0.5);
        assert_eq!(report.loose.tp, 1);
        assert_eq!(report.sub_event_accuracy, Some(1.0));
        assert_eq!(report.fatalities_accuracy, Some(0.0));
        assert_eq!(report.actor_accuracy, Some(1.0));
        let km = report.median_geo_error_km.unwrap();
        assert!((2.0..5.0).contains(&km), "{km}");
        assert_eq!(
            report.per_article[1],
            ArticleScore {
                id: "t002".into(),
                gold: 0,
                predicted: 1,
                strict_tp: 0
            }
        );

        let table = report.render();
        assert!(
            table.starts_with("articles 2   gold events 2   predicted 2\n"),
            "{table}"
        );
        assert!(table.contains("strict    0.500  0.500  0.500"), "{table}");
        assert!(
            table.contains("sub-event 1.00  fatalities 0.00  actors 1.00"),
            "{table}"
        );
    }

    #[test]
    fn empty_scores_are_zero_not_nan() {
        let report = score(&[article("t001", vec![])], &[vec![]], &own_names);
        assert_eq!(report.loose, Prf::new(0, 0, 0));
        assert_eq!(report.loose.f1, 0.0);
        assert_eq!(report.actor_accuracy, None);
        assert!(report.render().contains("actors n/a  median geo error n/a"));
        let json = serde_json::to_value(&report).unwrap();
        assert_eq!(json["strict"]["fn"], 0);
    }

    #[test]
    fn median_of_even_and_odd_counts() {
        assert_eq!(median(vec![]), None);
        assert_eq!(median(vec![3.0, 1.0, 2.0]), Some(2.0));
        assert_eq!(median(vec![4.0, 1.0, 3.0, 2.0]), Some(2.5));
    }

    #[test]
    fn gold_dir_loads_in_name_order_and_names_a_bad_file() {
        let dir = std::env::temp_dir().join(format!("rasd-eval-test-{}", std::process::id()));
        fs::create_dir_all(&dir).unwrap();
        let event = serde_json::to_value(gold_event()).unwrap();
        for id in ["t002", "t001"] {
            let json = serde_json::json!({
                "id": id, "published": "2023-05-14", "source": "agency report",
                "title": "عنوان", "text": "نص", "events": [event], "notes": "",
            });
            fs::write(dir.join(format!("{id}.json")), json.to_string()).unwrap();
        }
        fs::write(dir.join("README.md"), "not gold").unwrap();

        let loaded = load_gold_dir(&dir).unwrap();
        let ids: Vec<_> = loaded.iter().map(|a| a.id.as_str()).collect();
        assert_eq!(ids, ["t001", "t002"]);
        assert_eq!(loaded[0].events[0].fatalities_accept, [5, 7]);

        fs::write(dir.join("t003.json"), r#"{"id": "t003", "text": "x"}"#).unwrap();
        let error = format!("{:#}", load_gold_dir(&dir).unwrap_err());
        fs::remove_dir_all(&dir).unwrap();
        assert!(error.contains("t003.json"), "{error}");
    }
}
