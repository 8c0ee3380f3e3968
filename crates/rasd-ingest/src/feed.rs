//! RSS 2.0 and Atom feeds (and the RSS 0.9/1.0 and JSON Feed variants
//! feed-rs also reads): each item's link, title, date and summary.

use anyhow::{anyhow, Result};
use chrono::{DateTime, NaiveDate, Utc};
use dom_query::Document;

/// A parsed feed.
#[derive(Clone, Debug, PartialEq)]
pub struct Feed {
    pub title: Option<String>,
    pub items: Vec<FeedItem>,
}

/// One item (RSS) or entry (Atom) of a feed.
#[derive(Clone, Debug, PartialEq)]
pub struct FeedItem {
    /// The item's id (`guid`, Atom `id`, or one derived from its link and title).
    pub id: String,
    /// The article page, absolute.
    pub link: Option<String>,
    pub title: Option<String>,
    /// The publication (else update) date as the feed writes it, in the
    /// feed's own time zone.
    pub published: Option<NaiveDate>,
    /// The summary or content, as plain text.
    pub summary: Option<String>,
}

impl FeedItem {
    /// What identifies the item across polls: its link, else its id.
    pub fn key(&self) -> &str {
        self.link.as_deref().unwrap_or(&self.id)
    }
}

/// Parses a feed. `name` names it in errors; `base_url` (the feed's URL)
/// resolves relative links.
///
/// # Errors
/// When the bytes are not a feed feed-rs can read.
pub fn parse_feed(name: &str, bytes: &[u8], base_url: Option<&str>) -> Result<Feed> {
    let parser = feed_rs::parser::Builder::new()
        .base_uri(base_url)
        .timestamp_parser(wall_clock_timestamp)
        .build();
    let feed = parser
        .parse(bytes)
        .map_err(|e| anyhow!("{name}: not an RSS or Atom feed ({e})"))?;
    let items = feed
        .entries
        .into_iter()
        .map(|entry| {
            let link = entry
                .links
                .iter()
                .find(|l| matches!(l.rel.as_deref(), None | Some("alternate")))
                .or(entry.links.first())
                .map(|l| l.href.trim().to_owned())
                .filter(|l| !l.is_empty());
            let summary = entry
                .summary
                .map(|s| s.content)
                .or_else(|| entry.content.and_then(|c| c.body))
                .map(|s| plain_text(&s))
                .filter(|s| !s.is_empty());
            FeedItem {
                id: entry.id,
                link,
                title: entry
                    .title
                    .map(|t| plain_text(&t.content))
                    .filter(|t| !t.is_empty()),
                published: entry.published.or(entry.updated).map(|d| d.date_naive()),
                summary,
            }
        })
        .collect();
    Ok(Feed {
        title: feed.title.map(|t| plain_text(&t.content)),
        items,
    })
}

/// Feed timestamps keep the writer's wall clock, so that an item dated
/// `Tue, 07 May 2024 01:00:00 +0300` is of 7 May, as its outlet says, not
/// of 6 May in UTC. The `Utc` type only carries that wall clock here; it is
/// turned into a date straight away.
fn wall_clock_timestamp(s: &str) -> Option<DateTime<Utc>> {
    let s = s.trim();
    DateTime::parse_from_rfc2822(s)
        .or_else(|_| DateTime::parse_from_rfc3339(s))
        .map(|d| d.naive_local().and_utc())
        .ok()
        .or_else(|| {
            let date = crate::html::parse_published(s)?;
            Some(date.and_hms_opt(0, 0, 0)?.and_utc())
        })
}

/// Feed titles and summaries often hold HTML (escaped or in CDATA).
fn plain_text(s: &str) -> String {
    let text = if s.contains('<') {
        Document::from(s).root().formatted_text().to_string()
    } else {
        s.to_owned()
    };
    text.lines()
        .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join("\n")
}
