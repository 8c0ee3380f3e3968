//! A polite, blocking HTTP client for feeds and article pages: it names
//! itself, waits between requests to one host, bounds time and size,
//! retries transient failures with exponential backoff, and asks with
//! `If-None-Match` / `If-Modified-Since` whether a page changed.

use anyhow::{anyhow, bail, Result};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::io::Read;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// How the fetcher behaves.
#[derive(Clone, Debug)]
pub struct FetcherConfig {
    pub user_agent: String,
    /// Time allowed to connect.
    pub connect_timeout: Duration,
    /// Time allowed for a whole request, body included.
    pub timeout: Duration,
    /// The largest body read; a larger one is an error.
    pub max_bytes: usize,
    /// Further attempts after a 5xx, a 429, a timeout or a broken connection.
    pub retries: u32,
    /// The wait before the first retry; it doubles with each further one.
    pub backoff: Duration,
    /// The longest wait between attempts, also for a server's Retry-After.
    pub max_backoff: Duration,
    /// The least time between two requests to one host.
    pub host_interval: Duration,
}

impl Default for FetcherConfig {
    fn default() -> Self {
        FetcherConfig {
            user_agent: crate::USER_AGENT.to_owned(),
            connect_timeout: Duration::from_secs(10),
            timeout: Duration::from_secs(30),
            max_bytes: 5 * 1024 * 1024,
            retries: 3,
            backoff: Duration::from_secs(2),
            max_backoff: Duration::from_secs(60),
            host_interval: Duration::from_secs(1),
        }
    }
}

/// A response's validators, sent back to ask whether it changed.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Validators {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub etag: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_modified: Option<String>,
}

/// A fetched body.
#[derive(Clone, Debug)]
pub struct Fetched {
    /// The URL the body came from, after redirects.
    pub url: String,
    pub body: Vec<u8>,
    pub content_type: Option<String>,
    pub validators: Validators,
}

impl Fetched {
    /// The body as text: UTF-8, or the charset the response or the page
    /// declares (windows-1256 is common on Arabic sites).
    ///
    /// # Errors
    /// When the body is neither UTF-8 nor in a declared, known charset.
    pub fn text(&self) -> Result<String> {
        if let Ok(text) = std::str::from_utf8(&self.body) {
            return Ok(text.trim_start_matches('\u{feff}').to_owned());
        }
        let label = self
            .content_type
            .as_deref()
            .and_then(charset_of)
            .or_else(|| declared_charset(&self.body))
            .ok_or_else(|| anyhow!("{}: not UTF-8 and no charset declared", self.url))?;
        let encoding = encoding_rs::Encoding::for_label(label.as_bytes())
            .ok_or_else(|| anyhow!("{}: unknown charset {label:?}", self.url))?;
        let (text, _, _) = encoding.decode(&self.body);
        Ok(text.into_owned())
    }

    /// Whether the body is an HTML page (by its content type, or by its
    /// start when the type is missing or generic).
    pub fn is_html(&self) -> bool {
        match self.content_type.as_deref().map(str::to_ascii_lowercase) {
            Some(t) if t.contains("html") => true,
            Some(t)
                if !t.starts_with("application/octet-stream") && !t.starts_with("text/plain") =>
            {
                false
            }
            _ => {
                let head = String::from_utf8_lossy(&self.body[..self.body.len().min(1024)])
                    .to_ascii_lowercase();
                head.contains("<html") || head.contains("<!doctype html")
            }
        }
    }
}

fn charset_of(content_type: &str) -> Option<String> {
    content_type.split(';').find_map(|part| {
        let (key, value) = part.split_once('=')?;
        key.trim()
            .eq_ignore_ascii_case("charset")
            .then(|| value.trim().trim_matches('"').to_owned())
    })
}

/// `<meta charset="...">` or `<meta http-equiv content="...; charset=...">`
/// near the start of a page.
fn declared_charset(body: &[u8]) -> Option<String> {
    let head = String::from_utf8_lossy(&body[..body.len().min(2048)]).to_ascii_lowercase();
    let at = head.find("charset=")? + "charset=".len();
    let rest = head[at..].trim_start_matches(['"', '\'']);
    let end = rest
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '-' || c == '_'))
        .unwrap_or(rest.len());
    Some(rest[..end].to_owned()).filter(|c| !c.is_empty())
}

/// The HTTP client. One per thread; it remembers when it last asked each
/// host.
pub struct Fetcher {
    agent: ureq::Agent,
    config: FetcherConfig,
    last_request: HashMap<String, Instant>,
    stop: Option<Arc<AtomicBool>>,
}

/// What one attempt came to.
enum Attempt {
    Done(Result<Option<Fetched>>),
    /// A transient failure: try again after the wait the server asked
    /// for, if any.
    Retry(anyhow::Error, Option<Duration>),
}

impl Fetcher {
    pub fn new(config: FetcherConfig) -> Fetcher {
        let agent = ureq::AgentBuilder::new()
            .user_agent(&config.user_agent)
            .timeout_connect(config.connect_timeout)
            .timeout(config.timeout)
            .redirects(5)
            .build();
        Fetcher {
            agent,
            config,
            last_request: HashMap::new(),
            stop: None,
        }
    }

    /// A flag that, once set, ends the waits between retries early (the
    /// request then fails as interrupted).
    pub fn with_stop_flag(mut self, stop: Arc<AtomicBool>) -> Fetcher {
        self.stop = Some(stop);
        self
    }

    pub fn config(&self) -> &FetcherConfig {
        &self.config
    }

    /// Fetches a URL.
    ///
    /// # Errors
    /// On a bad URL, a 4xx, a body over the size limit, or a transient
    /// failure that outlasted the retries; the message names the URL.
    pub fn get(&mut self, url: &str) -> Result<Fetched> {
        self.request(url, None)?
            .ok_or_else(|| anyhow!("{url}: the server answered 304 Not Modified to a plain GET"))
    }

    /// Fetches a URL unless it is unchanged since `known` was seen: `None`
    /// when the server answers 304 Not Modified.
    ///
    /// # Errors
    /// As [`Fetcher::get`].
    pub fn get_if_changed(&mut self, url: &str, known: &Validators) -> Result<Option<Fetched>> {
        self.request(url, Some(known))
    }

    fn request(&mut self, url: &str, known: Option<&Validators>) -> Result<Option<Fetched>> {
        let parsed = url::Url::parse(url).map_err(|e| anyhow!("{url}: not a URL ({e})"))?;
        if !matches!(parsed.scheme(), "http" | "https") {
            bail!("{url}: only http and https URLs are fetched");
        }
        let host = parsed.host_str().unwrap_or_default().to_owned();
        let mut failures = 0;
        loop {
            self.wait_for_host(&host);
            match self.attempt(url, known) {
                Attempt::Done(result) => return result,
                Attempt::Retry(error, _) if failures >= self.config.retries => {
                    return Err(
                        error.context(format!("{url}: gave up after {} attempts", failures + 1))
                    );
                }
                Attempt::Retry(_, asked) => {
                    let backoff = self.config.backoff.saturating_mul(1 << failures.min(16));
                    let wait = asked.unwrap_or(backoff).min(self.config.max_backoff);
                    failures += 1;
                    if !self.sleep(wait) {
                        bail!("{url}: interrupted while waiting to retry");
                    }
                }
            }
        }
    }

    fn attempt(&mut self, url: &str, known: Option<&Validators>) -> Attempt {
        let mut request = self.agent.get(url);
        if let Some(known) = known {
            if let Some(etag) = &known.etag {
                request = request.set("If-None-Match", etag);
            }
            if let Some(date) = &known.last_modified {
                request = request.set("If-Modified-Since", date);
            }
        }
        match request.call() {
            Ok(response) if response.status() == 304 => Attempt::Done(Ok(None)),
            Ok(response) => self.read_body(url, response),
            Err(ureq::Error::Status(code, response)) => {
                let error = anyhow!("{url}: HTTP {code} {}", response.status_text());
                if code == 429 || code >= 500 {
                    let asked = response
                        .header("Retry-After")
                        .and_then(|s| s.trim().parse::<u64>().ok())
                        .map(Duration::from_secs);
                    Attempt::Retry(error, asked)
                } else {
                    Attempt::Done(Err(error))
                }
            }
            Err(ureq::Error::Transport(t)) => {
                let error = anyhow!("{url}: {t}");
                match t.kind() {
                    ureq::ErrorKind::Io | ureq::ErrorKind::ConnectionFailed => {
                        Attempt::Retry(error, None)
                    }
                    _ => Attempt::Done(Err(error)),
                }
            }
        }
    }

    fn read_body(&self, url: &str, response: ureq::Response) -> Attempt {
        let max = self.config.max_bytes;
        let declared: Option<usize> = response
            .header("Content-Length")
            .and_then(|l| l.trim().parse().ok());
        if declared.is_some_and(|n| n > max) {
            return Attempt::Done(Err(too_large(url, max)));
        }
        let validators = Validators {
            etag: response.header("ETag").map(str::to_owned),
            last_modified: response.header("Last-Modified").map(str::to_owned),
        };
        let content_type = response.header("Content-Type").map(str::to_owned);
        let final_url = response.get_url().to_owned();
        let mut body = Vec::new();
        if let Err(e) = response
            .into_reader()
            .take(max as u64 + 1)
            .read_to_end(&mut body)
        {
            // a body cut off by a timeout or a reset is worth another try
            return Attempt::Retry(anyhow!("{url}: reading the response failed ({e})"), None);
        }
        if body.len() > max {
            return Attempt::Done(Err(too_large(url, max)));
        }
        Attempt::Done(Ok(Some(Fetched {
            url: final_url,
            body,
            content_type,
            validators,
        })))
    }

    fn wait_for_host(&mut self, host: &str) {
        if let Some(last) = self.last_request.get(host) {
            let since = last.elapsed();
            if since < self.config.host_interval {
                self.sleep(self.config.host_interval - since);
            }
        }
        self.last_request.insert(host.to_owned(), Instant::now());
    }

    /// Sleeps, waking early when the stop flag is set; false if it was.
    fn sleep(&self, duration: Duration) -> bool {
        let until = Instant::now() + duration;
        loop {
            if self.stop.as_ref().is_some_and(|s| s.load(Ordering::SeqCst)) {
                return false;
            }
            let now = Instant::now();
            if now >= until {
                return true;
            }
            std::thread::sleep((until - now).min(Duration::from_millis(100)));
        }
    }
}

fn too_large(url: &str, max: usize) -> anyhow::Error {
    anyhow!("{url}: larger than the {max}-byte limit")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn charsets_are_found_in_headers_and_pages() {
        assert_eq!(
            charset_of("text/html; charset=\"windows-1256\"").as_deref(),
            Some("windows-1256")
        );
        assert_eq!(charset_of("text/html"), None);
        assert_eq!(
            declared_charset(b"<html><head><meta charset='Windows-1256'>").as_deref(),
            Some("windows-1256")
        );
    }

    #[test]
    fn windows_1256_pages_are_decoded() {
        let (bytes, _, _) = encoding_rs::WINDOWS_1256.encode("قصف");
        let fetched = Fetched {
            url: "http://127.0.0.1/a".into(),
            body: bytes.into_owned(),
            content_type: Some("text/html; charset=windows-1256".into()),
            validators: Validators::default(),
        };
        assert_eq!(fetched.text().unwrap(), "قصف");
        let undeclared = Fetched {
            content_type: Some("text/html".into()),
            ..fetched
        };
        let error = undeclared.text().unwrap_err().to_string();
        assert!(error.contains("http://127.0.0.1/a"), "{error}");
    }
}
