//! Event frames: triggers with their actors, places, dates and figures,
//! filtered for history and threats, and merged within the article.

mod clauses;
mod figures;
mod mention;
mod merge;
mod refine;
mod roles;
mod setting;

use self::clauses::{aerial, attempt_cue_before, clauses, sentence_is_background};
use self::figures::{figures, in_grievance};
pub use self::mention::mentions;
use self::merge::{absorb, event_told_of, merge_or_push, same_area};
use self::refine::{fill_victims, refine_type, set_against_itself};
use self::roles::{
    assign_roles, joined_speaker, says_without_subject, sentence_actors, sentence_claimant,
    NamedGroups, Scene,
};
use self::setting::{
    best_date, best_location, coordinated_towns, sharper_location, town_referred_back,
};
use crate::acled::SubEventType;
use crate::document::{Document, MatchExt};
use crate::geo::{Location, Target};
use crate::knowledge::{CueKind, Knowledge};
use chrono::NaiveDate;
use std::collections::HashMap;

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
    /// The match of the name (داعش in "عناصر من داعش").
    pub mention: usize,
    /// The match the phrase naming the actor starts with (عناصر): where the
    /// actor stands in the sentence. The name itself when it stands alone.
    pub head: usize,
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
    /// A later count that replaces earlier ones ("ارتفعت الحصيلة إلى 15").
    pub update: bool,
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
    /// A word saying ground changed hands with no fight (دون قتال).
    pub unopposed: bool,
    /// Protesters or rioters, or a protest word, in the event's sentences.
    pub crowd: bool,
    /// Aircraft are named in the event's clauses (قصفت الطائرات).
    pub aerial: bool,
    /// Actor 1 came from a claim of responsibility (تبنت الحركة الهجوم).
    pub claimed: bool,
    /// The deciding word means a march as well as a drone (مسيرة).
    pub march: bool,
    /// A generic attack on a place of civilian life (هجوم على قرية).
    pub civilian_target: bool,
    /// A generic attack or bombing on a military post (هجوم على قاعدة).
    pub military_target: bool,
    /// The strongest weapon word of the event's frames (match, sub-event
    /// type, priority): it names the modality of a generic "attack".
    pub weapon: Option<(usize, SubEventType, u8)>,
    /// The sentences that told this event.
    pub sentences: Vec<usize>,
}

/// Finds the events of a document, given its places and country weights
/// (see [`crate::geo::country_weights`]). Frames without substance are
/// kept: the caller drops them ([`has_substance`]) once it knows all it
/// will learn of their actors.
pub fn detect(
    doc: &Document,
    kb: &Knowledge,
    locations: &[Location],
    countries: &HashMap<String, f64>,
) -> Vec<EventFrame> {
    let mut events: Vec<EventFrame> = Vec::new();
    let mut last_claimant: Option<ActorMention> = None;
    let mut named = NamedGroups::default();
    for (s, sentence) in doc.sentences.iter().enumerate() {
        let mut actors = sentence_actors(doc, kb, sentence.tokens.clone(), &mut named, countries);
        // the dead a crowd protests and who killed them take no part in the
        // protest (تظاهر المئات تنديدا بمقتل ثلاثة شبان برصاص الشرطة)
        actors.retain(|a| !in_grievance(doc, kb, doc.matches[a.mention].first_token, 6));
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
        let crowd_in_sentence = actors.iter().any(|a| kb.actors[a.actor].is_crowd())
            || clauses
                .iter()
                .flat_map(|c| &c.signals)
                .any(|s| s.event_type() == "Protests");
        let figures_claimant =
            claimant.or_else(|| joined_speaker(doc, kb, sentence.tokens.clone(), &actors));
        let mut figures = figures(doc, kb, sentence.tokens.clone(), &actors, figures_claimant);
        // "قالت الحركة إنها قتلت عشرين جنديا، بينما قال الجيش إنه قتل
        // ثلاثة من المهاجمين": a figure after a contrast and a second
        // speaker is that speaker's claim
        for figure in &mut figures {
            let before = doc.matches_in(sentence.tokens.start..figure.token);
            let last_say = before
                .iter()
                .rev()
                .find(|m| m.has_cue(kb, CueKind::Say))
                .map(|m| m.first_token)
                .filter(|&say| {
                    before
                        .iter()
                        .any(|c| c.last_token + 1 == say && c.has_cue(kb, CueKind::Contrast))
                });
            if let Some(speaker) =
                last_say.and_then(|say| sentence_claimant(doc, kb, say..figure.token, &actors))
            {
                figure.claimed_by = Some(speaker);
            }
        }
        let mut victims: Vec<ActorMention> = figures
            .iter()
            .filter(|f| {
                matches!(
                    f.kind,
                    FigureKind::Killed
                        | FigureKind::Injured
                        | FigureKind::Captured
                        | FigureKind::Arrested
                )
            })
            .filter_map(|f| f.party)
            .collect();
        // "مقتل ضابط وجنديين": who is listed with a victim is one too
        let mut i = 0;
        while i < victims.len() {
            let next = figures::list_continues_at(doc, doc.matches[victims[i].mention].last_token);
            let listed = actors.iter().copied().find(|a| {
                figures::joins_list(doc, &doc.matches[a.mention], next) && !victims.contains(a)
            });
            victims.extend(listed);
            i += 1;
        }
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
                // (a trigger found across a date runs into the next clause:
                // "قضت، مساء أمس الأربعاء، على")
                date: best_date(
                    doc,
                    clause.tokens.start
                        ..clause
                            .tokens
                            .end
                            .max(doc.matches[trigger_match].last_token + 1),
                    doc.matches[trigger_match].first_token,
                ),
                figures: Vec::new(),
                attempted: t.attempt
                    || attempt_cue_before(doc, kb, sentence.tokens.start, trigger_match),
                generic_attack: t.attack,
                signals: clause.signals.clone(),
                explicit_clash: clause.explicit_clash,
                unopposed: clause.unopposed,
                crowd: crowd_in_sentence,
                aerial: aerial(doc, kb, clause.tokens.clone()),
                claimed: false,
                march: t.march,
                civilian_target: false,
                military_target: false,
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
            // unnamed gunmen who take people away (اقتياد، اعتقال) abduct
            // them: arrests are made by a state or who holds the ground
            if frame.sub_event == SubEventType::Arrests
                && frame
                    .actor1
                    .is_some_and(|a| kb.actors[a.actor].is_unidentified())
            {
                frame.sub_event = SubEventType::AbductionForcedDisappearance;
            }
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
        let sentence_date = best_date(doc, sentence.tokens.clone(), sentence.tokens.start);
        // "أعلنت الخلية، اليوم الأحد، مقتل ... مساء السبت": the day of the
        // statement gives way to another day the sentence tells
        let event_date = sentence_date
            .filter(|&d| follows_a_saying_word(doc, kb, d))
            .and_then(|d| {
                let after = doc.dates[d].tokens.end..sentence.tokens.end;
                best_date(doc, after.clone(), after.start)
            })
            .or(sentence_date);
        for (frame, _) in &mut sentence_frames {
            frame.location = sharper_location(kb, frame.location, sentence_location);
            frame.date = frame.date.or(event_date);
        }
        // an event dated weeks back, or in an earlier month, is a reminder
        // of something already reported, not news of this article
        sentence_frames.retain(|(frame, _)| !dated_before_the_news(doc, frame));
        if sentence_frames.is_empty() {
            continue;
        }
        // figures go to a new event told in their clause ("، فيما قتل ثمانية
        // آخرون في قصف خيمة"), else to the frame whose trigger is nearest
        // before them
        let clause_of = |t: usize| {
            (sentence.tokens.start + 1..=t)
                .filter(|&u| doc.tokens[u].after_comma)
                .count()
        };
        for figure in figures {
            let at = figure.token;
            let in_clause = |(f, anaphoric): &(EventFrame, bool)| {
                !anaphoric && clause_of(doc.matches[f.trigger].first_token) == clause_of(at)
            };
            let target = sentence_frames
                .iter()
                .position(in_clause)
                .or_else(|| {
                    sentence_frames
                        .iter()
                        .rposition(|(f, _)| doc.matches[f.trigger].first_token <= at)
                })
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
                // ... "وتدمير عدد من الآليات": destruction during the fighting
                Some((previous, _))
                    if frame.priority <= 1
                        || frame.sub_event == SubEventType::LootingPropertyDestruction
                            && previous.sub_event.is_violent() =>
                {
                    absorb(doc, kb, previous, frame)
                }
                // "مقتل أربعة مدنيين، ... بقصف صاروخي لقوات النظام": a toll
                // leading the sentence is the toll of the event told after it
                Some((previous, previous_anaphoric)) if previous.priority <= 1 => {
                    let toll = std::mem::replace(previous, frame);
                    absorb(doc, kb, previous, toll);
                    *previous_anaphoric = anaphoric;
                }
                _ => kept.push((frame, anaphoric)),
            }
        }
        for (frame, anaphoric) in kept {
            // a bare toll ("أقر بمقتل ثلاثة") reports on an event already told,
            // unless it names a town that event is not in
            if frame.priority <= 1 && !events.is_empty() {
                let fits = |target: &usize| match (events[*target].location, frame.location) {
                    (Some(a), Some(b)) if matches!(b.target, Target::Place(_)) => {
                        same_area(kb, &a, &b)
                    }
                    _ => true,
                };
                if let Some(target) =
                    event_told_of(doc, locations, &actors, sentence.tokens.clone(), &events)
                        .filter(fits)
                {
                    absorb(doc, kb, &mut events[target], frame);
                    continue;
                }
            }
            // "غارة استهدفت منزلا ... فيما قتل ثمانية آخرون في قصف خيمة":
            // remote violence told on in a sentence with no doer of its own
            // is by the doer of the sentence's remote violence before it
            let mut frame = frame;
            if frame.actor1.is_none()
                && frame.sub_event.event_type() == "Explosions/Remote violence"
            {
                frame.actor1 = events
                    .iter()
                    .rev()
                    .find(|e| {
                        e.sentences.contains(&s)
                            && e.sub_event.event_type() == frame.sub_event.event_type()
                    })
                    .and_then(|e| e.actor1);
            }
            let before = events.len();
            merge_or_push(doc, kb, &mut events, frame, anaphoric);
            // a new event placed by "البلدة" is there before the next
            // sentence is weighed against it
            if let Some(new) = events.get_mut(before) {
                if new.location.is_none() {
                    new.location = town_referred_back(doc, kb, locations, sentence.tokens.clone());
                }
            }
        }
    }
    for event in &mut events {
        // placed only now, so that a place word without a name does not make
        // a mention an event of its own
        if event.location.is_none() {
            let told_in = &doc.sentences[event.sentences[0]];
            event.location = town_referred_back(doc, kb, locations, told_in.tokens.clone());
        }
        fill_victims(event);
        set_against_itself(doc, kb, event);
        refine_type(doc, kb, event);
    }
    events
}

/// The trigger priority from which a word names a specific act or weapon
/// (غارة، عبوة ناسفة), not a generic one (هجوم، قصف).
pub(super) const SPECIFIC: u8 = 5;

/// An event needs someone in it (an actor or a reported toll), or a
/// specific weapon or a gathering at a named town. A generic word alone ("a ceasefire",
/// "the attacks") is talk about events.
pub fn has_substance(kb: &Knowledge, event: &EventFrame) -> bool {
    let at_a_town = event
        .location
        .is_some_and(|l| matches!(l.target, Target::Place(_)) && l.precision <= 2);
    if event.sub_event == SubEventType::Agreement {
        // an agreement is between parties the text names, and civilians are
        // none ("جماعة مسلحة موقعة على اتفاق السلام" describes a group)
        let party = |a: Option<ActorMention>| a.is_some_and(|a| !kb.actors[a.actor].is_civilian());
        return party(event.actor1) && party(event.actor2);
    }
    // (a crowd that a verb says demonstrated needs only its province:
    // "تظاهر المئات أمام مبنى ديوان محافظة ذي قار")
    let in_a_province = event
        .location
        .is_some_and(|l| matches!(l.target, Target::Place(_)));
    let crowd_act = matches!(event.sub_event.event_type(), "Protests" | "Riots");
    event.actor1.is_some()
        || event.actor2.is_some()
        || !event.figures.is_empty()
        || at_a_town && (event.priority >= SPECIFIC || crowd_act)
        || in_a_province && crowd_act && event.priority >= SPECIFIC
}

/// Whether date `d` dates a statement by following its saying word by at
/// most four words (أعلنت خلية الإعلام الأمني، اليوم الأحد). A date before
/// the opening of what is said (أكد، اليوم الأربعاء، أن) is the other form,
/// weighed where plural event nouns are (`merge::aggregate`).
fn follows_a_saying_word(doc: &Document, kb: &Knowledge, d: usize) -> bool {
    let start = doc.dates[d].tokens.start;
    // (past a long speaker's name, with no event word between: "أعلنت خلية
    // الإعلام الأمني في العراق، اليوم الثلاثاء،")
    let before = doc.matches_in(start.saturating_sub(7)..start);
    before.iter().enumerate().any(|(i, m)| {
        m.has_cue(kb, CueKind::Say)
            && m.triggers().next().is_none()
            && (m.last_token + 1 + 4 >= start
                || before[i + 1..]
                    .iter()
                    .all(|n| n.triggers().next().is_none()))
    })
}

/// Days before publication past which a dated event is old news.
const OLD_NEWS_DAYS: i64 = 10;

/// Whether the frame's date lies in a month before the publication's, or
/// (to the day) more than [`OLD_NEWS_DAYS`] before it.
fn dated_before_the_news(doc: &Document, frame: &EventFrame) -> bool {
    let (Some(published), Some(d)) = (doc.published, frame.date) else {
        return false;
    };
    let mention = &doc.dates[d];
    let Some(date) = mention.date else {
        return false;
    };
    match mention.precision {
        1 | 2 => (published - date).num_days() > OLD_NEWS_DAYS,
        _ => {
            use chrono::Datelike;
            (date.year(), date.month()) < (published.year(), published.month())
        }
    }
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
