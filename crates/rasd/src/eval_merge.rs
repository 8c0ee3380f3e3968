//! `rasd eval-merge`: how well ingest merges reports into incidents.
//!
//! The test set (tests/merge, format in its README) is clusters of short
//! articles, each line labelled with the incident it reports. Every article
//! is extracted and ingested into a fresh in-memory store; then, over all
//! pairs of articles, a pair is predicted "same incident" when one of its
//! events shares an incident with one of the other's, and is gold "same"
//! when the two lines carry the same label in the same file. Pairwise
//! precision and recall follow.

use anyhow::{bail, Context, Result};
use rasd_core::{Article, Knowledge};
use rasd_store::{MergeConfig, SqliteStore, Store};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeSet, HashMap};
use std::path::Path;

/// One line of a cluster file.
#[derive(Deserialize)]
struct LabelledArticle {
    id: String,
    incident: String,
    published: chrono::NaiveDate,
    source: String,
    #[serde(default)]
    url: Option<String>,
    #[serde(default)]
    title: Option<String>,
    text: String,
}

#[derive(Debug, Serialize)]
pub struct MergeReport {
    pub files: usize,
    pub articles: usize,
    pub gold_incidents: usize,
    /// Articles in which extraction found no event (they can merge with nothing).
    pub articles_without_events: Vec<String>,
    pub gold_pairs: usize,
    pub predicted_pairs: usize,
    pub correct_pairs: usize,
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
    /// Pairs merged but labelled apart.
    pub false_merges: Vec<(String, String)>,
    /// Pairs labelled together but not merged.
    pub missed_merges: Vec<(String, String)>,
}

impl std::fmt::Display for MergeReport {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        writeln!(
            f,
            "{} articles in {} files, {} labelled incidents; {} articles without an event",
            self.articles,
            self.files,
            self.gold_incidents,
            self.articles_without_events.len()
        )?;
        writeln!(
            f,
            "pairs: {} labelled same, {} merged, {} both",
            self.gold_pairs, self.predicted_pairs, self.correct_pairs
        )?;
        writeln!(
            f,
            "pairwise precision {:.3}  recall {:.3}  F1 {:.3}",
            self.precision, self.recall, self.f1
        )
    }
}

impl MergeReport {
    /// The wrong pairs and articles without events, one a line.
    pub fn errors(&self) -> String {
        let mut out = String::new();
        for (a, b) in &self.false_merges {
            out.push_str(&format!("merged, labelled apart: {a} {b}\n"));
        }
        for (a, b) in &self.missed_merges {
            out.push_str(&format!("labelled together, not merged: {a} {b}\n"));
        }
        for a in &self.articles_without_events {
            out.push_str(&format!("no event found: {a}\n"));
        }
        out
    }
}

/// Reads every `*.jsonl` file of `dir`, ingests and scores.
pub fn evaluate(dir: &Path, kb: &Knowledge, config: MergeConfig) -> Result<MergeReport> {
    let mut paths: Vec<_> = std::fs::read_dir(dir)
        .with_context(|| format!("{}: cannot list", dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "jsonl"))
        .collect();
    paths.sort();
    if paths.is_empty() {
        bail!("{}: no .jsonl cluster files", dir.display());
    }
    // (article id, gold label)
    let mut labelled: Vec<(String, String)> = Vec::new();
    let mut store = SqliteStore::open_in_memory()?.with_merge_config(config);
    for path in &paths {
        let name = path
            .file_stem()
            .map_or_else(String::new, |s| s.to_string_lossy().into_owned());
        let text = std::fs::read_to_string(path)
            .with_context(|| format!("{}: cannot read", path.display()))?;
        for (i, line) in text
            .lines()
            .enumerate()
            .filter(|(_, l)| !l.trim().is_empty())
        {
            let a: LabelledArticle = serde_json::from_str(line)
                .with_context(|| format!("{}:{}: not a labelled article", path.display(), i + 1))?;
            let id = format!("{name}/{}", a.id);
            if labelled.iter().any(|(known, _)| *known == id) {
                bail!("{}:{}: id {} used twice", path.display(), i + 1, a.id);
            }
            let article = Article {
                id: Some(id.clone()),
                published: Some(a.published),
                title: a.title,
                text: a.text,
                url: a.url,
                source: Some(a.source),
            };
            let extraction = rasd_core::extract(&article, kb);
            store.ingest(&article, &extraction)?;
            labelled.push((id, format!("{name}/{}", a.incident)));
        }
    }
    let mut incidents_of: HashMap<&str, BTreeSet<i64>> = HashMap::new();
    let mut without_events = Vec::new();
    for (id, _) in &labelled {
        let events = store.article_events(id)?;
        if events.is_empty() {
            without_events.push(id.clone());
        }
        incidents_of.insert(id, events.iter().filter_map(|e| e.incident_id).collect());
    }
    let (mut gold, mut predicted, mut correct) = (0, 0, 0);
    let (mut false_merges, mut missed_merges) = (Vec::new(), Vec::new());
    for (i, (a, label_a)) in labelled.iter().enumerate() {
        for (b, label_b) in &labelled[i + 1..] {
            let same = label_a == label_b;
            let merged = !incidents_of[a.as_str()].is_disjoint(&incidents_of[b.as_str()]);
            gold += same as usize;
            predicted += merged as usize;
            correct += (same && merged) as usize;
            if merged && !same {
                false_merges.push((a.clone(), b.clone()));
            }
            if same && !merged {
                missed_merges.push((a.clone(), b.clone()));
            }
        }
    }
    let ratio = |n: usize, d: usize| if d == 0 { 0.0 } else { n as f64 / d as f64 };
    let (precision, recall) = (ratio(correct, predicted), ratio(correct, gold));
    let labels: BTreeSet<&str> = labelled.iter().map(|(_, l)| l.as_str()).collect();
    Ok(MergeReport {
        files: paths.len(),
        articles: labelled.len(),
        gold_incidents: labels.len(),
        articles_without_events: without_events,
        gold_pairs: gold,
        predicted_pairs: predicted,
        correct_pairs: correct,
        precision,
        recall,
        f1: if precision + recall > 0.0 {
            2.0 * precision * recall / (precision + recall)
        } else {
            0.0
        },
        false_merges,
        missed_merges,
    })
}
