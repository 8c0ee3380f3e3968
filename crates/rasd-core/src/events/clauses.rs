//! Clauses and their triggers: a sentence split at commas, the strongest
//! event word of each clause, and the cues around it (history, threats and
//! denials, attempts, aircraft).

use crate::acled::SubEventType;
use crate::dates::{DateKind, DateMention};
use crate::document::{Document, MatchExt};
use crate::knowledge::{CueKind, Knowledge, TriggerPos};
use std::ops::Range;

/// A clause-level reading before merging.
pub(super) struct Clause {
    pub(super) tokens: Range<usize>,
    pub(super) trigger: Option<(usize, usize)>,
    pub(super) anaphoric: bool,
    /// The sub-event types of every trigger word in the clause.
    pub(super) signals: Vec<SubEventType>,
    pub(super) explicit_clash: bool,
    /// A word saying ground changed hands with no fight (دون قتال).
    pub(super) unopposed: bool,
}

/// Splits sentence `s` at commas into clauses, each with its best trigger.
pub(super) fn clauses(doc: &Document, kb: &Knowledge, s: usize) -> Vec<Clause> {
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
        let mut candidates: Vec<(usize, usize)> = Vec::new();
        let mut signals = Vec::new();
        let mut explicit_clash = false;
        let mut unopposed = false;
        for (mi, m) in doc.matches.iter().enumerate() {
            if !tokens.contains(&m.first_token) {
                continue;
            }
            // a word under a threat, denial or accusation (يشتبه بضلوعهما
            // في اغتيال), a figure of speech (اغتيال معنوي) or equipment
            // (صفقة طائرات مسيرة) does not compete for the clause
            // (nor does a description: "مؤتمر الجزيرة، وهو تجمع مدني")
            let described =
                m.first_token > 0 && kb.is_cue_word(CueKind::Pronoun, doc.word(m.first_token - 1));
            let blocked = described
                || is_negated_or_future(doc, kb, range.start, m.first_token)
                || super::mention::figurative(doc, kb, m)
                || super::mention::equipment(doc, kb, m)
                // what a crowd demands or protests (للمطالبة بإطلاق سراح)
                || super::figures::in_grievance(doc, kb, m.first_token, 3);
            for t in m.triggers() {
                // a verb's pattern with the article is its verbal noun, the
                // idea rather than an act (دوامة القتل)
                if blocked || kb.triggers[t].pos == TriggerPos::Verb && doc.with_article(m) {
                    continue;
                }
                signals.push(kb.triggers[t].sub_event);
                explicit_clash |=
                    kb.triggers[t].sub_event == SubEventType::ArmedClash && !kb.triggers[t].attack;
                unopposed |= kb.triggers[t].sub_event
                    == SubEventType::NonViolentTransferOfTerritory
                    && !kb.triggers[t].yields;
                candidates.push((mi, t));
            }
        }
        // "هاجمت الشرطة المتظاهرين", "اقتحم محتجون مبنى المحافظة": the
        // crowd a verb tells of is its subject or object, not the event
        // (force, arrests or protest; a crowd that withdraws gives no ground)
        let verb_in_clause = candidates.iter().any(|&(_, t)| {
            let sub = kb.triggers[t].sub_event;
            kb.triggers[t].pos == TriggerPos::Verb
                && (sub.is_violent()
                    || sub == SubEventType::Arrests
                    || matches!(sub.event_type(), "Protests" | "Riots"))
        });
        let mut best: Option<(usize, usize, (bool, u8, bool))> = None;
        for &(mi, t) in &candidates {
            let m = &doc.matches[mi];
            let definite = definite_noun(doc, kb, m, t);
            let protesters = m.actors().any(|a| kb.actors[a].inter == 6);
            let crowd_object = verb_in_clause
                && kb.triggers[t].sub_event.event_type() == "Protests"
                && (definite || protesters);
            // of equally strong words, a new one (هجوم آخر) over one that
            // refers back (تلك الهجمات)
            let rank = (!crowd_object, kb.triggers[t].priority, !definite);
            if best.is_none_or(|(_, _, b)| rank > b) {
                best = Some((mi, t, rank));
            }
        }
        // "قصفت المدفعية": a verb of the same kind tells the event anew,
        // whatever noun names its weapon; so does a word without the article
        // that opens the clause, where the unvowelled verb and its verbal
        // noun are one spelling ("، قصف الطيران الحربي سوقا")
        let told_by_verb = |best: usize| {
            let kind = kb.triggers[best].sub_event.event_type();
            doc.matches_in(tokens.clone()).iter().any(|m| {
                !doc.with_article(m)
                    && !is_negated_or_future(doc, kb, range.start, m.first_token)
                    && m.triggers().any(|t| {
                        read_as_verb(doc, kb, m, t, tokens.start)
                            && kb.triggers[t].sub_event.event_type() == kind
                    })
            })
        };
        let anaphoric = best.is_some_and(|(mi, t, _)| {
            definite_noun(doc, kb, &doc.matches[mi], t) && !told_by_verb(t)
        });
        out.push(Clause {
            tokens,
            trigger: best.map(|(mi, t, _)| (mi, t)),
            anaphoric,
            signals,
            explicit_clash,
            unopposed,
        });
    }
    out
}

/// Whether trigger `t` of match `m` reads as a verb: a verb pattern, or a
/// word without the article that opens its clause (starting at
/// `clause_start`, after a conjunction at most), where the unvowelled verb
/// and its verbal noun are one spelling ("، قصف الطيران الحربي سوقا").
pub(super) fn read_as_verb(
    doc: &Document,
    kb: &Knowledge,
    m: &crate::knowledge::Match,
    t: usize,
    clause_start: usize,
) -> bool {
    // (a conjunction may lead it, وقصف; a preposition may not, بقصف)
    let clitics = &doc.text()[doc.tokens[m.first_token].span.start..m.span.start];
    kb.triggers[t].pos == TriggerPos::Verb
        || m.first_token == clause_start
            && matches!(clitics, "" | "و" | "ف")
            && !doc.with_article(m)
            && !doc.word(m.first_token).starts_with("ال")
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
        && !kb.triggers[trigger].set_phrase
        && (doc.with_article(m) || doc.word(m.first_token).starts_with("ال"))
}

/// How many words before a date "منذ" may stand and still govern it.
const SINCE_REACH: usize = 4;

/// A sentence about the past (a history cue, or only dates long before
/// publication), or about a court's ruling.
pub(super) fn sentence_is_background(doc: &Document, kb: &Knowledge, tokens: Range<usize>) -> bool {
    let in_sentence = |t: usize| tokens.contains(&t);
    let dates: Vec<_> = doc
        .dates
        .iter()
        .filter(|d| in_sentence(d.tokens.start))
        .collect();
    let old = dates.iter().any(|d| d.history);
    // an old day or month outweighs a weekday ("في 26 يونيو 2015 ... صلاة
    // الجمعة", "يوم الجمعة ... في شهر تموز الماضي"), unless it only says since
    // when ("منذ اندلاع الحرب في أبريل 2023")
    let since = |d: &DateMention| {
        (d.tokens.start.saturating_sub(SINCE_REACH)..d.tokens.start)
            .any(|t| in_sentence(t) && doc.word(t) == "منذ")
    };
    let old_full_date = dates
        .iter()
        .any(|d| d.history && matches!(d.kind, DateKind::Absolute | DateKind::Month) && !since(d));
    let recent = dates.iter().any(|d| {
        !d.history && d.kind != DateKind::Year && !(old_full_date && d.kind == DateKind::Weekday)
    });
    let history_cue = doc
        .matches
        .iter()
        .any(|m| in_sentence(m.first_token) && m.has_cue(kb, CueKind::History));
    // a court ruling given yesterday judges violence of the past
    let ruling = doc
        .matches
        .iter()
        .any(|m| in_sentence(m.first_token) && m.has_cue(kb, CueKind::Ruling));
    ruling || (old || history_cue) && !recent
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
            // "أحيت ... الذكرى الأولى لمجزرة": all that follows is remembered
            && (m.has_cue(kb, CueKind::Anniversary)
                || m.has_cue(kb, CueKind::Future) && gap() <= 8
                || m.has_cue(kb, CueKind::Negation) && gap() <= 5
                || m.has_cue(kb, CueKind::History) && gap() <= 4)
    })
}

/// A word of attempt, foiling or finding up to a word before the trigger,
/// its subject aside ("ضبطت قوات الأمن عبوة ناسفة").
pub(super) fn attempt_cue_before(
    doc: &Document,
    kb: &Knowledge,
    sentence_start: usize,
    trigger: usize,
) -> bool {
    let at = doc.matches[trigger].first_token;
    let in_actor = |t: usize| {
        doc.matches_in(t..t + 1)
            .iter()
            .any(|n| n.actors().next().is_some() && (n.first_token..=n.last_token).contains(&t))
    };
    doc.matches.iter().any(|m| {
        (sentence_start..at).contains(&m.first_token)
            && m.has_cue(kb, CueKind::Attempt)
            && (m.last_token + 1..at)
                .filter(|&t| !in_actor(t) && doc.word(t) != "علي")
                .count()
                <= 1
    })
}

/// Aircraft are named in a token range, on their own or inside a longer
/// name (الطائرات الإسرائيلية).
pub(super) fn aerial(doc: &Document, kb: &Knowledge, tokens: Range<usize>) -> bool {
    tokens.clone().any(|t| kb.is_aircraft_word(doc.word(t)))
        || doc
            .matches
            .iter()
            .any(|m| tokens.contains(&m.first_token) && m.has_cue(kb, CueKind::Aircraft))
}
