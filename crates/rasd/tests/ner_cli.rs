//! `rasd ner train` and `rasd ner eval` on small CoNLL files written here.

// each test binary uses a different part of the shared helpers
#[allow(dead_code)]
mod common;

use common::TempDir;

/// Sentences of our own, `token TAG` per line.
const LABELED: &str = "\
قال B-PERS
سامر I-PERS
الخطيب I-PERS
في O
دمشق B-LOC
إن O
وزارة B-ORG
الصحة I-ORG
تعمل O
.

زار O
سامر B-PERS
الخطيب I-PERS
مدينة O
حلب B-LOC
أمس O
.
";

#[test]
fn trains_a_model_and_scores_it_with_a_micro_line() {
    let dir = TempDir::new("ner_train_eval");
    dir.write("train.txt", LABELED);
    dir.rasd(&[
        "ner",
        "train",
        "--train",
        "train.txt",
        "--out",
        "tiny.model",
        "--epochs",
        "5",
        "--min-count",
        "1",
    ])
    .assert_success();
    let first = std::fs::read(dir.path().join("tiny.model")).unwrap();
    dir.rasd(&[
        "ner",
        "train",
        "--train",
        "train.txt",
        "--out",
        "again.model",
        "--epochs",
        "5",
        "--min-count",
        "1",
    ])
    .assert_success();
    let second = std::fs::read(dir.path().join("again.model")).unwrap();
    assert_eq!(first, second, "training is deterministic for a seed");

    let run = dir.rasd(&[
        "ner",
        "eval",
        "--test",
        "train.txt",
        "--model",
        "tiny.model",
    ]);
    run.assert_success();
    let micro = run
        .stdout
        .lines()
        .find(|l| l.contains("micro-averaged"))
        .expect("a micro line");
    // the model has seen these very sentences: it finds nearly all of them
    let f1: f64 = micro
        .split_whitespace()
        .nth(2)
        .and_then(|v| v.parse().ok())
        .expect("micro-averaged F1 <value>");
    assert!(f1 >= 80.0, "{}", run.stdout);

    // warm rounds tag alike (the command checks it) and report their speed
    let rounds = dir.rasd(&[
        "ner",
        "eval",
        "--test",
        "train.txt",
        "--model",
        "tiny.model",
        "--rounds",
        "3",
    ]);
    rounds.assert_success();
    assert!(rounds.stdout.contains(micro), "{}", rounds.stdout);
    assert!(
        rounds.stdout.contains("warm cache:") && rounds.stdout.contains("median of 2 rounds"),
        "{}",
        rounds.stdout
    );
}

#[test]
fn a_bad_tag_or_model_is_reported_with_its_file() {
    let dir = TempDir::new("ner_bad_input");
    dir.write("bad.txt", "دمشق B-CITY\n");
    dir.rasd(&["ner", "eval", "--test", "bad.txt"])
        .assert_failure()
        .assert_stderr_mentions(&["bad.txt", "line 1", "B-CITY"]);
    dir.write("good.txt", LABELED);
    dir.write("garbage.model", "not a model");
    dir.rasd(&[
        "ner",
        "eval",
        "--test",
        "good.txt",
        "--model",
        "garbage.model",
    ])
    .assert_failure()
    .assert_stderr_mentions(&["garbage.model", "not a valid NER model"]);
}

#[test]
fn name_lists_reach_the_model_and_eval_writes_the_tagged_file() {
    let dir = TempDir::new("ner_name_list");
    dir.write("train.txt", LABELED);
    dir.write("people.txt", "سامر الخطيب\nعمر\n");
    dir.rasd(&[
        "ner",
        "train",
        "--train",
        "train.txt",
        "--out",
        "with.model",
        "--epochs",
        "3",
        "--name-list",
        "PERS=people.txt",
    ])
    .assert_success();
    dir.rasd(&[
        "ner",
        "train",
        "--train",
        "train.txt",
        "--out",
        "without.model",
        "--epochs",
        "3",
    ])
    .assert_success();
    let with = std::fs::read(dir.path().join("with.model")).unwrap();
    let without = std::fs::read(dir.path().join("without.model")).unwrap();
    assert!(
        with.len() > without.len(),
        "the list's words are in the name table"
    );
    dir.rasd(&[
        "ner",
        "train",
        "--train",
        "train.txt",
        "--name-list",
        "PEOPLE=people.txt",
    ])
    .assert_failure()
    .assert_stderr_mentions(&["PEOPLE"]);

    dir.rasd(&[
        "ner",
        "eval",
        "--test",
        "train.txt",
        "--model",
        "with.model",
        "--output",
        "tagged.txt",
    ])
    .assert_success();
    let tagged = std::fs::read_to_string(dir.path().join("tagged.txt")).unwrap();
    let lines: Vec<&str> = tagged.lines().filter(|l| !l.is_empty()).collect();
    // a line without a tag ("." above) is not a token of the file
    let tagged_tokens = LABELED.lines().filter(|l| l.contains(' ')).count();
    assert_eq!(lines.len(), tagged_tokens);
    assert!(lines[0].starts_with("قال B-PERS "), "{tagged}");
    assert_eq!(
        lines[0].split(' ').count(),
        3,
        "token, gold and predicted tag"
    );
}
