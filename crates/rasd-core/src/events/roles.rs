//! Roles: the actors a sentence names, who speaks for its content, and who
//! did what to whom in each frame.

use super::clauses::{aerial, read_as_verb};
use super::{ActorMention, EventFrame};
use crate::acled::SubEventType;
use crate::document::{Document, MatchExt};
use crate::knowledge::{Actor, CueKind, Entry, Knowledge, Match, TriggerPos};
use std::collections::HashMap;
use std::ops::Range;

/// The groups an article has named so far, most recent last, for the
/// anaphors that refer back to them.
#[derive(Default)]
pub(super) struct NamedGroups(Vec<usize>);

impl NamedGroups {
    /// The group an anaphor refers to. A noun that names a kind of group
    /// (التنظيم، الحركة: some actor's name starts with it) refers to the
    /// last named group of that kind (تنظيم داعش، حركة الشباب); any other
    /// (عناصره) to the last named armed group. A state's unit word
    /// (القوات) refers back only to a group outside the state (قوات سوريا
    /// الديمقراطية): the generic actors already tell the state's own.
    fn antecedent(&self, kb: &Knowledge, doc: &Document, anaphor: &Match) -> Option<usize> {
        let word = anaphor.span.slice(doc.text());
        let noun = word.strip_prefix("ال").unwrap_or(word);
        let unit_word = kb.is_national_unit(noun);
        let of_kind =
            |a: &Actor| a.name_heads.iter().any(|h| h == noun) && !(unit_word && a.inter == 1);
        let mut recent = self.0.iter().rev().copied();
        if kb.actors.iter().any(of_kind) {
            recent.find(|&a| of_kind(&kb.actors[a]))
        } else {
            recent.find(|&a| matches!(kb.actors[a].inter, 2..=4))
        }
    }
}

/// Actors named in a sentence, with anaphors (التنظيم) resolved to a group
/// named before, and phrases (عناصر من داعش) to the group they name.
pub(super) fn sentence_actors(
    doc: &Document,
    kb: &Knowledge,
    tokens: Range<usize>,
    named: &mut NamedGroups,
    countries: &HashMap<String, f64>,
) -> Vec<ActorMention> {
    let mut out: Vec<ActorMention> = Vec::new();
    for (mi, m) in doc.matches.iter().enumerate() {
        if !tokens.contains(&m.first_token) {
            continue;
        }
        let actor = if m.has_cue(kb, CueKind::Anaphor) {
            named
                .antecedent(kb, doc, m)
                .or_else(|| pick_actor(kb, m, countries))
        } else {
            pick_actor(kb, m, countries)
        };
        let Some(actor) = actor.map(|a| national_force(doc, kb, m, a).unwrap_or(a)) else {
            continue;
        };
        if !kb.actors[actor].is_generic() {
            named.0.push(actor);
        }
        out.push(ActorMention {
            mention: mi,
            head: phrase_head(doc, kb, tokens.clone(), mi, actor),
            actor,
        });
    }
    // "دبابة إسرائيلية", "قوات سودانية": troops, a vehicle or a post with a
    // nisba right after it, or after the post's place name ("ثكنة زرعيت
    // الإسرائيلية"), where no actor is named, are that country's army
    let first_match = doc
        .matches
        .partition_point(|m| m.first_token < tokens.start);
    // the place match between a unit and its nisba, by index
    let place_between = |mi: usize, nisba: usize| {
        let p = &doc.matches[mi.checked_sub(1)?];
        (p.last_token + 1 == nisba
            && p.first_token > tokens.start
            && p.places().next().is_some()
            && p.clitics == 0
            && kb.is_national_unit(doc.word(p.first_token - 1)))
        .then_some(mi - 1)
    };
    for (mi, m) in (first_match..).zip(doc.matches_in(tokens.clone())) {
        if m.first_token == tokens.start {
            continue;
        }
        // (or the country itself after a unit in the construct: جيش مالي)
        let Some(country) = m.nisba().or_else(|| m.country()) else {
            continue;
        };
        let place = place_between(mi, m.first_token);
        let mut unit = place.map_or(m.first_token, |p| doc.matches[p].first_token) - 1;
        // (past a model with its number: طائرات إف-16 عراقية)
        if !kb.is_national_unit(doc.word(unit))
            && doc.word(unit).bytes().any(|b| b.is_ascii_digit())
        {
            if let Some(u) = (unit.saturating_sub(3).max(tokens.start)..unit)
                .rev()
                .find(|&t| kb.is_national_unit(doc.word(t)))
            {
                unit = u;
            }
        }
        let named = out.iter().any(|a| {
            doc.matches[a.mention].last_token >= unit && doc.matches[a.head].first_token <= unit
        });
        if named || !kb.is_national_unit(doc.word(unit)) {
            continue;
        }
        let Some(actor) = kb
            .actor_index("generic-military")
            .and_then(|generic| kb.national_actor(generic, &kb.countries[country].iso2))
        else {
            continue;
        };
        // the unit's own match, if it has one (طائرات: aircraft strike)
        let unit_match = doc.match_ending_at(unit);
        out.push(ActorMention {
            mention: mi,
            head: unit_match.or(place).unwrap_or(mi),
            actor,
        });
    }
    out.sort_by_key(|a| a.mention);
    // the armed men of "مسلحون من داعش" are the group, not an actor of their own
    let phrases: Vec<Range<usize>> = out.iter().map(|a| a.head..a.mention).collect();
    out.retain(|a| !phrases.iter().any(|p| p.contains(&a.mention)));
    out
}

/// "الطائرات الحربية الروسية", "الجنود الأتراك": a generic state force
/// with a nisba right after it is that country's listed force.
fn national_force(doc: &Document, kb: &Knowledge, m: &Match, actor: usize) -> Option<usize> {
    if kb.actors[actor].inter != 1 || !kb.actors[actor].is_generic() {
        return None;
    }
    let next = doc.matches_in(m.last_token + 1..m.last_token + 2).first()?;
    // "الشرطة (الفرنسية)" credits a news agency
    let between = &doc.text()[m.span.end..next.span.start];
    if !between.chars().all(char::is_whitespace) {
        return None;
    }
    let country = next.nisba()?;
    kb.national_actor(actor, &kb.countries[country].iso2)
}

/// Of the actors a name may stand for (قوى الأمن الداخلي: Lebanon's police,
/// or the Asayish of north-east Syria), the one of the article's country.
fn pick_actor(kb: &Knowledge, m: &Match, countries: &HashMap<String, f64>) -> Option<usize> {
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
    // (settlers of Israel are at home in the Palestinian Territory, whose
    // armed forces regions.tsv says are Israel's)
    let actor = &kb.actors[best];
    let held_by_its_country = countries.iter().any(|(c, &w)| {
        w > 0.5 && kb.country(c).and_then(|c| c.armed_forces.as_ref()) == actor.country.as_ref()
    });
    // (only where the text is plainly about another country: a West Bank
    // village too small to weigh leaves settlers at home)
    let elsewhere = countries
        .iter()
        .any(|(c, &w)| w > 0.5 && Some(c) != actor.country.as_ref());
    let foreign_militia = actor.inter == 4
        && actor.country.is_some()
        && weight(best) <= 0.5
        && !held_by_its_country
        && elsewhere;
    (!foreign_militia).then_some(best)
}

/// The match that starts the phrase naming the actor of match `i`: members
/// or a unit of a group (عناصر من داعش، مقاتلو الحركة، خلية تابعة لداعش),
/// its aircraft (طيران الجيش) or armed men tied to it (مسلحون من الحركة،
/// مسلحون يشتبه بانتمائهم إلى داعش) stand for the group itself.
fn phrase_head(
    doc: &Document,
    kb: &Knowledge,
    sentence: Range<usize>,
    i: usize,
    actor: usize,
) -> usize {
    // the match right before match `j`, or before a preposition before it
    let before = |j: usize| -> Option<(usize, Option<&str>)> {
        let start = doc.matches[j].first_token;
        let ending_at = |end: usize| {
            let p = doc.match_ending_at(end)?;
            let m = &doc.matches[p];
            (sentence.contains(&m.first_token)
                && (end + 1..=start).all(|t| !doc.tokens[t].after_comma))
            .then_some(p)
        };
        let word = doc.word(start.checked_sub(1)?);
        if matches!(word, "من" | "في" | "الي") {
            // skipped even when matched as a name (إلى is also a village)
            Some((ending_at(start.checked_sub(2)?)?, Some(word)))
        } else {
            Some((ending_at(start - 1)?, None))
        }
    };
    // armed men are worth folding only into a group with a name of its own
    let named_group = !kb.actors[actor].is_generic() && !kb.actors[actor].is_civilian();
    let mut head = i;
    while let Some((mut p, preposition)) = before(head) {
        let mut linked = preposition.is_some();
        if doc.matches[p].has_cue(kb, CueKind::Affiliation) {
            // "خلية تابعة لـ", "مسلحون يشتبه بانتمائهم إلى": the link word
            // follows the members directly
            match before(p) {
                Some((q, None)) => (p, linked) = (q, true),
                _ => break,
            }
        } else if preposition == Some("الي") {
            // إلى only after a link word (ينتمون إلى)
            break;
        }
        let m = &doc.matches[p];
        // "طائرة مسيرة تابعة للجيش": a drone, though an event word, is the
        // force's aircraft when a link word ties it to the force
        let drone = linked
            && m.triggers()
                .any(|t| kb.triggers[t].sub_event == SubEventType::AirDroneStrike);
        if m.triggers().next().is_some() && !drone {
            break;
        }
        // (a person word too, tied by في or من: جندي في الجيش، ضابط من الشرطة)
        let member = m.has_cue(kb, CueKind::Member)
            || m.has_cue(kb, CueKind::Aircraft)
            || drone
            || preposition.is_some() && m.has_cue(kb, CueKind::Person);
        // armed men need a link: in "هاجم مسلحون قوات الجيش" the two are
        // subject and object; a group word without the article right after
        // them is their adjective (مسلحون حوثيون، مسلح حوثي)
        let group = &doc.matches[i];
        let adjective = preposition.is_none()
            && head == i
            && group.clitics == 0
            && group.first_token == group.last_token
            && !doc.word(group.first_token).starts_with("ال")
            && ["ي", "يه", "يون", "يين", "يان"]
                .iter()
                .any(|ending| doc.word(group.first_token).ends_with(ending));
        let armed_men = (linked || adjective)
            && named_group
            && m.actors().next().is_some()
            && m.actors()
                .all(|a| kb.actors[a].is_generic() && kb.actors[a].is_armed());
        if !(member || armed_men) {
            break;
        }
        head = p;
    }
    head
}

/// The actor a sentence attributes its content to: the one right after a
/// saying word (قالت قسد، بحسب الجيش).
pub(super) fn sentence_claimant(
    doc: &Document,
    kb: &Knowledge,
    tokens: Range<usize>,
    actors: &[ActorMention],
) -> Option<ActorMention> {
    for m in &doc.matches {
        if !tokens.contains(&m.first_token) || !m.has_cue(kb, CueKind::Say) {
            continue;
        }
        // the speaker comes before what is said: "أضافوا أنهم قتلوا عناصر
        // من داعش" names the dead, not the speaker
        let said = (m.last_token + 1..tokens.end)
            .find(|&t| {
                matches!(doc.word(t), "ان" | "انه" | "انها" | "انهم" | "انهما")
                    || kb.is_cue_word(CueKind::Reported, doc.word(t))
            })
            .unwrap_or(tokens.end);
        // a named group over a generic one (المركز الإعلامي لقسد)
        let claimant = actors
            .iter()
            .filter(|a| {
                let first = doc.matches[a.head].first_token;
                first > m.last_token && first <= m.last_token + 4 && first < said
            })
            .min_by_key(|a| kb.actors[a.actor].is_generic());
        if claimant.is_some() {
            return claimant.copied();
        }
    }
    None
}

/// "وتبنت حركة الشباب الهجوم ... وزعمت أنها قتلت خمسة عشر جنديا": a saying
/// verb joined by و to the sentence's first verb, with what is said right
/// after it, shares that verb's subject. Who claims the figures, not a
/// speaker kept out of the event.
pub(super) fn joined_speaker(
    doc: &Document,
    kb: &Knowledge,
    tokens: Range<usize>,
    actors: &[ActorMention],
) -> Option<ActorMention> {
    let joined = doc.matches_in(tokens.clone()).iter().any(|m| {
        m.has_cue(kb, CueKind::Say)
            && doc.word(m.first_token).starts_with('و')
            && m.first_token > tokens.start + 2
            && m.last_token + 1 < tokens.end
            && doc.word(m.last_token + 1).starts_with("ان")
    });
    joined
        .then(|| {
            actors.iter().copied().find(|a| {
                let first = doc.matches[a.head].first_token;
                first > tokens.start && first <= tokens.start + 2
            })
        })
        .flatten()
}

/// A saying word with no named subject (وأضافوا): the claimant carries over.
pub(super) fn says_without_subject(doc: &Document, kb: &Knowledge, tokens: Range<usize>) -> bool {
    doc.matches.iter().any(|m| {
        m.first_token < tokens.start + 2
            && tokens.contains(&m.first_token)
            && m.has_cue(kb, CueKind::Say)
            && tokens.contains(&(m.last_token + 1))
            && doc.word(m.last_token + 1).starts_with("ان")
    })
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

/// What a clause offers for roles: the sentence's actors, who speaks, who
/// was hit, and where the clause lies.
pub(super) struct Scene<'a> {
    pub(super) actors: &'a [ActorMention],
    pub(super) claimant: Option<ActorMention>,
    pub(super) victims: &'a [ActorMention],
    pub(super) clause: Range<usize>,
}

/// Who did what to whom, from the trigger's part of speech and the words
/// around each actor. Victims (the dead and wounded, whoever follows على or
/// استهدف) are never the attacker, and in political violence neither are
/// civilians or protesters.
pub(super) fn assign_roles(
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
    // "قصفت حركة حماس مواقع إسرائيلية بقذائف الهاون": a weapon noun after ب
    // is the instrument of the verb before it, whose subject and object
    // are placed around the verb, not around the weapon
    let instrument_of = (pos == TriggerPos::Noun
        && frame.sub_event.event_type() == "Explosions/Remote violence"
        && doc.matches[frame.trigger].clitics > 0
        && doc
            .word(doc.matches[frame.trigger].first_token)
            .starts_with('ب'))
    .then(|| {
        let event_type = frame.sub_event.event_type();
        doc.matches_in(clause.start..doc.matches[frame.trigger].first_token)
            .iter()
            .rev()
            .find(|m| {
                !doc.with_article(m)
                    && m.triggers().any(|t| {
                        read_as_verb(doc, kb, m, t, clause.start)
                            && kb.triggers[t].sub_event.event_type() == event_type
                    })
            })
    })
    .flatten();
    // "قنص مسلح حوثي امرأة": a noun spelling that opens its clause without
    // the article is the unvowelled verb
    // (its subject right after it: not "قصف مدفعي لقوات النظام")
    let next = doc.matches[frame.trigger].last_token + 1;
    let subject_next = doc.matches_in(next..next + 1).iter().any(|m| {
        m.first_token == next
            && m.clitics == 0
            && (m.has_cue(kb, CueKind::Person) || m.has_cue(kb, CueKind::Member))
    });
    let opens_as_verb = pos == TriggerPos::Noun
        && subject_next
        && doc.matches[frame.trigger]
            .triggers()
            .any(|t| read_as_verb(doc, kb, &doc.matches[frame.trigger], t, clause.start));
    let pos = if instrument_of.is_some() || opens_as_verb {
        TriggerPos::Verb
    } else {
        pos
    };
    let trigger = instrument_of.unwrap_or(&doc.matches[frame.trigger]);
    // the act named right after who announces it ("أعلن الجيش العراقي أمس
    // استعادة السيطرة") is its own when it is one only the doer announces,
    // or when an armed group announces it; the police announcing an
    // explosion (أعلنت الشرطة انفجار عبوة) or a death did neither
    // "قالت حركة الشباب إنها قتلت": speech about itself (إنها، أنه)
    // tells its own act
    let of_itself = |t: usize| kb.is_cue_word(CueKind::SelfReference, doc.word(t));
    // (its day told between them does not count: أعلنت "قسد" مساء أمس
    // الأربعاء 6 أيلول بسط سيطرتها)
    let announced = claimant.filter(|c| {
        let end = doc.matches[c.mention].last_token;
        let dated = |t: &usize| doc.dates.iter().any(|d| d.tokens.contains(t));
        end < trigger.first_token
            && (end + 1..trigger.first_token).filter(|t| !dated(t)).count() <= 2
            && (end + 1..trigger.first_token)
                .all(|t| !kb.is_cue_word(CueKind::Reported, doc.word(t)) || of_itself(t))
    });
    // ... or of its own forces (قال الجيش إن قواته استعادت), with an event
    // verb right after (قالت الحركة إنها قتلت عشرين جنديا في هجوم): the
    // speaker did what the clause tells
    // (its aircraft with their adjective: طيرانه الحربي دمر; the act a verb
    // of occurrence carries: قواتها نفذت ضربة جوية)
    let own_forces_act = |t: usize| {
        let own =
            |t: usize| t < doc.tokens.len() && kb.is_cue_word(CueKind::OwnForces, doc.word(t));
        own(t).then(|| {
            let adjective = t + 1 < doc.tokens.len()
                && doc.word(t + 1).starts_with("ال")
                && doc.matches_in(t + 1..t + 2).is_empty();
            let act = t + 1 + usize::from(adjective);
            let occurrence = doc
                .matches_in(act..act + 1)
                .iter()
                .any(|m| m.first_token == act && m.has_cue(kb, CueKind::Occurrence));
            act + usize::from(occurrence)
        })
    };
    // the word that tells the act is the speaker's (إنها، قواته), or claims
    // it (أعلنت الجماعة ... مسؤوليتها عن كمين: any event word)
    let own_act_word = claimant.and_then(|c| {
        let end = doc.matches[c.mention].last_token;
        // (within the speaker's sentence: the next may be another's claim)
        let sentence_end = doc.sentences[doc.sentence_of(end)].tokens.end;
        (end + 1..(end + 9).min(sentence_end))
            .filter_map(|t| {
                if of_itself(t) {
                    Some((t, t + 1, false))
                } else if kb.is_cue_word(CueKind::Claim, doc.word(t))
                    && t + 2 < doc.tokens.len()
                    && doc.word(t + 1) == "عن"
                {
                    Some((t, t + 2, true))
                } else if kb.is_cue_word(CueKind::Reported, doc.word(t)) {
                    own_forces_act(t + 1).map(|act| (t + 1, act, false))
                } else {
                    None
                }
            })
            // (a bare noun spelling there is the verb: طيرانه الحربي قصف)
            .find(|&(_, act, claimed)| {
                doc.matches_in(act..act + 1).iter().any(|m| {
                    m.triggers().any(|tr| {
                        claimed
                            || kb.triggers[tr].pos == TriggerPos::Verb
                            || m.clitics == 0 && !doc.with_article(m)
                    })
                })
            })
            .map(|(word, _, _)| word)
    });
    let speaks_of_own_act = own_act_word.is_some();
    let own_act = speaks_of_own_act
        || announced.is_some_and(|c| {
            deliberate(frame.sub_event)
                || pos == TriggerPos::Noun && matches!(kb.actors[c.actor].inter, 2..=4)
        });
    // a lone speaker before the act may have done it (أعلن التنظيم أنه
    // فجر); one cited after it (سقط صاروخ، وفق الجيش الإسرائيلي) did not
    // (but not one that tells what it did other than the act: "قالت
    // الهيئة إنها تلقت بلاغا عن انفجار")
    let speaks_of_other_own_act = !speaks_of_own_act
        && claimant.is_some_and(|c| {
            let end = doc.matches[c.mention].last_token;
            (end + 1..(end + 3).min(doc.tokens.len())).any(of_itself)
        });
    let speaks_first = claimant.is_some_and(|c| {
        doc.matches[c.mention].last_token < trigger.first_token && !speaks_of_other_own_act
    });
    // "قصف نسبته مصادر محلية إلى قوات الدعم السريع": the one a word of
    // attribution ties the act to, after إلى (a speaker by the saying
    // words' reading, yet the doer)
    let attributed = |a: &ActorMention| {
        let first = doc.matches[a.head].first_token;
        first > 1
            && doc.word(first - 1) == "الي"
            && (first.saturating_sub(5)..first - 1)
                .any(|t| kb.is_cue_word(CueKind::Attributed, doc.word(t)))
    };
    // "أعلن الجيش صد هجوم شنته قوات الدعم السريع": who announces that it
    // repelled the attack was its target
    // (the word before the event word, or opening its phrase: صد هجوم)
    let repelled_by = announced.filter(|_| {
        let first = trigger.first_token;
        let repel = |t: usize| kb.is_cue_word(CueKind::Repelled, doc.word(t));
        first > 0 && repel(first - 1) || trigger.last_token > first && repel(first)
    });
    // "أعلنت الهيئة أن سفينة تعرضت لهجوم": what the speaker says another
    // suffered is not its own act
    let tells_of_a_sufferer = claimant.is_some_and(|c| {
        (doc.matches[c.mention].last_token + 1..trigger.first_token)
            .any(|t| kb.is_cue_word(CueKind::Suffered, doc.word(t)))
    });
    let participants: Vec<ActorMention> = actors
        .iter()
        .copied()
        .filter(|a| {
            Some(*a) != claimant
                || attributed(a)
                || repelled_by.is_some()
                || own_act
                || actors.len() == 1 && announced.is_none() && speaks_first && !tells_of_a_sufferer
        })
        .collect();
    let word_before = |a: &ActorMention, back: usize| {
        let first = doc.matches[a.head].first_token;
        (first >= back).then(|| doc.word(first - back))
    };
    // استهدف at the start of its clause: after a sentence start, a comma or
    // with a conjunction (واستهدفت), not after the noun or relative pronoun
    // it tells of
    let opens_clause = |verb: usize| {
        verb == clause.start
            || doc.tokens[verb].after_comma
            || ["واستهدف", "فاستهدف"]
                .iter()
                .any(|c| doc.word(verb).starts_with(c))
    };
    // a member in the accusative (اعتقلت قياديا في التنظيم، قتلوا عنصرا من
    // الحركة) is the object of the verb, whoever its subject is
    let accusative_member = |a: &ActorMention| {
        // a singular with the tanween alif, not a plural in ايا (خلايا)
        doc.matches[a.head].entries.iter().any(|e| {
            matches!(e, Entry::Cue(c) if {
                let cue = &kb.cues[*c as usize];
                cue.kind == CueKind::Member
                    && cue.pattern.ends_with('ا')
                    && !cue.pattern.ends_with("ايا")
            })
        })
    };
    let is_target = |a: &ActorMention| {
        victims.contains(a)
            || accusative_member(a)
            || word_before(a, 1).is_some_and(|w| matches!(w, "علي" | "ضد" | "مع" | "بحق"))
            // "على وكر لعصابات داعش", "على مقر للحركة": the owner of the
            // place struck
            || word_before(a, 2) == Some("علي") && doc.with_li(&doc.matches[a.head])
            // "استهدفت دورية للشرطة", "هجوم استهدف الجيش": what was
            // targeted; but a clause that opens with the verb names its
            // subject first (استهدفت جماعة الحوثي سفينة)
            || (1..=2).any(|back| {
                word_before(a, back).is_some_and(|w| w.starts_with("استهدف"))
                    && (back == 2 || !opens_clause(doc.matches[a.head].first_token - 1))
            })
            || (1..=2).any(|back| {
                let first = doc.matches[a.head].first_token;
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
    // "على يد", "برصاص", "هجوم شنه", "صاروخ أطلقته": the actor after these
    // words did it (`agent` cue words)
    let agent_word = |w: &str| {
        // وضعها is a word of its own, ونفذه one with a conjunction
        kb.is_cue_word(CueKind::Agent, w)
            || w.strip_prefix('و')
                .is_some_and(|w| kb.is_cue_word(CueKind::Agent, w))
    };
    // "مدعوما بمقاتلي العشائر", "بدعم من التحالف": a supporting side
    // (`support` cue words)
    let is_support = |a: &ActorMention| {
        (1..=3)
            .any(|back| word_before(a, back).is_some_and(|w| kb.is_cue_word(CueKind::Support, w)))
    };
    // "جماعة نصرة الإسلام والمسلمين المرتبطة بتنظيم القاعدة": the parent
    // a link word names describes the group before it
    let is_parent = |a: &ActorMention| {
        let first = doc.matches[a.head].first_token;
        let Some(q) = first
            .checked_sub(1)
            .and_then(|end| doc.match_ending_at(end))
        else {
            return false;
        };
        let link = &doc.matches[q];
        link.has_cue(kb, CueKind::Affiliation)
            && link
                .first_token
                .checked_sub(1)
                .and_then(|end| doc.match_ending_at(end))
                .is_some_and(|g| doc.matches[g].actors().any(|g| !kb.actors[g].is_generic()))
    };
    let participants: Vec<ActorMention> = participants
        .into_iter()
        .filter(|a| !is_support(a) && !is_parent(a))
        .collect();
    // "استهدف طيران التحالف": an actor named by its aircraft strikes
    let airborne = |a: &ActorMention| {
        let head = &doc.matches[a.head];
        // (or its drone: طائرة مسيرة تابعة لقوات الدعم السريع)
        aerial(doc, kb, head.first_token..head.first_token + 1)
            || a.head != a.mention
                && head
                    .triggers()
                    .any(|t| kb.triggers[t].sub_event == SubEventType::AirDroneStrike)
    };
    // a verb with an object pronoun (شنه، زرعتها) refers to the noun just
    // before it, which must tell an event of this one's type: "الألغام التي
    // زرعها التنظيم" names no doer of a recapture told before it
    let event_type = frame.sub_event.event_type();
    let refers_to_event = |a: &ActorMention| {
        let word = doc.matches[a.head].first_token - 1;
        let pronoun = doc.word(word).ends_with('ه') || doc.word(word).ends_with("ها");
        !pronoun
            || doc
                .matches_in(word.saturating_sub(6)..word)
                .iter()
                .any(|m| {
                    (m.last_token + 1..=m.last_token + 3).contains(&word)
                        && m.triggers()
                            .any(|t| kb.triggers[t].sub_event.event_type() == event_type)
                })
    };
    // "تفكيك العبوات التي زرعها التنظيم": who planted a defused bomb did
    // not defuse it
    // (or a foiled bombing or strike, which refine makes one)
    let defused = frame.sub_event == SubEventType::DisruptedWeaponsUse
        || frame.attempted && frame.sub_event.event_type() == "Explosions/Remote violence";
    let is_agent = |a: &ActorMention| {
        (word_before(a, 1).is_some_and(agent_word) && refers_to_event(a) || attributed(a))
            && !defused
            || airborne(a)
    };
    let violent = frame.sub_event.is_violent();
    // protesters only demonstrate, unless an attack verb has them for its
    // subject (اقتحم محتجون مبنى المحافظة): then they riot
    let crowd_attacks = pos == TriggerPos::Verb && frame.generic_attack;
    let can_attack = |a: &ActorMention| {
        let actor = &kb.actors[a.actor];
        // civilians are never actor 1 in ACLED
        !(is_target(a) || actor.inter == 7 || violent && actor.inter == 6 && !crowd_attacks)
    };
    let after: Vec<ActorMention> = participants
        .iter()
        .copied()
        .filter(|a| doc.matches[a.head].first_token > trigger.last_token)
        .collect();
    let before: Vec<ActorMention> = participants
        .iter()
        .copied()
        .filter(|a| doc.matches[a.mention].last_token < trigger.first_token)
        .collect();
    let with_li = |a: &ActorMention| doc.with_li(&doc.matches[a.head]);
    let owns_unit =
        |a: &ActorMention| with_li(a) && word_before(a, 1).is_some_and(|w| kb.is_national_unit(w));
    // the subject right after a verb; not a "ل" phrase (تجمع للجنود)
    let near_after = after.iter().copied().find(|a| {
        doc.matches[a.head].first_token <= trigger.last_token + 4 && can_attack(a) && !with_li(a)
    });
    // a noun's doer in a genitive right after it (هجوم مسلحين), or the
    // first of two sides (اشتباكات بين الجيش والحوثيين)
    let genitive = after.first().copied().filter(|a| {
        let first = doc.matches[a.head].first_token;
        let next = trigger.last_token + 1;
        (first == next || first == next + 1 && doc.word(next) == "بين") && can_attack(a)
    });
    let agent = participants
        .iter()
        .copied()
        .find(is_agent)
        .or_else(|| national_weapon(doc, kb, frame, frame.trigger));
    frame.claimed = agent.is_some_and(|a| {
        word_before(&a, 1).is_some_and(|w| w.trim_start_matches('و').starts_with("تبن"))
    });
    let last_before = before.iter().rev().copied().find(can_attack);
    // a verb agreeing in the plural follows its subject (مسلحو الحركة هاجموا)
    let trigger_word = doc.word(trigger.last_token);
    let plural_verb = trigger_word.ends_with("وا") || trigger_word.ends_with("ون");
    // a verb's phrase that names its subject (فرقت الشرطة، أسقطت الدفاعات
    // الجوية) has it, before any actor after the phrase
    let subject_in_phrase = || {
        (pos == TriggerPos::Verb)
            .then(|| actor_inside_trigger(doc, kb, frame.trigger))
            .flatten()
    };
    // "قالت الجماعة المرتبطة بتنظيم القاعدة إنها قتلت": the speaker, not
    // another actor named in its description
    let speaker_did_it = claimant
        .filter(|c| speaks_of_own_act && doc.matches[c.mention].last_token < trigger.first_token);
    let actor1 = agent
        .or(speaker_did_it)
        .or_else(subject_in_phrase)
        .or(match pos {
            TriggerPos::Verb if plural_verb => last_before.or(near_after),
            TriggerPos::Verb => near_after.or(last_before),
            TriggerPos::Noun => {
                // "هجوم للتنظيم", "قصف مدفعي لقوات النظام": right after the
                // noun, or after تابعة (طائرات حربية تابعة للتحالف)
                let next = trigger.last_token + 1;
                let belonging = next < doc.tokens.len()
                    && matches!(doc.word(next), "تابعه" | "تابع" | "التابعه" | "التابع");
                after
                    .iter()
                    .copied()
                    .find(|a| {
                        with_li(a)
                            && can_attack(a)
                            && doc.matches[a.head].first_token <= next + usize::from(belonging)
                    })
                    .or(last_before)
                    .or(genitive)
            }
            // after a passive word the doer comes later in the same clause
            // ("قتل جنديان في هجوم لمسلحين"), never in the next one
            // after a victim-centred word (مقتل، انفجار) the actors that follow
            // are its victims, unless one is introduced by ل in the same clause
            // ("انفجرت سيارة مفخخة قرب حاجز للجيش، ما أدى إلى مقتل أربعة":
            // an actor after ل that owns a post or a unit is the target's owner)
            TriggerPos::Passive => last_before.filter(|a| !owns_unit(a)).or_else(|| {
                after.iter().copied().find(|a| {
                    let first = doc.matches[a.head].first_token;
                    can_attack(a)
                        && with_li(a)
                        && !owns_unit(a)
                        && first > trigger.last_token + 1
                        && clause.contains(&first)
                })
            }),
        });
    let same = |a: &ActorMention, b: Option<ActorMention>| {
        b.is_some_and(|b| kb.actors[a.actor].id == kb.actors[b.actor].id)
    };
    // (a named group among the targets before unnamed gunmen: "مقتل أربعة
    // إرهابيين بضربة على وكر لعصابات داعش")
    let unnamed = |a: &ActorMention| kb.actors[a.actor].is_unidentified();
    let targets = || {
        participants
            .iter()
            .copied()
            .filter(|a| !same(a, actor1))
            .filter(is_target)
    };
    let actor2 = targets()
        .find(|a| !unnamed(a))
        .or_else(|| targets().next())
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
    // in fighting the dead are one of the sides: "قتل عنصر في الحركة
    // باشتباكات مع الجيش"
    let actor1 = actor1.or_else(|| {
        let other_side = |a: &&ActorMention| kb.actors[a.actor].is_armed() && !same(a, actor2);
        frame
            .explicit_clash
            .then(|| participants.iter().find(other_side).copied())
            .flatten()
    });
    // "استهدف طيران التحالف مواقع": an attack by aircraft is an air strike
    // (as is one the speaker tells of its own aircraft: طيرانه الحربي دمر)
    if frame.generic_attack && frame.weapon.is_none() {
        if let Some(a) = actor1.filter(airborne) {
            frame.weapon = Some((a.head, SubEventType::AirDroneStrike, AIRBORNE_PRIORITY));
        } else if own_act_word.is_some_and(|t| kb.is_aircraft_word(doc.word(t))) {
            frame.weapon = Some((
                frame.trigger,
                SubEventType::AirDroneStrike,
                AIRBORNE_PRIORITY,
            ));
        }
    }
    // "مسيرة تابعة لقوات الدعم السريع قصفت سوقا": shelling done by an
    // aircraft is an air strike
    if frame.sub_event == SubEventType::ShellingArtilleryMissileAttack
        && actor1.is_some_and(|a| airborne(&a))
    {
        frame.sub_event = SubEventType::AirDroneStrike;
    }
    let actor1 = actor1
        // "أسقطت الدفاعات الجوية السورية": the event word names the force
        .or_else(|| {
            participants
                .iter()
                .copied()
                .find(|a| a.mention == frame.trigger && can_attack(a))
        })
        .or_else(|| actor_inside_trigger(doc, kb, frame.trigger))
        // "أعلن الجيش الباكستاني مقتل 12 مسلحا": a state force that
        // announces the deaths of armed men killed them
        .or_else(|| {
            claimant.filter(|c| {
                speaks_first
                    && frame.sub_event.is_violent()
                    && kb.actors[c.actor].inter == 1
                    && victims.iter().any(|v| {
                        let victim = &kb.actors[v.actor];
                        matches!(victim.inter, 2..=4) && v.actor != c.actor
                    })
            })
        })
        .or_else(|| {
            // "استشهدوا في غارة إسرائيلية بطائرة مسيرة": another weapon noun
            // of the clause, its nisba right after it, names the country
            // when no one else is named (not a verb's object: استهدفت
            // دورية عراقية)
            let first = doc
                .matches
                .partition_point(|m| m.first_token < clause.start);
            (first..first + doc.matches_in(clause.clone()).len())
                .filter(|&i| {
                    i != frame.trigger
                        && doc.matches[i].triggers().any(|t| {
                            kb.triggers[t].pos == TriggerPos::Noun
                                && kb.triggers[t].sub_event.event_type()
                                    == "Explosions/Remote violence"
                        })
                })
                .find_map(|i| {
                    national_weapon(doc, kb, frame, i).filter(|a| {
                        doc.matches[a.head].first_token == doc.matches[i].last_token + 1
                    })
                })
        });
    let actor2 = match repelled_by {
        Some(defender) if actor1.is_none_or(|a| a.actor != defender.actor) => Some(defender),
        _ => actor2,
    };
    // "قتل ٢٣ شخصا في هجوم على قرية", "تفجير انتحاري استهدف مطعما": with
    // no one named on the other side, a generic attack or a bombing aimed
    // at a place of civilian life is on civilians (as is a bomb that goes
    // off in one: انفجرت عبوة ناسفة في سوق)
    let after_on = trigger.last_token + 2;
    let bombing = frame.sub_event.event_type() == "Explosions/Remote violence";
    // (or, for a military post, the object after a verb's subject: "هاجم
    // مسلحون قاعدة عسكرية")
    let object = actor1
        .filter(|a| {
            pos == TriggerPos::Verb && doc.matches[a.head].first_token == trigger.last_token + 1
        })
        .map(|a| doc.matches[a.mention].last_token + 1)
        .map(|o| o + usize::from(o < doc.tokens.len() && doc.word(o) == "علي"));
    let aimed_at = |kind: CueKind| {
        let is = |t: usize| t < doc.tokens.len() && kb.is_cue_word(kind, doc.word(t));
        (frame.generic_attack || bombing)
            && actor2.is_none()
            && (after_on < doc.tokens.len()
                && (kb.is_cue_word(CueKind::Target, doc.word(after_on - 1))
                    || bombing && doc.word(after_on - 1) == "في")
                && is(after_on)
                || kind == CueKind::MilitaryPlace && object.is_some_and(is))
    };
    frame.civilian_target = aimed_at(CueKind::CivilianPlace);
    // ("هاجم مسلحون قاعدة عسكرية": the army's post)
    frame.military_target = aimed_at(CueKind::MilitaryPlace);
    frame.actor1 = actor1;
    frame.actor2 = actor2;
}

/// "فرقت الشرطة", "مسلحون اقتحموا": an actor named inside a trigger phrase
/// is its doer. The phrase stands as the actor's mention.
fn actor_inside_trigger(doc: &Document, kb: &Knowledge, trigger: usize) -> Option<ActorMention> {
    let actor = doc.matches[trigger]
        .triggers()
        .find_map(|t| kb.actor_in_trigger(t))?;
    Some(ActorMention {
        mention: trigger,
        head: trigger,
        actor,
    })
}

/// Acts only their doer announces as done (a recapture, arrests, strikes,
/// defusing): not a killing or a bombing, which the police announce too.
fn deliberate(sub: SubEventType) -> bool {
    use SubEventType::*;
    matches!(
        sub,
        GovernmentRegainsTerritory
            | NonStateActorOvertakesTerritory
            | NonViolentTransferOfTerritory
            | AirDroneStrike
            | ShellingArtilleryMissileAttack
            | Arrests
            | DisruptedWeaponsUse
            | HeadquartersOrBaseEstablished
    )
}

/// How surely aircraft named as the attacker tell an air strike: as surely
/// as a bare غارة (triggers.tsv).
const AIRBORNE_PRIORITY: u8 = 6;

/// "غارة إسرائيلية", "مسيرة تركية": a weapon (the event word at match
/// `weapon`) with a nisba adjective is fired by that country's military.
fn national_weapon(
    doc: &Document,
    kb: &Knowledge,
    frame: &EventFrame,
    weapon: usize,
) -> Option<ActorMention> {
    if !matches!(
        frame.sub_event.event_type(),
        "Explosions/Remote violence" | "Battles"
    ) {
        return None;
    }
    let trigger = &doc.matches[weapon];
    let (i, m) = doc
        .matches
        .iter()
        .enumerate()
        .skip(weapon + 1)
        .take_while(|(_, m)| m.first_token <= trigger.last_token + 2)
        .find(|(_, m)| m.nisba().is_some())?;
    // "بصاروخ موجه دبابة إسرائيلية": the nisba of a tank hit, not of the
    // weapon; but troops joined to the weapon fight beside it (طائرات
    // حربية وقوات سودانية)
    let unit = doc.word(m.first_token - 1);
    if m.first_token > trigger.last_token + 1 && kb.is_national_unit(unit) && !unit.starts_with('و')
    {
        return None;
    }
    // "هاجم مستوطنون فلسطينيين": a plural nisba names people, not a weapon's
    // maker
    let nisba_word = doc.word(m.last_token);
    if nisba_word.ends_with("يين") || nisba_word.ends_with("يون") {
        return None;
    }
    let country = &kb.countries[m.nisba()?].iso2;
    let id = format!("{}-military", country.to_ascii_lowercase());
    let actor = kb.actor_index(&id)?;
    Some(ActorMention {
        mention: i,
        head: i,
        actor,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The actors of every sentence of `text`, as (name's words, phrase's
    /// first word, actor id).
    fn actors(kb: &Knowledge, text: &str) -> Vec<(String, String, String)> {
        let doc = Document::analyze(text, None, kb);
        let mut named = NamedGroups::default();
        let countries = HashMap::new();
        let mut out = Vec::new();
        for sentence in &doc.sentences {
            for a in sentence_actors(&doc, kb, sentence.tokens.clone(), &mut named, &countries) {
                out.push((
                    doc.matches[a.mention].span.slice(doc.text()).to_owned(),
                    doc.word(doc.matches[a.head].first_token).to_owned(),
                    kb.actors[a.actor].id.clone(),
                ));
            }
        }
        out
    }

    #[test]
    fn members_and_armed_men_of_a_group_are_the_group() {
        let kb = Knowledge::embedded();
        let got = actors(
            &kb,
            "خطف مسلحون يشتبه في انتمائهم إلى جماعة بوكو حرام ثماني نساء",
        );
        assert_eq!(got[0].1, "مسلحون");
        assert_eq!(got[0].2, "boko-haram");
        assert!(got.iter().all(|a| a.2 != "generic-unidentified"), "{got:?}");
        let got = actors(&kb, "هاجمت خلايا تابعة لداعش حاجزا");
        assert_eq!((got[0].1.as_str(), got[0].2.as_str()), ("خلايا", "isis"));
        let got = actors(&kb, "قتل عنصر في حركة الشباب");
        assert_eq!(
            (got[0].1.as_str(), got[0].2.as_str()),
            ("عنصر", "al-shabaab")
        );
    }

    #[test]
    fn armed_men_next_to_another_actor_are_not_its_members() {
        let kb = Knowledge::embedded();
        let got = actors(&kb, "هاجم مسلحون قوات سوريا الديمقراطية");
        let ids: Vec<&str> = got.iter().map(|a| a.2.as_str()).collect();
        assert_eq!(ids, ["generic-unidentified", "sdf"]);
    }

    #[test]
    fn an_anaphor_refers_to_the_last_group_of_its_kind() {
        let kb = Knowledge::embedded();
        let text = "قال مسؤول إن حركة الشباب صعدت هجماتها فيما يتراجع تنظيم داعش. \
                    وهاجم مقاتلو الحركة قاعدة. وقتل عناصر التنظيم راعيا. وأعدم عناصره رجلا.";
        let got = actors(&kb, text);
        let ids: Vec<&str> = got
            .iter()
            .map(|a| a.2.as_str())
            .filter(|id| !id.starts_with("generic-"))
            .collect();
        // عناصره names no kind: the last named armed group
        assert_eq!(
            ids,
            ["al-shabaab", "isis", "al-shabaab", "isis", "isis"],
            "{got:?}"
        );
        assert_eq!(got[2].1, "مقاتلو");
    }

    #[test]
    fn a_kind_never_named_before_resolves_to_nothing() {
        let kb = Knowledge::embedded();
        let got = actors(
            &kb,
            "هاجم تنظيم داعش حاجزا. وتراجعت الحركة التجارية في المدينة.",
        );
        let ids: Vec<&str> = got.iter().map(|a| a.2.as_str()).collect();
        assert_eq!(ids, ["isis"]);
    }
}
