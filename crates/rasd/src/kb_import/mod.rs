//! Importers that write a knowledge-base overlay directory, the one
//! `rasd extract --kb DIR` reads: `kb import-geonames`, `kb add-places` and
//! `kb add-actors`.
//!
//! They share how input is read and reported (a bad line is printed as
//! `FILE:LINE: reason` and the other lines are still imported), how place
//! rows are written, and how a table of the overlay is merged by id.

mod geonames;
mod overlay;
mod user_actors;
mod user_places;

pub(crate) use geonames::run as import_geonames;
pub(crate) use user_actors::run as add_actors;
pub(crate) use user_places::run as add_places;

use crate::kb_build::Kind;
use anyhow::{Context, Result};
use indicatif::{ProgressBar, ProgressStyle};
use rasd_core::knowledge::{Place, PlaceKind};
use rasd_core::Knowledge;
use std::collections::{BTreeMap, HashMap};
use std::fs::File;
use std::io::{BufRead, BufReader, IsTerminal};
use std::path::Path;

/// Problems printed per input file; the rest are only counted, so that a
/// dump with a systematic fault does not bury the summary.
const MAX_PROBLEMS_SHOWN: usize = 50;

/// Places this large are named often enough that their name stands on its
/// own even when it is an everyday word (the same bound as `kb build`).
const COMMON_FLAG_MAX_POPULATION: u64 = 50_000;

/// Why a line was not imported: a fault of the input, which is printed with
/// its line number, or a line left out on purpose, which is only counted.
pub(crate) struct Rejection {
    /// Short, for the summary's tally ("wrong number of columns").
    reason: &'static str,
    /// What to tell the user about this line; `None` when nothing is wrong
    /// with it (another country, another feature class).
    detail: Option<String>,
}

impl Rejection {
    pub(crate) fn problem(reason: &'static str, detail: impl Into<String>) -> Rejection {
        Rejection {
            reason,
            detail: Some(detail.into()),
        }
    }

    pub(crate) fn filtered(reason: &'static str) -> Rejection {
        Rejection {
            reason,
            detail: None,
        }
    }
}

/// What became of the lines of one input file.
pub(crate) struct FileTally {
    name: String,
    lines: usize,
    kept: usize,
    skipped: BTreeMap<&'static str, usize>,
    problems: usize,
    /// The bar of the file being read, suspended while a problem is printed.
    progress: ProgressBar,
}

impl FileTally {
    pub(crate) fn new(path: &Path) -> FileTally {
        FileTally {
            name: path.display().to_string(),
            lines: 0,
            kept: 0,
            skipped: BTreeMap::new(),
            problems: 0,
            progress: ProgressBar::hidden(),
        }
    }

    pub(crate) fn keep(&mut self) {
        self.kept += 1;
    }

    pub(crate) fn reject(&mut self, line: usize, rejection: Rejection) {
        *self.skipped.entry(rejection.reason).or_default() += 1;
        if let Some(detail) = rejection.detail {
            self.problems += 1;
            if self.problems <= MAX_PROBLEMS_SHOWN {
                let message = format!("{}:{line}: {detail}", self.name);
                self.progress.suspend(|| eprintln!("{message}"));
            }
        }
    }

    /// `FILE: 12 lines, 9 places kept; skipped: 2 other country, 1 not UTF-8`
    /// for `kept_what` "place".
    pub(crate) fn summary(&self, kept_what: &str) -> String {
        let mut summary = format!(
            "{}: {}, {} kept",
            self.name,
            count(self.lines, "line"),
            count(self.kept, kept_what)
        );
        if !self.skipped.is_empty() {
            let skipped: Vec<String> = self
                .skipped
                .iter()
                .map(|(reason, n)| format!("{n} {reason}"))
                .collect();
            summary.push_str(&format!("; skipped: {}", skipped.join(", ")));
        }
        summary
    }
}

/// `1 place`, `2 places`.
pub(crate) fn count(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}

/// Reads `path` line by line, never whole (GeoNames dumps run to
/// gigabytes), with a progress bar by bytes when stderr is a terminal.
/// `handle` gets each line without its line break, with its 1-based number;
/// a line that is not UTF-8 is rejected here.
pub(crate) fn read_lines(
    path: &Path,
    tally: &mut FileTally,
    mut handle: impl FnMut(&mut FileTally, usize, &str),
) -> Result<()> {
    let file = File::open(path).with_context(|| format!("opening {}", path.display()))?;
    let size = file.metadata().map_or(0, |metadata| metadata.len());
    tally.progress = progress_bar(size, &tally.name);
    let mut reader = BufReader::with_capacity(1 << 16, tally.progress.wrap_read(file));
    let mut buffer = Vec::new();
    let mut number = 0;
    loop {
        buffer.clear();
        let read = reader
            .read_until(b'\n', &mut buffer)
            .with_context(|| format!("reading {}", path.display()))?;
        if read == 0 {
            break;
        }
        number += 1;
        tally.lines += 1;
        let line = buffer.strip_suffix(b"\n").unwrap_or(&buffer);
        let line = line.strip_suffix(b"\r").unwrap_or(line);
        match std::str::from_utf8(line) {
            Ok(text) => handle(tally, number, text),
            Err(error) => tally.reject(
                number,
                Rejection::problem(
                    "not UTF-8",
                    format!(
                        "not UTF-8 text (invalid byte at column {})",
                        error.valid_up_to() + 1
                    ),
                ),
            ),
        }
    }
    tally.progress.finish_and_clear();
    tally.progress = ProgressBar::hidden();
    if tally.problems > MAX_PROBLEMS_SHOWN {
        eprintln!(
            "{}: {} more problems not shown",
            tally.name,
            tally.problems - MAX_PROBLEMS_SHOWN
        );
    }
    Ok(())
}

fn progress_bar(bytes: u64, name: &str) -> ProgressBar {
    if !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::new(bytes);
    bar.set_style(
        ProgressStyle::with_template("{msg} [{wide_bar}] {bytes}/{total_bytes}, {eta} left")
            .expect("the progress template is valid")
            .progress_chars("=> "),
    );
    bar.set_message(name.to_owned());
    bar
}

/// Reads a TSV file whose first line (after comments and blank lines) is a
/// header naming `columns` in order: at least the first `required`, the
/// others may be left out from the right. `handle` gets each data row's
/// cells, padded with empty cells to all of `columns`.
pub(crate) fn read_table(
    path: &Path,
    tally: &mut FileTally,
    columns: &[&str],
    required: usize,
    mut handle: impl FnMut(&mut FileTally, usize, &[&str]),
) -> Result<()> {
    enum Header {
        Expected,
        Width(usize),
        Wrong,
    }
    let mut header = Header::Expected;
    read_lines(path, tally, |tally, number, line| {
        if line.trim().is_empty() || line.starts_with('#') {
            return;
        }
        let mut cells: Vec<&str> = line.split('\t').collect();
        match header {
            Header::Expected => {
                let named = cells.iter().map(|cell| cell.trim());
                if cells.len() >= required
                    && cells.len() <= columns.len()
                    && named.eq(columns[..cells.len()].iter().copied())
                {
                    header = Header::Width(cells.len());
                } else {
                    header = Header::Wrong;
                    tally.reject(
                        number,
                        Rejection::problem(
                            "bad header",
                            format!(
                                "the header must name the columns {} (the last {} optional), TAB-separated",
                                columns.join(" "),
                                columns.len() - required
                            ),
                        ),
                    );
                }
            }
            Header::Wrong => tally.reject(number, Rejection::filtered("after a bad header")),
            Header::Width(width) if cells.len() > width => tally.reject(
                number,
                Rejection::problem(
                    "wrong number of columns",
                    format!("{} columns, but the header names {width}", cells.len()),
                ),
            ),
            Header::Width(_) => {
                cells.resize(columns.len(), "");
                handle(tally, number, &cells);
            }
        }
    })
}

pub(crate) fn parse_coordinate(text: &str, what: &str, limit: f64) -> Result<f64, Rejection> {
    let value: f64 = text.trim().parse().map_err(|_| {
        Rejection::problem("bad number", format!("{what} is not a number: {text:?}"))
    })?;
    if value.is_nan() || value.abs() > limit {
        return Err(Rejection::problem(
            "coordinate out of range",
            format!("{what} {text} is outside -{limit}..{limit}"),
        ));
    }
    Ok(value)
}

/// An empty population is 0, as in places.tsv.
pub(crate) fn parse_population(text: &str) -> Result<u64, Rejection> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(0);
    }
    text.parse().map_err(|_| {
        Rejection::problem(
            "bad number",
            format!("population is not a whole number: {text:?}"),
        )
    })
}

/// The header of places.tsv, names_latin included.
pub(crate) const PLACES_HEADER: &str =
    "id\tkind\tname\tnames_ar\tlat\tlon\tcountry\tadmin1\tadmin2\tpopulation\tflags\tnames_latin";
/// Columns an existing places.tsv must have for rows to be merged into it
/// (names_latin is optional).
const PLACES_REQUIRED_COLUMNS: usize = 11;

/// A row of places.tsv (format in data/README.md).
pub(crate) struct PlaceRow {
    pub id: String,
    pub kind: Kind,
    pub name: String,
    pub names_ar: Vec<String>,
    pub lat: f64,
    pub lon: f64,
    pub country: String,
    pub admin1: String,
    pub admin2: String,
    pub population: u64,
    pub common: bool,
    pub names_latin: Vec<String>,
}

impl PlaceRow {
    pub(crate) fn to_line(&self) -> String {
        format!(
            "{}\t{}\t{}\t{}\t{:.5}\t{:.5}\t{}\t{}\t{}\t{}\t{}\t{}",
            self.id,
            self.kind.as_str(),
            self.name,
            self.names_ar.join("|"),
            self.lat,
            self.lon,
            self.country,
            self.admin1,
            self.admin2,
            self.population,
            if self.common { "common" } else { "" },
            self.names_latin.join("|"),
        )
    }
}

/// Merges `rows` into `out/places.tsv`, checks that the overlay loads, and
/// returns what was written.
pub(crate) fn write_places(out: &Path, rows: &[PlaceRow]) -> Result<String> {
    let mut table =
        overlay::OverlayTable::open(out, "places.tsv", PLACES_HEADER, PLACES_REQUIRED_COLUMNS)?;
    for row in rows {
        table.upsert(&row.id, row.to_line());
    }
    table.save()
}

/// Whether a town should only be taken as a place after a cue (قرية، في
/// ...): it is small and one of its one-word names is an everyday word.
/// Administrative units are never flagged: GeoNames gives most of them no
/// population, and news names provinces on their own.
pub(crate) fn is_common_place(
    kind: Kind,
    names_ar: &[String],
    population: u64,
    kb: &rasd_core::Knowledge,
) -> bool {
    let is_frequent = |name: &String| {
        let folded = rasd_core::text::fold(name);
        // with or without the article: النصر and نصر are both everyday words
        let other_form = match folded.strip_prefix("ال") {
            Some(bare) => bare.to_owned(),
            None => format!("ال{folded}"),
        };
        kb.is_frequent_word(&folded) || kb.is_frequent_word(&other_form)
    };
    kind == Kind::City
        && population < COMMON_FLAG_MAX_POPULATION
        && names_ar
            .iter()
            .filter(|name| !name.contains(' '))
            .any(is_frequent)
}

/// Adds `name` to `names` unless a name of the same normalized form (أ/ا،
/// ة/ه، ى/ي ...) is there already; returns whether it was added.
pub(crate) fn add_arabic_name(names: &mut Vec<String>, name: String) -> bool {
    let folded = rasd_core::text::fold(&name);
    if names
        .iter()
        .any(|known| rasd_core::text::fold(known) == folded)
    {
        return false;
    }
    names.push(name);
    true
}

/// The built-in first-level units, to name the province of a place whose
/// input does not: the nearest unit of its country.
pub(crate) struct BuiltInProvinces<'k> {
    by_country: HashMap<&'k str, Vec<&'k Place>>,
}

impl<'k> BuiltInProvinces<'k> {
    pub(crate) fn new(kb: &'k Knowledge) -> BuiltInProvinces<'k> {
        let mut by_country: HashMap<&str, Vec<&Place>> = HashMap::new();
        for place in kb.places.iter().filter(|p| p.kind == PlaceKind::Admin1) {
            by_country.entry(&place.country).or_default().push(place);
        }
        BuiltInProvinces { by_country }
    }

    pub(crate) fn nearest(&self, country: &str, lat: f64, lon: f64) -> Option<&'k str> {
        // an equirectangular distance is exact enough to rank centroids
        let squared_distance = |place: &Place| {
            let east = (place.lon - lon) * lat.to_radians().cos();
            let north = place.lat - lat;
            east * east + north * north
        };
        self.by_country
            .get(country)?
            .iter()
            .min_by(|a, b| squared_distance(a).total_cmp(&squared_distance(b)))
            .map(|place| place.name.as_str())
    }
}
