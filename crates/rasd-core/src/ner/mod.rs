//! A learned named-entity tagger for Arabic news: PERS, LOC, ORG, MISC.
//!
//! Dictionaries miss what they have never seen (a spokesman, a new brigade,
//! a village); this tagger guesses them from the word and its neighbours.
//!
//! # Why an averaged structured perceptron
//! A first-order model over BIO labels, trained with Collins' structured
//! perceptron and weight averaging, decoded with Viterbi:
//! * it trains in seconds on ANERcorp in pure Rust with no dependency, and is
//!   deterministic given a seed (the only randomness is the epoch shuffle);
//! * with sparse binary features its accuracy on small corpora is within a
//!   point or two of a linear-chain CRF, which needs a gradient optimiser
//!   (L-BFGS) and forward-backward on every sentence to train;
//! * perceptrons trained with different epoch shuffles differ by about a
//!   point on a small dev slice; averaging five of them (parameter mixing)
//!   gives one linear model, as fast to apply, with less of that noise;
//! * tagging is a hash lookup per feature and a 9×9 Viterbi per token; the
//!   summed weights of the features of the word alone (form, stem, affixes,
//!   shape, cluster, name table) are cached per word, so a recurring word
//!   costs one lookup for them, and so are the weight rows of the features
//!   it gives its neighbours (its form, stem, cluster and name-table facts
//!   as the word before or after a token): a token then hashes only the
//!   features of word pairs and of the document. The weights sit in an
//!   open-addressing table behind a small bit filter that turns away most
//!   keys without weights while it stays in cache.
//!
//! Features ([`Families`]) are built from the core's own normaliser and
//! clitic splitter, the knowledge base ([`Lexicon`]: its names, and letter
//! models of foreign names and everyday words), word clusters learned
//! from unlabeled text at training time ([`clusters`]), a name table of the
//! training labels and name lists ([`names`]) and the words around a word's
//! other occurrences in the document. The model file holds the weights, the
//! cluster table and the name table; the knowledge base supplies the
//! gazetteer and the letter models at run time, so an overlay (`--kb`) reaches the tagger too.

pub mod clusters;
mod features;
mod model;
pub mod names;
pub mod score;
mod train;

pub use features::{Families, Lexicon};
pub use model::{Model, ModelError};
pub use train::{train, TrainConfig, DOCUMENT_SENTENCES};

/// Entity types, in label order.
pub const KINDS: [&str; 4] = ["PERS", "LOC", "ORG", "MISC"];

/// Labels: `O`, then `B-` and `I-` of each kind in [`KINDS`] order.
pub const LABELS: usize = 1 + 2 * KINDS.len();

/// The label's name (`O`, `B-PERS`, `I-LOC` ...).
pub fn label_name(label: u8) -> String {
    match label {
        0 => "O".to_owned(),
        l => {
            let kind = KINDS[(l as usize - 1) / 2];
            let prefix = if l % 2 == 1 { "B" } else { "I" };
            format!("{prefix}-{kind}")
        }
    }
}

/// The label of a CoNLL tag; `None` for a tag outside PERS/LOC/ORG/MISC BIO.
pub fn parse_label(tag: &str) -> Option<u8> {
    if tag == "O" {
        return Some(0);
    }
    let (prefix, kind) = tag.split_once('-')?;
    let kind = KINDS.iter().position(|k| *k == kind)? as u8;
    match prefix {
        "B" => Some(1 + 2 * kind),
        "I" => Some(2 + 2 * kind),
        _ => None,
    }
}

/// An entity over tokens `start..end`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct EntitySpan {
    pub start: usize,
    pub end: usize,
    /// Index into [`KINDS`].
    pub kind: u8,
}

impl EntitySpan {
    pub fn kind_name(&self) -> &'static str {
        KINDS[self.kind as usize]
    }
}

/// Entities in a label sequence, read as conlleval reads them: an `I-` that
/// follows `O` or another type starts an entity.
pub fn entity_spans(labels: &[u8]) -> Vec<EntitySpan> {
    let mut spans = Vec::new();
    let mut open: Option<(usize, u8)> = None;
    for (i, &label) in labels.iter().chain(std::iter::once(&0)).enumerate() {
        let kind = (label > 0).then(|| (label - 1) / 2);
        let begins = label > 0 && (label % 2 == 1 || open.map(|(_, k)| k) != kind);
        if let Some((start, k)) = open {
            if label == 0 || begins {
                spans.push(EntitySpan {
                    start,
                    end: i,
                    kind: k,
                });
                open = None;
            }
        }
        if begins {
            open = kind.map(|k| (i, k));
        }
    }
    spans
}

/// A name the tagger found in a document.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Name {
    /// Byte range in the normalized text.
    pub span: crate::Span,
    /// Its first and last tokens.
    pub tokens: (usize, usize),
    /// The sentence it is in.
    pub sentence: usize,
    /// PERS, LOC, ORG or MISC.
    pub kind: &'static str,
}

/// Tags every sentence of `doc` with the built-in model, the text taken as
/// one document (a word's other occurrences inform its label).
pub fn names(doc: &crate::Document, kb: &crate::Knowledge) -> Vec<Name> {
    let every: Vec<usize> = (0..doc.sentences.len()).collect();
    names_in(doc, kb, &every)
}

/// Tags sentences `sentences` of `doc` (indices, in text order) as one
/// document: the cost of tagging is paid only where a name is wanted.
pub fn names_in(doc: &crate::Document, kb: &crate::Knowledge, sentences: &[usize]) -> Vec<Name> {
    let model = embedded_model();
    let words: Vec<Vec<&str>> = sentences
        .iter()
        .map(|&s| {
            doc.tokens[doc.sentences[s].tokens.clone()]
                .iter()
                .map(|t| doc.original_span(t.span).slice(doc.original))
                .collect()
        })
        .collect();
    let refs: Vec<&[&str]> = words.iter().map(Vec::as_slice).collect();
    let mut names = Vec::new();
    for (&sentence, labels) in sentences
        .iter()
        .zip(model.tag_document(&refs, kb.ner_lexicon()))
    {
        let first_token = doc.sentences[sentence].tokens.start;
        for entity in entity_spans(&labels) {
            let (first, last) = (first_token + entity.start, first_token + entity.end - 1);
            names.push(Name {
                span: crate::Span::new(doc.tokens[first].span.start, doc.tokens[last].span.end),
                tokens: (first, last),
                sentence,
                kind: entity.kind_name(),
            });
        }
    }
    names
}

static EMBEDDED_MODEL: &[u8] = include_bytes!("../../../../data/ner.model");

/// The bytes of the committed model file.
pub fn embedded_model_bytes() -> &'static [u8] {
    EMBEDDED_MODEL
}

/// The model committed in `data/ner.model`, loaded on first use.
///
/// # Panics
/// Never in a released build: a test checks the embedded model loads.
pub fn embedded_model() -> &'static Model {
    static MODEL: std::sync::OnceLock<Model> = std::sync::OnceLock::new();
    MODEL
        .get_or_init(|| Model::from_bytes(EMBEDDED_MODEL).expect("the embedded NER model is valid"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_round_trip() {
        for label in 0..LABELS as u8 {
            assert_eq!(parse_label(&label_name(label)), Some(label));
        }
        assert_eq!(parse_label("B-DATE"), None);
        assert_eq!(parse_label("X-PERS"), None);
    }

    #[test]
    fn stray_inside_label_starts_an_entity() {
        let b_pers = parse_label("B-PERS").unwrap();
        let i_pers = parse_label("I-PERS").unwrap();
        let i_loc = parse_label("I-LOC").unwrap();
        let spans = entity_spans(&[0, i_pers, i_pers, i_loc, 0, b_pers, b_pers]);
        let as_tuples: Vec<_> = spans
            .iter()
            .map(|s| (s.start, s.end, s.kind_name()))
            .collect();
        assert_eq!(
            as_tuples,
            [
                (1, 3, "PERS"),
                (3, 4, "LOC"),
                (5, 6, "PERS"),
                (6, 7, "PERS")
            ]
        );
    }
}
