//! `rasd ner train | eval | ablation`: the named-entity tagger's training
//! and its entity-level scores on CoNLL files.

use anyhow::{bail, Context, Result};
use clap::{Args, Subcommand};
use rasd_core::ner::{self, score, Families, Lexicon, Model, TrainConfig};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

#[derive(Subcommand)]
pub enum NerCommand {
    /// Train the tagger on a CoNLL file (`token TAG` lines, IOB2
    /// PERS/LOC/ORG/MISC) and write the model. Deterministic for a seed.
    ///
    /// Example: rasd ner train --train ../shared/data/ner/anercorp/ANERCorp_reconstructed_train.txt --out data/ner.model
    Train {
        #[command(flatten)]
        training: TrainingArgs,
        /// Where to write the model.
        #[arg(long, value_name = "PATH", default_value = "data/ner.model")]
        out: PathBuf,
    },
    /// Score the tagger on a CoNLL file: entity-level precision, recall and
    /// F1 per type and micro-averaged (exact span and type; an I- after O
    /// or another type starts an entity, as in conlleval), and tagging speed.
    ///
    /// Example: rasd ner eval --test ../shared/data/ner/anercorp/ANERCorp_reconstructed_test.txt
    Eval {
        /// The labeled file to score on.
        #[arg(long, value_name = "PATH")]
        test: PathBuf,
        /// A model file (default: the built-in one).
        #[arg(long, value_name = "PATH")]
        model: Option<PathBuf>,
        /// Print the report as one JSON object.
        #[arg(long)]
        json: bool,
        /// Also write the tagged file: `token gold predicted` lines.
        #[arg(long, value_name = "PATH")]
        output: Option<PathBuf>,
        /// Tag the file this many times: the first round starts with the
        /// tagger's word cache cold, the others measure it warm (the
        /// scores are those of the first round; every round tags alike).
        #[arg(long, default_value_t = 1, value_parser = clap::value_parser!(u32).range(1..))]
        rounds: u32,
        #[command(flatten)]
        knowledge: crate::cmd::KnowledgeArgs,
    },
    /// The ablation table: trains on the training file minus its last
    /// sentences (the dev slice), with all features and with each feature
    /// family left out, and scores each model on the dev slice.
    ///
    /// Example: rasd ner ablation --train ../shared/data/ner/anercorp/ANERCorp_reconstructed_train.txt
    Ablation {
        #[command(flatten)]
        training: TrainingArgs,
        /// Share of the training sentences, taken from its end, held out.
        #[arg(long, default_value_t = 0.1)]
        dev_fraction: f64,
        /// Train and score only the model with all (selected) features.
        #[arg(long)]
        full_only: bool,
    },
}

#[derive(Args)]
pub struct TrainingArgs {
    /// The labeled training file.
    #[arg(long, value_name = "PATH")]
    train: PathBuf,
    /// More text for the word clusters: CoNLL-style files whose first field
    /// per line is a token (their tags are ignored). The training text is
    /// always used.
    #[arg(long, value_name = "PATH")]
    unlabeled: Vec<PathBuf>,
    #[arg(long, default_value_t = 13)]
    seed: u64,
    #[arg(long, default_value_t = TrainConfig::default().epochs)]
    epochs: usize,
    /// Perceptrons (consecutive seeds) whose weights are averaged.
    #[arg(long, default_value_t = TrainConfig::default().runs)]
    runs: usize,
    /// Drop features seen fewer times in the training data.
    #[arg(long, default_value_t = TrainConfig::default().min_count)]
    min_count: u32,
    /// Leave these feature families out (word, clitic, affix, shape,
    /// gazetteer, context, clusters, frequency, names, document,
    /// transliteration; comma-separated).
    #[arg(long, value_delimiter = ',')]
    without: Vec<String>,
    /// A list of names of one type, one name a line: `PERS=path` (also LOC,
    /// ORG, MISC). Repeatable. Its words mark tokens in the name table.
    #[arg(long, value_name = "KIND=PATH")]
    name_list: Vec<String>,
}

impl TrainingArgs {
    fn config(&self) -> Result<TrainConfig> {
        let mut families = Families::ALL;
        for name in &self.without {
            let Some((_, bit)) = Families::NAMES.iter().find(|(n, _)| n == name) else {
                bail!("unknown feature family {name:?}");
            };
            families = families.without(*bit);
        }
        let mut name_lists = Vec::new();
        for spec in &self.name_list {
            let Some((kind, path)) = spec.split_once('=') else {
                bail!("--name-list wants KIND=PATH, got {spec:?}");
            };
            let Some(kind) = ner::KINDS.iter().position(|k| *k == kind) else {
                bail!("--name-list: unknown kind {kind:?} (PERS, LOC, ORG or MISC)");
            };
            let names = read_text(Path::new(path))?
                .lines()
                .map(str::trim)
                .filter(|l| !l.is_empty())
                .map(str::to_owned)
                .collect();
            name_lists.push((kind as u8, names));
        }
        Ok(TrainConfig {
            epochs: self.epochs,
            seed: self.seed,
            min_count: self.min_count,
            runs: self.runs,
            families,
            name_lists,
            ..TrainConfig::default()
        })
    }

    fn unlabeled_text(&self, training: &[score::Sentence]) -> Result<Vec<Vec<String>>> {
        let mut sentences: Vec<Vec<String>> = training.iter().map(|s| s.words.clone()).collect();
        for path in &self.unlabeled {
            let text = read_text(path)?;
            let mut current = Vec::new();
            for line in text.lines() {
                match line.split_whitespace().next() {
                    Some(token) => current.push(token.to_owned()),
                    None if !current.is_empty() => sentences.push(std::mem::take(&mut current)),
                    None => {}
                }
            }
            if !current.is_empty() {
                sentences.push(current);
            }
        }
        Ok(sentences)
    }
}

impl NerCommand {
    pub fn run(self) -> Result<ExitCode> {
        match self {
            NerCommand::Train { training, out } => {
                let sentences = read_labeled(&training.train)?;
                let unlabeled = training.unlabeled_text(&sentences)?;
                let kb = rasd_core::Knowledge::embedded();
                let lexicon = Lexicon::from_knowledge(&kb);
                let started = Instant::now();
                let model = train(&sentences, &unlabeled, &lexicon, &training.config()?);
                let bytes = model.to_bytes();
                std::fs::write(&out, &bytes)
                    .with_context(|| format!("writing {}", out.display()))?;
                let (features, words, names) = model.sizes();
                eprintln!(
                    "trained on {} sentences in {:.1} s: {features} features, {words} clustered words, {names} words in the name table, {:.1} MB written to {}",
                    sentences.len(),
                    started.elapsed().as_secs_f64(),
                    bytes.len() as f64 / 1e6,
                    out.display()
                );
                Ok(ExitCode::SUCCESS)
            }
            NerCommand::Eval {
                test,
                model,
                json,
                output,
                rounds,
                knowledge,
            } => {
                let sentences = read_labeled(&test)?;
                let kb = knowledge.load()?;
                let lexicon = Lexicon::from_knowledge(&kb);
                let load_started = Instant::now();
                let (model, model_bytes) = match &model {
                    Some(path) => {
                        let bytes = std::fs::read(path)
                            .with_context(|| format!("reading {}", path.display()))?;
                        let model = Model::from_bytes(&bytes)
                            .with_context(|| format!("reading {}", path.display()))?;
                        (model, bytes.len())
                    }
                    None => {
                        let bytes = ner::embedded_model_bytes();
                        (Model::from_bytes(bytes)?, bytes.len())
                    }
                };
                let load_seconds = load_started.elapsed().as_secs_f64();
                let (scores, cold, predicted) = tag_and_score(&model, &lexicon, &sentences);
                let mut warm = Vec::new();
                for _ in 1..rounds {
                    let (again, timing, labels) = tag_and_score(&model, &lexicon, &sentences);
                    if labels != predicted || again.micro() != scores.micro() {
                        bail!("a warm round tagged differently from the first");
                    }
                    warm.push(timing);
                }
                if let Some(path) = &output {
                    let mut text = String::new();
                    for (sentence, labels) in sentences.iter().zip(&predicted) {
                        for ((word, &gold), &label) in
                            sentence.words.iter().zip(&sentence.labels).zip(labels)
                        {
                            let (gold, label) = (ner::label_name(gold), ner::label_name(label));
                            text.push_str(&format!("{word} {gold} {label}\n"));
                        }
                        text.push('\n');
                    }
                    std::fs::write(path, text)
                        .with_context(|| format!("writing {}", path.display()))?;
                }
                let tokens: usize = sentences.iter().map(|s| s.words.len()).sum();
                let tokens_per_second = tokens as f64 / cold.wall;
                let cpu_rate = |t: &Timing| t.cpu.map(|cpu| tokens as f64 / cpu);
                // warm rounds: the median round
                warm.sort_by(|a, b| a.cpu.unwrap_or(a.wall).total_cmp(&b.cpu.unwrap_or(b.wall)));
                let warm = warm.get(warm.len() / 2);
                if json {
                    let report = serde_json::json!({
                        "sentences": sentences.len(),
                        "tokens": tokens,
                        "scores": scores.to_json(),
                        "tokens_per_second": tokens_per_second,
                        "tokens_per_cpu_second": cpu_rate(&cold),
                        "warm_tokens_per_second": warm.map(|w| tokens as f64 / w.wall),
                        "warm_tokens_per_cpu_second": warm.and_then(cpu_rate),
                        "model_bytes": model_bytes,
                        "model_load_seconds": load_seconds,
                    });
                    println!("{report}");
                } else {
                    println!(
                        "{}: {} sentences, {tokens} tokens",
                        test.display(),
                        sentences.len()
                    );
                    print!("{scores}");
                    let (p, r, f1) = score::Score::prf(scores.micro());
                    println!(
                        "micro-averaged F1 {:.2} (P {:.2} R {:.2})",
                        100.0 * f1,
                        100.0 * p,
                        100.0 * r
                    );
                    let cpu = |t: &Timing| {
                        cpu_rate(t).map_or(String::new(), |r| format!(", {r:.0} per CPU second"))
                    };
                    println!(
                        "tagging: {tokens_per_second:.0} tokens/s{} on one thread (features included, word cache cold); model {:.1} MB, loaded in {:.0} ms",
                        cpu(&cold),
                        model_bytes as f64 / 1e6,
                        1e3 * load_seconds
                    );
                    if let Some(warm) = warm {
                        println!(
                            "warm cache: {:.0} tokens/s{} (median of {} rounds)",
                            tokens as f64 / warm.wall,
                            cpu(warm),
                            rounds - 1
                        );
                    }
                }
                Ok(ExitCode::SUCCESS)
            }
            NerCommand::Ablation {
                training,
                dev_fraction,
                full_only,
            } => {
                if !(0.0..1.0).contains(&dev_fraction) || dev_fraction == 0.0 {
                    bail!("--dev-fraction must be between 0 and 1");
                }
                let mut sentences = read_labeled(&training.train)?;
                let dev_len = (sentences.len() as f64 * dev_fraction).round() as usize;
                let dev = sentences.split_off(sentences.len() - dev_len);
                let unlabeled = training.unlabeled_text(&sentences)?;
                let kb = rasd_core::Knowledge::embedded();
                let lexicon = Lexicon::from_knowledge(&kb);
                let base = training.config()?;
                println!(
                    "train {} sentences, dev {} sentences (the end of {})",
                    sentences.len(),
                    dev.len(),
                    training.train.display()
                );
                println!(
                    "{:<23} {:>7} {:>7} {:>7} {:>7} {:>7} {:>7}",
                    "features", "PERS", "LOC", "ORG", "MISC", "micro", "delta"
                );
                let mut full = None;
                let variants = std::iter::once(("all".to_owned(), base.families)).chain(
                    Families::NAMES
                        .iter()
                        .filter(|(_, bit)| !full_only && base.families.has(*bit))
                        .map(|(name, bit)| {
                            (format!("without {name}"), base.families.without(*bit))
                        }),
                );
                for (name, families) in variants {
                    let config = TrainConfig {
                        families,
                        ..base.clone()
                    };
                    let model = train(&sentences, &unlabeled, &lexicon, &config);
                    let (scores, _, _) = tag_and_score(&model, &lexicon, &dev);
                    let f1 = |counts| 100.0 * score::Score::prf(counts).2;
                    let micro = f1(scores.micro());
                    let delta = micro - *full.get_or_insert(micro);
                    println!(
                        "{name:<23} {:>7.2} {:>7.2} {:>7.2} {:>7.2} {micro:>7.2} {delta:>+7.2}",
                        f1(scores.counts[0]),
                        f1(scores.counts[1]),
                        f1(scores.counts[2]),
                        f1(scores.counts[3]),
                    );
                }
                Ok(ExitCode::SUCCESS)
            }
        }
    }
}

fn train(
    sentences: &[score::Sentence],
    unlabeled: &[Vec<String>],
    lexicon: &Lexicon,
    config: &TrainConfig,
) -> Model {
    let labeled: Vec<(Vec<String>, Vec<u8>)> = sentences
        .iter()
        .map(|s| (s.words.clone(), s.labels.clone()))
        .collect();
    ner::train(&labeled, unlabeled, lexicon, config, |epoch, errors| {
        eprintln!("epoch {epoch}: {errors} sentences wrong");
    })
}

/// Seconds spent tagging: wall-clock, and on-CPU time of the tagging
/// thread where the system tells it (Unix), the figure to trust on a
/// loaded machine.
struct Timing {
    wall: f64,
    cpu: Option<f64>,
}

/// This thread's on-CPU time so far, in seconds.
#[cfg(unix)]
fn thread_cpu_seconds() -> Option<f64> {
    let mut time = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: clock_gettime writes one timespec, which `time` is.
    let status = unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut time) };
    (status == 0).then(|| time.tv_sec as f64 + time.tv_nsec as f64 / 1e9)
}

#[cfg(not(unix))]
fn thread_cpu_seconds() -> Option<f64> {
    None
}

/// Tags the sentences in documents of [`ner::DOCUMENT_SENTENCES`] (the
/// files have no article boundaries); returns the scores, the time spent
/// tagging, and the predicted labels.
fn tag_and_score(
    model: &Model,
    lexicon: &Lexicon,
    sentences: &[score::Sentence],
) -> (score::Score, Timing, Vec<Vec<u8>>) {
    let words: Vec<Vec<&str>> = sentences
        .iter()
        .map(|s| s.words.iter().map(String::as_str).collect())
        .collect();
    let refs: Vec<&[&str]> = words.iter().map(Vec::as_slice).collect();
    let mut all = Vec::with_capacity(sentences.len());
    let cpu_started = thread_cpu_seconds();
    let started = Instant::now();
    for document in refs.chunks(ner::DOCUMENT_SENTENCES) {
        all.extend(model.tag_document(document, lexicon));
    }
    let wall = started.elapsed().as_secs_f64();
    let cpu = cpu_started.and_then(|s| thread_cpu_seconds().map(|e| e - s));
    let mut scores = score::Score::default();
    for (sentence, predicted) in sentences.iter().zip(&all) {
        scores.add(&sentence.labels, predicted);
    }
    (scores, Timing { wall, cpu }, all)
}

fn read_text(path: &Path) -> Result<String> {
    let bytes = std::fs::read(path).with_context(|| format!("reading {}", path.display()))?;
    String::from_utf8(bytes).with_context(|| format!("{} is not UTF-8 text", path.display()))
}

fn read_labeled(path: &Path) -> Result<Vec<score::Sentence>> {
    let sentences = score::read_conll(&read_text(path)?)
        .map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))?;
    if sentences.is_empty() {
        bail!("{}: no labeled sentences", path.display());
    }
    Ok(sentences)
}
