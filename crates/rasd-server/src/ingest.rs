//! `POST /api/articles`: one article (JSON object or plain text), a JSON
//! array, or a JSON Lines batch. Bad items are reported by their line (or
//! array index) and never stop the others.

use crate::error::ApiError;
use rasd_core::Article;
use serde::{Deserialize, Serialize};

/// Article fields for a `text/plain` body, given in the query string.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PlainTextParams {
    pub id: Option<String>,
    pub published: Option<String>,
    pub title: Option<String>,
    pub url: Option<String>,
    pub source: Option<String>,
}

/// An item of the request that could not be read as an article.
#[derive(Debug, PartialEq, Serialize)]
pub struct ItemError {
    /// 1-based line of a JSON Lines body, or 1-based position in a JSON array.
    pub item: usize,
    pub error: String,
}

/// The articles a body holds, each with its 1-based item number.
#[derive(Debug, Default)]
pub struct ParsedArticles {
    pub articles: Vec<(usize, Article)>,
    pub errors: Vec<ItemError>,
}

/// How the body is to be read, from its Content-Type.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum BodyKind {
    Json,
    JsonLines,
    PlainText,
}

impl BodyKind {
    pub fn from_content_type(content_type: Option<&str>) -> Result<BodyKind, ApiError> {
        let essence = content_type
            .unwrap_or("")
            .split(';')
            .next()
            .unwrap_or("")
            .trim()
            .to_ascii_lowercase();
        match essence.as_str() {
            "application/json" => Ok(BodyKind::Json),
            "application/x-ndjson" | "application/jsonl" | "application/x-jsonlines" => {
                Ok(BodyKind::JsonLines)
            }
            "text/plain" => Ok(BodyKind::PlainText),
            _ => Err(ApiError::new(
                axum::http::StatusCode::UNSUPPORTED_MEDIA_TYPE,
                format!(
                    "content type {:?} is not accepted: send application/json (an article or an array), \
                     application/x-ndjson (one article per line) or text/plain (the article text)",
                    content_type.unwrap_or("(none)")
                ),
            )),
        }
    }
}

pub fn parse(
    kind: BodyKind,
    body: &[u8],
    plain: PlainTextParams,
) -> Result<ParsedArticles, ApiError> {
    let text = std::str::from_utf8(body).map_err(|e| {
        ApiError::bad_request(format!(
            "request body is not valid UTF-8 (at byte {})",
            e.valid_up_to()
        ))
    })?;
    if text.trim().is_empty() {
        return Err(ApiError::bad_request("request body is empty"));
    }
    let mut parsed = ParsedArticles::default();
    let mut push = |item: usize, result: Result<Article, String>| match result.and_then(checked) {
        Ok(article) => parsed.articles.push((item, article)),
        Err(error) => parsed.errors.push(ItemError { item, error }),
    };
    match kind {
        BodyKind::PlainText => push(1, plain_article(text, plain)),
        BodyKind::JsonLines => {
            for (i, line) in text.lines().enumerate() {
                if !line.trim().is_empty() {
                    push(i + 1, serde_json::from_str(line).map_err(|e| e.to_string()));
                }
            }
        }
        BodyKind::Json => {
            let value: serde_json::Value = serde_json::from_str(text)
                .map_err(|e| ApiError::bad_request(format!("request body is not JSON: {e}")))?;
            match value {
                serde_json::Value::Array(items) => {
                    for (i, item) in items.into_iter().enumerate() {
                        push(
                            i + 1,
                            serde_json::from_value(item).map_err(|e| e.to_string()),
                        );
                    }
                }
                item => push(1, serde_json::from_value(item).map_err(|e| e.to_string())),
            }
        }
    }
    Ok(parsed)
}

fn plain_article(text: &str, p: PlainTextParams) -> Result<Article, String> {
    let published = p
        .published
        .filter(|s| !s.is_empty())
        .map(|s| {
            s.parse()
                .map_err(|_| format!("published: expected a date YYYY-MM-DD, got {s:?}"))
        })
        .transpose()?;
    Ok(Article {
        id: p.id,
        published,
        title: p.title,
        text: text.to_owned(),
        url: p.url,
        source: p.source,
    })
}

fn checked(article: Article) -> Result<Article, String> {
    if article.text.trim().is_empty() {
        Err("the article text is empty".into())
    } else {
        Ok(article)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_jsonl_batch_keeps_good_lines_and_names_bad_ones() {
        let body = "{\"id\":\"a\",\"text\":\"اشتباكات في درعا\"}\n\nnot json\n{\"id\":\"c\",\"text\":\"  \"}\n{\"id\":\"d\",\"published\":\"2024-13-01\",\"text\":\"x\"}\n";
        let parsed = parse(BodyKind::JsonLines, body.as_bytes(), Default::default()).unwrap();
        assert_eq!(parsed.articles.len(), 1);
        assert_eq!(parsed.articles[0].0, 1);
        let lines: Vec<usize> = parsed.errors.iter().map(|e| e.item).collect();
        assert_eq!(lines, [3, 4, 5]);
        assert!(parsed.errors[1].error.contains("empty"));
    }

    #[test]
    fn plain_text_takes_its_fields_from_the_query() {
        let params = PlainTextParams {
            published: Some("2024-03-01".into()),
            source: Some("عنب بلدي".into()),
            ..Default::default()
        };
        let parsed = parse(BodyKind::PlainText, "قصف على إدلب".as_bytes(), params).unwrap();
        let article = &parsed.articles[0].1;
        assert_eq!(article.published.unwrap().to_string(), "2024-03-01");
        assert_eq!(article.source.as_deref(), Some("عنب بلدي"));
    }

    #[test]
    fn unreadable_bodies_are_refused_whole() {
        assert!(parse(BodyKind::Json, b"\xff\xfe", Default::default()).is_err());
        assert!(parse(BodyKind::Json, b"   ", Default::default()).is_err());
        assert!(parse(BodyKind::Json, b"{oops", Default::default()).is_err());
        assert!(BodyKind::from_content_type(Some("application/xml")).is_err());
        assert_eq!(
            BodyKind::from_content_type(Some("application/json; charset=utf-8")).unwrap(),
            BodyKind::Json
        );
    }
}
