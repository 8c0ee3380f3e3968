//! Integration tests of the `rasd` binary: what it prints for real inputs,
//! and how it reports inputs it cannot read.

mod common;

use common::{
    actor_name, all_evidence, arg, assert_evidence_slices, figures, parse_csv, rasd,
    rasd_with_stdin, seed_article, text, workspace_root, TempDir,
};
use serde_json::{json, Value};

/// Government shelling of a town in Idlib, dated "this morning".
const SHELLING_ARTICLE: &str = "قصفت قوات النظام السوري بالمدفعية الثقيلة صباح اليوم بلدة كفرنبل في ريف إدلب الجنوبي، ما أدى إلى مقتل ثلاثة مدنيين وإصابة خمسة آخرين، بحسب ما أفاد الدفاع المدني السوري.\n";

/// Two attacks in Iraq dated only "yesterday" and "on Thursday".
const RELATIVE_DATES_ARTICLE: &str = "قتل أربعة جنود من الجيش العراقي أمس في هجوم شنه مسلحو داعش على موقع عسكري في قضاء الطارمية شمال بغداد.\nوكان مسلحون قد هاجموا يوم الخميس نقطة تفتيش للشرطة العراقية في محافظة كركوك ما أسفر عن مقتل شرطيين.\n";

const ACLED_HEADER: &str = "event_id_cnty,event_date,year,time_precision,disorder_type,event_type,sub_event_type,actor1,assoc_actor_1,inter1,actor2,assoc_actor_2,inter2,interaction,civilian_targeting,iso,region,country,admin1,admin2,admin3,location,latitude,longitude,geo_precision,source,source_scale,notes,fatalities,tags,timestamp";

const ACTORS_HEADER: &str =
    "id\tname\tname_ar\taliases_ar\taliases_en\tinter\tcountry\tparent\tactive\twikidata";

/// One line per event: date, place and actors, for failure messages.
fn summary(events: &[Value]) -> String {
    events
        .iter()
        .map(|e| {
            format!(
                "{:?} {:?} {:?} {:?} vs {:?}\n",
                text(e, "event_date"),
                text(e, "country_code"),
                text(e, "admin1"),
                actor_name(e, "actor1"),
                actor_name(e, "actor2"),
            )
        })
        .collect()
}

/// The first event in `country_code` whose admin1 contains `admin1_part`.
fn event_in<'a>(events: &'a [Value], country_code: &str, admin1_part: &str) -> &'a Value {
    events
        .iter()
        .find(|e| {
            text(e, "country_code") == Some(country_code)
                && text(e, "admin1").is_some_and(|a| a.contains(admin1_part))
        })
        .unwrap_or_else(|| {
            panic!(
                "no event in {country_code}/{admin1_part}; events:\n{}",
                summary(events)
            )
        })
}

/// The event's figure of `kind` with `value`.
fn figure<'a>(event: &'a Value, kind: &str, value: u64) -> &'a Value {
    figures(event)
        .iter()
        .find(|f| text(f, "kind") == Some(kind) && f["value"].as_u64() == Some(value))
        .unwrap_or_else(|| panic!("no figure {kind} {value} in {event}"))
}

fn is_sdf(name: Option<&str>) -> bool {
    name.is_some_and(|n| n.contains("Syrian Democratic Forces"))
}

fn assert_every_evidence_slices(original: &[u8], events: &[Value]) {
    for event in events {
        for evidence in all_evidence(event) {
            assert_evidence_slices(original, evidence);
        }
    }
}

#[test]
fn seed_article_yields_the_hasakah_prison_and_diyala_attacks() {
    let Some(seed) = seed_article() else {
        eprintln!("skipped: the shared seed article (../shared/seed) is not checked out");
        return;
    };
    let original = std::fs::read(&seed).expect("seed is readable");
    let events = rasd(&["extract", "--published", "2022-01-22", arg(&seed)])
        .assert_success()
        .events();

    let hasakah = event_in(&events, "SY", "Hasakah");
    let date = text(hasakah, "event_date");
    assert!(
        matches!(date, Some("2022-01-20" | "2022-01-21")),
        "Hasakah date {date:?}"
    );
    let actors = [actor_name(hasakah, "actor1"), actor_name(hasakah, "actor2")];
    assert!(
        actors.contains(&Some("Islamic State")) && actors.iter().any(|a| is_sdf(*a)),
        "Hasakah actors {actors:?}"
    );
    assert!(is_sdf(text(figure(hasakah, "killed", 7), "party")));
    let isis_dead = figure(hasakah, "killed", 28);
    assert_eq!(text(isis_dead, "party"), Some("Islamic State"));
    assert!(is_sdf(text(isis_dead, "claimed_by")), "{isis_dead}");
    figure(hasakah, "escaped", 89);

    let diyala = event_in(&events, "IQ", "Diyala");
    assert_eq!(actor_name(diyala, "actor1"), Some("Islamic State"));
    assert_eq!(
        actor_name(diyala, "actor2"),
        Some("Military Forces of Iraq")
    );
    assert_eq!(diyala["fatalities"].as_u64(), Some(11));

    for event in &events {
        let date = text(event, "event_date").unwrap_or("");
        assert!(
            !["2014", "2015", "2019", "2020"]
                .iter()
                .any(|y| date.starts_with(y)),
            "background history became an event:\n{}",
            summary(&events)
        );
        assert!(
            all_evidence(event)
                .iter()
                .any(|ev| text(ev, "field") == Some("event_type")),
            "no event_type evidence in {event}"
        );
    }
    assert_every_evidence_slices(&original, &events);
}

#[test]
fn project_example_yields_hasakah_and_diyala_but_not_2019() {
    let events = rasd(&[
        "extract",
        "--published",
        "2022-01-22",
        "examples/hasakah-prison-attack.txt",
    ])
    .assert_success()
    .events();
    event_in(&events, "SY", "Hasakah");
    event_in(&events, "IQ", "Diyala");
    assert!(
        events
            .iter()
            .all(|e| !text(e, "event_date").unwrap_or("").starts_with("2019")),
        "the 2019 background sentence became an event:\n{}",
        summary(&events)
    );
}

#[test]
fn standard_input_is_read_with_dash() {
    let events = rasd_with_stdin(
        &["extract", "--published", "2024-03-01", "-"],
        SHELLING_ARTICLE.as_bytes(),
    )
    .assert_success()
    .events();
    let shelling = event_in(&events, "SY", "Idlib");
    assert_eq!(text(shelling, "event_date"), Some("2024-03-01"));
    assert_every_evidence_slices(SHELLING_ARTICLE.as_bytes(), &events);
}

#[test]
fn relative_dates_without_published_stay_null() {
    let dir = TempDir::new("relative_dates");
    dir.write("relative.txt", RELATIVE_DATES_ARTICLE);
    let events = dir
        .rasd(&["extract", "relative.txt"])
        .assert_success()
        .events();
    assert!(!events.is_empty(), "the attacks were not found");
    assert!(
        events.iter().all(|e| e["event_date"].is_null()),
        "a date was invented:\n{}",
        summary(&events)
    );
}

#[test]
fn json_format_is_one_document_of_articles() {
    let dir = TempDir::new("json_format");
    dir.write("shelling.txt", SHELLING_ARTICLE);
    dir.write("relative.txt", RELATIVE_DATES_ARTICLE);
    let doc = dir
        .rasd(&[
            "extract",
            "--format",
            "json",
            "shelling.txt",
            "relative.txt",
        ])
        .assert_success()
        .json();
    let articles = doc["articles"].as_array().expect("an articles array");
    let ids: Vec<_> = articles.iter().map(|a| text(a, "article_id")).collect();
    assert_eq!(ids, [Some("shelling"), Some("relative")]);
    for article in articles {
        assert!(article["entities"]
            .as_array()
            .is_some_and(|e| !e.is_empty()));
        assert!(article["events"].as_array().is_some_and(|e| !e.is_empty()));
    }
}

#[test]
fn csv_format_has_acled_columns() {
    let dir = TempDir::new("csv_format");
    dir.write("shelling.txt", SHELLING_ARTICLE);
    let run = dir.rasd(&[
        "extract",
        "--format",
        "csv",
        "--published",
        "2024-03-01",
        "shelling.txt",
    ]);
    run.assert_success();
    assert_eq!(run.stdout.lines().next(), Some(ACLED_HEADER));
    let rows = parse_csv(&run.stdout);
    let header = &rows[0];
    assert!(rows.len() > 1, "no event rows:\n{}", run.stdout);
    for row in &rows[1..] {
        assert_eq!(row.len(), 31, "row {row:?}");
        let column = |name: &str| {
            let index = header.iter().position(|h| h == name).expect("known column");
            row[index].as_str()
        };
        assert_eq!(column("event_date"), "2024-03-01");
        assert_eq!(column("year"), "2024");
        // ACLED's iso column is the ISO 3166-1 numeric code
        assert_eq!(column("iso"), "760");
        assert_eq!(column("region"), "Middle East");
        assert_eq!(column("country"), "Syria");
    }
}

#[test]
fn jsonl_input_reports_bad_lines_and_reads_the_rest() {
    let dir = TempDir::new("jsonl_input");
    let html = format!("<html><body><article><p>{SHELLING_ARTICLE}</p></article></body></html>");
    let lines = [
        json!({"id": "plain", "published": "2024-03-01", "text": SHELLING_ARTICLE}).to_string(),
        "{\"id\": \"broken\", \"text\": ".to_owned(),
        json!({"id": "page", "published": "2024-03-01", "html": html}).to_string(),
    ];
    dir.write("articles.jsonl", lines.join("\n") + "\n");
    let run = dir.rasd(&["extract", "--format", "json", "articles.jsonl"]);
    run.assert_success()
        .assert_stderr_mentions(&["articles.jsonl:2"]);
    let doc = run.json();
    let articles = doc["articles"].as_array().expect("an articles array");
    let ids: Vec<_> = articles.iter().map(|a| text(a, "article_id")).collect();
    assert_eq!(ids, [Some("plain"), Some("page")]);
    for article in articles {
        assert!(
            article["events"].as_array().is_some_and(|e| !e.is_empty()),
            "no events from {article}"
        );
    }
}

/// Runs `rasd extract` on `input` alone and expects a failure whose message
/// names the input and says `reason`.
fn assert_rejected(dir: &TempDir, input: &str, reason: &str) {
    dir.rasd(&["extract", input])
        .assert_failure()
        .assert_stderr_mentions(&[input, reason]);
}

#[test]
fn unreadable_inputs_are_errors_naming_them() {
    let dir = TempDir::new("unreadable_inputs");
    dir.write("empty.txt", "");
    dir.write("binary.txt", b"\x7fELF\x02\x01\x01\x00\x00\x00\x00\x00");
    dir.write(
        "latin1.txt",
        [b"\xff\xfe\xfa".as_slice(), SHELLING_ARTICLE.as_bytes()].concat(),
    );
    std::fs::create_dir(dir.path().join("folder")).expect("subdir is creatable");

    assert_rejected(&dir, "empty.txt", "empty");
    assert_rejected(&dir, "binary.txt", "binary");
    assert_rejected(&dir, "latin1.txt", "UTF-8");
    assert_rejected(&dir, "missing.txt", "cannot open");
    assert_rejected(&dir, "folder", "directory");
}

#[test]
fn oversized_input_is_refused_with_the_limit() {
    let dir = TempDir::new("oversized_input");
    let twenty_mb = 20 * 1024 * 1024;
    let copies = twenty_mb / SHELLING_ARTICLE.len() + 1;
    dir.write("huge.txt", SHELLING_ARTICLE.repeat(copies));
    let started = std::time::Instant::now();
    assert_rejected(&dir, "huge.txt", "limit");
    eprintln!("a 20 MB input was refused in {:?}", started.elapsed());
}

#[test]
fn a_bad_input_does_not_stop_a_good_one() {
    let dir = TempDir::new("good_and_bad");
    dir.write("good.txt", SHELLING_ARTICLE);
    dir.write("bad.txt", b"\x00\x01\x02\x03 not text");
    let run = dir.rasd(&[
        "extract",
        "--published",
        "2024-03-01",
        "good.txt",
        "bad.txt",
    ]);
    run.assert_success().assert_stderr_mentions(&["bad.txt"]);
    let events = run.events();
    assert!(
        events.iter().all(|e| text(e, "article_id") == Some("good")) && !events.is_empty(),
        "events:\n{}",
        run.stdout
    );
}

/// A news page: navigation naming Iraqi places, the article (an air strike
/// on Sarmin, Idlib), a comment box and a footer.
const NEWS_PAGE: &str = r#"<!DOCTYPE html>
<html lang="ar" dir="rtl">
<head><meta charset="utf-8"><title>غارات جوية على بلدة سرمين</title></head>
<body>
<nav><ul><li><a href="/">الرئيسية</a></li><li><a href="/iraq">أخبار العراق</a></li><li><a href="/mosul">الموصل اليوم</a></li></ul></nav>
<article>
<h1>غارات جوية على بلدة سرمين</h1>
<p>شنت طائرات حربية روسية صباح اليوم غارات جوية على بلدة سرمين في ريف إدلب الشرقي، ما أدى إلى مقتل خمسة مدنيين بينهم طفلان وإصابة آخرين، بحسب ما أفاد الدفاع المدني السوري.</p>
<p>وقال الدفاع المدني في بيان إن فرقه انتشلت الضحايا من تحت أنقاض منزلين دمرتهما الغارات، وإن البحث ما زال جاريا عن مفقودين.</p>
<p>وتشهد مناطق شمال غرب سوريا تصعيدا عسكريا منذ أسابيع، رغم اتفاق وقف إطلاق النار المعلن في المنطقة.</p>
</article>
<section class="comments"><h3>اضف تعليقا</h3><p>قصف الجيش العراقي مدينة الموصل</p><textarea></textarea></section>
<footer><p>جميع الحقوق محفوظة لموقع الأخبار، بغداد 2024</p></footer>
</body></html>
"#;

#[test]
fn html_pages_are_read_without_their_boilerplate() {
    let dir = TempDir::new("html_page");
    dir.write("page.html", NEWS_PAGE);
    let doc = dir
        .rasd(&[
            "extract",
            "--format",
            "json",
            "--published",
            "2024-03-01",
            "page.html",
        ])
        .assert_success()
        .json();
    let article = &doc["articles"][0];
    let events = article["events"].as_array().expect("an events array");
    event_in(events, "SY", "Idlib");
    let boilerplate = ["الرئيسية", "العراق", "الموصل", "تعليقا", "الحقوق", "بغداد"];
    let spans = events
        .iter()
        .flat_map(all_evidence)
        .chain(article["entities"].as_array().expect("an entities array"));
    for span in spans {
        let span_text = text(span, "text").unwrap_or("");
        assert!(
            !boilerplate.iter().any(|b| span_text.contains(b)),
            "page boilerplate was read as article text: {span}"
        );
    }
}

#[test]
fn kb_overlay_adds_an_armed_group() {
    let dir = TempDir::new("kb_overlay");
    dir.write(
        "kb/actors.tsv",
        format!("{ACTORS_HEADER}\nfalcons-of-dawn\tFalcons of Dawn Brigade\tلواء صقور الفجر\tلواء صقور الفجر|صقور الفجر\t\t2\tSY\t\t2020-\t\n"),
    );
    dir.write(
        "attack.txt",
        "هاجم لواء صقور الفجر صباح اليوم بلدة معرة النعمان في ريف إدلب الجنوبي، واشتبك مع قوات النظام السوري لساعات، ما أسفر عن مقتل أربعة عناصر من الطرفين.\n",
    );
    let events = dir
        .rasd(&[
            "extract",
            "--published",
            "2024-03-01",
            "--kb",
            "kb",
            "attack.txt",
        ])
        .assert_success()
        .events();
    let attack = event_in(&events, "SY", "Idlib");
    assert_eq!(
        actor_name(attack, "actor1"),
        Some("Falcons of Dawn Brigade")
    );
}

#[test]
fn malformed_kb_overlay_is_an_error_naming_file_and_line() {
    let dir = TempDir::new("kb_malformed");
    dir.write(
        "kb/actors.tsv",
        format!("{ACTORS_HEADER}\nfalcons-of-dawn\tFalcons of Dawn Brigade\tلواء صقور الفجر\tلواء صقور الفجر\t\tx\tSY\t\t\t\n"),
    );
    dir.write("attack.txt", SHELLING_ARTICLE);
    dir.rasd(&["extract", "--kb", "kb", "attack.txt"])
        .assert_failure()
        .assert_stderr_mentions(&["actors.tsv:2"]);
}

#[test]
fn help_describes_the_commands() {
    let top = rasd(&["--help"]);
    assert!(top.assert_success().stdout.contains("extract"));
    let extract = rasd(&["extract", "--help"]);
    assert!(extract.assert_success().stdout.contains("--published"));
}

#[test]
fn eval_prints_loose_and_strict_scores() {
    let report = rasd(&["eval", "--gold", "tests/gold"]);
    let lines: Vec<_> = report.assert_success().stdout.lines().collect();
    assert!(
        lines.iter().any(|l| l.contains("loose")),
        "{}",
        report.stdout
    );
    assert!(
        lines.iter().any(|l| l.contains("strict")),
        "{}",
        report.stdout
    );

    let json_report = rasd(&["eval", "--gold", "tests/gold", "--json"])
        .assert_success()
        .json();
    assert!(json_report["loose"].is_object(), "{json_report}");
    assert!(json_report["strict"].is_object(), "{json_report}");
}

/// The project's own gold articles (tests/gold, written for rasd): the
/// extractor must keep finding their events. Thresholds sit a little below
/// the current figures so that a regression fails and noise does not.
#[test]
fn gold_articles_are_extracted_to_the_expected_quality() {
    let report = rasd(&["eval", "--gold", "tests/gold", "--json"])
        .assert_success()
        .json();
    let score = |kind: &str, key: &str| report[kind][key].as_f64().unwrap_or(0.0);
    assert!(report["articles"].as_u64().unwrap_or(0) >= 40, "{report}");
    assert!(
        score("loose", "f1") >= 0.80,
        "loose F1 fell: {}",
        report["loose"]
    );
    assert!(
        score("strict", "f1") >= 0.62,
        "strict F1 fell: {}",
        report["strict"]
    );
    let accuracy = |key: &str| report[key].as_f64().unwrap_or(0.0);
    assert!(accuracy("sub_event_accuracy") >= 0.75, "{report}");
    assert!(accuracy("fatalities_accuracy") >= 0.70, "{report}");
    assert!(
        report["median_geo_error_km"].as_f64().unwrap_or(f64::MAX) <= 10.0,
        "{report}"
    );
}

/// The place-mention benchmark keeps its level: most of its 401 mentions in
/// 22 countries resolve within 25 km of the right GeoNames place.
#[test]
fn place_mentions_are_geocoded_to_the_expected_quality() {
    let report = rasd(&["kb", "eval-places", "tests/places/mentions.tsv", "--json"])
        .assert_success()
        .json();
    assert!(
        report["mentions"].as_u64().unwrap_or(0) >= 300,
        "{}",
        report["mentions"]
    );
    assert!(report["countries"].as_u64().unwrap_or(0) >= 15);
    let accuracy = report["accuracy"].as_f64().unwrap_or(0.0);
    assert!(accuracy >= 0.82, "place accuracy fell to {accuracy}");
}

/// Every gold article's events: none is dated in a year the article only
/// mentions as background, and every evidence span slices the text.
#[test]
fn gold_articles_never_code_background_years() {
    let gold_dir = workspace_root().join("tests/gold");
    for entry in std::fs::read_dir(&gold_dir).expect("tests/gold exists") {
        let path = entry.unwrap().path();
        if path.extension().and_then(|e| e.to_str()) != Some("json") {
            continue;
        }
        let gold: Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
        let published = gold["published"].as_str().unwrap();
        let article = json!({"id": gold["id"], "published": published, "text": gold["text"]});
        let run = rasd_with_stdin(&["extract", "-"], article.to_string().as_bytes());
        let text = gold["text"].as_str().unwrap();
        for event in run.assert_success().events() {
            if let Some(date) = text_field(&event, "event_date") {
                let year: i32 = date[..4].parse().unwrap();
                let published_year: i32 = published[..4].parse().unwrap();
                assert!(
                    year >= published_year - 1,
                    "{}: event dated {date}, article published {published}",
                    path.display()
                );
            }
            for evidence in all_evidence(&event) {
                assert_evidence_slices(text.as_bytes(), evidence);
            }
        }
    }
}

fn text_field(event: &Value, key: &str) -> Option<String> {
    text(event, key).map(str::to_owned)
}
