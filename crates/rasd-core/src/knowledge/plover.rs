//! `plover.tsv`: what an event word means in PLOVER's ontology, and how much
//! it says on its own when a sentence is read for event mentions.

use super::tables::{Cue, CueKind, Rows, Trigger};
use super::KbError;
use crate::acled::SubEventType;

/// PLOVER's sixteen event types.
pub const PLOVER_TYPES: [&str; 16] = [
    "AGREE",
    "CONSULT",
    "SUPPORT",
    "CONCEDE",
    "COOPERATE",
    "AID",
    "RETREAT",
    "DEMAND",
    "ACCUSE",
    "REJECT",
    "THREATEN",
    "PROTEST",
    "SANCTION",
    "MOBILIZE",
    "COERCE",
    "ASSAULT",
];

/// How much a word says alone about an event having happened.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Strength {
    /// Says nothing for mention detection.
    None,
    /// Needs support in its sentence (هجوم: also a verbal attack).
    Weak,
    /// Enough unless the sentence gives it another sense (قتلى: also in a
    /// road accident).
    Medium,
    /// Enough on its own (غارة، سيارة مفخخة).
    Strong,
}

/// What a figure word or an ACLED sub-event type's trigger is in PLOVER.
#[derive(Clone, Debug, PartialEq)]
pub struct PloverRule {
    /// An ACLED sub-event type, or a figure kind (`killed`, `injured`, `captured`).
    pub key: String,
    /// Folded word prefixes; empty for the key's default row.
    pub words: Vec<Vec<String>>,
    /// A PLOVER event type; `None` when the row maps to nothing (`-`).
    pub event_type: Option<String>,
    pub mode: Option<String>,
    pub strength: Strength,
    /// Further PLOVER types the word reports in mention detection (a shooting
    /// of protesters is an ASSAULT and tells of a PROTEST).
    pub also: Vec<String>,
}

pub(super) fn parse_plover(
    file: &str,
    text: &str,
    out: &mut Vec<PloverRule>,
) -> Result<(), KbError> {
    let header = ["acled", "words", "plover", "mode", "mention", "?also"];
    for row in Rows::new(file, text, &header)? {
        let row = row?;
        let key = row.cells[0].trim();
        if SubEventType::parse(key).is_none() && figure_key_of(key).is_none() {
            return Err(row.error(format!(
                "acled must be an ACLED sub-event type or killed, injured, captured; found {key:?}"
            )));
        }
        let check_type = |t: &str| {
            PLOVER_TYPES
                .contains(&t)
                .then(|| t.to_owned())
                .ok_or_else(|| row.error(format!("unknown PLOVER event type {t:?}")))
        };
        let event_type = match row.cells[2].trim() {
            "-" | "" => None,
            t => Some(check_type(t)?),
        };
        let strength = match row.cells[4].trim() {
            "strong" => Strength::Strong,
            "medium" => Strength::Medium,
            "weak" => Strength::Weak,
            "none" => Strength::None,
            s => {
                return Err(row.error(format!(
                    "mention must be strong, medium, weak or none, found {s:?}"
                )))
            }
        };
        let also = row
            .list(5)
            .iter()
            .map(|t| check_type(t))
            .collect::<Result<Vec<_>, _>>()?;
        out.push(PloverRule {
            key: key.to_owned(),
            words: row.list(1).iter().map(|w| words_of(w)).collect(),
            mode: Some(row.cells[3].trim().to_owned()).filter(|m| !m.is_empty()),
            strength: if event_type.is_none() {
                Strength::None
            } else {
                strength
            },
            event_type,
            also,
        });
    }
    Ok(())
}

/// The key figure cues are filed under.
fn figure_key_of(key: &str) -> Option<&'static str> {
    ["killed", "injured", "captured"]
        .into_iter()
        .find(|k| *k == key)
}

fn figure_key(kind: CueKind) -> Option<&'static str> {
    match kind {
        CueKind::Killed | CueKind::KilledOne => Some("killed"),
        CueKind::Injured => Some("injured"),
        CueKind::Captured => Some("captured"),
        _ => None,
    }
}

/// Folded words without the article: the unit rows are matched in.
fn words_of(phrase: &str) -> Vec<String> {
    crate::text::fold(phrase.trim_end_matches('*'))
        .split_whitespace()
        .map(|w| w.strip_prefix("ال").unwrap_or(w).to_owned())
        .collect()
}

/// A row's word item matches a pattern when its words start consecutive
/// words of the pattern (قتل matches قتلى، "سيارة مفخخة" matches "السيارة المفخخة").
fn item_matches(item: &[String], pattern: &[String]) -> bool {
    !item.is_empty()
        && pattern
            .windows(item.len())
            .any(|w| w.iter().zip(item).all(|(p, i)| p.starts_with(i.as_str())))
}

/// The row for a key and a pattern: the first whose words match, else the
/// key's default row.
fn rule_for(rules: &[PloverRule], key: &str, pattern: &str) -> Option<u32> {
    let words = words_of(pattern);
    let of_key = || rules.iter().enumerate().filter(|(_, r)| r.key == key);
    of_key()
        .find(|(_, r)| r.words.iter().any(|item| item_matches(item, &words)))
        .or_else(|| of_key().find(|(_, r)| r.words.is_empty()))
        .map(|(i, _)| i as u32)
}

/// The row of every trigger (by its sub-event type and pattern).
pub(super) fn rules_of_triggers(rules: &[PloverRule], triggers: &[Trigger]) -> Vec<Option<u32>> {
    triggers
        .iter()
        .map(|t| rule_for(rules, t.sub_event.as_str(), &t.pattern))
        .collect()
}

/// The row of every figure cue (by its kind and pattern).
pub(super) fn rules_of_cues(rules: &[PloverRule], cues: &[Cue]) -> Vec<Option<u32>> {
    cues.iter()
        .map(|c| figure_key(c.kind).and_then(|key| rule_for(rules, key, &c.pattern)))
        .collect()
}

/// The default row of a sub-event type.
pub(super) fn default_rule(rules: &[PloverRule], sub_event: SubEventType) -> Option<u32> {
    rule_for(rules, sub_event.as_str(), "")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_word_item_matches_word_starts_in_order() {
        let item = words_of("سيارة مفخخة");
        assert!(item_matches(&item, &words_of("السيارة المفخخة")));
        assert!(!item_matches(&item, &words_of("سيارة")));
        assert!(item_matches(&words_of("قتل"), &words_of("قتلى")));
        assert!(!item_matches(&words_of("قتل"), &words_of("مقتل")));
    }
}
