//! The Document: the original text and the layers the stages add to it.

use crate::dates::{find_dates, DateMention};
use crate::knowledge::{CueKind, Entry, Knowledge, Match};
use crate::numbers::Quantity;
use crate::text::{normalize, tokenize, Normalized, Sentence, Token};
use crate::Span;
use chrono::NaiveDate;

/// One article as it passes through the pipeline. Each stage reads the
/// layers before it and adds its own; every span is over `normalized` and is
/// mapped back to `original` only when output is written.
pub struct Document<'a> {
    pub original: &'a str,
    pub published: Option<NaiveDate>,
    pub normalized: Normalized,
    pub tokens: Vec<Token>,
    pub sentences: Vec<Sentence>,
    /// Names from the knowledge base, in text order, not overlapping.
    pub matches: Vec<Match>,
    pub quantities: Vec<Quantity>,
    pub dates: Vec<DateMention>,
    /// For each token, whether it belongs to a date mention.
    pub in_date: Vec<bool>,
}

impl<'a> Document<'a> {
    /// Runs the text, numbers, dates and lexicon stages.
    pub fn analyze(
        original: &'a str,
        published: Option<NaiveDate>,
        kb: &Knowledge,
    ) -> Document<'a> {
        let normalized = normalize(original);
        let (tokens, sentences) = tokenize(normalized.as_str());
        let text = normalized.as_str();
        let mut matches = kb.matcher().find(text, &tokens);
        let romanized = crate::knowledge::romanize::find(kb, text, &tokens, &matches);
        if !romanized.is_empty() {
            // a romanized name that runs on past a shorter place name
            // replaces it
            matches.retain(|m| {
                !romanized
                    .iter()
                    .any(|r| r.first_token <= m.last_token && m.first_token <= r.last_token)
            });
            matches.extend(romanized);
            matches.sort_by_key(|m| m.first_token);
        }
        let dates = find_dates(text, &tokens, published);
        join_across_dates(kb, text, &tokens, &dates, &mut matches);
        let quantities = crate::numbers::find_quantities_with_dates(text, &tokens, &dates);
        let mut in_date = vec![false; tokens.len()];
        for d in &dates {
            in_date[d.tokens.clone()].fill(true);
        }
        Document {
            original,
            published,
            normalized,
            tokens,
            sentences,
            matches,
            quantities,
            dates,
            in_date,
        }
    }

    pub fn text(&self) -> &str {
        self.normalized.as_str()
    }

    /// The original-text range of a normalized span.
    pub fn original_span(&self, span: Span) -> Span {
        self.normalized.to_original(span)
    }

    /// The folded text of token `i`.
    pub fn word(&self, i: usize) -> &str {
        self.tokens[i].span.slice(self.text())
    }

    /// The index of the sentence holding token `token` (the last sentence
    /// for a token past the end).
    pub fn sentence_of(&self, token: usize) -> usize {
        self.sentences
            .partition_point(|s| s.tokens.end <= token)
            .min(self.sentences.len().saturating_sub(1))
    }

    /// The matches that start in a token range, found by binary search
    /// (matches are sorted by their first token and do not overlap).
    pub fn matches_in(&self, tokens: std::ops::Range<usize>) -> &[Match] {
        let start = self
            .matches
            .partition_point(|m| m.first_token < tokens.start);
        let end = self.matches.partition_point(|m| m.first_token < tokens.end);
        &self.matches[start..end.max(start)]
    }

    /// The index of the match whose last token is `end`, found by binary
    /// search (sorted and not overlapping, the matches are in the order of
    /// their last tokens too).
    pub fn match_ending_at(&self, end: usize) -> Option<usize> {
        let p = self.matches.partition_point(|m| m.last_token <= end);
        p.checked_sub(1)
            .filter(|&p| self.matches[p].last_token == end)
    }

    /// Whether match `m` carries the article among its clitics (التظاهر،
    /// بالتظاهر).
    pub fn with_article(&self, m: &Match) -> bool {
        m.clitics > 0 && self.text()[m.span.start - m.clitics..m.span.start].ends_with("ال")
    }

    /// Whether match `m` opens with the preposition ل among its clitics
    /// (للجيش، لإيران).
    pub fn with_li(&self, m: &Match) -> bool {
        m.clitics > 0 && self.text()[self.tokens[m.first_token].span.start..].starts_with('ل')
    }
}

/// Convenience views of a match's entries.
pub trait MatchExt {
    fn actors(&self) -> impl Iterator<Item = usize> + '_;
    fn places(&self) -> impl Iterator<Item = usize> + '_;
    fn triggers(&self) -> impl Iterator<Item = usize> + '_;
    fn country(&self) -> Option<usize>;
    fn nisba(&self) -> Option<usize>;
    fn has_cue(&self, kb: &Knowledge, kind: CueKind) -> bool;
}

impl MatchExt for Match {
    fn actors(&self) -> impl Iterator<Item = usize> + '_ {
        self.entries.iter().filter_map(|e| match e {
            Entry::Actor(i) => Some(*i as usize),
            _ => None,
        })
    }

    fn places(&self) -> impl Iterator<Item = usize> + '_ {
        self.entries.iter().filter_map(|e| match e {
            Entry::Place(i) => Some(*i as usize),
            _ => None,
        })
    }

    fn triggers(&self) -> impl Iterator<Item = usize> + '_ {
        self.entries.iter().filter_map(|e| match e {
            Entry::Trigger(i) => Some(*i as usize),
            _ => None,
        })
    }

    fn country(&self) -> Option<usize> {
        self.entries.iter().find_map(|e| match e {
            Entry::Country(i) => Some(*i as usize),
            _ => None,
        })
    }

    fn nisba(&self) -> Option<usize> {
        self.entries.iter().find_map(|e| match e {
            Entry::Nisba(i) => Some(*i as usize),
            _ => None,
        })
    }

    fn has_cue(&self, kb: &Knowledge, kind: CueKind) -> bool {
        self.entries
            .iter()
            .any(|e| matches!(e, Entry::Cue(i) if kb.cues[*i as usize].kind == kind))
    }
}

/// "مفرزة للجيش قضت، مساء أمس الأربعاء، على ثلاثة إرهابيين": a name of
/// several words (قضت على) that a date set off by commas splits is found
/// across it, as one match over the date.
fn join_across_dates(
    kb: &Knowledge,
    text: &str,
    tokens: &[Token],
    dates: &[DateMention],
    matches: &mut Vec<Match>,
) {
    // (dates told one after another are one run: "مساء أمس الأربعاء 12
    // أفريل 2023")
    let mut runs: Vec<std::ops::Range<usize>> = Vec::new();
    for date in dates {
        match runs.last_mut() {
            Some(run) if run.end == date.tokens.start => run.end = date.tokens.end,
            _ => runs.push(date.tokens.clone()),
        }
    }
    for run in runs {
        let (before, after) = (run.start.wrapping_sub(1), run.end);
        if run.start == 0
            || after >= tokens.len()
            || !tokens[run.start].after_comma
            || !tokens[after].after_comma
        {
            continue;
        }
        // the word before the date and the two after it, joined
        let words: Vec<usize> = std::iter::once(before)
            .chain((after..tokens.len()).take(2))
            .collect();
        let joined = words
            .iter()
            .map(|&t| tokens[t].span.slice(text))
            .collect::<Vec<_>>()
            .join(" ");
        let (joined_tokens, _) = tokenize(&joined);
        if joined_tokens.len() != words.len() {
            continue;
        }
        let across = kb
            .matcher()
            .find(&joined, &joined_tokens)
            .into_iter()
            .filter(|m| m.first_token == 0 && m.last_token >= 1)
            .max_by_key(|m| m.last_token);
        let Some(m) = across else {
            continue;
        };
        let last = words[m.last_token];
        let joined_match = Match {
            span: Span::new(
                tokens[before].span.start + m.span.start,
                tokens[last].span.end,
            ),
            first_token: before,
            last_token: last,
            ..m
        };
        matches.retain(|o| o.last_token < before || o.first_token > last);
        let at = matches.partition_point(|o| o.first_token < before);
        matches.insert(at, joined_match);
    }
}
