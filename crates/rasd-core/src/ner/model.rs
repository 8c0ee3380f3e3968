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
    context_scores, intrinsic_features, name_slots, DocContext, Families, Lexicon, NameSlots, Slot,
    TokenInfo, WordFacts, WordSlots, NO_NAME_SET, NO_SLOT,
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
    /// The weight rows of the sentence edge as a neighbour.
    edge: WordSlots,
    /// The rows of the name-table features of each name bits value in the
    /// name table, and where each value's set is.
    name_sets: Vec<[NameSlots; 4]>,
    name_set_of: FxHashMap<u16, u16>,
    /// Tells this model's entries in the per-thread word cache from another's.
    id: u64,
}

/// Feature keys and their weights by open addressing with linear probing:
/// the keys are already well-mixed 64-bit hashes, so their low bits pick
/// the slot, and a slot holds the key and the index of its row of weights
/// (16 bytes: a probe reads neighbouring slots in one cache line). The rows
/// are dense, so the table is about as large as the model. Key 0 marks an
/// empty slot; the key 0 itself, if a feature has it, is kept apart.
///
/// Most keys a sentence asks for (word pairs above all) have no weights; a
/// one-bit-per-key filter small enough to stay in cache answers most of
/// those without touching the slots (it has no false negatives).
struct WeightTable {
    /// Bit `filter_bit(key)` is set for every key in the table.
    filter: Vec<u64>,
    /// Slot count − 1 (a power of two minus one).
    mask: usize,
    /// (`EMPTY` or a key, its row in `weights`).
    slots: Vec<(u64, u32)>,
    /// `LABELS` weights per key.
    weights: Vec<[f32; LABELS]>,
    /// The row of key 0, or `NO_SLOT`.
    zero: Slot,
}

const EMPTY: u64 = 0;
/// log2 of the filter's bits: 2^20 bits are 128 KiB, about 5% false
/// positives at 100,000 keys.
const FILTER_BITS: u32 = 20;

/// The filter bit of a key: its top bits (the slot uses the low ones).
fn filter_bit(key: u64) -> usize {
    (key >> (64 - FILTER_BITS)) as usize
}

impl WeightTable {
    /// A table of `(key, weights)`; a repeated key keeps its last weights.
    fn new(entries: impl ExactSizeIterator<Item = (u64, [f32; LABELS])>) -> WeightTable {
        // at most 80% full: misses mostly stop at the filter, hits probe
        // about three slots
        let slots = (entries.len() * 5 / 4 + 1).next_power_of_two().max(16);
        let mut table = WeightTable {
            filter: vec![0; (1 << FILTER_BITS) / 64],
            mask: slots - 1,
            slots: vec![(EMPTY, 0); slots],
            weights: Vec::with_capacity(entries.len()),
            zero: NO_SLOT,
        };
        for (key, weights) in entries {
            table.insert(key, weights);
        }
        table
    }

    fn insert(&mut self, key: u64, weights: [f32; LABELS]) {
        let existing = self.find(key);
        if existing != NO_SLOT {
            self.weights[existing as usize] = weights;
            return;
        }
        let row = self.weights.len() as u32;
        self.weights.push(weights);
        if key == EMPTY {
            self.zero = row;
            return;
        }
        let bit = filter_bit(key);
        self.filter[bit / 64] |= 1 << (bit % 64);
        let mut slot = key as usize & self.mask;
        while self.slots[slot].0 != EMPTY {
            slot = (slot + 1) & self.mask;
        }
        self.slots[slot] = (key, row);
    }

    /// The row of `key`'s weights in `weights`, or `NO_SLOT`.
    #[inline]
    fn find(&self, key: u64) -> Slot {
        if key == EMPTY {
            return self.zero;
        }
        let bit = filter_bit(key);
        if self.filter[bit / 64] & (1 << (bit % 64)) == 0 {
            return NO_SLOT;
        }
        let mut slot = key as usize & self.mask;
        loop {
            match self.slots[slot] {
                (k, row) if k == key => return row,
                (EMPTY, _) => return NO_SLOT,
                _ => slot = (slot + 1) & self.mask,
            }
        }
    }

    #[inline]
    fn get(&self, key: u64) -> Option<&[f32; LABELS]> {
        let row = self.find(key);
        (row != NO_SLOT).then(|| &self.weights[row as usize])
    }

    /// Every key and its weights, in no particular order.
    fn iter(&self) -> impl Iterator<Item = (u64, &[f32; LABELS])> {
        let zero = (self.zero != NO_SLOT).then(|| (EMPTY, &self.weights[self.zero as usize]));
        let slots = self
            .slots
            .iter()
            .filter(|(k, _)| *k != EMPTY)
            .map(|&(k, row)| (k, &self.weights[row as usize]));
        zero.into_iter().chain(slots)
    }

    fn len(&self) -> usize {
        self.weights.len()
    }
}

/// The name-table slot sets of every name bits value a word can have (those
/// of the table, and none), and the index of each.
fn name_sets(
    families: Families,
    names: &NameTable,
    table: &WeightTable,
) -> (Vec<[NameSlots; 4]>, FxHashMap<u16, u16>) {
    let mut values: Vec<u16> = names.by_word.values().copied().collect();
    values.push(0);
    values.sort_unstable();
    values.dedup();
    values.truncate(usize::from(NO_NAME_SET));
    let sets = values
        .iter()
        .map(|&bits| {
            if families.has(Families::NAME_LISTS) {
                name_slots(bits, |k| table.find(k))
            } else {
                [NameSlots::default(); 4]
            }
        })
        .collect();
    let index = values
        .iter()
        .enumerate()
        .map(|(i, &bits)| (bits, i as u16))
        .collect();
    (sets, index)
}

/// Per thread: the model and lexicon whose answers are cached, and per word
/// its analysis, its facts, the summed weights of its
/// [`intrinsic_features`] and the weight rows of its features as a
/// neighbour (most words of a text recur).
type WordCache = (
    (u64, u64),
    FxHashMap<String, (TokenInfo, WordFacts, [f32; LABELS], WordSlots)>,
);

thread_local! {
    static WORD_CACHE: RefCell<WordCache> = RefCell::new(((0, 0), FxHashMap::default()));
}

/// Words cached per thread before the cache starts over.
const WORD_CACHE_LIMIT: usize = 200_000;
/// Room made in the word cache when it starts.
const WORD_CACHE_START: usize = 8192;
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
    slots: Vec<WordSlots>,
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
        let (name_sets, name_set_of) = name_sets(families, &names, &table);
        Model {
            edge: WordSlots::edge(families, |k| table.find(k)),
            name_sets,
            name_set_of,
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
        self.tag_with(&analysed, lexicon, &DocContext::default())
    }

    /// The labels of each sentence of a document (an article): a word's
    /// other occurrences in it inform its label.
    pub fn tag_document(&self, sentences: &[&[&str]], lexicon: &Lexicon) -> Vec<Vec<u8>> {
        let analysed: Vec<Analysed> = sentences.iter().map(|w| self.words(w, lexicon)).collect();
        let doc = if self.families.has(Families::DOCUMENT) {
            let tokens: Vec<&[TokenInfo]> = analysed.iter().map(|a| a.tokens.as_slice()).collect();
            let mut doc = DocContext::new(&tokens);
            doc.resolve(|k| self.table.find(k));
            doc
        } else {
            DocContext::default()
        };
        analysed
            .iter()
            .map(|analysed| self.tag_with(analysed, lexicon, &doc))
            .collect()
    }

    /// Each word's analysis, facts and the summed weights of its word-only
    /// features, from the per-thread cache when the word was seen before.
    fn words(&self, words: &[&str], lexicon: &Lexicon) -> Analysed {
        WORD_CACHE.with_borrow_mut(|(owner, cache)| {
            if *owner != (self.id, lexicon.id) || cache.len() > WORD_CACHE_LIMIT {
                *owner = (self.id, lexicon.id);
                cache.clear();
                cache.reserve(WORD_CACHE_START);
            }
            let mut analysed = Analysed {
                tokens: Vec::with_capacity(words.len()),
                facts: Vec::with_capacity(words.len()),
                rows: Vec::with_capacity(words.len()),
                slots: Vec::with_capacity(words.len()),
            };
            let mut keys = Vec::new();
            let mut gram = String::new();
            for &word in words {
                let (token, facts, row, slots) = match cache.get(word) {
                    Some((token, facts, row, slots)) => (token.clone(), *facts, *row, *slots),
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
                        let name_set = self
                            .name_set_of
                            .get(&facts.name_bits())
                            .copied()
                            .unwrap_or(NO_NAME_SET);
                        let slots = WordSlots::new(
                            &token,
                            &facts,
                            self.families,
                            |k| self.table.find(k),
                            name_set,
                        );
                        if word.len() <= WORD_CACHE_LONGEST {
                            cache.insert(word.to_owned(), (token.clone(), facts, row, slots));
                        }
                        (token, facts, row, slots)
                    }
                };
                analysed.tokens.push(token);
                analysed.facts.push(facts);
                analysed.rows.push(row);
                analysed.slots.push(slots);
            }
            analysed
        })
    }

    fn tag_with(&self, analysed: &Analysed, lexicon: &Lexicon, doc: &DocContext) -> Vec<u8> {
        let mut scores = self.context_scores(analysed, lexicon, doc);
        for (score, row) in scores.iter_mut().zip(&analysed.rows) {
            // the word's own weights, plus those of its context
            let mut sum = *row;
            sum.iter_mut().zip(*score).for_each(|(r, c)| *r += c);
            *score = sum;
        }
        viterbi(&scores, &self.transitions)
    }

    /// Per token, the summed weights of its features that depend on its
    /// neighbours or the document.
    fn context_scores(
        &self,
        analysed: &Analysed,
        lexicon: &Lexicon,
        doc: &DocContext,
    ) -> Vec<[f32; LABELS]> {
        context_scores(
            &analysed.tokens,
            &analysed.facts,
            &analysed.slots,
            &self.edge,
            self.families,
            lexicon,
            doc,
            |k| self.table.find(k),
            &self.table.weights,
            &self.name_sets,
        )
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
        let table = WeightTable::new(
            keys.chunks_exact(8)
                .zip(weights.chunks_exact(LABELS * 2))
                .map(|(k, w)| {
                    let mut row = [0f32; LABELS];
                    for (r, w) in row.iter_mut().zip(w.chunks_exact(2)) {
                        *r = f32::from(i16::from_le_bytes([w[0], w[1]])) * scale;
                    }
                    (u64::from_le_bytes(k.try_into().expect("8 bytes")), row)
                }),
        );
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
        let names = NameTable { by_word: names };
        let (name_sets, name_set_of) = name_sets(families, &names, &table);
        Ok(Model {
            edge: WordSlots::edge(families, |k| table.find(k)),
            name_sets,
            name_set_of,
            families,
            table,
            transitions,
            clusters: Clusters { by_word },
            names,
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

    /// The tagger's context sums, from per-word slots and resolved document
    /// contexts, are bit for bit those of scoring the sentence's feature
    /// keys one by one, as training sees them.
    #[test]
    fn context_scores_are_the_sums_of_the_sentence_features() {
        use crate::ner::features::sentence_features;
        let model = crate::ner::embedded_model();
        let kb = crate::Knowledge::embedded();
        let lexicon = kb.ner_lexicon();
        let sentences: Vec<Vec<&str>> = [
            "قال المتحدث باسم الأمم المتحدة في بغداد إن الوفد وصل أمس",
            "وأضاف المتحدث أن الوفد سيزور البصرة والموصل",
            "",
            "التقى الوزير سامي الخطيب بالسفير في عمان ، وقال الخطيب إن اللقاء كان مثمرا",
            "F-16 ٢٠٢٤ xyz",
            "الخطيب",
        ]
        .iter()
        .map(|s| s.split_whitespace().collect())
        .collect();
        let analysed: Vec<Analysed> = sentences.iter().map(|w| model.words(w, lexicon)).collect();
        let tokens: Vec<&[TokenInfo]> = analysed.iter().map(|a| a.tokens.as_slice()).collect();
        for resolved in [false, true] {
            let mut doc = if resolved {
                DocContext::new(&tokens)
            } else {
                DocContext::default()
            };
            doc.resolve(|k| model.table.find(k));
            for (words, a) in sentences.iter().zip(&analysed) {
                let features = sentence_features(
                    words,
                    &a.tokens,
                    &a.facts,
                    model.families,
                    lexicon,
                    &doc,
                    false,
                );
                let fast = model.context_scores(a, lexicon, &doc);
                assert_eq!(fast.len(), words.len());
                for (i, fast) in fast.iter().enumerate() {
                    let slow = model.score(features.token(i));
                    assert_eq!(
                        slow.map(f32::to_bits),
                        fast.map(f32::to_bits),
                        "{words:?} {i}"
                    );
                }
            }
        }
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
