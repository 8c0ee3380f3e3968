//! Event frames: triggers with their actors, places, dates and figures,
//! filtered for history and threats, and merged within the article.

use crate::acled::SubEventType;
use crate::dates::DateKind;
use crate::document::{Document, MatchExt};
use crate::geo::{Location, Target};
use crate::knowledge::{CueKind, Knowledge, PlaceKind, TriggerPos};
use chrono::NaiveDate;
use std::collections::HashMap;
use std::ops::Range;

/// Kinds of reported numbers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FigureKind {
    Killed,
    Injured,
    Captured,
    Arrested,
    Escaped,
    Missing,
}

impl FigureKind {
    pub fn as_str(self) -> &'static str {
        match self {
            FigureKind::Killed => "killed",
            FigureKind::Injured => "injured",
            FigureKind::Captured => "captured",
            FigureKind::Arrested => "arrested",
            FigureKind::Escaped => "escaped",
            FigureKind::Missing => "missing",
        }
    }

    /// The kind of figure a matched word announces (مقتل: killed), if any.
    fn of_match(kb: &Knowledge, m: &crate::knowledge::Match) -> Option<FigureKind> {
        m.entries.iter().find_map(|e| match e {
            crate::knowledge::Entry::Cue(c) => FigureKind::of_cue(kb.cues[*c as usize].kind),
            _ => None,
        })
    }

    fn of_cue(kind: CueKind) -> Option<FigureKind> {
        Some(match kind {
            CueKind::Killed | CueKind::KilledOne => FigureKind::Killed,
            CueKind::Injured => FigureKind::Injured,
            CueKind::Captured => FigureKind::Captured,
            CueKind::Arrested => FigureKind::Arrested,
            CueKind::Escaped => FigureKind::Escaped,
            CueKind::Missing => FigureKind::Missing,
            _ => return None,
        })
    }
}

/// An actor named in the text: the match and the actor it stands for.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ActorMention {
    pub mention: usize,
    pub actor: usize,
}

/// A number reported about the event.
#[derive(Clone, Debug, PartialEq)]
pub struct FigureMention {
    /// Normalized bytes of the number (or of the one person counted).
    pub span: crate::Span,
    /// The token where the number starts.
    pub token: usize,
    pub value: u64,
    pub upper: Option<u64>,
    pub qualifier: Option<crate::numbers::Qualifier>,
    pub kind: FigureKind,
    /// The match of the figure word it belongs to.
    pub cue: usize,
    pub party: Option<ActorMention>,
    pub claimed_by: Option<ActorMention>,
}

/// One event as the article tells it, possibly from several clauses.
#[derive(Clone, Debug)]
pub struct EventFrame {
    pub sub_event: SubEventType,
    /// The match of the deciding trigger word.
    pub trigger: usize,
    pub priority: u8,
    pub actor1: Option<ActorMention>,
    pub actor2: Option<ActorMention>,
    pub location: Option<Location>,
    /// Index into the document's dates.
    pub date: Option<usize>,
    pub figures: Vec<FigureMention>,
    pub attempted: bool,
    /// The deciding trigger is generic violence (armed clash or attack on
    /// civilians, by target).
    pub generic_attack: bool,
    /// Every sub-event type a trigger word of the event pointed to.
    pub signals: Vec<SubEventType>,
    /// A word for fighting itself (اشتباكات، معارك), not just "attack".
    pub explicit_clash: bool,
    /// Protesters or rioters, or a protest word, in the event's sentences.
    pub crowd: bool,
    /// Aircraft are named in the event's clauses (قصفت الطائرات).
    pub aerial: bool,
    /// Actor 1 came from a claim of responsibility (تبنت الحركة الهجوم).
    pub claimed: bool,
    /// The deciding word means a march as well as a drone (مسيرة).
    pub march: bool,
    /// The strongest weapon word of the event's frames (match, sub-event
    /// type, priority): it names the modality of a generic "attack".
    pub weapon: Option<(usize, SubEventType, u8)>,
    /// The sentences that told this event.
    pub sentences: Vec<usize>,
}

/// A clause-level reading before merging.
struct Clause {
    tokens: Range<usize>,
    trigger: Option<(usize, usize)>,
    anaphoric: bool,
    /// The sub-event types of every trigger word in the clause.
    signals: Vec<SubEventType>,
    explicit_clash: bool,
}

/// Finds the events of a document.
pub fn detect(doc: &Document, kb: &Knowledge, locations: &[Location]) -> Vec<EventFrame> {
    let countries = crate::geo::country_weights(doc, kb);
    let mut events: Vec<EventFrame> = Vec::new();
    let mut last_claimant: Option<ActorMention> = None;
    let mut last_group: Option<ActorMention> = None;
    for (s, sentence) in doc.sentences.iter().enumerate() {
        let actors = sentence_actors(
            doc,
            kb,
            sentence.tokens.clone(),
            &mut last_group,
            &countries,
        );
        let claimant = sentence_claimant(doc, kb, sentence.tokens.clone(), &actors).or_else(|| {
            says_without_subject(doc, kb, sentence.tokens.clone())
                .then_some(last_claimant)
                .flatten()
        });
        if claimant.is_some() {
            last_claimant = claimant;
        }
        if sentence_is_background(doc, kb, sentence.tokens.clone()) {
            continue;
        }
        let clauses = clauses(doc, kb, s);
        let crowd_in_sentence = actors
            .iter()
            .any(|a| matches!(kb.actors[a.actor].inter, 5 | 6))
            || clauses
                .iter()
                .flat_map(|c| &c.signals)
                .any(|s| s.event_type() == "Protests");
        let figures = figures(doc, kb, sentence.tokens.clone(), &actors, claimant);
        let victims: Vec<ActorMention> = figures
            .iter()
            .filter(|f| {
                matches!(
                    f.kind,
                    FigureKind::Killed | FigureKind::Injured | FigureKind::Captured
                )
            })
            .filter_map(|f| f.party)
            .collect();
        let has_frame = clauses.iter().any(|c| c.trigger.is_some());
        if !has_frame {
            if !figures.is_empty() {
                if let Some(target) =
                    event_told_of(doc, locations, &actors, sentence.tokens.clone(), &events)
                {
                    events[target].figures.extend(figures);
                    events[target].sentences.push(s);
                }
            }
            continue;
        }
        let mut sentence_frames: Vec<(EventFrame, bool)> = Vec::new();
        for clause in &clauses {
            let Some((trigger_match, trigger)) = clause.trigger else {
                continue;
            };
            let t = &kb.triggers[trigger];
            let mut frame = EventFrame {
                sub_event: t.sub_event,
                trigger: trigger_match,
                priority: t.priority,
                actor1: None,
                actor2: None,
                location: best_location(doc, kb, locations, clause.tokens.clone()),
                date: best_date(doc, clause.tokens.clone()),
                figures: Vec::new(),
                attempted: t.attempt
                    || attempt_cue_before(doc, kb, sentence.tokens.start, trigger_match),
                generic_attack: t.attack,
                signals: clause.signals.clone(),
                explicit_clash: clause.explicit_clash,
                crowd: crowd_in_sentence,
                aerial: aerial(doc, kb, clause.tokens.clone()),
                claimed: false,
                march: t.march,
                weapon: (t.sub_event.event_type() == "Explosions/Remote violence").then_some((
                    trigger_match,
                    t.sub_event,
                    t.priority,
                )),
                sentences: vec![s],
            };
            let scene = Scene {
                actors: &actors,
                claimant,
                victims: &victims,
                clause: clause.tokens.clone(),
            };
            assign_roles(doc, kb, &mut frame, t.pos, &scene);
            // "في مدينتي بجاية وتيزي وزو": one report, an event in each town
            for town in coordinated_towns(doc, kb, locations, clause.tokens.clone()) {
                let mut twin = frame.clone();
                twin.location = Some(town);
                twin.figures.clear();
                sentence_frames.push((twin, clause.anaphoric));
            }
            sentence_frames.push((frame, clause.anaphoric));
        }
        if sentence_frames.is_empty() {
            continue;
        }
        // sentence-wide context for frames whose clause lacks it
        let sentence_location = best_location(doc, kb, locations, sentence.tokens.clone());
        let sentence_date = best_date(doc, sentence.tokens.clone());
        for (frame, _) in &mut sentence_frames {
            frame.location = sharper_location(kb, frame.location, sentence_location);
            frame.date = frame.date.or(sentence_date);
        }
        // figures go to the frame whose trigger is nearest before them
        for figure in figures {
            let at = figure.token;
            let target = sentence_frames
                .iter()
                .rposition(|(f, _)| doc.matches[f.trigger].first_token <= at)
                .unwrap_or(0);
            sentence_frames[target].0.figures.push(figure);
        }
        // "..., ما أسفر عن مقتل جنديين": a bare toll word in a later clause
        // tells the consequence of the sentence's event
        let mut sentence_frames = sentence_frames.into_iter();
        let Some(first) = sentence_frames.next() else {
            continue;
        };
        let mut kept = vec![first];
        for (frame, anaphoric) in sentence_frames {
            match kept.last_mut() {
                Some((previous, _)) if frame.priority <= 1 => absorb(doc, previous, frame),
                _ => kept.push((frame, anaphoric)),
            }
        }
        for (frame, anaphoric) in kept {
            // a bare toll ("أقر بمقتل ثلاثة") reports on an event already told
            if frame.priority <= 1 && !events.is_empty() {
                if let Some(target) =
                    event_told_of(doc, locations, &actors, sentence.tokens.clone(), &events)
                {
                    absorb(doc, &mut events[target], frame);
                    continue;
                }
            }
            merge_or_push(doc, kb, &mut events, frame, anaphoric);
        }
    }
    for event in &mut events {
        fill_victims(event);
        refine_type(kb, event);
    }
    events.retain(has_substance);
    events
}

/// The event a sentence without an event word adds to: the one set in a
/// place the sentence names, else the one with an actor it names, else the
/// latest.
fn event_told_of(
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

/// Splits sentence `s` at commas into clauses, each with its best trigger.
fn clauses(doc: &Document, kb: &Knowledge, s: usize) -> Vec<Clause> {
    let range = doc.sentences[s].tokens.clone();
    let mut bounds = vec![range.start];
    bounds.extend(
        range
            .clone()
            .filter(|&t| t > range.start && doc.tokens[t].after_comma),
    );
    bounds.push(range.end);
    let mut out = Vec::new();
    for w in bounds.windows(2) {
        let tokens = w[0]..w[1];
        let mut best: Option<(usize, usize, (u8, bool))> = None;
        let mut signals = Vec::new();
        let mut explicit_clash = false;
        for (mi, m) in doc.matches.iter().enumerate() {
            if !tokens.contains(&m.first_token) {
                continue;
            }
            // a word under a threat, denial or accusation (يشتبه بضلوعهما
            // في اغتيال) does not compete for the clause
            let blocked = is_negated_or_future(doc, kb, range.start, m.first_token);
            for t in m.triggers() {
                if blocked {
                    continue;
                }
                signals.push(kb.triggers[t].sub_event);
                explicit_clash |=
                    kb.triggers[t].sub_event == SubEventType::ArmedClash && !kb.triggers[t].attack;
                // of equally strong words, a new one (هجوم آخر) over one
                // that refers back (تلك الهجمات)
                let rank = (kb.triggers[t].priority, !definite_noun(doc, kb, m, t));
                if best.is_none_or(|(_, _, b)| rank > b) {
                    best = Some((mi, t, rank));
                }
            }
        }
        let anaphoric = best.is_some_and(|(mi, t, _)| definite_noun(doc, kb, &doc.matches[mi], t));
        out.push(Clause {
            tokens,
            trigger: best.map(|(mi, t, _)| (mi, t)),
            anaphoric,
            signals,
            explicit_clash,
        });
    }
    out
}

/// An event noun with the article (الهجوم، الاشتباكات): it refers back to an
/// event already told.
fn definite_noun(
    doc: &Document,
    kb: &Knowledge,
    m: &crate::knowledge::Match,
    trigger: usize,
) -> bool {
    kb.triggers[trigger].pos == TriggerPos::Noun
        && (m.clitics > 0 && doc.text()[m.span.start - m.clitics..m.span.start].ends_with("ال")
            || doc.word(m.first_token).starts_with("ال"))
}

/// Actors named in a sentence, with anaphors (التنظيم) resolved to the last
/// named armed group.
fn sentence_actors(
    doc: &Document,
    kb: &Knowledge,
    tokens: Range<usize>,
    last_group: &mut Option<ActorMention>,
    countries: &HashMap<String, f64>,
) -> Vec<ActorMention> {
    let mut out = Vec::new();
    for (mi, m) in doc.matches.iter().enumerate() {
        if !tokens.contains(&m.first_token) {
            continue;
        }
        if let Some(a) = pick_actor(kb, m, countries) {
            if kb.actors[a].is_generic() && names_a_group_next(doc, mi) {
                // "عناصر من داعش", "مسلحون من الحركة": the group is the actor
                continue;
            }
            let mention = ActorMention {
                mention: mi,
                actor: a,
            };
            if !kb.actors[a].is_generic() && matches!(kb.actors[a].inter, 2..=4) {
                *last_group = Some(mention);
            }
            out.push(mention);
        } else if m.has_cue(kb, CueKind::Anaphor) {
            if let Some(group) = *last_group {
                out.push(ActorMention {
                    mention: mi,
                    actor: group.actor,
                });
            }
        }
    }
    out
}

/// Of the actors a name may stand for (قوى الأمن الداخلي: Lebanon's police,
/// or the Asayish of north-east Syria), the one of the article's country.
fn pick_actor(
    kb: &Knowledge,
    m: &crate::knowledge::Match,
    countries: &HashMap<String, f64>,
) -> Option<usize> {
    let weight = |a: usize| {
        kb.actors[a]
            .country
            .as_ref()
            .and_then(|c| countries.get(c))
            .copied()
            .unwrap_or(0.0)
    };
    let best = m
        .actors()
        .max_by(|&a, &b| weight(a).total_cmp(&weight(b)).then(b.cmp(&a)))?;
    // a local militia of a country the article never mentions is a
    // namesake ("مقاتلو العشائر" in Somalia are not Syria's tribal forces)
    let actor = &kb.actors[best];
    let foreign_militia = actor.inter == 4 && actor.country.is_some() && weight(best) <= 0.5;
    (!foreign_militia || countries.is_empty()).then_some(best)
}

/// Whether match `i` is followed by من and another actor or an anaphor.
fn names_a_group_next(doc: &Document, i: usize) -> bool {
    let m = &doc.matches[i];
    let next = m.last_token + 1;
    next < doc.tokens.len()
        && doc.word(next) == "من"
        && doc
            .matches
            .get(i + 1)
            .is_some_and(|n| n.first_token == next + 1)
}

/// The actor a sentence attributes its content to: the one right after a
/// saying word (قالت قسد، بحسب الجيش).
fn sentence_claimant(
    doc: &Document,
    kb: &Knowledge,
    tokens: Range<usize>,
    actors: &[ActorMention],
) -> Option<ActorMention> {
    for m in &doc.matches {
        if !tokens.contains(&m.first_token) || !m.has_cue(kb, CueKind::Say) {
            continue;
        }
        // a named group over a generic one (المركز الإعلامي لقسد)
        let claimant = actors
            .iter()
            .filter(|a| {
                let first = doc.matches[a.mention].first_token;
                first > m.last_token && first <= m.last_token + 4
            })
            .min_by_key(|a| kb.actors[a.actor].is_generic());
        if claimant.is_some() {
            return claimant.copied();
        }
    }
    None
}

/// A saying word with no named subject (وأضافوا): the claimant carries over.
fn says_without_subject(doc: &Document, kb: &Knowledge, tokens: Range<usize>) -> bool {
    doc.matches.iter().any(|m| {
        m.first_token < tokens.start + 2
            && tokens.contains(&m.first_token)
            && m.has_cue(kb, CueKind::Say)
            && tokens.contains(&(m.last_token + 1))
            && doc.word(m.last_token + 1).starts_with("ان")
    })
}

/// A sentence about the past (a history cue, or only dates long before
/// publication).
fn sentence_is_background(doc: &Document, kb: &Knowledge, tokens: Range<usize>) -> bool {
    let in_sentence = |t: usize| tokens.contains(&t);
    let dates: Vec<_> = doc
        .dates
        .iter()
        .filter(|d| in_sentence(d.tokens.start))
        .collect();
    let old = dates.iter().any(|d| d.history);
    // an old full date outweighs a weekday ("في 26 يونيو 2015 ... صلاة الجمعة")
    let old_full_date = dates
        .iter()
        .any(|d| d.history && d.kind != DateKind::Weekday);
    let recent = dates.iter().any(|d| {
        !d.history && d.kind != DateKind::Year && !(old_full_date && d.kind == DateKind::Weekday)
    });
    let history_cue = doc
        .matches
        .iter()
        .any(|m| in_sentence(m.first_token) && m.has_cue(kb, CueKind::History));
    (old || history_cue) && !recent
}

/// A threat, forecast or denial before the trigger in its sentence.
fn is_negated_or_future(
    doc: &Document,
    kb: &Knowledge,
    sentence_start: usize,
    trigger_token: usize,
) -> bool {
    // a threat governs what follows it closely ("توعد بشن هجمات"), not an
    // event told later in a long sentence
    doc.matches.iter().any(|m| {
        // words between, not counting a date ("نفى الجيش، اليوم الأربعاء، وقوع")
        let gap = || {
            (m.last_token + 1..trigger_token)
                .filter(|&t| !doc.in_date[t])
                .count()
                + 1
        };
        (sentence_start..trigger_token).contains(&m.first_token)
            && (m.has_cue(kb, CueKind::Future) && gap() <= 8
                || m.has_cue(kb, CueKind::Negation) && gap() <= 5
                || m.has_cue(kb, CueKind::History) && gap() <= 4)
    })
}

fn attempt_cue_before(
    doc: &Document,
    kb: &Knowledge,
    sentence_start: usize,
    trigger: usize,
) -> bool {
    let at = doc.matches[trigger].first_token;
    doc.matches.iter().any(|m| {
        (sentence_start..at).contains(&m.first_token)
            && at - m.last_token <= 2
            && m.has_cue(kb, CueKind::Attempt)
    })
}

/// The most specific location named in a token range.
fn best_location(
    doc: &Document,
    kb: &Knowledge,
    locations: &[Location],
    tokens: Range<usize>,
) -> Option<Location> {
    locations
        .iter()
        .filter(|l| tokens.contains(&doc.matches[l.mention].first_token))
        .max_by_key(|l| (l.rank(kb), std::cmp::Reverse(l.mention)))
        .copied()
}

/// A clause's location, or the sentence's when that is a town inside the
/// clause's province or country ("قوات الشرطة في محافظة الأنبار ... في مدينة
/// الرمادي").
fn sharper_location(
    kb: &Knowledge,
    clause: Option<Location>,
    sentence: Option<Location>,
) -> Option<Location> {
    let (Some(c), Some(s)) = (clause, sentence) else {
        return clause.or(sentence);
    };
    let inside = match (c.target, s.target) {
        (Target::Place(area), Target::Place(town)) => {
            kb.places[area].kind == PlaceKind::Admin1
                && kb.places[town].admin1 == kb.places[area].name
        }
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
fn coordinated_towns(
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
            joined && second.first_token == first.last_token + 1 && pair[0].target != pair[1].target
        })
        .map(|pair| *pair[1])
        .collect()
}

/// The first recent, resolved date in a token range.
fn best_date(doc: &Document, tokens: Range<usize>) -> Option<usize> {
    doc.dates
        .iter()
        .position(|d| tokens.contains(&d.tokens.start) && !d.history && d.kind != DateKind::Year)
}

/// Numbers next to a figure word (مقتل 7، 28 قتيلا), with whose they are
/// and who says so.
fn figures(
    doc: &Document,
    kb: &Knowledge,
    tokens: Range<usize>,
    actors: &[ActorMention],
    claimant: Option<ActorMention>,
) -> Vec<FigureMention> {
    let mut out = Vec::new();
    for q in &doc.quantities {
        if !tokens.contains(&q.tokens.start) {
            continue;
        }
        let mut nearest: Option<(usize, FigureKind, usize)> = None;
        for (mi, m) in doc.matches.iter().enumerate() {
            let Some(kind) = FigureKind::of_match(kb, m) else {
                continue;
            };
            let distance = if m.last_token < q.tokens.start {
                if (m.last_token + 1..=q.tokens.start).any(|t| doc.tokens[t].after_comma) {
                    continue;
                }
                // a date or a qualifier may stand between: "قتل أمس الأحد
                // ثمانية", "مقتل ما لا يقل عن عشرة"
                let in_date_or_qualifier = |t: usize| {
                    doc.in_date[t]
                        || q.qualifier_span
                            .is_some_and(|s| s.contains(doc.tokens[t].span))
                };
                (m.last_token + 1..q.tokens.start)
                    .filter(|&t| !in_date_or_qualifier(t))
                    .count()
                    + 1
            } else if m.first_token >= q.tokens.end {
                // the word after a number names it ("ثلاثة قتلى وخمسة جرحى");
                // the counted noun, a qualifier and من may stand between
                // (89 سجينا على الأقل من الفرار)
                let between = q.tokens.end..m.first_token;
                between
                    .filter(|&t| {
                        let in_qualifier = q
                            .qualifier_span
                            .is_some_and(|s| s.contains(doc.tokens[t].span));
                        !in_qualifier && doc.word(t) != "من"
                    })
                    .count()
            } else {
                continue;
            };
            // "ميدان الشهداء" names a square, not the dead
            let in_a_name = doc
                .matches
                .iter()
                .any(|p| p.last_token + 1 == m.first_token && p.has_cue(kb, CueKind::Locality));
            if distance <= 2 && !in_a_name && nearest.is_none_or(|(d, ..)| distance < d) {
                nearest = Some((distance, kind, mi));
            }
        }
        let Some((_, kind, cue)) = nearest else {
            continue;
        };
        // whose dead: the actor right after the number (7 من المليشيات،
        // 11 جنديا), not one across a comma
        let event_word_between = |first: usize| {
            doc.matches.iter().any(|m| {
                m.first_token >= q.tokens.end
                    && m.first_token < first
                    && m.triggers().next().is_some()
            })
        };
        let party = actors.iter().copied().find(|a| {
            let first = doc.matches[a.mention].first_token;
            (q.tokens.end..=q.tokens.end + 3).contains(&first)
                && (q.tokens.end..=first).all(|t| !doc.tokens[t].after_comma)
                && !event_word_between(first)
        });
        out.push(FigureMention {
            span: q.span,
            token: q.tokens.start,
            value: q.value,
            upper: q.upper,
            qualifier: q.qualifier,
            kind,
            cue,
            party,
            claimed_by: claimant,
        });
    }
    out.extend(single_victims(doc, kb, tokens, actors, claimant));
    add_up_lists(out)
}

/// "مقتل ضابط وأربعة جنود وسبعة مسلحين": numbers listed after one figure
/// word are parts of one toll; the parts keep a party only when they share it.
fn add_up_lists(figures: Vec<FigureMention>) -> Vec<FigureMention> {
    let mut out: Vec<FigureMention> = Vec::with_capacity(figures.len());
    for figure in figures {
        let same_list = out
            .iter_mut()
            .find(|f| f.cue == figure.cue && f.kind == figure.kind);
        match same_list {
            Some(list) => {
                list.value = list.value.saturating_add(figure.value);
                list.span = list.span.cover(figure.span);
                list.token = list.token.min(figure.token);
                list.upper = None;
                if list.party.map(|p| p.actor) != figure.party.map(|p| p.actor) {
                    list.party = None;
                }
            }
            None => out.push(figure),
        }
    }
    out
}

/// Whether a number stands within three words after a figure word.
fn quantity_near(doc: &Document, m: &crate::knowledge::Match) -> bool {
    doc.quantities
        .iter()
        .any(|q| (m.last_token + 1..=m.last_token + 3).contains(&q.tokens.start))
}

/// "قتلت طفلة", "مقتل جندي", "مقتل شخصين": a figure word before one person
/// (or a pair, in the dual) counts them.
fn single_victims(
    doc: &Document,
    kb: &Knowledge,
    tokens: Range<usize>,
    actors: &[ActorMention],
    claimant: Option<ActorMention>,
) -> Vec<FigureMention> {
    let mut out = Vec::new();
    for (i, m) in doc.matches.iter().enumerate() {
        if !tokens.contains(&m.first_token) {
            continue;
        }
        let Some(kind @ (FigureKind::Killed | FigureKind::Injured)) = FigureKind::of_match(kb, m)
        else {
            continue;
        };
        let person = doc.matches[i + 1..]
            .iter()
            .enumerate()
            .take_while(|(_, n)| n.first_token <= m.last_token + 2)
            .find(|(_, n)| n.has_cue(kb, CueKind::Person) || n.has_cue(kb, CueKind::Pair));
        let Some((offset, person)) = person else {
            if m.has_cue(kb, CueKind::KilledOne) && !quantity_near(doc, m) {
                out.push(FigureMention {
                    span: m.span,
                    token: m.first_token,
                    value: 1,
                    upper: None,
                    qualifier: None,
                    kind,
                    cue: i,
                    party: None,
                    claimed_by: claimant,
                });
            }
            continue;
        };
        let value = if person.has_cue(kb, CueKind::Pair) {
            2
        } else {
            1
        };
        let counted = doc
            .quantities
            .iter()
            .any(|q| (m.last_token..=person.first_token).contains(&q.tokens.start));
        if counted {
            continue;
        }
        // "جنديان من الجيش السوري": the group named after من
        let person_at = i + 1 + offset;
        let party = actors
            .iter()
            .copied()
            .find(|a| a.mention == person_at)
            .or_else(|| {
                let after = doc.matches.get(person_at + 1)?;
                let gap = after.first_token.checked_sub(person.last_token + 1)?;
                (gap == 1 && doc.word(person.last_token + 1) == "من")
                    .then(|| actors.iter().copied().find(|a| a.mention == person_at + 1))
                    .flatten()
            });
        out.push(FigureMention {
            span: person.span,
            token: person.first_token,
            value,
            upper: None,
            qualifier: None,
            kind,
            cue: i,
            party,
            claimed_by: claimant,
        });
    }
    out
}

/// A figure word that is a noun (مقتل، إصابة، استشهاد، أسر): the people
/// after it are its victims.
fn victim_noun(word: &str) -> bool {
    [
        "مقتل",
        "مصرع",
        "استشهاد",
        "اصابه",
        "اصابات",
        "جرح",
        "اسر",
        "اختطاف",
        "اعتقال",
        "اغتيال",
        "اعدام",
    ]
    .iter()
    .any(|noun| word == *noun || word.strip_prefix("ال") == Some(noun))
}

/// Aircraft are named in a token range, on their own or inside a longer
/// name (الطائرات الإسرائيلية).
fn aerial(doc: &Document, kb: &Knowledge, tokens: Range<usize>) -> bool {
    let aircraft_word = |t: usize| {
        let word = doc.word(t);
        ["طاير", "طيران", "مقاتلات", "جوي"].iter().any(|stem| {
            crate::text::proclitic_splits(word).any(|split| word[split.len..].starts_with(stem))
        })
    };
    tokens.clone().any(aircraft_word)
        || doc
            .matches
            .iter()
            .any(|m| tokens.contains(&m.first_token) && m.has_cue(kb, CueKind::Aircraft))
}

/// What a clause offers for roles: the sentence's actors, who speaks, who
/// was hit, and where the clause lies.
struct Scene<'a> {
    actors: &'a [ActorMention],
    claimant: Option<ActorMention>,
    victims: &'a [ActorMention],
    clause: Range<usize>,
}

/// Who did what to whom, from the trigger's part of speech and the words
/// around each actor. Victims (the dead and wounded, whoever follows على or
/// استهدف) are never the attacker, and in political violence neither are
/// civilians or protesters.
fn assign_roles(
    doc: &Document,
    kb: &Knowledge,
    frame: &mut EventFrame,
    pos: TriggerPos,
    scene: &Scene,
) {
    let Scene {
        actors,
        claimant,
        victims,
        clause,
    } = scene;
    let (claimant, clause) = (*claimant, clause.clone());
    let trigger = &doc.matches[frame.trigger];
    let participants: Vec<ActorMention> = actors
        .iter()
        .copied()
        .filter(|a| Some(*a) != claimant || actors.len() == 1)
        .collect();
    let word_before = |a: &ActorMention, back: usize| {
        let first = doc.matches[a.mention].first_token;
        (first >= back).then(|| doc.word(first - back))
    };
    let is_target = |a: &ActorMention| {
        victims.contains(a)
            || word_before(a, 1).is_some_and(|w| matches!(w, "علي" | "ضد" | "مع" | "بحق"))
            // "استهدفت دورية للشرطة": what was targeted
            || (1..=2).any(|back| word_before(a, back).is_some_and(|w| w.starts_with("استهدف")))
            || (1..=2).any(|back| {
                let first = doc.matches[a.mention].first_token;
                first >= back
                    && doc.matches.iter().any(|m| {
                        // "مقتل جنديين": after a noun the dead follow; after
                        // a verb (أعدم التنظيم) the killer may
                        m.last_token == first - back
                            && victim_noun(m.span.slice(doc.text()))
                            && (m.has_cue(kb, CueKind::Killed)
                                || m.has_cue(kb, CueKind::Injured)
                                || m.has_cue(kb, CueKind::Captured))
                    })
            })
    };
    // "على يد", "برصاص", "هجوم شنه": the actor after these words did it,
    // also across "عناصر من" (شنه عناصر من تنظيم داعش)
    let agent_word = |w: &str| {
        let w = w.strip_prefix('و').unwrap_or(w);
        matches!(
            w,
            "يد" | "برصاص"
                | "بنيران"
                | "قبل"
                | "شنه"
                | "شنها"
                | "شنته"
                | "نفذه"
                | "نفذها"
                | "نفذته"
                | "تبناه"
                | "تبنته"
                | "تبني"
                | "تبنت"
                | "يتبني"
        )
    };
    // "مدعوما بمقاتلي العشائر", "بدعم من التحالف": a supporting side
    let is_support = |a: &ActorMention| {
        (1..=3).any(|back| {
            word_before(a, back)
                .is_some_and(|w| matches!(w, "مدعوما" | "مدعومه" | "بدعم" | "بمسانده" | "باسناد"))
        })
    };
    let participants: Vec<ActorMention> = participants
        .into_iter()
        .filter(|a| !is_support(a))
        .collect();
    let is_agent = |a: &ActorMention| {
        word_before(a, 1).is_some_and(agent_word)
            || word_before(a, 1) == Some("من") && word_before(a, 3).is_some_and(agent_word)
    };
    let violent = frame.sub_event.is_violent();
    let can_attack = |a: &ActorMention| {
        let actor = &kb.actors[a.actor];
        // civilians are never actor 1 in ACLED; protesters only demonstrate
        !(is_target(a) || actor.inter == 7 || violent && actor.inter == 6)
    };
    let after: Vec<ActorMention> = participants
        .iter()
        .copied()
        .filter(|a| doc.matches[a.mention].first_token > trigger.last_token)
        .collect();
    let before: Vec<ActorMention> = participants
        .iter()
        .copied()
        .filter(|a| doc.matches[a.mention].last_token < trigger.first_token)
        .collect();
    let with_li = |a: &ActorMention| {
        let m = &doc.matches[a.mention];
        m.clitics > 0 && doc.text()[doc.tokens[m.first_token].span.start..].starts_with('ل')
    };
    // the subject right after a verb; not a "ل" phrase (تجمع للجنود)
    let near_after = after.iter().copied().find(|a| {
        doc.matches[a.mention].first_token <= trigger.last_token + 4 && can_attack(a) && !with_li(a)
    });
    // a noun's doer in a genitive right after it (هجوم مسلحين)
    let genitive = after
        .first()
        .copied()
        .filter(|a| doc.matches[a.mention].first_token == trigger.last_token + 1 && can_attack(a));
    let agent = participants
        .iter()
        .copied()
        .find(is_agent)
        .or_else(|| national_weapon(doc, kb, frame));
    frame.claimed = agent.is_some_and(|a| {
        word_before(&a, 1).is_some_and(|w| w.trim_start_matches('و').starts_with("تبن"))
    });
    let last_before = before.iter().rev().copied().find(can_attack);
    // a verb agreeing in the plural follows its subject (مسلحو الحركة هاجموا)
    let trigger_word = doc.word(trigger.last_token);
    let plural_verb = trigger_word.ends_with("وا") || trigger_word.ends_with("ون");
    let actor1 = agent.or(match pos {
        TriggerPos::Verb if plural_verb => last_before.or(near_after),
        TriggerPos::Verb => near_after.or(last_before),
        TriggerPos::Noun => {
            // "هجوم للتنظيم", "قصف مدفعي لقوات النظام": right after the noun
            after
                .iter()
                .copied()
                .find(|a| {
                    with_li(a)
                        && can_attack(a)
                        && doc.matches[a.mention].first_token <= trigger.last_token + 1
                })
                .or(last_before)
                .or(genitive)
        }
        // after a passive word the doer comes later in the same clause
        // ("قتل جنديان في هجوم لمسلحين"), never in the next one
        // after a victim-centred word (مقتل، انفجار) the actors that follow
        // are its victims, unless one is introduced by ل in the same clause
        TriggerPos::Passive => last_before.or_else(|| {
            after.iter().copied().find(|a| {
                let first = doc.matches[a.mention].first_token;
                can_attack(a)
                    && with_li(a)
                    && first > trigger.last_token + 1
                    && clause.contains(&first)
            })
        }),
    });
    let same = |a: &ActorMention, b: Option<ActorMention>| {
        b.is_some_and(|b| kb.actors[a.actor].id == kb.actors[b.actor].id)
    };
    let actor2 = participants
        .iter()
        .copied()
        .filter(|a| !same(a, actor1))
        .find(is_target)
        .or_else(|| {
            // an armed side before bystanders: "صد هجوما على سجن يضم معتقلين"
            let armed = |a: &ActorMention| !same(a, actor1) && kb.actors[a.actor].is_armed();
            after
                .iter()
                .copied()
                .find(armed)
                .or_else(|| before.iter().copied().find(armed))
        })
        .or_else(|| after.iter().copied().find(|a| !same(a, actor1)))
        .or_else(|| before.iter().copied().find(|a| !same(a, actor1)));
    frame.actor1 = actor1;
    frame.actor2 = actor2;
}

/// "غارة إسرائيلية", "مسيرة تركية": a weapon with a nisba adjective is fired
/// by that country's military.
fn national_weapon(doc: &Document, kb: &Knowledge, frame: &EventFrame) -> Option<ActorMention> {
    if !matches!(
        frame.sub_event.event_type(),
        "Explosions/Remote violence" | "Battles"
    ) {
        return None;
    }
    let trigger = &doc.matches[frame.trigger];
    let (i, m) = doc
        .matches
        .iter()
        .enumerate()
        .skip(frame.trigger + 1)
        .take_while(|(_, m)| m.first_token <= trigger.last_token + 2)
        .find(|(_, m)| m.nisba().is_some())?;
    let country = &kb.countries[m.nisba()?].iso2;
    let id = format!("{}-military", country.to_ascii_lowercase());
    let actor = kb.actors.iter().position(|a| a.id == id)?;
    Some(ActorMention { mention: i, actor })
}

/// Adds `frame` to the event it continues, or starts a new event.
fn merge_or_push(
    doc: &Document,
    kb: &Knowledge,
    events: &mut Vec<EventFrame>,
    frame: EventFrame,
    anaphoric: bool,
) {
    let date_of = |f: &EventFrame| f.date.and_then(|d| doc.dates[d].date);
    let town_level = frame
        .location
        .filter(|l| matches!(l.target, Target::Place(_)));
    // a frame with no town of its own and no toll adds to an event rather
    // than starting one; a country named in passing does not count
    let weak = town_level.is_none() && frame.figures.is_empty() || aggregate(doc, &frame);
    let compatible = |e: &EventFrame| {
        let places_fit = match (e.location, frame.location) {
            (Some(a), Some(b)) => weak && town_level.is_none() || same_area(kb, &a, &b),
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
        // another kind of event by someone else (an arrest after a clash)
        let other_family = e.sub_event.event_type() != frame.sub_event.event_type()
            && frame.actor1.is_some_and(|a| {
                let id = &kb.actors[a.actor].id;
                kb.actors[a.actor].is_armed()
                    && [e.actor1, e.actor2]
                        .iter()
                        .flatten()
                        .all(|b| kb.actors[b.actor].id != *id)
            });
        places_fit && dates_fit && !other_family
    };
    let target = events.iter().rposition(compatible);
    match target {
        Some(t)
            if anaphoric
                || weak
                || frame.location.is_none()
                || events[t].location.is_none()
                || same_place(&events[t], &frame)
                || broader_area(kb, &events[t], &frame) =>
        {
            absorb(doc, &mut events[t], frame);
        }
        // "the agreement", "the truce": talk about an earlier development
        None if anaphoric && frame.sub_event.event_type() == "Strategic developments" => {}
        // "the attack" with nothing before it, no toll and no day: a
        // reference to an event this article does not report
        None if anaphoric
            && events.is_empty()
            && frame.figures.is_empty()
            && !day_dated(doc, &frame) => {}
        // "the attack" refers back to the article's last event
        None if anaphoric && !events.is_empty() => {
            let last = events.len() - 1;
            absorb(doc, &mut events[last], frame);
        }
        // a generic mention of violence with nothing of its own
        _ if weak && !events.is_empty() => {}
        _ => events.push(frame),
    }
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

/// The frame has a date to the day.
fn day_dated(doc: &Document, frame: &EventFrame) -> bool {
    frame.date.is_some_and(|d| doc.dates[d].precision == 1)
}

/// Plural event nouns without a day or a toll ("الاغتيالات", "هجمات") speak
/// of many events in general.
fn aggregate(doc: &Document, frame: &EventFrame) -> bool {
    let trigger = doc.matches[frame.trigger].span.slice(doc.text());
    let day_dated = frame.date.is_some_and(|d| doc.dates[d].precision == 1);
    let in_a_town = frame
        .location
        .is_some_and(|l| matches!(l.target, Target::Place(_)) && l.precision <= 2);
    // "منذ تموز الماضي": an ongoing wave, dated by when it began
    let since = frame.date.is_some_and(|d| {
        let start = doc.dates[d].tokens.start;
        start > 0 && doc.word(start - 1) == "منذ"
    });
    let month_dated = since || frame.date.is_some_and(|d| doc.dates[d].precision >= 3);
    trigger.ends_with("ات") && frame.figures.is_empty() && (month_dated || !day_dated && !in_a_town)
}

fn same_place(a: &EventFrame, b: &EventFrame) -> bool {
    match (a.location, b.location) {
        (Some(x), Some(y)) => x.target == y.target,
        _ => true,
    }
}

/// Whether two locations can be the same event's: one inside the other, or
/// equal.
fn same_area(kb: &Knowledge, a: &Location, b: &Location) -> bool {
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
fn absorb(doc: &Document, event: &mut EventFrame, frame: EventFrame) {
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
    event.actor1 = event.actor1.or(frame.actor1);
    event.actor2 = event.actor2.or(frame.actor2);
    let more_specific = match (event.location, frame.location) {
        (None, Some(_)) => true,
        (Some(a), Some(b)) => b.precision < a.precision && b.mention != a.mention,
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
    event.crowd |= frame.crowd;
    event.aerial |= frame.aerial;
    event.weapon = match (event.weapon, frame.weapon) {
        (Some(a), Some(b)) if b.2 > a.2 => Some(b),
        (a, b) => a.or(b),
    };
    event.sentences.extend(frame.sentences);
}

/// Settles the sub-event type from the actors and every trigger of the
/// event: who takes territory, crowds that turn violent or are fired on,
/// and generic violence against armed or civilian targets.
fn refine_type(kb: &Knowledge, event: &mut EventFrame) {
    use SubEventType::*;
    // "an attack ... with a car bomb": the weapon names what happened,
    // unless the text tells of fighting itself
    if let Some((trigger, weapon, priority)) = event.weapon {
        if event.generic_attack && !event.explicit_clash {
            event.sub_event = weapon;
            event.trigger = trigger;
            event.priority = priority;
            event.generic_attack = false;
        }
    }
    let inter = |a: Option<ActorMention>| a.map(|a| kb.actors[a.actor].inter);
    let (inter1, inter2) = (inter(event.actor1), inter(event.actor2));
    let killed = event.figures.iter().any(|f| f.kind == FigureKind::Killed);
    let signals = &event.signals;
    // "قصفت الطائرات": bombardment from the air
    if event.sub_event == ShellingArtilleryMissileAttack && event.aerial {
        event.sub_event = AirDroneStrike;
    }
    // a foiled bombing is a disrupted use of weapons
    if event.attempted && event.sub_event.event_type() == "Explosions/Remote violence" {
        event.sub_event = DisruptedWeaponsUse;
    }
    // "مسيرة" is a march among protesters and a drone elsewhere
    let weapon_context = event.aerial
        || !event.figures.is_empty()
        || event
            .signals
            .iter()
            .filter(|s| **s != AirDroneStrike)
            .any(|s| s.is_violent());
    if event.sub_event == AirDroneStrike && event.march && (event.crowd || !weapon_context) {
        event.sub_event = PeacefulProtest;
    }
    // the event is a demonstration when its own trigger or its actor says
    // so, or when protesters are in its sentences
    let crowd =
        matches!(inter1, Some(5 | 6)) || event.sub_event.event_type() == "Protests" || event.crowd;
    let state_acts = inter1 == Some(1);
    // what rioters do: destruction, mob violence, fighting itself
    let crowd_violence = event.explicit_clash
        || signals.iter().any(|s| {
            matches!(
                s,
                LootingPropertyDestruction | ViolentDemonstration | MobViolence
            )
        });
    event.sub_event = match event.sub_event {
        GovernmentRegainsTerritory | NonStateActorOvertakesTerritory => {
            if inter1 == Some(1) {
                GovernmentRegainsTerritory
            } else {
                NonStateActorOvertakesTerritory
            }
        }
        // a riot stays a riot when the police answer it
        ViolentDemonstration | MobViolence => {
            if state_acts {
                event.actor2 = event.actor1.take();
            }
            event.sub_event
        }
        // stones and burning tyres against the police: a riot, even when
        // the text never says "protesters"
        ArmedClash | Attack
            if !crowd
                && signals.contains(&ViolentDemonstration)
                && matches!(inter1, None | Some(5..=7))
                && inter2 == Some(1) =>
        {
            ViolentDemonstration
        }
        _ if crowd && matches!(inter1, None | Some(5..=7)) && crowd_violence => {
            ViolentDemonstration
        }
        _ if crowd && killed && (state_acts || inter2 == Some(6)) => {
            ExcessiveForceAgainstProtesters
        }
        _ if event.generic_attack && inter2 == Some(6) => ExcessiveForceAgainstProtesters,
        Arrests | ProtestWithIntervention | PeacefulProtest
            if crowd
                && (state_acts
                    || signals.contains(&ProtestWithIntervention)
                    || signals.contains(&Arrests)) =>
        {
            ProtestWithIntervention
        }
        ArmedClash | Attack if crowd && state_acts => ProtestWithIntervention,
        ArmedClash | Attack if event.generic_attack => {
            let victims_civilian = event
                .figures
                .iter()
                .any(|f| f.party.is_some_and(|p| kb.actors[p.actor].is_civilian()));
            if event.actor2.is_some_and(|a| kb.actors[a.actor].is_armed()) {
                ArmedClash
            } else if inter2 == Some(7) || victims_civilian || event.actor1.is_some() {
                Attack
            } else {
                ArmedClash
            }
        }
        other => other,
    };
    // civilians are victims of political violence, never its authors
    if event.sub_event.is_violent()
        && event
            .actor1
            .is_some_and(|a| kb.actors[a.actor].is_civilian())
    {
        let civilians = event.actor1.take();
        event.actor2 = event.actor2.or(civilians);
    }
    // ACLED: in a demonstration the crowd is actor 1 and the force that
    // intervenes actor 2
    if matches!(event.sub_event, PeacefulProtest | ProtestWithIntervention)
        && event.actor1.is_some_and(|a| kb.actors[a.actor].inter == 1)
    {
        let state = event.actor1.take();
        if event
            .actor2
            .is_some_and(|a| matches!(kb.actors[a.actor].inter, 5..=7))
        {
            event.actor1 = event.actor2.take();
        }
        event.actor2 = state;
    }
}

/// An event needs someone in it (an actor or a reported toll), or a
/// specific weapon or a gathering at a named town. A generic word alone ("a ceasefire",
/// "the attacks") is talk about events.
pub fn has_substance(event: &EventFrame) -> bool {
    let at_a_town = event
        .location
        .is_some_and(|l| matches!(l.target, Target::Place(_)) && l.precision <= 2);
    if event.sub_event == SubEventType::Agreement {
        // an agreement is between parties the text names
        return event.actor1.is_some() && event.actor2.is_some();
    }
    event.actor1.is_some()
        || event.actor2.is_some()
        || !event.figures.is_empty()
        || at_a_town
            && (event.priority >= 5 || matches!(event.sub_event.event_type(), "Protests" | "Riots"))
}

/// The dead or wounded party is the target when the text names no other.
fn fill_victims(event: &mut EventFrame) {
    if event.actor2.is_some() {
        return;
    }
    let actor1 = event.actor1.map(|a| a.actor);
    event.actor2 = event
        .figures
        .iter()
        .filter(|f| matches!(f.kind, FigureKind::Killed | FigureKind::Injured))
        .filter_map(|f| f.party)
        .find(|p| Some(p.actor) != actor1);
}

/// The date an event without a date of its own takes: the nearest dated
/// event before it in the article, else the publication date.
pub fn fallback_date(
    doc: &Document,
    events: &[EventFrame],
    index: usize,
) -> Option<(NaiveDate, u8)> {
    events[..index]
        .iter()
        .rev()
        .find_map(|e| {
            e.date
                .and_then(|d| doc.dates[d].date.map(|day| (day, doc.dates[d].precision)))
        })
        .or_else(|| doc.published.map(|p| (p, 2)))
}
