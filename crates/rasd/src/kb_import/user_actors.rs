//! `rasd kb add-actors`: an analyst's actors, in the format of actors.tsv
//! itself, checked and merged into an overlay's actors.tsv.

use super::overlay::OverlayTable;
use super::{read_table, FileTally, Rejection};
use anyhow::Result;
use rasd_core::knowledge::Actor;
use rasd_core::text::fold;
use rasd_core::Knowledge;
use std::collections::hash_map::{Entry, HashMap};
use std::collections::HashSet;
use std::path::Path;
use std::process::ExitCode;

use rasd_core::knowledge::ACTOR_COLUMNS as COLUMNS;

/// A checked row of actors.tsv and the input line it came from.
struct ActorRow {
    line: usize,
    id: String,
    name: String,
    name_ar: String,
    aliases_ar: Vec<String>,
    aliases_en: Vec<String>,
    inter: u8,
    /// ISO2, or `*` for a generic actor.
    country: String,
    parent: String,
    active: String,
    wikidata: String,
}

pub(crate) fn run(input: &Path, out: &Path) -> Result<ExitCode> {
    let kb = Knowledge::embedded();
    let mut table = OverlayTable::open(out, "actors.tsv", &COLUMNS.join("\t"), COLUMNS.len())?;
    let mut tally = FileTally::new(input);
    let mut rows: Vec<ActorRow> = Vec::new();
    let mut line_of_id: HashMap<String, usize> = HashMap::new();
    read_table(
        input,
        &mut tally,
        &COLUMNS,
        COLUMNS.len(),
        |tally, number, cells| {
            let row = match parse_actor(number, cells, &kb) {
                Ok(row) => row,
                Err(rejection) => return tally.reject(number, rejection),
            };
            match line_of_id.entry(row.id.clone()) {
                Entry::Occupied(first) => tally.reject(
                    number,
                    Rejection::problem(
                        "repeated id",
                        format!("id {} is already used on line {}", row.id, first.get()),
                    ),
                ),
                Entry::Vacant(slot) => {
                    slot.insert(number);
                    rows.push(row);
                }
            }
        },
    )?;

    // a parent may come later in the file, so parents are checked once it is read
    let is_known_id = |id: &str| {
        kb.actors.iter().any(|actor| actor.id == id)
            || line_of_id.contains_key(id)
            || table.contains(id)
    };
    let mut kept = Vec::new();
    for row in rows {
        if row.parent.is_empty() || is_known_id(&row.parent) {
            tally.keep();
            kept.push(row);
        } else {
            let detail = format!(
                "parent {:?} is not the id of a built-in actor, of one in this file or of one in {}",
                row.parent,
                out.display()
            );
            tally.reject(row.line, Rejection::problem("unknown parent", detail));
        }
    }
    println!("{}", tally.summary("actor"));
    if kept.is_empty() {
        eprintln!("rasd: no actor could be imported; nothing written");
        return Ok(ExitCode::FAILURE);
    }
    for row in &kept {
        table.upsert(&row.id, row.to_line());
    }
    println!("{}", table.save()?);
    Ok(ExitCode::SUCCESS)
}

fn parse_actor(line: usize, cells: &[&str], kb: &Knowledge) -> Result<ActorRow, Rejection> {
    let [id, name, name_ar, aliases_ar, aliases_en, inter, country, parent, active, wikidata] =
        cells
    else {
        unreachable!("read_table pads rows to every column");
    };
    let id = id.trim();
    if id.is_empty() || id.contains(|c: char| c.is_whitespace() || c == '|') {
        return Err(Rejection::problem(
            "bad id",
            format!("id must be one word, such as new-dawn-brigades; found {id:?}"),
        ));
    }
    let name = name.trim();
    if name.is_empty() {
        return Err(Rejection::problem(
            "missing value",
            "no English name (name)",
        ));
    }
    let row = ActorRow {
        line,
        id: id.to_owned(),
        name: name.to_owned(),
        name_ar: name_ar.trim().to_owned(),
        aliases_ar: list(aliases_ar),
        aliases_en: list(aliases_en),
        inter: parse_inter(inter)?,
        country: parse_country(country, name, kb)?,
        parent: parent.trim().to_owned(),
        active: active.trim().to_owned(),
        wikidata: wikidata.trim().to_owned(),
    };
    let has_arabic_name = std::iter::once(&row.name_ar)
        .chain(&row.aliases_ar)
        .any(|name| name.chars().any(|c| matches!(c, '\u{0621}'..='\u{064A}')));
    if !has_arabic_name {
        return Err(Rejection::problem(
            "missing value",
            "no Arabic name (name_ar or aliases_ar): it is how the actor is found in the text",
        ));
    }
    match kb.actors.iter().find(|actor| actor.id == id) {
        Some(built_in) => row.into_names_of(built_in),
        None => Ok(row),
    }
}

fn parse_inter(text: &str) -> Result<u8, Rejection> {
    let inter: u8 = text.trim().parse().map_err(|_| {
        Rejection::problem("bad number", format!("inter is not a number: {text:?}"))
    })?;
    if !(1..=8).contains(&inter) {
        return Err(Rejection::problem(
            "bad value",
            format!("inter must be 1 to 8, found {inter}"),
        ));
    }
    Ok(inter)
}

/// An ISO2 code the knowledge base knows, or `*` for a generic actor, whose
/// name then says where the event's country goes.
fn parse_country(text: &str, name: &str, kb: &Knowledge) -> Result<String, Rejection> {
    match text.trim() {
        "*" if name.contains("{country}") => Ok("*".to_owned()),
        "*" => Err(Rejection::problem(
            "bad value",
            "a generic actor (country *) needs {country} in its name, as in Militia ({country})",
        )),
        code => {
            let code = code.to_ascii_uppercase();
            match kb.country(&code) {
                Some(_) => Ok(code),
                None => Err(Rejection::problem(
                    "unknown country",
                    format!("country must be * or an ISO2 code the knowledge base knows, found {code:?}"),
                )),
            }
        }
    }
}

fn list(cell: &str) -> Vec<String> {
    cell.split('|')
        .map(str::trim)
        .filter(|item| !item.is_empty())
        .map(str::to_owned)
        .collect()
}

impl ActorRow {
    /// A row that reuses a built-in actor's id adds names to that actor: the
    /// overlay adds rows, it cannot change built-in ones, so it must agree
    /// with it on name, inter and country, takes its parent, and keeps only
    /// the names the built-in actor lacks.
    fn into_names_of(mut self, built_in: &Actor) -> Result<ActorRow, Rejection> {
        let built_in_country = built_in.country.as_deref().unwrap_or("*");
        if self.name != built_in.name
            || self.inter != built_in.inter
            || self.country != built_in_country
        {
            return Err(Rejection::problem(
                "built-in id",
                format!(
                    "{} is the id of the built-in actor {:?} (inter {}, country {built_in_country}): \
                     use another id, or repeat that name, inter and country to add names to it",
                    self.id, built_in.name, built_in.inter
                ),
            ));
        }
        let known_arabic: HashSet<String> = std::iter::once(&built_in.name_ar)
            .chain(&built_in.aliases_ar)
            .map(|name| fold(name))
            .collect();
        if known_arabic.contains(&fold(&self.name_ar)) {
            self.name_ar.clear();
        }
        self.aliases_ar
            .retain(|alias| !known_arabic.contains(&fold(alias)));
        self.aliases_en.retain(|alias| {
            !built_in
                .aliases_en
                .iter()
                .any(|known| known.eq_ignore_ascii_case(alias))
        });
        if self.name_ar.is_empty() && self.aliases_ar.is_empty() && self.aliases_en.is_empty() {
            return Err(Rejection::problem(
                "nothing new",
                format!("adds no name to the built-in actor {}", self.id),
            ));
        }
        self.parent = built_in.parent.clone().unwrap_or_default();
        Ok(self)
    }

    fn to_line(&self) -> String {
        format!(
            "{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}",
            self.id,
            self.name,
            self.name_ar,
            self.aliases_ar.join("|"),
            self.aliases_en.join("|"),
            self.inter,
            self.country,
            self.parent,
            self.active,
            self.wikidata
        )
    }
}
