//! The trained model: weights, file format, and Viterbi decoding.
//!
//! File format (little-endian): the magic `RASDNER1`; the feature families
//! (u32); the weight scale (f32); the transition weights, (labels + 1) ×
//! labels f32 (row 0 is the sentence start); the feature count n (u32), n
//! feature keys (u64, ascending) and n × labels weights (i16, times the
//! scale); the cluster-table length m (u32) and m rows of word length (u8),
//! word (UTF-8), fine and coarse cluster (u16 each); the name-table length
//! k (u32) and k rows of word length (u8), word (UTF-8), bits (u16; see
//! [`NameTable`]).

use super::clusters::Clusters;
use super::features::{
    intrinsic_features, sentence_features, DocContext, Families, Lexicon, TokenInfo, WordFacts,
};
use super::names::NameTable;
use super::LABELS;
use rustc_hash::FxHashMap;
use std::cell::RefCell;
use std::fmt;
use std::sync::atomic::{AtomicU64, Ordering};

const MAGIC: &[u8; 8] = b"RASDNER2";

/// A trained tagger.
pub struct Model {
    families: Families,
    /// Feature key → its `LABELS` weights.
    table: WeightTable,
    transitions: Vec<f32>,
    clusters: Clusters,
    names: NameTable,
    /// Tells this model's entries in the per-thread word cache from another's.
    id: u64,
}

/// Feature keys and their weights by open addressing with linear probing:
/// the keys are already well-mixed 64-bit hashes, so their low bits pick
/// the slot, and a probe reads a run of neighbouring keys (one cache line)
/// before the one row of weights it finds. Key 0 marks an empty slot; the
/// key 0 itself, if a feature has it, is kept apart.
struct WeightTable {
    /// Slot count − 1 (a power of two minus one).
    mask: usize,
    /// `EMPTY` or the key in each slot.
    keys: Vec<u64>,
    /// The weights of the key in the same slot.
    weights: Vec<[f32; LABELS]>,
    /// The weights of key 0, which cannot sit in a slot.
    zero: Option<[f32; LABELS]>,
    len: usize,
}

const EMPTY: u64 = 0;

impl WeightTable {
    /// A table of `(key, weights)`; a repeated key keeps its last weights.
    fn new(entries: impl ExactSizeIterator<Item = (u64, [f32; LABELS])>) -> WeightTable {
        // at most half full, so probe runs stay short
        let slots = (entries.len() * 2).next_power_of_two().max(16);
        let mut table = WeightTable {
            mask: slots - 1,
            keys: vec![EMPTY; slots],
            weights: vec![[0.0; LABELS]; slots],
            zero: None,
            len: 0,
        };
        for (key, weights) in entries {
            table.insert(key, weights);
        }
        table
    }

    fn insert(&mut self, key: u64, weights: [f32; LABELS]) {
        if key == EMPTY {
            self.len += usize::from(self.zero.is_none());
            self.zero = Some(weights);
            return;
        }
        let mut slot = key as usize & self.mask;
        loop {
            match self.keys[slot] {
                EMPTY => {
                    self.keys[slot] = key;
                    self.weights[slot] = weights;
                    self.len += 1;
                    return;
                }
                k if k == key => {
                    self.weights[slot] = weights;
                    return;
                }
                _ => slot = (slot + 1) & self.mask,
            }
        }
    }

    #[inline]
    fn get(&self, key: u64) -> Option<&[f32; LABELS]> {
        if key == EMPTY {
            return self.zero.as_ref();
        }
        let mut slot = key as usize & self.mask;
        loop {
            match self.keys[slot] {
                k if k == key => return Some(&self.weights[slot]),
                EMPTY => return None,
                _ => slot = (slot + 1) & self.mask,
            }
        }
    }

    /// Every key and its weights, in no particular order.
    fn iter(&self) -> impl Iterator<Item = (u64, &[f32; LABELS])> {
        let slots = self
            .keys
            .iter()
            .zip(&self.weights)
            .filter(|(&k, _)| k != EMPTY)
            .map(|(&k, w)| (k, w));
        self.zero.iter().map(|w| (EMPTY, w)).chain(slots)
    }

    fn len(&self) -> usize {
        self.len
    }
}

/// Per thread: the model and lexicon whose answers are cached, and per word
/// its analysis, its facts and the summed weights of its
/// [`intrinsic_features`] (most words of a text recur).
type WordCache = (
    (u64, u64),
    FxHashMap<String, (TokenInfo, WordFacts, [f32; LABELS])>,
);

thread_local! {
    static WORD_CACHE: RefCell<WordCache> = RefCell::new(((0, 0), FxHashMap::default()));
}

/// Words cached per thread before the cache starts over.
const WORD_CACHE_LIMIT: usize = 200_000;
/// Longer words (in bytes) are not cached: garbage input must not fill memory.
const WORD_CACHE_LONGEST: usize = 64;

fn next_model_id() -> u64 {
    static NEXT: AtomicU64 = AtomicU64::new(1);
    NEXT.fetch_add(1, Ordering::Relaxed)
}

/// A sentence's words as the tagger sees them before their neighbours.
struct Analysed {
    tokens: Vec<TokenInfo>,
    facts: Vec<WordFacts>,
    /// Summed weights of each word's [`intrinsic_features`].
    rows: Vec<[f32; LABELS]>,
}

/// A model file that cannot be read.
#[derive(Debug)]
pub struct ModelError(String);

impl fmt::Display for ModelError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "not a valid NER model: {}", self.0)
    }
}

impl std::error::Error for ModelError {}

impl Model {
    pub(crate) fn new(
        families: Families,
        keys: Vec<u64>,
        weights: Vec<f32>,
        transitions: Vec<f32>,
        clusters: Clusters,
        names: NameTable,
    ) -> Model {
        let rows = weights
            .chunks_exact(LABELS)
            .map(|w| w.try_into().expect("LABELS weights"));
        let table = WeightTable::new(keys.iter().copied().zip(rows));
        Model {
            families,
            table,
            transitions,
            clusters,
            names,
            id: next_model_id(),
        }
    }

    /// The labels of a sentence's words (see [`super::label_name`]), the
    /// sentence taken as a document of its own.
    pub fn tag(&self, words: &[&str], lexicon: &Lexicon) -> Vec<u8> {
        let analysed = self.words(words, lexicon);
        self.tag_with(words, &analysed, lexicon, &DocContext::default())
    }

    /// The labels of each sentence of a document (an article): a word's
    /// other occurrences in it inform its label.
    pub fn tag_document(&self, sentences: &[&[&str]], lexicon: &Lexicon) -> Vec<Vec<u8>> {
        let analysed: Vec<Analysed> = sentences.iter().map(|w| self.words(w, lexicon)).collect();
        let doc = if self.families.has(Families::DOCUMENT) {
            let tokens: Vec<&[TokenInfo]> = analysed.iter().map(|a| a.tokens.as_slice()).collect();
            DocContext::new(&tokens)
        } else {
            DocContext::default()
        };
        sentences
            .iter()
            .zip(&analysed)
            .map(|(words, analysed)| self.tag_with(words, analysed, lexicon, &doc))
            .collect()
    }

    /// Each word's analysis, facts and the summed weights of its word-only
    /// features, from the per-thread cache when the word was seen before.
    fn words(&self, words: &[&str], lexicon: &Lexicon) -> Analysed {
        WORD_CACHE.with_borrow_mut(|(owner, cache)| {
            if *owner != (self.id, lexicon.id) || cache.len() > WORD_CACHE_LIMIT {
                *owner = (self.id, lexicon.id);
                cache.clear();
            }
            let mut analysed = Analysed {
                tokens: Vec::with_capacity(words.len()),
                facts: Vec::with_capacity(words.len()),
                rows: Vec::with_capacity(words.len()),
            };
            let mut keys = Vec::new();
            let mut gram = String::new();
            for &word in words {
                let (token, facts, row) = match cache.get(word) {
                    Some((token, facts, row)) => (token.clone(), *facts, *row),
                    None => {
                        let token = TokenInfo::new(word);
                        let facts = WordFacts::new(
                            &token,
                            self.families,
                            lexicon,
                            &self.clusters,
                            &self.names,
                        );
                        keys.clear();
                        intrinsic_features(
                            word,
                            &token,
                            self.families,
                            &facts,
                            &mut gram,
                            &mut keys,
                        );
                        let row = self.score(&keys);
                        if word.len() <= WORD_CACHE_LONGEST {
                            cache.insert(word.to_owned(), (token.clone(), facts, row));
                        }
                        (token, facts, row)
                    }
                };
                analysed.tokens.push(token);
                analysed.facts.push(facts);
                analysed.rows.push(row);
            }
            analysed
        })
    }

    fn tag_with(
        &self,
        words: &[&str],
        analysed: &Analysed,
        lexicon: &Lexicon,
        doc: &DocContext,
    ) -> Vec<u8> {
        let features = sentence_features(
            words,
            &analysed.tokens,
            &analysed.facts,
            self.families,
            lexicon,
            doc,
            false,
        );
        let scores: Vec<[f32; LABELS]> = analysed
            .rows
            .iter()
            .enumerate()
            .map(|(i, row)| {
                let mut row = *row;
                let context = self.score(features.token(i));
                row.iter_mut().zip(context).for_each(|(r, c)| *r += c);
                row
            })
            .collect();
        viterbi(&scores, &self.transitions)
    }

    /// The summed weights of `keys` per label.
    fn score(&self, keys: &[u64]) -> [f32; LABELS] {
        let mut row = [0f32; LABELS];
        for &key in keys {
            if let Some(w) = self.table.get(key) {
                row.iter_mut().zip(w).for_each(|(s, w)| *s += w);
            }
        }
        row
    }

    pub fn families(&self) -> Families {
        self.families
    }

    /// Features with a weight, words with a cluster, words in the name table.
    pub fn sizes(&self) -> (usize, usize, usize) {
        (self.table.len(), self.clusters.len(), self.names.len())
    }

    /// The model as a file; weights are stored as 16-bit integers and
    /// features whose weights all round to zero are left out.
    pub fn to_bytes(&self) -> Vec<u8> {
        let largest = self
            .table
            .iter()
            .flat_map(|(_, w)| w)
            .fold(0f32, |m, w| m.max(w.abs()))
            .max(f32::MIN_POSITIVE);
        let scale = largest / f32::from(i16::MAX);
        let mut kept: Vec<(u64, [i16; LABELS])> = self
            .table
            .iter()
            .filter_map(|(key, w)| {
                let mut q = [0i16; LABELS];
                for (q, w) in q.iter_mut().zip(w) {
                    *q = (w / scale).round() as i16;
                }
                (q != [0; LABELS]).then_some((key, q))
            })
            .collect();
        kept.sort_unstable_by_key(|&(k, _)| k);
        let mut out = Vec::new();
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&self.families.0.to_le_bytes());
        out.extend_from_slice(&scale.to_le_bytes());
        for t in &self.transitions {
            out.extend_from_slice(&t.to_le_bytes());
        }
        out.extend_from_slice(&(kept.len() as u32).to_le_bytes());
        for (key, _) in &kept {
            out.extend_from_slice(&key.to_le_bytes());
        }
        for (_, q) in &kept {
            for w in q {
                out.extend_from_slice(&w.to_le_bytes());
            }
        }
        let mut words: Vec<(&String, &(u16, u16))> = self
            .clusters
            .by_word
            .iter()
            .filter(|(w, _)| w.len() <= usize::from(u8::MAX))
            .collect();
        words.sort();
        out.extend_from_slice(&(words.len() as u32).to_le_bytes());
        for (word, (fine, coarse)) in words {
            out.push(word.len() as u8);
            out.extend_from_slice(word.as_bytes());
            out.extend_from_slice(&fine.to_le_bytes());
            out.extend_from_slice(&coarse.to_le_bytes());
        }
        let mut names: Vec<(&String, &u16)> = self
            .names
            .by_word
            .iter()
            .filter(|(w, _)| w.len() <= usize::from(u8::MAX))
            .collect();
        names.sort();
        out.extend_from_slice(&(names.len() as u32).to_le_bytes());
        for (word, bits) in names {
            out.push(word.len() as u8);
            out.extend_from_slice(word.as_bytes());
            out.extend_from_slice(&bits.to_le_bytes());
        }
        out
    }

    /// Reads a model file.
    ///
    /// # Errors
    /// When the bytes are not a model this version wrote.
    pub fn from_bytes(bytes: &[u8]) -> Result<Model, ModelError> {
        let mut r = Reader { bytes, at: 0 };
        if r.take(MAGIC.len())? != MAGIC {
            return Err(ModelError("wrong magic number".into()));
        }
        let families = Families(r.u32()?);
        let scale = f32::from_le_bytes(r.array()?);
        let transitions = (0..(LABELS + 1) * LABELS)
            .map(|_| r.array().map(f32::from_le_bytes))
            .collect::<Result<Vec<_>, _>>()?;
        let n = r.u32()? as usize;
        let keys = r.take(
            n.checked_mul(8)
                .ok_or_else(|| ModelError("too many features".into()))?,
        )?;
        let weights = r.take(n * LABELS * 2)?;
        let table = WeightTable::new(keys.chunks_exact(8).zip(weights.chunks_exact(LABELS * 2)).map(
            |(k, w)| {
                let mut row = [0f32; LABELS];
                for (r, w) in row.iter_mut().zip(w.chunks_exact(2)) {
                    *r = f32::from(i16::from_le_bytes([w[0], w[1]])) * scale;
                }
                (u64::from_le_bytes(k.try_into().expect("8 bytes")), row)
            },
        ));
        let m = r.u32()? as usize;
        let mut by_word = FxHashMap::default();
        by_word.reserve(m.min(bytes.len()));
        for _ in 0..m {
            let len = r.take(1)?[0] as usize;
            let word = std::str::from_utf8(r.take(len)?)
                .map_err(|_| ModelError("a cluster word is not UTF-8".into()))?
                .to_owned();
            let fine = u16::from_le_bytes(r.array()?);
            let coarse = u16::from_le_bytes(r.array()?);
            by_word.insert(word, (fine, coarse));
        }
        let k = r.u32()? as usize;
        let mut names = FxHashMap::default();
        names.reserve(k.min(bytes.len()));
        for _ in 0..k {
            let len = r.take(1)?[0] as usize;
            let word = std::str::from_utf8(r.take(len)?)
                .map_err(|_| ModelError("a name-table word is not UTF-8".into()))?
                .to_owned();
            names.insert(word, u16::from_le_bytes(r.array()?));
        }
        if r.at != bytes.len() {
            return Err(ModelError("trailing bytes".into()));
        }
        Ok(Model {
            families,
            table,
            transitions,
            clusters: Clusters { by_word },
            names: NameTable { by_word: names },
            id: next_model_id(),
        })
    }
}

struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Reader<'a> {
    fn take(&mut self, len: usize) -> Result<&'a [u8], ModelError> {
        let end = self
            .at
            .checked_add(len)
            .filter(|&end| end <= self.bytes.len())
            .ok_or_else(|| ModelError("truncated".into()))?;
        let slice = &self.bytes[self.at..end];
        self.at = end;
        Ok(slice)
    }

    fn array<const N: usize>(&mut self) -> Result<[u8; N], ModelError> {
        Ok(self.take(N)?.try_into().expect("take returns N bytes"))
    }

    fn u32(&mut self) -> Result<u32, ModelError> {
        self.array().map(u32::from_le_bytes)
    }
}

/// The best label sequence under per-token `scores` and first-order
/// `transitions` (row 0: from the sentence start; row 1 + l: from label l).
pub(crate) fn viterbi(scores: &[[f32; LABELS]], transitions: &[f32]) -> Vec<u8> {
    if scores.is_empty() {
        return Vec::new();
    }
    let mut best = [0f32; LABELS];
    for (l, b) in best.iter_mut().enumerate() {
        *b = transitions[l] + scores[0][l];
    }
    let mut back: Vec<[u8; LABELS]> = Vec::with_capacity(scores.len());
    back.push([0; LABELS]);
    for row in &scores[1..] {
        let mut next = [f32::MIN; LABELS];
        let mut from = [0u8; LABELS];
        for (l, score) in row.iter().enumerate() {
            for (p, b) in best.iter().enumerate() {
                let s = b + transitions[(p + 1) * LABELS + l];
                if s > next[l] {
                    next[l] = s;
                    from[l] = p as u8;
                }
            }
            next[l] += score;
        }
        best = next;
        back.push(from);
    }
    let mut label = (0..LABELS)
        .max_by(|&a, &b| best[a].total_cmp(&best[b]).then(b.cmp(&a)))
        .unwrap_or(0) as u8;
    let mut labels = vec![0u8; scores.len()];
    for i in (0..scores.len()).rev() {
        labels[i] = label;
        label = back[i][label as usize];
    }
    labels
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn weight_table_finds_every_key_and_no_other() {
        let row = |x: f32| [x; LABELS];
        // key 0 is the empty-slot marker; 16 and 32 share slot 0 with it in
        // a small table, so their probes run past it
        let keys = [0u64, 16, 32, 1, u64::MAX, 17, 0x8000_0000_0000_0000];
        let table = WeightTable::new(keys.iter().enumerate().map(|(i, &k)| (k, row(i as f32))));
        assert_eq!(table.len(), keys.len());
        for (i, &k) in keys.iter().enumerate() {
            assert_eq!(table.get(k), Some(&row(i as f32)), "key {k}");
        }
        for k in [2u64, 48, 15, u64::MAX - 1] {
            assert_eq!(table.get(k), None, "key {k}");
        }
        let mut seen: Vec<u64> = table.iter().map(|(k, _)| k).collect();
        seen.sort_unstable();
        let mut expected = keys.to_vec();
        expected.sort_unstable();
        assert_eq!(seen, expected);
    }

    #[test]
    fn a_table_without_key_zero_does_not_find_it() {
        let table = WeightTable::new([(5u64, [1.0; LABELS])].into_iter());
        assert_eq!(table.get(0), None);
        assert_eq!(table.len(), 1);
    }

    #[test]
    fn weights_of_key_zero_survive_the_file() {
        let model = Model::new(
            Families::ALL,
            vec![0, 7],
            (0..2 * LABELS).map(|i| i as f32).collect(),
            vec![0.0; (LABELS + 1) * LABELS],
            Clusters::default(),
            NameTable::default(),
        );
        let again = Model::from_bytes(&model.to_bytes()).unwrap();
        assert_eq!(again.sizes().0, 2);
        assert!(again.table.get(0).unwrap()[LABELS - 1] > 0.0);
        assert_eq!(again.to_bytes(), model.to_bytes());
    }
}
