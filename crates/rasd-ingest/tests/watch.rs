//! The watcher against a tiny HTTP server on 127.0.0.1: new items only,
//! state kept across restarts, fallbacks and the stop flag.

mod common;

use common::{Response, TestServer};
use rasd_core::Article;
use rasd_ingest::{Fetcher, FetcherConfig, PollSummary, Watcher, WatcherConfig};
use std::path::Path;
use std::sync::atomic::AtomicBool;
use std::sync::{Arc, Mutex};
use std::time::Duration;

fn fetcher() -> Fetcher {
    Fetcher::new(FetcherConfig {
        timeout: Duration::from_secs(2),
        retries: 1,
        backoff: Duration::from_millis(10),
        max_backoff: Duration::from_millis(20),
        host_interval: Duration::ZERO,
        ..FetcherConfig::default()
    })
}

/// An RSS feed of the given (path, title, summary) items, newest first.
fn rss(items: &[(&str, &str, Option<&str>)]) -> String {
    let items: String = items
        .iter()
        .map(|(path, title, summary)| {
            let summary = summary
                .map(|s| format!("<description>{s}</description>"))
                .unwrap_or_default();
            format!(
                "<item><title>{title}</title><link>{path}</link>\
                 <pubDate>Sat, 01 Jun 2024 10:00:00 +0300</pubDate>{summary}</item>"
            )
        })
        .collect();
    format!("<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>نشرة الاختبار</title>{items}</channel></rss>")
}

fn page(body: &str) -> String {
    format!(
        "<html><head><meta property=\"article:published_time\" content=\"2024-05-31T20:00:00+03:00\">\
         <meta property=\"og:site_name\" content=\"موقع الاختبار\"></head><body>\
         <nav><a href=\"/\">الرئيسية</a></nav><article><p>{body}</p></article></body></html>"
    )
}

const PAGE_TEXT_1: &str = "قالت مصادر محلية إن مسلحين مجهولين أطلقوا النار على حاجز أمني عند مدخل بلدة جاسم في ريف درعا الشمالي، ما أدى إلى إصابة عنصرين بجروح متفاوتة.";
const PAGE_TEXT_2: &str = "خرج مئات من سكان مدينة السويداء في وقفة احتجاجية أمام مبنى المحافظة للمطالبة بتحسين الخدمات والإفراج عن معتقلين، من دون تسجيل أي مواجهات مع قوات الأمن.";
const PAGE_TEXT_3: &str = "انفجرت عبوة ناسفة بسيارة عسكرية على الطريق الدولي قرب مدينة الصنمين، وأفادت مصادر بمقتل ضابط وإصابة اثنين آخرين كانوا برفقته في السيارة.";

/// The feed body and its ETag, changed by the tests between polls.
type FeedSlot = Arc<Mutex<(String, String)>>;

fn news_server(feed: FeedSlot) -> TestServer {
    TestServer::start(move |r| match r.path.as_str() {
        "/feed.xml" => {
            let (body, etag) = feed.lock().unwrap().clone();
            if r.headers.get("if-none-match") == Some(&etag) {
                Response::status(304)
            } else {
                Response::ok("application/rss+xml; charset=utf-8", body).header("ETag", &etag)
            }
        }
        "/a1" => Response::ok("text/html; charset=utf-8", page(PAGE_TEXT_1)),
        "/a2" => Response::ok("text/html; charset=utf-8", page(PAGE_TEXT_2)),
        "/a3" => Response::ok("text/html; charset=utf-8", page(PAGE_TEXT_3)),
        _ => Response::status(404),
    })
}

fn poll(watcher: &mut Watcher, stop: &AtomicBool) -> (PollSummary, Vec<Article>, Vec<String>) {
    let mut articles = Vec::new();
    let mut problems = Vec::new();
    let summary = watcher
        .poll_once(
            stop,
            &mut |a| {
                articles.push(a);
                Ok(())
            },
            &mut |p| problems.push(p),
        )
        .unwrap();
    (summary, articles, problems)
}

fn watcher(server: &TestServer, state: &Path) -> Watcher {
    let config = WatcherConfig::new(vec![server.url("/feed.xml")], Some(state.to_owned()));
    Watcher::new(config, fetcher()).unwrap()
}

fn temp_state(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("rasd-watch-test-{}-{name}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("state.json");
    let _ = std::fs::remove_file(&path);
    path
}

#[test]
fn a_second_poll_fetches_only_new_items_and_a_restart_none() {
    let feed: FeedSlot = Arc::new(Mutex::new((
        rss(&[
            ("/a2", "وقفة احتجاجية في السويداء", None),
            ("/a1", "إطلاق نار على حاجز في جاسم", None),
        ]),
        "\"e1\"".into(),
    )));
    let server = news_server(feed.clone());
    let state = temp_state("second-poll");
    let stop = AtomicBool::new(false);
    let mut w = watcher(&server, &state);

    let (summary, articles, problems) = poll(&mut w, &stop);
    assert!(problems.is_empty(), "{problems:?}");
    assert_eq!(summary.articles, 2);
    // oldest first; text, date and outlet from the page
    assert_eq!(articles[0].text, PAGE_TEXT_1);
    assert_eq!(articles[0].published, Some("2024-05-31".parse().unwrap()));
    assert_eq!(articles[0].source.as_deref(), Some("موقع الاختبار"));
    assert_eq!(articles[0].url.as_deref(), Some(server.url("/a1").as_str()));
    assert_eq!(
        articles[0].title.as_deref(),
        Some("إطلاق نار على حاجز في جاسم")
    );
    assert_eq!(articles[1].text, PAGE_TEXT_2);

    *feed.lock().unwrap() = (
        rss(&[
            ("/a3", "انفجار عبوة قرب الصنمين", None),
            ("/a2", "وقفة احتجاجية في السويداء", None),
            ("/a1", "إطلاق نار على حاجز في جاسم", None),
        ]),
        "\"e2\"".into(),
    );
    let (summary, articles, _) = poll(&mut w, &stop);
    assert_eq!(summary.articles, 1);
    assert_eq!(articles[0].text, PAGE_TEXT_3);
    assert_eq!(
        (server.hits("/a1"), server.hits("/a2"), server.hits("/a3")),
        (1, 1, 1)
    );

    // a restart reads the state file: the feed's ETag makes it a 304
    drop(w);
    let mut restarted = watcher(&server, &state);
    let (summary, articles, _) = poll(&mut restarted, &stop);
    assert_eq!(summary.feeds_unchanged, 1);
    assert!(articles.is_empty());
    let feed_requests: Vec<_> = server
        .requests()
        .into_iter()
        .filter(|r| r.path == "/feed.xml")
        .collect();
    assert_eq!(feed_requests.len(), 3);
    assert_eq!(feed_requests[2].headers["if-none-match"], "\"e2\"");
    assert_eq!(server.hits("/a3"), 1);
}

#[test]
fn a_failing_page_falls_back_to_the_feed_summary_or_is_retried() {
    let feed: FeedSlot = Arc::new(Mutex::new((
        rss(&[
            ("/gone-no-summary", "خبر بلا ملخص", None),
            (
                "/gone",
                "اشتباك قرب نوى",
                Some("اندلع اشتباك مسلح قرب مدينة نوى مساء الجمعة."),
            ),
        ]),
        "\"f1\"".into(),
    )));
    let server = news_server(feed);
    let state = temp_state("fallback");
    let stop = AtomicBool::new(false);
    let mut w = watcher(&server, &state);

    let (summary, articles, problems) = poll(&mut w, &stop);
    assert_eq!(summary.articles, 1);
    assert_eq!(summary.from_feed_only, 1);
    assert_eq!(
        articles[0].text,
        "اشتباك قرب نوى\nاندلع اشتباك مسلح قرب مدينة نوى مساء الجمعة."
    );
    assert_eq!(articles[0].published, Some("2024-06-01".parse().unwrap()));
    assert_eq!(articles[0].source.as_deref(), Some("نشرة الاختبار"));
    assert_eq!(problems.len(), 2, "{problems:?}");
    assert!(
        problems[0].contains("/gone")
            && problems[0].contains("404")
            && problems[0].contains("summary"),
        "{problems:?}"
    );
    assert!(problems[1].contains("/gone-no-summary"), "{problems:?}");

    // the item with nothing to fall back on is tried again (the feed is
    // downloaded again though unchanged), then given up after 3 polls
    let (_, articles, _) = poll(&mut w, &stop);
    assert!(articles.is_empty());
    let (_, _, problems) = poll(&mut w, &stop);
    assert!(
        problems
            .iter()
            .any(|p| p.contains("given up after 3 failed polls")),
        "{problems:?}"
    );
    let (_, _, problems) = poll(&mut w, &stop);
    assert!(problems.is_empty(), "{problems:?}");
    assert_eq!(server.hits("/gone-no-summary"), 3);
    assert_eq!(server.hits("/gone"), 1);
}

#[test]
fn the_stop_flag_ends_the_poll_after_the_article_in_hand() {
    let feed: FeedSlot = Arc::new(Mutex::new((
        rss(&[
            ("/a3", "ثالث", None),
            ("/a2", "ثان", None),
            ("/a1", "أول", None),
        ]),
        "\"s1\"".into(),
    )));
    let server = news_server(feed);
    let state = temp_state("stop");
    let stop = AtomicBool::new(false);
    let mut w = watcher(&server, &state);
    let mut handed = Vec::new();
    let summary = w
        .poll_once(
            &stop,
            &mut |a| {
                handed.push(a.text);
                // Ctrl-C arrives while the first article is being stored
                stop.store(true, std::sync::atomic::Ordering::SeqCst);
                Ok(())
            },
            &mut |p| panic!("{p}"),
        )
        .unwrap();
    assert!(summary.stopped);
    assert_eq!(handed, vec![PAGE_TEXT_1.to_owned()]);
    assert_eq!(server.hits("/a2"), 0);

    // the next run goes on where this one stopped
    stop.store(false, std::sync::atomic::Ordering::SeqCst);
    let mut restarted = watcher(&server, &state);
    let (summary, articles, _) = poll(&mut restarted, &stop);
    assert_eq!(summary.articles, 2);
    assert_eq!(articles[0].text, PAGE_TEXT_2);
    assert_eq!(server.hits("/a1"), 1);
}

#[test]
fn a_callback_error_leaves_the_item_for_the_next_poll() {
    let feed: FeedSlot = Arc::new(Mutex::new((rss(&[("/a1", "أول", None)]), "\"c1\"".into())));
    let server = news_server(feed);
    let state = temp_state("callback");
    let stop = AtomicBool::new(false);
    let mut w = watcher(&server, &state);
    let mut problems = Vec::new();
    let summary = w
        .poll_once(
            &stop,
            &mut |_| anyhow::bail!("database is locked"),
            &mut |p| problems.push(p),
        )
        .unwrap();
    assert_eq!(summary.articles, 0);
    assert!(
        problems[0].contains("/a1") && problems[0].contains("database is locked"),
        "{problems:?}"
    );
    let (summary, articles, _) = poll(&mut w, &stop);
    assert_eq!(summary.articles, 1);
    assert_eq!(articles[0].text, PAGE_TEXT_1);
}

#[test]
fn a_broken_feed_is_reported_and_the_others_still_read() {
    let feed: FeedSlot = Arc::new(Mutex::new((rss(&[("/a1", "أول", None)]), "\"b1\"".into())));
    let server = news_server(feed);
    let config = WatcherConfig::new(
        vec![
            server.url("/missing.xml"),
            server.url("/a2"),
            server.url("/feed.xml"),
        ],
        None,
    );
    let mut w = Watcher::new(config, fetcher()).unwrap();
    let stop = AtomicBool::new(false);
    let (summary, articles, problems) = poll(&mut w, &stop);
    assert_eq!(articles.len(), 1);
    assert_eq!(summary.feeds_read, 1);
    assert_eq!(problems.len(), 2, "{problems:?}");
    assert!(
        problems[0].contains("/missing.xml") && problems[0].contains("404"),
        "{problems:?}"
    );
    assert!(
        problems[1].contains("/a2") && problems[1].contains("not an RSS or Atom feed"),
        "{problems:?}"
    );
}

#[test]
fn run_polls_the_given_number_of_times() {
    let feed: FeedSlot = Arc::new(Mutex::new((rss(&[("/a1", "أول", None)]), "\"r1\"".into())));
    let server = news_server(feed);
    let mut w = watcher(&server, &temp_state("run"));
    let stop = AtomicBool::new(false);
    let mut summaries = Vec::new();
    w.run(
        Duration::from_millis(20),
        Some(3),
        &stop,
        &mut |_| Ok(()),
        &mut |p| panic!("{p}"),
        &mut |s| summaries.push(s.clone()),
    )
    .unwrap();
    let articles: Vec<usize> = summaries.iter().map(|s| s.articles).collect();
    assert_eq!(articles, vec![1, 0, 0]);
    assert_eq!(server.hits("/feed.xml"), 3);
}

#[test]
fn a_damaged_state_file_is_an_error_naming_it() {
    let state = temp_state("damaged");
    std::fs::write(&state, "{ not json").unwrap();
    let config = WatcherConfig::new(vec!["http://127.0.0.1:9/feed".into()], Some(state.clone()));
    let error = Watcher::new(config, fetcher())
        .err()
        .expect("a damaged state is refused");
    let message = format!("{error:#}");
    assert!(
        message.contains(&state.display().to_string()) && message.contains("watch state"),
        "{message}"
    );
}
