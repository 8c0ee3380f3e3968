//! Polling feeds: each new item's page is fetched and read, and the
//! article handed to a callback.
//!
//! A small JSON state file remembers, per feed, the items already handed
//! on and the feed's validators, so a restart neither fetches those pages
//! again nor downloads an unchanged feed. A stop flag is checked between
//! articles: the article in hand is finished, then the poll ends.

use crate::feed::{parse_feed, FeedItem};
use crate::fetch::{Fetcher, Validators};
use crate::html::read_html;
use anyhow::{bail, Context, Result};
use rasd_core::Article;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

/// What to watch and where to keep the state.
#[derive(Clone, Debug)]
pub struct WatcherConfig {
    pub feeds: Vec<String>,
    /// The state file; without one, nothing is remembered across runs.
    pub state_path: Option<PathBuf>,
    /// Item keys remembered per feed (the oldest are forgotten first); far
    /// more than a feed lists at once.
    pub max_seen_per_feed: usize,
    /// Polls an item's page may fail (with no summary to fall back on)
    /// before it is given up.
    pub max_item_failures: u32,
}

impl WatcherConfig {
    pub fn new(feeds: Vec<String>, state_path: Option<PathBuf>) -> WatcherConfig {
        WatcherConfig {
            feeds,
            state_path,
            max_seen_per_feed: 1000,
            max_item_failures: 3,
        }
    }
}

/// What one poll did.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PollSummary {
    /// Feeds downloaded and parsed.
    pub feeds_read: usize,
    /// Feeds the server said were unchanged (304).
    pub feeds_unchanged: usize,
    /// Articles handed to the callback.
    pub articles: usize,
    /// Of those, articles made from the feed item alone because the page
    /// could not be read.
    pub from_feed_only: usize,
    /// Problems reported (feeds or items that failed).
    pub problems: usize,
    /// The poll ended early on the stop flag.
    pub stopped: bool,
}

/// Remembered across runs, per feed URL.
#[derive(Default, Serialize, Deserialize)]
struct WatchState {
    feeds: BTreeMap<String, FeedState>,
}

#[derive(Default, Serialize, Deserialize)]
struct FeedState {
    #[serde(default)]
    validators: Validators,
    /// Keys of items handed on or given up, oldest first.
    #[serde(default)]
    seen: Vec<String>,
    /// Failed polls of items not yet handed on.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    failures: BTreeMap<String, u32>,
}

/// Polls feeds and hands new articles on.
pub struct Watcher {
    config: WatcherConfig,
    fetcher: Fetcher,
    state: WatchState,
}

impl Watcher {
    /// # Errors
    /// When the state file exists but cannot be read.
    pub fn new(config: WatcherConfig, fetcher: Fetcher) -> Result<Watcher> {
        let state = match &config.state_path {
            Some(path) if path.exists() => {
                let text = std::fs::read_to_string(path)
                    .with_context(|| format!("{}: cannot read the watch state", path.display()))?;
                serde_json::from_str(&text).with_context(|| {
                    format!(
                        "{}: not a rasd watch state file (delete it to start afresh)",
                        path.display()
                    )
                })?
            }
            _ => WatchState::default(),
        };
        Ok(Watcher {
            config,
            fetcher,
            state,
        })
    }

    /// Polls every feed once. Each new item's page is fetched and read;
    /// when that fails, the item's own title, date and summary make the
    /// article. `on_article` gets each article: when it fails, the item is
    /// tried again at the next poll. `on_problem` gets each problem, naming
    /// the feed or page. Returns early, after the article in hand, once
    /// `stop` is set.
    ///
    /// # Errors
    /// Only when the state file cannot be written; feed and page problems
    /// go to `on_problem`.
    pub fn poll_once(
        &mut self,
        stop: &AtomicBool,
        on_article: &mut dyn FnMut(Article) -> Result<()>,
        on_problem: &mut dyn FnMut(String),
    ) -> Result<PollSummary> {
        let mut summary = PollSummary::default();
        let mut report = |summary: &mut PollSummary, message: String| {
            summary.problems += 1;
            on_problem(message);
        };
        for feed_url in self.config.feeds.clone() {
            if stop.load(Ordering::SeqCst) {
                summary.stopped = true;
                break;
            }
            let known = self
                .state
                .feeds
                .get(&feed_url)
                .map(|f| f.validators.clone())
                .unwrap_or_default();
            let fetched = match self.fetcher.get_if_changed(&feed_url, &known) {
                Ok(Some(fetched)) => fetched,
                Ok(None) => {
                    summary.feeds_unchanged += 1;
                    continue;
                }
                Err(e) => {
                    report(&mut summary, format!("{e:#}"));
                    continue;
                }
            };
            let feed = match parse_feed(&feed_url, &fetched.body, Some(&fetched.url)) {
                Ok(feed) => feed,
                Err(e) => {
                    report(&mut summary, format!("{e:#}"));
                    continue;
                }
            };
            summary.feeds_read += 1;
            let seen: HashSet<String> = self
                .state
                .feeds
                .get(&feed_url)
                .map(|f| f.seen.iter().cloned().collect())
                .unwrap_or_default();
            // feeds list the newest first; the oldest goes first so that
            // an interrupted poll leaves the newest for the next one
            let new_items: Vec<FeedItem> = feed
                .items
                .into_iter()
                .rev()
                .filter(|item| !seen.contains(item.key()))
                .collect();
            for item in new_items {
                if stop.load(Ordering::SeqCst) {
                    summary.stopped = true;
                    break;
                }
                let (article, page_problem) = self.article_of(&item, feed.title.as_deref());
                if let Some(problem) = &page_problem {
                    report(&mut summary, problem.clone());
                }
                let handed_on = match article {
                    Some(article) => match on_article(article) {
                        Ok(()) => {
                            summary.articles += 1;
                            summary.from_feed_only += usize::from(page_problem.is_some());
                            true
                        }
                        Err(e) => {
                            report(&mut summary, format!("{}: {e:#}", item.key()));
                            false
                        }
                    },
                    None => false,
                };
                let failures = self.remember(&feed_url, &item, handed_on);
                if failures >= self.config.max_item_failures {
                    report(
                        &mut summary,
                        format!("{}: given up after {failures} failed polls", item.key()),
                    );
                    self.remember_as_seen(&feed_url, item.key());
                }
                self.save()?;
            }
            // the validators are kept only once all the feed's items are
            // handed on, so an interrupted poll, or one that left items to
            // retry, downloads the feed again
            let state = self.state.feeds.entry(feed_url.clone()).or_default();
            state.validators = if summary.stopped || !state.failures.is_empty() {
                Validators::default()
            } else {
                fetched.validators
            };
            self.save()?;
        }
        Ok(summary)
    }

    /// Polls every `every` until `stop` is set, or `polls` times when
    /// given; `on_poll` gets each poll's summary.
    ///
    /// # Errors
    /// When the state file cannot be written.
    pub fn run(
        &mut self,
        every: Duration,
        polls: Option<usize>,
        stop: &AtomicBool,
        on_article: &mut dyn FnMut(Article) -> Result<()>,
        on_problem: &mut dyn FnMut(String),
        on_poll: &mut dyn FnMut(&PollSummary),
    ) -> Result<()> {
        let mut done = 0;
        loop {
            let started = Instant::now();
            let summary = self.poll_once(stop, on_article, on_problem)?;
            on_poll(&summary);
            done += 1;
            if stop.load(Ordering::SeqCst) || polls.is_some_and(|n| done >= n) {
                return Ok(());
            }
            let next = started + every;
            while Instant::now() < next {
                if stop.load(Ordering::SeqCst) {
                    return Ok(());
                }
                let left = next.saturating_duration_since(Instant::now());
                std::thread::sleep(left.min(Duration::from_millis(100)));
            }
        }
    }

    /// The article of a feed item, and the problem with its page if any.
    fn article_of(
        &mut self,
        item: &FeedItem,
        feed_title: Option<&str>,
    ) -> (Option<Article>, Option<String>) {
        let page = match &item.link {
            Some(link) => self.read_page(link),
            None => Err(anyhow::anyhow!("{}: the feed item has no link", item.id)),
        };
        match page {
            Ok(page) => {
                let mut article = page.into_article(None);
                article.title = article.title.or_else(|| item.title.clone());
                article.published = article.published.or(item.published);
                article.url = article.url.or_else(|| item.link.clone());
                (Some(article), None)
            }
            Err(e) => {
                let text = [item.title.as_deref(), item.summary.as_deref()]
                    .into_iter()
                    .flatten()
                    .collect::<Vec<_>>()
                    .join("\n");
                if item.summary.is_none() {
                    return (None, Some(format!("{e:#}")));
                }
                let article = Article {
                    id: None,
                    published: item.published,
                    title: item.title.clone(),
                    text,
                    url: item.link.clone(),
                    source: feed_title.map(str::to_owned),
                };
                (
                    Some(article),
                    Some(format!("{e:#} (the feed's summary is used instead)")),
                )
            }
        }
    }

    fn read_page(&mut self, link: &str) -> Result<crate::html::Page> {
        let fetched = self.fetcher.get(link)?;
        if !fetched.is_html() {
            bail!(
                "{link}: not an HTML page ({})",
                fetched.content_type.as_deref().unwrap_or("no content type")
            );
        }
        let text = fetched.text()?;
        read_html(link, &text, Some(&fetched.url))
    }

    /// Records an item's outcome; returns its failed polls so far.
    fn remember(&mut self, feed_url: &str, item: &FeedItem, handed_on: bool) -> u32 {
        if handed_on {
            self.remember_as_seen(feed_url, item.key());
            return 0;
        }
        let feed = self.state.feeds.entry(feed_url.to_owned()).or_default();
        let failures = feed.failures.entry(item.key().to_owned()).or_default();
        *failures += 1;
        *failures
    }

    fn remember_as_seen(&mut self, feed_url: &str, key: &str) {
        let feed = self.state.feeds.entry(feed_url.to_owned()).or_default();
        feed.failures.remove(key);
        feed.seen.push(key.to_owned());
        let excess = feed
            .seen
            .len()
            .saturating_sub(self.config.max_seen_per_feed);
        feed.seen.drain(..excess);
    }

    /// Writes the state file whole, then renames it into place, so a crash
    /// never leaves half a file.
    fn save(&self) -> Result<()> {
        let Some(path) = &self.config.state_path else {
            return Ok(());
        };
        let tmp = path.with_extension("tmp");
        let json = serde_json::to_string_pretty(&self.state)?;
        std::fs::write(&tmp, json)
            .with_context(|| format!("{}: cannot write the watch state", tmp.display()))?;
        std::fs::rename(&tmp, path)
            .with_context(|| format!("{}: cannot write the watch state", path.display()))?;
        Ok(())
    }
}

/// Reads a feed list: one URL a line; blank lines and lines starting with
/// `#` are skipped.
///
/// # Errors
/// When the file cannot be read, or a line is not an http(s) URL (named by
/// line number).
pub fn read_feed_list(path: &Path) -> Result<Vec<String>> {
    let text = std::fs::read_to_string(path)
        .with_context(|| format!("{}: cannot read the feed list", path.display()))?;
    let mut feeds = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        if !(line.starts_with("http://") || line.starts_with("https://")) {
            bail!(
                "{}:{}: not an http(s) feed URL: {line:?}",
                path.display(),
                i + 1
            );
        }
        feeds.push(line.to_owned());
    }
    Ok(feeds)
}
