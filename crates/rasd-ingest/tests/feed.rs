//! RSS 2.0 and Atom feeds written for these tests.

use rasd_ingest::parse_feed;

const RSS: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0">
<channel>
  <title>أخبار الشمال</title>
  <link>https://north-news.example/</link>
  <description>آخر الأخبار</description>
  <item>
    <title>انفجار عبوة ناسفة في سوق بلدة الراعي</title>
    <link>https://north-news.example/2024/05/al-rai-blast</link>
    <guid isPermaLink="false">north-1002</guid>
    <pubDate>Tue, 07 May 2024 01:10:00 +0300</pubDate>
    <description><![CDATA[<p>انفجرت عبوة ناسفة <b>مساء الاثنين</b> في سوق شعبي وسط بلدة الراعي.</p>]]></description>
  </item>
  <item>
    <title>&lt;b&gt;توزيع&lt;/b&gt; مساعدات غذائية على النازحين في مخيمات أطمة</title>
    <link>/2024/05/atmeh-aid</link>
    <pubDate>Mon, 06 May 2024 16:00:00 +0300</pubDate>
  </item>
</channel>
</rss>"#;

const ATOM: &str = r#"<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>مرصد الساحل</title>
  <id>urn:example:sahel</id>
  <updated>2024-06-02T10:00:00Z</updated>
  <entry>
    <title>هجوم على نقطة عسكرية قرب مدينة ميناكا</title>
    <id>urn:example:sahel:77</id>
    <link rel="alternate" type="text/html" href="https://sahel-watch.example/menaka-attack"/>
    <link rel="enclosure" type="image/jpeg" href="https://sahel-watch.example/menaka.jpg"/>
    <published>2024-06-01T22:30:00-01:00</published>
    <updated>2024-06-02T09:00:00Z</updated>
    <summary>هاجم مسلحون نقطة عسكرية شمال شرقي مالي فجر السبت.</summary>
  </entry>
  <entry>
    <title>عودة حركة النقل بين غاو وميناكا</title>
    <id>urn:example:sahel:76</id>
    <link href="https://sahel-watch.example/gao-road"/>
    <updated>2024-05-30T08:00:00Z</updated>
    <content type="html">&lt;p&gt;استؤنفت حركة الحافلات على الطريق.&lt;/p&gt;</content>
  </entry>
</feed>"#;

#[test]
fn rss_items_have_links_titles_local_dates_and_plain_summaries() {
    let feed = parse_feed(
        "north.xml",
        RSS.as_bytes(),
        Some("https://north-news.example/rss.xml"),
    )
    .unwrap();
    assert_eq!(feed.title.as_deref(), Some("أخبار الشمال"));
    assert_eq!(feed.items.len(), 2);
    let first = &feed.items[0];
    assert_eq!(
        first.link.as_deref(),
        Some("https://north-news.example/2024/05/al-rai-blast")
    );
    assert_eq!(
        first.title.as_deref(),
        Some("انفجار عبوة ناسفة في سوق بلدة الراعي")
    );
    // 01:10 at +03:00 is the 7th where the outlet is, the 6th in UTC
    assert_eq!(first.published, Some("2024-05-07".parse().unwrap()));
    assert_eq!(
        first.summary.as_deref(),
        Some("انفجرت عبوة ناسفة مساء الاثنين في سوق شعبي وسط بلدة الراعي.")
    );
    assert_eq!(
        first.key(),
        "https://north-news.example/2024/05/al-rai-blast"
    );
    let second = &feed.items[1];
    // a relative link resolves against the feed's URL; HTML in titles goes
    assert_eq!(
        second.link.as_deref(),
        Some("https://north-news.example/2024/05/atmeh-aid")
    );
    assert_eq!(
        second.title.as_deref(),
        Some("توزيع مساعدات غذائية على النازحين في مخيمات أطمة")
    );
    assert_eq!(second.summary, None);
}

#[test]
fn atom_entries_take_the_alternate_link_and_published_date() {
    let feed = parse_feed("sahel.atom", ATOM.as_bytes(), None).unwrap();
    assert_eq!(feed.items.len(), 2);
    let first = &feed.items[0];
    assert_eq!(
        first.link.as_deref(),
        Some("https://sahel-watch.example/menaka-attack")
    );
    assert_eq!(first.id, "urn:example:sahel:77");
    assert_eq!(first.published, Some("2024-06-01".parse().unwrap()));
    assert_eq!(
        first.summary.as_deref(),
        Some("هاجم مسلحون نقطة عسكرية شمال شرقي مالي فجر السبت.")
    );
    // no published date: the update date stands in
    let second = &feed.items[1];
    assert_eq!(second.published, Some("2024-05-30".parse().unwrap()));
    assert_eq!(
        second.summary.as_deref(),
        Some("استؤنفت حركة الحافلات على الطريق.")
    );
}

#[test]
fn malformed_feeds_are_errors_naming_the_feed() {
    for (name, bytes) in [
        ("garbage.xml", &b"<<< not a feed"[..]),
        ("page.html", &b"<html><body><p>hello</p></body></html>"[..]),
        ("empty.xml", &b""[..]),
        ("binary.xml", &b"\x00\x01\x02\xff\xfe"[..]),
    ] {
        let error = parse_feed(name, bytes, None).unwrap_err().to_string();
        assert!(error.starts_with(name), "{error}");
        assert!(error.contains("not an RSS or Atom feed"), "{error}");
    }
}
