//! One table of an overlay directory, merged by id.

use super::count;
use anyhow::{bail, Context, Result};
use std::collections::HashMap;
use std::fs;
use std::path::{Path, PathBuf};

/// A table file of the overlay (places.tsv, actors.tsv) being merged into:
/// a new row replaces the row of the same id, every other line (rows,
/// comments) stays as it was.
pub(crate) struct OverlayTable {
    dir: PathBuf,
    path: PathBuf,
    header: String,
    /// The file as it was, to put back if the merged overlay does not load.
    previous: Option<String>,
    /// Comments and blank lines above the header.
    preamble: Vec<String>,
    /// The lines below the header.
    lines: Vec<String>,
    line_of_id: HashMap<String, usize>,
    added: usize,
    replaced: usize,
}

impl OverlayTable {
    /// Reads `dir/file_name` if it exists. Its header must be the first
    /// `required_columns` or more of `header`'s columns.
    pub(crate) fn open(
        dir: &Path,
        file_name: &str,
        header: &str,
        required_columns: usize,
    ) -> Result<OverlayTable> {
        let path = dir.join(file_name);
        let mut table = OverlayTable {
            dir: dir.to_owned(),
            path,
            header: header.to_owned(),
            previous: None,
            preamble: Vec::new(),
            lines: Vec::new(),
            line_of_id: HashMap::new(),
            added: 0,
            replaced: 0,
        };
        if !table.path.exists() {
            return Ok(table);
        }
        let text = fs::read_to_string(&table.path)
            .with_context(|| format!("reading {}", table.path.display()))?;
        let mut header_seen = false;
        for line in text.lines() {
            let line = line.trim_end_matches('\r');
            let is_data = !line.trim().is_empty() && !line.starts_with('#');
            if !header_seen {
                if is_data {
                    check_header(&table.path, line, header, required_columns)?;
                    header_seen = true;
                } else {
                    table.preamble.push(line.to_owned());
                }
                continue;
            }
            if is_data {
                let id = line.split('\t').next().unwrap_or_default().trim();
                table.line_of_id.insert(id.to_owned(), table.lines.len());
            }
            table.lines.push(line.to_owned());
        }
        table.previous = Some(text);
        Ok(table)
    }

    /// Whether the table has a row with this id.
    pub(crate) fn contains(&self, id: &str) -> bool {
        self.line_of_id.contains_key(id)
    }

    pub(crate) fn upsert(&mut self, id: &str, line: String) {
        match self.line_of_id.get(id) {
            Some(&index) => {
                self.lines[index] = line;
                self.replaced += 1;
            }
            None => {
                self.line_of_id.insert(id.to_owned(), self.lines.len());
                self.lines.push(line);
                self.added += 1;
            }
        }
    }

    /// Writes the merged table, then loads the overlay as `rasd extract --kb`
    /// would; if that fails, the file is put back as it was. Returns a line
    /// for the summary.
    pub(crate) fn save(self) -> Result<String> {
        fs::create_dir_all(&self.dir)
            .with_context(|| format!("creating {}", self.dir.display()))?;
        let mut text = String::new();
        for line in self
            .preamble
            .iter()
            .map(String::as_str)
            .chain([self.header.as_str()])
            .chain(self.lines.iter().map(String::as_str))
        {
            text.push_str(line);
            text.push('\n');
        }
        // written beside and renamed, so that a failed write (a full disk)
        // cannot leave half a table behind
        let partial = self.path.with_extension("tsv.partial");
        fs::write(&partial, &text)
            .and_then(|()| fs::rename(&partial, &self.path))
            .with_context(|| format!("writing {}", self.path.display()))?;
        if let Err(error) = rasd_core::Knowledge::with_overlay(&self.dir) {
            let restored = match &self.previous {
                Some(previous) => fs::write(&self.path, previous),
                None => fs::remove_file(&self.path),
            };
            let state = match restored {
                Ok(()) => "the file is back as it was",
                Err(_) => "and putting the file back failed too",
            };
            bail!(
                "the overlay {} would not load after merging into {} ({state}): {error}",
                self.dir.display(),
                self.path.display(),
            );
        }
        Ok(format!(
            "wrote {}: {} added, {} replaced, {} in all",
            self.path.display(),
            count(self.added, "row"),
            self.replaced,
            self.line_of_id.len()
        ))
    }
}

fn check_header(path: &Path, line: &str, header: &str, required_columns: usize) -> Result<()> {
    let found: Vec<&str> = line.split('\t').map(str::trim).collect();
    let expected: Vec<&str> = header.split('\t').collect();
    let fits = found.len() >= required_columns
        && found.len() <= expected.len()
        && found == expected[..found.len()];
    if !fits {
        bail!(
            "{}: not merging into it: its header is not {:?}",
            path.display(),
            header
        );
    }
    Ok(())
}
