//! Helpers for the `rasd` integration tests: running the binary, scratch
//! directories, and reading what the binary prints.

use serde_json::Value;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// The workspace root, where `examples/` and `tests/gold/` live.
pub fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// The shared seed article, when the shared folder is checked out next to
/// the workspace.
pub fn seed_article() -> Option<PathBuf> {
    let path = workspace_root().join("../shared/seed/000_3927b7b3ff9bdebb.txt");
    path.is_file().then_some(path)
}

/// A path as a command-line argument.
pub fn arg(path: &Path) -> &str {
    path.to_str().expect("test paths are UTF-8")
}

/// What one run of the binary did.
pub struct Run {
    pub succeeded: bool,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    /// Panics, showing stderr, unless the run exited with status 0.
    pub fn assert_success(&self) -> &Run {
        assert!(self.succeeded, "rasd failed; stderr:\n{}", self.stderr);
        self
    }

    /// Panics, showing stdout, unless the run exited with a non-zero status.
    pub fn assert_failure(&self) -> &Run {
        assert!(!self.succeeded, "rasd succeeded; stdout:\n{}", self.stdout);
        self
    }

    /// Panics unless stderr contains every one of `words`.
    pub fn assert_stderr_mentions(&self, words: &[&str]) -> &Run {
        for word in words {
            assert!(
                self.stderr.contains(word),
                "stderr does not mention {word:?}:\n{}",
                self.stderr
            );
        }
        self
    }

    /// The events of a `--format jsonl` run, one JSON object a line.
    pub fn events(&self) -> Vec<Value> {
        self.stdout
            .lines()
            .map(|line| serde_json::from_str(line).expect("each stdout line is one JSON event"))
            .collect()
    }

    /// The whole of stdout as one JSON document.
    pub fn json(&self) -> Value {
        serde_json::from_str(&self.stdout).expect("stdout is one JSON document")
    }
}

/// Runs `rasd` in the workspace root.
pub fn rasd(args: &[&str]) -> Run {
    run_rasd(&workspace_root(), args, None)
}

/// Runs `rasd` in the workspace root with `stdin` as its standard input.
pub fn rasd_with_stdin(args: &[&str], stdin: &[u8]) -> Run {
    run_rasd(&workspace_root(), args, Some(stdin))
}

fn run_rasd(dir: &Path, args: &[&str], stdin: Option<&[u8]>) -> Run {
    let mut child = Command::new(env!("CARGO_BIN_EXE_rasd"))
        .args(args)
        .current_dir(dir)
        .stdin(if stdin.is_some() {
            Stdio::piped()
        } else {
            Stdio::null()
        })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the rasd binary starts");
    if let Some(bytes) = stdin {
        let mut pipe = child.stdin.take().expect("stdin is piped");
        pipe.write_all(bytes)
            .expect("rasd reads its standard input");
    }
    let output = child.wait_with_output().expect("rasd runs to the end");
    Run {
        succeeded: output.status.success(),
        stdout: String::from_utf8(output.stdout).expect("stdout is UTF-8"),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    }
}

/// A scratch directory under the system temp dir, removed when dropped.
pub struct TempDir {
    path: PathBuf,
}

impl TempDir {
    /// A fresh, empty directory named after the process and the test.
    pub fn new(test_name: &str) -> TempDir {
        let path =
            std::env::temp_dir().join(format!("rasd-cli-test-{}-{test_name}", std::process::id()));
        if path.exists() {
            std::fs::remove_dir_all(&path).expect("stale scratch dir is removable");
        }
        std::fs::create_dir_all(&path).expect("scratch dir is creatable");
        TempDir { path }
    }

    /// Writes `contents` to `name` inside the directory (creating parent
    /// folders) and returns the file's path.
    pub fn write(&self, name: &str, contents: impl AsRef<[u8]>) -> PathBuf {
        let path = self.path.join(name);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).expect("parent dir is creatable");
        }
        std::fs::write(&path, contents).expect("scratch file is writable");
        path
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Runs `rasd` with this directory as the working directory, so inputs
    /// can be named relative to it (and stderr names them that way).
    pub fn rasd(&self, args: &[&str]) -> Run {
        run_rasd(&self.path, args, None)
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        // Best effort: a leftover scratch dir must not fail a passing test.
        let _ = std::fs::remove_dir_all(&self.path);
    }
}

/// A string field of a JSON object, `None` when absent or null.
pub fn text<'a>(value: &'a Value, key: &str) -> Option<&'a str> {
    value.get(key).and_then(Value::as_str)
}

/// The English name of an event's `actor1` or `actor2`.
pub fn actor_name<'a>(event: &'a Value, role: &str) -> Option<&'a str> {
    event.get(role).and_then(|actor| text(actor, "name"))
}

/// An event's figures (killed, injured, escaped ...).
pub fn figures(event: &Value) -> &[Value] {
    event["figures"].as_array().expect("figures is an array")
}

/// Every evidence span of an event: its own and its figures'.
pub fn all_evidence(event: &Value) -> Vec<&Value> {
    let own = event["evidence"].as_array().expect("evidence is an array");
    own.iter()
        .chain(figures(event).iter().map(|figure| &figure["evidence"]))
        .collect()
}

/// Panics unless `evidence.start..evidence.end` slices `original` (UTF-8
/// bytes of the article) to exactly `evidence.text`.
pub fn assert_evidence_slices(original: &[u8], evidence: &Value) {
    let offset = |key: &str| {
        usize::try_from(evidence[key].as_u64().expect("offsets are integers"))
            .expect("offsets fit in usize")
    };
    let (start, end) = (offset("start"), offset("end"));
    let slice = original
        .get(start..end)
        .unwrap_or_else(|| panic!("evidence {evidence} lies outside the article"));
    assert_eq!(
        std::str::from_utf8(slice).ok(),
        text(evidence, "text"),
        "evidence {evidence} does not slice the article to its text"
    );
}

/// Parses RFC 4180 CSV: quoted cells may hold commas, doubled quotes and
/// line breaks.
pub fn parse_csv(csv: &str) -> Vec<Vec<String>> {
    let (mut rows, mut row, mut cell) = (Vec::new(), Vec::new(), String::new());
    let mut in_quotes = false;
    let mut chars = csv.chars().peekable();
    while let Some(c) = chars.next() {
        match (in_quotes, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                chars.next();
                cell.push('"');
            }
            (true, '"') => in_quotes = false,
            (true, _) => cell.push(c),
            (false, '"') => in_quotes = true,
            (false, ',') => row.push(std::mem::take(&mut cell)),
            (false, '\n') => {
                row.push(std::mem::take(&mut cell));
                rows.push(std::mem::take(&mut row));
            }
            (false, '\r') => {}
            (false, _) => cell.push(c),
        }
    }
    if !cell.is_empty() || !row.is_empty() {
        row.push(cell);
        rows.push(row);
    }
    rows
}
