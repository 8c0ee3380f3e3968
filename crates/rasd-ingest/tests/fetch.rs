//! The fetcher against a tiny HTTP server on 127.0.0.1.

mod common;

use common::{Response, TestServer};
use rasd_ingest::{Fetcher, FetcherConfig, Validators};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

/// Short waits so the tests run quickly; the behaviour is the same.
fn quick_config() -> FetcherConfig {
    FetcherConfig {
        connect_timeout: Duration::from_secs(2),
        timeout: Duration::from_secs(2),
        max_bytes: 1000,
        retries: 2,
        backoff: Duration::from_millis(10),
        max_backoff: Duration::from_millis(50),
        host_interval: Duration::ZERO,
        ..FetcherConfig::default()
    }
}

#[test]
fn sends_a_user_agent_naming_rasd() {
    let server = TestServer::start(|_| Response::ok("text/plain", "ok"));
    let fetched = Fetcher::new(quick_config())
        .get(&server.url("/ua"))
        .unwrap();
    assert_eq!(fetched.body, b"ok");
    let ua = server.requests()[0].headers["user-agent"].clone();
    assert!(
        ua.starts_with(&format!("rasd/{}", env!("CARGO_PKG_VERSION"))),
        "{ua}"
    );
    assert_eq!(
        rasd_ingest::user_agent(Some("ops@example.org")),
        format!(
            "rasd/{} (Arabic news conflict-event coder; +ops@example.org)",
            env!("CARGO_PKG_VERSION")
        )
    );
}

#[test]
fn etag_and_last_modified_are_sent_back_and_304_means_unchanged() {
    let server = TestServer::start(|r| {
        let unchanged = r.headers.get("if-none-match").map(String::as_str) == Some("\"v1\"")
            || r.headers.get("if-modified-since").map(String::as_str)
                == Some("Wed, 01 May 2024 10:00:00 GMT");
        if unchanged {
            Response::status(304)
        } else if r.path == "/etag" {
            Response::ok("application/rss+xml", "<rss/>").header("ETag", "\"v1\"")
        } else {
            Response::ok("application/rss+xml", "<rss/>")
                .header("Last-Modified", "Wed, 01 May 2024 10:00:00 GMT")
        }
    });
    let mut fetcher = Fetcher::new(quick_config());
    for path in ["/etag", "/dated"] {
        let first = fetcher
            .get_if_changed(&server.url(path), &Validators::default())
            .unwrap()
            .expect("a first fetch has a body");
        assert_eq!(first.body, b"<rss/>");
        let again = fetcher
            .get_if_changed(&server.url(path), &first.validators)
            .unwrap();
        assert!(again.is_none(), "{path}: 304 is unchanged");
    }
    let requests = server.requests();
    assert_eq!(requests[1].headers["if-none-match"], "\"v1\"");
    assert_eq!(
        requests[3].headers["if-modified-since"],
        "Wed, 01 May 2024 10:00:00 GMT"
    );
    assert!(!requests[0].headers.contains_key("if-none-match"));
}

#[test]
fn a_503_is_retried_and_a_404_is_not() {
    let calls = AtomicUsize::new(0);
    let server = TestServer::start(move |r| match r.path.as_str() {
        "/flaky" if calls.fetch_add(1, Ordering::SeqCst) == 0 => {
            Response::status(503).header("Retry-After", "0")
        }
        "/flaky" => Response::ok("text/html", "<p>back</p>"),
        _ => Response::status(404),
    });
    let mut fetcher = Fetcher::new(quick_config());
    let fetched = fetcher.get(&server.url("/flaky")).unwrap();
    assert_eq!(fetched.body, b"<p>back</p>");
    assert_eq!(server.hits("/flaky"), 2);

    let error = fetcher
        .get(&server.url("/missing"))
        .unwrap_err()
        .to_string();
    assert!(
        error.contains("/missing") && error.contains("404"),
        "{error}"
    );
    assert_eq!(server.hits("/missing"), 1);
}

#[test]
fn persistent_5xx_gives_up_after_the_retries() {
    let server = TestServer::start(|_| Response::status(500));
    let error = Fetcher::new(quick_config())
        .get(&server.url("/down"))
        .unwrap_err();
    let message = format!("{error:#}");
    assert!(
        message.contains("gave up after 3 attempts") && message.contains("/down"),
        "{message}"
    );
    assert_eq!(server.hits("/down"), 3);
}

#[test]
fn bodies_over_the_size_limit_are_refused() {
    let server = TestServer::start(|r| {
        let mut response = Response::ok("text/html", vec![b'a'; 5000]);
        response.no_length = r.path == "/unsized";
        response
    });
    let mut fetcher = Fetcher::new(quick_config());
    for path in ["/sized", "/unsized"] {
        let error = fetcher.get(&server.url(path)).unwrap_err().to_string();
        assert!(
            error.contains(path) && error.contains("1000-byte limit"),
            "{error}"
        );
    }
}

#[test]
fn a_server_that_does_not_answer_times_out_and_is_retried() {
    let server = TestServer::start(|_| {
        let mut response = Response::ok("text/html", "late");
        response.delay = Duration::from_secs(3);
        response
    });
    let config = FetcherConfig {
        timeout: Duration::from_millis(300),
        retries: 1,
        ..quick_config()
    };
    let error = Fetcher::new(config).get(&server.url("/slow")).unwrap_err();
    let message = format!("{error:#}");
    assert!(
        message.contains("/slow") && message.contains("gave up after 2 attempts"),
        "{message}"
    );
    assert_eq!(server.hits("/slow"), 2);
}

#[test]
fn only_http_urls_are_fetched() {
    let mut fetcher = Fetcher::new(quick_config());
    for url in ["file:///etc/passwd", "not a url", "ftp://127.0.0.1/x"] {
        let error = fetcher.get(url).unwrap_err().to_string();
        assert!(error.starts_with(url), "{error}");
    }
}
