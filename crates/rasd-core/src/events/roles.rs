//! Roles: the actors a sentence names, who speaks for its content, and who
//! did what to whom in each frame.

use super::{ActorMention, EventFrame};
use crate::document::{Document, MatchExt};
use crate::knowledge::{CueKind, Knowledge, TriggerPos};
use std::collections::HashMap;
use std::ops::Range;

/// Actors named in a sentence, with anaphors (التنظيم) resolved to the last
/// named armed group.
pub(super) fn sentence_actors(
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
