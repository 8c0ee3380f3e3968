//! Reading articles from the command line's inputs: text or HTML files,
//! standard input, and JSON Lines files.
//!
//! Every problem is reported against the input (and line) it came from, and
//! never stops the other inputs from being read.

use anyhow::{bail, Context, Result};
use chrono::NaiveDate;
use rasd_core::Article;
use serde::Deserialize;
use std::io::Read;
use std::path::Path;

/// The largest input read whole; anything larger is not one article.
pub const DEFAULT_MAX_BYTES: usize = 10 * 1024 * 1024;

/// Metadata given on the command line for inputs that carry none.
#[derive(Clone, Debug, Default)]
pub struct Defaults {
    pub published: Option<NaiveDate>,
    pub source: Option<String>,
    pub url: Option<String>,
    pub max_bytes: usize,
}

impl Defaults {
    /// The defaults given by `--published DATE`, `--source`, `--url` and
    /// `--max-bytes`; a malformed date is an error naming the option.
    pub fn from_options(
        published: Option<&str>,
        source: Option<String>,
        url: Option<String>,
        max_bytes: usize,
    ) -> Result<Defaults> {
        let published = published
            .map(parse_date)
            .transpose()
            .context("--published")?;
        Ok(Defaults {
            published,
            source,
            url,
            max_bytes,
        })
    }
}

/// One item read from an input: an article, or why a part of the input
/// could not be read.
pub enum Item {
    Article(Box<Article>),
    Problem(String),
}

/// Reads every article of one input (`-` is standard input).
///
/// # Errors
/// When the input as a whole cannot be read; problems with single lines of a
/// JSON Lines file come back as [`Item::Problem`] instead.
pub fn read_input(name: &str, defaults: &Defaults) -> Result<Vec<Item>> {
    let bytes = read_bytes(name, defaults.max_bytes)?;
    if is_jsonl(name, &bytes) {
        let text = decode(name, bytes)?;
        return Ok(read_jsonl(name, &text, defaults));
    }
    let text = decode(name, bytes)?;
    let id = Path::new(name)
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .filter(|_| name != "-");
    if looks_like_html(&text) {
        // the page's own metadata wins; the command line fills the gaps
        let mut article =
            rasd_ingest::read_html(name, &text, defaults.url.as_deref())?.into_article(id);
        article.published = article.published.or(defaults.published);
        article.source = article.source.or_else(|| defaults.source.clone());
        return Ok(vec![Item::Article(Box::new(article))]);
    }
    if text.trim().is_empty() {
        bail!("{name}: no text in the input");
    }
    Ok(vec![Item::Article(Box::new(Article {
        id,
        published: defaults.published,
        title: None,
        text,
        url: defaults.url.clone(),
        source: defaults.source.clone(),
    }))])
}

pub(crate) fn read_bytes(name: &str, max_bytes: usize) -> Result<Vec<u8>> {
    let mut bytes = Vec::new();
    let limit = max_bytes as u64 + 1;
    if name == "-" {
        std::io::stdin()
            .take(limit)
            .read_to_end(&mut bytes)
            .context("-: cannot read standard input")?;
    } else {
        let path = Path::new(name);
        if path.is_dir() {
            bail!("{name}: is a directory; give the files inside it, or use a JSON Lines file");
        }
        let file = std::fs::File::open(path).with_context(|| format!("{name}: cannot open"))?;
        file.take(limit)
            .read_to_end(&mut bytes)
            .with_context(|| format!("{name}: cannot read"))?;
    }
    if bytes.len() > max_bytes {
        bail!(
            "{name}: larger than the {} MB limit for one input (raise it with --max-bytes, or split the input into a JSON Lines file)",
            max_bytes / (1024 * 1024)
        );
    }
    if bytes.iter().all(u8::is_ascii_whitespace) {
        bail!("{name}: empty input");
    }
    Ok(bytes)
}

fn decode(name: &str, bytes: Vec<u8>) -> Result<String> {
    if looks_binary(&bytes) {
        bail!("{name}: binary data, not text");
    }
    // a byte-order mark stays: offsets count bytes of the input as given,
    // and normalization skips the mark
    let text = String::from_utf8(bytes).map_err(|e| {
        anyhow::anyhow!(
            "{name}: invalid UTF-8 at byte {} (rasd reads UTF-8 text; convert the file first, e.g. with iconv)",
            e.utf8_error().valid_up_to()
        )
    })?;
    Ok(text)
}

/// NUL bytes, or many control characters, mean this is not text.
fn looks_binary(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(8192)];
    let controls = head
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | 0x0c))
        .count();
    head.contains(&0) || controls * 20 > head.len()
}

fn is_jsonl(name: &str, bytes: &[u8]) -> bool {
    let lower = name.to_ascii_lowercase();
    lower.ends_with(".jsonl")
        || lower.ends_with(".ndjson")
        || name == "-" && bytes.iter().find(|b| !b.is_ascii_whitespace()) == Some(&b'{')
}

fn looks_like_html(text: &str) -> bool {
    let head: String = text
        .chars()
        .take(2048)
        .collect::<String>()
        .to_ascii_lowercase();
    let head = head.trim_start();
    head.starts_with("<!doctype html")
        || head.starts_with("<html")
        || head.contains("<body")
        || head.starts_with('<') && (head.contains("<p") || head.contains("<div"))
}

/// A line of a JSON Lines input.
#[derive(Deserialize)]
struct JsonArticle {
    id: Option<serde_json::Value>,
    published: Option<String>,
    title: Option<String>,
    text: Option<String>,
    html: Option<String>,
    url: Option<String>,
    source: Option<String>,
}

fn read_jsonl(name: &str, text: &str, defaults: &Defaults) -> Vec<Item> {
    let mut items = Vec::new();
    for (i, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let line_no = i + 1;
        match jsonl_article(name, line_no, line, defaults) {
            Ok(article) => items.push(Item::Article(Box::new(article))),
            Err(e) => items.push(Item::Problem(format!("{e:#}"))),
        }
    }
    items
}

fn jsonl_article(name: &str, line_no: usize, line: &str, defaults: &Defaults) -> Result<Article> {
    let where_ = format!("{name}:{line_no}");
    let raw: JsonArticle = serde_json::from_str(line)
        .with_context(|| format!("{where_}: not a JSON article object"))?;
    let published = match raw
        .published
        .as_deref()
        .map(str::trim)
        .filter(|p| !p.is_empty())
    {
        Some(p) => {
            Some(parse_date(p).with_context(|| format!("{where_}: bad \"published\" date {p:?}"))?)
        }
        None => None,
    };
    let (text, title, page) = match (raw.text, raw.html) {
        (Some(t), _) if !t.trim().is_empty() => (t, raw.title, None),
        (_, Some(h)) if !h.trim().is_empty() => {
            let mut page = rasd_ingest::read_html(&where_, &h, raw.url.as_deref())?;
            let text = std::mem::take(&mut page.text);
            (text, raw.title.or(page.title.take()), Some(page))
        }
        _ => bail!("{where_}: no \"text\" or \"html\""),
    };
    // the line's own fields win over the page's metadata
    let page = page.unwrap_or_default();
    let published = published.or(page.published).or(defaults.published);
    let id = raw.id.map(|v| match v {
        serde_json::Value::String(s) => s,
        other => other.to_string(),
    });
    Ok(Article {
        id: id.or_else(|| Some(format!("{}-{line_no}", stem(name)))),
        published,
        title,
        text,
        url: raw.url.or(page.url).or_else(|| defaults.url.clone()),
        source: raw
            .source
            .or(page.outlet)
            .or_else(|| defaults.source.clone()),
    })
}

fn stem(name: &str) -> String {
    Path::new(name)
        .file_stem()
        .map_or_else(|| "stdin".to_owned(), |s| s.to_string_lossy().into_owned())
}

/// `YYYY-MM-DD`, or an RFC 3339 timestamp whose date part is taken.
pub fn parse_date(s: &str) -> Result<NaiveDate> {
    let day = s.get(..10).unwrap_or(s);
    day.parse()
        .with_context(|| format!("expected YYYY-MM-DD, found {s:?}"))
}

/// Extensions of the files a directory input contributes.
const ARTICLE_EXTENSIONS: [&str; 6] = ["txt", "text", "html", "htm", "jsonl", "ndjson"];

/// The inputs with every directory replaced by the article files under it
/// (recursively, in name order; hidden entries and other extensions are
/// skipped). A directory that cannot be listed comes back as an error naming
/// it, in its place, and the others are still expanded.
pub fn expand_dirs(names: &[String]) -> Vec<Result<String>> {
    let mut out = Vec::new();
    for name in names {
        if name != "-" && Path::new(name).is_dir() {
            walk(Path::new(name), &mut out);
        } else {
            out.push(Ok(name.clone()));
        }
    }
    out
}

fn walk(dir: &Path, out: &mut Vec<Result<String>>) {
    let entries = std::fs::read_dir(dir).and_then(|entries| {
        entries
            .map(|e| e.map(|e| e.path()))
            .collect::<std::io::Result<Vec<_>>>()
    });
    let mut paths = match entries {
        Ok(paths) => paths,
        Err(e) => {
            out.push(Err(anyhow::anyhow!("{}: cannot list: {e}", dir.display())));
            return;
        }
    };
    paths.sort();
    for path in paths {
        let hidden = path
            .file_name()
            .is_some_and(|n| n.to_string_lossy().starts_with('.'));
        if hidden {
            continue;
        }
        if path.is_dir() {
            walk(&path, out);
        } else if path
            .extension()
            .is_some_and(|e| ARTICLE_EXTENSIONS.iter().any(|x| e.eq_ignore_ascii_case(x)))
        {
            out.push(Ok(path.to_string_lossy().into_owned()));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recognises_binary_and_html() {
        assert!(looks_binary(b"\x00\x01\x02abc"));
        assert!(!looks_binary("نص عربي\n".as_bytes()));
        assert!(looks_like_html(
            "<!DOCTYPE html><html><body><p>نص</p></body></html>"
        ));
        assert!(!looks_like_html("قال الجيش <إن> الهجوم"));
    }

    #[test]
    fn bad_jsonl_lines_are_reported_and_the_rest_read() {
        let text = "{\"text\": \"نص أول\"}\n{broken\n\n{\"id\": 7, \"published\": \"2024-01-02\", \"text\": \"نص\"}\n{\"title\": \"x\"}\n";
        let items = read_jsonl("in.jsonl", text, &Defaults::default());
        assert_eq!(items.len(), 4);
        let problems: Vec<&String> = items
            .iter()
            .filter_map(|i| match i {
                Item::Problem(p) => Some(p),
                Item::Article(_) => None,
            })
            .collect();
        assert!(problems[0].starts_with("in.jsonl:2:"), "{}", problems[0]);
        assert!(problems[1].starts_with("in.jsonl:5:"), "{}", problems[1]);
        let Item::Article(a) = &items[2] else {
            panic!("line 4 is an article")
        };
        assert_eq!(a.id.as_deref(), Some("7"));
        assert_eq!(a.published, Some("2024-01-02".parse().unwrap()));
    }

    #[test]
    fn html_pages_are_reduced_to_their_text() {
        let html = "<html><head><title>عنوان</title><meta property=\"article:published_time\" content=\"2024-05-06T10:00:00Z\"></head><body><nav><a href=\"/\">الرئيسية</a></nav><article><p>قتل ثلاثة أشخاص في قصف على بلدة قرب مدينة إدلب صباح اليوم، بحسب ما أفاد الدفاع المدني في بيان نشره على موقعه.</p><p>وأضاف البيان أن فرق الإنقاذ انتشلت الجثث من تحت الأنقاض بعد ساعات من العمل المتواصل في المكان.</p></article></body></html>";
        let path = std::env::temp_dir().join(format!("rasd-page-{}.html", std::process::id()));
        std::fs::write(&path, html).unwrap();
        let name = path.to_string_lossy().into_owned();
        let defaults = Defaults {
            published: Some("2020-01-01".parse().unwrap()),
            source: Some("given outlet".into()),
            max_bytes: DEFAULT_MAX_BYTES,
            ..Defaults::default()
        };
        let items = read_input(&name, &defaults).unwrap();
        std::fs::remove_file(&path).ok();
        let [Item::Article(article)] = &items[..] else {
            panic!("one article")
        };
        assert!(article.text.contains("قتل ثلاثة أشخاص"));
        assert!(!article.text.contains("الرئيسية"));
        // the page's date wins over the command line's; the outlet the page
        // does not name comes from the command line
        assert_eq!(article.published, Some("2024-05-06".parse().unwrap()));
        assert_eq!(article.source.as_deref(), Some("given outlet"));
        assert_eq!(article.title.as_deref(), Some("عنوان"));
    }

    #[test]
    fn directories_expand_to_their_article_files_recursively() {
        let dir = std::env::temp_dir().join(format!("rasd-expand-{}", std::process::id()));
        std::fs::create_dir_all(dir.join("sub/.hidden")).unwrap();
        for file in [
            "b.txt",
            "a.jsonl",
            "notes.pdf",
            "sub/c.html",
            "sub/.hidden/d.txt",
        ] {
            std::fs::write(dir.join(file), "x").unwrap();
        }
        let root = dir.to_string_lossy().into_owned();
        let found: Vec<String> = expand_dirs(&[root.clone(), "-".into()])
            .into_iter()
            .map(|r| r.unwrap())
            .collect();
        let expected: Vec<String> = ["a.jsonl", "b.txt", "sub/c.html"]
            .iter()
            .map(|f| dir.join(f).to_string_lossy().into_owned())
            .chain(["-".to_owned()])
            .collect();
        assert_eq!(found, expected);
        std::fs::remove_dir_all(&dir).ok();
    }
}
