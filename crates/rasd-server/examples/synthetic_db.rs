//! Fills an event database with synthetic events for the load benchmark
//! (crates/rasd-server/bench/load.sh): plausible ACLED-shaped records spread
//! over ten countries and three years, stored through the real store (so
//! incidents are merged as in use). Deterministic: the same count gives the
//! same database.
//!
//! cargo run --release -p rasd-server --example synthetic_db -- --events 100000 --out target/load/bench.db

use rasd_core::{ActorRef, Article, Event, Evidence, Extraction};
use rasd_store::{SqliteStore, Store};
use std::path::PathBuf;
use std::time::Instant;

/// ISO2, English name, (min_lat, min_lon, max_lat, max_lon), provinces.
const COUNTRIES: [(&str, &str, [f64; 4], [&str; 4]); 10] = [
    (
        "SY",
        "Syria",
        [32.5, 35.8, 37.0, 42.0],
        ["Aleppo", "Idlib", "Deir ez-Zor", "Al-Hasakah"],
    ),
    (
        "IQ",
        "Iraq",
        [29.5, 39.0, 37.0, 48.0],
        ["Baghdad", "Nineveh", "Anbar", "Basra"],
    ),
    (
        "YE",
        "Yemen",
        [12.8, 43.0, 17.5, 52.0],
        ["Sanaa", "Al Hudaydah", "Marib", "Taizz"],
    ),
    (
        "LY",
        "Libya",
        [25.0, 10.0, 32.8, 24.0],
        ["Tripoli", "Benghazi", "Misrata", "Sabha"],
    ),
    (
        "SD",
        "Sudan",
        [10.0, 22.0, 21.0, 36.0],
        ["Khartoum", "North Darfur", "South Darfur", "Kassala"],
    ),
    (
        "LB",
        "Lebanon",
        [33.1, 35.1, 34.6, 36.5],
        ["Beirut", "South", "Bekaa", "North"],
    ),
    (
        "PS",
        "Palestine",
        [31.2, 34.2, 32.5, 35.5],
        ["Gaza", "Jenin", "Nablus", "Hebron"],
    ),
    (
        "EG",
        "Egypt",
        [24.0, 28.0, 31.3, 34.5],
        ["North Sinai", "Cairo", "Giza", "Alexandria"],
    ),
    (
        "SO",
        "Somalia",
        [-1.5, 41.0, 11.5, 51.0],
        ["Banadir", "Lower Shabelle", "Bay", "Gedo"],
    ),
    (
        "ML",
        "Mali",
        [12.0, -10.0, 20.0, 4.0],
        ["Mopti", "Gao", "Timbuktu", "Segou"],
    ),
];

/// Sub-event type and its event type.
const TYPES: [(&str, &str); 10] = [
    ("Armed clash", "Battles"),
    ("Air/drone strike", "Explosions/Remote violence"),
    (
        "Shelling/artillery/missile attack",
        "Explosions/Remote violence",
    ),
    (
        "Remote explosive/landmine/IED",
        "Explosions/Remote violence",
    ),
    ("Attack", "Violence against civilians"),
    (
        "Abduction/forced disappearance",
        "Violence against civilians",
    ),
    ("Peaceful protest", "Protests"),
    ("Violent demonstration", "Riots"),
    ("Arrests", "Strategic developments"),
    ("Looting/property destruction", "Strategic developments"),
];

/// id, English name, Arabic name, inter code.
const ACTORS: [(&str, &str, &str, u8); 6] = [
    ("isis", "Islamic State", "تنظيم الدولة الإسلامية", 2),
    ("military", "Military Forces", "القوات الحكومية", 1),
    ("rebels", "Rebel Group", "فصيل مسلح", 2),
    ("militia", "Militia", "ميليشيا محلية", 3),
    ("protesters", "Protesters", "متظاهرون", 6),
    ("civilians", "Civilians", "مدنيون", 7),
];

/// xorshift64*: deterministic and dependency-free.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }
}

fn actor(rng: &mut Rng, country: &str) -> ActorRef {
    let (id, name, name_ar, inter) = ACTORS[rng.below(ACTORS.len())];
    ActorRef {
        id: id.into(),
        name: format!("{name} ({country})"),
        name_ar: name_ar.into(),
        inter,
    }
}

fn synthetic_article(n: usize, rng: &mut Rng, events_left: &mut usize) -> (Article, Extraction) {
    let id = format!("synthetic-{n:07}");
    let (iso2, country, [lat0, lon0, lat1, lon1], provinces) =
        COUNTRIES[rng.below(COUNTRIES.len())];
    let day = rng.below(3 * 365) as i64;
    let date = chrono::NaiveDate::from_ymd_opt(2022, 1, 1).unwrap() + chrono::Duration::days(day);
    let text = format!(
        "تقرير تجريبي رقم {n}: اشتباكات وقصف في {country} يوم {date}، وأفادت مصادر بسقوط قتلى."
    );
    let count = (1 + rng.below(3)).min(*events_left);
    *events_left -= count;
    let events = (0..count)
        .map(|i| {
            let (sub, kind) = TYPES[rng.below(TYPES.len())];
            let fatalities = if rng.below(3) == 0 { 0 } else { rng.below(40) as u64 };
            let province = provinces[rng.below(provinces.len())];
            Event {
                article_id: id.clone(),
                event_id: format!("{id}-{i}"),
                event_date: Some(date.to_string()),
                time_precision: 1,
                event_type: kind.into(),
                sub_event_type: sub.into(),
                actor1: Some(actor(rng, country)),
                actor2: (rng.below(2) == 0).then(|| actor(rng, country)),
                assoc_actor_1: vec![],
                assoc_actor_2: vec![],
                civilian_targeting: kind == "Violence against civilians",
                country: Some(country.into()),
                country_code: Some(iso2.into()),
                admin1: Some(province.into()),
                admin2: None,
                location: Some(format!("{province} town {}", rng.below(50))),
                location_id: None,
                plover: None,
                latitude: Some(lat0 + rng.unit() * (lat1 - lat0)),
                longitude: Some(lon0 + rng.unit() * (lon1 - lon0)),
                geo_precision: 1,
                fatalities,
                figures: vec![],
                status: "occurred".into(),
                notes: format!("On {date}, a synthetic {sub} in {province} ({country}). {fatalities} fatalities."),
                evidence: vec![Evidence {
                    field: "event_type".into(),
                    start: 0,
                    end: "تقرير".len(),
                    text: "تقرير".into(),
                }],
            }
        })
        .collect();
    let article = Article {
        id: Some(id.clone()),
        published: Some(date + chrono::Duration::days(1)),
        title: None,
        text,
        url: Some(format!("https://synthetic.invalid/{n}")),
        source: Some("synthetic".into()),
    };
    let extraction = Extraction {
        article_id: id,
        entities: vec![],
        events,
    };
    (article, extraction)
}

fn main() {
    let mut events = 100_000usize;
    let mut out = PathBuf::from("target/load/bench.db");
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--events" => {
                events = args
                    .next()
                    .and_then(|v| v.parse().ok())
                    .expect("--events N")
            }
            "--out" => out = args.next().map(PathBuf::from).expect("--out FILE"),
            other => {
                eprintln!("synthetic_db: unknown argument {other:?} (use --events N --out FILE)");
                std::process::exit(2);
            }
        }
    }
    if out.exists() {
        eprintln!("synthetic_db: {} exists; remove it first", out.display());
        std::process::exit(2);
    }
    if let Some(dir) = out.parent() {
        std::fs::create_dir_all(dir).expect("create the output directory");
    }
    let started = Instant::now();
    let mut store = SqliteStore::open(&out).expect("open the database");
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let mut left = events;
    let mut n = 0;
    while left > 0 {
        let mut batch: Vec<(Article, Extraction)> = Vec::with_capacity(1000);
        while batch.len() < 1000 && left > 0 {
            n += 1;
            batch.push(synthetic_article(n, &mut rng, &mut left));
        }
        store.ingest_batch(&batch).expect("store a batch");
    }
    let totals = store.totals().expect("count");
    eprintln!(
        "synthetic_db: {} events in {} articles, {} incidents, written to {} in {:.1} s",
        totals.events,
        totals.articles,
        totals.incidents,
        out.display(),
        started.elapsed().as_secs_f64()
    );
}
