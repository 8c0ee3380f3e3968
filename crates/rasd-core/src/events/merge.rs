//! Merging: which event a frame or a bare toll continues, and how a later
//! frame folds into it.

use super::{ActorMention, EventFrame};
use crate::acled::SubEventType;
use crate::document::{Document, MatchExt};
use crate::geo::{Location, Target};
use crate::knowledge::{CueKind, Knowledge, PlaceKind, TriggerPos};
use std::ops::Range;

/// The event a sentence without an event word adds to: the one set in a
/// place the sentence names, else the one with an actor it names, else the
/// latest.
pub(super) fn event_told_of(
    doc: &Document,
    locations: &[Location],
    actors: &[ActorMention],
    tokens: Range<usize>,
    events: &[EventFrame],
) -> Option<usize> {
    let places: Vec<&Location> = locations
        .iter()
        .filter(|l| tokens.contains(&doc.matches[l.mention].first_token))
        .collect();
    let by_place = events.iter().rposition(|e| {
        e.location
            .is_some_and(|l| places.iter().any(|p| p.target == l.target))
    });
    let by_actor = || {
        events.iter().rposition(|e| {
            [e.actor1, e.actor2]
                .iter()
                .flatten()
                .any(|a| actors.iter().any(|b| b.actor == a.actor))
        })
    };
    by_place
        .or_else(by_actor)
        .or_else(|| events.len().checked_sub(1))
}

/// Adds `frame` to the event it continues, or starts a new event.
pub(super) fn merge_or_push(
    doc: &Document,
    kb: &Knowledge,
    events: &mut Vec<EventFrame>,
    frame: EventFrame,
    anaphoric: bool,
) {
    let date_of = |f: &EventFrame| f.date.and_then(|d| doc.dates[d].date);
    // (the dateline's town is where the report was filed: "دمشق - ...
    // أما المرصد فقال إن الحصيلة بلغت ٦٨ قتيلا" is the toll of the attack
    // told before, in the desert)
    let own_location = frame.location.filter(|l| !l.dateline);
    let town_level = own_location.filter(|l| matches!(l.target, Target::Place(_)) && !l.facility);
    // a frame with no town of its own and no toll adds to an event rather
    // than starting one; a country named in passing does not count
    let general = aggregate(doc, kb, &frame);
    let weak = town_level.is_none() && frame.figures.is_empty() || general;
    // "وفي محافظة درعا، ...": a sentence that opens with its place moves to
    // another scene, and adds only to an event placed there
    let scene = frame
        .sentences
        .first()
        .map(|&s| doc.sentences[s].tokens.start);
    let new_scene = scene.is_some_and(|start| {
        matches!(doc.word(start), "وفي" | "في")
            && frame
                .location
                .is_some_and(|l| doc.matches[l.mention].first_token <= start + 3)
    });
    // "وفي حادثة منفصلة، ...": another incident, whatever it shares
    let separate = scene.is_some_and(|start| {
        doc.matches_in(start..(start + 5).min(doc.tokens.len()))
            .iter()
            .any(|m| m.has_cue(kb, CueKind::Separate))
    });
    // (unnamed attackers with the article are those told of before:
    // "المهاجمين استخدموا الأسلحة الرشاشة وأحرقوا")
    let armed_doer = |a: ActorMention| {
        let refers_back = kb.actors[a.actor].is_unidentified()
            && doc
                .word(doc.matches[a.mention].first_token)
                .starts_with("ال");
        kb.actors[a.actor].is_armed() && !refers_back
    };
    // the frame's armed doer is neither side of event `e`
    let stranger = |e: &EventFrame| {
        frame.actor1.is_some_and(|a| {
            armed_doer(a)
                && [e.actor1, e.actor2]
                    .iter()
                    .flatten()
                    .all(|b| !same_force(kb, e, a.actor, b.actor))
        })
    };
    let compatible = |e: &EventFrame| {
        let places_fit = match (e.location, own_location) {
            (Some(a), Some(b)) => weak && town_level.is_none() || same_area(kb, &a, &b),
            (None, Some(_)) => !new_scene,
            _ => true,
        };
        let precision_of = |f: &EventFrame| f.date.map_or(1, |d| doc.dates[d].precision);
        // a month-level date fits any day of that month, a week-level one
        // any day of that week
        // two different days told for the same town are two events; a
        // frame with no town may date a statement about the event
        let tolerance = match precision_of(e).max(precision_of(&frame)) {
            1 if town_level.is_some() => 0,
            1 => 2,
            2 => 7,
            _ => 31,
        };
        let dates_fit = match (date_of(e), date_of(&frame)) {
            (Some(a), Some(b)) => (a - b).num_days().abs() <= tolerance,
            _ => true,
        };
        // another kind of event by an armed actor: someone else (an arrest
        // after a clash), or the same on another day (a group's assault on
        // Saturday after its shelling on Sunday)
        let another_day = precision_of(e) == 1
            && precision_of(&frame) == 1
            && matches!((date_of(e), date_of(&frame)), (Some(a), Some(b)) if a != b);
        // (a march word is a protest's until its crowd is weighed)
        // (or the target of the event, striking back with arrests: "وردت قسد
        // بحملة دهم واعتقال")
        // (not the police answering a riot: its arrests and its shooting
        // are part of it)
        let crowd_event = e.crowd
            || matches!(e.sub_event.event_type(), "Protests" | "Riots")
            || e.actor1.is_some_and(|b| kb.actors[b.actor].is_crowd());
        let crowd_frame = matches!(frame.sub_event.event_type(), "Protests" | "Riots");
        let other_family = e.sub_event.event_type() != frame.sub_event.event_type()
            && !(e.march || frame.march)
            && !(crowd_event && crowd_frame)
            && frame.actor1.is_some_and(|a| {
                // (named in the frame's own sentence, not a speaker carried over)
                let named_here = frame.sentences.first().is_some_and(|&s| {
                    doc.sentences[s]
                        .tokens
                        .contains(&doc.matches[a.mention].first_token)
                });
                let was_target = named_here
                    && !crowd_event
                    && e.actor2
                        .is_some_and(|b| same_force(kb, e, a.actor, b.actor));
                armed_doer(a)
                    && (another_day
                        || was_target && frame.sub_event.event_type() == "Strategic developments"
                        || stranger(e))
            });
        places_fit && dates_fit && !other_family && !separate
    };
    // "سيطرت على البلدة بعد اشتباكات عنيفة": the fighting told as what led
    // to a takeover in the same sentence is part of it, whenever it began;
    // "استعاد الجيش البلدة بعد انسحاب المقاتلين منها دون قتال": ground
    // taken with no fight is part of the taking (refine makes it a
    // non-violent transfer to the one who took it)
    let trigger_start = doc.matches[frame.trigger].first_token;
    let prelude = trigger_start > 0 && matches!(doc.word(trigger_start - 1), "بعد" | "عقب" | "اثر");
    let led_to = |e: &EventFrame| {
        (prelude || frame.unopposed)
            && e.sub_event.is_territorial()
            && e.sentences.last() == frame.sentences.first()
    };
    if let Some(t) = events.iter().rposition(led_to) {
        let frame = EventFrame {
            date: None,
            ..frame
        };
        absorb(doc, kb, &mut events[t], frame);
        return;
    }
    let target = events.iter().rposition(compatible);
    match target {
        Some(t)
            if anaphoric
                || weak
                || frame.location.is_none()
                || events[t].location.is_none()
                || same_place(&events[t], &frame)
                || broader_area(kb, &events[t], &frame)
                // "إدلب - قصفت طائرات روسية، مساء الاثنين، أطراف مدينة جسر
                // الشغور": placed by the dateline only until its sentence
                // names the town
                || events[t].location.is_some_and(|l| l.dateline)
                    && events[t].sentences.last() == frame.sentences.first()
                // the same kind of event in the same province, with no day
                // of its own: a source retelling it ("وقال مصدر أمني إن عبوة"),
                // unless another doer strikes back ("وردت فصائل المعارضة بقصف")
                || frame.date.is_none()
                    && frame.sub_event == events[t].sub_event
                    && !stranger(&events[t])
                // "وأضرموا النار في المنازل": destruction in the course of
                // the violence told before, with no day of its own
                || frame.date.is_none()
                    && frame.sub_event == SubEventType::LootingPropertyDestruction
                    && events[t].sub_event.is_violent() =>
        {
            absorb(doc, kb, &mut events[t], frame);
        }
        // "the agreement", "the truce": talk about an earlier development
        None if anaphoric && frame.sub_event.event_type() == "Strategic developments" => {}
        // "the attack" with nothing before it, no toll and no day: a
        // reference to an event this article does not report
        None if anaphoric
            && events.is_empty()
            && frame.figures.is_empty()
            && !day_dated(doc, &frame) => {}
        // "the attack" refers back to the article's last event, unless it
        // is set in a town of its own that event does not fit, with a toll
        // of its own ("عثر الأهالي على جثة شاب مقتولا بالرصاص قرب بلدة طفس");
        // a town read from its Latin name is too weak a sign
        None if anaphoric
            && !events.is_empty()
            && !separate
            && (town_level.is_none_or(|l| doc.matches[l.mention].romanized)
                || frame.figures.is_empty()) =>
        {
            let last = events.len() - 1;
            absorb(doc, kb, &mut events[last], frame);
        }
        // a mention with no town, no toll and no day of its own does not
        // make an event, not even the first; nor do plural event nouns
        // that speak of events in general
        _ if weak
            && (!events.is_empty()
                || !day_dated(doc, &frame) && !told_with_parties(doc, kb, &frame)
                || general) => {}
        _ => events.push(like_the_last(doc, kb, events.last(), frame)),
    }
}

/// "اندلعت مواجهات مماثلة بمدينة سليانة": an event told as like the one
/// before is of its kind, between its sides unless it names its own doer.
fn like_the_last(
    doc: &Document,
    kb: &Knowledge,
    last: Option<&EventFrame>,
    mut frame: EventFrame,
) -> EventFrame {
    // (the word after the trigger, or its own last: "وقفات مماثلة")
    let end = doc.matches[frame.trigger].last_token;
    let similar = (end..=end + 1)
        .any(|t| t < doc.tokens.len() && kb.is_cue_word(CueKind::Similar, doc.word(t)));
    if let Some(last) = last.filter(|_| similar) {
        frame.sub_event = last.sub_event;
        frame.priority = frame.priority.max(last.priority);
        frame.generic_attack = last.generic_attack;
        frame.explicit_clash = last.explicit_clash;
        frame.crowd = last.crowd;
        frame.signals.extend(last.signals.iter().copied());
        if frame.actor1.is_none() {
            frame.actor1 = last.actor1;
            frame.actor2 = last.actor2.or(frame.actor2);
        }
    }
    frame
}

/// A new frame's actor and an event's are one force when they are the same,
/// when the frame's is the generic form of the event's ("الجنود" after "قوات
/// الاحتلال الإسرائيلي"), or when the event's is the generic form of the
/// frame's and the frame's belongs to the event's country (the Syrian
/// police after "قوات الأمن" in Syria, but not Russia's aircraft after "ضابط").
fn same_force(kb: &Knowledge, event: &EventFrame, frame_actor: usize, event_actor: usize) -> bool {
    let stands_for = |generic: usize, listed: usize| {
        kb.actors[listed]
            .country
            .as_deref()
            .is_some_and(|iso2| kb.national_actor(generic, iso2) == Some(listed))
    };
    let in_event_country = || {
        let country = event.location.map(|l| l.country_code(kb));
        country.is_some() && kb.actors[frame_actor].country.as_deref() == country
    };
    frame_actor == event_actor
        || stands_for(frame_actor, event_actor)
        || stands_for(event_actor, frame_actor) && in_event_country()
}

/// A frame set only in the province (or country) of the event's town adds
/// to the event.
fn broader_area(kb: &Knowledge, event: &EventFrame, frame: &EventFrame) -> bool {
    let (Some(e), Some(f)) = (event.location, frame.location) else {
        return false;
    };
    match (e.target, f.target) {
        (Target::Place(town), Target::Place(area)) => {
            kb.places[area].kind == PlaceKind::Admin1
                && kb.places[town].admin1 == kb.places[area].name
        }
        (_, Target::Country(_)) => e.country_code(kb) == f.country_code(kb),
        _ => false,
    }
}

/// A verb with both its parties ("قصفت طائرة أمريكية مواقع للشباب في جنوب
/// الصومال"): the article's news, even when it gives no day or town, unless
/// it retells an earlier act ("وكان مسلحون قد هاجموا").
fn told_with_parties(doc: &Document, kb: &Knowledge, frame: &EventFrame) -> bool {
    let trigger = &doc.matches[frame.trigger];
    // (or a noun after a verb of occurrence: شنت طائرات أمريكية غارات)
    let occurrence_before = || {
        doc.matches_in(trigger.first_token.saturating_sub(5)..trigger.first_token)
            .iter()
            .any(|m| m.has_cue(kb, CueKind::Occurrence))
    };
    frame.actor1.is_some()
        && frame.actor2.is_some()
        && (trigger
            .triggers()
            .any(|t| kb.triggers[t].pos == TriggerPos::Verb)
            || occurrence_before())
        && !(trigger.first_token > 0
            && kb.is_cue_word(CueKind::Retold, doc.word(trigger.first_token - 1)))
}

/// The frame has a date to the day.
fn day_dated(doc: &Document, frame: &EventFrame) -> bool {
    frame.date.is_some_and(|d| doc.dates[d].precision == 1)
}

/// Plural event nouns without a day or a toll ("الاغتيالات", "هجمات") speak
/// of many events in general.
fn aggregate(doc: &Document, kb: &Knowledge, frame: &EventFrame) -> bool {
    let trigger = doc.matches[frame.trigger].span.slice(doc.text());
    // "أكد المتحدث، اليوم الأربعاء، أن ...": the day of the statement
    let dates_a_statement = |d: usize| {
        let after = doc.dates[d].tokens.end;
        after < doc.tokens.len() && kb.is_cue_word(CueKind::Reported, doc.word(after))
    };
    let day_dated = frame
        .date
        .is_some_and(|d| doc.dates[d].precision == 1 && !dates_a_statement(d));
    let in_a_town = frame
        .location
        .is_some_and(|l| matches!(l.target, Target::Place(_)) && l.precision <= 2);
    // "منذ تموز الماضي": an ongoing wave, dated by when it began
    let since = frame.date.is_some_and(|d| {
        let start = doc.dates[d].tokens.start;
        start > 0 && doc.word(start - 1) == "منذ"
    });
    let month_dated = since || frame.date.is_some_and(|d| doc.dates[d].precision >= 3);
    // "خمس غارات": counted events are these events, not events in general
    let first = doc.matches[frame.trigger].first_token;
    let counted = doc.quantities.iter().any(|q| q.tokens.end == first);
    trigger.ends_with("ات")
        && frame.figures.is_empty()
        && !counted
        && (month_dated || !day_dated && !in_a_town)
}

fn same_place(a: &EventFrame, b: &EventFrame) -> bool {
    match (a.location, b.location) {
        (Some(x), Some(y)) => x.target == y.target,
        _ => true,
    }
}

/// Whether two locations can be the same event's: one inside the other, or
/// equal.
pub(super) fn same_area(kb: &Knowledge, a: &Location, b: &Location) -> bool {
    if a.country_code(kb) != b.country_code(kb) {
        return false;
    }
    match (a.target, b.target) {
        (Target::Place(x), Target::Place(y)) => {
            let (x, y) = (&kb.places[x], &kb.places[y]);
            x.id == y.id
                || x.admin1 == y.admin1 && !x.admin1.is_empty()
                || x.name == y.admin1
                || y.name == x.admin1
        }
        _ => true,
    }
}

/// Folds a later frame into an event: the event keeps its type unless its
/// own trigger was the weakest kind, and fills what it lacks.
pub(super) fn absorb(doc: &Document, kb: &Knowledge, event: &mut EventFrame, frame: EventFrame) {
    let day = |d: usize| doc.dates[d].date;
    if frame.priority > event.priority && event.priority <= 1 {
        event.sub_event = frame.sub_event;
        event.trigger = frame.trigger;
        event.priority = frame.priority;
    }
    if let (true, Some(claimant)) = (frame.claimed, frame.actor1) {
        // a claim of responsibility names who did it
        let previous = event.actor1.replace(claimant);
        event.actor2 = event
            .actor2
            .or(previous.filter(|p| p.actor != claimant.actor));
        event.claimed = true;
    }
    // "المهاجمين" told first, "مسلحون من جماعة بوكو حرام" later: the group
    // the text names is the doer
    let unidentified =
        |a: Option<ActorMention>| a.is_some_and(|a| kb.actors[a.actor].is_unidentified());
    let named_group = frame.actor1.filter(|a| {
        let actor = &kb.actors[a.actor];
        !actor.is_generic()
            && actor.is_armed()
            && event
                .actor2
                .is_none_or(|b| !same_force(kb, event, a.actor, b.actor))
    });
    if unidentified(event.actor1) && named_group.is_some() {
        event.actor1 = named_group;
    }
    // "وقال أحد المحتجين إن قوات مكافحة الشغب أطلقت الرصاص": the force
    // acting on a crowd is the crowd's other side
    let crowd = |a: Option<ActorMention>| a.is_some_and(|a| kb.actors[a.actor].is_crowd());
    let state = |a: Option<ActorMention>| a.is_some_and(|a| kb.actors[a.actor].inter == 1);
    if event.actor2.is_none() && crowd(event.actor1) && state(frame.actor1) {
        event.actor2 = frame.actor1;
    }
    event.actor1 = event.actor1.or(frame.actor1);
    event.actor2 = event.actor2.or(frame.actor2);
    let more_specific = match (event.location, frame.location) {
        (None, Some(_)) => true,
        (Some(a), Some(b)) => {
            b.precision < a.precision && b.mention != a.mention || a.dateline && !b.dateline
        }
        _ => false,
    };
    if more_specific {
        event.location = frame.location;
    }
    event.date = match (event.date, frame.date) {
        (None, d) => d,
        (d, None) => d,
        // the most precise date; ACLED dates an event by its start, so of
        // equally precise ones the earliest
        (Some(a), Some(b)) => {
            let key = |d: usize| (doc.dates[d].precision, day(d).is_none(), day(d));
            Some(if key(b) < key(a) { b } else { a })
        }
    };
    event.figures.extend(frame.figures);
    event.attempted &= frame.attempted;
    event.signals.extend(frame.signals);
    event.explicit_clash |= frame.explicit_clash;
    event.unopposed |= frame.unopposed;
    event.crowd |= frame.crowd;
    event.civilian_target |= frame.civilian_target;
    event.military_target |= frame.military_target;
    event.weapon = match (event.weapon, frame.weapon) {
        (Some(a), Some(b)) if b.2 > a.2 => Some(b),
        (a, b) => a.or(b),
    };
    event.sentences.extend(frame.sentences);
}
