//! Where and when: the location and date a clause or its sentence gives
//! an event.

use crate::dates::DateKind;
use crate::document::{Document, MatchExt};
use crate::geo::{km_between, Location, Target};
use crate::knowledge::{CueKind, Knowledge, PlaceKind};
use std::ops::Range;

/// How far from a town a neighbourhood of it may lie.
const NEIGHBOURHOOD_KM: f64 = 25.0;

/// The most specific location named in a token range.
pub(super) fn best_location(
    doc: &Document,
    kb: &Knowledge,
    locations: &[Location],
    tokens: Range<usize>,
) -> Option<Location> {
    let in_range = || {
        locations
            .iter()
            .filter(|l| tokens.contains(&doc.matches[l.mention].first_token))
    };
    // the dateline or a hospital's town only when the words name no
    // other place, the speaker's town only when what is said names
    // none, and a place named to set another (شمال بغداد) only when
    // that one is unknown
    let best = in_range()
        .max_by_key(|l| {
            (
                !l.dateline,
                !l.facility,
                !speaker_place(doc, kb, tokens.clone(), l),
                !l.anchor,
                l.rank(kb),
                std::cmp::Reverse(l.mention),
            )
        })
        .copied()?;
    // "في حي الزيتون شرق مدينة غزة": a neighbourhood far from the town
    // named beside it is a namesake elsewhere; the town is the place
    let town_beside =
        in_range().find(|l| !l.dateline && !l.after_locality_word && far_apart(kb, &best, l));
    if let Some(town) = town_beside.filter(|_| best.after_locality_word) {
        return Some(*town);
    }
    // "أمام مبنى محافظة ذي قار": the seat of a province stands in its
    // capital, the dateline's town when that lies in the province
    let Target::Place(area) = best.target else {
        return Some(best);
    };
    let first = doc.matches[best.mention].first_token;
    let at_seat = kb.places[area].kind == PlaceKind::Admin1
        && (first.saturating_sub(2)..first).any(|t| kb.is_cue_word(CueKind::Seat, doc.word(t)));
    let dateline_town = locations.iter().find(|l| {
        l.dateline
            && matches!(l.target, Target::Place(p) if kb.places[p].kind == PlaceKind::City
                && kb.places[p].admin1 == kb.places[area].name)
    });
    // (placed by the seat, not by the dateline alone)
    Some(match dateline_town {
        Some(town) if at_seat => Location {
            dateline: false,
            ..*town
        },
        _ => best,
    })
}

/// Whether two places lie farther apart than a town and its
/// neighbourhoods (a town the second must be).
fn far_apart(kb: &Knowledge, quarter: &Location, town: &Location) -> bool {
    let (Target::Place(q), Target::Place(t)) = (quarter.target, town.target) else {
        return false;
    };
    let (q, t) = (&kb.places[q], &kb.places[t]);
    t.kind == PlaceKind::City && km_between((q.lat, q.lon), (t.lat, t.lon)) > NEIGHBOURHOOD_KM
}

/// Where a speaker is, not the event: a place between a saying word and
/// the opening of what is said ("قالت لجان المقاومة في مدينة ود مدني إن
/// قوات الدعم السريع هاجمت قرية ...").
fn speaker_place(doc: &Document, kb: &Knowledge, tokens: Range<usize>, l: &Location) -> bool {
    let place = &doc.matches[l.mention];
    let said_after = (place.last_token + 1..tokens.end)
        .take(2)
        .any(|t| kb.is_cue_word(CueKind::Reported, doc.word(t)));
    said_after
        && doc
            .matches_in(tokens.start.max(place.first_token.saturating_sub(6))..place.first_token)
            .iter()
            .any(|m| m.has_cue(kb, CueKind::Say))
}

/// "في محيط المدينة": a place word with the article and no name of its own
/// refers back to the last town named before it.
pub(super) fn town_referred_back(
    doc: &Document,
    kb: &Knowledge,
    locations: &[Location],
    tokens: Range<usize>,
) -> Option<Location> {
    let (cue, _) = doc.matches.iter().enumerate().find(|(_, m)| {
        tokens.contains(&m.first_token)
            && m.has_cue(kb, CueKind::Place)
            && m.span.slice(doc.text()).starts_with("ال")
    })?;
    locations
        .iter()
        .filter(|l| {
            l.mention < cue
                && !l.dateline
                && matches!(l.target, Target::Place(p) if kb.places[p].kind == PlaceKind::City)
        })
        .max_by_key(|l| l.mention)
        .copied()
}

/// A clause's location, or the sentence's when that is a town inside the
/// clause's province or country ("قوات الشرطة في محافظة الأنبار ... في مدينة
/// الرمادي").
pub(super) fn sharper_location(
    kb: &Knowledge,
    clause: Option<Location>,
    sentence: Option<Location>,
) -> Option<Location> {
    let (Some(c), Some(s)) = (clause, sentence) else {
        return clause.or(sentence);
    };
    // "عدن - اغتال مسلحون ...، قائدا بمديرية الشيخ عثمان": the dateline
    // sets the scene only when the sentence names no other place of its
    // country (one elsewhere is more likely a namesake)
    if c.dateline && !s.dateline && c.country_code(kb) == s.country_code(kb) {
        return Some(s);
    }
    // "وفي تعز، قتلت امرأة في حي الروضة": a neighbourhood far from the town
    // the sentence names is a namesake elsewhere; the town is the place
    if c.after_locality_word && !s.after_locality_word && far_apart(kb, &c, &s) {
        return Some(s);
    }
    let inside = match (c.target, s.target) {
        (Target::Place(area), Target::Place(town)) => match kb.places[area].kind {
            PlaceKind::Admin1 => kb.places[town].admin1 == kb.places[area].name,
            // a sea or a region (البحر الأحمر، جنوب لبنان) has no edges
            // the tables know: any place of its country may lie in it
            PlaceKind::Feature => c.country_code(kb) == s.country_code(kb),
            _ => false,
        },
        (Target::Country(_), _) => c.country_code(kb) == s.country_code(kb),
        _ => false,
    };
    Some(if inside && s.rank(kb) > c.rank(kb) {
        s
    } else {
        c
    })
}

/// Towns joined to an earlier town of the same clause by و (حلب وإدلب):
/// every town but the first.
pub(super) fn coordinated_towns(
    doc: &Document,
    kb: &Knowledge,
    locations: &[Location],
    tokens: Range<usize>,
) -> Vec<Location> {
    let towns: Vec<&Location> = locations
        .iter()
        .filter(|l| {
            tokens.contains(&doc.matches[l.mention].first_token)
                && matches!(l.target, Target::Place(p) if kb.places[p].kind == PlaceKind::City)
        })
        .collect();
    towns
        .windows(2)
        .filter(|pair| {
            let (first, second) = (&doc.matches[pair[0].mention], &doc.matches[pair[1].mention]);
            let joined = second.clitics > 0 && doc.word(second.first_token).starts_with('و');
            // "الطريق بين مدينتي نيالا والفاشر" is one place between two
            let between = (1..=2).any(|back| {
                first.first_token >= back && doc.word(first.first_token - back) == "بين"
            });
            joined
                && !between
                && second.first_token == first.last_token + 1
                && pair[0].target != pair[1].target
        })
        .map(|pair| *pair[1])
        .collect()
}

/// The recent, resolved date in a token range nearest token `near`, one
/// after it winning a tie: in "شيع ... يوم الخميس جثامين ثلاثة شبان
/// استشهدوا في غارة ... يوم الأربعاء" the strike is Wednesday's.
pub(super) fn best_date(doc: &Document, tokens: Range<usize>, near: usize) -> Option<usize> {
    let distance = |t: usize| {
        if t > near {
            2 * (t - near)
        } else {
            2 * (near - t) + 1
        }
    };
    (0..doc.dates.len())
        .filter(|&i| {
            let d = &doc.dates[i];
            tokens.contains(&d.tokens.start) && !d.history && d.kind != DateKind::Year
        })
        .min_by_key(|&i| distance(doc.dates[i].tokens.start))
}
