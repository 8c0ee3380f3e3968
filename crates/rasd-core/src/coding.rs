//! From event frames to ACLED records: names, places, dates, fatalities,
//! notes and evidence.

use crate::acled::SubEventType;
use crate::document::{Document, MatchExt};
use crate::events::{fallback_date, ActorMention, EventFrame, FigureKind};
use crate::geo::{Location, Target};
use crate::knowledge::{Knowledge, PlaceKind};
use crate::record::{ActorRef, Event, Evidence, Figure};
use crate::unlisted::Unlisted;
use crate::Span;
use std::collections::HashMap;

/// Where an event happened, in output form.
struct Site {
    country_code: String,
    country: String,
    admin1: Option<String>,
    admin2: Option<String>,
    location: String,
    /// The gazetteer id (`gn:GEONAMEID`) of the place; none for a country.
    location_id: Option<String>,
    lat: f64,
    lon: f64,
    precision: u8,
    /// The name of the place in the normalized text.
    evidence: Option<Span>,
}

/// What holds for every event of one article.
pub struct ArticleContext<'a> {
    pub article_id: &'a str,
    /// The country the article is mostly about.
    pub main_country: Option<&'a str>,
    /// Where the article is set, for events told without a place.
    pub place: Option<Location>,
    /// For each frame, the names no table lists that were found for it
    /// (none when the tagger is off).
    pub unlisted: &'a [Unlisted],
}

/// Turns the frames of one article into records.
pub fn code_events(
    doc: &Document,
    kb: &Knowledge,
    article: &ArticleContext,
    frames: &[EventFrame],
) -> Vec<Event> {
    frames
        .iter()
        .enumerate()
        .map(|(i, _)| code_event(doc, kb, article, frames, i))
        .collect()
}

fn code_event(
    doc: &Document,
    kb: &Knowledge,
    article: &ArticleContext,
    frames: &[EventFrame],
    index: usize,
) -> Event {
    let frame = &frames[index];
    let article_id = article.article_id;
    let main_country = article.main_country;
    let article_place = article.place;
    let mut evidence = Vec::new();
    let mut cite = |field: &str, span: Span| {
        let original = doc.original_span(span);
        evidence.push(Evidence {
            field: field.to_owned(),
            start: original.start,
            end: original.end,
            text: original.slice(doc.original).to_owned(),
        });
    };
    cite("event_type", doc.matches[frame.trigger].span);
    cite("sub_event_type", doc.matches[frame.trigger].span);

    // an event told without a place happened where the article is set
    let unlisted = article.unlisted.get(index).copied().unwrap_or_default();
    let article_site = article_place.map(|l| {
        let mut site = site_of(doc, kb, &l);
        site.precision = site.precision.max(2);
        site.evidence = None;
        site
    });
    let site = frame
        .location
        .map(|l| site_of(doc, kb, &l))
        // a town the tagger named and the cross-script geocoder resolved
        .or_else(|| unlisted.place.map(|(span, p)| place_site(kb, p, 1, span)))
        .or(article_site)
        .or_else(|| {
            main_country.and_then(|c| kb.country(c)).map(|c| Site {
                country_code: c.iso2.clone(),
                country: c.name.clone(),
                admin1: None,
                admin2: None,
                location: c.capital.clone(),
                location_id: None,
                lat: c.lat,
                lon: c.lon,
                precision: 3,
                evidence: None,
            })
        });
    if let Some(span) = site.as_ref().and_then(|s| s.evidence) {
        cite("location", span);
        cite("country", span);
    }
    let country_name = site.as_ref().map(|s| s.country.clone());
    let sub = frame.sub_event;
    let country = country_name.as_deref();
    let country_code = site.as_ref().map(|s| s.country_code.as_str());
    let of_event = |a: ActorMention| {
        let actor = actor_of_country(doc, kb, a, country_code);
        army_of_soldiers(kb, frame, a.mention, actor, country_code).unwrap_or(actor)
    };
    let acting = frame
        .actor1
        .map(of_event)
        .or_else(|| default_actor1(kb, sub));
    let (mut actor1, mut assoc_actor_1) = coded_actor(kb, acting, Role::Acting, sub, country);
    if let Some(group) = unlisted.group {
        actor1 = Some(unlisted_actor(doc, group));
    }
    let (mut actor2, mut assoc_actor_2) =
        coded_actor(kb, frame.actor2.map(of_event), Role::Target, sub, country);
    // one side named twice is one side, unless the text sets a group
    // against itself (اشتباكات بين مسلحين من العشائر: one mention, both
    // sides, as roles gave it)
    let against_itself = frame.explicit_clash
        && frame
            .actor2
            .is_some_and(|a| Some(a.mention) == frame.actor1.map(|b| b.mention));
    if actor2.is_some()
        && actor2.as_ref().map(|a| &a.name) == actor1.as_ref().map(|a| &a.name)
        && !against_itself
    {
        actor2 = None;
        assoc_actor_2.clear();
    }
    let swapped = sides_swapped(doc, kb, frame, actor1.as_ref(), actor2.as_ref());
    if swapped {
        std::mem::swap(&mut actor1, &mut actor2);
        std::mem::swap(&mut assoc_actor_1, &mut assoc_actor_2);
        if actor1.is_none() {
            actor1 = default_actor1(kb, sub).map(|p| actor_ref(kb, p, country));
        }
    }
    // a peaceful protest has the crowd alone: a force that intervened would
    // make it a protest with intervention, and whoever the crowd protests
    // against (مسلحون خطفوا ناشطا) is no party to it
    if sub == SubEventType::PeacefulProtest {
        if !actor1.as_ref().is_some_and(|a| matches!(a.inter, 5 | 6)) {
            actor1 = default_actor1(kb, sub).map(|p| actor_ref(kb, p, country));
            assoc_actor_1.clear();
        }
        actor2 = None;
        assoc_actor_2.clear();
    }
    // violence against civilians has civilians on the other side, whether
    // the text calls them civilians or just people (خمسة أشخاص) or not at all
    if actor2.is_none()
        && (sub.event_type() == "Violence against civilians"
            || frame.civilian_target && sub.event_type() == "Explosions/Remote violence")
    {
        actor2 = kb
            .actor_index("generic-civilians")
            .map(|p| actor_ref(kb, p, country));
    }
    // civilians are no side in a fight: the dead of "إشكال مسلح بين
    // عائلتين" name no second side
    if sub == SubEventType::ArmedClash && actor2.as_ref().is_some_and(|a| a.inter == 7) {
        actor2 = None;
        assoc_actor_2.clear();
    }
    // an attack on a military post with no force named is on the army
    if actor2.is_none() && frame.military_target && sub.is_violent() {
        actor2 = kb
            .actor_index("generic-military")
            .map(|p| actor_ref(kb, p, country));
    }
    let span_of = |a: Option<ActorMention>| a.map(|a| doc.matches[a.mention].span);
    let mut spans = [
        unlisted.group.or(span_of(frame.actor1)),
        span_of(frame.actor2),
    ];
    if swapped {
        spans.swap(0, 1);
    }
    // an actor dropped as the other side's double cites nothing
    let coded = [actor1.is_some(), actor2.is_some()];
    for ((field, span), coded) in ["actor1", "actor2"].into_iter().zip(spans).zip(coded) {
        if let (Some(span), true) = (span, coded) {
            cite(field, span);
        }
    }

    let (event_date, time_precision) = match frame
        .date
        .and_then(|d| doc.dates[d].date.map(|day| (d, day)))
    {
        Some((d, day)) => {
            cite("event_date", doc.dates[d].span);
            (Some(day), doc.dates[d].precision.min(3))
        }
        None => match fallback_date(doc, frames, index) {
            Some((day, precision)) => (Some(day), precision.clamp(2, 3)),
            None => (None, 3),
        },
    };

    // a rising toll replaces the counts of the same dead told before it; one
    // that names no party, all the counts of its kind
    let party_of = |f: &crate::events::FigureMention| f.party.map(|p| p.actor);
    let superseded = |f: &crate::events::FigureMention| {
        !f.update
            && frame.figures.iter().any(|u| {
                u.update
                    && u.kind == f.kind
                    && (party_of(u) == party_of(f) || party_of(u).is_none())
                    && u.value > f.value
            })
    };
    let mut figures = Vec::new();
    for f in frame.figures.iter().filter(|f| !superseded(f)) {
        if let Some(party) = f.party {
            cite("figure.party", doc.matches[party.mention].span);
        }
        if let Some(claimant) = f.claimed_by {
            cite("figure.claimed_by", doc.matches[claimant.mention].span);
        }
        let original = doc.original_span(f.span);
        figures.push(Figure {
            kind: f.kind.as_str().to_owned(),
            value: f.value,
            upper: f.upper,
            qualifier: f.qualifier.map(|q| q.as_str().to_owned()),
            party: f.party.map(|p| actor_ref(kb, of_event(p), country).name),
            claimed_by: f
                .claimed_by
                .map(|p| actor_ref(kb, of_event(p), country).name),
            evidence: Evidence {
                field: format!("figure.{}", f.kind.as_str()),
                start: original.start,
                end: original.end,
                text: original.slice(doc.original).to_owned(),
            },
        });
    }
    dedupe_figures(&mut figures);
    let fatalities = fatalities(&figures);
    for f in figures
        .iter()
        .filter(|f| f.kind == FigureKind::Killed.as_str())
    {
        let mut e = f.evidence.clone();
        e.field = "fatalities".into();
        evidence.push(e);
    }

    let civilian_targeting = actor2.as_ref().is_some_and(|a| a.inter == 7)
        || matches!(sub.event_type(), "Violence against civilians");
    let status = if frame.attempted && fatalities == 0 {
        "attempted"
    } else {
        "occurred"
    };
    let notes = notes(
        event_date,
        actor1.as_ref(),
        actor2.as_ref(),
        sub,
        site.as_ref(),
        fatalities,
        status,
    );
    let plover = plover_of(doc, kb, frame);
    let mut seen = std::collections::HashSet::new();
    evidence.retain(|e| seen.insert((e.field.clone(), e.start, e.end)));
    Event {
        article_id: article_id.to_owned(),
        event_id: String::new(),
        event_date: event_date.map(|d| d.format("%Y-%m-%d").to_string()),
        time_precision,
        event_type: sub.event_type().to_owned(),
        sub_event_type: sub.as_str().to_owned(),
        actor1,
        actor2,
        assoc_actor_1,
        assoc_actor_2,
        civilian_targeting,
        country: site.as_ref().map(|s| s.country.clone()),
        country_code: site.as_ref().map(|s| s.country_code.clone()),
        admin1: site.as_ref().and_then(|s| s.admin1.clone()),
        admin2: site.as_ref().and_then(|s| s.admin2.clone()),
        location: site.as_ref().map(|s| s.location.clone()),
        location_id: site.as_ref().and_then(|s| s.location_id.clone()),
        latitude: site.as_ref().map(|s| s.lat),
        longitude: site.as_ref().map(|s| s.lon),
        geo_precision: site.as_ref().map_or(3, |s| s.precision),
        fatalities,
        figures,
        status: status.to_owned(),
        notes,
        evidence,
        plover,
    }
}

/// The event's PLOVER type and mode: from its deciding word when that word
/// tells the event's sub-event type, else from its weapon word, else the
/// sub-event type's default (data/plover.tsv).
fn plover_of(doc: &Document, kb: &Knowledge, frame: &EventFrame) -> Option<crate::record::Plover> {
    let telling = |m: usize| {
        doc.matches[m]
            .triggers()
            .find(|&t| kb.triggers[t].sub_event == frame.sub_event)
    };
    let rule = telling(frame.trigger)
        .or_else(|| frame.weapon.and_then(|(m, _, _)| telling(m)))
        .and_then(|t| kb.plover_of_trigger(t))
        .or_else(|| kb.plover_of_sub_event(frame.sub_event))?;
    Some(crate::record::Plover {
        event_type: rule.event_type.clone()?,
        mode: rule.mode.clone(),
    })
}

/// A group no table lists, named as the text writes it; ACLED codes armed
/// groups it cannot place as political militias (inter 3) until an analyst
/// does.
fn unlisted_actor(doc: &Document, span: Span) -> ActorRef {
    let name = doc.original_span(span).slice(doc.original).to_owned();
    ActorRef {
        id: format!("unlisted:{name}"),
        name_ar: name.clone(),
        name,
        inter: 3,
    }
}

/// Place `p` of the gazetteer as a site, named at `evidence`.
fn place_site(kb: &Knowledge, p: usize, precision: u8, evidence: Span) -> Site {
    let place = &kb.places[p];
    let country = kb
        .country(&place.country)
        .map_or_else(|| place.country.clone(), |c| c.name.clone());
    let admin1 = match place.kind {
        PlaceKind::Admin1 => Some(place.name.clone()),
        _ => Some(place.admin1.clone()).filter(|a| !a.is_empty()),
    };
    Site {
        country_code: place.country.clone(),
        country,
        admin1,
        admin2: Some(place.admin2.clone()).filter(|a| !a.is_empty()),
        location: place.name.clone(),
        location_id: Some(place.id.clone()),
        lat: place.lat,
        lon: place.lon,
        precision,
        evidence: Some(evidence),
    }
}

fn site_of(doc: &Document, kb: &Knowledge, location: &Location) -> Site {
    match location.target {
        Target::Place(p) => place_site(
            kb,
            p,
            location.precision,
            doc.matches[location.mention].span,
        ),
        Target::Country(c) => {
            let country = &kb.countries[c];
            Site {
                country_code: country.iso2.clone(),
                country: country.name.clone(),
                admin1: None,
                admin2: None,
                location: country.capital.clone(),
                location_id: None,
                lat: country.lat,
                lon: country.lon,
                precision: 3,
                evidence: Some(doc.matches[location.mention].span),
            }
        }
    }
}

/// Of the actors a name stands for, the one of the event's country: "طيران
/// التحالف" is the coalition against ISIS in Iraq and the Saudi-led one in
/// Yemen.
fn actor_of_country(
    doc: &Document,
    kb: &Knowledge,
    mention: ActorMention,
    country_code: Option<&str>,
) -> usize {
    let names = || doc.matches[mention.mention].actors();
    let in_country =
        |a: &usize| country_code.is_some() && kb.actors[*a].country.as_deref() == country_code;
    // an anaphor's group or a single name stays as it is
    if in_country(&mention.actor) || !names().any(|a| a == mention.actor) {
        return mention.actor;
    }
    names().find(in_country).unwrap_or(mention.actor)
}

/// The listed army that unnamed soldiers (جنديين، الجيش، حرس الحدود) belong
/// to: that of the state that announced their deaths ("أعلن الجيش
/// الإسرائيلي مقتل جنديين في جنوب لبنان"), else the army that holds the
/// event's country (`armed_forces` in regions.tsv). `None`: the event's own
/// country's, as the generic name says.
fn army_of_soldiers(
    kb: &Knowledge,
    frame: &EventFrame,
    mention: usize,
    actor: usize,
    country_code: Option<&str>,
) -> Option<usize> {
    let a = &kb.actors[actor];
    let soldiers = a.id == "generic-military" || a.parent.as_deref() == Some("generic-military");
    if !a.is_generic() || !soldiers {
        return None;
    }
    let announcer = frame
        .figures
        .iter()
        .filter(|f| f.party.is_some_and(|p| p.mention == mention))
        .filter_map(|f| f.claimed_by)
        .map(|c| &kb.actors[c.actor])
        .find(|c| c.inter == 1 && !c.is_generic())
        .and_then(|c| c.country.as_deref());
    let army = announcer.or_else(|| kb.country(country_code?)?.armed_forces.as_deref())?;
    kb.national_actor(actor, army)
}

/// Who acted when the text names no one: ACLED's unidentified armed group
/// for violence, the crowd for demonstrations.
fn default_actor1(kb: &Knowledge, sub: SubEventType) -> Option<usize> {
    let id = match sub.event_type() {
        "Battles" | "Violence against civilians" => "generic-unidentified",
        "Explosions/Remote violence" if sub != SubEventType::AirDroneStrike => {
            "generic-unidentified"
        }
        "Protests" => "generic-protesters",
        "Riots" => "generic-rioters",
        _ => return None,
    };
    kb.actor_index(id)
}

/// Whether the sides the roles found are the other way round in ACLED's
/// coding: the protesters of a protest are actor 1, also when the police
/// fired on them (أطلقت قوات الأمن الرصاص على متظاهرين); of a transfer,
/// who takes the ground over ("انسحبت القوات الحكومية ... وسيطرت عليها
/// الهيئة").
fn sides_swapped(
    doc: &Document,
    kb: &Knowledge,
    frame: &EventFrame,
    actor1: Option<&ActorRef>,
    actor2: Option<&ActorRef>,
) -> bool {
    let sub = frame.sub_event;
    let protesters = |a: Option<&ActorRef>| a.is_some_and(|a| a.inter == 6);
    let armed = |a: Option<&ActorRef>| a.is_some_and(|a| matches!(a.inter, 1..=4 | 8));
    let yielded = doc.matches[frame.trigger]
        .triggers()
        .any(|t| kb.triggers[t].sub_event == sub && kb.triggers[t].yields);
    sub.event_type() == "Protests"
        && !protesters(actor1)
        && (protesters(actor2) || actor2.is_none())
        || yielded && armed(actor1) && armed(actor2)
}

/// Which side of the event an actor is on.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Role {
    Acting,
    Target,
}

/// An actor as ACLED codes it: violent crowds are rioters, and groups of
/// civilians (journalists, health workers) are civilians with the group as
/// associated actor.
fn coded_actor(
    kb: &Knowledge,
    actor: Option<usize>,
    role: Role,
    sub: SubEventType,
    country: Option<&str>,
) -> (Option<ActorRef>, Vec<ActorRef>) {
    let Some(actor) = actor else {
        return (None, Vec::new());
    };
    let a = &kb.actors[actor];
    if sub == SubEventType::ViolentDemonstration && a.inter == 6 {
        if let Some(rioters) = kb.actor_index("generic-rioters") {
            return (Some(actor_ref(kb, rioters, country)), Vec::new());
        }
    }
    // teachers or students who demonstrate are protesters, the group
    // associated; the man a mob beat is no rioter (a mob's civilian target
    // is actor 2, and a protest's actor 2 is swapped to actor 1 below)
    let crowd_type = match sub.event_type() {
        "Protests" => "generic-protesters",
        "Riots" if role == Role::Acting => "generic-rioters",
        _ => "",
    };
    // (a labour group that demonstrates is protesters too, as ACLED codes it)
    let crowd_kind = a.inter == 7 || a.parent.as_deref() == Some("generic-protesters");
    if crowd_kind && !crowd_type.is_empty() {
        if let Some(crowd) = kb.actor_index(crowd_type) {
            let assoc = if a.id == "generic-civilians" {
                Vec::new()
            } else {
                vec![actor_ref(kb, actor, country)]
            };
            return (Some(actor_ref(kb, crowd, country)), assoc);
        }
    }
    // (and employees or workers whom violence strikes are civilians, their
    // trade associated: "اختطف مسلحون ثلاثة موظفين")
    let struck_crowd_kind = role == Role::Target
        && sub.is_violent()
        && a.parent.as_deref() == Some("generic-protesters");
    if a.is_generic() && (a.parent.as_deref() == Some("generic-civilians") || struck_crowd_kind) {
        if let Some(civilians) = kb.actor_index("generic-civilians") {
            return (
                Some(actor_ref(kb, civilians, country)),
                vec![actor_ref(kb, actor, country)],
            );
        }
    }
    if let Some(force) = state_force_of(kb, actor) {
        // ACLED names the state force; the unit is an associated actor
        return (
            Some(actor_ref(kb, force, country)),
            vec![actor_ref(kb, actor, country)],
        );
    }
    (Some(actor_ref(kb, actor, country)), Vec::new())
}

/// The top state force a state unit belongs to (the Federal Police to the
/// Police Forces of Iraq), if the actor is such a unit.
fn state_force_of(kb: &Knowledge, actor: usize) -> Option<usize> {
    let mut current = actor;
    for _ in 0..4 {
        let a = &kb.actors[current];
        let parent = a
            .parent
            .as_deref()
            .and_then(|p| kb.actors.iter().position(|x| x.id == p));
        match parent {
            Some(p) if a.inter == 1 && kb.actors[p].inter == 1 => current = p,
            _ => break,
        }
    }
    (current != actor).then_some(current)
}

/// An actor's record, with a generic actor's country filled in.
fn actor_ref(kb: &Knowledge, actor: usize, country: Option<&str>) -> ActorRef {
    let a = &kb.actors[actor];
    let name = if a.is_generic() {
        a.name.replace("{country}", country.unwrap_or("Unknown"))
    } else {
        a.name.clone()
    };
    ActorRef {
        id: a.id.clone(),
        name,
        name_ar: a.name_ar.clone(),
        inter: a.inter,
    }
}

/// The same number reported twice in one sentence pair is one figure.
fn dedupe_figures(figures: &mut Vec<Figure>) {
    let mut seen = std::collections::HashSet::new();
    figures.retain(|f| seen.insert((f.evidence.start, f.kind.clone())));
}

/// ACLED's rule: the most conservative reported toll. Tolls of different
/// parties add up (7 defenders and 28 attackers); a toll that names no party
/// is another report of the same dead when there is at most one party, and
/// a total otherwise.
fn fatalities(figures: &[Figure]) -> u64 {
    let killed: Vec<&Figure> = figures.iter().filter(|f| f.kind == "killed").collect();
    // each side claiming the other's dead (the group: twenty soldiers; the
    // army: three attackers) tells conflicting stories: the most
    // conservative one stands
    let mut claims: HashMap<&str, (u64, Vec<&str>)> = HashMap::new();
    let opposed = killed.iter().all(|f| match (&f.claimed_by, &f.party) {
        (Some(claimant), Some(party)) if claimant != party => {
            let claim = claims.entry(claimant).or_default();
            claim.0 += f.value;
            claim.1.push(party);
            true
        }
        _ => false,
    });
    if opposed && claims.len() >= 2 {
        let counted_by_one_only = claims.values().all(|(_, parties)| {
            parties.iter().all(|p| {
                claims
                    .values()
                    .filter(|(_, others)| others.contains(p))
                    .count()
                    == 1
            })
        });
        if counted_by_one_only {
            return claims.values().map(|(total, _)| *total).min().unwrap_or(0);
        }
    }
    let mut by_party: HashMap<&str, u64> = HashMap::new();
    let mut unattributed: Option<u64> = None;
    for f in killed {
        match &f.party {
            Some(p) => {
                let v = by_party.entry(p).or_insert(f.value);
                *v = (*v).min(f.value);
            }
            None => unattributed = Some(unattributed.map_or(f.value, |u| u.min(f.value))),
        }
    }
    let parties: u64 = by_party.values().sum();
    match (by_party.len(), unattributed) {
        (0, u) => u.unwrap_or(0),
        (1, Some(u)) => parties.min(u),
        (_, Some(u)) => parties.max(u),
        (_, None) => parties,
    }
}

/// One English sentence in ACLED's style: when, who did what to whom,
/// where, and the toll.
fn notes(
    date: Option<chrono::NaiveDate>,
    actor1: Option<&ActorRef>,
    actor2: Option<&ActorRef>,
    sub: SubEventType,
    site: Option<&Site>,
    fatalities: u64,
    status: &str,
) -> String {
    let when = date.map_or_else(
        || "On an unknown date".to_owned(),
        |d| format!("On {}", d.format("%-d %B %Y")),
    );
    let who = actor1.map_or("unidentified actors", |a| a.name.as_str());
    let whom = actor2.map(|a| a.name.as_str());
    let what = action(sub, whom, status == "attempted");
    let place = site.map_or(String::new(), |s| match &s.admin1 {
        Some(a1) if *a1 != s.location => format!(" in {} ({}, {})", s.location, a1, s.country),
        _ => format!(" in {} ({})", s.location, s.country),
    });
    let toll = match fatalities {
        0 => "No fatalities reported.".to_owned(),
        1 => "1 fatality.".to_owned(),
        n => format!("{n} fatalities."),
    };
    format!("{when}, {who} {what}{place}. {toll}")
}

/// The verb phrase of a sub-event type, with its target.
fn action(sub: SubEventType, whom: Option<&str>, attempted: bool) -> String {
    use SubEventType::*;
    let on = |verb: &str, default: &str| format!("{verb} {}", whom.unwrap_or(default));
    let phrase = match sub {
        ArmedClash => whom.map_or("clashed with unidentified forces".to_owned(), |w| {
            format!("clashed with {w}")
        }),
        GovernmentRegainsTerritory | NonStateActorOvertakesTerritory => {
            format!(
                "took control of the area{}",
                whom.map_or(String::new(), |w| format!(" from {w}"))
            )
        }
        ChemicalWeapon => on("used chemical weapons against", "the area"),
        AirDroneStrike => on("carried out an air/drone strike on", "the area"),
        SuicideBomb => on("carried out a suicide bombing against", "the area"),
        ShellingArtilleryMissileAttack => on("shelled", "the area"),
        RemoteExplosiveLandmineIed => on("detonated an explosive device against", "the area"),
        Grenade => on("threw a grenade at", "the area"),
        SexualViolence => on("committed sexual violence against", "civilians"),
        Attack => on("attacked", "civilians"),
        AbductionForcedDisappearance => on("abducted", "civilians"),
        PeacefulProtest => "demonstrated".to_owned(),
        ProtestWithIntervention => whom.map_or("demonstrated and were dispersed".to_owned(), |w| {
            format!("demonstrated and were dispersed by {w}")
        }),
        ExcessiveForceAgainstProtesters => whom.map_or(
            "demonstrated and were met with lethal force".to_owned(),
            |w| format!("demonstrated and were met with lethal force by {w}"),
        ),
        ViolentDemonstration => "rioted".to_owned(),
        MobViolence => on("attacked", "people"),
        Agreement => whom.map_or("reached an agreement".to_owned(), |w| {
            format!("reached an agreement with {w}")
        }),
        Arrests => on("arrested", "people"),
        ChangeToGroupActivity => "changed its organisation or activity".to_owned(),
        DisruptedWeaponsUse => "defused or intercepted weapons".to_owned(),
        HeadquartersOrBaseEstablished => "established a base".to_owned(),
        LootingPropertyDestruction => "looted or destroyed property".to_owned(),
        NonViolentTransferOfTerritory => "took over territory without fighting".to_owned(),
        Other => "was involved in a strategic development".to_owned(),
    };
    if attempted {
        format!("attempted to act ({phrase})")
    } else {
        phrase
    }
}

/// An id that stays the same for the same article and event: the article
/// id and a hash of where the event's trigger is and what type it is.
pub(crate) fn stable_id(article_id: &str, event: &Event) -> String {
    let trigger = event
        .evidence
        .iter()
        .find(|e| e.field == "event_type")
        .map_or(0, |e| e.start);
    let key = format!("{article_id}:{trigger}:{}", event.sub_event_type);
    format!("{article_id}-{:08x}", fnv1a(key.as_bytes()) as u32)
}

/// FNV-1a: a tiny, stable hash (std's hasher is randomised per process).
pub(crate) fn fnv1a(bytes: &[u8]) -> u64 {
    let mut hash: u64 = 0xcbf29ce484222325;
    for b in bytes {
        hash ^= *b as u64;
        hash = hash.wrapping_mul(0x100000001b3);
    }
    hash
}
