//! `rasd detect` and `rasd eval-gsr`, run as a user would, and the PLOVER
//! field of extracted records.

#[allow(dead_code)]
mod common;

use common::{rasd, rasd_with_stdin, workspace_root, TempDir};
use serde_json::Value;

fn lines(stdout: &str) -> Vec<Value> {
    stdout
        .lines()
        .map(|l| serde_json::from_str(l).expect("each line is JSON"))
        .collect()
}

#[test]
fn detect_prints_one_object_per_line_empty_lines_included() {
    let input = "فجر انتحاري نفسه في سوق مزدحم وسط المدينة\n\nتظاهر آلاف الطلاب أمام البرلمان\r\nارتفعت أسعار الذهب اليوم\n";
    let run = rasd_with_stdin(&["detect", "-"], input.as_bytes());
    run.assert_success();
    let out = lines(&run.stdout);
    assert_eq!(out.len(), 4, "{}", run.stdout);
    for (i, line) in out.iter().enumerate() {
        assert_eq!(line["line"], i + 1);
        for key in ["acled", "plover", "spans"] {
            assert!(line[key].is_array(), "line {}: no list {key}", i + 1);
        }
    }
    assert_eq!(out[0]["plover"], serde_json::json!(["ASSAULT"]));
    assert_eq!(
        out[0]["acled"],
        serde_json::json!(["Explosions/Remote violence"])
    );
    let span = &out[0]["spans"][0];
    assert_eq!(span["mode"], "suicide-attack");
    let (start, end) = (
        span["start"].as_u64().unwrap(),
        span["end"].as_u64().unwrap(),
    );
    assert_eq!(&input[start as usize..end as usize], span["text"]);
    assert_eq!(out[1]["plover"], serde_json::json!([]));
    assert_eq!(out[2]["plover"], serde_json::json!(["PROTEST"]));
    assert_eq!(out[3]["spans"], serde_json::json!([]));
}

#[test]
fn detect_reports_a_bad_line_and_reads_the_others() {
    let dir = TempDir::new("detect_bad_line");
    let file = dir.write(
        "lines.txt",
        [
            "خطف مسلحون طبيبا في المدينة\n".as_bytes(),
            b"\xff\xfe broken\n",
            "اعتصم العمال أمام المصنع\n".as_bytes(),
        ]
        .concat(),
    );
    let run = dir.rasd(&["detect", file.to_str().unwrap()]);
    run.assert_success()
        .assert_stderr_mentions(&["lines.txt:2", "UTF-8"]);
    let out = lines(&run.stdout);
    assert_eq!(out.len(), 3);
    assert!(out[1]["error"]
        .as_str()
        .is_some_and(|e| e.contains("UTF-8")));
    assert_eq!(out[0]["plover"], serde_json::json!(["ASSAULT"]));
    assert_eq!(out[2]["plover"], serde_json::json!(["PROTEST"]));
}

#[test]
fn extracted_events_carry_their_plover_type() {
    let article =
        "قتل ثلاثة جنود أمس في غارة جوية شنتها طائرات مجهولة على موقع للجيش قرب مدينة الرمادي.\n";
    let run = rasd_with_stdin(
        &["extract", "--published", "2024-03-02", "-"],
        article.as_bytes(),
    );
    let events = run.assert_success().events();
    let strike = events
        .iter()
        .find(|e| e["sub_event_type"] == "Air/drone strike")
        .expect("the air strike is coded");
    assert_eq!(strike["plover"]["event_type"], "ASSAULT");
    assert_eq!(strike["plover"]["mode"], "aerial");
}

#[test]
fn eval_gsr_scores_the_shared_sentence_set() {
    let dir = workspace_root().join("../shared/eval/arabic_event_gsr");
    if !dir.join("assault_gsr.csv").is_file() {
        eprintln!("skipped: ../shared/eval/arabic_event_gsr is not checked out");
        return;
    }
    let run = rasd(&["eval-gsr", "--json", dir.to_str().unwrap()]);
    let scores: Value = serde_json::from_str(run.assert_success().stdout.trim()).unwrap();
    let scores = scores.as_array().unwrap();
    assert_eq!(scores.len(), 2);
    for s in scores {
        let (p, r, f1) = (
            s["precision"].as_f64().unwrap(),
            s["recall"].as_f64().unwrap(),
            s["f1"].as_f64().unwrap(),
        );
        assert!((0.0..=1.0).contains(&p) && (0.0..=1.0).contains(&r));
        assert!((f1 - 2.0 * p * r / (p + r)).abs() < 1e-9);
        let scored = s["yes"].as_u64().unwrap()
            + s["easy_no"].as_u64().unwrap()
            + s["difficult_no"].as_u64().unwrap();
        assert!(scored > 1000, "{s}");
    }
    // the level reached when the command was written (see README)
    assert!(scores[0]["f1"].as_f64().unwrap() >= 0.28, "{}", scores[0]);
    assert!(scores[1]["f1"].as_f64().unwrap() >= 0.13, "{}", scores[1]);
}

#[test]
fn eval_gsr_names_a_missing_directory() {
    rasd(&["eval-gsr", "no-such-directory"])
        .assert_failure()
        .assert_stderr_mentions(&["no-such-directory", "assault_gsr.csv"]);
}
