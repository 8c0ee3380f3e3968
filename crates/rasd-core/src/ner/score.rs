//! CoNLL files and entity-level scoring (exact span and type, conlleval's
//! chunking). `scripts/ner_peers.py` mirrors these rules for the peers.

use super::{entity_spans, parse_label, EntitySpan, KINDS};
use std::collections::BTreeSet;
use std::fmt;

/// A labeled sentence read from a CoNLL file.
#[derive(Clone, Debug)]
pub struct Sentence {
    pub words: Vec<String>,
    pub labels: Vec<u8>,
}

/// Reads `token TAG` lines, sentences separated by blank lines. The tag is
/// the last field and the rest is the token (a few lines carry a space
/// inside the token); a line with a single field is skipped.
///
/// # Errors
/// Names the line of a tag outside PERS/LOC/ORG/MISC BIO.
pub fn read_conll(text: &str) -> Result<Vec<Sentence>, String> {
    let mut sentences = Vec::new();
    let mut current = Sentence {
        words: Vec::new(),
        labels: Vec::new(),
    };
    for (n, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() {
            if !current.words.is_empty() {
                sentences.push(std::mem::replace(
                    &mut current,
                    Sentence {
                        words: Vec::new(),
                        labels: Vec::new(),
                    },
                ));
            }
            continue;
        }
        let Some((token, tag)) = line.rsplit_once(char::is_whitespace) else {
            continue;
        };
        let label =
            parse_label(tag).ok_or_else(|| format!("line {}: unknown tag {tag:?}", n + 1))?;
        current.words.push(token.trim().to_owned());
        current.labels.push(label);
    }
    if !current.words.is_empty() {
        sentences.push(current);
    }
    Ok(sentences)
}

/// Entity counts per type: correct, predicted, gold.
#[derive(Clone, Debug, Default)]
pub struct Score {
    pub counts: [[usize; 3]; KINDS.len()],
}

impl Score {
    /// Adds one sentence's gold and predicted labels.
    pub fn add(&mut self, gold: &[u8], predicted: &[u8]) {
        let gold: BTreeSet<EntitySpan> = entity_spans(gold).into_iter().collect();
        let predicted: BTreeSet<EntitySpan> = entity_spans(predicted).into_iter().collect();
        for span in &predicted {
            let row = &mut self.counts[span.kind as usize];
            row[1] += 1;
            row[0] += usize::from(gold.contains(span));
        }
        for span in &gold {
            self.counts[span.kind as usize][2] += 1;
        }
    }

    /// (precision, recall, F1) of one type's counts.
    pub fn prf(counts: [usize; 3]) -> (f64, f64, f64) {
        let ratio = |a: usize, b: usize| if b == 0 { 0.0 } else { a as f64 / b as f64 };
        let (p, r) = (ratio(counts[0], counts[1]), ratio(counts[0], counts[2]));
        let f = if p + r > 0.0 {
            2.0 * p * r / (p + r)
        } else {
            0.0
        };
        (p, r, f)
    }

    /// Counts summed over types.
    pub fn micro(&self) -> [usize; 3] {
        let mut total = [0; 3];
        for row in &self.counts {
            for (t, c) in total.iter_mut().zip(row) {
                *t += c;
            }
        }
        total
    }

    /// `{"PERS": {"p","r","f1","gold"}, ..., "micro": {...}}`.
    pub fn to_json(&self) -> serde_json::Value {
        let entry = |counts: [usize; 3]| {
            let (p, r, f1) = Score::prf(counts);
            serde_json::json!({"p": p, "r": r, "f1": f1, "gold": counts[2]})
        };
        let mut map = serde_json::Map::new();
        for (kind, counts) in KINDS.iter().zip(self.counts) {
            map.insert((*kind).to_owned(), entry(counts));
        }
        map.insert("micro".to_owned(), entry(self.micro()));
        serde_json::Value::Object(map)
    }
}

impl fmt::Display for Score {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "{:<6} {:>9} {:>9} {:>9} {:>6} {:>6}",
            "type", "precision", "recall", "F1", "gold", "found"
        )?;
        let rows = KINDS
            .iter()
            .copied()
            .zip(self.counts)
            .chain(std::iter::once(("micro", self.micro())));
        for (kind, counts) in rows {
            let (p, r, f1) = Score::prf(counts);
            writeln!(
                f,
                "{kind:<6} {:>9.2} {:>9.2} {:>9.2} {:>6} {:>6}",
                100.0 * p,
                100.0 * r,
                100.0 * f1,
                counts[2],
                counts[1]
            )?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_malformed_lines_and_scores_exact_spans() {
        let text = "فرانكفورت B-LOC\n(د O\nعبد الله B-PERS\nI-PERS\n\nالأمم B-ORG\nالمتحدة I-ORG\n";
        let sentences = read_conll(text).unwrap();
        assert_eq!(sentences.len(), 2);
        assert_eq!(sentences[0].words[2], "عبد الله");
        let mut score = Score::default();
        score.add(&sentences[0].labels, &[3, 0, 0]);
        score.add(&sentences[1].labels, &[5, 0]);
        // LOC right; PERS missed; ORG found with the wrong span
        assert_eq!(score.micro(), [1, 2, 3]);
        assert!(read_conll("x B-DATE\n").unwrap_err().contains("line 1"));
    }
}
