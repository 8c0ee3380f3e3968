//! Name lists: how often each word was part of a name of each type in the
//! labeled training text, and membership in plain name lists (one name a
//! line, given at training time).
//!
//! The word-identity features already memorise the training names, but the
//! perceptron then trusts them too much on the training text itself and
//! learns nothing about a word it has seen only a few times. Here the
//! training statistics of a sentence come from the *other* folds of the
//! training text (jackknifing), so their weights are learned on words the
//! statistics did not see, as at tagging time; the model file keeps the
//! statistics of the whole training text.

use super::KINDS;
use crate::text::fold;
use rustc_hash::FxHashMap;

/// Per folded word: bits 2t..2t+2 the level at which the word was tagged
/// type `t` (1 sometimes, 2 in most of its occurrences, 3 always);
/// bit 8 + t: in the name list of type `t`; bit 12: seen at least twice,
/// never in a name.
#[derive(Clone, Debug, Default)]
pub struct NameTable {
    pub(crate) by_word: FxHashMap<String, u16>,
}

pub(crate) const LIST_SHIFT: u16 = 8;
pub(crate) const NEVER_A_NAME: u16 = 1 << 12;

/// How many times a word was seen and tagged as each type.
#[derive(Clone, Copy, Default)]
struct Counts {
    seen: u32,
    as_kind: [u32; KINDS.len()],
}

impl NameTable {
    pub fn of(&self, folded: &str) -> u16 {
        self.by_word.get(folded).copied().unwrap_or(0)
    }

    pub fn len(&self) -> usize {
        self.by_word.len()
    }

    pub fn is_empty(&self) -> bool {
        self.by_word.is_empty()
    }

    /// Statistics of `sentences` (words, labels) plus membership in
    /// `lists` ((kind index, names)).
    pub fn build<'a>(
        sentences: impl Iterator<Item = (&'a [String], &'a [u8])>,
        lists: &[(u8, Vec<String>)],
    ) -> NameTable {
        let mut counts: FxHashMap<String, Counts> = FxHashMap::default();
        for (words, labels) in sentences {
            for (word, &label) in words.iter().zip(labels) {
                let entry = counts.entry(fold(word)).or_default();
                entry.seen += 1;
                if label > 0 {
                    entry.as_kind[(label as usize - 1) / 2] += 1;
                }
            }
        }
        let mut by_word: FxHashMap<String, u16> = FxHashMap::default();
        for (word, c) in counts {
            let mut bits = 0u16;
            for (t, &n) in c.as_kind.iter().enumerate() {
                let level = if n == 0 {
                    0
                } else if n == c.seen {
                    3
                } else if 2 * n >= c.seen {
                    2
                } else {
                    1
                };
                bits |= level << (2 * t);
            }
            if bits == 0 && c.seen >= 2 {
                bits = NEVER_A_NAME;
            }
            if bits != 0 {
                by_word.insert(word, bits);
            }
        }
        for (kind, names) in lists {
            for name in names {
                for word in name.split_whitespace() {
                    *by_word.entry(fold(word)).or_default() |= 1 << (LIST_SHIFT + u16::from(*kind));
                }
            }
        }
        NameTable { by_word }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn levels_follow_the_share_of_tagged_occurrences() {
        let words: Vec<String> = ["زيد", "قال", "زيد", "في"].map(String::from).to_vec();
        let labels = [1u8, 0, 1, 0];
        let more: Vec<String> = ["في", "بغداد", "قال"].map(String::from).to_vec();
        let more_labels = [0u8, 3, 0];
        let table = NameTable::build(
            [
                (words.as_slice(), &labels[..]),
                (more.as_slice(), &more_labels[..]),
            ]
            .into_iter(),
            &[(0, vec!["عمر بن زيد".to_owned()])],
        );
        assert_eq!(table.of("زيد"), 3 | 1 << LIST_SHIFT);
        assert_eq!(table.of("بغداد"), 3 << 2);
        assert_eq!(table.of("قال"), NEVER_A_NAME);
        assert_eq!(table.of("عمر"), 1 << LIST_SHIFT);
        assert_eq!(table.of("حلب"), 0);
    }
}
