//! Integration tests of `rasd ingest`, `rasd events`, `rasd export` and
//! `rasd eval-merge`: the event database from the command line, including
//! a killed ingest that is run again.

// shared with cli.rs, which uses the helpers this file does not
#[allow(dead_code)]
mod common;

use common::{arg, parse_csv, rasd, workspace_root, TempDir};
use rasd_store::{SqliteStore, Store};
use serde_json::{json, Value};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const ACLED_HEADER: &str = "event_id_cnty,event_date,year,time_precision,disorder_type,event_type,sub_event_type,actor1,assoc_actor_1,inter1,actor2,assoc_actor_2,inter2,interaction,civilian_targeting,iso,region,country,admin1,admin2,admin3,location,latitude,longitude,geo_precision,source,source_scale,notes,fatalities,tags,timestamp";

/// Two reports of one Idlib airstrike, and an attack in Iraq.
fn write_articles(dir: &TempDir) {
    dir.write(
        "feed/idlib.jsonl",
        [
            json!({"id": "n1", "published": "2024-02-13", "source": "شبكة الشمال", "url": "https://a.example/1",
                   "text": "قُتل خمسة مدنيين بينهم طفلان أمس الاثنين جراء غارة جوية روسية استهدفت سوقاً شعبياً في مدينة إدلب، بحسب الدفاع المدني السوري."}),
            json!({"id": "n2", "published": "2024-02-12", "source": "وكالة الخبر", "url": "https://b.example/2",
                   "text": "استهدفت طائرات حربية روسية ظهر اليوم سوق الخضار وسط مدينة إدلب، ما أسفر عن سقوط سبعة قتلى وعدد من الجرحى وفق مصادر محلية."}),
        ]
        .iter()
        .map(|v| format!("{v}\n"))
        .collect::<String>(),
    );
    dir.write(
        "feed/sub/ramadi.txt",
        "قتل جنديان عراقيان وأصيب ثالث اليوم الاثنين بانفجار عبوة ناسفة استهدفت دوريتهم على الطريق الدولي غرب مدينة الرمادي.",
    );
    dir.write("feed/sub/broken.txt", [0u8, 159, 146, 150]);
    dir.write("feed/notes.pdf", "not an article");
}

#[test]
fn ingest_is_idempotent_and_queries_read_back_in_every_format() {
    let dir = TempDir::new("store-ingest");
    write_articles(&dir);
    let first = dir.rasd(&[
        "ingest",
        "--db",
        "t.db",
        "--published",
        "2024-04-08",
        "feed",
    ]);
    first
        .assert_success()
        .assert_stderr_mentions(&["broken.txt", "binary"]);
    assert!(first.stderr.contains("3 new"), "{}", first.stderr);
    let again = dir.rasd(&[
        "ingest",
        "--db",
        "t.db",
        "--published",
        "2024-04-08",
        "feed",
    ]);
    assert!(again.stderr.contains("0 new"), "{}", again.stderr);
    assert!(again.stderr.contains("3 unchanged"), "{}", again.stderr);

    let store = SqliteStore::open(dir.path().join("t.db")).unwrap();
    let totals = store.totals().unwrap();
    assert_eq!(totals.articles, 3);
    assert!(totals.events >= 3 && totals.incidents < totals.events);

    // the table, filtered
    let table = dir.rasd(&["events", "--db", "t.db", "--country", "SY", "--incidents"]);
    table.assert_success();
    let lines: Vec<&str> = table.stdout.lines().collect();
    assert_eq!(lines.len(), 2, "{}", table.stdout);
    assert!(
        lines[1].contains("Idlib") && lines[1].contains("5 (5-7)"),
        "{}",
        table.stdout
    );

    // the same incident by its province (any case) and its toll
    let by_toll = |least: &str| {
        let out = dir.rasd(&[
            "events",
            "--db",
            "t.db",
            "--incidents",
            "--format",
            "jsonl",
            "--admin1",
            "IDLIB",
            "--min-fatalities",
            least,
        ]);
        out.assert_success().events().len()
    };
    assert_eq!(by_toll("5"), 1);
    assert_eq!(by_toll("6"), 0);

    // JSON Lines: full records with evidence that slices the article
    let jsonl = dir.rasd(&[
        "events",
        "--db",
        "t.db",
        "--format",
        "jsonl",
        "--near",
        "33.42,43.30,40",
    ]);
    let events = jsonl.assert_success().events();
    assert_eq!(events.len(), 1);
    assert_eq!(events[0]["country_code"], "IQ");
    assert!(!events[0]["evidence"].as_array().unwrap().is_empty());

    // CSV with ACLED's columns, one row per event
    let csv = dir.rasd(&["export", "--db", "t.db", "--format", "csv"]);
    let rows = parse_csv(&csv.assert_success().stdout);
    assert_eq!(csv.stdout.lines().next(), Some(ACLED_HEADER));
    assert_eq!(rows.len() as u64, totals.events + 1);

    // GeoJSON of incidents, to a file
    let out = dir.rasd(&[
        "export",
        "--db",
        "t.db",
        "--format",
        "geojson",
        "--incidents",
        "--type",
        "Explosions/Remote violence",
        "-o",
        "x.geojson",
    ]);
    out.assert_success();
    let geojson: Value =
        serde_json::from_str(&std::fs::read_to_string(dir.path().join("x.geojson")).unwrap())
            .unwrap();
    assert_eq!(geojson["type"], "FeatureCollection");
    let features = geojson["features"].as_array().unwrap();
    assert!(!features.is_empty());
    for f in features {
        assert_eq!(f["geometry"]["type"], "Point");
        assert!(f["properties"]["fatalities"].is_u64());
        assert_eq!(f["properties"]["event_type"], "Explosions/Remote violence");
    }
    let idlib = features
        .iter()
        .find(|f| f["properties"]["country"] == "Syria")
        .expect("the Idlib incident");
    assert_eq!(idlib["properties"]["sources"], 2);
    assert_eq!(idlib["properties"]["source"], "شبكة الشمال; وكالة الخبر");
}

#[test]
fn queries_need_an_existing_database_and_valid_filters() {
    let dir = TempDir::new("store-query-errors");
    dir.rasd(&["events", "--db", "missing.db"])
        .assert_failure()
        .assert_stderr_mentions(&["missing.db", "rasd ingest"]);
    assert!(!dir.path().join("missing.db").exists());
    write_articles(&dir);
    dir.rasd(&["ingest", "--db", "t.db", "feed/idlib.jsonl"])
        .assert_success();
    dir.rasd(&["events", "--db", "t.db", "--near", "35,36"])
        .assert_failure()
        .assert_stderr_mentions(&["--near"]);
    dir.rasd(&["events", "--db", "t.db", "--since", "yesterday"])
        .assert_failure()
        .assert_stderr_mentions(&["--since"]);
}

#[test]
fn an_actor_alias_finds_the_actor_events() {
    let dir = TempDir::new("store-actor");
    dir.write(
        "a.txt",
        "هاجم مسلحون من تنظيم داعش مساء الأحد موقعاً للجيش العراقي في قضاء الحويجة جنوب غرب كركوك، ما أسفر عن مقتل ضابط وجنديين.",
    );
    dir.rasd(&[
        "ingest",
        "--db",
        "t.db",
        "--published",
        "2024-06-10",
        "a.txt",
    ])
    .assert_success();
    for actor in ["داعش", "ISIS|nothing", "الدولة الاسلامية"] {
        let run = dir.rasd(&[
            "events", "--db", "t.db", "--format", "jsonl", "--actor", actor,
        ]);
        assert_eq!(run.assert_success().events().len(), 1, "{actor}");
    }
    let none = dir.rasd(&[
        "events",
        "--db",
        "t.db",
        "--format",
        "jsonl",
        "--actor",
        "حزب الله",
    ]);
    assert!(none.assert_success().events().is_empty());
}

/// Articles enough for an ingest to take a while, each distinct.
fn write_large_feed(path: &Path, count: usize) {
    const TOWNS: [&str; 8] = [
        "إدلب",
        "حلب",
        "الرقة",
        "درعا",
        "الرمادي",
        "الموصل",
        "تعز",
        "مأرب",
    ];
    let mut out = String::new();
    for i in 0..count {
        let day = 1 + (i / 40) % 28;
        let text = format!(
            "قتل {} مدنيين وأصيب {} آخرون في قصف مدفعي استهدف مدينة {} يوم أمس، بحسب مصادر محلية. وقال شهود إن القصف رقم {i} وقع قرابة الظهر.",
            2 + i % 9,
            i % 13,
            TOWNS[i % TOWNS.len()]
        );
        let line = json!({"id": format!("g{i}"), "published": format!("2024-03-{day:02}"),
            "source": "وكالة الاختبار", "url": format!("https://example.org/g{i}"), "text": text});
        out.push_str(&format!("{line}\n"));
    }
    std::fs::write(path, out).unwrap();
}

#[test]
fn a_killed_ingest_run_again_loses_and_duplicates_nothing_and_readers_run_alongside() {
    const ARTICLES: usize = 2500;
    const BATCH: usize = 50;
    let dir = TempDir::new("store-kill");
    let feed = dir.path().join("large.jsonl");
    write_large_feed(&feed, ARTICLES);
    let db = dir.path().join("killed.db");
    let ingest = |db: &Path| {
        Command::new(env!("CARGO_BIN_EXE_rasd"))
            .args([
                "ingest",
                "--batch",
                &BATCH.to_string(),
                "--db",
                arg(db),
                arg(&feed),
            ])
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("rasd starts")
    };
    let mut child = ingest(&db);
    // kill it once a few batches are committed, reading alongside the writer
    let started = Instant::now();
    let mut reader = None;
    loop {
        if reader.is_none() && db.exists() {
            reader = SqliteStore::open(&db).ok();
        }
        let committed = reader
            .as_ref()
            .and_then(|r: &SqliteStore| r.totals().ok())
            .map_or(0, |t| t.articles);
        if committed >= 3 * BATCH as u64 {
            break;
        }
        assert!(
            started.elapsed() < Duration::from_secs(120),
            "the ingest committed nothing in two minutes"
        );
        assert!(
            child.try_wait().unwrap().is_none(),
            "the ingest ended before it could be killed"
        );
        std::thread::sleep(Duration::from_millis(5));
    }
    child.kill().expect("SIGKILL is delivered");
    child.wait().unwrap();
    drop(reader);

    let store = SqliteStore::open(&db).unwrap();
    let at_kill = store.totals().unwrap();
    assert!(
        at_kill.articles < ARTICLES as u64,
        "killed mid-way: {at_kill:?}"
    );
    assert_eq!(at_kill.articles % BATCH as u64, 0, "only whole batches");
    drop(store);

    let rerun = ingest(&db).wait_with_output().unwrap();
    assert!(rerun.status.success());
    let summary = String::from_utf8_lossy(&rerun.stderr);
    assert!(
        summary.contains(&format!("{} unchanged", at_kill.articles)),
        "{summary}"
    );
    // the same as one uninterrupted run, read by `rasd events` as it writes
    let clean = dir.path().join("clean.db");
    let mut writer = ingest(&clean);
    let mut reads = 0;
    while writer.try_wait().unwrap().is_none() {
        if clean.exists() {
            let run = rasd(&[
                "events",
                "--db",
                arg(&clean),
                "--format",
                "jsonl",
                "--limit",
                "3",
            ]);
            assert!(
                run.succeeded,
                "a read during the ingest failed: {}",
                run.stderr
            );
            reads += 1;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    assert!(writer.wait().unwrap().success());
    assert!(reads > 0, "the ingest ended before it could be read");
    let resumed = SqliteStore::open(&db).unwrap().totals().unwrap();
    let reference = SqliteStore::open(&clean).unwrap().totals().unwrap();
    assert_eq!(resumed.articles, ARTICLES as u64);
    assert_eq!(resumed, reference);
}

#[test]
fn merge_precision_and_recall_on_the_test_clusters() {
    let dir = workspace_root().join("tests/merge");
    let run = rasd(&["eval-merge", arg(&dir), "--json"]);
    let report = run.assert_success().json();
    assert!(report["files"].as_u64().unwrap() >= 20);
    let precision = report["precision"].as_f64().unwrap();
    let recall = report["recall"].as_f64().unwrap();
    assert!(precision >= 0.9, "precision {precision}: {report}");
    assert!(recall >= 0.85, "recall {recall}: {report}");
}

#[test]
fn ingest_reads_with_the_tagger_unless_told_not_to() {
    let dir = TempDir::new("store-tagger");
    // قرقوزة (Qarquzah) has no Arabic name in the tables: only the tagger
    // finds it
    dir.write(
        "qarquzah.txt",
        "تصعيد في ليبيا. اقتحم مسلحون مجهولون قرقوزة ليلة أمس وقتلوا ثلاثة رجال.",
    );
    let location = |db: &str, extra: &[&str]| {
        let mut args = vec!["ingest", "--db", db, "--published", "2024-03-02"];
        args.extend_from_slice(extra);
        args.push("qarquzah.txt");
        dir.rasd(&args).assert_success();
        let store = SqliteStore::open(dir.path().join(db)).unwrap();
        let events = store.events(&Default::default()).unwrap().items;
        assert_eq!(events.len(), 1);
        events[0].event.location.clone()
    };
    assert_eq!(location("with.db", &[]).as_deref(), Some("Qarquzah"));
    assert_eq!(
        location("without.db", &["--no-tagger"]).as_deref(),
        Some("Tripoli")
    );
}
