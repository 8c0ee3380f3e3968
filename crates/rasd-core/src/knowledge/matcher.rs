//! One automaton over every name the knowledge base knows, with clitic-aware
//! word boundaries.

use crate::text::{fold, is_proclitic, Token};
use crate::Span;
use aho_corasick::automaton::Automaton;
use aho_corasick::nfa::contiguous;
use aho_corasick::{Anchored, MatchKind};
use rustc_hash::FxHashMap;

/// What a pattern names.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Entry {
    Actor(u32),
    Place(u32),
    Country(u32),
    /// A nisba adjective of the country (السورية).
    Nisba(u32),
    Trigger(u32),
    Cue(u32),
}

#[derive(Clone, Copy, Debug)]
struct PatternInfo {
    entry: Entry,
    /// The pattern is a name with its leading ال removed; it only matches
    /// after clitics that end in the article (بال، لل، وال).
    needs_article: bool,
    /// The last word may continue (`هاجم*`).
    open_end: bool,
}

/// A name found in the text: where, and every entry it may stand for.
#[derive(Clone, Debug, PartialEq)]
pub struct Match {
    /// Normalized-text bytes of the name, clitics excluded.
    pub span: Span,
    /// Index of the token the name starts in.
    pub first_token: usize,
    /// Index of the token it ends in.
    pub last_token: usize,
    /// Byte length of the clitics before the name in its first token.
    pub clitics: usize,
    pub entries: Vec<Entry>,
    /// Found by its romanized skeleton, not by an Arabic name of the table.
    pub romanized: bool,
}

pub struct Matcher {
    /// Searched anchored, from word starts only (see [`Matcher::find`]).
    automaton: contiguous::NFA,
    patterns: Vec<PatternInfo>,
    /// The automaton reads characters, not UTF-8 bytes, in this code.
    codes: CharCodes,
}

/// A prefix-free byte code for the characters of the patterns, most
/// frequent first: one byte for each of the first [`ONE_BYTE_CODES`], two
/// for the rest. Arabic letters take two bytes in UTF-8 and one here, so a
/// walk through the automaton visits half the states.
struct CharCodes {
    /// Index + 1 of the characters below U+0800 (ASCII, Latin, Arabic); 0
    /// for one no pattern has.
    below_0800: Vec<u16>,
    /// Index of the others.
    others: FxHashMap<char, u16>,
}

const ONE_BYTE_CODES: usize = 240;

/// Two-byte codes: a lead byte from [`ONE_BYTE_CODES`] up, then any byte.
const MAX_CODES: usize = ONE_BYTE_CODES + (256 - ONE_BYTE_CODES) * 256;

impl CharCodes {
    /// Codes for the characters of `patterns`, or `None` when they are too
    /// many for two bytes.
    fn for_patterns(patterns: &[String]) -> Option<CharCodes> {
        let mut counts: FxHashMap<char, usize> = FxHashMap::default();
        for c in patterns.iter().flat_map(|p| p.chars()) {
            *counts.entry(c).or_default() += 1;
        }
        if counts.len() > MAX_CODES {
            return None;
        }
        let mut by_frequency: Vec<(char, usize)> = counts.into_iter().collect();
        by_frequency.sort_by_key(|&(c, n)| (std::cmp::Reverse(n), c));
        let mut codes = CharCodes {
            below_0800: vec![0; 0x800],
            others: FxHashMap::default(),
        };
        for (index, &(c, _)) in (0u16..).zip(&by_frequency) {
            match codes.below_0800.get_mut(c as usize) {
                Some(slot) => *slot = index + 1,
                None => {
                    codes.others.insert(c, index);
                }
            }
        }
        Some(codes)
    }

    /// The code of `c` into `out`, its length returned; 0 when no pattern
    /// has `c`.
    fn encode(&self, c: char, out: &mut [u8; 2]) -> usize {
        let index = match self.below_0800.get(c as usize) {
            Some(0) => return 0,
            Some(&slot) => usize::from(slot - 1),
            None => match self.others.get(&c) {
                Some(&index) => usize::from(index),
                None => return 0,
            },
        };
        if index < ONE_BYTE_CODES {
            out[0] = index as u8;
            1
        } else {
            let rest = index - ONE_BYTE_CODES;
            out[0] = (ONE_BYTE_CODES + rest / 256) as u8;
            out[1] = (rest % 256) as u8;
            2
        }
    }

    fn encode_str(&self, s: &str) -> Vec<u8> {
        let mut out = Vec::with_capacity(s.len());
        let mut code = [0u8; 2];
        for c in s.chars() {
            let len = self.encode(c, &mut code);
            out.extend_from_slice(&code[..len]);
        }
        out
    }
}

/// Collects patterns before the automaton is built.
#[derive(Default)]
pub struct MatcherBuilder {
    folded: Vec<String>,
    patterns: Vec<PatternInfo>,
}

impl MatcherBuilder {
    /// Adds a name as written in a data file (`*` at the end opens it).
    pub fn add(&mut self, name: &str, entry: Entry) {
        let (name, open_end) = match name.strip_suffix('*') {
            Some(n) => (n, true),
            None => (name, false),
        };
        let folded = fold(name.trim());
        let folded = folded.split_whitespace().collect::<Vec<_>>().join(" ");
        if folded.chars().count() < 2 {
            return;
        }
        if let Some(bare) = folded.strip_prefix("ال") {
            if bare.chars().count() >= 2 {
                self.push(
                    bare.to_owned(),
                    PatternInfo {
                        entry,
                        needs_article: true,
                        open_end,
                    },
                );
            }
        }
        self.push(
            folded,
            PatternInfo {
                entry,
                needs_article: false,
                open_end,
            },
        );
    }

    fn push(&mut self, folded: String, info: PatternInfo) {
        self.folded.push(folded);
        self.patterns.push(info);
    }

    pub fn build(self) -> Matcher {
        let codes = CharCodes::for_patterns(&self.folded)
            .expect("knowledge-base patterns have fewer distinct characters than two-byte codes");
        let encoded: Vec<Vec<u8>> = self.folded.iter().map(|p| codes.encode_str(p)).collect();
        let automaton = contiguous::Builder::new()
            .match_kind(MatchKind::Standard)
            .prefilter(false)
            .build(&encoded)
            .expect("knowledge-base patterns fit an automaton");
        Matcher {
            automaton,
            patterns: self.patterns,
            codes,
        }
    }
}

impl Matcher {
    /// Every name in `text` that starts at a word start (after optional
    /// clitics) and ends at a word end. Where names overlap, the longest
    /// wins; a name found at the same place under several entries keeps
    /// them all.
    pub fn find(&self, text: &str, tokens: &[Token]) -> Vec<Match> {
        let mut found: Vec<Match> = Vec::new();
        // Anchored walks from the only places a name may start (after a
        // token's clitics) instead of an overlapping scan of every byte.
        for (first, token) in tokens.iter().enumerate() {
            let word = token.span.slice(text);
            for (k, _) in word.char_indices() {
                let clitics = &word[..k];
                let may_start =
                    k <= MAX_PROCLITIC_BYTES && is_proclitic(clitics) || clitics.ends_with("لل");
                if may_start {
                    self.find_at(text, tokens, first, token.span.start + k, &mut found);
                }
            }
        }
        select_longest(found)
    }

    /// Every name that starts at byte `start`, in token `first`.
    fn find_at(
        &self,
        text: &str,
        tokens: &[Token],
        first: usize,
        start: usize,
        found: &mut Vec<Match>,
    ) {
        let nfa = &self.automaton;
        let Ok(mut state) = nfa.start_state(Anchored::Yes) else {
            return;
        };
        // the code bytes read so far
        let mut read = 0;
        let mut code = [0u8; 2];
        for (offset, c) in text[start..].char_indices() {
            let len = self.codes.encode(c, &mut code);
            if len == 0 {
                // no name has this character
                return;
            }
            for &byte in &code[..len] {
                state = nfa.next_state(Anchored::Yes, state, byte);
                if nfa.is_dead(state) {
                    return;
                }
            }
            read += len;
            if !nfa.is_match(state) {
                continue;
            }
            let end = start + offset + c.len_utf8();
            for i in 0..nfa.match_len(state) {
                let pattern = nfa.match_pattern(state, i);
                // a state also holds the names that end here but start later
                if nfa.pattern_len(pattern) != read {
                    continue;
                }
                let info = self.patterns[pattern.as_usize()];
                let Some(last) = token_at(tokens, end - 1) else {
                    continue;
                };
                let word_start = tokens[first].span.start;
                let clitics = &text[word_start..start];
                let clitics_ok = if info.needs_article {
                    clitics.ends_with("ال") && is_proclitic(clitics) || clitics.ends_with("لل")
                } else {
                    is_proclitic(clitics)
                };
                if !clitics_ok || !(info.open_end || tokens[last].span.end == end) {
                    continue;
                }
                let span = Span::new(
                    start,
                    if info.open_end {
                        tokens[last].span.end
                    } else {
                        end
                    },
                );
                found.push(Match {
                    span,
                    first_token: first,
                    last_token: last,
                    clitics: clitics.len(),
                    entries: vec![info.entry],
                    romanized: false,
                });
            }
        }
    }
}

/// The longest run of proclitics [`is_proclitic`] accepts (وبال).
const MAX_PROCLITIC_BYTES: usize = "وبال".len();

fn token_at(tokens: &[Token], byte: usize) -> Option<usize> {
    let i = tokens.partition_point(|t| t.span.end <= byte);
    (i < tokens.len() && tokens[i].span.start <= byte).then_some(i)
}

/// Keeps the longest of overlapping matches (measured from the word start,
/// so a name with its article beats the same name without), merging the
/// entries of matches that cover the very same words; but a place read
/// with clitics does not join a place the word names whole (كسلا is
/// Kassala, not ك and سلا, Salé).
fn select_longest(mut found: Vec<Match>) -> Vec<Match> {
    let reach = |m: &Match| m.span.end;
    found.sort_by(|a, b| {
        a.first_token
            .cmp(&b.first_token)
            .then(reach(b).cmp(&reach(a)))
            .then(a.clitics.cmp(&b.clitics))
            .then(a.entries.cmp(&b.entries))
    });
    let mut kept: Vec<Match> = Vec::with_capacity(found.len());
    for m in found {
        if let Some(last) = kept.last_mut() {
            if last.first_token == m.first_token && last.span.end == m.span.end {
                let place = |e: &Entry| matches!(e, Entry::Place(_));
                // (the article alone is no other reading: الخرطوم)
                let place_through_clitics = m.clitics > last.clitics
                    && m.clitics - last.clitics != "ال".len()
                    && place(&m.entries[0])
                    && last.entries.iter().any(place);
                if !place_through_clitics && !last.entries.contains(&m.entries[0]) {
                    last.entries.push(m.entries[0]);
                }
                continue;
            }
            if m.first_token <= last.last_token {
                continue;
            }
        }
        kept.push(m);
    }
    kept
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::tokenize;

    fn matcher(names: &[&str]) -> Matcher {
        let mut b = MatcherBuilder::default();
        for (i, n) in names.iter().enumerate() {
            b.add(n, Entry::Cue(i as u32));
        }
        b.build()
    }

    fn find<'t>(m: &Matcher, text: &'t str) -> Vec<(&'t str, Vec<Entry>)> {
        let (tokens, _) = tokenize(text);
        m.find(text, &tokens)
            .into_iter()
            .map(|x| (x.span.slice(text), x.entries))
            .collect()
    }

    #[test]
    fn matches_through_clitics_but_not_inside_words() {
        let m = matcher(&["الحسكة", "داعش", "الميليشيات", "مدينة", "لبنان"]);
        let text = fold("بمدينة الحسكة لداعش وللميليشيات ومدينتهم بلبنان ولبنانيون");
        let names: Vec<&str> = find(&m, &text).into_iter().map(|(s, _)| s).collect();
        assert_eq!(names, ["مدينه", "الحسكه", "داعش", "ميليشيات", "لبنان"]);
    }

    #[test]
    fn longest_match_wins_and_same_span_keeps_all_entries() {
        let m = matcher(&["قوات", "قوات سوريا الديمقراطية", "سوريا", "قوات"]);
        let text = fold("هاجمت قوات سوريا الديمقراطية مواقع في سوريا");
        let got = find(&m, &text);
        assert_eq!(got[0].0, "قوات سوريا الديمقراطيه");
        assert_eq!(got[1].0, "سوريا");
        let m = matcher(&["اعتقال", "اعتقال"]);
        let text = fold("حملة اعتقال");
        let got = find(&m, &text);
        assert_eq!(got[0].1, [Entry::Cue(0), Entry::Cue(1)]);
    }

    #[test]
    fn names_of_rare_characters_take_two_byte_codes_and_match() {
        // more distinct characters than one-byte codes: the rarest, each in
        // one name only, get two bytes
        let names: Vec<String> = (0x4E00..0x4E00 + 2 * ONE_BYTE_CODES as u32)
            .filter_map(char::from_u32)
            .map(|c| format!("{c}{c}"))
            .collect();
        let refs: Vec<&str> = names.iter().map(String::as_str).collect();
        let m = matcher(&refs);
        let last = names.last().unwrap();
        let text = format!("قرب {last} و{} ثم {}", names[0], names[1]);
        let got: Vec<&str> = find(&m, &text).into_iter().map(|(s, _)| s).collect();
        assert_eq!(got, [last.as_str(), names[0].as_str(), names[1].as_str()]);
        // a character no name has ends the walk
        assert!(find(&m, "\u{5000}\u{5000}").is_empty());
    }

    #[test]
    fn open_patterns_take_suffixes() {
        let m = matcher(&["هاجم*"]);
        let text = fold("هاجموا المدينة ثم يهاجم");
        let got: Vec<&str> = find(&m, &text).into_iter().map(|(s, _)| s).collect();
        assert_eq!(got, ["هاجموا"]);
    }
}
