//! `rasd watch` end to end against a tiny news site served on 127.0.0.1:
//! feed items become stored events, a second run fetches nothing again,
//! and Ctrl-C ends the watch cleanly.

// shared with cli.rs, which uses the helpers this file does not
#[allow(dead_code)]
mod common;

use common::{arg, TempDir};
use serde_json::Value;
use std::io::{BufRead, BufReader, Write};
use std::net::TcpListener;
use std::process::{Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

const PAGE: &str = r#"<!DOCTYPE html>
<html lang="ar" dir="rtl"><head><meta charset="utf-8">
<title>غارات على بلدة سرمين</title>
<meta property="article:published_time" content="2024-03-01T11:00:00+03:00">
<meta property="og:site_name" content="شبكة إدلب الإخبارية">
</head><body>
<nav><a href="/">الرئيسية</a> <a href="/iraq">أخبار العراق</a> <a href="/mosul">الموصل اليوم</a></nav>
<article>
<p>شنت طائرات حربية روسية صباح اليوم غارات جوية على بلدة سرمين في ريف إدلب الشرقي، ما أدى إلى مقتل خمسة مدنيين بينهم طفلان وإصابة آخرين، بحسب ما أفاد الدفاع المدني السوري.</p>
<p>وقال الدفاع المدني في بيان إن فرقه انتشلت الضحايا من تحت أنقاض منزلين دمرتهما الغارات، وإن البحث ما زال جاريا عن مفقودين.</p>
</article>
<section class="comments"><h3>اضف تعليقا</h3><p>قصف الجيش العراقي مدينة الموصل</p></section>
</body></html>"#;

const FEED: &str = r#"<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>شبكة إدلب</title>
<item><title>غارات على بلدة سرمين</title><link>/news/sarmin</link>
<pubDate>Fri, 01 Mar 2024 11:00:00 +0300</pubDate></item>
</channel></rss>"#;

/// Serves the feed (with an ETag) and the page on a loopback port, one
/// request per connection, logging request paths. Lives at most a minute.
fn serve_site() -> (String, Arc<Mutex<Vec<String>>>) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    listener.set_nonblocking(true).unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let log = Arc::new(Mutex::new(Vec::new()));
    let thread_log = log.clone();
    std::thread::spawn(move || {
        let started = Instant::now();
        while started.elapsed() < Duration::from_secs(60) {
            let Ok((stream, _)) = listener.accept() else {
                std::thread::sleep(Duration::from_millis(5));
                continue;
            };
            stream.set_nonblocking(false).unwrap();
            let mut reader = BufReader::new(stream.try_clone().unwrap());
            let mut request = String::new();
            loop {
                let mut line = String::new();
                if reader.read_line(&mut line).unwrap_or(0) == 0 || line.trim().is_empty() {
                    break;
                }
                request.push_str(&line);
            }
            let path = request.split_whitespace().nth(1).unwrap_or("/").to_owned();
            thread_log.lock().unwrap().push(path.clone());
            let (status, kind, body) = match path.as_str() {
                "/feed.xml" if request.contains("\"f1\"") => ("304 Not Modified", "", ""),
                "/feed.xml" => ("200 OK", "application/rss+xml", FEED),
                "/news/sarmin" => ("200 OK", "text/html; charset=utf-8", PAGE),
                _ => ("404 Not Found", "text/plain", ""),
            };
            let mut out = stream;
            let _ = write!(
                out,
                "HTTP/1.1 {status}\r\nConnection: close\r\nETag: \"f1\"\r\nContent-Type: {kind}\r\nContent-Length: {}\r\n\r\n{body}",
                body.len()
            );
        }
    });
    (base, log)
}

fn hits(log: &Mutex<Vec<String>>, path: &str) -> usize {
    log.lock().unwrap().iter().filter(|p| *p == path).count()
}

#[test]
fn watch_stores_new_articles_once() {
    let dir = TempDir::new("watch_once");
    let (base, log) = serve_site();
    let feed = format!("{base}/feed.xml");
    dir.write("feeds.txt", format!("# test site\n\n{feed}\n"));
    let watch = [
        "watch",
        "--once",
        "--db",
        "news.db",
        "--host-interval",
        "0s",
        "--feeds",
        "feeds.txt",
    ];

    let first = dir.rasd(&watch);
    first.assert_success();
    assert!(
        first.stderr.contains("1 new article(s)"),
        "{}",
        first.stderr
    );
    let events = dir.rasd(&["events", "--db", "news.db", "--format", "jsonl"]);
    let events: Vec<Value> = events
        .assert_success()
        .stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert!(!events.is_empty(), "no event stored");
    let text = events.iter().map(Value::to_string).collect::<String>();
    assert!(text.contains("\"SY\"") && text.contains("Idlib"), "{text}");
    assert!(
        !text.contains("Mosul") && !text.contains("\"IQ\""),
        "boilerplate coded: {text}"
    );
    assert!(text.contains("2024-03-01"), "{text}");

    // the state file makes the second run ask with the ETag and fetch no page
    let second = dir.rasd(&watch);
    second.assert_success();
    assert!(
        second.stderr.contains("1 unchanged, 0 new article(s)"),
        "{}",
        second.stderr
    );
    assert!(dir.path().join("news.db.watch.json").is_file());
    assert_eq!(hits(&log, "/feed.xml"), 2);
    assert_eq!(hits(&log, "/news/sarmin"), 1);
    let again = dir.rasd(&["events", "--db", "news.db", "--format", "jsonl"]);
    assert_eq!(again.assert_success().stdout.lines().count(), events.len());
}

#[test]
fn an_unreadable_feed_is_reported_and_fails_a_single_poll() {
    let dir = TempDir::new("watch_missing");
    let (base, _) = serve_site();
    let missing = format!("{base}/missing.xml");
    let run = dir.rasd(&["watch", "--once", "--db", "news.db", &missing]);
    run.assert_failure()
        .assert_stderr_mentions(&[&missing, "404"]);
    let bad_list = dir.write("feeds.txt", "ftp://example.org/feed\n");
    dir.rasd(&["watch", "--once", "--feeds", arg(&bad_list)])
        .assert_failure()
        .assert_stderr_mentions(&["feeds.txt:1", "not an http(s) feed URL"]);
    dir.rasd(&["watch", "--once"])
        .assert_failure()
        .assert_stderr_mentions(&["no feed to watch"]);
    dir.rasd(&["watch", "--every", "1s", &missing])
        .assert_failure()
        .assert_stderr_mentions(&["--every 1s", "at most every 10s"]);
}

#[cfg(unix)]
#[test]
fn ctrl_c_ends_the_watch_cleanly() {
    let dir = TempDir::new("watch_ctrl_c");
    let (base, log) = serve_site();
    let mut child = Command::new(env!("CARGO_BIN_EXE_rasd"))
        .args([
            "watch",
            "--every",
            "1h",
            "--db",
            "news.db",
            "--host-interval",
            "0s",
        ])
        .arg(format!("{base}/feed.xml"))
        .current_dir(dir.path())
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // wait (boundedly) for the first poll to have stored the article
    let started = Instant::now();
    while hits(&log, "/news/sarmin") == 0 || !dir.path().join("news.db.watch.json").is_file() {
        assert!(
            started.elapsed() < Duration::from_secs(30),
            "the first poll did not happen"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    std::thread::sleep(Duration::from_millis(300));
    let killed = Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(killed.success());
    let started = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if started.elapsed() > Duration::from_secs(20) {
            child.kill().ok();
            panic!("rasd watch did not exit after Ctrl-C");
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    let mut stderr = String::new();
    std::io::Read::read_to_string(&mut child.stderr.take().unwrap(), &mut stderr).unwrap();
    assert!(status.success(), "{status}: {stderr}");
    assert!(stderr.contains("stopped on Ctrl-C"), "{stderr}");
    assert!(stderr.contains("1 article(s) stored"), "{stderr}");
}
