//! Reading news for rasd: the main text and metadata of HTML pages, RSS and
//! Atom feeds, a polite HTTP fetcher, and a watcher that polls feeds and
//! hands each new article to a callback.
//!
//! Every error names the input (file, URL or feed) it came from.

pub mod feed;
pub mod fetch;
pub mod html;
pub mod watch;

pub use feed::{parse_feed, Feed, FeedItem};
pub use fetch::{Fetched, Fetcher, FetcherConfig, Validators};
pub use html::{read_html, Page};
pub use watch::{read_feed_list, PollSummary, Watcher, WatcherConfig};

/// The User-Agent rasd sends by default: its name, version and what it is.
/// [`user_agent`] adds a contact for the site's operators.
pub const USER_AGENT: &str = concat!(
    "rasd/",
    env!("CARGO_PKG_VERSION"),
    " (Arabic news conflict-event coder)"
);

/// The User-Agent with a contact (an e-mail address or URL) that site
/// operators can use to reach whoever runs rasd.
pub fn user_agent(contact: Option<&str>) -> String {
    match contact.map(str::trim).filter(|c| !c.is_empty()) {
        Some(contact) => format!(
            "rasd/{} (Arabic news conflict-event coder; +{contact})",
            env!("CARGO_PKG_VERSION")
        ),
        None => USER_AGENT.to_owned(),
    }
}
