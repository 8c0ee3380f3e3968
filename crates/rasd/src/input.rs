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
    let (text, title, published) = if looks_like_html(&text) {
        main_text_of_html(name, &text)?
    } else {
        (text, None, None)
    };
    if text.trim().is_empty() {
        bail!("{name}: no text in the input");
    }
    let id = Path::new(name)
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .filter(|_| name != "-");
    Ok(vec![Item::Article(Box::new(Article {
        id,
        published: defaults.published.or(published),
        title,
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

/// The article text of an HTML page, its title and publication date.
fn main_text_of_html(
    name: &str,
    html: &str,
) -> Result<(String, Option<String>, Option<NaiveDate>)> {
    let mut readability = dom_smoothie::Readability::new(html, None, None)
        .map_err(|e| anyhow::anyhow!("{name}: cannot parse HTML: {e}"))?;
    let article = readability
        .parse()
        .map_err(|e| anyhow::anyhow!("{name}: no article text found in the HTML page: {e}"))?;
    let text = paragraphs(&article.text_content);
    let title = Some(article.title.trim().to_owned()).filter(|t| !t.is_empty());
    let published = article
        .published_time
        .as_deref()
        .and_then(|t| t.get(..10))
        .and_then(|d| d.parse().ok());
    Ok((text, title, published))
}

/// Readability's text keeps the page's indentation; one paragraph a line
/// reads better and keeps sentences apart.
fn paragraphs(text: &str) -> String {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join("\n")
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
        None => defaults.published,
    };
    let (text, title) = match (raw.text, raw.html) {
        (Some(t), _) if !t.trim().is_empty() => (t, raw.title),
        (_, Some(h)) if !h.trim().is_empty() => {
            let (t, page_title, _) = main_text_of_html(&where_, &h)?;
            (t, raw.title.or(page_title))
        }
        _ => bail!("{where_}: no \"text\" or \"html\""),
    };
    let id = raw.id.map(|v| match v {
        serde_json::Value::String(s) => s,
        other => other.to_string(),
    });
    Ok(Article {
        id: id.or_else(|| Some(format!("{}-{line_no}", stem(name)))),
        published,
        title,
        text,
        url: raw.url.or_else(|| defaults.url.clone()),
        source: raw.source.or_else(|| defaults.source.clone()),
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
        let (text, _, published) = main_text_of_html("page.html", html).unwrap();
        assert!(text.contains("قتل ثلاثة أشخاص"));
        assert!(!text.contains("الرئيسية"));
        assert_eq!(published, Some("2024-05-06".parse().unwrap()));
    }
}
