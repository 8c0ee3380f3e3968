//! The SQLite store end to end: idempotent ingest, updates, merging,
//! filters, pagination and lookups.

use rasd_core::{extract, Article, Extraction, Knowledge};
use rasd_store::{EventFilter, IngestOutcome, Near, SqliteStore, Store};
use std::sync::OnceLock;

fn kb() -> &'static Knowledge {
    static KB: OnceLock<Knowledge> = OnceLock::new();
    KB.get_or_init(Knowledge::embedded)
}

fn article(
    id: &str,
    url: &str,
    published: &str,
    outlet: &str,
    text: &str,
) -> (Article, Extraction) {
    let article = Article {
        id: Some(id.into()),
        published: Some(published.parse().unwrap()),
        title: None,
        text: text.into(),
        url: Some(url.into()),
        source: Some(outlet.into()),
    };
    let extraction = extract(&article, kb());
    (article, extraction)
}

const RAMADI: &str =
    "قتل ثلاثة جنود أمس الجمعة في هجوم شنه مسلحون على حاجز للجيش قرب مدينة الرمادي.";
const RAMADI_OTHER: &str = "أفادت مصادر أمنية بمقتل خمسة جنود عراقيين في هجوم مسلح استهدف نقطة تفتيش عسكرية في الرمادي يوم الجمعة.";
const IDLIB: &str = "قتل مدنيان اثنان في قصف مدفعي استهدف مدينة إدلب صباح اليوم.";

#[test]
fn the_same_article_twice_changes_nothing() {
    let mut store = SqliteStore::open_in_memory().unwrap();
    let (a, x) = article(
        "a1",
        "https://example.org/1",
        "2024-03-02",
        "وكالة أ",
        RAMADI,
    );
    assert_eq!(store.ingest(&a, &x).unwrap().outcome, IngestOutcome::New);
    let before = store.totals().unwrap();
    assert!(before.events >= 1);
    assert_eq!(
        store.ingest(&a, &x).unwrap().outcome,
        IngestOutcome::Unchanged
    );
    // same text under another URL and id, wrapped differently: a duplicate
    let (b, y) = article(
        "copy",
        "https://mirror.example/9",
        "2024-03-02",
        "مرآة",
        &RAMADI.replace(' ', "  \n"),
    );
    let report = store.ingest(&b, &y).unwrap();
    assert_eq!(report.outcome, IngestOutcome::Duplicate);
    assert_eq!(report.article_id, "a1");
    assert_eq!(store.totals().unwrap(), before);
}

#[test]
fn an_updated_article_replaces_its_events() {
    let mut store = SqliteStore::open_in_memory().unwrap();
    let (a, x) = article(
        "a1",
        "https://example.org/1",
        "2024-03-02",
        "وكالة أ",
        RAMADI,
    );
    store.ingest(&a, &x).unwrap();
    let (b, y) = article(
        "a1-new",
        "https://example.org/1",
        "2024-03-02",
        "وكالة أ",
        IDLIB,
    );
    let report = store.ingest(&b, &y).unwrap();
    assert_eq!(report.outcome, IngestOutcome::Updated);
    assert_eq!(report.article_id, "a1");
    let events = store.article_events("a1").unwrap();
    assert!(!events.is_empty());
    assert!(events
        .iter()
        .all(|e| e.event.country_code.as_deref() == Some("SY")));
    let totals = store.totals().unwrap();
    assert_eq!(totals.articles, 1);
    assert_eq!(totals.events as usize, events.len());
    // the Iraqi incident went with its only report
    assert_eq!(totals.incidents as usize, events.len());
    assert_eq!(store.article("a1").unwrap().unwrap().text, IDLIB);
}

#[test]
fn two_outlets_on_one_attack_make_one_incident() {
    let mut store = SqliteStore::open_in_memory().unwrap();
    let batch = vec![
        article("a1", "https://a.example/1", "2024-03-02", "وكالة أ", RAMADI),
        article(
            "b1",
            "https://b.example/1",
            "2024-03-02",
            "وكالة ب",
            RAMADI_OTHER,
        ),
        article("c1", "https://c.example/1", "2024-03-02", "وكالة ج", IDLIB),
    ];
    let reports = store.ingest_batch(&batch).unwrap();
    assert!(reports.iter().all(|r| r.outcome == IngestOutcome::New));
    let iraq = store
        .incidents(&EventFilter {
            country: Some("iq".into()),
            ..EventFilter::default()
        })
        .unwrap();
    assert_eq!(iraq.items.len(), 1, "{:#?}", iraq.items);
    let incident = &iraq.items[0];
    assert_eq!(incident.sources, 2);
    assert_eq!((incident.fatalities_min, incident.fatalities_max), (3, 5));
    // five is attributed (to security sources), three is not: the lowest
    // well-sourced toll wins over the lowest toll
    assert!(incident
        .reports
        .iter()
        .any(|r| r.fatalities == 5 && r.well_sourced));
    assert_eq!(incident.record.fatalities, 5);
    assert_eq!(incident.record.event_id, format!("inc-{}", incident.id));
    let outlets: Vec<_> = incident.reports.iter().map(|r| r.outlet.clone()).collect();
    assert!(outlets.contains(&Some("وكالة ب".into())));
    assert_eq!(
        store.incident(incident.id).unwrap().as_ref(),
        Some(incident)
    );
    let detail = store.event(&incident.reports[1].event_id).unwrap().unwrap();
    assert_eq!(detail.article.id, "b1");
    assert_eq!(detail.event.source.as_deref(), Some("وكالة ب"));
    assert_eq!(detail.event.incident_id, Some(incident.id));
    for e in &detail.event.event.evidence {
        assert_eq!(&detail.article.text[e.start..e.end], e.text);
    }
}

#[test]
fn filters_select_and_pages_cover_everything_once() {
    let mut store = SqliteStore::open_in_memory().unwrap();
    let mut batch = Vec::new();
    for day in 1..=9 {
        let published = format!("2024-03-{:02}", day + 1);
        batch.push(article(
            &format!("r{day}"),
            &format!("https://a.example/r{day}"),
            &published,
            "وكالة أ",
            &format!("{RAMADI} وهذا التقرير رقم {day}."),
        ));
        batch.push(article(
            &format!("i{day}"),
            &format!("https://a.example/i{day}"),
            &published,
            "وكالة أ",
            &format!("{IDLIB} وهذا التقرير رقم {day}."),
        ));
    }
    store.ingest_batch(&batch).unwrap();
    let all = store.events(&EventFilter::default()).unwrap().items;
    assert!(all.len() >= 18);
    let dates: Vec<_> = all.iter().map(|e| e.event.event_date.clone()).collect();
    let mut sorted = dates.clone();
    sorted.sort_by(|a, b| b.cmp(a));
    assert_eq!(dates, sorted, "newest first");

    let mut seen = Vec::new();
    let mut filter = EventFilter {
        limit: 4,
        ..EventFilter::default()
    };
    loop {
        let page = store.events(&filter).unwrap();
        assert!(page.items.len() <= 4);
        seen.extend(page.items.into_iter().map(|e| e.event.event_id));
        match page.next_cursor {
            Some(c) => filter.cursor = Some(c),
            None => break,
        }
    }
    let mut ids: Vec<_> = all.iter().map(|e| e.event.event_id.clone()).collect();
    assert_eq!(seen, ids);
    ids.dedup();
    assert_eq!(ids.len(), seen.len());

    let count = |f: EventFilter| store.events(&f).unwrap().items.len();
    let syria = count(EventFilter {
        country: Some("SY".into()),
        ..EventFilter::default()
    });
    assert!(syria >= 9 && syria < all.len());
    let near_ramadi = count(EventFilter {
        near: Some(Near {
            lat: 33.42,
            lon: 43.30,
            km: 30.0,
        }),
        ..EventFilter::default()
    });
    assert_eq!(near_ramadi, all.len() - syria);
    // the first-level division is matched in any case
    let admin1 = all
        .iter()
        .find_map(|e| e.event.admin1.clone())
        .expect("an event has an admin1");
    let in_admin1 = count(EventFilter {
        admin1: Some(admin1.to_uppercase()),
        ..EventFilter::default()
    });
    assert_eq!(
        in_admin1,
        all.iter()
            .filter(|e| e.event.admin1.as_deref() == Some(admin1.as_str()))
            .count()
    );
    assert!(in_admin1 > 0);
    let deadliest = all.iter().map(|e| e.event.fatalities).max().unwrap();
    assert!(deadliest > 0);
    let deadly = count(EventFilter {
        min_fatalities: Some(deadliest),
        ..EventFilter::default()
    });
    assert_eq!(
        deadly,
        all.iter()
            .filter(|e| e.event.fatalities >= deadliest)
            .count()
    );
    assert!(deadly < all.len());
    let early = count(EventFilter {
        since: Some("2024-03-02".parse().unwrap()),
        until: Some("2024-03-04".parse().unwrap()),
        ..EventFilter::default()
    });
    assert!(early > 0 && early < all.len());
    assert_eq!(
        count(EventFilter {
            event_type: Some("Protests".into()),
            ..EventFilter::default()
        }),
        0
    );
    // the Arabic name of an actor, spelled without hamza, finds its events
    let actor = all
        .iter()
        .find_map(|e| e.event.actor1.clone())
        .expect("an actor is named");
    let found = count(EventFilter {
        actor: Some(format!("no-such-actor|{}", actor.name_ar.replace('أ', "ا"))),
        ..EventFilter::default()
    });
    assert!(found > 0);

    let stats = store.stats(&EventFilter::default()).unwrap();
    assert_eq!(stats.events as usize, all.len());
    assert_eq!(
        stats.by_country.iter().map(|c| c.events).sum::<u64>() as usize,
        all.len()
    );
    assert!(stats.by_day.windows(2).all(|w| w[0].key < w[1].key));
    assert!(store
        .events(&EventFilter {
            cursor: Some("garbage".into()),
            ..EventFilter::default()
        })
        .is_err());
}

#[test]
fn a_database_file_reopens_with_its_data_and_schema() {
    let dir = std::env::temp_dir().join(format!("rasd-store-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("rasd.db");
    {
        let mut store = SqliteStore::open(&path).unwrap();
        let (a, x) = article(
            "a1",
            "https://example.org/1",
            "2024-03-02",
            "وكالة أ",
            RAMADI,
        );
        store.ingest(&a, &x).unwrap();
    }
    let store = SqliteStore::open(&path).unwrap();
    assert_eq!(store.schema_version().unwrap(), 2);
    assert_eq!(store.totals().unwrap().articles, 1);
    // a second connection reads while the first is open
    let reader = SqliteStore::open(&path).unwrap();
    assert_eq!(reader.totals().unwrap().articles, 1);
    drop((store, reader));
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn a_database_from_a_newer_program_is_refused() {
    let dir = std::env::temp_dir().join(format!("rasd-store-newer-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("rasd.db");
    drop(SqliteStore::open(&path).unwrap());
    let conn = rusqlite::Connection::open(&path).unwrap();
    conn.execute(
        "INSERT INTO schema_migrations (version, applied_at) VALUES (99, 0)",
        [],
    )
    .unwrap();
    drop(conn);
    let err = SqliteStore::open(&path).err().expect("refused");
    assert!(err.to_string().contains("newer"), "{err}");
    std::fs::remove_dir_all(&dir).ok();
}
