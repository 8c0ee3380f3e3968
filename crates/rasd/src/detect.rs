//! `rasd detect`: event mentions, one sentence per line; `rasd eval-gsr`:
//! mention detection scored on sentence-level gold labels.

use anyhow::{bail, Context, Result};
use rasd_core::{Detection, Knowledge};
use serde::Serialize;
use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

/// One output line of `rasd detect`.
#[derive(Serialize)]
struct DetectedLine<'a> {
    line: usize,
    #[serde(flatten)]
    detection: &'a Detection,
    #[serde(skip_serializing_if = "Option::is_none")]
    error: Option<&'a str>,
}

/// Prints one JSON object per input line: the event mentions of that line.
pub fn run(input: &str, max_bytes: usize, kb: &Knowledge) -> Result<ExitCode> {
    let bytes = crate::input::read_bytes(input, max_bytes)?;
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let lines = bytes.split(|&b| b == b'\n');
    let count = bytes.split(|&b| b == b'\n').count();
    // a final newline ends the last line; it does not start another
    let count = if bytes.ends_with(b"\n") {
        count - 1
    } else {
        count
    };
    let empty = Detection::default();
    for (i, line) in lines.take(count).enumerate() {
        let number = i + 1;
        let line = line.strip_suffix(b"\r").unwrap_or(line);
        match std::str::from_utf8(line) {
            Ok(text) => {
                let detection = rasd_core::detect(text, kb);
                let record = DetectedLine {
                    line: number,
                    detection: &detection,
                    error: None,
                };
                serde_json::to_writer(&mut out, &record)?;
            }
            Err(e) => {
                let message = format!("invalid UTF-8 at byte {}", e.valid_up_to());
                eprintln!("rasd: {input}:{number}: {message}; line skipped");
                let record = DetectedLine {
                    line: number,
                    detection: &empty,
                    error: Some(&message),
                };
                serde_json::to_writer(&mut out, &record)?;
            }
        }
        out.write_all(b"\n")?;
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

/// The two gold files of the sentence-level event set, and the PLOVER type
/// each labels.
pub const GSR_FILES: [(&str, &str); 2] = [
    ("ASSAULT", "assault_gsr.csv"),
    ("PROTEST", "protest_gsr.csv"),
];

/// Scores of one event type.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct GsrScore {
    pub event_type: String,
    pub sentences: usize,
    pub yes: usize,
    pub easy_no: usize,
    pub difficult_no: usize,
    pub ambiguous: usize,
    pub true_positives: usize,
    pub false_positives: usize,
    pub false_negatives: usize,
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
    /// "easy no" sentences detected as the type.
    pub easy_no_detected: usize,
    /// "difficult no" sentences detected as the type (the hard confusions).
    pub difficult_no_detected: usize,
    /// "ambiguous" sentences detected as the type (not scored).
    pub ambiguous_detected: usize,
}

/// Runs detection over the `text` column of each gold file in `dir` and
/// scores "yes" against "easy no" and "difficult no".
pub fn evaluate_gsr(dir: &Path, kb: &Knowledge) -> Result<Vec<GsrScore>> {
    let mut scores = Vec::new();
    for (event_type, file) in GSR_FILES {
        let path = dir.join(file);
        let text = std::fs::read_to_string(&path)
            .with_context(|| format!("{}: cannot read", path.display()))?;
        let rows = parse_csv(&text).with_context(|| format!("{}", path.display()))?;
        let Some((header, rows)) = rows.split_first() else {
            bail!("{}: empty file", path.display());
        };
        let column = |name: &str| {
            header
                .iter()
                .position(|h| h == name)
                .with_context(|| format!("{}: no column {name:?}", path.display()))
        };
        let (text_at, label_at) = (column("text")?, column("label")?);
        let mut score = GsrScore {
            event_type: event_type.to_owned(),
            ..GsrScore::default()
        };
        for (i, row) in rows.iter().enumerate() {
            let (Some(sentence), Some(label)) = (row.get(text_at), row.get(label_at)) else {
                bail!("{}: row {}: too few columns", path.display(), i + 2);
            };
            let detected = rasd_core::detect(sentence, kb)
                .plover
                .iter()
                .any(|t| t == event_type);
            score.sentences += 1;
            match label.as_str() {
                "yes" => {
                    score.yes += 1;
                    if detected {
                        score.true_positives += 1;
                    } else {
                        score.false_negatives += 1;
                    }
                }
                "easy no" => {
                    score.easy_no += 1;
                    score.easy_no_detected += usize::from(detected);
                }
                "difficult no" | "hard no" => {
                    score.difficult_no += 1;
                    score.difficult_no_detected += usize::from(detected);
                }
                "ambiguous" => {
                    score.ambiguous += 1;
                    score.ambiguous_detected += usize::from(detected);
                }
                other => bail!("{}: row {}: unknown label {other:?}", path.display(), i + 2),
            }
        }
        score.false_positives = score.easy_no_detected + score.difficult_no_detected;
        let ratio = |a: usize, b: usize| if b == 0 { 0.0 } else { a as f64 / b as f64 };
        score.precision = ratio(
            score.true_positives,
            score.true_positives + score.false_positives,
        );
        score.recall = ratio(score.true_positives, score.yes);
        score.f1 = if score.precision + score.recall > 0.0 {
            2.0 * score.precision * score.recall / (score.precision + score.recall)
        } else {
            0.0
        };
        scores.push(score);
    }
    Ok(scores)
}

/// A plain-text table of the scores (aggregates only: no sentence is shown).
pub fn render(scores: &[GsrScore]) -> String {
    let mut out = String::from(
        "type     sentences  yes  no(easy/difficult)  ambiguous  precision  recall     F1   detected: easy no  difficult no  ambiguous\n",
    );
    for s in scores {
        out.push_str(&format!(
            "{:<8} {:>9} {:>4} {:>10}/{:<10} {:>8} {:>10.3} {:>7.3} {:>6.3} {:>18} {:>13} {:>10}\n",
            s.event_type,
            s.sentences,
            s.yes,
            s.easy_no,
            s.difficult_no,
            s.ambiguous,
            s.precision,
            s.recall,
            s.f1,
            format!("{}/{}", s.easy_no_detected, s.easy_no),
            format!("{}/{}", s.difficult_no_detected, s.difficult_no),
            format!("{}/{}", s.ambiguous_detected, s.ambiguous),
        ));
    }
    out
}

/// Rows of an RFC 4180 CSV text: fields separated by commas, quoted with
/// double quotes when they hold commas, quotes (doubled) or line breaks.
fn parse_csv(text: &str) -> Result<Vec<Vec<String>>> {
    let mut rows = Vec::new();
    let mut row = Vec::new();
    let mut field = String::new();
    let mut chars = text.chars().peekable();
    let mut quoted = false;
    let mut line = 1;
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                chars.next();
                field.push('"');
            }
            (true, '"') => quoted = false,
            (true, c) => {
                line += usize::from(c == '\n');
                field.push(c);
            }
            (false, '"') if field.is_empty() => quoted = true,
            (false, ',') => row.push(std::mem::take(&mut field)),
            (false, '\r') if chars.peek() == Some(&'\n') => {}
            (false, '\n') => {
                line += 1;
                row.push(std::mem::take(&mut field));
                rows.push(std::mem::take(&mut row));
            }
            (false, c) => field.push(c),
        }
    }
    if quoted {
        bail!("line {line}: a quoted field is never closed");
    }
    if !field.is_empty() || !row.is_empty() {
        row.push(field);
        rows.push(row);
    }
    Ok(rows)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_fields_may_hold_commas_quotes_and_line_breaks() {
        let rows = parse_csv("a,b,c\n1,\"x, \"\"y\"\"\nz\",3\r\n").unwrap();
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[1], ["1", "x, \"y\"\nz", "3"]);
        assert!(parse_csv("a,\"b\n").is_err());
    }
}
