//! `rasd kb eval-places`: how well the geocoder resolves place mentions, on
//! a table of mentions in context with their GeoNames ids (format in
//! tests/places/README.md).

use std::collections::BTreeMap;
use std::fmt;
use std::path::Path;

use anyhow::{bail, Context, Result};
use rasd_core::Knowledge;
use serde::Serialize;

use crate::eval::{haversine_km, median};

/// A resolution this close to the gold point counts as right.
pub const WITHIN_KM: f64 = 25.0;

const COLUMNS: [&str; 7] = [
    "id",
    "country",
    "geonameid",
    "lat",
    "lon",
    "mention",
    "sentence",
];

/// One row of the benchmark.
struct Mention {
    id: String,
    country: String,
    geonameid: String,
    gold: (f64, f64),
    mention: String,
    sentence: String,
}

/// What the geocoder made of one mention.
#[derive(Serialize)]
pub struct Outcome {
    pub id: String,
    pub country: String,
    pub mention: String,
    /// `None` when no place was resolved at the mention.
    pub resolved: Option<String>,
    pub same_id: bool,
    pub km: Option<f64>,
}

impl Outcome {
    fn within(&self) -> bool {
        self.km.is_some_and(|km| km <= WITHIN_KM)
    }
}

#[derive(Serialize)]
pub struct Report {
    pub mentions: usize,
    pub countries: usize,
    pub resolved: usize,
    pub same_id: usize,
    pub within_25_km: usize,
    pub accuracy: f64,
    pub median_error_km: Option<f64>,
    /// country → (mentions, within 25 km)
    pub by_country: BTreeMap<String, (usize, usize)>,
    pub outcomes: Vec<Outcome>,
}

/// Reads the benchmark table and geocodes every sentence.
pub fn evaluate(path: &Path, kb: &Knowledge) -> Result<Report> {
    let mentions = read_mentions(path)?;
    let outcomes: Vec<Outcome> = mentions.iter().map(|m| resolve(m, kb)).collect();
    let mut by_country: BTreeMap<String, (usize, usize)> = BTreeMap::new();
    for o in &outcomes {
        let entry = by_country.entry(o.country.clone()).or_default();
        entry.0 += 1;
        entry.1 += usize::from(o.within());
    }
    let within = outcomes.iter().filter(|o| o.within()).count();
    Ok(Report {
        mentions: outcomes.len(),
        countries: by_country.len(),
        resolved: outcomes.iter().filter(|o| o.resolved.is_some()).count(),
        same_id: outcomes.iter().filter(|o| o.same_id).count(),
        within_25_km: within,
        accuracy: within as f64 / outcomes.len().max(1) as f64,
        median_error_km: median(outcomes.iter().filter_map(|o| o.km).collect()),
        by_country,
        outcomes,
    })
}

fn resolve(mention: &Mention, kb: &Knowledge) -> Outcome {
    let start = mention.sentence.find(&mention.mention).unwrap_or(0);
    let end = start + mention.mention.len();
    // the resolution whose span overlaps the mention (clitics and the
    // article may sit inside or outside either span)
    let place = rasd_core::geocode(&mention.sentence, kb)
        .into_iter()
        .find(|p| p.start < end && start < p.end);
    Outcome {
        id: mention.id.clone(),
        country: mention.country.clone(),
        mention: mention.mention.clone(),
        same_id: place
            .as_ref()
            .is_some_and(|p| p.id == format!("gn:{}", mention.geonameid)),
        km: place
            .as_ref()
            .map(|p| haversine_km(mention.gold, (p.latitude, p.longitude))),
        resolved: place.map(|p| format!("{} ({}, {}) {}", p.name, p.admin1, p.country, p.id)),
    }
}

fn read_mentions(path: &Path) -> Result<Vec<Mention>> {
    let text =
        std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
    let mut lines = text.lines().enumerate();
    match lines.next() {
        Some((_, header)) if header.split('\t').eq(COLUMNS) => {}
        _ => bail!(
            "{}:1: header must be: {}",
            path.display(),
            COLUMNS.join(" ")
        ),
    }
    let mut mentions = Vec::new();
    for (i, line) in lines.filter(|(_, l)| !l.trim().is_empty()) {
        let at = || format!("{}:{}", path.display(), i + 1);
        let cells: Vec<&str> = line.split('\t').collect();
        if cells.len() != COLUMNS.len() {
            bail!(
                "{}: expected {} columns, found {}",
                at(),
                COLUMNS.len(),
                cells.len()
            );
        }
        let number = |cell: &str| -> Result<f64> {
            cell.parse()
                .with_context(|| format!("{}: not a number: {cell:?}", at()))
        };
        if !cells[6].contains(cells[5]) {
            bail!("{}: the mention is not in the sentence", at());
        }
        mentions.push(Mention {
            id: cells[0].to_owned(),
            country: cells[1].to_owned(),
            geonameid: cells[2].to_owned(),
            gold: (number(cells[3])?, number(cells[4])?),
            mention: cells[5].to_owned(),
            sentence: cells[6].to_owned(),
        });
    }
    if mentions.is_empty() {
        bail!("{}: no mentions", path.display());
    }
    Ok(mentions)
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let share = |n: usize| n as f64 / self.mentions.max(1) as f64 * 100.0;
        writeln!(
            f,
            "mentions {}   countries {}",
            self.mentions, self.countries
        )?;
        writeln!(
            f,
            "resolved {:.1}%   same GeoNames id {:.1}%   within {WITHIN_KM} km {:.1}%   median error {}",
            share(self.resolved),
            share(self.same_id),
            share(self.within_25_km),
            self.median_error_km
                .map_or_else(|| "n/a".to_owned(), |km| format!("{km:.1} km")),
        )?;
        let countries: Vec<String> = self
            .by_country
            .iter()
            .map(|(c, (n, ok))| format!("{c} {ok}/{n}"))
            .collect();
        writeln!(
            f,
            "within {WITHIN_KM} km by country: {}",
            countries.join("  ")
        )
    }
}

/// The mentions the geocoder got wrong, one per line, for `--misses`.
pub fn misses(report: &Report) -> String {
    report
        .outcomes
        .iter()
        .filter(|o| !o.within())
        .map(|o| {
            format!(
                "{}\t{}\t{}\t{}\n",
                o.id,
                o.mention,
                o.resolved.as_deref().unwrap_or("(not resolved)"),
                o.km.map_or_else(String::new, |km| format!("{km:.0} km")),
            )
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scores_a_small_table_and_names_bad_rows() {
        let dir = std::env::temp_dir().join(format!("rasd-eval-places-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let table = dir.join("mentions.tsv");
        let header = COLUMNS.join("\t");
        std::fs::write(
            &table,
            format!(
                "{header}\nq1\tSY\t163843\t35.93\t36.63\tإدلب\tقصفت الطائرات مدينة إدلب صباح اليوم.\n\
                 q2\tIQ\t99072\t36.335\t43.118\tالموصل\tانفجرت عبوة في الموصل.\n"
            ),
        )
        .unwrap();
        let kb = Knowledge::embedded();
        let report = evaluate(&table, &kb).unwrap();
        assert_eq!((report.mentions, report.countries), (2, 2));
        assert_eq!(report.within_25_km, 2, "{}", misses(&report));

        std::fs::write(&table, format!("{header}\nq1\tSY\t1\tx\t36\tحلب\tفي حلب\n")).unwrap();
        let err = evaluate(&table, &kb).err().unwrap().to_string();
        assert!(
            err.ends_with("mentions.tsv:2: not a number: \"x\""),
            "{err}"
        );
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
