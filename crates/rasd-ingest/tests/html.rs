//! Main text and metadata of Arabic news pages written for these tests.

use rasd_ingest::read_html;

fn fixture(name: &str) -> String {
    let path = format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn assert_excludes(text: &str, boilerplate: &[&str]) {
    for b in boilerplate {
        assert!(!text.contains(b), "boilerplate {b:?} kept in:\n{text}");
    }
}

#[test]
fn graph_json_ld_page_gives_text_date_title_and_outlet() {
    let page = read_html("graph-jsonld.html", &fixture("graph-jsonld.html"), None).unwrap();
    for paragraph in [
        "قتل أربعة مدنيين، بينهم امرأة وطفلها",
        "وقال أحد سكان المنطقة إن السيارة احترقت",
        "ولم تعلن أي جهة مسؤوليتها",
        "سجل ناشطون محليون أكثر من عشر ضربات",
    ] {
        assert!(
            page.text.contains(paragraph),
            "{paragraph:?} missing from:\n{}",
            page.text
        );
    }
    assert_excludes(
        &page.text,
        &[
            "الرئيسية",
            "اقتصاد",
            "فيسبوك",
            "واتساب",
            "اقرأ أيضاً",
            "إعادة افتتاح جسر الميادين",
            "أخبار ذات صلة",
            "انقطاع الكهرباء",
            "افتتاح مدرسة جديدة",
            "اضف تعليقا",
            "بريدك الإلكتروني",
            "إرسال التعليق",
            "جميع الحقوق محفوظة",
        ],
    );
    // one paragraph a line
    assert_eq!(
        page.text.lines().filter(|l| l.chars().count() > 80).count(),
        4
    );
    // JSON-LD datePublished inside @graph, not the header's clock
    assert_eq!(page.published, Some("2024-03-14".parse().unwrap()));
    assert_eq!(
        page.title.as_deref(),
        Some("مقتل أربعة مدنيين بقصف مسيّرة على سيارة شرق دير الزور")
    );
    assert_eq!(page.outlet.as_deref(), Some("صوت الفرات"));
    assert_eq!(
        page.url.as_deref(),
        Some("https://www.sawt-alfurat.example/news/2024/03/drone-strike-mayadin")
    );
}

#[test]
fn article_published_time_wins_and_keeps_the_outlets_date() {
    let page = read_html("meta-tags.html", &fixture("meta-tags.html"), None).unwrap();
    assert!(
        page.text.contains("اندلعت مساء الخميس اشتباكات عنيفة"),
        "{}",
        page.text
    );
    assert!(
        page.text.contains("توقفت قرابة منتصف الليل"),
        "{}",
        page.text
    );
    assert_excludes(
        &page.text,
        &[
            "الرئيسية",
            "شارك",
            "تيليغرام",
            "أضف تعليقاً",
            "اكتب تعليقك",
            "حسبنا الله",
        ],
    );
    // 00:30 at +02:00 is the 3rd where it was written (the 2nd in UTC);
    // the JSON-LD date of the 1st and the broken JSON-LD block lose
    assert_eq!(page.published, Some("2023-11-03".parse().unwrap()));
    assert_eq!(
        page.title.as_deref(),
        Some("اشتباكات بين قوتين مسلحتين في حي شرق الخرطوم")
    );
    assert_eq!(page.outlet.as_deref(), Some("شبكة النيل الإخبارية"));
    assert_eq!(
        page.url.as_deref(),
        Some("https://nile-news.example/sudan/clashes-khartoum-east")
    );
}

#[test]
fn time_element_and_page_url_fill_in_missing_metadata() {
    let page = read_html(
        "time-only.html",
        &fixture("time-only.html"),
        Some("https://www.yemen-news.example/yemen/2022/08/hodeidah-warehouse?ref=rss"),
    )
    .unwrap();
    assert!(
        page.text.contains("شنت طائرات حربية غارتين"),
        "{}",
        page.text
    );
    assert_excludes(&page.text, &["الصفحة الرئيسية", "اتصل بنا"]);
    assert_eq!(page.published, Some("2022-08-19".parse().unwrap()));
    assert_eq!(
        page.title.as_deref(),
        Some("غارة جوية تستهدف مستودعاً قرب الحديدة")
    );
    // the relative canonical link resolves against the page's URL
    assert_eq!(
        page.url.as_deref(),
        Some("https://www.yemen-news.example/yemen/2022/08/hodeidah-warehouse")
    );
    assert_eq!(page.outlet.as_deref(), Some("yemen-news.example"));
    let article = page.into_article(Some("y1".into()));
    assert_eq!(article.source.as_deref(), Some("yemen-news.example"));
    assert_eq!(article.id.as_deref(), Some("y1"));
}

#[test]
fn pages_without_article_text_are_errors_naming_the_input() {
    for (name, html) in [
        (
            "menu-only.html",
            "<html><body><nav><a href='/'>الرئيسية</a></nav></body></html>",
        ),
        ("truncated.html", "<html><body><div><p"),
        ("empty.html", ""),
    ] {
        let error = read_html(name, html, None).unwrap_err().to_string();
        assert!(error.starts_with(name), "{error}");
        assert!(error.contains("no article text"), "{error}");
    }
}

#[test]
fn unclosed_tags_still_give_the_text() {
    let html = "<html><body><div><p>أعلنت السلطات المحلية في مدينة الموصل فرض حظر للتجول ليلاً بعد سلسلة من الحوادث الأمنية التي شهدتها أحياء الساحل الأيمن خلال الأسبوع الماضي<p>وقال مسؤول أمني إن الحظر سيستمر حتى إشعار آخر وإن الدوريات ستنتشر في الشوارع الرئيسية والفرعية";
    let page = read_html("unclosed.html", html, None).unwrap();
    assert!(page.text.contains("فرض حظر للتجول"), "{}", page.text);
    assert!(page.text.contains("الدوريات ستنتشر"), "{}", page.text);
    assert_eq!(page.published, None);
}
