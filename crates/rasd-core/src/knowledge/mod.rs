//! The knowledge base: places, countries, actors, triggers and cues, loaded
//! once into typed tables and one matching automaton.

mod latin;
mod matcher;
mod plover;
pub mod romanize;
mod tables;

pub use matcher::{Entry, Match, Matcher};
pub use plover::{PloverRule, Strength, PLOVER_TYPES};
pub use tables::{
    Actor, Country, Cue, CueKind, Place, PlaceKind, Trigger, TriggerPos, ACTOR_COLUMNS,
};

use matcher::MatcherBuilder;
use rustc_hash::FxHashMap;
use std::borrow::Cow;
use std::fmt;
use std::path::Path;

/// The knowledge-base files, by name, in load order.
pub const FILES: [&str; 9] = [
    "countries.tsv",
    "nisba.tsv",
    "regions.tsv",
    "places.tsv",
    "features.tsv",
    "actors.tsv",
    "triggers.tsv",
    "cues.tsv",
    "plover.tsv",
];

macro_rules! embedded {
    ($name:literal) => {
        (
            $name,
            include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/../../data/", $name)),
        )
    };
}

/// The files compiled into the binary, but for the gazetteer.
const EMBEDDED: [(&str, &str); 8] = [
    embedded!("countries.tsv"),
    embedded!("nisba.tsv"),
    embedded!("regions.tsv"),
    embedded!("features.tsv"),
    embedded!("actors.tsv"),
    embedded!("triggers.tsv"),
    embedded!("cues.tsv"),
    embedded!("plover.tsv"),
];

/// The generated gazetteer, committed compressed as `places.tsv.gz` and
/// unpacked by the build script.
const EMBEDDED_PLACES: &str = include_str!(concat!(env!("OUT_DIR"), "/places.tsv"));

/// [`latin::skeleton_index`] of [`EMBEDDED_PLACES`], computed by the build
/// script: `(key, place)` as 12 little-endian bytes each, sorted.
const EMBEDDED_SKELETONS: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/places.skeletons"));

/// The skeleton index of a gazetteer file's text: the build script's for the
/// embedded one, else computed.
fn skeleton_index_of(text: &str) -> Vec<(u64, u32)> {
    if std::ptr::eq(text, EMBEDDED_PLACES) {
        EMBEDDED_SKELETONS
            .chunks_exact(12)
            .map(|entry| {
                let (key, place) = entry.split_at(8);
                (
                    u64::from_le_bytes(key.try_into().expect("8 bytes")),
                    u32::from_le_bytes(place.try_into().expect("4 bytes")),
                )
            })
            .collect()
    } else {
        latin::skeleton_index(text)
    }
}

/// Bits of [`Knowledge::skeleton_bits`]: 128 KB, a few keys per bit.
const SKELETON_BITS: usize = 1 << 20;

fn skeleton_bit(key: u64) -> usize {
    (key.wrapping_mul(0x9e37_79b9_7f4a_7c15) >> 44) as usize
}

const WORD_FREQUENCIES: &str = include_str!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../data/word_frequencies.tsv"
));

/// Words this frequent (Zipf 4.4: 25 per million words) are places only with
/// more evidence (العاصمة، دولة).
const FREQUENT_WORD_MIN_ZIPF: f32 = 4.4;

/// The embedded files as `(name, text)`, borrowed: nothing is copied.
/// One sorted index from the per-file ones, whose place numbers count from
/// each file's first place.
fn merge_skeleton_indexes(indexes: Vec<Vec<(u64, u32)>>, first_places: &[u32]) -> Vec<(u64, u32)> {
    let mut indexes = indexes.into_iter().zip(first_places.iter().copied());
    let Some((mut merged, _)) = indexes.next() else {
        return Vec::new();
    };
    let mut overlaid = false;
    for (index, first) in indexes {
        merged.extend(index.into_iter().map(|(key, place)| (key, place + first)));
        overlaid = true;
    }
    if overlaid {
        merged.sort_unstable();
    }
    merged
}

fn embedded_sources() -> Vec<(String, Cow<'static, str>)> {
    EMBEDDED
        .iter()
        .copied()
        .chain(std::iter::once(("places.tsv", EMBEDDED_PLACES)))
        .map(|(name, text)| (name.to_owned(), Cow::Borrowed(text)))
        .collect()
}

/// The files of [`FILES`] found in the overlay directory `dir`.
fn overlay_sources(dir: &Path) -> Result<Vec<(String, Cow<'static, str>)>, KbError> {
    if !dir.is_dir() {
        return Err(KbError::new(
            &dir.display().to_string(),
            0,
            "not a directory",
        ));
    }
    let mut sources = Vec::new();
    for name in FILES {
        let path = dir.join(name);
        if path.exists() {
            let text = std::fs::read_to_string(&path)
                .map_err(|e| KbError::new(&path.display().to_string(), 0, e.to_string()))?;
            sources.push((path.display().to_string(), text.into()));
        }
    }
    Ok(sources)
}

/// The folded words of `word_frequencies.tsv` with their Zipf frequency.
fn word_frequencies() -> impl Iterator<Item = (&'static str, f32)> {
    WORD_FREQUENCIES
        .lines()
        .filter(|l| !l.starts_with('#'))
        .filter_map(|l| l.split_once('\t'))
        .filter_map(|(word, zipf)| Some((word, zipf.parse().ok()?)))
}

/// The automaton's first names: countries and their nisba adjectives.
fn add_country_names(b: &mut MatcherBuilder, countries: &[Country]) {
    for (i, c) in countries.iter().enumerate() {
        for n in &c.names_ar {
            b.add(n, Entry::Country(i as u32));
        }
        for n in &c.nisba {
            b.add(n, Entry::Nisba(i as u32));
        }
    }
}

/// A problem in a knowledge-base file: which file, which line, what.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct KbError {
    pub file: String,
    /// 1-based; 0 when the problem is with the whole file.
    pub line: usize,
    pub message: String,
}

impl KbError {
    fn new(file: &str, line: usize, message: impl Into<String>) -> KbError {
        KbError {
            file: file.to_owned(),
            line,
            message: message.into(),
        }
    }
}

impl fmt::Display for KbError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.line > 0 {
            write!(f, "{}:{}: {}", self.file, self.line, self.message)
        } else {
            write!(f, "{}: {}", self.file, self.message)
        }
    }
}

impl std::error::Error for KbError {}

/// Everything rasd knows, ready for matching. Build it once and share it:
/// it is read-only and `Sync`.
pub struct Knowledge {
    pub countries: Vec<Country>,
    pub places: Vec<Place>,
    pub actors: Vec<Actor>,
    pub triggers: Vec<Trigger>,
    pub cues: Vec<Cue>,
    /// `plover.tsv`: PLOVER types and modes of event and figure words.
    pub plover: Vec<PloverRule>,
    /// The `plover` row of each trigger and of each figure cue.
    trigger_plover: Vec<Option<u32>>,
    cue_plover: Vec<Option<u32>>,
    /// Every word of `word_frequencies.tsv` (one per million words or more)
    /// with its Zipf frequency: never an unknown village found by
    /// romanization.
    pub word_zipf: FxHashMap<String, f32>,
    matcher: Matcher,
    /// (key of a Latin name's consonant skeleton, place), sorted.
    by_skeleton: Vec<(u64, u32)>,
    /// One bit per hashed key of `by_skeleton`: most names looked up have
    /// no places, and one probe here is cheaper than a binary search.
    skeleton_bits: Vec<u64>,
    /// Index into `countries` by ISO2 code: the geocoder asks for every
    /// candidate place's country.
    country_by_code: FxHashMap<String, usize>,
    /// The named-entity tagger's view of these tables, built on first use.
    ner_lexicon: std::sync::OnceLock<crate::ner::Lexicon>,
    /// Towns of [`BORDER_TOWN_MIN_POPULATION`] or more by country, built
    /// the first time a text names a border.
    towns_by_country: std::sync::OnceLock<FxHashMap<String, Vec<u32>>>,
    /// The folded cue words of the word kinds ([`CueKind::is_word_kind`]),
    /// built on first use.
    cue_words: std::sync::OnceLock<FxHashMap<String, Vec<CueKind>>>,
    /// The folded `aircraft_stem` cues, built on first use.
    aircraft_stems: std::sync::OnceLock<Vec<String>>,
    /// Per trigger, an armed actor its phrase names after its first word
    /// (فرقت الشرطة), built on first use.
    actor_in_trigger: std::sync::OnceLock<Vec<Option<usize>>>,
}

/// Towns this large or larger stand for a border (see
/// [`Knowledge::towns_of`]).
pub const BORDER_TOWN_MIN_POPULATION: u64 = 10_000;

impl Knowledge {
    /// The knowledge base compiled into the binary.
    ///
    /// # Panics
    /// Never in a released build: a test checks the embedded files load.
    pub fn embedded() -> Knowledge {
        Knowledge::from_sources(embedded_sources()).expect("the embedded knowledge base is valid")
    }

    /// The embedded knowledge plus the rows of any of [`FILES`] found in `dir`.
    ///
    /// # Errors
    /// When a file in `dir` cannot be read or has a malformed row.
    pub fn with_overlay(dir: &Path) -> Result<Knowledge, KbError> {
        let mut sources = embedded_sources();
        sources.extend(overlay_sources(dir)?);
        Knowledge::from_sources(sources)
    }

    /// The knowledge for reading event words only ([`crate::detect`]): the
    /// embedded files and those of `overlay`, but no gazetteer, which is
    /// most of the load time and which mention detection does not consult.
    ///
    /// # Errors
    /// As [`Knowledge::with_overlay`].
    pub fn for_mentions(overlay: Option<&Path>) -> Result<Knowledge, KbError> {
        let mut sources = embedded_sources();
        if let Some(dir) = overlay {
            sources.extend(overlay_sources(dir)?);
        }
        sources.retain(|(name, _)| !name.ends_with("places.tsv"));
        Knowledge::from_sources(sources)
    }

    /// Builds from `(file name, contents)` pairs; the name's last component
    /// says which table a file fills.
    fn from_sources(mut sources: Vec<(String, Cow<'static, str>)>) -> Result<Knowledge, KbError> {
        let kind_of = |name: &str| {
            FILES
                .iter()
                .position(|f| name.ends_with(f))
                .unwrap_or(FILES.len())
        };
        // countries before nisba: nisba rows attach to countries
        sources.sort_by_key(|(name, _)| kind_of(name));
        let is_gazetteer = |name: &str| FILES.get(kind_of(name)) == Some(&"places.tsv");
        let gazetteers: Vec<(&str, &str)> = sources
            .iter()
            .filter(|(name, _)| is_gazetteer(name))
            .map(|(name, text)| (name.as_str(), text.as_ref()))
            .collect();
        // The gazetteer's rows need none of the other tables: a second thread
        // parses them while this one parses the rest, builds the automaton
        // (its place names taken straight from the gazetteer text), the
        // Latin-name index and the word list.
        std::thread::scope(|scope| {
            let side = scope.spawn(|| {
                let mut places = Vec::new();
                gazetteers
                    .iter()
                    .try_for_each(|(name, text)| tables::parse_places(name, text, &mut places))
                    .map(|()| places)
            });
            let mut kb = Knowledge {
                countries: Vec::new(),
                places: Vec::new(),
                actors: Vec::new(),
                triggers: Vec::new(),
                cues: Vec::new(),
                plover: Vec::new(),
                trigger_plover: Vec::new(),
                cue_plover: Vec::new(),
                word_zipf: FxHashMap::default(),
                matcher: MatcherBuilder::default().build(),
                by_skeleton: Vec::new(),
                skeleton_bits: Vec::new(),
                country_by_code: FxHashMap::default(),
                ner_lexicon: std::sync::OnceLock::new(),
                towns_by_country: std::sync::OnceLock::new(),
                cue_words: std::sync::OnceLock::new(),
                aircraft_stems: std::sync::OnceLock::new(),
                actor_in_trigger: std::sync::OnceLock::new(),
            };
            let mut features = Vec::new();
            // the first malformed file in load order, with its kind
            let mut parsed = Ok(());
            for (name, text) in &sources {
                let kind = kind_of(name);
                let result = match FILES.get(kind).copied() {
                    Some("countries.tsv") => tables::parse_countries(name, text, &mut kb.countries),
                    Some("nisba.tsv") => tables::parse_nisba(name, text, &mut kb.countries),
                    Some("regions.tsv") => tables::parse_regions(name, text, &mut kb.countries),
                    // read by the other thread
                    Some("places.tsv") => Ok(()),
                    Some("features.tsv") => tables::parse_features(name, text, &mut features),
                    Some("actors.tsv") => tables::parse_actors(name, text, &mut kb.actors),
                    Some("triggers.tsv") => tables::parse_triggers(name, text, &mut kb.triggers),
                    Some("cues.tsv") => tables::parse_cues(name, text, &mut kb.cues),
                    Some("plover.tsv") => plover::parse_plover(name, text, &mut kb.plover),
                    _ => Err(KbError::new(name, 0, "not a knowledge-base file")),
                };
                if let Err(e) = result {
                    parsed = Err((kind, e));
                    break;
                }
            }
            // the index of each gazetteer file's first place
            let mut first_places: Vec<u32> = Vec::new();
            if parsed.is_ok() {
                let mut b = MatcherBuilder::default();
                add_country_names(&mut b, &kb.countries);
                let mut rows = 0;
                for (_, text) in &gazetteers {
                    first_places.push(rows);
                    rows += tables::gazetteer_arabic_names(text, |row, name| {
                        b.add(name, Entry::Place(rows + row));
                    });
                }
                for (i, p) in (rows..).zip(&features) {
                    for n in &p.names_ar {
                        b.add(n, Entry::Place(i));
                    }
                }
                kb.add_other_names(&mut b);
                kb.matcher = b.build();
                kb.trigger_plover = plover::rules_of_triggers(&kb.plover, &kb.triggers);
                kb.cue_plover = plover::rules_of_cues(&kb.plover, &kb.cues);
            }
            // the rest while the other thread, which has more to do, finishes
            let skeletons: Vec<_> = gazetteers
                .iter()
                .map(|(_, text)| skeleton_index_of(text))
                .collect();
            let word_zipf: FxHashMap<String, f32> = word_frequencies()
                .map(|(word, zipf)| (word.to_owned(), zipf))
                .collect();
            let places = side.join().expect("parsing places does not panic");
            // errors in load order: a file read before the gazetteer first
            let places_kind = kind_of("places.tsv");
            match (parsed, places) {
                (Err((kind, e)), _) if kind < places_kind => return Err(e),
                (_, Err(e)) | (Err((_, e)), _) => return Err(e),
                (Ok(()), Ok(places)) => kb.places = places,
            }
            kb.places.extend(features);
            kb.word_zipf = word_zipf;
            // the first row of a code wins, as it did before overlays were indexed
            kb.country_by_code = (kb.countries.iter().enumerate().rev())
                .map(|(i, c)| (c.iso2.clone(), i))
                .collect();
            // two consonants name thousands of places the world over: only
            // those of the countries rasd reads on are worth a look-up
            // (and the bit filter set in the same pass)
            let mut by_skeleton = merge_skeleton_indexes(skeletons, &first_places);
            let mut bits = vec![0u64; SKELETON_BITS / 64];
            by_skeleton.retain(|&(key, p)| {
                let kept = !latin::is_short_key(key)
                    || kb
                        .country(&kb.places[p as usize].country)
                        .is_some_and(|c| c.focus);
                if kept {
                    let bit = skeleton_bit(key);
                    bits[bit / 64] |= 1 << (bit % 64);
                }
                kept
            });
            kb.by_skeleton = by_skeleton;
            kb.skeleton_bits = bits;
            Ok(kb)
        })
    }

    /// A word frequent enough that a place of the same name needs more
    /// evidence (العاصمة، دولة).
    pub fn is_frequent_word(&self, folded: &str) -> bool {
        self.word_zipf
            .get(folded)
            .is_some_and(|&zipf| zipf >= FREQUENT_WORD_MIN_ZIPF)
    }

    /// An everyday word: one per million words or more.
    pub fn is_everyday_word(&self, folded: &str) -> bool {
        self.word_zipf.contains_key(folded)
    }

    /// The towns of [`BORDER_TOWN_MIN_POPULATION`] or more of a country.
    pub fn towns_of(&self, country: &str) -> &[u32] {
        let by_country = self.towns_by_country.get_or_init(|| {
            let mut by_country: FxHashMap<String, Vec<u32>> = FxHashMap::default();
            for (i, p) in (0u32..).zip(&self.places) {
                if p.kind == PlaceKind::City && p.population >= BORDER_TOWN_MIN_POPULATION {
                    by_country.entry(p.country.clone()).or_default().push(i);
                }
            }
            by_country
        });
        by_country.get(country).map_or(&[], Vec::as_slice)
    }

    /// Places one of whose Latin names has this consonant skeleton.
    pub fn places_by_skeleton(&self, skeleton: &str) -> &[(u64, u32)] {
        let key = romanize::skeleton_key(skeleton);
        let bit = skeleton_bit(key);
        if self.skeleton_bits[bit / 64] & 1 << (bit % 64) == 0 {
            return &[];
        }
        let start = self.by_skeleton.partition_point(|&(k, _)| k < key);
        // most keys have a few places: a scan beats a second search
        let len = self.by_skeleton[start..]
            .iter()
            .take_while(|&&(k, _)| k == key)
            .count();
        &self.by_skeleton[start..start + len]
    }

    /// The automaton's names after the places: actors, triggers, cues.
    fn add_other_names(&self, b: &mut MatcherBuilder) {
        for (i, a) in self.actors.iter().enumerate() {
            for n in std::iter::once(&a.name_ar)
                .chain(&a.aliases_ar)
                .chain(&a.aliases_en)
            {
                b.add(n, Entry::Actor(i as u32));
            }
        }
        for (i, t) in self.triggers.iter().enumerate() {
            b.add(&t.pattern, Entry::Trigger(i as u32));
        }
        for (i, c) in self.cues.iter().enumerate() {
            if !c.kind.is_word_kind() {
                b.add(&c.pattern, Entry::Cue(i as u32));
            }
        }
    }

    /// Whether a folded word, clitics aside, names troops, a vehicle or a
    /// post (`national_unit` rows of cues.tsv: دبابة، بدورية، والقوات).
    pub fn is_national_unit(&self, folded: &str) -> bool {
        crate::text::proclitic_splits(folded)
            .any(|split| self.is_cue_word(CueKind::NationalUnit, &folded[split.len..]))
    }

    /// Whether a folded word, without its article, opens an armed group's
    /// name (`group` rows of cues.tsv).
    pub fn is_group_word(&self, folded: &str) -> bool {
        let bare = folded.strip_prefix("ال").unwrap_or(folded);
        self.is_cue_word(CueKind::Group, bare)
    }

    /// Whether a folded word is a cue of `kind`, one of the kinds read a
    /// word at a time ([`CueKind::is_word_kind`]).
    pub fn is_cue_word(&self, kind: CueKind, folded: &str) -> bool {
        debug_assert!(kind.is_word_kind());
        self.cue_words
            .get_or_init(|| {
                let mut words: FxHashMap<String, Vec<CueKind>> = FxHashMap::default();
                for c in self.cues.iter().filter(|c| c.kind.is_word_kind()) {
                    words
                        .entry(crate::text::fold(&c.pattern))
                        .or_default()
                        .push(c.kind);
                }
                words
            })
            .get(folded)
            .is_some_and(|kinds| kinds.contains(&kind))
    }

    /// Whether a folded word, after some proclitics, begins with an
    /// `aircraft_stem` cue (وطائرات، للطيران).
    pub fn is_aircraft_word(&self, folded: &str) -> bool {
        let stems = self.aircraft_stems.get_or_init(|| {
            self.cues
                .iter()
                .filter(|c| c.kind == CueKind::AircraftStem)
                .map(|c| crate::text::fold(&c.pattern))
                .collect()
        });
        crate::text::proclitic_splits(folded).any(|split| {
            stems
                .iter()
                .any(|stem| folded[split.len..].starts_with(stem.as_str()))
        })
    }

    /// An armed actor that trigger `trigger`'s phrase names after its first
    /// word ("فرقت الشرطة": the police), found once per pattern rather than
    /// per text.
    pub fn actor_in_trigger(&self, trigger: usize) -> Option<usize> {
        self.actor_in_trigger.get_or_init(|| {
            self.triggers
                .iter()
                .map(|t| {
                    let folded = crate::text::fold(&t.pattern);
                    let (tokens, _) = crate::text::tokenize(&folded);
                    let rest = tokens.get(1..).unwrap_or_default();
                    self.matcher
                        .find(&folded, rest)
                        .iter()
                        .flat_map(crate::document::MatchExt::actors)
                        .find(|&a| self.actors[a].is_armed())
                })
                .collect()
        })[trigger]
    }

    /// The PLOVER reading of trigger `trigger`.
    pub fn plover_of_trigger(&self, trigger: usize) -> Option<&PloverRule> {
        self.trigger_plover[trigger].map(|r| &self.plover[r as usize])
    }

    /// The PLOVER reading of figure cue `cue` (مقتل، جرحى), if it has one.
    pub fn plover_of_cue(&self, cue: usize) -> Option<&PloverRule> {
        self.cue_plover[cue].map(|r| &self.plover[r as usize])
    }

    /// The PLOVER reading of an ACLED sub-event type told by no particular
    /// word.
    pub fn plover_of_sub_event(
        &self,
        sub_event: crate::acled::SubEventType,
    ) -> Option<&PloverRule> {
        plover::default_rule(&self.plover, sub_event).map(|r| &self.plover[r as usize])
    }

    /// Names and word frequencies for the named-entity tagger's features.
    pub fn ner_lexicon(&self) -> &crate::ner::Lexicon {
        self.ner_lexicon
            .get_or_init(|| crate::ner::Lexicon::from_knowledge(self))
    }

    pub fn matcher(&self) -> &Matcher {
        &self.matcher
    }

    pub fn country(&self, iso2: &str) -> Option<&Country> {
        self.country_by_code.get(iso2).map(|&i| &self.countries[i])
    }

    /// The index in [`Knowledge::actors`] of the actor with id `id`.
    pub fn actor_index(&self, id: &str) -> Option<usize> {
        self.actors.iter().position(|a| a.id == id)
    }

    /// The listed actor a generic one stands for in a country (generic
    /// soldiers of Israel: `il-military`), found by the name the generic
    /// row's template gives; a unit the table lacks (Border Guards of
    /// Jordan) falls back to the force it belongs to.
    pub fn national_actor(&self, generic: usize, iso2: &str) -> Option<usize> {
        let country = &self.country(iso2)?.name;
        let mut current = generic;
        for _ in 0..3 {
            let a = &self.actors[current];
            if !a.is_generic() {
                return None;
            }
            let name = a.name.replace("{country}", country);
            // ACLED writes some countries with the article (Military Forces
            // of the United States)
            let with_article = a.name.replace("{country}", &format!("the {country}"));
            if let Some(found) = self
                .actors
                .iter()
                .position(|b| !b.is_generic() && (b.name == name || b.name == with_article))
            {
                return Some(found);
            }
            current = self.actor_index(a.parent.as_deref()?)?;
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_knowledge_loads() {
        let kb = Knowledge::embedded();
        assert!(kb.actors.len() >= 150, "{} actors", kb.actors.len());
        assert!(kb.places.len() > 1000);
        assert!(kb.country("SY").is_some_and(|c| !c.nisba.is_empty()));
    }

    #[test]
    fn a_generic_force_finds_a_national_one_named_with_the_article() {
        let kb = Knowledge::embedded();
        let generic = kb.actor_index("generic-military").unwrap();
        let us = kb
            .national_actor(generic, "US")
            .map(|a| kb.actors[a].id.as_str());
        assert_eq!(us, Some("us-military"));
    }

    #[test]
    fn generic_forces_stand_for_a_countrys_listed_force() {
        let kb = Knowledge::embedded();
        let id = |i: Option<usize>| i.map(|i| kb.actors[i].id.as_str());
        let generic = |id: &str| kb.actor_index(id).expect("generic row");
        assert_eq!(
            id(kb.national_actor(generic("generic-military"), "IL")),
            Some("il-military")
        );
        assert_eq!(
            id(kb.national_actor(generic("generic-police"), "SO")),
            Some("so-police")
        );
        // a unit the table lacks falls back to the army it belongs to
        assert_eq!(
            id(kb.national_actor(generic("generic-coast-guard"), "RU")),
            Some("ru-military")
        );
        // a listed actor is no template
        assert_eq!(kb.national_actor(generic("il-military"), "SY"), None);
        assert_eq!(
            kb.country("PS").and_then(|c| c.armed_forces.as_deref()),
            Some("IL")
        );
    }

    #[test]
    fn build_script_skeleton_index_is_the_computed_one() {
        assert_eq!(
            skeleton_index_of(EMBEDDED_PLACES),
            latin::skeleton_index(EMBEDDED_PLACES)
        );
    }

    #[test]
    fn actor_table_is_consistent() {
        let kb = Knowledge::embedded();
        assert!(kb.actors.len() >= 400, "{} actors", kb.actors.len());
        let mut ids = std::collections::HashSet::new();
        for a in &kb.actors {
            assert!(ids.insert(a.id.as_str()), "duplicate actor id {:?}", a.id);
        }
        for a in &kb.actors {
            if let Some(p) = &a.parent {
                assert!(ids.contains(p.as_str()), "{}: unknown parent {p:?}", a.id);
            }
            assert!((1..=8).contains(&a.inter), "{}: inter {}", a.id, a.inter);
            match &a.country {
                None => assert!(
                    a.name.contains("{country}"),
                    "{}: a generic actor's name needs {{country}}",
                    a.id
                ),
                Some(c) => assert!(kb.country(c).is_some(), "{}: unknown country {c}", a.id),
            }
        }
    }

    #[test]
    fn every_word_kind_is_read_a_word_at_a_time() {
        let kb = Knowledge::embedded();
        let samples = [
            (CueKind::Group, "لواء"),
            (CueKind::Relative, "الذين"),
            (CueKind::Target, "ضد"),
            (CueKind::Ongoing, "تواصل"),
            (CueKind::PresentHistory, "تشهد"),
            (CueKind::OutcomeAfterNegation, "يسفر"),
            (CueKind::Figurative, "أضواء"),
            (CueKind::Particle, "داخل"),
            (CueKind::Province, "محافظة"),
            (CueKind::Area, "منطقة"),
            (CueKind::Reported, "إن"),
            (CueKind::Equipment, "صفقة"),
        ];
        for (kind, word) in samples {
            assert!(kind.is_word_kind(), "{kind:?}");
            assert!(kb.is_cue_word(kind, &crate::text::fold(word)), "{word}");
        }
        // read on words only, never matched in the text
        let text = crate::text::fold("داخل");
        let (tokens, _) = crate::text::tokenize(&text);
        assert!(kb
            .matcher()
            .find(&text, &tokens)
            .iter()
            .all(|m| m.entries.iter().all(|e| match *e {
                Entry::Cue(c) => !kb.cues[c as usize].kind.is_word_kind(),
                _ => true,
            })));
    }

    #[test]
    fn every_name_matches_itself_after_normalization() {
        let kb = Knowledge::embedded();
        let names = kb
            .actors
            .iter()
            .flat_map(|a| a.aliases_ar.iter())
            .chain(kb.triggers.iter().map(|t| &t.pattern))
            .chain(
                kb.cues
                    .iter()
                    .filter(|c| !c.kind.is_word_kind())
                    .map(|c| &c.pattern),
            );
        for name in names {
            let text = crate::text::fold(name.trim_end_matches('*'));
            let (tokens, _) = crate::text::tokenize(&text);
            let found = kb.matcher().find(&text, &tokens);
            assert!(
                found.iter().any(|m| m.span.len() == text.len()),
                "{name:?} does not match itself"
            );
        }
    }

    #[test]
    fn overlay_errors_name_file_and_line() {
        let dir = std::env::temp_dir().join(format!("rasd-kb-test-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(
            dir.join("actors.tsv"),
            "id\tname\tname_ar\taliases_ar\taliases_en\tinter\tcountry\tparent\tactive\twikidata\nx\tX\tس\t\t\tnine\tSY\t\t\t\n",
        )
        .unwrap();
        let err = Knowledge::with_overlay(&dir).err().unwrap();
        assert!(err.file.ends_with("actors.tsv"));
        assert_eq!(err.line, 2);
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
