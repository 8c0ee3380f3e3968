//! Event mentions: which kinds of event a sentence tells of, past ones
//! included, without the places, dates and history filtering that turn
//! reports into records.
//!
//! Every trigger and figure word has a PLOVER reading and a strength in
//! `data/plover.tsv`. A strong word (غارة، سيارة مفخخة) is a mention unless a
//! denial or a threat governs it; a medium word (قتلى، انفجار، احتجاجات) also
//! needs no word of another sense near it (road accident, match, death
//! sentence, diplomatic note: `other_sense` cues); a weak word (هجوم،
//! استهدف، مسيرة) needs support besides: an armed actor, a toll, or another
//! word of the kind for violence; a crowd for a protest.
//! A sentence reports its main event: the kind of its first event word
//! that is neither a circumstance (منذ الاحتجاجات، جراء القصف) nor a
//! participant (المحتجون), unless a statement about events (أدان، اتهم،
//! طالب، بحث) comes first; another kind counts when a word of its own, not
//! a weak one, tells of it. Either way the word must carry enough evidence
//! that the act took place ([`evidence`]): an event named as a topic (موجة
//! الاغتيالات) is no report.

use crate::acled::SubEventType;
use crate::document::{Document, MatchExt};
use crate::knowledge::{CueKind, Entry, Knowledge, Match, Strength, TriggerPos};
use crate::text::proclitic_splits;
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
    /// A word that tells a death without its kind of violence (قتل، مقتل:
    /// a generic attack word of the lowest priority).
    pub death_only: bool,
}

/// A word that might tell of an event, before its context is weighed.
struct Candidate {
    mention: EventMention,
    matched: usize,
    strength: Strength,
    /// A verb trigger without the article (قصفت، اغتالوا): the act itself.
    verb: bool,
}

/// The evidence a main event word needs before the sentence counts as
/// reporting its event (see [`evidence`]).
const REPORT_THRESHOLD: u32 = 5;

/// How far (in words) a toll, a date or a place still tells of an event
/// word's event.
const CONTEXT_REACH: usize = 12;

/// How far (in words) after a violent word its figurative object may stand.
const FIGURATIVE_REACH: usize = 3;
/// Words before a weapon within which a word of supply or production makes
/// it equipment (بتزويد القوات الماسكة للأرض بكاميرات حرارية وطائرات مسيرة).
const EQUIPMENT_REACH: usize = 6;

/// How far (in words) a word of another sense reaches (حادث سير، مباراة).
const OTHER_SENSE_REACH: usize = 8;

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
        if governed(doc, kb, tokens.start, m.first_token)
            || future_prefix(doc, m)
            || figurative(doc, kb, m)
            || equipment(doc, kb, m)
        {
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
                                death_only: false,
                            },
                            matched: mi,
                            strength: Strength::Weak,
                            verb: false,
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
            let verb = matches!(*entry, Entry::Trigger(t)
                if kb.triggers[t as usize].pos == TriggerPos::Verb && !doc.with_article(m));
            let strength = match *entry {
                // a verb's pattern found with the article is its verbal noun,
                // the idea rather than the act (الحق في التظاهر)
                Entry::Trigger(t)
                    if kb.triggers[t as usize].pos == TriggerPos::Verb && doc.with_article(m) =>
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
                        death_only: matches!(*entry, Entry::Trigger(t)
                            if kb.triggers[t as usize].attack && kb.triggers[t as usize].priority <= 1),
                    },
                    matched: mi,
                    strength,
                    verb,
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
    let other_sense_near = |c: &Candidate| {
        let at = doc.matches[c.matched].first_token;
        in_sentence.iter().any(|&m| {
            let m = &doc.matches[m];
            m.has_cue(kb, CueKind::OtherSense)
                && m.first_token.abs_diff(at).min(m.last_token.abs_diff(at)) <= OTHER_SENSE_REACH
        })
    };
    let armed = in_sentence.iter().any(|&m| {
        doc.matches[m].actors().any(|a| kb.actors[a].is_armed())
            || doc.matches[m].has_cue(kb, CueKind::Member)
    }) || has_cue(CueKind::Killed)
        || has_cue(CueKind::Injured);
    let crowd = has_cue(CueKind::Crowd)
        || in_sentence
            .iter()
            .any(|&m| doc.matches[m].actors().any(|a| kb.actors[a].is_crowd()));
    let supported = |c: &Candidate| {
        let another_word = candidates
            .iter()
            .any(|o| o.matched != c.matched && o.mention.plover == c.mention.plover);
        match c.mention.plover.as_str() {
            "PROTEST" => crowd || another_word,
            _ => armed || another_word,
        }
    };
    // Accepted words, each with its role in the sentence.
    let mut accepted: Vec<(&Candidate, Role)> = Vec::new();
    let mut circumstances: Vec<usize> = Vec::new();
    for c in &candidates {
        let ok = match c.strength {
            Strength::Strong => true,
            Strength::Medium => !other_sense_near(c),
            Strength::Weak => !other_sense_near(c) && supported(c),
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
        // المحتجون tells of no act, but خرج المحتجون does
        let participant = doc.matches[c.matched].has_cue(kb, CueKind::Crowd)
            && !occurrence_before(doc, kb, &in_sentence, c.matched, 3);
        let role = if circumstance {
            Role::Circumstance
        } else if participant {
            Role::Participant
        } else {
            Role::Act
        };
        accepted.push((c, role));
    }
    let Some(first) = accepted
        .iter()
        .filter(|(_, role)| *role == Role::Act)
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
    let armed_actor = in_sentence.iter().any(|&m| {
        doc.matches[m].actors().any(|a| kb.actors[a].is_armed())
            || doc.matches[m].has_cue(kb, CueKind::Member)
    });
    let context = Context::of(doc, kb, &in_sentence, tokens.clone(), armed_actor, crowd);
    // another word of the same kind that may tell the event (قصفت ... غارات)
    // or, after it, the cause it tells of (قتل أربعة مدنيين جراء قصف)
    let corroborated = |c: &Candidate| {
        accepted.iter().any(|(o, role)| {
            o.matched != c.matched
                && o.mention.plover == c.mention.plover
                && (*role == Role::Act
                    || *role == Role::Circumstance
                        && doc.matches[o.matched].first_token > doc.matches[c.matched].last_token)
        })
    };
    let reported = |plover: &str| {
        accepted.iter().any(|(c, role)| {
            *role == Role::Act
                && c.mention.plover == plover
                && (c.matched == first || c.strength >= Strength::Medium)
                && evidence(doc, kb, &in_sentence, &context, c, corroborated(c)) >= REPORT_THRESHOLD
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

/// The part an accepted event word plays in its sentence.
#[derive(Clone, Copy, PartialEq)]
enum Role {
    /// The event itself, or one of the events, the sentence reports.
    Act,
    /// Those who took part (المحتجون): a crowd for a protest word, but no
    /// act of their own (أكد المحتجون أنهم سيواصلون، أطلقت الشرطة النار على
    /// المحتجين) unless a verb of occurrence leads them (خرج المحتجون).
    Participant,
    /// A circumstance of another event (منذ الاحتجاجات، جراء القصف).
    Circumstance,
}

/// What a sentence says around its event words: where, when, who, and
/// with what toll.
struct Context {
    /// A place: a country, a place word (مدينة، قرية، حي) or a direction.
    place: bool,
    /// The first and last token of each place word.
    places: Vec<(usize, usize)>,
    /// A date or a time of day (أمس، الثلاثاء، فجر اليوم).
    date: bool,
    /// An armed actor or a member word (for ASSAULT).
    armed: bool,
    /// A crowd or protester actor (for PROTEST).
    crowd: bool,
    /// Sentence start, in tokens.
    start: usize,
}

impl Context {
    fn of(
        doc: &Document,
        kb: &Knowledge,
        in_sentence: &[usize],
        tokens: Range<usize>,
        armed: bool,
        crowd: bool,
    ) -> Context {
        let places: Vec<(usize, usize)> = in_sentence
            .iter()
            .map(|&m| &doc.matches[m])
            .filter(|m| {
                m.country().is_some()
                    || m.places().next().is_some()
                    || [
                        CueKind::Place,
                        CueKind::Near,
                        CueKind::Direction,
                        CueKind::Locality,
                        CueKind::Countryside,
                    ]
                    .into_iter()
                    .any(|k| m.has_cue(kb, k))
            })
            .map(|m| (m.first_token, m.last_token))
            .collect();
        let place = !places.is_empty();
        let date = doc.dates.iter().any(|d| tokens.contains(&d.tokens.start));
        Context {
            place,
            places,
            date,
            armed,
            crowd,
            start: tokens.start,
        }
    }
}

impl Context {
    /// A place word within [`CONTEXT_REACH`] words of tokens `first..=last`.
    fn place_near(&self, first: usize, last: usize) -> bool {
        self.places
            .iter()
            .any(|&(f, l)| f <= last + CONTEXT_REACH && first <= l + CONTEXT_REACH)
    }
}

/// How firmly the sentence reports the event of word `c` as something that
/// took place: a word that tells of the act (a verb, a strong noun), said
/// first, carried out (شن، نفذ، وقع), with a count, a toll, a place, a date
/// and the actors of its kind. An event word with none of these is a topic
/// (موجة الاغتيالات، الاحتجاجات السلمية حق), not a report.
fn evidence(
    doc: &Document,
    kb: &Knowledge,
    in_sentence: &[usize],
    context: &Context,
    c: &Candidate,
    corroborated: bool,
) -> u32 {
    let m = &doc.matches[c.matched];
    let near = |first: usize, last: usize, reach: usize| {
        first <= m.last_token + reach && m.first_token <= last + reach
    };
    let word = match c.strength {
        Strength::Strong => 2,
        Strength::Medium => 1,
        _ => 0,
    } + if c.verb { 2 } else { 0 };
    // the sentence's first word is its main predicate (two points: the
    // main clause tells the sentence's event): the event word
    // itself (قصفت طائرات) or the verb that carries it (تعرض سجناء للتعذيب)
    let leading = m.first_token <= context.start + 1
        || in_sentence.iter().any(|&o| {
            let o = &doc.matches[o];
            o.first_token <= context.start + 1
                && o.last_token < m.first_token
                && m.first_token - o.last_token <= 4
                && o.has_cue(kb, CueKind::Occurrence)
        });
    let counted = doc
        .quantities
        .iter()
        .any(|q| near(q.tokens.start, q.tokens.end.saturating_sub(1), 4))
        || in_sentence.iter().any(|&o| {
            let o = &doc.matches[o];
            near(o.first_token, o.last_token, 4)
                && (o.has_cue(kb, CueKind::Person) || o.has_cue(kb, CueKind::Pair))
        });
    // a toll, a date or a place counts only near the word: in a long
    // sentence they may belong to another clause's event
    let toll = in_sentence.iter().any(|&o| {
        o != c.matched
            && near(
                doc.matches[o].first_token,
                doc.matches[o].last_token,
                CONTEXT_REACH,
            )
            && [CueKind::Killed, CueKind::Injured, CueKind::KilledOne]
                .into_iter()
                .any(|k| doc.matches[o].has_cue(kb, k))
    });
    // carried out (شنت ... غارات) or its doer named (الهجوم الذي شنه مسلحون)
    let carried_out = occurrence_before(doc, kb, in_sentence, c.matched, 4)
        || in_sentence.iter().any(|&o| {
            let o = &doc.matches[o];
            o.first_token > m.last_token
                && o.first_token - m.last_token <= 5
                && o.has_cue(kb, CueKind::Occurrence)
        });
    let actors = if c.mention.plover == "PROTEST" {
        context.crowd
    } else {
        context.armed
    };
    // not the main clause's act: in a relative clause (الذين هاجموا) or
    // told as background (سبق أن، في ذلك الوقت)
    // (unless the clause describes an event word just before it: الهجوم
    // الذي استهدف)
    let relative = (m.first_token.saturating_sub(3).max(context.start)..m.first_token).any(|t| {
        kb.is_cue_word(CueKind::Relative, doc.word(t))
            && !in_sentence.iter().any(|&o| {
                o != c.matched
                    && doc.matches[o].last_token + 1 == t
                    && doc.matches[o].triggers().next().is_some()
            })
    });
    let described = doc
        .tokens
        .get(m.last_token + 1)
        .is_some_and(|_| kb.is_cue_word(CueKind::Relative, doc.word(m.last_token + 1)));
    let history = in_sentence.iter().any(|&o| {
        let o = &doc.matches[o];
        o.has_cue(kb, CueKind::History)
            && !kb.is_cue_word(CueKind::PresentHistory, o.span.slice(doc.text()))
    });
    // an event noun with the article, neither leading nor carried out,
    // refers back to an event told elsewhere (وقال إن الاحتجاجات ...)
    let referring = !c.verb && !leading && !carried_out && !described && doc.with_article(m);
    let penalty = 2 * u32::from(relative) + u32::from(history) + u32::from(referring);
    // a place or the actors only corroborate: conflict news names them in
    // its background sentences too
    let score = word
        + 2 * u32::from(carried_out)
        + 2 * u32::from(leading)
        // a relative clause that tells the event (الهجوم الذي استهدف قافلة)
        + u32::from(described)
        + [
            counted,
            toll,
            context.date
                && doc.dates.iter().any(|d| {
                    near(d.tokens.start, d.tokens.end.saturating_sub(1), CONTEXT_REACH)
                }),
            context.place && context.place_near(m.first_token, m.last_token) || actors,
            corroborated,
        ]
        .into_iter()
        .map(u32::from)
        .sum::<u32>();
    score.saturating_sub(penalty)
}

/// A violent word whose object makes it a figure of speech (اغتيال معنوي،
/// خطف النجم الأضواء، ذبح المسلمون الأضاحي): a `figurative` cue word, with or
/// without the article, within [`FIGURATIVE_REACH`] words after it (the
/// subject may come between).
pub(super) fn figurative(doc: &Document, kb: &Knowledge, m: &Match) -> bool {
    let after = m.last_token + 1..(m.last_token + 1 + FIGURATIVE_REACH).min(doc.tokens.len());
    // a word of a name is no object (قصف لقوات سوريا الديمقراطية)
    let in_a_name = |t: usize| {
        let i = doc.matches.partition_point(|n| n.first_token <= t);
        i > 0 && {
            let n = &doc.matches[i - 1];
            n.last_token >= t && (n.actors().next().is_some() || n.places().next().is_some())
        }
    };
    m.triggers().next().is_some()
        && after.into_iter().any(|t| {
            if in_a_name(t) {
                return false;
            }
            let word = doc.word(t);
            proclitic_splits(word)
                .filter(|s| s.len == 0 || s.article)
                .any(|s| kb.is_cue_word(CueKind::Figurative, &word[s.len..]))
        })
}

/// A weapon or aircraft word that names equipment, not an attack: an event
/// noun within [`EQUIPMENT_REACH`] words after an `equipment` cue word of
/// its sentence and clause (صفقة لشراء طائرات مسيرة، مصنعا لإنتاج الصواريخ).
pub(super) fn equipment(doc: &Document, kb: &Knowledge, m: &Match) -> bool {
    let sentence_start = doc
        .sentences
        .get(doc.sentence_of(m.first_token))
        .map_or(0, |s| s.tokens.start);
    let reach = m
        .first_token
        .saturating_sub(EQUIPMENT_REACH)
        .max(sentence_start);
    let is_equipment_word = |t: usize| {
        let word = doc.word(t);
        proclitic_splits(word).any(|s| kb.is_cue_word(CueKind::Equipment, &word[s.len..]))
    };
    m.triggers().any(|t| kb.triggers[t].pos == TriggerPos::Noun)
        && (reach..m.first_token)
            .rev()
            // no comma between the word and the weapon
            .take_while(|&t| !doc.tokens[t + 1].after_comma)
            .any(is_equipment_word)
}

/// A verb trigger read after the future prefix (ستقصف، سيهاجمون): a plan
/// or a threat, not an act.
fn future_prefix(doc: &Document, m: &Match) -> bool {
    let word = doc.word(m.first_token);
    let matched = m.span.slice(doc.text());
    m.clitics > 0
        && word.ends_with(matched)
        && word[..word.len() - matched.len()].ends_with('س')
        && matched.starts_with(['ي', 'ت', 'ن', 'أ'])
        && m.triggers().next().is_some()
}

/// A verb that says an event took place (شهدت، نفذ، خرج) comes at most
/// `reach` words before the word `matched`.
fn occurrence_before(
    doc: &Document,
    kb: &Knowledge,
    in_sentence: &[usize],
    matched: usize,
    reach: usize,
) -> bool {
    let at = doc.matches[matched].first_token;
    in_sentence.iter().any(|&o| {
        let o = &doc.matches[o];
        o.last_token < at && at - o.last_token <= reach && o.has_cue(kb, CueKind::Occurrence)
    })
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
    // an event word right after a circumstance belongs to it (بعد أيام من
    // تفجير استهدف سوقا، احتجاجا على مقتل شاب برصاص الشرطة)
    || circumstances
        .iter()
        .any(|&m| close_after(&doc.matches[m], 2))
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
        let next_word = || {
            doc.tokens
                .get(m.last_token + 1)
                .map(|t| t.span.slice(doc.text()))
        };
        m.has_cue(kb, CueKind::Anniversary) && gap <= 6
            || m.has_cue(kb, CueKind::Future)
                && gap <= 6
                && !kb.is_cue_word(CueKind::Ongoing, m.span.slice(doc.text()))
            || m.has_cue(kb, CueKind::Negation)
                && gap <= 5
                && !next_word().is_some_and(|w| kb.is_cue_word(CueKind::OutcomeAfterNegation, w))
    })
}
