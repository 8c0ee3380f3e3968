//! Geocoding: place names to gazetteer entries, with ACLED's precision.

use crate::document::{Document, MatchExt};
use crate::knowledge::{romanize, CueKind, Entry, Knowledge, Match, PlaceKind};
use std::collections::HashMap;

/// What a location mention resolved to.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Target {
    Place(usize),
    Country(usize),
}

/// A place or country named in the text, resolved.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Location {
    /// Index into the document's matches.
    pub mention: usize,
    pub target: Target,
    /// ACLED geo precision: 1 town, 2 near a town / part of a region, 3 region.
    pub precision: u8,
    /// Named after حي، سوق، مخيم ...: maybe a neighbourhood that shares a
    /// town's name, so a town named beside it is the better location.
    pub after_locality_word: bool,
    /// In the dateline ("إسطنبول - ..."): where the report was filed, which
    /// sets the scene but is not where its events happened.
    pub dateline: bool,
    /// Named only to set the district or province before it ("قضاء
    /// الطارمية شمال بغداد"): the event is there, not here.
    pub anchor: bool,
    /// Named after a hospital ("مستشفى مصراتة"): where casualties were
    /// taken, a town only when nothing else places the event.
    pub facility: bool,
}

impl Location {
    /// How specific the location is; events keep the most specific one.
    pub fn rank(&self, kb: &Knowledge) -> u8 {
        match self.target {
            Target::Place(p) => match kb.places[p].kind {
                PlaceKind::City if self.after_locality_word => 3,
                PlaceKind::City => 4 - self.precision.min(3) + 4,
                PlaceKind::Admin2 => 3,
                PlaceKind::Admin1 | PlaceKind::Feature => 2,
            },
            Target::Country(_) => 1,
        }
    }

    pub fn country_code<'k>(&self, kb: &'k Knowledge) -> &'k str {
        match self.target {
            Target::Place(p) => &kb.places[p].country,
            Target::Country(c) => &kb.countries[c].iso2,
        }
    }
}

/// The countries an article is about, weighted by how often they are named
/// directly (names, nisba adjectives, national actors) or through places
/// whose names are not everyday words.
pub fn country_weights(doc: &Document, kb: &Knowledge) -> HashMap<String, f64> {
    let mut weights: HashMap<String, f64> = HashMap::new();
    for i in 0..doc.matches.len() {
        for (country, weight) in country_evidence(doc, kb, i) {
            *weights.entry(country).or_default() += weight;
        }
    }
    weights
}

/// The country the article is mostly about: the one with the most weight
/// (ties broken by code, for stable output).
pub fn main_country(weights: &HashMap<String, f64>) -> Option<String> {
    weights
        .iter()
        .max_by(|a, b| a.1.total_cmp(b.1).then(b.0.cmp(a.0)))
        .map(|(c, _)| c.clone())
}

/// Where the article is set: its first town in its main country (often the
/// dateline), else its first province there.
pub fn article_place(
    kb: &Knowledge,
    locations: &[Location],
    main_country: Option<&str>,
) -> Option<Location> {
    let in_main = |l: &&Location| Some(l.country_code(kb)) == main_country;
    let kind_of = |l: &Location| match l.target {
        Target::Place(p) => Some(kb.places[p].kind),
        Target::Country(_) => None,
    };
    locations
        .iter()
        .filter(in_main)
        .find(|l| kind_of(l) == Some(PlaceKind::City) && !l.after_locality_word)
        .or_else(|| {
            locations
                .iter()
                .filter(in_main)
                .find(|l| kind_of(l).is_some())
        })
        .copied()
}

/// Words at least this frequent (Zipf 5.3: 200 per million words: سنة،
/// المدينة، صور) are read as words even where a city bears them.
const COMMONEST_WORD_ZIPF: f32 = 5.3;

/// The capital city a match names after the word capital ("العاصمة
/// عمان": Amman, not Oman).
fn capital_named(doc: &Document, kb: &Knowledge, m: &Match) -> Option<usize> {
    let before = m.first_token.checked_sub(1)?;
    if !kb.is_cue_word(CueKind::Capital, doc.word(before)) {
        return None;
    }
    m.places().find(|&p| {
        let place = &kb.places[p];
        place.kind == PlaceKind::City
            && kb
                .country(&place.country)
                .is_some_and(|c| c.capital == place.name)
    })
}

/// "مخيم عين الحلوة": a one-word match on a word that opens place names,
/// followed in its clause by a word that is no match, heads a name the
/// gazetteer lacks.
fn heads_an_unknown_name(doc: &Document, kb: &Knowledge, m: &Match) -> bool {
    let next = m.last_token + 1;
    m.first_token == m.last_token
        && kb.is_cue_word(CueKind::NameHead, m.span.slice(doc.text()))
        && next < doc.tokens.len()
        && !doc.tokens[next].after_comma
        && doc.matches_in(next..next + 1).is_empty()
}

/// What one match says about the article's countries.
fn country_evidence(doc: &Document, kb: &Knowledge, i: usize) -> Vec<(String, f64)> {
    let m = &doc.matches[i];
    let mut out = Vec::new();
    if let Some(capital) = capital_named(doc, kb, m) {
        out.push((kb.places[capital].country.clone(), 2.0));
    } else if in_border_phrase(doc, kb, i) {
        // "الحدود العراقية السورية", "الحدود مع لبنان": both sides of a
        // border, of which one is where it happened
        if let Some(c) = m.nisba().or_else(|| m.country()) {
            out.push((kb.countries[c].iso2.clone(), 0.5));
        }
    } else if let Some(c) = m.country() {
        // "موالية لإيران", "تابعة لتركيا": a country after ل is whom a force
        // serves, not where it acts
        let of_allegiance = doc.with_li(m);
        let weight = if of_allegiance { 0.5 } else { 2.0 };
        out.push((kb.countries[c].iso2.clone(), weight));
    } else if let Some(c) = m.nisba() {
        // "طائرة مسيرة تركية", "غارة إسرائيلية", "قوة إسرائيلية": the nisba of
        // a weapon or a force names who struck, not where, and counts like an actor
        let of_attacker = i > 0 && {
            let before = &doc.matches[i - 1];
            before.last_token + 1 == m.first_token
                && (before.triggers().next().is_some()
                    || before.actors().next().is_some()
                    || before.has_cue(kb, CueKind::Aircraft)
                    || before.has_cue(kb, CueKind::Member))
        };
        // "فصيلين فلسطينيين", "لاجئين سوريين": a plural nisba names people,
        // who may be anywhere
        let of_people =
            matches!(doc.word(m.last_token), w if w.ends_with("يين") || w.ends_with("يون"));
        let weight = if of_attacker || of_people { 0.5 } else { 2.0 };
        out.push((kb.countries[c].iso2.clone(), weight));
    }
    if let Some(country) = province_by_latin_name(doc, kb, i) {
        out.push((country.to_owned(), 2.0));
    }
    let only_places = m.entries.iter().all(|e| matches!(e, Entry::Place(_)));
    let name = m.span.slice(doc.text());
    // a skeleton's namesakes abroad say nothing of the article's countries,
    // nor does a word read with a clitic that is a word whole (كبير: ك + بير)
    // (ببغداد is an everyday word too, but rarer than بغداد itself; and
    // بمحافظة rarer than محافظة, the first word of محافظة صعدة)
    let word_with_clitic = m.clitics > 0 && {
        let zipf = |w: &str| kb.word_zipf.get(w).copied();
        let whole = doc.word(m.first_token);
        match (zipf(whole), zipf(whole.get(m.clitics..).unwrap_or(whole))) {
            (Some(whole), Some(bare)) => whole > bare,
            (whole, _) => whole.is_some(),
        }
    };
    if only_places && !m.romanized && !word_with_clitic && !border_wording(doc, m) {
        // a name that is also a frequent word (حلب، بغداد، but also المدينة،
        // سنة) speaks for a country only through a city of a million or more,
        // and not at all when the word is among the commonest
        let frequent = kb.is_frequent_word(name);
        let commonest = kb
            .word_zipf
            .get(name)
            .is_some_and(|&z| z >= COMMONEST_WORD_ZIPF);
        let places: Vec<usize> = m
            .places()
            .filter(|&p| {
                let place = &kb.places[p];
                let weighty = if frequent {
                    !commonest && place.kind == PlaceKind::City && place.population >= 1_000_000
                } else {
                    place.population >= 50_000 || place.kind == PlaceKind::Admin1
                };
                !place.common && weighty
            })
            .collect();
        let share = 1.0 / places.len().max(1) as f64;
        out.extend(
            places
                .into_iter()
                .map(|p| (kb.places[p].country.clone(), share)),
        );
    }
    for a in m.actors() {
        if let Some(c) = &kb.actors[a].country {
            out.push((c.clone(), 0.5));
        }
    }
    out
}

/// The country of the province a romanized match after a province word
/// spells out ("ولاية بورنو": Borno, Nigeria), if one country has it.
fn province_by_latin_name<'k>(doc: &Document, kb: &'k Knowledge, i: usize) -> Option<&'k str> {
    let m = &doc.matches[i];
    let after_province_word = m.romanized
        && i > 0
        && doc.matches[i - 1].last_token + 1 == m.first_token
        && kb.is_cue_word(CueKind::Province, doc.matches[i - 1].span.slice(doc.text()));
    if !after_province_word {
        return None;
    }
    let mut speller = romanize::Speller::new(m.span.slice(doc.text()));
    let mut countries = m
        .places()
        .map(|p| &kb.places[p])
        .filter(|p| spells_province(&mut speller, p))
        .map(|p| p.country.as_str());
    let first = countries.next()?;
    countries.all(|c| c == first).then_some(first)
}

/// Whether a place is a province whose own name the speller's Arabic name
/// spells closely.
fn spells_province(speller: &mut romanize::Speller, place: &crate::knowledge::Place) -> bool {
    place.kind == PlaceKind::Admin1 && speller.fit(&place.name) >= CLOSE_FIT
}

/// Whether match `i` is a country or nisba of a border phrase: after
/// الحدود (a direction, مع، بين) or after another such match (و).
fn in_border_phrase(doc: &Document, kb: &Knowledge, i: usize) -> bool {
    let m = &doc.matches[i];
    if m.nisba().is_none() && m.country().is_none() {
        return false;
    }
    let mut t = m.first_token;
    if t > 0 && matches!(doc.word(t - 1), "مع" | "بين" | "و") {
        t -= 1;
    }
    // "الحدود الشمالية مع سوريا" (the direction is looked up only there)
    if t > 1 && doc.word(t - 2).ends_with("حدود") && is_direction_word(kb, doc.word(t - 1)) {
        t -= 1;
    }
    if t > 0 && doc.word(t - 1).ends_with("حدود") {
        // not "حرس الحدود الأردنية": the guards' country
        return !guards_of_border(doc, t - 1);
    }
    i > 0 && {
        let before = &doc.matches[i - 1];
        before.last_token + 1 >= t
            && before.last_token < m.first_token
            && in_border_phrase(doc, kb, i - 1)
    }
}

/// Whether a folded word is a one-word direction cue (الشمالية); read as a
/// word because a longer name may hold it (الحدود الشمالية is also a Saudi
/// province). Asked only after الحدود.
fn is_direction_word(kb: &Knowledge, word: &str) -> bool {
    kb.cues
        .iter()
        .any(|c| c.kind == CueKind::Direction && crate::text::fold(&c.pattern) == word)
}

/// Whether a name that opens with الحدود is border wording before مع or
/// بين ("الحدود الشمالية مع سوريا"), not the place it also names (Saudi
/// Arabia's Northern Borders province).
fn border_wording(doc: &Document, m: &crate::knowledge::Match) -> bool {
    doc.word(m.first_token).ends_with("حدود")
        && m.last_token + 1 < doc.tokens.len()
        && matches!(doc.word(m.last_token + 1), "مع" | "بين")
}

/// Whether the word الحدود at token `t` is the border of حرس الحدود (border
/// guards), whose nisba names the guards' country, not a border.
fn guards_of_border(doc: &Document, t: usize) -> bool {
    t > 0 && doc.word(t - 1).ends_with("حرس")
}

/// Whether a folded name, or it with its article added or removed, is an
/// everyday word.
fn is_word_with_or_without_article(kb: &Knowledge, name: &str) -> bool {
    kb.is_everyday_word(name)
        || match name.strip_prefix("ال") {
            Some(bare) => kb.is_everyday_word(bare),
            None => kb.is_everyday_word(&format!("ال{name}")),
        }
}

/// The (country, province) pairs of an apposition after match `i`: "X
/// عاصمة محافظة Y", "X مركز ولاية Y", "X كبرى مدن Y": X is a town of Y.
fn capital_of_province<'k>(doc: &Document, kb: &'k Knowledge, i: usize) -> Vec<(&'k str, &'k str)> {
    let m = &doc.matches[i];
    let next = m.last_token + 1;
    let opens = |t: usize| t < doc.tokens.len() && matches!(doc.word(t), "عاصمه" | "مركز" | "كبري");
    if !opens(next) {
        return Vec::new();
    }
    let mut out = Vec::new();
    for after in doc.matches[i + 1..]
        .iter()
        .filter(|after| after.first_token > next)
        .take(3)
    {
        if after.first_token > next + 3 {
            break;
        }
        for p in after.places() {
            let place = &kb.places[p];
            if place.kind == PlaceKind::Admin1 {
                out.push((place.country.as_str(), place.name.as_str()));
            }
        }
        if !out.is_empty() {
            break;
        }
    }
    out
}

/// Great-circle distance between two (latitude, longitude) points in degrees.
pub fn km_between(a: (f64, f64), b: (f64, f64)) -> f64 {
    const EARTH_RADIUS_KM: f64 = 6371.0088;
    let (lat_a, lat_b) = (a.0.to_radians(), b.0.to_radians());
    let half_dlat = (lat_b - lat_a) / 2.0;
    let half_dlon = (b.1 - a.1).to_radians() / 2.0;
    let h = half_dlat.sin().powi(2) + lat_a.cos() * lat_b.cos() * half_dlon.sin().powi(2);
    2.0 * EARTH_RADIUS_KM * h.sqrt().min(1.0).asin()
}

/// The place a name at match `i` is set relative to: the one after a
/// direction word that follows it ("X غرب الرقة", "X شمالي محافظة درعا").
fn anchor_after<'d>(doc: &'d Document, kb: &Knowledge, i: usize) -> Option<&'d Match> {
    let mut last_token = doc.matches[i].last_token;
    let mut after_direction = false;
    for next in &doc.matches[i + 1..] {
        if next.first_token != last_token + 1 {
            return None;
        }
        if next.has_cue(kb, CueKind::Direction) {
            after_direction = true;
        } else if !(after_direction && next.has_cue(kb, CueKind::Place)) {
            // "جنوب شرقي البلاد" (of the country) anchors to no village
            // called البلاد: a name that is an everyday word is no anchor
            let anchors = next.places().any(|q| !kb.places[q].common);
            return (after_direction && anchors).then_some(next);
        }
        last_token = next.last_token;
    }
    None
}

/// Whether match `i` is the anchor of a district or province named just
/// before it (بغداد in "قضاء الطارمية شمال بغداد"). A town, a neighbourhood
/// or a mountain set by its anchor is not meant: ACLED codes an event "in
/// the Hamrin mountains south-west of Tuz Khurmatu" to the town.
fn anchors_a_place(doc: &Document, kb: &Knowledge, i: usize) -> bool {
    let anchor = &doc.matches[i];
    (i.saturating_sub(4)..i).any(|j| {
        doc.matches[j]
            .places()
            .any(|p| matches!(kb.places[p].kind, PlaceKind::Admin1 | PlaceKind::Admin2))
            && anchor_after(doc, kb, j).is_some_and(|a| std::ptr::eq(a, anchor))
    })
}

/// For each sentence, the (match, country, province) triples it names:
/// provinces by name, and the provinces of the large towns it names.
fn provinces_by_sentence<'k>(
    doc: &Document,
    kb: &'k Knowledge,
) -> Vec<Vec<(usize, &'k str, &'k str)>> {
    let mut out = vec![Vec::new(); doc.sentences.len().max(1)];
    // romanized names are villages: they name no province
    for (i, m) in doc.matches.iter().enumerate().filter(|(_, m)| !m.romanized) {
        let sentence = doc.sentence_of(m.first_token);
        for p in m.places() {
            let place = &kb.places[p];
            let province = match place.kind {
                PlaceKind::Admin1 => &place.name,
                PlaceKind::City if place.population >= 100_000 => &place.admin1,
                _ => continue,
            };
            out[sentence].push((i, place.country.as_str(), province.as_str()));
        }
    }
    out
}

/// Whether a name's span is a date or a number word (الخميس، سبعة): the
/// gazetteer has places called both.
fn is_date_or_number(doc: &Document, span: crate::Span) -> bool {
    doc.dates.iter().any(|d| d.span.overlaps(span))
        || doc.quantities.iter().any(|q| q.span.overlaps(span))
}

/// The tokens of a dateline: the words before a dash that opens the text
/// ("دمشق -", "الرباط (وكالة) -"), if any.
fn dateline_end(doc: &Document) -> usize {
    let text = doc.text();
    let head_end = doc.tokens.get(6).map_or(text.len(), |t| t.span.start);
    match text[..head_end].find(" -") {
        Some(dash) => doc.tokens.partition_point(|t| t.span.end <= dash),
        None => 0,
    }
}

/// A place another mention of the same text resolved to: "proximity to the
/// other places of the same event" is how a coder tells namesakes apart.
#[derive(Clone, Copy)]
struct ContextPlace {
    mention: usize,
    place: usize,
}

/// Places this close to another place of the text are taken as its
/// neighbours (the village "قرب X", the town "في ريف Y").
const NEIGHBOUR_KM: f64 = 60.0;

/// How far a candidate lies from the places the other names of the text
/// resolved to: 0 between a province and a town in it, else the distance to
/// the nearest town or district; `None` with no context. The same name
/// elsewhere in the text is no context: its reading is what is in question.
fn context_km(
    doc: &Document,
    kb: &Knowledge,
    place: usize,
    mention: usize,
    context: &[ContextPlace],
) -> Option<f64> {
    let name = doc.matches[mention].span.slice(doc.text());
    let place = &kb.places[place];
    let in_province = |town: &crate::knowledge::Place, province: &crate::knowledge::Place| {
        if town.country == province.country && town.admin1 == province.name {
            0.0
        } else {
            f64::INFINITY
        }
    };
    context
        .iter()
        .filter(|c| doc.matches[c.mention].span.slice(doc.text()) != name)
        .map(|c| {
            let other = &kb.places[c.place];
            match (place.kind, other.kind) {
                (_, PlaceKind::Admin1) => in_province(place, other),
                (PlaceKind::Admin1, _) => in_province(other, place),
                _ => km_between((place.lat, place.lon), (other.lat, other.lon)),
            }
        })
        .reduce(f64::min)
}

/// Of a name's places in the focus countries, the country of the one that
/// matters: the only country, or, for a name found by its skeleton, that of
/// a town of 10,000 or more five times the size of any namesake in another
/// focus country (an Arabic name two towns share, طرابلس, stays open). Only
/// a town's own name counts then: big cities have many Latin aliases, some
/// of which skeletonize like a village (Bengasi, بانكاس).
fn dominant_focus_country<'k>(kb: &'k Knowledge, m: &Match, text: &str) -> Option<&'k str> {
    let skeletons = if m.romanized {
        romanize::arabic_skeleton_variants(m.span.slice(text))
    } else {
        Vec::new()
    };
    let mut by_country: Vec<(&str, u64)> = Vec::new();
    for p in m.places() {
        let place = &kb.places[p];
        if !kb.country(&place.country).is_some_and(|c| c.focus) {
            continue;
        }
        // only a town that could dominate needs its name checked
        let population =
            if !m.romanized || place.population < 10_000 || has_skeleton(&place.name, &skeletons) {
                place.population
            } else {
                0
            };
        match by_country.iter_mut().find(|(c, _)| *c == place.country) {
            Some((_, most)) => *most = (*most).max(population),
            None => by_country.push((&place.country, population)),
        }
    }
    by_country.sort_by_key(|&(c, population)| (std::cmp::Reverse(population), c));
    match by_country[..] {
        [(only, _)] => Some(only),
        [(first, largest), (_, second), ..]
            if m.romanized && largest >= 10_000 && largest >= 5 * second =>
        {
            Some(first)
        }
        _ => None,
    }
}

/// A name spelled this well by a place's own name is that place's.
const GOOD_FIT: f64 = 0.75;

/// A name spelled this well is spelled out: Buni Yadi for بوني يادي,
/// whatever the size of Bende, which a Latin alias links to it.
const CLOSE_FIT: f64 = 0.85;

/// How much better the best fit must be than the next (one written vowel
/// of difference in a short name: شيبوك is Chibok, not Çubuk).
const CLEAR_MARGIN: f64 = 0.095;

/// The place of a focus country whose own name spells a romanized match
/// best, if it spells it well and clearly better than any other there.
fn best_spelled_in_focus(kb: &Knowledge, m: &Match, name: &str) -> Option<usize> {
    let mut speller = romanize::Speller::new(name);
    let mut ranked: Vec<(f64, usize)> = m
        .places()
        .filter(|&p| kb.country(&kb.places[p].country).is_some_and(|c| c.focus))
        .map(|p| (speller.fit(&kb.places[p].name), p))
        .collect();
    ranked.sort_by(|a, b| b.0.total_cmp(&a.0));
    match ranked[..] {
        [(best, p)] if best >= GOOD_FIT => Some(p),
        [(best, p), (second, _), ..] if best >= GOOD_FIT && best - second >= CLEAR_MARGIN => {
            Some(p)
        }
        _ => None,
    }
}

/// The largest town of `country` whose own Latin name spells the folded
/// Arabic `name` well.
pub fn latin_namesake(kb: &Knowledge, name: &str, country: &str) -> Option<usize> {
    let mut speller = romanize::Speller::new(name);
    romanize::arabic_skeleton_variants(name)
        .iter()
        .filter(|s| s.len() >= romanize::MIN_OWN_NAME_SKELETON)
        .flat_map(|s| {
            // two consonants (باما: Bama) must spell the name more closely
            let least = if s.len() < romanize::MIN_SKELETON {
                romanize::FIT_SHORT
            } else {
                GOOD_FIT
            };
            kb.places_by_skeleton(s)
                .iter()
                .map(move |&(_, p)| (p as usize, least))
        })
        .filter(|&(p, least)| {
            let place = &kb.places[p];
            place.country == country
                && place.kind == PlaceKind::City
                && speller.fit(&place.name) >= least
        })
        .map(|(p, _)| p)
        .max_by_key(|&p| (kb.places[p].population, std::cmp::Reverse(p)))
}

/// A town this close to a country is beside it.
const BESIDE_COUNTRY_KM: f64 = 100.0;

/// Whether a place lies within [`BESIDE_COUNTRY_KM`] of a town of another
/// country the text names.
fn beside_named_country(kb: &Knowledge, place: &crate::knowledge::Place, named: &[&str]) -> bool {
    named
        .iter()
        .filter(|&&c| c != place.country)
        .flat_map(|c| kb.towns_of(c))
        .any(|&t| {
            let town = &kb.places[t as usize];
            km_between((place.lat, place.lon), (town.lat, town.lon)) <= BESIDE_COUNTRY_KM
        })
}

/// Whether a place's own (English) name reads as one of the skeletons.
fn has_skeleton(name: &str, skeletons: &[String]) -> bool {
    let mut keys = Vec::new();
    let mut skeleton = String::new();
    romanize::latin_lookup_skeleton_into(name, &mut skeleton);
    romanize::latin_keys(&skeleton, &mut keys);
    skeletons
        .iter()
        .any(|s| keys.contains(&romanize::skeleton_key(s)))
}

/// Resolves every place and country mention of the document, given its
/// [`country_weights`]: once on its own, then again with the places the
/// first reading found as context, so that a village beside a town or inside
/// a province the text names is found, and the namesake nearest them wins.
pub fn locate(doc: &Document, kb: &Knowledge, countries: &HashMap<String, f64>) -> Vec<Location> {
    let first = locate_with(doc, kb, countries, &[], &vec![true; doc.matches.len()]);
    let context: Vec<ContextPlace> = first
        .iter()
        .filter(|l| !l.dateline)
        .filter_map(|l| match l.target {
            Target::Place(p) => Some(ContextPlace {
                mention: l.mention,
                place: p,
            }),
            _ => None,
        })
        .collect();
    // Context changes a mention's reading only through a candidate within
    // NEIGHBOUR_KM of a context place: only such mentions are read again.
    let rereads: Vec<bool> = (doc.matches.iter().enumerate())
        .map(|(i, m)| {
            !context.is_empty()
                && m.places().any(|p| {
                    context_km(doc, kb, p, i, &context).is_some_and(|km| km <= NEIGHBOUR_KM)
                })
        })
        .collect();
    let mut located = if rereads.contains(&true) {
        let mut located: Vec<Location> = first
            .into_iter()
            .filter(|l| !rereads[l.mention])
            .chain(locate_with(doc, kb, countries, &context, &rereads))
            .collect();
        located.sort_by_key(|l| l.mention);
        located
    } else {
        first
    };
    // the provinces the text names or places its towns in: a border town
    // there is the one meant ("قرب الحدود السورية في ولاية هاتاي")
    let provinces: Vec<&str> = located
        .iter()
        .filter_map(|l| match l.target {
            Target::Place(p) => Some(&kb.places[p]),
            Target::Country(_) => None,
        })
        .map(|p| match p.kind {
            PlaceKind::Admin1 => p.name.as_str(),
            _ => p.admin1.as_str(),
        })
        .collect();
    for border in borders(doc, kb, countries, &provinces) {
        // the countries of "الحدود العراقية السورية" are not where it happened
        located.retain(|l| !border.mentions.contains(&l.mention));
        located.push(border.location);
        located.sort_by_key(|l| l.mention);
    }
    located
}

/// A border named in the text, resolved.
struct Border {
    /// The matches of the countries it names.
    mentions: Vec<usize>,
    location: Location,
}

/// Border wording: "الحدود العراقية السورية", "على الحدود مع لبنان", "قرب
/// الحدود اللبنانية". ACLED codes such an event to the country where it
/// happened, near the border: the town of that country nearest the other
/// one, at precision 2. Of two countries named, it is the one the report
/// says more of, else the first; a border named by one country only
/// ("الحدود السورية", "الحدود مع سوريا") is the border with it of the
/// country the report says most of besides, if any.
fn borders(
    doc: &Document,
    kb: &Knowledge,
    countries: &HashMap<String, f64>,
    provinces: &[&str],
) -> Vec<Border> {
    let weight = |c: &str| countries.get(c).copied().unwrap_or(0.0);
    let mut out = Vec::new();
    for t in 0..doc.tokens.len() {
        if !doc.word(t).ends_with("حدود") || guards_of_border(doc, t) {
            continue;
        }
        // "انسحبوا باتجاه الحدود مع بوركينا فاسو": where they went
        if t > 0 && kb.is_cue_word(CueKind::Heading, doc.word(t - 1)) {
            continue;
        }
        let mut next = t + 1;
        // "الحدود الشمالية مع سوريا"
        if next < doc.tokens.len() && is_direction_word(kb, doc.word(next)) {
            next += 1;
        }
        if next < doc.tokens.len() && matches!(doc.word(next), "مع" | "بين") {
            next += 1;
        }
        let mut mentions = Vec::new();
        let mut named: Vec<&str> = Vec::new();
        for (i, m) in doc.matches.iter().enumerate() {
            if m.first_token < next {
                continue;
            }
            if m.first_token > next {
                break;
            }
            let Some(c) = m.nisba().or_else(|| m.country()) else {
                break;
            };
            mentions.push(i);
            named.push(&kb.countries[c].iso2);
            next = m.last_token + 1;
            if next < doc.tokens.len() && doc.word(next) == "و" {
                next += 1;
            }
        }
        let (home, other) = match named[..] {
            [a, b, ..] if a != b => {
                if weight(b) > weight(a) {
                    (b, a)
                } else {
                    (a, b)
                }
            }
            [other] => {
                let home = countries
                    .iter()
                    .filter(|&(c, &w)| c != other && w > 0.0)
                    .max_by(|a, b| a.1.total_cmp(b.1).then(b.0.cmp(a.0)));
                match home {
                    Some((home, _)) => (home.as_str(), other),
                    None => continue,
                }
            }
            _ => continue,
        };
        if let Some(town) = border_town(kb, home, other, provinces) {
            out.push(Border {
                location: Location {
                    mention: mentions[0],
                    target: Target::Place(town),
                    precision: 2,
                    after_locality_word: false,
                    dateline: false,
                    anchor: false,
                    facility: false,
                },
                mentions,
            });
        }
    }
    out
}

/// The town of 10,000 or more of country `home` nearest to one of `other`,
/// in one of `provinces` if it has such towns.
fn border_town(kb: &Knowledge, home: &str, other: &str, provinces: &[&str]) -> Option<usize> {
    let towns_of = |country: &str| -> Vec<(usize, (f64, f64))> {
        kb.towns_of(country)
            .iter()
            .map(|&i| {
                (
                    i as usize,
                    (kb.places[i as usize].lat, kb.places[i as usize].lon),
                )
            })
            .collect()
    };
    let across = towns_of(other);
    let mut ours = towns_of(home);
    if ours
        .iter()
        .any(|&(i, _)| provinces.contains(&kb.places[i].admin1.as_str()))
    {
        ours.retain(|&(i, _)| provinces.contains(&kb.places[i].admin1.as_str()));
    }
    ours.into_iter()
        .map(|(i, at)| {
            let km = across
                .iter()
                .map(|&(_, there)| km_between(at, there))
                .fold(f64::INFINITY, f64::min);
            (i, km)
        })
        .min_by(|a, b| a.1.total_cmp(&b.1))
        .map(|(i, _)| i)
}

/// Reads the mentions `mentions` marks, given the places of `context`.
fn locate_with(
    doc: &Document,
    kb: &Knowledge,
    countries: &HashMap<String, f64>,
    context: &[ContextPlace],
    mentions: &[bool],
) -> Vec<Location> {
    let dateline_end = dateline_end(doc);
    let top_country = main_country(countries);
    let provinces = provinces_by_sentence(doc, kb);
    let mut out = Vec::new();
    for (i, m) in doc.matches.iter().enumerate() {
        if !mentions[i] || heads_an_unknown_name(doc, kb, m) {
            continue;
        }
        let before = (i > 0)
            .then(|| &doc.matches[i - 1])
            .filter(|p| p.last_token + 1 == m.first_token);
        let cue = |kind| before.is_some_and(|p| p.has_cue(kb, kind));
        // "مدينة X" names X; "المدينة" (the city) stands alone
        let construct_cue = |kind| {
            before.is_some_and(|p| {
                let word = &doc.text()[doc.tokens[p.first_token].span.start..p.span.end];
                p.has_cue(kb, kind) && !word.contains("ال")
            })
        };
        // a name inside an actor (قوات سوريا الديمقراطية) is not a place,
        // unless a town word says it is (بلدة الراعي)
        if m.actors().next().is_some() && !construct_cue(CueKind::Place) {
            continue;
        }
        let after = doc
            .matches
            .get(i + 1)
            .filter(|n| n.first_token == m.last_token + 1);
        let nisba_after = after
            .and_then(|n| n.nisba())
            .map(|c| kb.countries[c].iso2.as_str());
        // منطقة، مقاطعة are areas of any size, but a province's name after
        // them is the province (منطقة جازان)
        let has_admin1 = m.places().any(|p| kb.places[p].kind == PlaceKind::Admin1);
        let word_before = before.map(|p| p.span.slice(doc.text()));
        let word_before_is = |kind| word_before.is_some_and(|w| kb.is_cue_word(kind, w));
        let province_word = word_before_is(CueKind::Province);
        let administrative = province_word || has_admin1 && word_before_is(CueKind::Area);
        let town_cue = construct_cue(CueKind::Place) && !administrative;
        let after_locality_word = cue(CueKind::Locality);
        let located_by_preposition = m.clitics > 0
            && doc.text()[doc.tokens[m.first_token].span.start..].starts_with('ب')
            || m.first_token > 0 && matches!(doc.word(m.first_token - 1), "في" | "وفي");
        // "على بيحان", "من أهالي الفهود": words that often open a place name,
        // enough for a name no everyday word shares in a country the text names
        let after_particle = m.clitics == 0
            && m.first_token > 0
            && romanize::is_place_preposition(doc.word(m.first_token - 1));
        let vicinity = cue(CueKind::Near) || cue(CueKind::Countryside) || cue(CueKind::Direction);
        // "المنصورة غرب الرقة": a place set relative to another lies in the
        // other's country, and likely its province
        let anchor = anchor_after(doc, kb, i);

        // "قالت أنقرة", "اتهمت طهران": a capital speaking for its government
        if is_date_or_number(doc, m.span) || cue(CueKind::Say) || border_wording(doc, m) {
            continue;
        }
        // a word that is also an event word, a cue or a nisba (بيان، السجن)
        // is a place only when the text says so (مدينة X)
        let also_a_word = m
            .entries
            .iter()
            .any(|e| !matches!(e, Entry::Place(_) | Entry::Country(_)));
        let frequent_word = kb.is_frequent_word(m.span.slice(doc.text()));
        // a place is flagged common for an Arabic name that is also a word
        // (بصرى); written by another of its names (بصرى الشام) it is not
        let written_as_word = m.places().any(|p| kb.places[p].common)
            && is_word_with_or_without_article(kb, m.span.slice(doc.text()));
        let common = |place: &crate::knowledge::Place| place.common && written_as_word;
        // "X عاصمة محافظة Y": X is a town of the province Y
        let capital_of = capital_of_province(doc, kb, i);
        // فرقة is a word, not ف + رقة; but بمدينة (before the name مدينة
        // حمص) is ب + مدينة, which is the commoner word
        if m.clitics > 0 && is_word_not_clitics(kb, doc.word(m.first_token), m.clitics) {
            continue;
        }
        // the article's countries, without what this very name says
        let own = country_evidence(doc, kb, i);
        let others = |country: &str, weight: f64| {
            own.iter()
                .filter(|(c, _)| c == country)
                .fold(weight, |w, (_, own)| w - own)
        };
        // a national actor alone (0.5: داعش is coded to Iraq) does not make
        // a country known; a country's name, nisba or one of its towns does
        let no_country_known = countries.iter().all(|(c, w)| others(c, *w) < 1.0);
        // the countries the text names at all, this very name aside (صيدا's
        // own weight for Lebanon must not favour its namesake by the border)
        let named_countries: Vec<&str> = countries
            .iter()
            .filter(|&(c, &w)| others(c, w) > 0.0)
            .map(|(c, _)| c.as_str())
            .collect();
        // one nisba or two national actors: too little to overrule a name
        let country_hardly_known = countries.iter().all(|(c, w)| others(c, *w) < 4.0);
        // a name no everyday word shares, all of whose places lie in one
        // country (عفرين، ترهونة): a coder needs no more to place it
        // GeoNames gives some hamlets far from the region a famous town's
        // Arabic name (Mesquite, Texas: موسكو; Naples, Utah: نابلس): a town
        // outside the focus area a twentieth the size of its namesake is noise
        let largest = m
            .places()
            .map(|p| kb.places[p].population)
            .max()
            .unwrap_or(0);
        let minor = |p: usize| {
            let place = &kb.places[p];
            place.kind == PlaceKind::City
                && place.population.saturating_mul(20) < largest
                && !kb.country(&place.country).is_some_and(|c| c.focus)
        };
        // "في صلاح الدين": a name that is a province's is the province, not a
        // town of another province that shares it (Pirmam, in Erbil), unless
        // a city (صنعاء)
        let province_elsewhere = |p: usize| {
            let place = &kb.places[p];
            !m.romanized
                && !town_cue
                && place.kind == PlaceKind::City
                && place.population < 100_000
                && m.places().any(|q| {
                    let province = &kb.places[q];
                    province.kind == PlaceKind::Admin1
                        && province.country == place.country
                        && province.name != place.admin1
                })
        };
        let first_country = m
            .places()
            .find(|&p| !minor(p))
            .map(|p| kb.places[p].country.as_str());
        let one_country = m
            .places()
            .filter(|&p| !minor(p))
            .all(|p| Some(kb.places[p].country.as_str()) == first_country);
        let commonest = kb
            .word_zipf
            .get(m.span.slice(doc.text()))
            .is_some_and(|&z| z >= COMMONEST_WORD_ZIPF);
        // a name that is no everyday word for any of its places
        let plain_name = !frequent_word && m.places().all(|p| !common(&kb.places[p]));
        let distinctive = !m.romanized && plain_name && one_country;
        // with no country named, the one country of the area rasd's reports
        // cover (regions.tsv `focus`) that has the name, if only one has it,
        // or the one whose town of the name dwarfs the others' (Beledweyne,
        // 55,000, over Buldan in Turkey)
        let focus_country = if no_country_known {
            dominant_focus_country(kb, m, doc.text())
        } else {
            None
        };
        let sentence = doc.sentence_of(m.first_token);
        let skeletons = if m.romanized {
            romanize::arabic_skeleton_variants(m.span.slice(doc.text()))
        } else {
            Vec::new()
        };
        let name = m.span.slice(doc.text());
        // two consonants (لوق، باما) fit thousands of places: only one of the
        // country the text names will do
        let short_skeleton =
            m.romanized && skeletons.iter().all(|s| s.len() < romanize::MIN_SKELETON);
        // with no country named and several of the area having the skeleton,
        // the town of the area whose name alone spells the Arabic well
        let spelled_out = if m.romanized && no_country_known && focus_country.is_none() {
            best_spelled_in_focus(kb, m, name)
        } else {
            None
        };
        // a preposition or a cue says a place follows
        let introduced = located_by_preposition || town_cue || after_locality_word;
        let mut speller = m.romanized.then(|| romanize::Speller::new(name));
        let named_capital = capital_named(doc, kb, m);
        let mut best: Option<(f64, usize)> = None;
        for p in m.places() {
            let place = &kb.places[p];
            if minor(p) || province_elsewhere(p) {
                continue;
            }
            let km_to_context = context_km(doc, kb, p, i, context);
            let neighbour = km_to_context.is_some_and(|km| km <= NEIGHBOUR_KM);
            // "ولاية هاتاي": a province by its own Latin name after a word for
            // a province (منطقة, any area, will not do: منطقة متينا)
            let province_spelled_out =
                province_word && speller.as_mut().is_some_and(|s| spells_province(s, place));
            // a skeleton's many namesakes: only those of the article's country
            // or beside its other places can be taken (see `plausible`), so
            // the rest cost nothing
            if m.romanized
                && !neighbour
                && !no_country_known
                && !province_spelled_out
                && Some(place.country.as_str()) != top_country.as_deref()
            {
                continue;
            }
            let in_article_country = countries
                .get(&place.country)
                .map_or(0.0, |w| others(&place.country, *w))
                .max(0.0);
            let known = in_article_country > 0.0;
            let large = place.population >= 100_000
                || matches!(place.kind, PlaceKind::Admin1 | PlaceKind::Feature);
            let world_city = place.population >= 1_000_000;
            // "المدعومة من أنقرة": a foreign capital without في or ب is its government
            let capital = named_capital == Some(p);
            let foreign_capital = !located_by_preposition
                && !capital
                && Some(place.country.as_str()) != top_country.as_deref()
                && kb
                    .country(&place.country)
                    .is_some_and(|c| c.capital == place.name);
            // a name unique to a country far from what rasd reads on (Thale,
            // Germany, for تالة) is more likely a town the gazetteer lacks
            let in_focus = kb.country(&place.country).is_some_and(|c| c.focus);
            let anchored =
                anchor.is_some_and(|a| a.places().any(|q| kb.places[q].country == place.country));
            let capital_of_named_province = place.kind == PlaceKind::City
                && capital_of.contains(&(place.country.as_str(), place.admin1.as_str()));
            // "بلدة X في ريف حلب": a town of a province the sentence names
            // (named by another mention: a town's own province says nothing)
            let in_named_province = place.kind == PlaceKind::City
                && provinces[sentence]
                    .iter()
                    .any(|&(mention, country, province)| {
                        mention != i && country == place.country && province == place.admin1
                    });
            let plausible = if capital_of_named_province || capital {
                true
            } else if anchored {
                // an everyday word too (التربة، صرواح) when a preposition or a
                // cue says a place follows
                (!common(place) || introduced)
                    && !m.has_cue(kb, CueKind::Place)
                    && !m.has_cue(kb, CueKind::Direction)
            } else if m.romanized {
                // a skeleton is shared by namesakes the world over: only one in
                // the country the article is about, or, when the text names
                // none, in the one focus country that has the skeleton, or in a
                // province the sentence names (ككلة في الجبل الغربي: Kiklah)
                province_spelled_out
                    || in_named_province && !short_skeleton
                    || Some(place.country.as_str()) == top_country.as_deref()
                        && (known || !short_skeleton)
                    || (!short_skeleton || place.population >= 100_000)
                        && focus_country == Some(place.country.as_str())
                    || !short_skeleton && spelled_out == Some(p)
            } else if m.has_cue(kb, CueKind::Place)
                || m.has_cue(kb, CueKind::Direction)
                || foreign_capital
            {
                // ولاية، جنوب: words that introduce a place, not places
                false
            } else if m.country().is_some() && !large {
                false
            } else if town_cue || administrative {
                // "مديرية جبل حبشي": an everyday word after the cue is a
                // name's first word, not Jabel in Germany
                known || no_country_known && (in_focus || !common(place))
            } else if common(place) || also_a_word {
                false
            } else if frequent_word {
                known && large
                    || (located_by_preposition || vicinity) && world_city
                    || no_country_known && large && (located_by_preposition || vicinity)
                    // الطبقة، الموصل: names common as words, but for a town
                    // in the text's country or the only large one of the area
                    || !commonest
                        && (known && located_by_preposition && place.population >= 50_000
                            || large && focus_country == Some(place.country.as_str()))
            } else {
                // "في يبرود" in a text that names no country: a town, unless
                // only a hamlet of that name exists
                let town = place.population >= 10_000 || place.kind != PlaceKind::City;
                // "شهدت جبلة": a town of 50,000 of the country the text is
                // about, written bare by a name no everyday word shares, needs
                // no preposition
                known && (large || located_by_preposition || vicinity)
                    || known && after_particle && plain_name && (town || one_country)
                    || plain_name
                        && m.clitics == 0
                        && place.population >= 50_000
                        && Some(place.country.as_str()) == top_country.as_deref()
                    || world_city
                    || no_country_known
                        && (large || (located_by_preposition || vicinity) && town && in_focus)
                    || distinctive
                        && in_focus
                        && (no_country_known
                            || country_hardly_known && (located_by_preposition || vicinity))
                    || plain_name && focus_country == Some(place.country.as_str())
            };
            // beside another place of the text, or in a province it names
            // ("قرب جمامي في إقليم جوبا السفلى"), whatever its country
            let plausible = plausible
                || neighbour
                    && (!(common(place) || frequent_word || also_a_word)
                        || town_cue
                        || vicinity
                        || after_locality_word)
                    && !m.has_cue(kb, CueKind::Place)
                    && !m.has_cue(kb, CueKind::Direction)
                    && m.country().is_none();
            if !plausible {
                continue;
            }
            let mut score = (place.population as f64 + 10.0).log10();
            // a town of the article's country beats a bigger namesake abroad
            // (طرابلس in a Lebanese report)
            score += in_article_country.min(6.0) + if known { 2.0 } else { 0.0 };
            if nisba_after == Some(place.country.as_str()) {
                score += 10.0;
            }
            if capital_of_named_province {
                score += 8.0;
            }
            // with no country named, the namesake in the area rasd reads on
            // (زنجبار in Abyan rather than Zanzibar)
            if no_country_known && in_focus {
                score += 2.0;
            }
            // "قوة إسرائيلية في قرية جنوب القنيطرة": with no country known, the
            // namesake beside a country the text names at all (Quneitra, not
            // Kenitra in Morocco)
            if no_country_known && !one_country && beside_named_country(kb, place, &named_countries)
            {
                score += 3.0;
            }
            // a village by its own name rather than a town by an alias
            // (بوني يادي: Buni Yadi, not Bende through "Bandi")
            if m.romanized && has_skeleton(&place.name, &skeletons) {
                score += 3.0;
            }
            // how well the namesake's own name spells the Arabic
            if let Some(speller) = speller.as_mut() {
                let fit = speller.fit(&place.name);
                score += 4.0 * fit + if fit >= CLOSE_FIT { 4.0 } else { 0.0 };
            }
            // the namesake beside the text's other places
            if let Some(km) = km_to_context.filter(|_| neighbour) {
                score += 4.0 + 3.0 * (1.0 - km / NEIGHBOUR_KM);
            }
            if let Some(anchor) = anchor.filter(|_| anchored) {
                // and the nearer the better: the Burqa east of Ramallah, not
                // the one by Nablus
                let km = anchor
                    .places()
                    .map(|q| {
                        km_between((place.lat, place.lon), (kb.places[q].lat, kb.places[q].lon))
                    })
                    .fold(f64::INFINITY, f64::min);
                score += 6.0 + 4.0 * (1.0 - km.min(100.0) / 100.0);
            }
            if in_named_province {
                score += 4.0;
            }
            match place.kind {
                PlaceKind::Admin1 if administrative => score += 8.0,
                PlaceKind::City if town_cue => score += 8.0,
                PlaceKind::Admin1 if cue(CueKind::Countryside) => score += 4.0,
                // نهر النيل is the river unless ولاية says it is the state
                PlaceKind::Feature => score += 2.0,
                // a name shared by a province and its capital means the town
                PlaceKind::City if !administrative => score += 3.0,
                _ => {}
            }
            if best.is_none_or(|(s, _)| score > s) {
                best = Some((score, p));
            }
        }
        // an Arabic name the table gives only to a smaller town of a country
        // the text says nothing else of (مركة: Mirkah in the West Bank; باما:
        // Pama in Burkina Faso), or to nothing plausible, may be a town of
        // the text's country that the gazetteer knows by its Latin name
        // (Marka, Bama)
        let named_as_place = introduced || after_particle || vicinity;
        let weak_best = best.is_none_or(|(_, p)| {
            let place = &kb.places[p];
            place.kind == PlaceKind::City
                && place.population < 100_000
                && countries
                    .get(&place.country)
                    .is_none_or(|w| others(&place.country, *w) <= 0.0)
                && Some(place.country.as_str()) != top_country.as_deref()
                && !context_km(doc, kb, p, i, context).is_some_and(|km| km <= NEIGHBOUR_KM)
                && !anchor
                    .is_some_and(|a| a.places().any(|q| kb.places[q].country == place.country))
        });
        if !m.romanized
            && weak_best
            && (best.is_some() || named_as_place && !frequent_word && !also_a_word)
            && m.country().is_none()
            && !no_country_known
        {
            let smallest = best.map_or(0, |(_, p)| kb.places[p].population);
            if let Some(p) = top_country
                .as_deref()
                .and_then(|country| latin_namesake(kb, name, country))
                .filter(|&p| best.is_none() || kb.places[p].population > smallest)
            {
                best = Some((0.0, p));
            }
        }
        let country = m.country().filter(|_| !is_date_or_number(doc, m.span));
        let location = match (best, country) {
            (Some((_, p)), _) => {
                let precision = match kb.places[p].kind {
                    PlaceKind::City if vicinity => 2,
                    PlaceKind::City => 1,
                    PlaceKind::Admin2 => 2,
                    PlaceKind::Admin1 | PlaceKind::Feature => 3,
                };
                Location {
                    mention: i,
                    target: Target::Place(p),
                    precision,
                    after_locality_word,
                    dateline: m.first_token < dateline_end,
                    anchor: anchors_a_place(doc, kb, i),
                    facility: cue(CueKind::Facility),
                }
            }
            (None, Some(c)) => Location {
                mention: i,
                target: Target::Country(c),
                precision: 3,
                after_locality_word,
                dateline: m.first_token < dateline_end,
                anchor: anchors_a_place(doc, kb, i),
                facility: cue(CueKind::Facility),
            },
            (None, None) => continue,
        };
        // a dateline abroad (إسطنبول - for a report on Idlib) places nothing
        if location.dateline && Some(location.country_code(kb)) != top_country.as_deref() {
            continue;
        }
        out.push(location);
    }
    out
}

/// Whether a first word read as `clitics` bytes of proclitics and the start
/// of a name is rather a frequent word of its own: it is frequent, and no
/// rarer than the word without the clitics.
fn is_word_not_clitics(kb: &Knowledge, word: &str, clitics: usize) -> bool {
    if !kb.is_frequent_word(word) {
        return false;
    }
    let zipf = |w: &str| kb.word_zipf.get(w).copied().unwrap_or(0.0);
    word.get(clitics..)
        .is_none_or(|bare| zipf(bare) <= zipf(word))
}
