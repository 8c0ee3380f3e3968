//! `rasd kb import-geonames`: places from GeoNames' own dump files, the main
//! table (allCountries.txt or a per-country file such as SY.txt) and
//! optionally alternateNamesV2.txt, into an overlay's places.tsv.

use super::{
    add_arabic_name, count, is_common_place, parse_coordinate, parse_population, read_lines,
    write_places, BuiltInProvinces, FileTally, PlaceRow, Rejection,
};
use crate::kb_build::{
    clean_arabic_name, fold_to_ascii, without_unit_prefix, without_unit_suffix, Kind,
};
use anyhow::{bail, Context, Result};
use rasd_core::Knowledge;
use std::collections::{HashMap, HashSet};
use std::fs::File;
use std::path::Path;
use std::process::ExitCode;

// Columns of the main table ("geoname" in GeoNames' readme.txt).
const MAIN_COLUMNS: usize = 19;
const GEONAMEID: usize = 0;
const NAME: usize = 1;
const ASCII_NAME: usize = 2;
const ALTERNATE_NAMES: usize = 3;
const LATITUDE: usize = 4;
const LONGITUDE: usize = 5;
const FEATURE_CLASS: usize = 6;
const FEATURE_CODE: usize = 7;
const COUNTRY_CODE: usize = 8;
const ADMIN1_CODE: usize = 10;
const ADMIN2_CODE: usize = 11;
const POPULATION: usize = 14;

// Columns of alternateNamesV2.txt. The older alternateNames.txt has the same
// columns but the last two (from, to).
const ALTERNATE_COLUMN_COUNTS: [usize; 2] = [10, 8];
const ALTERNATE_GEONAMEID: usize = 1;
const ALTERNATE_LANGUAGE: usize = 2;
const ALTERNATE_NAME: usize = 3;
const ALTERNATE_IS_PREFERRED: usize = 4;
const ALTERNATE_IS_HISTORIC: usize = 7;

/// Pseudo-languages under which GeoNames files codes, links and postcodes
/// rather than names.
const NOT_LANGUAGES: &[&str] = &[
    "abbr", "faac", "fr_1793", "iata", "icao", "link", "phon", "piny", "post", "tcid", "unlc",
    "wkdt",
];

pub(crate) fn run(
    main_table: &Path,
    alternate_names: Option<&Path>,
    countries: &[String],
    out: &Path,
) -> Result<ExitCode> {
    let kb = Knowledge::embedded();
    let wanted_countries: HashSet<String> = countries
        .iter()
        .map(|code| code.trim().to_ascii_uppercase())
        .collect();
    if let Some(unknown) = wanted_countries
        .iter()
        .find(|code| kb.country(code).is_none())
    {
        bail!("--countries: {unknown:?} is not an ISO2 code the knowledge base knows");
    }
    if let Some(path) = alternate_names {
        // fail now rather than after the long read of the main table
        File::open(path).with_context(|| format!("opening {}", path.display()))?;
    }
    let mut gazetteer = Gazetteer::new(&kb, wanted_countries);

    let mut main_tally = FileTally::new(main_table);
    read_lines(main_table, &mut main_tally, |tally, number, line| {
        if line.trim().is_empty() {
            return;
        }
        match gazetteer.add_main_row(line) {
            Ok(()) => tally.keep(),
            Err(rejection) => tally.reject(number, rejection),
        }
    })?;
    println!("{}", main_tally.summary("place"));

    if let Some(path) = alternate_names {
        let mut tally = FileTally::new(path);
        read_lines(path, &mut tally, |tally, number, line| {
            if line.trim().is_empty() {
                return;
            }
            match gazetteer.add_alternate_name(line) {
                Ok(()) => tally.keep(),
                Err(rejection) => tally.reject(number, rejection),
            }
        })?;
        println!("{}", tally.summary("name"));
    }

    let rows = gazetteer.place_rows(&BuiltInProvinces::new(&kb), &kb);
    if rows.is_empty() {
        eprintln!("rasd: no place could be imported; nothing written");
        return Ok(ExitCode::FAILURE);
    }
    println!("{}", describe(&rows));
    println!("{}", write_places(out, &rows)?);
    Ok(ExitCode::SUCCESS)
}

/// `5 places to write: 1 admin1, 0 admin2, 4 city; 1 flagged common; 2
/// without an Arabic name ...`.
fn describe(rows: &[PlaceRow]) -> String {
    let of_kind = |kind| rows.iter().filter(|row| row.kind == kind).count();
    let common = rows.iter().filter(|row| row.common).count();
    let latin_only = rows.iter().filter(|row| row.names_ar.is_empty()).count();
    format!(
        "{} to write: {} admin1, {} admin2, {} city; {common} flagged common; \
         {latin_only} without an Arabic name (found only by their Latin names)",
        count(rows.len(), "place"),
        of_kind(Kind::Admin1),
        of_kind(Kind::Admin2),
        of_kind(Kind::City),
    )
}

/// A place of the main table being imported, with the names gathered so far.
struct GeoPlace {
    id: u64,
    kind: Kind,
    /// English: the GeoNames name folded to ASCII; for units, the name the
    /// admin1/admin2 columns of other rows give them.
    name: String,
    names_ar: Vec<String>,
    names_latin: Vec<String>,
    lat: f64,
    lon: f64,
    country: String,
    admin1_code: String,
    admin2_code: String,
    population: u64,
}

impl GeoPlace {
    /// Adds a Latin name unless one differing only in case is there.
    fn add_latin(&mut self, name: String) -> bool {
        if self
            .names_latin
            .iter()
            .any(|known| known.eq_ignore_ascii_case(&name))
        {
            return false;
        }
        self.names_latin.push(name);
        true
    }

    /// Adds an Arabic name; a preferred one goes first. A unit's name is
    /// followed by its form without the unit word ("محافظة إدلب" → "إدلب"),
    /// which is how news names it.
    fn add_arabic(&mut self, name: String, preferred: bool) -> bool {
        let bare = match self.kind {
            Kind::City => None,
            Kind::Admin1 | Kind::Admin2 => without_unit_prefix(&name),
        };
        let folded = rasd_core::text::fold(&name);
        let added = add_arabic_name(&mut self.names_ar, name);
        if preferred {
            let index = self
                .names_ar
                .iter()
                .position(|known| rasd_core::text::fold(known) == folded);
            if let Some(index) = index {
                self.names_ar[..=index].rotate_right(1);
            }
        }
        if let Some(bare) = bare {
            add_arabic_name(&mut self.names_ar, bare);
        }
        added
    }
}

/// The kept places of the input and the names of its administrative units.
struct Gazetteer<'k> {
    /// Upper-case codes of `--countries`; empty for all countries.
    wanted_countries: HashSet<String>,
    known_countries: HashSet<&'k str>,
    /// English names of the built-in places, by GeoNames id.
    built_in: HashMap<u64, &'k str>,
    places: Vec<GeoPlace>,
    index_of_id: HashMap<u64, usize>,
    /// By (country, admin1 code).
    province_names: HashMap<(String, String), String>,
    /// By (country, admin1 code, admin2 code).
    district_names: HashMap<(String, String, String), String>,
}

impl<'k> Gazetteer<'k> {
    fn new(kb: &'k Knowledge, wanted_countries: HashSet<String>) -> Gazetteer<'k> {
        Gazetteer {
            wanted_countries,
            known_countries: kb.countries.iter().map(|c| c.iso2.as_str()).collect(),
            built_in: kb
                .places
                .iter()
                .filter_map(|place| {
                    let id = place.id.strip_prefix("gn:")?.parse().ok()?;
                    Some((id, place.name.as_str()))
                })
                .collect(),
            places: Vec::new(),
            index_of_id: HashMap::new(),
            province_names: HashMap::new(),
            district_names: HashMap::new(),
        }
    }

    fn add_main_row(&mut self, line: &str) -> Result<(), Rejection> {
        let fields: Vec<&str> = line.split('\t').collect();
        if fields.len() != MAIN_COLUMNS {
            return Err(wrong_column_count(fields.len(), &MAIN_COLUMNS.to_string()));
        }
        let kind = match (fields[FEATURE_CLASS], fields[FEATURE_CODE]) {
            ("P", _) => Kind::City,
            ("A", "ADM1") => Kind::Admin1,
            ("A", "ADM2") => Kind::Admin2,
            _ => return Err(Rejection::filtered("other feature class or code")),
        };
        let country = fields[COUNTRY_CODE];
        if !self.wanted_countries.is_empty() && !self.wanted_countries.contains(country) {
            return Err(Rejection::filtered("other country"));
        }
        if !self.known_countries.contains(country) {
            return Err(Rejection::filtered("country unknown to the knowledge base"));
        }
        let id = parse_geonameid(fields[GEONAMEID])?;
        let lat = parse_coordinate(fields[LATITUDE], "latitude", 90.0)?;
        let lon = parse_coordinate(fields[LONGITUDE], "longitude", 180.0)?;
        let population = parse_population(fields[POPULATION])?;
        if self.index_of_id.contains_key(&id) {
            return Err(Rejection::problem(
                "repeated geonameid",
                format!("geonameid {id} was already read"),
            ));
        }

        let name = match self.built_in.get(&id) {
            // units keep the built-in spelling, so that the admin1 column of
            // imported towns matches that of built-in ones
            Some(built_in) if kind != Kind::City => (*built_in).to_owned(),
            _ => english_name(kind, fields[NAME]),
        };
        let (admin1_code, admin2_code) = (fields[ADMIN1_CODE], fields[ADMIN2_CODE]);
        match kind {
            Kind::Admin1 => {
                self.province_names
                    .insert((country.to_owned(), admin1_code.to_owned()), name.clone());
            }
            Kind::Admin2 => {
                let key = (
                    country.to_owned(),
                    admin1_code.to_owned(),
                    admin2_code.to_owned(),
                );
                self.district_names.insert(key, name.clone());
            }
            Kind::City => {}
        }
        if self.built_in.contains_key(&id) {
            return Err(Rejection::filtered(
                "already in the built-in knowledge base",
            ));
        }

        let mut place = GeoPlace {
            id,
            kind,
            name,
            names_ar: Vec::new(),
            names_latin: Vec::new(),
            lat,
            lon,
            country: country.to_owned(),
            admin1_code: admin1_code.to_owned(),
            admin2_code: admin2_code.to_owned(),
            population,
        };
        for latin in [fields[NAME], fields[ASCII_NAME]]
            .into_iter()
            .filter_map(latin_name)
        {
            place.add_latin(latin);
        }
        // the column lists the names of every language, without saying which
        for alternate in fields[ALTERNATE_NAMES].split(',') {
            if is_arabic_script(alternate) {
                if let Some(arabic) = clean_arabic_name(alternate) {
                    place.add_arabic(arabic, false);
                }
            } else if let Some(latin) = latin_name(alternate) {
                place.add_latin(latin);
            }
        }
        self.index_of_id.insert(id, self.places.len());
        self.places.push(place);
        Ok(())
    }

    fn add_alternate_name(&mut self, line: &str) -> Result<(), Rejection> {
        let fields: Vec<&str> = line.split('\t').collect();
        if !ALTERNATE_COLUMN_COUNTS.contains(&fields.len()) {
            return Err(wrong_column_count(
                fields.len(),
                "10 (8 in alternateNames.txt)",
            ));
        }
        let id = parse_geonameid(fields[ALTERNATE_GEONAMEID])?;
        let Some(&index) = self.index_of_id.get(&id) else {
            return Err(Rejection::filtered("name of a place not imported"));
        };
        // news uses today's names
        if fields[ALTERNATE_IS_HISTORIC] == "1" {
            return Err(Rejection::filtered("historic name"));
        }
        let place = &mut self.places[index];
        let (language, name) = (fields[ALTERNATE_LANGUAGE], fields[ALTERNATE_NAME]);
        let added = if language == "ar" {
            let arabic = clean_arabic_name(name).ok_or(Rejection::filtered(
                "Arabic name rejected (other letters, generic word, too short)",
            ))?;
            place.add_arabic(arabic, fields[ALTERNATE_IS_PREFERRED] == "1")
        } else if NOT_LANGUAGES.contains(&language) {
            return Err(Rejection::filtered("code or link, not a name"));
        } else {
            let latin = latin_name(name).ok_or(Rejection::filtered("other language and script"))?;
            place.add_latin(latin)
        };
        if added {
            Ok(())
        } else {
            Err(Rejection::filtered("name already listed"))
        }
    }

    /// The rows to write, in input order, with their admin1 and admin2
    /// names: those of the input's ADM1/ADM2 rows, else (admin1 only) the
    /// nearest built-in province.
    fn place_rows(self, provinces: &BuiltInProvinces, kb: &rasd_core::Knowledge) -> Vec<PlaceRow> {
        self.places
            .into_iter()
            .map(|place| {
                let admin1 = match place.kind {
                    Kind::Admin1 => String::new(),
                    _ => self
                        .province_names
                        .get(&(place.country.clone(), place.admin1_code.clone()))
                        .cloned()
                        .or_else(|| {
                            provinces
                                .nearest(&place.country, place.lat, place.lon)
                                .map(str::to_owned)
                        })
                        .unwrap_or_default(),
                };
                let admin2 = match place.kind {
                    Kind::City => self
                        .district_names
                        .get(&(
                            place.country.clone(),
                            place.admin1_code.clone(),
                            place.admin2_code.clone(),
                        ))
                        .cloned()
                        .unwrap_or_default(),
                    _ => String::new(),
                };
                PlaceRow {
                    id: format!("gn:{}", place.id),
                    kind: place.kind,
                    common: is_common_place(place.kind, &place.names_ar, place.population, kb),
                    name: place.name,
                    names_ar: place.names_ar,
                    lat: place.lat,
                    lon: place.lon,
                    country: place.country,
                    admin1,
                    admin2,
                    population: place.population,
                    names_latin: place.names_latin,
                }
            })
            .collect()
    }
}

/// The English name of an imported place. First-level units lose their
/// kind word ("Idlib Governorate" → "Idlib") as in the built-in table and in
/// ACLED's admin1 column; districts keep it, as built-in ones do.
fn english_name(kind: Kind, geonames_name: &str) -> String {
    let name = fold_to_ascii(geonames_name.trim());
    match kind {
        Kind::Admin1 => without_unit_suffix(&name).map_or_else(|| name.clone(), str::to_owned),
        _ => name,
    }
}

/// A Latin-script name folded to ASCII ("Ma‘arrat an Nu‘mān" → "Maarrat an
/// Numan"), or `None` for other scripts and for codes: a name has a
/// lower-case letter, airport codes and abbreviations (ALP, SY-ID) have none.
fn latin_name(raw: &str) -> Option<String> {
    let folded = fold_to_ascii(raw.trim());
    let usable = folded.is_ascii()
        && folded.bytes().any(|b| b.is_ascii_lowercase())
        && !folded.contains('|');
    usable.then_some(folded)
}

fn is_arabic_script(text: &str) -> bool {
    text.chars().any(|c| {
        matches!(c,
            '\u{0600}'..='\u{06FF}'
            | '\u{0750}'..='\u{077F}'
            | '\u{08A0}'..='\u{08FF}'
            | '\u{FB50}'..='\u{FDFF}'
            | '\u{FE70}'..='\u{FEFF}')
    })
}

fn parse_geonameid(text: &str) -> Result<u64, Rejection> {
    text.trim().parse().map_err(|_| {
        Rejection::problem("bad number", format!("geonameid is not a number: {text:?}"))
    })
}

fn wrong_column_count(found: usize, expected: &str) -> Rejection {
    Rejection::problem(
        "wrong number of columns",
        format!("expected {expected} TAB-separated columns, found {found}"),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn latin_names_are_folded_and_codes_and_other_scripts_dropped() {
        assert_eq!(
            latin_name("Ma‘arrat an Nu‘mān").as_deref(),
            Some("Maarrat an Numan")
        );
        assert_eq!(latin_name(" El Bara ").as_deref(), Some("El Bara"));
        assert_eq!(latin_name("ALP"), None, "an airport code");
        assert_eq!(latin_name("Алеппо"), None);
        assert_eq!(latin_name("12345"), None);
    }

    #[test]
    fn first_level_units_lose_their_kind_word() {
        assert_eq!(english_name(Kind::Admin1, "Idlib Governorate"), "Idlib");
        assert_eq!(english_name(Kind::Admin1, "Ḩamāh"), "Hamah");
        assert_eq!(
            english_name(Kind::Admin2, "Ariha District"),
            "Ariha District"
        );
    }
}
