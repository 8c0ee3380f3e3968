//! `rasd kb add-places`: an analyst's own list of places (format in
//! data/README.md, "Extending the knowledge base") into an overlay's
//! places.tsv.

use super::{
    add_arabic_name, is_common_place, parse_coordinate, parse_population, read_table, write_places,
    BuiltInProvinces, FileTally, PlaceRow, Rejection,
};
use crate::kb_build::{clean_arabic_name, fold_to_ascii, Kind};
use anyhow::Result;
use rasd_core::Knowledge;
use std::collections::hash_map::{Entry, HashMap};
use std::path::Path;
use std::process::ExitCode;

/// The list's columns; the first five are required.
const COLUMNS: [&str; 9] = [
    "name_ar",
    "name",
    "lat",
    "lon",
    "country",
    "admin1",
    "admin2",
    "population",
    "kind",
];
const REQUIRED_COLUMNS: usize = 5;

pub(crate) fn run(input: &Path, out: &Path) -> Result<ExitCode> {
    let kb = Knowledge::embedded();
    let provinces = BuiltInProvinces::new(&kb);
    let mut tally = FileTally::new(input);
    let mut rows: Vec<PlaceRow> = Vec::new();
    let mut line_of_id: HashMap<String, usize> = HashMap::new();
    read_table(
        input,
        &mut tally,
        &COLUMNS,
        REQUIRED_COLUMNS,
        |tally, number, cells| {
            let row = match parse_place(cells, &kb, &provinces) {
                Ok(row) => row,
                Err(rejection) => return tally.reject(number, rejection),
            };
            match line_of_id.entry(row.id.clone()) {
                Entry::Occupied(first) => tally.reject(
                    number,
                    Rejection::problem(
                        "repeated place",
                        format!(
                            "same name, country and admin1 as line {} (id {}); \
                             tell them apart in admin1 or name",
                            first.get(),
                            row.id
                        ),
                    ),
                ),
                Entry::Vacant(slot) => {
                    slot.insert(number);
                    rows.push(row);
                    tally.keep();
                }
            }
        },
    )?;
    println!("{}", tally.summary("place"));
    if rows.is_empty() {
        eprintln!("rasd: no place could be imported; nothing written");
        return Ok(ExitCode::FAILURE);
    }
    println!("{}", write_places(out, &rows)?);
    Ok(ExitCode::SUCCESS)
}

fn parse_place(
    cells: &[&str],
    kb: &Knowledge,
    provinces: &BuiltInProvinces,
) -> Result<PlaceRow, Rejection> {
    let [names_ar, name, lat, lon, country, admin1, admin2, population, kind] = cells else {
        unreachable!("read_table pads rows to every column");
    };
    let names_ar = arabic_names(names_ar)?;
    let name = fold_to_ascii(name.trim());
    if slug(&name).is_empty() {
        return Err(Rejection::problem(
            "missing value",
            "no English name (name, in Latin letters): it is what the location column shows",
        ));
    }
    let lat = parse_coordinate(lat, "lat", 90.0)?;
    let lon = parse_coordinate(lon, "lon", 180.0)?;
    let country = country.trim().to_ascii_uppercase();
    if kb.country(&country).is_none() {
        return Err(Rejection::problem(
            "unknown country",
            format!("country {country:?} is not an ISO2 code the knowledge base knows"),
        ));
    }
    let kind = match kind.trim() {
        "" | "city" => Kind::City,
        "admin1" => Kind::Admin1,
        "admin2" => Kind::Admin2,
        other => {
            return Err(Rejection::problem(
                "bad value",
                format!("kind must be city, admin1 or admin2, found {other:?}"),
            ))
        }
    };
    let population = parse_population(population)?;
    let id = place_id(&country, admin1.trim(), &name);
    let admin1 = match (kind, admin1.trim()) {
        (Kind::Admin1, _) => String::new(),
        (_, "") => provinces
            .nearest(&country, lat, lon)
            .unwrap_or_default()
            .to_owned(),
        (_, given) => given.to_owned(),
    };
    Ok(PlaceRow {
        id,
        kind,
        common: is_common_place(kind, &names_ar, population, kb),
        names_ar,
        names_latin: vec![name.clone()],
        name,
        lat,
        lon,
        country,
        admin1,
        admin2: admin2.trim().to_owned(),
        population,
    })
}

/// The `|`-separated Arabic names of a row, each as `kb build` would accept it.
fn arabic_names(cell: &str) -> Result<Vec<String>, Rejection> {
    let mut names = Vec::new();
    for raw in cell.split('|').map(str::trim).filter(|raw| !raw.is_empty()) {
        let name = clean_arabic_name(raw).ok_or_else(|| {
            Rejection::problem(
                "unusable Arabic name",
                format!(
                    "{raw:?} is not usable as an Arabic place name (it needs three or more \
                     Arabic letters, no Persian or Urdu ones, and not only a word like قرية)"
                ),
            )
        })?;
        add_arabic_name(&mut names, name);
    }
    if names.is_empty() {
        return Err(Rejection::problem(
            "missing value",
            "no Arabic name (name_ar): it is how the place is found in the text",
        ));
    }
    Ok(names)
}

/// `user:sy:idlib:al-bara`, or `user:sy:al-bara` without an admin1: built
/// from what identifies the place rather than from its coordinates or
/// Arabic names, so that correcting those replaces the row on the next run.
/// The admin1 is the one written in the list, not the one filled in.
fn place_id(country: &str, admin1: &str, name: &str) -> String {
    let slugs: Vec<String> = [country, admin1, name]
        .into_iter()
        .map(slug)
        .filter(|slug| !slug.is_empty())
        .collect();
    format!("user:{}", slugs.join(":"))
}

/// Lower-case ASCII letters and digits, other runs of characters as one `-`.
fn slug(text: &str) -> String {
    let folded = fold_to_ascii(text).to_ascii_lowercase();
    let words: Vec<&str> = folded
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|word| !word.is_empty())
        .collect();
    words.join("-")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn place_ids_are_slugs_of_country_admin1_and_name() {
        assert_eq!(
            place_id("SY", "Idlib", "Kafr Nubl"),
            "user:sy:idlib:kafr-nubl"
        );
        assert_eq!(
            place_id("SY", "", "Ma‘arrat  Misrin"),
            "user:sy:maarrat-misrin"
        );
        assert_eq!(
            place_id("IQ", "Şalāḩ ad Dīn", "Albu Ajil"),
            "user:iq:salah-ad-din:albu-ajil"
        );
    }
}
