//! Training: the averaged structured perceptron (Collins 2002).

use super::clusters::Clusters;
use super::features::{
    sentence_features, token_infos, DocContext, Families, Lexicon, TokenInfo, WordFacts,
};
use super::model::{viterbi, Model};
use super::names::NameTable;
use super::LABELS;
use rustc_hash::FxHashMap;

/// A small deterministic generator (SplitMix64): the epoch shuffle and the
/// k-means seeds need nothing stronger.
pub(crate) struct SplitMix(pub u64);

impl SplitMix {
    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    pub fn shuffle<T>(&mut self, items: &mut [T]) {
        for i in (1..items.len()).rev() {
            let j = (self.next() % (i as u64 + 1)) as usize;
            items.swap(i, j);
        }
    }
}

/// Sentences per document in labeled files without article boundaries.
pub const DOCUMENT_SENTENCES: usize = 10;

/// Training settings; the defaults are those of the committed model.
#[derive(Clone, Debug)]
pub struct TrainConfig {
    pub epochs: usize,
    pub seed: u64,
    pub families: Families,
    /// Features seen fewer times in the training data are dropped.
    pub min_count: u32,
    pub fine_clusters: usize,
    pub coarse_clusters: usize,
    /// Name lists for the name table: (index in [`super::KINDS`], names).
    pub name_lists: Vec<(u8, Vec<String>)>,
    /// The training text is cut into this many contiguous folds; the name
    /// statistics of a sentence come from the other folds.
    pub folds: usize,
    /// The labeled text has no article boundaries: runs of this many
    /// sentences stand for documents.
    pub document_sentences: usize,
    /// Perceptrons trained with consecutive seeds and averaged.
    pub runs: usize,
}

impl Default for TrainConfig {
    fn default() -> Self {
        TrainConfig {
            epochs: 10,
            seed: 13,
            families: Families::ALL,
            min_count: 2,
            fine_clusters: 300,
            coarse_clusters: 40,
            name_lists: Vec::new(),
            folds: 10,
            document_sentences: DOCUMENT_SENTENCES,
            runs: 5,
        }
    }
}

/// A labeled sentence: words and their label ids.
pub type Labeled = (Vec<String>, Vec<u8>);

/// Trains a model on `sentences`; clusters are learned from `unlabeled`
/// (sentences of raw words, the training text among them).
pub fn train(
    sentences: &[Labeled],
    unlabeled: &[Vec<String>],
    lexicon: &Lexicon,
    config: &TrainConfig,
    mut progress: impl FnMut(usize, usize),
) -> Model {
    let clusters = if config.families.has(Families::CLUSTERS) {
        let folded: Vec<Vec<String>> = unlabeled
            .iter()
            .map(|s| s.iter().map(|w| crate::text::fold(w)).collect())
            .collect();
        Clusters::learn(
            &folded,
            config.fine_clusters,
            config.coarse_clusters,
            config.seed,
        )
    } else {
        Clusters::default()
    };

    let folds = config.folds.max(2);
    let fold_of = |s: usize| s * folds / sentences.len().max(1);
    let tables: Vec<NameTable> = if config.families.has(Families::NAME_LISTS) {
        (0..folds)
            .map(|k| {
                let others = sentences
                    .iter()
                    .enumerate()
                    .filter(|&(s, _)| fold_of(s) != k)
                    .map(|(_, (w, l))| (w.as_slice(), l.as_slice()));
                NameTable::build(others, &config.name_lists)
            })
            .collect()
    } else {
        vec![NameTable::default(); folds]
    };

    // intern every feature key seen often enough
    let block = config.document_sentences.max(1);
    let mut keyed: Vec<Vec<Vec<u64>>> = Vec::with_capacity(sentences.len());
    for (b, document) in sentences.chunks(block).enumerate() {
        let words: Vec<Vec<&str>> = document
            .iter()
            .map(|(w, _)| w.iter().map(String::as_str).collect())
            .collect();
        let tokens: Vec<Vec<TokenInfo>> = words.iter().map(|w| token_infos(w)).collect();
        let doc = if config.families.has(Families::DOCUMENT) {
            DocContext::new(&tokens)
        } else {
            DocContext::default()
        };
        for (n, (words, tokens)) in words.iter().zip(&tokens).enumerate() {
            let table = &tables[fold_of(b * block + n)];
            let facts: Vec<WordFacts> = tokens
                .iter()
                .map(|t| WordFacts::new(t, config.families, lexicon, &clusters, table))
                .collect();
            let features =
                sentence_features(words, tokens, &facts, config.families, lexicon, &doc, true);
            keyed.push(
                (0..features.len())
                    .map(|i| features.token(i).to_vec())
                    .collect(),
            );
        }
    }
    let mut counts: FxHashMap<u64, u32> = FxHashMap::default();
    for key in keyed.iter().flatten().flatten() {
        *counts.entry(*key).or_default() += 1;
    }
    let mut keys: Vec<u64> = counts
        .into_iter()
        .filter(|&(_, c)| c >= config.min_count)
        .map(|(k, _)| k)
        .collect();
    keys.sort_unstable();
    let index: FxHashMap<u64, u32> = keys
        .iter()
        .enumerate()
        .map(|(i, &k)| (k, i as u32))
        .collect();
    let data: Vec<(Vec<Vec<u32>>, &[u8])> = keyed
        .iter()
        .zip(sentences)
        .map(|(tokens, (_, labels))| {
            let ids = tokens
                .iter()
                .map(|t| t.iter().filter_map(|k| index.get(k).copied()).collect())
                .collect();
            (ids, labels.as_slice())
        })
        .collect();

    // parameter mixing: the average of perceptrons trained on differently
    // shuffled epochs is one linear model with less shuffle-to-shuffle noise
    let runs = config.runs.max(1);
    let mut weights = vec![0f32; keys.len() * LABELS];
    let mut transitions = vec![0f32; (LABELS + 1) * LABELS];
    for run in 0..runs {
        let seed = config.seed.wrapping_add(run as u64);
        let (w, t) = perceptron(&data, keys.len(), config.epochs, seed, &mut progress);
        for (sum, w) in weights
            .iter_mut()
            .zip(w)
            .chain(transitions.iter_mut().zip(t))
        {
            *sum += w / runs as f32;
        }
    }
    Model::new(
        config.families,
        keys,
        weights,
        transitions,
        clusters,
        if config.families.has(Families::NAME_LISTS) {
            NameTable::build(
                sentences.iter().map(|(w, l)| (w.as_slice(), l.as_slice())),
                &config.name_lists,
            )
        } else {
            NameTable::default()
        },
    )
}

/// One averaged perceptron over interned sentences: (feature weights,
/// transition weights).
fn perceptron(
    data: &[(Vec<Vec<u32>>, &[u8])],
    features: usize,
    epochs: usize,
    seed: u64,
    progress: &mut impl FnMut(usize, usize),
) -> (Vec<f32>, Vec<f32>) {
    let mut weights = Averaged::new(features * LABELS);
    // transitions: row 0 is the sentence start, row 1 + l follows label l
    let mut transitions = Averaged::new((LABELS + 1) * LABELS);
    let mut order: Vec<usize> = (0..data.len()).collect();
    let mut rng = SplitMix(seed);
    let mut scores = Vec::new();
    for epoch in 0..epochs {
        rng.shuffle(&mut order);
        let mut errors = 0;
        for &s in &order {
            let (tokens, gold) = &data[s];
            scores.clear();
            for ids in tokens {
                let mut row = [0f32; LABELS];
                for &id in ids {
                    let w = &weights.current[id as usize * LABELS..][..LABELS];
                    row.iter_mut().zip(w).for_each(|(r, w)| *r += w);
                }
                scores.push(row);
            }
            let predicted = viterbi(&scores, &transitions.current);
            weights.tick();
            transitions.tick();
            if predicted.as_slice() == *gold {
                continue;
            }
            errors += 1;
            for (i, ids) in tokens.iter().enumerate() {
                let (g, p) = (gold[i] as usize, predicted[i] as usize);
                if g != p {
                    for &id in ids {
                        weights.add(id as usize * LABELS + g, 1.0);
                        weights.add(id as usize * LABELS + p, -1.0);
                    }
                }
                let gold_prev = if i == 0 { 0 } else { gold[i - 1] as usize + 1 };
                let predicted_prev = if i == 0 {
                    0
                } else {
                    predicted[i - 1] as usize + 1
                };
                if (gold_prev, g) != (predicted_prev, p) {
                    transitions.add(gold_prev * LABELS + g, 1.0);
                    transitions.add(predicted_prev * LABELS + p, -1.0);
                }
            }
        }
        progress(epoch + 1, errors);
    }
    (weights.averaged(), transitions.averaged())
}

/// Weights with the running sums that averaging needs, updated lazily: each
/// weight remembers when it last changed.
struct Averaged {
    current: Vec<f32>,
    /// Sum over past steps of the weight, up to `stamp`.
    total: Vec<f64>,
    stamp: Vec<u32>,
    now: u32,
}

impl Averaged {
    fn new(len: usize) -> Averaged {
        Averaged {
            current: vec![0.0; len],
            total: vec![0.0; len],
            stamp: vec![0; len],
            now: 0,
        }
    }

    fn tick(&mut self) {
        self.now += 1;
    }

    fn add(&mut self, i: usize, delta: f32) {
        self.total[i] += f64::from(self.now - self.stamp[i]) * f64::from(self.current[i]);
        self.stamp[i] = self.now;
        self.current[i] += delta;
    }

    fn averaged(self) -> Vec<f32> {
        let now = self.now.max(1);
        (0..self.current.len())
            .map(|i| {
                let total =
                    self.total[i] + f64::from(now - self.stamp[i]) * f64::from(self.current[i]);
                (total / f64::from(now)) as f32
            })
            .collect()
    }
}
