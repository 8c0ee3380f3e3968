//! Event mentions: which kinds of event a sentence tells of, past ones
//! included, without the places, dates and history filtering that turn
//! reports into records.
//!
//! Every trigger and figure word has a PLOVER reading and a strength in
//! `data/plover.tsv`. A strong word (غارة، سيارة مفخخة) is a mention unless a
//! denial or a threat governs it; a medium word (قتلى، انفجار، احتجاجات) also
//! needs its sentence to leave it its violent or street sense (no road
//! accident, match, death sentence or diplomatic note: `other_sense` cues);
//! a weak word (هجوم، استهدف، مسيرة) needs support besides: an armed actor, a
//! toll, or another word of the kind for violence; a crowd for a protest.
//! A sentence reports its main event: the kind of its first event word
//! that is not a circumstance (منذ الاحتجاجات، جراء القصف), unless a
//! statement about events (أدان، اتهم، طالب، بحث) comes first.

use crate::acled::SubEventType;
use crate::document::{Document, MatchExt};
use crate::knowledge::{CueKind, Entry, Knowledge, Match, Strength, TriggerPos};
use crate::text::fold;
use crate::Span;
use std::ops::Range;

/// One word that tells of an event of a PLOVER type.
#[derive(Clone, Debug, PartialEq)]
pub struct EventMention {
    /// Normalized bytes of the word.
    pub span: Span,
    /// The ACLED sub-event type of the word, when it is an event word
    /// rather than a figure word (قتلى).
    pub sub_event: Option<SubEventType>,
    pub plover: String,
    pub mode: Option<String>,
}

/// A word that might tell of an event, before its context is weighed.
struct Candidate {
    mention: EventMention,
    matched: usize,
    strength: Strength,
}

/// Words that, after a negation, deny knowledge of an outcome rather than the
/// event (لم يسفر الهجوم عن إصابات، لم تتبن أي جهة التفجير).
const OUTCOME_AFTER_NEGATION: [&str; 16] = [
    "يسفر",
    "تسفر",
    "يسفرا",
    "ترد",
    "يرد",
    "يعرف",
    "تعرف",
    "تعلن",
    "يعلن",
    "تتبن",
    "يتبن",
    "تتبنى",
    "يتبنى",
    "يتضح",
    "تتضح",
    "يسجل",
];

/// Future cues that tell of something going on, not of a plan (تواصل القصف).
const ONGOING: [&str; 3] = ["تواصل", "يواصل", "يواصلون"];

/// The event mentions of every sentence of `doc`, in text order.
pub fn mentions(doc: &Document, kb: &Knowledge) -> Vec<EventMention> {
    let mut out = Vec::new();
    for sentence in &doc.sentences {
        out.extend(sentence_mentions(doc, kb, sentence.tokens.clone()));
    }
    out
}

fn sentence_mentions(doc: &Document, kb: &Knowledge, tokens: Range<usize>) -> Vec<EventMention> {
    let in_sentence: Vec<usize> = (0..doc.matches.len())
        .filter(|&m| tokens.contains(&doc.matches[m].first_token))
        .collect();
    let mut candidates = Vec::new();
    for &mi in &in_sentence {
        let m = &doc.matches[mi];
        if governed(doc, kb, tokens.start, m.first_token) {
            continue;
        }
        for entry in &m.entries {
            let (rule, sub_event) = match *entry {
                Entry::Trigger(t) => {
                    let t = t as usize;
                    if kb.triggers[t].march {
                        // مسيرة: a march when a crowd is about
                        candidates.push(Candidate {
                            mention: EventMention {
                                span: m.span,
                                sub_event: Some(SubEventType::PeacefulProtest),
                                plover: "PROTEST".into(),
                                mode: Some("demo".into()),
                            },
                            matched: mi,
                            strength: Strength::Weak,
                        });
                    }
                    (kb.plover_of_trigger(t), Some(kb.triggers[t].sub_event))
                }
                Entry::Cue(c) => (kb.plover_of_cue(c as usize), None),
                _ => continue,
            };
            let Some(rule) = rule else { continue };
            let Some(event_type) = &rule.event_type else {
                continue;
            };
            let strength = match *entry {
                // a verb's pattern found with the article is its verbal noun,
                // the idea rather than the act (الحق في التظاهر)
                Entry::Trigger(t)
                    if kb.triggers[t as usize].pos == TriggerPos::Verb && with_article(doc, m) =>
                {
                    rule.strength.min(Strength::Weak)
                }
                _ => rule.strength,
            };
            for plover in std::iter::once(event_type).chain(&rule.also) {
                candidates.push(Candidate {
                    mention: EventMention {
                        span: m.span,
                        sub_event,
                        plover: plover.clone(),
                        mode: rule.mode.clone().filter(|_| plover == event_type),
                    },
                    matched: mi,
                    strength,
                });
            }
        }
    }
    if candidates.is_empty() {
        return Vec::new();
    }
    let has_cue = |kind: CueKind| {
        in_sentence
            .iter()
            .any(|&m| doc.matches[m].has_cue(kb, kind))
    };
    let other_sense = has_cue(CueKind::OtherSense);
    let armed = in_sentence.iter().any(|&m| {
        doc.matches[m].actors().any(|a| kb.actors[a].is_armed())
            || doc.matches[m].has_cue(kb, CueKind::Member)
    }) || has_cue(CueKind::Killed)
        || has_cue(CueKind::Injured);
    let crowd = has_cue(CueKind::Crowd)
        || in_sentence.iter().any(|&m| {
            doc.matches[m]
                .actors()
                .any(|a| matches!(kb.actors[a].inter, 5 | 6))
        });
    let supported = |c: &Candidate| {
        let another_word = candidates
            .iter()
            .any(|o| o.matched != c.matched && o.mention.plover == c.mention.plover);
        match c.mention.plover.as_str() {
            "PROTEST" => crowd || another_word,
            _ => armed || another_word,
        }
    };
    // Accepted words, and whether each may tell the sentence's own event:
    // not a circumstance of another (منذ الاحتجاجات، جراء القصف) and not a
    // participant (المحتجون), which shows a crowd but tells of no act.
    let mut accepted: Vec<(&Candidate, bool)> = Vec::new();
    let mut circumstances: Vec<usize> = Vec::new();
    for c in &candidates {
        let ok = match c.strength {
            Strength::Strong => true,
            Strength::Medium => !other_sense,
            Strength::Weak => !other_sense && supported(c),
            Strength::None => false,
        };
        let seen = accepted
            .iter()
            .any(|(o, _)| o.mention.span == c.mention.span && o.mention.plover == c.mention.plover);
        if !ok || seen {
            continue;
        }
        let circumstance = circumstantial(doc, kb, &in_sentence, c.matched, &circumstances);
        if circumstance {
            circumstances.push(c.matched);
        }
        let participant = doc.matches[c.matched].has_cue(kb, CueKind::Crowd);
        accepted.push((c, !circumstance && !participant));
    }
    let Some(first) = accepted
        .iter()
        .filter(|(_, eligible)| *eligible)
        .map(|(c, _)| c.matched)
        .min()
    else {
        // only circumstances of something else (استقال الوزير بعد الاحتجاجات)
        return Vec::new();
    };
    // A statement about events (أدان الهجوم، طالب بالتحقيق في مقتل) reports
    // the statement; the event words after it tell what it is about.
    let first_token = doc.matches[first].first_token;
    let stated = in_sentence.iter().any(|&m| {
        doc.matches[m].first_token < first_token && doc.matches[m].has_cue(kb, CueKind::SpeechAct)
    });
    if stated {
        return Vec::new();
    }
    // The kind of the first event word is the sentence's main event (in
    // Arabic news the main predicate comes first: قتل ... في هجوم); another
    // kind counts too when a word of its own, not a weak one, tells of it in
    // a clause of the sentence (فرقت الشرطة المظاهرة وأطلقت النار على ...).
    let reported = |plover: &str| {
        accepted.iter().any(|(c, eligible)| {
            *eligible
                && c.mention.plover == plover
                && (c.matched == first || c.strength >= Strength::Medium)
        })
    };
    let mut out: Vec<EventMention> = Vec::new();
    for (c, _) in &accepted {
        if reported(&c.mention.plover) {
            out.push(c.mention.clone());
        }
    }
    out
}

/// The event word shortly after a word of time, cause or topic (منذ
/// الاحتجاجات، جراء القصف، بعد أسابيع من الاحتجاجات) tells a circumstance of
/// the sentence's event, not the event.
fn circumstantial(
    doc: &Document,
    kb: &Knowledge,
    in_sentence: &[usize],
    matched: usize,
    circumstances: &[usize],
) -> bool {
    let at = doc.matches[matched].first_token;
    let close_after = |m: &Match, gap: usize| m.last_token < at && at - m.last_token <= gap;
    in_sentence.iter().any(|&m| {
        let m = &doc.matches[m];
        close_after(m, 3) && m.has_cue(kb, CueKind::Circumstance)
    })
    // the event word right after a circumstance belongs to it (بعد أيام من
    // تفجير استهدف سوقا)
    || circumstances
        .iter()
        .any(|&m| close_after(&doc.matches[m], 1))
}

/// A denial, threat, plan, accusation or commemoration governs the word at
/// `token`: it tells of no event that happened.
fn governed(doc: &Document, kb: &Knowledge, sentence_start: usize, token: usize) -> bool {
    doc.matches.iter().any(|m| {
        if !(sentence_start..token).contains(&m.first_token) {
            return false;
        }
        // words between, not counting a date ("نفى الجيش، اليوم الأربعاء، وقوع")
        let gap = (m.last_token + 1..token)
            .filter(|&t| !doc.in_date[t])
            .count()
            + 1;
        let is_one_of = |word: &str, list: &[&str]| list.iter().any(|w| fold(w) == word);
        let next_word = || {
            doc.tokens
                .get(m.last_token + 1)
                .map(|t| t.span.slice(doc.text()))
        };
        m.has_cue(kb, CueKind::Anniversary) && gap <= 6
            || m.has_cue(kb, CueKind::Future)
                && gap <= 6
                && !is_one_of(m.span.slice(doc.text()), &ONGOING)
            || m.has_cue(kb, CueKind::Negation)
                && gap <= 5
                && !next_word().is_some_and(|w| is_one_of(w, &OUTCOME_AFTER_NEGATION))
    })
}

/// The match carries the article (التظاهر، بالتظاهر).
fn with_article(doc: &Document, m: &Match) -> bool {
    m.clitics > 0 && doc.text()[m.span.start - m.clitics..m.span.start].ends_with("ال")
}
