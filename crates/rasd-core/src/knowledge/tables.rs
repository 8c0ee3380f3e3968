//! Parsing the knowledge base's TSV files into typed rows.

use super::KbError;
use crate::acled::SubEventType;

/// An armed group, state force or generic actor from `actors.tsv`.
#[derive(Clone, Debug, PartialEq)]
pub struct Actor {
    pub id: String,
    /// English canonical name; generic actors carry a `{country}` placeholder.
    pub name: String,
    pub name_ar: String,
    pub aliases_ar: Vec<String>,
    pub aliases_en: Vec<String>,
    /// ACLED inter code, 1 to 8.
    pub inter: u8,
    /// ISO2 country; `None` for generic actors, which take the event's country.
    pub country: Option<String>,
    pub parent: Option<String>,
    /// The first word of each Arabic name, folded and without the article
    /// (تنظيم، حركه، جماعه): the kinds of body the actor is, which an
    /// anaphor (التنظيم، الحركة) names.
    pub name_heads: Vec<String>,
}

impl Actor {
    pub fn is_generic(&self) -> bool {
        self.country.is_none()
    }

    /// The unidentified armed group, who the text leaves unnamed
    /// (مسلحون مجهولون).
    pub fn is_unidentified(&self) -> bool {
        self.id == "generic-unidentified"
    }

    /// Civilians in ACLED's sense (inter 7).
    pub fn is_civilian(&self) -> bool {
        self.inter == 7
    }

    /// Rioters or protesters (inter 5, 6): a crowd.
    pub fn is_crowd(&self) -> bool {
        matches!(self.inter, 5 | 6)
    }

    /// State forces (inter 1) and armed non-state groups (2, 3, 4, 8).
    pub fn is_armed(&self) -> bool {
        matches!(self.inter, 1 | 2 | 3 | 4 | 8)
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PlaceKind {
    Admin1,
    Admin2,
    City,
    /// A sea, strait, mountain range, plain, desert or region without a
    /// unit of its own (`features.tsv`).
    Feature,
}

/// A place from `places.tsv`.
#[derive(Clone, Debug, PartialEq)]
pub struct Place {
    pub id: String,
    pub kind: PlaceKind,
    pub name: String,
    pub names_ar: Vec<String>,
    pub lat: f64,
    pub lon: f64,
    pub country: String,
    pub admin1: String,
    pub admin2: String,
    pub population: u64,
    /// One of its Arabic names is an everyday word: only a place after a cue.
    pub common: bool,
}

/// A country from `countries.tsv`, with its nisba adjectives from `nisba.tsv`.
#[derive(Clone, Debug, PartialEq)]
pub struct Country {
    pub iso2: String,
    pub name: String,
    pub names_ar: Vec<String>,
    pub nisba: Vec<String>,
    pub lat: f64,
    pub lon: f64,
    pub capital: String,
    /// ISO 3166-1 numeric code, which ACLED's `iso` column carries.
    pub iso_numeric: Option<u32>,
    /// ACLED's region ("Middle East", "Western Africa"), from `regions.tsv`.
    pub region: Option<String>,
    /// Among the countries Arabic-language conflict reporting covers most
    /// (`regions.tsv`): where a place the text leaves unplaced is looked for.
    pub focus: bool,
    /// The state whose army unnamed soldiers in this country belong to
    /// (`regions.tsv`: Israel's in the Palestinian Territory); `None`: the
    /// country's own.
    pub armed_forces: Option<String>,
}

/// How a trigger word relates to the attacker.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TriggerPos {
    /// A verb: its subject (usually right after it) is the attacker.
    Verb,
    /// A noun: the attacker follows it with ل or as a genitive, or precedes it.
    Noun,
    /// A victim-centred word: the actor after it is the target.
    Passive,
}

/// An event word from `triggers.tsv`.
#[derive(Clone, Debug, PartialEq)]
pub struct Trigger {
    pub pattern: String,
    pub sub_event: SubEventType,
    pub pos: TriggerPos,
    pub priority: u8,
    /// Generic violence: armed clash or attack on civilians, by target.
    pub attack: bool,
    /// Thwarting wording: the event was attempted.
    pub attempt: bool,
    /// Also the word for a march (مسيرة): a protest when protesters are about.
    pub march: bool,
    /// Its doer gives territory up (انسحب، تسليم المدينة): the other side
    /// named takes it over and is actor 1.
    pub yields: bool,
    /// The article belongs to the phrase (النار على): the noun does not
    /// refer back to an event told before.
    pub set_phrase: bool,
}

/// What a cue word from `cues.tsv` signals.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum CueKind {
    Place,
    Countryside,
    Near,
    Direction,
    Say,
    Killed,
    Injured,
    Captured,
    Arrested,
    Escaped,
    Missing,
    History,
    Future,
    Negation,
    Attempt,
    /// A word that refers back to a group named earlier (التنظيم، الحركة).
    Anaphor,
    /// Members or a unit of the group named after it (عناصر، مقاتلو، خلية).
    Member,
    /// A word that ties members to the group after it (تابعة، ينتمون).
    Affiliation,
    /// One person (طفلة، جندي): after a figure word it counts one.
    Person,
    /// A killing of one person (اغتيال): one dead unless a number says more.
    KilledOne,
    /// Aircraft (طائرات، جوية): bombardment from the air, not artillery.
    Aircraft,
    /// The beginning of a word for aircraft, whatever its ending (طائر:
    /// طائرة، طائرات، طائرتان). Read a word at a time.
    AircraftStem,
    /// Troops, vehicles or posts (قوات، دبابة، دورية، موقع) that, with a
    /// country's nisba right after them, stand for its army (دبابة
    /// إسرائيلية). Read a word at a time.
    NationalUnit,
    /// A contrast before a second speaker (في حين، بينما، في المقابل): a
    /// figure after it is that speaker's claim, not the first one's.
    Contrast,
    /// A word that opens a description of the doer right after its name
    /// (مسلحون يستقلون دراجات نارية، مهاجم يرتدي حزاما ناسفا): the words
    /// of the description do not part a toll from its verb. Read a word at
    /// a time.
    DoerDescription,
    /// A hospital (مستشفى): the town named after it is where the wounded
    /// or dead were taken, not where the event happened.
    Facility,
    /// A seat of government (مبنى، ديوان، مجلس، مقر) before a province's
    /// name: "أمام مبنى محافظة ذي قار" is in the province's capital, the
    /// town of the dateline. Read a word at a time.
    Seat,
    /// A court's ruling (قضت المحكمة، حكمت محكمة، بالسجن): the violence its
    /// sentence names is the case being judged, whatever day the ruling
    /// was given.
    Ruling,
    /// An anniversary (الذكرى): what follows it in the sentence is remembered.
    Anniversary,
    /// Two people, in the dual (شخصين، جنديين): after a figure word it counts two.
    Pair,
    /// A word for a part of a town (حي، شارع، سوق): the name after it is no town.
    Locality,
    /// A word that gives violence words nearby another sense (a verbal
    /// attack, a road accident, a match, a death sentence): read for event
    /// mentions only.
    OtherSense,
    /// A verbal act (أدان، اتهم، طالب، بحث): a sentence led by it is a
    /// statement about the events it names.
    SpeechAct,
    /// A word of time, cause or topic (منذ، جراء، حول): the event word right
    /// after it is a circumstance of the sentence's event.
    Circumstance,
    /// The grounds of a protest (احتجاجا على، تنديدا ب): a death named
    /// right after it is what the crowd protests, not a casualty.
    Grounds,
    /// A rising toll (ارتفعت الحصيلة، ارتفع عدد القتلى): the number after
    /// it replaces the counts told before.
    TollUpdate,
    /// A gathering of people (حشود، هتافات، لافتات): a protest word nearby
    /// means a street protest.
    Crowd,
    /// A verb that says an event took place or was carried out (شهد، وقع،
    /// اندلع، شن، نفذ، تعرض): an event word after it is reported.
    Occurrence,
    /// Qualifier words are handled by the numbers stage; kept so the file stays
    /// one list an analyst can read whole.
    Qualifier,
    /// A word that opens an armed group's name (جبهة، كتائب، لواء): a name
    /// the learned tagger finds that opens with one is a group no table
    /// lists. Read on the tagger's names only, never matched in the text.
    Group,
    /// A relative pronoun (الذي، التي، الذين): an event word right after
    /// one tells of a secondary clause's act. A word kind.
    Relative,
    /// A word after which a group is the target of violence, not its actor
    /// (على، ضد، مواقع). A word kind.
    Target,
    /// A `future` word that tells of something going on, not of a plan
    /// (تواصل القصف). A word kind.
    Ongoing,
    /// A `history` word that tells of the present (تشهد المدينة احتجاجات).
    /// A word kind.
    PresentHistory,
    /// A word that, after a negation, denies knowledge of an outcome rather
    /// than the event (لم يسفر الهجوم عن إصابات). A word kind.
    OutcomeAfterNegation,
    /// A word that, right after a violent word, makes it a figure of speech
    /// (معنوي، الأضواء، الأضاحي، الوقت). A word kind.
    Figurative,
    /// A preposition or particle (في، من، إلى، بين): no part of a group's
    /// name. A word kind.
    Particle,
    /// A word for a province (محافظة، ولاية، إقليم): the name after it is
    /// the province. A word kind.
    Province,
    /// A word for an area of any size (منطقة، مقاطعة): the name after it is
    /// a province only if a province bears it. A word kind.
    Area,
    /// A word after which the actor named did the act (على يد، برصاص، شنه،
    /// أطلقته). A word kind.
    Agent,
    /// A word before a supporting side (مدعوما، بدعم): that actor is no
    /// party of its own. A word kind.
    Support,
    /// A word opening reported speech (أن، إن): a date right before it
    /// dates the statement ("أكد المتحدث، اليوم الأربعاء، أن"), not the
    /// events the statement tells of. A word kind.
    Reported,
    /// A word of supply, purchase or production (تزويد، صفقة، إنتاج): a
    /// weapon named shortly after it is equipment, not an attack. A word
    /// kind.
    Equipment,
    /// A particle that, right before a past verb, retells an act already
    /// reported (وكان مسلحون قد هاجموا): with no day or town of its own,
    /// such a verb starts no event. A word kind.
    Retold,
    /// A word that opens a subset of a count told just before it, between
    /// commas (٥٣ شخصا، بينهم ٤٦ مدنيا، قتلوا): its numbers are parts of
    /// the count. A word kind.
    Among,
    /// A word of heading (باتجاه، نحو، صوب): a border after it is where
    /// people went, not where the event happened. A word kind.
    Heading,
    /// A speaker's own forces or arms, by a pronoun ending (قواته،
    /// مقاتليها، طيرانه): after reported speech, the act they did is the
    /// speaker's. A word kind.
    OwnForces,
    /// Speech about the speaker itself (إنه، إنها، بأنهم): the act told
    /// right after it is the speaker's own. A word kind.
    SelfReference,
    /// A claim of responsibility (مسؤوليته، مسؤوليتها) before عن: the
    /// event word after عن is the speaker's act. A word kind.
    Claim,
    /// A word that attributes an act (نسبته، نسبت، تنسب): the actor after
    /// إلى up to four words on did it. A word kind.
    Attributed,
    /// A word of repelling (صد، التصدي): an announcer that repelled the
    /// attack named right after it was the attack's target. A word kind.
    Repelled,
    /// A place of civilian life (قرية، سوق، منزل، مسجد): a generic attack on
    /// one, with no one named on the other side, is on civilians. A word
    /// kind.
    CivilianPlace,
    /// A verb of suffering (تعرض، تعرضت): its subject underwent the event;
    /// a speaker telling of it reports, and did not do it. A word kind.
    Suffered,
    /// Words of another incident (حادثة منفصلة، هجوم آخر) at the opening of
    /// a sentence: its event is a new one, never part of one told before.
    Separate,
    /// The word capital (العاصمة): a name after it that is a country's and
    /// another country's capital city (عمان) is the city. A word kind.
    Capital,
    /// A military post or unit (قاعدة، معسكر، ثكنة، حاجز، دورية): a generic
    /// attack or a bombing aimed at one, with no one named on the other
    /// side, is against the country's armed forces. A word kind.
    MilitaryPlace,
    /// A reporting body whose name holds a force's (هيئة عمليات التجارة
    /// البحرية البريطانية): matched whole, so the force inside it (البحرية
    /// البريطانية) is not read as a party.
    Institution,
    /// A noun that opens many place names (عين، تل، دير، كفر، بيت): alone,
    /// before a word that names nothing, it is the head of a name the
    /// gazetteer lacks (مخيم عين الحلوة), not a place of that one word. A
    /// word kind.
    NameHead,
    /// A word of likeness right after an event word (مواجهات مماثلة): the
    /// event is of the kind just told, between the same sides unless it
    /// names its own. A word kind.
    Similar,
    /// A pronoun opening a description (وهو، وهي): an event word right
    /// after it describes what was named (وهو تجمع مدني محلي), it tells no
    /// event. A word kind.
    Pronoun,
}

impl CueKind {
    /// Whether the kind's words are read one word at a time where the
    /// logic asks for them, rather than matched in the text.
    pub fn is_word_kind(self) -> bool {
        use CueKind::*;
        matches!(
            self,
            Group
                | Relative
                | Target
                | Ongoing
                | PresentHistory
                | OutcomeAfterNegation
                | Figurative
                | Particle
                | Province
                | Area
                | Agent
                | Support
                | Reported
                | Equipment
                | NationalUnit
                | AircraftStem
                | DoerDescription
                | Retold
                | Among
                | Heading
                | OwnForces
                | SelfReference
                | Claim
                | Attributed
                | Repelled
                | CivilianPlace
                | Suffered
                | Capital
                | MilitaryPlace
                | NameHead
                | Similar
                | Pronoun
                | Seat
        )
    }

    fn parse(s: &str) -> Option<CueKind> {
        use CueKind::*;
        Some(match s {
            "place" => Place,
            "countryside" => Countryside,
            "near" => Near,
            "direction" => Direction,
            "say" => Say,
            "killed" => Killed,
            "injured" => Injured,
            "captured" => Captured,
            "arrested" => Arrested,
            "escaped" => Escaped,
            "missing" => Missing,
            "history" => History,
            "future" => Future,
            "negation" => Negation,
            "attempt" => Attempt,
            "anaphor" => Anaphor,
            "member" => Member,
            "affiliation" => Affiliation,
            "person" => Person,
            "killed_one" => KilledOne,
            "aircraft" => Aircraft,
            "aircraft_stem" => AircraftStem,
            "anniversary" => Anniversary,
            "pair" => Pair,
            "locality" => Locality,
            "other_sense" => OtherSense,
            "crowd" => Crowd,
            "speech_act" => SpeechAct,
            "circumstance" => Circumstance,
            "grounds" => Grounds,
            "toll_update" => TollUpdate,
            "occurrence" => Occurrence,
            "group" => Group,
            "relative" => Relative,
            "target" => Target,
            "ongoing" => Ongoing,
            "present_history" => PresentHistory,
            "outcome_after_negation" => OutcomeAfterNegation,
            "figurative" => Figurative,
            "particle" => Particle,
            "province" => Province,
            "area" => Area,
            "agent" => Agent,
            "support" => Support,
            "reported" => Reported,
            "equipment" => Equipment,
            "national_unit" => NationalUnit,
            "doer_description" => DoerDescription,
            "contrast" => Contrast,
            "ruling" => Ruling,
            "facility" => Facility,
            "seat" => Seat,
            "retold" => Retold,
            "among" => Among,
            "heading" => Heading,
            "own_forces" => OwnForces,
            "self_reference" => SelfReference,
            "claim" => Claim,
            "attributed" => Attributed,
            "repelled" => Repelled,
            "civilian_place" => CivilianPlace,
            "suffered" => Suffered,
            "separate" => Separate,
            "capital" => Capital,
            "military_place" => MilitaryPlace,
            "institution" => Institution,
            "name_head" => NameHead,
            "similar" => Similar,
            "pronoun" => Pronoun,
            s if s.starts_with("qualifier_") => Qualifier,
            _ => return None,
        })
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Cue {
    pub pattern: String,
    pub kind: CueKind,
}

/// The rows of one TSV file: header checked, comments and blanks skipped.
pub(super) struct Rows<'a> {
    file: &'a str,
    lines: std::iter::Enumerate<std::str::Lines<'a>>,
    columns: usize,
}

impl<'a> Rows<'a> {
    pub(super) fn new(file: &'a str, text: &'a str, header: &[&str]) -> Result<Rows<'a>, KbError> {
        let mut lines = text.lines().enumerate();
        let first = loop {
            match lines.next() {
                Some((_, l)) if l.trim().is_empty() || l.starts_with('#') => continue,
                Some((_, l)) => break l,
                None => return Err(KbError::new(file, 0, "empty file: expected a header line")),
            }
        };
        // a name starting with '?' is an optional trailing column
        let got: Vec<&str> = first.trim_end_matches('\r').split('\t').collect();
        let required = header.iter().take_while(|h| !h.starts_with('?')).count();
        let names: Vec<&str> = header.iter().map(|h| h.trim_start_matches('?')).collect();
        let shared = got.len().min(names.len());
        if got.len() < required || got[..shared] != names[..shared] {
            return Err(KbError::new(
                file,
                1,
                format!("header must start with: {}", names[..required].join(" ")),
            ));
        }
        Ok(Rows {
            file,
            lines,
            columns: header.len(),
        })
    }
}

/// The tab-separated cells of a line, as `split('\t')` gives them: a byte
/// scan is faster on cells this short (the gazetteer's are 7 bytes on
/// average) than the substring searcher.
fn cells_of(line: &str) -> impl Iterator<Item = &str> {
    let mut start = 0;
    let tabs = (line.bytes().enumerate())
        .filter(|&(_, b)| b == b'\t')
        .map(|(i, _)| i);
    tabs.chain(std::iter::once(line.len())).map(move |end| {
        let cell = &line[start..end];
        start = end + 1;
        cell
    })
}

/// A data row: its 1-based line number and its cells.
pub(super) struct Row<'a> {
    pub file: &'a str,
    pub line: usize,
    pub cells: Vec<&'a str>,
}

impl<'a> Row<'a> {
    pub fn error(&self, message: impl Into<String>) -> KbError {
        KbError::new(self.file, self.line, message)
    }

    pub fn list(&self, i: usize) -> Vec<String> {
        self.cells[i]
            .split('|')
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_owned)
            .collect()
    }

    pub fn number<T: std::str::FromStr>(&self, i: usize, what: &str) -> Result<T, KbError> {
        self.cells[i]
            .trim()
            .parse()
            .map_err(|_| self.error(format!("{what} is not a number: {:?}", self.cells[i])))
    }
}

impl<'a> Iterator for Rows<'a> {
    type Item = Result<Row<'a>, KbError>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            let (i, line) = self.lines.next()?;
            let line = line.trim_end_matches('\r');
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            // sized once: collecting would grow it two or three times a row
            let mut cells: Vec<&str> = Vec::with_capacity(self.columns);
            cells.extend(cells_of(line));
            if cells.len() < self.columns {
                // Trailing empty cells are often lost by editors; tolerate them.
                cells.resize(self.columns, "");
            }
            if cells.len() > self.columns {
                return Some(Err(KbError::new(
                    self.file,
                    i + 1,
                    format!("expected {} columns, found {}", self.columns, cells.len()),
                )));
            }
            return Some(Ok(Row {
                file: self.file,
                line: i + 1,
                cells,
            }));
        }
    }
}

/// The columns of `actors.tsv`, in order.
pub const ACTOR_COLUMNS: [&str; 10] = [
    "id",
    "name",
    "name_ar",
    "aliases_ar",
    "aliases_en",
    "inter",
    "country",
    "parent",
    "active",
    "wikidata",
];

pub(super) fn parse_actors(file: &str, text: &str, out: &mut Vec<Actor>) -> Result<(), KbError> {
    for row in Rows::new(file, text, &ACTOR_COLUMNS)? {
        let row = row?;
        let inter: u8 = row.number(5, "inter")?;
        if !(1..=8).contains(&inter) {
            return Err(row.error(format!("inter must be 1 to 8, found {inter}")));
        }
        let country = match row.cells[6].trim() {
            "*" => None,
            c if c.len() == 2 => Some(c.to_ascii_uppercase()),
            c => return Err(row.error(format!("country must be ISO2 or *, found {c:?}"))),
        };
        let id = row.cells[0].trim();
        if id.is_empty() {
            return Err(row.error("empty id"));
        }
        let name_ar = row.cells[2].trim().to_owned();
        let aliases_ar = row.list(3);
        let mut name_heads: Vec<String> = std::iter::once(&name_ar)
            .chain(&aliases_ar)
            .filter_map(|name| {
                let folded = crate::text::fold(name);
                let first = folded.split_whitespace().next()?;
                Some(first.strip_prefix("ال").unwrap_or(first).to_owned())
            })
            .collect();
        name_heads.sort();
        name_heads.dedup();
        out.push(Actor {
            id: id.to_owned(),
            name: row.cells[1].trim().to_owned(),
            name_ar,
            aliases_ar,
            aliases_en: row.list(4),
            inter,
            country,
            parent: Some(row.cells[7].trim().to_owned()).filter(|p| !p.is_empty()),
            name_heads,
        });
    }
    Ok(())
}

const PLACE_COLUMNS: [&str; 12] = [
    "id",
    "kind",
    "name",
    "names_ar",
    "lat",
    "lon",
    "country",
    "admin1",
    "admin2",
    "population",
    "flags",
    "?names_latin",
];

/// Reads places into `out`. Their Latin names are only ever matched by
/// skeleton ([`skeleton_index`]), so they are not kept.
pub(super) fn parse_places(file: &str, text: &str, out: &mut Vec<Place>) -> Result<(), KbError> {
    for row in Rows::new(file, text, &PLACE_COLUMNS)? {
        let row = row?;
        let kind = match row.cells[1] {
            "admin1" => PlaceKind::Admin1,
            "admin2" => PlaceKind::Admin2,
            "city" => PlaceKind::City,
            "feature" => PlaceKind::Feature,
            k => return Err(row.error(format!("unknown place kind {k:?}"))),
        };
        out.push(Place {
            id: row.cells[0].to_owned(),
            kind,
            name: row.cells[2].to_owned(),
            names_ar: row.list(3),
            lat: row.number(4, "lat")?,
            lon: row.number(5, "lon")?,
            country: row.cells[6].to_owned(),
            admin1: row.cells[7].to_owned(),
            admin2: row.cells[8].to_owned(),
            population: if row.cells[9].is_empty() {
                0
            } else {
                row.number(9, "population")?
            },
            common: row.cells[10].split(',').any(|f| f.trim() == "common"),
        });
    }
    Ok(())
}

/// Calls `each(row, name)` for every Arabic name of a gazetteer file, rows
/// counted from 0 as [`parse_places`] counts them, and returns the number of
/// rows: the automaton is built from these while another thread parses the
/// rows. Malformed rows are left to [`parse_places`] to report.
pub(super) fn gazetteer_arabic_names<'t>(text: &'t str, mut each: impl FnMut(u32, &'t str)) -> u32 {
    // rows as parse_places counts them: the header and comments skipped
    let rows = text
        .lines()
        .filter(|line| !line.trim().is_empty() && !line.starts_with('#'))
        .skip(1);
    let mut count = 0;
    for (row, line) in (0u32..).zip(rows) {
        count = row + 1;
        let names = cells_of(line.trim_end_matches('\r')).nth(3).unwrap_or("");
        for name in names.split('|').map(str::trim).filter(|s| !s.is_empty()) {
            each(row, name);
        }
    }
    count
}

/// Reads `features.tsv`: rows in the places format whose kind is `feature`.
pub(super) fn parse_features(file: &str, text: &str, out: &mut Vec<Place>) -> Result<(), KbError> {
    let first = out.len();
    parse_places(file, text, out)?;
    match out[first..]
        .iter()
        .position(|p| p.kind != PlaceKind::Feature)
    {
        Some(i) => Err(KbError::new(
            file,
            0,
            format!("{}: kind must be feature", out[first + i].id),
        )),
        None => Ok(()),
    }
}

pub(super) fn parse_countries(
    file: &str,
    text: &str,
    out: &mut Vec<Country>,
) -> Result<(), KbError> {
    let header = [
        "iso2",
        "name",
        "names_ar",
        "lat",
        "lon",
        "capital",
        "?iso_numeric",
    ];
    for row in Rows::new(file, text, &header)? {
        let row = row?;
        out.push(Country {
            iso2: row.cells[0].to_owned(),
            name: row.cells[1].to_owned(),
            names_ar: row.list(2),
            nisba: Vec::new(),
            lat: row.number(3, "lat").unwrap_or(0.0),
            lon: row.number(4, "lon").unwrap_or(0.0),
            capital: row.cells[5].to_owned(),
            iso_numeric: row.cells[6].trim().parse().ok(),
            region: None,
            focus: false,
            armed_forces: None,
        });
    }
    Ok(())
}

/// The country a row's first cell names.
fn country_of<'c>(row: &Row, countries: &'c mut [Country]) -> Result<&'c mut Country, KbError> {
    let iso2 = row.cells[0].trim();
    countries
        .iter_mut()
        .find(|c| c.iso2 == iso2)
        .ok_or_else(|| row.error(format!("unknown country {iso2:?}")))
}

pub(super) fn parse_nisba(
    file: &str,
    text: &str,
    countries: &mut [Country],
) -> Result<(), KbError> {
    for row in Rows::new(file, text, &["country", "forms"])? {
        let row = row?;
        let forms = row.list(1);
        country_of(&row, countries)?.nisba.extend(forms);
    }
    Ok(())
}

pub(super) fn parse_regions(
    file: &str,
    text: &str,
    countries: &mut [Country],
) -> Result<(), KbError> {
    let header = ["country", "region", "?focus", "?armed_forces"];
    for row in Rows::new(file, text, &header)? {
        let row = row?;
        let region = Some(row.cells[1].trim().to_owned()).filter(|r| !r.is_empty());
        let armed_forces = Some(row.cells[3].trim())
            .filter(|a| !a.is_empty())
            .map(str::to_owned);
        if let Some(army) = &armed_forces {
            if !countries.iter().any(|c| &c.iso2 == army) {
                return Err(row.error(format!("unknown country {army:?} in armed_forces")));
            }
        }
        let country = country_of(&row, countries)?;
        country.region = region;
        country.focus = row.cells[2].trim() == "yes";
        country.armed_forces = armed_forces;
    }
    Ok(())
}

/// The flags a `triggers.tsv` row may carry (see data/README.md).
const TRIGGER_FLAGS: [&str; 5] = ["attack", "attempt", "march", "yields", "set_phrase"];

pub(super) fn parse_triggers(
    file: &str,
    text: &str,
    out: &mut Vec<Trigger>,
) -> Result<(), KbError> {
    let header = ["pattern", "sub_event_type", "pos", "priority", "flags"];
    for row in Rows::new(file, text, &header)? {
        let row = row?;
        let sub_event = SubEventType::parse(row.cells[1].trim())
            .ok_or_else(|| row.error(format!("unknown sub_event_type {:?}", row.cells[1])))?;
        let pos = match row.cells[2].trim() {
            "V" => TriggerPos::Verb,
            "N" => TriggerPos::Noun,
            "P" => TriggerPos::Passive,
            p => return Err(row.error(format!("pos must be V, N or P, found {p:?}"))),
        };
        let flags: Vec<&str> = row.cells[4]
            .split(',')
            .map(str::trim)
            .filter(|f| !f.is_empty())
            .collect();
        // a misspelt flag would otherwise silently change nothing
        if let Some(unknown) = flags.iter().find(|f| !TRIGGER_FLAGS.contains(f)) {
            return Err(row.error(format!(
                "unknown flag {unknown:?} (known: {})",
                TRIGGER_FLAGS.join(", ")
            )));
        }
        out.push(Trigger {
            pattern: row.cells[0].trim().to_owned(),
            sub_event,
            pos,
            priority: row.number(3, "priority")?,
            attack: flags.contains(&"attack"),
            attempt: flags.contains(&"attempt"),
            march: flags.contains(&"march"),
            yields: flags.contains(&"yields"),
            set_phrase: flags.contains(&"set_phrase"),
        });
    }
    Ok(())
}

pub(super) fn parse_cues(file: &str, text: &str, out: &mut Vec<Cue>) -> Result<(), KbError> {
    for row in Rows::new(file, text, &["pattern", "kind"])? {
        let row = row?;
        let kind = CueKind::parse(row.cells[1].trim())
            .ok_or_else(|| row.error(format!("unknown cue kind {:?}", row.cells[1])))?;
        out.push(Cue {
            pattern: row.cells[0].trim().to_owned(),
            kind,
        });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn regions_name_only_known_armies() {
        let mut countries = vec![Country {
            iso2: "PS".into(),
            name: "Palestinian Territory".into(),
            names_ar: Vec::new(),
            nisba: Vec::new(),
            lat: 0.0,
            lon: 0.0,
            capital: String::new(),
            iso_numeric: None,
            region: None,
            focus: false,
            armed_forces: None,
        }];
        let header = "country\tregion\tfocus\tarmed_forces\n";
        let err = parse_regions(
            "regions.tsv",
            &format!("{header}PS\tMiddle East\tyes\tXX\n"),
            &mut countries,
        )
        .unwrap_err();
        assert!(err.to_string().contains("XX"), "{err}");
        parse_regions(
            "regions.tsv",
            &format!("{header}PS\tMiddle East\tyes\tPS\n"),
            &mut countries,
        )
        .unwrap();
        assert_eq!(countries[0].armed_forces.as_deref(), Some("PS"));
        parse_regions(
            "regions.tsv",
            "country\tregion\nPS\tMiddle East\n",
            &mut countries,
        )
        .unwrap();
        assert_eq!(countries[0].armed_forces, None);
    }

    #[test]
    fn a_misspelt_trigger_flag_is_an_error_naming_the_row() {
        let header = "pattern\tsub_event_type\tpos\tpriority\tflags\n";
        let mut triggers = Vec::new();
        parse_triggers(
            "triggers.tsv",
            &format!("{header}قصف\tShelling/artillery/missile attack\tV\t5\tattack, yields\n"),
            &mut triggers,
        )
        .unwrap();
        assert!(triggers[0].attack && triggers[0].yields && !triggers[0].march);
        let err = parse_triggers(
            "triggers.tsv",
            &format!("{header}قصف\tShelling/artillery/missile attack\tV\t5\tatack\n"),
            &mut triggers,
        )
        .unwrap_err()
        .to_string();
        assert!(
            err.contains("triggers.tsv") && err.contains("atack"),
            "{err}"
        );
    }

    #[test]
    fn cells_split_like_split_on_tabs() {
        for line in ["a\tb\tc", "", "\t", "a\t\tc\t", "الرقة\tSY\t|x|"] {
            let cells: Vec<&str> = cells_of(line).collect();
            let split: Vec<&str> = line.split('\t').collect();
            assert_eq!(cells, split, "{line:?}");
        }
    }
}
