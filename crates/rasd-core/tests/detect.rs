//! Mention detection on sentences written for the project
//! (tests/detect/sentences.tsv): every sentence must give exactly the PLOVER
//! types it is listed with.

use rasd_core::{detect, Knowledge};

const SENTENCES: &str = include_str!("../../../tests/detect/sentences.tsv");

#[test]
fn every_listed_sentence_gives_its_plover_types() {
    let kb = Knowledge::embedded();
    let mut failures = Vec::new();
    let rows = SENTENCES
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .skip(1);
    let mut count = 0;
    for row in rows {
        let (expected, sentence) = row.split_once('\t').expect("two columns");
        let mut expected: Vec<&str> = expected.split(',').filter(|t| !t.is_empty()).collect();
        expected.sort_unstable();
        let detection = detect(sentence, &kb);
        let mut found: Vec<&str> = detection.plover.iter().map(String::as_str).collect();
        found.sort_unstable();
        if found != expected {
            failures.push(format!(
                "{sentence}\n  expected {expected:?}, found {found:?}"
            ));
        }
        count += 1;
    }
    assert!(count >= 30, "only {count} sentences");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn spans_point_into_the_sentence_and_carry_their_types() {
    let kb = Knowledge::embedded();
    let sentence = "قتل خمسة مدنيين في غارة جوية على قرية قرب إدلب";
    let detection = detect(sentence, &kb);
    assert_eq!(detection.acled, ["Explosions/Remote violence"]);
    let strike = detection
        .spans
        .iter()
        .find(|s| s.sub_event_type.as_deref() == Some("Air/drone strike"))
        .expect("the strike word is a span");
    assert_eq!(&sentence[strike.start..strike.end], strike.text);
    assert_eq!(strike.text, "غارة جوية");
    assert_eq!(
        (strike.plover.as_str(), strike.mode.as_deref()),
        ("ASSAULT", Some("aerial"))
    );
    // the toll word is a mention without an ACLED type
    assert!(detection
        .spans
        .iter()
        .any(|s| s.text == "قتل" && s.sub_event_type.is_none()));
}

#[test]
fn empty_and_eventless_text_give_empty_lists() {
    let kb = Knowledge::embedded();
    for text in ["", "   ", "الطقس مشمس اليوم في معظم المناطق"] {
        let detection = detect(text, &kb);
        assert!(detection.acled.is_empty() && detection.plover.is_empty());
        assert!(detection.spans.is_empty());
    }
}

#[test]
fn every_sub_event_type_has_a_default_plover_row() {
    let kb = Knowledge::embedded();
    for sub in rasd_core::acled::SubEventType::all() {
        assert!(
            kb.plover
                .iter()
                .any(|r| r.key == sub.as_str() && r.words.is_empty()),
            "{}: no default row in plover.tsv",
            sub.as_str()
        );
    }
}

const DEV_SET: &str = include_str!("../../../tests/detect/dev.tsv");

/// Precision, recall and F1 of one PLOVER type over the development set,
/// with the sentences it got wrong.
struct DevScore {
    precision: f64,
    recall: f64,
    f1: f64,
    errors: Vec<String>,
}

fn score_dev_set(kb: &Knowledge, event_type: &str, column: usize) -> DevScore {
    let (mut tp, mut fp, mut fn_) = (0usize, 0usize, 0usize);
    let mut errors = Vec::new();
    let rows = DEV_SET
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .skip(1);
    for row in rows {
        let fields: Vec<&str> = row.split('\t').collect();
        assert_eq!(fields.len(), 3, "three columns: {row}");
        let expected = fields[column] == "yes";
        let found = detect(fields[2], kb).plover.iter().any(|t| t == event_type);
        match (expected, found) {
            (true, true) => tp += 1,
            (false, true) => {
                fp += 1;
                errors.push(format!("false {event_type}: {}", fields[2]));
            }
            (true, false) => {
                fn_ += 1;
                errors.push(format!("missed {event_type}: {}", fields[2]));
            }
            (false, false) => {}
        }
    }
    let precision = tp as f64 / (tp + fp).max(1) as f64;
    let recall = tp as f64 / (tp + fn_).max(1) as f64;
    let f1 = if precision + recall > 0.0 {
        2.0 * precision * recall / (precision + recall)
    } else {
        0.0
    };
    DevScore {
        precision,
        recall,
        f1,
        errors,
    }
}

/// The development set (tests/detect/dev.tsv) holds many hard negatives:
/// condemnations, threats, calls, anniversaries, accidents, metaphors,
/// arrests and trials. Its F1 must stay above a floor for both types.
#[test]
fn development_set_scores_stay_above_their_floors() {
    let kb = Knowledge::embedded();
    for (event_type, column, floor) in [("ASSAULT", 0, 0.90), ("PROTEST", 1, 0.90)] {
        let score = score_dev_set(&kb, event_type, column);
        println!(
            "{event_type}: P {:.3} R {:.3} F1 {:.3}",
            score.precision, score.recall, score.f1
        );
        for e in &score.errors {
            println!("  {e}");
        }
        assert!(
            score.f1 >= floor,
            "{event_type}: F1 {:.3} under {floor}",
            score.f1
        );
    }
}
