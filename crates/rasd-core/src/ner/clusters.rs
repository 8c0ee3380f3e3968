//! Word clusters learned from unlabeled text.
//!
//! Each frequent word is described by the words around it (the 300 most
//! frequent words, one and two tokens to the left and right), weighted by
//! positive pointwise mutual information; spherical k-means then groups words
//! used alike, at two granularities. A name the labeled data never showed
//! (a town after قرية, a person after الناطق باسم) falls in the cluster of
//! names seen in the same slots. Cheaper than Brown clustering and, on a
//! corpus this small, as useful.

use super::train::SplitMix;
use rustc_hash::FxHashMap;

/// A word's cluster at a fine and a coarse granularity.
#[derive(Clone, Debug, Default)]
pub struct Clusters {
    pub(crate) by_word: FxHashMap<String, (u16, u16)>,
}

/// Words seen fewer times get no cluster: their contexts say too little.
const MIN_COUNT: u32 = 3;
/// Context words: the most frequent ones.
const CONTEXT_WORDS: usize = 300;
const ITERATIONS: usize = 12;

impl Clusters {
    /// The (fine, coarse) cluster of a folded word.
    pub fn of(&self, folded: &str) -> Option<(u16, u16)> {
        self.by_word.get(folded).copied()
    }

    pub fn len(&self) -> usize {
        self.by_word.len()
    }

    pub fn is_empty(&self) -> bool {
        self.by_word.is_empty()
    }

    /// Learns `fine` and `coarse` clusters from sentences of folded words.
    pub fn learn(sentences: &[Vec<String>], fine: usize, coarse: usize, seed: u64) -> Clusters {
        let mut counts: FxHashMap<&str, u32> = FxHashMap::default();
        for word in sentences.iter().flatten() {
            *counts.entry(word.as_str()).or_default() += 1;
        }
        let mut ranked: Vec<(&str, u32)> = counts.into_iter().collect();
        ranked.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
        let vocabulary: Vec<&str> = ranked
            .iter()
            .take_while(|(_, c)| *c >= MIN_COUNT)
            .map(|(w, _)| *w)
            .collect();
        if vocabulary.len() < fine.max(coarse) {
            return Clusters::default();
        }
        let index: FxHashMap<&str, usize> = vocabulary
            .iter()
            .enumerate()
            .map(|(i, w)| (*w, i))
            .collect();
        let context: FxHashMap<&str, usize> = ranked
            .iter()
            .take(CONTEXT_WORDS)
            .enumerate()
            .map(|(i, (w, _))| (*w, i))
            .collect();
        let dims = 4 * CONTEXT_WORDS;
        let mut cooccurrence: Vec<FxHashMap<u32, f32>> =
            vec![FxHashMap::default(); vocabulary.len()];
        for sentence in sentences {
            for (i, word) in sentence.iter().enumerate() {
                let Some(&row) = index.get(word.as_str()) else {
                    continue;
                };
                for (slot, offset) in [-2isize, -1, 1, 2].into_iter().enumerate() {
                    let neighbour = i
                        .checked_add_signed(offset)
                        .and_then(|j| sentence.get(j))
                        .and_then(|w| context.get(w.as_str()));
                    if let Some(&c) = neighbour {
                        *cooccurrence[row]
                            .entry((slot * CONTEXT_WORDS + c) as u32)
                            .or_default() += 1.0;
                    }
                }
            }
        }
        let vectors = ppmi(&cooccurrence, dims);
        let fine_of = kmeans(&vectors, dims, fine, seed);
        let coarse_of = kmeans(&vectors, dims, coarse, seed ^ 0x9e37_79b9);
        let by_word = vocabulary
            .iter()
            .enumerate()
            .map(|(i, w)| ((*w).to_owned(), (fine_of[i], coarse_of[i])))
            .collect();
        Clusters { by_word }
    }
}

type Sparse = Vec<(u32, f32)>;

/// Positive PMI weights, each row scaled to unit length.
fn ppmi(rows: &[FxHashMap<u32, f32>], dims: usize) -> Vec<Sparse> {
    let mut column = vec![0f32; dims];
    let mut total = 0f32;
    for row in rows {
        for (&d, &c) in row {
            column[d as usize] += c;
            total += c;
        }
    }
    rows.iter()
        .map(|row| {
            let row_total: f32 = row.values().sum();
            let mut vector: Sparse = row
                .iter()
                .filter_map(|(&d, &c)| {
                    let pmi = (c * total / (row_total * column[d as usize])).ln();
                    (pmi > 0.0).then_some((d, pmi))
                })
                .collect();
            vector.sort_by_key(|&(d, _)| d);
            let norm = vector.iter().map(|(_, v)| v * v).sum::<f32>().sqrt();
            if norm > 0.0 {
                vector.iter_mut().for_each(|(_, v)| *v /= norm);
            }
            vector
        })
        .collect()
}

/// Spherical k-means; returns each vector's cluster.
fn kmeans(vectors: &[Sparse], dims: usize, k: usize, seed: u64) -> Vec<u16> {
    let mut rng = SplitMix(seed);
    let mut order: Vec<usize> = (0..vectors.len()).collect();
    rng.shuffle(&mut order);
    let mut centroids: Vec<Vec<f32>> = order[..k]
        .iter()
        .map(|&i| {
            let mut dense = vec![0f32; dims];
            for &(d, v) in &vectors[i] {
                dense[d as usize] = v;
            }
            dense
        })
        .collect();
    let mut assignment = vec![0u16; vectors.len()];
    for _ in 0..ITERATIONS {
        for (vector, assigned) in vectors.iter().zip(assignment.iter_mut()) {
            let mut best = (f32::MIN, 0usize);
            for (c, centroid) in centroids.iter().enumerate() {
                let score: f32 = vector.iter().map(|&(d, v)| v * centroid[d as usize]).sum();
                if score > best.0 {
                    best = (score, c);
                }
            }
            *assigned = best.1 as u16;
        }
        let mut sums = vec![vec![0f32; dims]; k];
        for (vector, &assigned) in vectors.iter().zip(&assignment) {
            for &(d, v) in vector {
                sums[assigned as usize][d as usize] += v;
            }
        }
        for (centroid, sum) in centroids.iter_mut().zip(sums) {
            let norm = sum.iter().map(|v| v * v).sum::<f32>().sqrt();
            // an emptied cluster keeps its old centre
            if norm > 0.0 {
                *centroid = sum.into_iter().map(|v| v / norm).collect();
            }
        }
    }
    assignment
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_in_the_same_slots_share_a_cluster() {
        let mut sentences = Vec::new();
        for (i, town) in ["حلب", "حمص", "درعا"].iter().enumerate() {
            for person in ["زيد", "عمر", "خالد"] {
                for _ in 0..=i {
                    sentences.push(
                        ["قال", person, "في", "مدينه", town, "امس"]
                            .map(String::from)
                            .to_vec(),
                    );
                }
            }
        }
        let clusters = Clusters::learn(&sentences, 4, 4, 7);
        let town = |w| clusters.of(w).unwrap().0;
        assert_eq!(town("حلب"), town("حمص"));
        assert_eq!(town("حمص"), town("درعا"));
        assert_ne!(town("حلب"), town("زيد"));
    }
}
