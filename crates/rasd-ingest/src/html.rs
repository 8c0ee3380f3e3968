//! The main text of a news page and its metadata.
//!
//! Boilerplate (navigation, share buttons, related links, comment boxes such
//! as «اضف تعليقا») is removed before a readability pass (dom_smoothie)
//! picks the article body. The publication date, title, outlet and URL come
//! from the page's metadata: `article:published_time`, JSON-LD
//! `datePublished` (also inside `@graph` and arrays), other date meta tags,
//! `<time datetime>`, Open Graph tags and the canonical link.

use anyhow::{anyhow, bail, Result};
use chrono::{DateTime, NaiveDate};
use dom_query::{Document, NodeRef, Selection};
use rasd_core::Article;
use serde_json::Value;

/// What a page says: its article text and metadata.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Page {
    /// The article text, one paragraph a line.
    pub text: String,
    pub title: Option<String>,
    /// The date the page gives for its publication, as written in the
    /// page's own time zone.
    pub published: Option<NaiveDate>,
    /// The outlet's name (`og:site_name`, the JSON-LD publisher, or else the
    /// host name of the page's URL).
    pub outlet: Option<String>,
    /// The page's canonical URL, or where it was fetched from.
    pub url: Option<String>,
}

impl Page {
    pub fn into_article(self, id: Option<String>) -> Article {
        Article {
            id,
            published: self.published,
            title: self.title,
            text: self.text,
            url: self.url,
            source: self.outlet,
        }
    }
}

/// Elements above this count make a page too big to be one article.
const MAX_ELEMENTS: usize = 200_000;

/// Reads the article of an HTML page. `name` names the input in errors;
/// `page_url`, when known, is where the page was fetched from (relative
/// canonical links resolve against it, and it is the URL when the page
/// names none).
///
/// # Errors
/// When no article text can be found in the page.
pub fn read_html(name: &str, html: &str, page_url: Option<&str>) -> Result<Page> {
    let doc = Document::from(html);
    if doc.select("*").length() > MAX_ELEMENTS {
        bail!("{name}: more than {MAX_ELEMENTS} HTML elements, too big to be one article");
    }
    let meta = Metadata::of(&doc, page_url);
    remove_boilerplate(&doc);
    let config = dom_smoothie::Config {
        text_mode: dom_smoothie::TextMode::Formatted,
        ..Default::default()
    };
    let base_url = page_url.filter(|u| url::Url::parse(u).is_ok());
    let mut readability = dom_smoothie::Readability::with_document(doc, base_url, Some(config))
        .map_err(|e| anyhow!("{name}: cannot read the HTML page: {e}"))?;
    let article = readability
        .parse()
        .map_err(|e| anyhow!("{name}: no article text found in the HTML page ({e})"))?;
    let text = clean_text(&article.text_content);
    if text.is_empty() {
        bail!("{name}: no article text found in the HTML page");
    }
    let fallback_title = Some(article.title.trim().to_owned());
    let url = meta.url.or_else(|| page_url.map(str::to_owned));
    let outlet = meta
        .outlet
        .or_else(|| article.site_name.clone())
        .or_else(|| url.as_deref().and_then(host_name));
    Ok(Page {
        text,
        title: meta.title.or(fallback_title).filter(|t| !t.is_empty()),
        published: meta
            .published
            .or_else(|| article.published_time.as_deref().and_then(parse_published)),
        outlet: outlet.filter(|o| !o.is_empty()),
        url,
    })
}

/// The metadata a page declares about itself.
#[derive(Default)]
struct Metadata {
    title: Option<String>,
    published: Option<NaiveDate>,
    outlet: Option<String>,
    url: Option<String>,
}

/// `<meta>` names holding a publication date, besides
/// `article:published_time`, in order of trust.
const DATE_META_NAMES: &[&str] = &[
    "datepublished",
    "og:published_time",
    "pubdate",
    "publishdate",
    "publish-date",
    "publish_date",
    "dc.date.issued",
    "dcterms.issued",
    "dcterms.created",
    "dc.date",
    "parsely-pub-date",
    "sailthru.date",
    "date",
];

impl Metadata {
    fn of(doc: &Document, page_url: Option<&str>) -> Metadata {
        let tags = MetaTags::of(doc);
        let ld = JsonLd::of(doc);
        let published = tags
            .get("article:published_time")
            .and_then(parse_published)
            .or_else(|| ld.published.as_deref().and_then(parse_published))
            .or_else(|| {
                DATE_META_NAMES
                    .iter()
                    .find_map(|n| tags.get(n).and_then(parse_published))
            })
            .or_else(|| time_element_date(doc));
        let title = tags
            .get("og:title")
            .or_else(|| tags.get("twitter:title"))
            .map(str::to_owned)
            .or(ld.headline);
        let outlet = tags.get("og:site_name").map(str::to_owned).or(ld.publisher);
        let canonical = doc
            .select("link[rel~=canonical][href]")
            .attr("href")
            .map(|h| h.trim().to_owned());
        let url = canonical
            .or_else(|| tags.get("og:url").map(str::to_owned))
            .or(ld.url)
            .and_then(|u| absolute_url(&u, page_url));
        Metadata {
            title: title.map(|t| collapse_spaces(&t)).filter(|t| !t.is_empty()),
            published,
            outlet: outlet
                .map(|o| collapse_spaces(&o))
                .filter(|o| !o.is_empty()),
            url,
        }
    }
}

/// `<meta>` contents by lower-cased `property`, `name` or `itemprop`; the
/// first of each wins.
struct MetaTags(Vec<(String, String)>);

impl MetaTags {
    fn of(doc: &Document) -> MetaTags {
        let mut tags = Vec::new();
        for node in doc.select("meta[content]").nodes() {
            let Some(content) = node.attr("content") else {
                continue;
            };
            let content = content.trim();
            if content.is_empty() {
                continue;
            }
            for key in ["property", "name", "itemprop"] {
                if let Some(k) = node.attr(key) {
                    tags.push((k.trim().to_ascii_lowercase(), content.to_owned()));
                }
            }
        }
        MetaTags(tags)
    }

    fn get(&self, key: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }
}

/// What the page's JSON-LD says about its article.
#[derive(Default)]
struct JsonLd {
    published: Option<String>,
    headline: Option<String>,
    publisher: Option<String>,
    url: Option<String>,
}

/// Schema.org types of a news page's main node.
const ARTICLE_TYPES: &[&str] = &[
    "NewsArticle",
    "Article",
    "ReportageNews",
    "AnalysisNewsArticle",
    "BackgroundNewsArticle",
    "OpinionNewsArticle",
    "BlogPosting",
    "LiveBlogPosting",
    "Report",
];

impl JsonLd {
    fn of(doc: &Document) -> JsonLd {
        let mut nodes = Vec::new();
        for script in doc.select("script[type='application/ld+json']").nodes() {
            let text = script.text();
            let text = text
                .trim()
                .trim_start_matches("<![CDATA[")
                .trim_end_matches("]]>")
                .trim();
            // a broken JSON-LD block is the page's problem, not the
            // article's: the other metadata still counts
            if let Ok(value) = serde_json::from_str::<Value>(text) {
                collect_nodes(value, &mut nodes);
            }
        }
        let is_article = |n: &Value| type_names(n).iter().any(|t| ARTICLE_TYPES.contains(t));
        let Some(main) = nodes
            .iter()
            .find(|n| is_article(n))
            .or_else(|| nodes.iter().find(|n| n.get("datePublished").is_some()))
        else {
            return JsonLd::default();
        };
        let publisher = main.get("publisher").and_then(|p| {
            string_field(p, "name").or_else(|| {
                // {"@id": "#org"} points at another node of the graph
                let id = p.get("@id")?.as_str()?;
                nodes
                    .iter()
                    .find(|n| n.get("@id").and_then(Value::as_str) == Some(id))
                    .and_then(|n| string_field(n, "name"))
            })
        });
        let url = string_field(main, "url").or_else(|| {
            let page = main.get("mainEntityOfPage")?;
            page.as_str()
                .map(str::to_owned)
                .or_else(|| string_field(page, "@id"))
        });
        JsonLd {
            published: string_field(main, "datePublished"),
            headline: string_field(main, "headline").or_else(|| string_field(main, "name")),
            publisher,
            url,
        }
    }
}

/// Flattens arrays and `@graph` lists into their nodes.
fn collect_nodes(value: Value, nodes: &mut Vec<Value>) {
    match value {
        Value::Array(items) => {
            for item in items {
                collect_nodes(item, nodes);
            }
        }
        Value::Object(mut map) => {
            if let Some(graph) = map.remove("@graph") {
                collect_nodes(graph, nodes);
            }
            nodes.push(Value::Object(map));
        }
        _ => {}
    }
}

fn type_names(node: &Value) -> Vec<&str> {
    match node.get("@type") {
        Some(Value::String(t)) => vec![t.as_str()],
        Some(Value::Array(ts)) => ts.iter().filter_map(Value::as_str).collect(),
        _ => Vec::new(),
    }
}

fn string_field(node: &Value, key: &str) -> Option<String> {
    let value = match node.get(key)? {
        Value::Array(items) => items.first()?,
        v => v,
    };
    value
        .as_str()
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
}

/// The date of the page's `<time datetime>`, preferring one marked as the
/// publication time or inside the article over a page header's clock.
fn time_element_date(doc: &Document) -> Option<NaiveDate> {
    for selector in [
        "time[itemprop=datePublished][datetime]",
        "time[pubdate][datetime]",
        "article time[datetime]",
        "main time[datetime]",
        "time[datetime]",
    ] {
        for node in doc.select(selector).nodes() {
            if inside_any(node, &["header", "nav", "footer", "aside"])
                && !inside_any(node, &["article", "main"])
            {
                continue;
            }
            if let Some(date) = node.attr("datetime").as_deref().and_then(parse_published) {
                return Some(date);
            }
        }
    }
    None
}

fn inside_any(node: &NodeRef, tags: &[&str]) -> bool {
    node.ancestors_it(None).any(|a| {
        a.node_name()
            .is_some_and(|n| tags.iter().any(|t| n.eq_ignore_ascii_case(t)))
    })
}

/// The date of a timestamp as pages write them: RFC 3339 / ISO 8601 (the
/// date in the writer's own offset), RFC 2822, `YYYY-MM-DD ...` or
/// `YYYY/MM/DD ...`, with Western or Arabic-Indic digits.
pub fn parse_published(s: &str) -> Option<NaiveDate> {
    let s: String = s
        .trim()
        .chars()
        .map(|c| match c {
            '\u{0660}'..='\u{0669}' => char::from(b'0' + (c as u32 - 0x0660) as u8),
            '\u{06F0}'..='\u{06F9}' => char::from(b'0' + (c as u32 - 0x06F0) as u8),
            c => c,
        })
        .collect();
    let date = DateTime::parse_from_rfc3339(&s)
        .map(|d| d.date_naive())
        .or_else(|_| DateTime::parse_from_rfc2822(&s).map(|d| d.date_naive()))
        .ok()
        .or_else(|| {
            let head = s.get(..10)?;
            NaiveDate::parse_from_str(head, "%Y-%m-%d")
                .or_else(|_| NaiveDate::parse_from_str(head, "%Y/%m/%d"))
                .ok()
        })?;
    (1900..=2200)
        .contains(&chrono::Datelike::year(&date))
        .then_some(date)
}

fn absolute_url(href: &str, base: Option<&str>) -> Option<String> {
    let href = href.trim();
    if href.is_empty() {
        return None;
    }
    match url::Url::parse(href) {
        Ok(u) => Some(u.to_string()),
        Err(_) => {
            let base = url::Url::parse(base?).ok()?;
            base.join(href).ok().map(|u| u.to_string())
        }
    }
}

/// `www.example.com` → `example.com`.
fn host_name(url: &str) -> Option<String> {
    let host = url::Url::parse(url).ok()?.host_str()?.to_owned();
    Some(host.strip_prefix("www.").unwrap_or(&host).to_owned())
}

fn collapse_spaces(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Elements that never hold article text.
const NON_ARTICLE_ELEMENTS: &str = "nav, footer, aside, form, button, select, textarea, \
     iframe, noscript, svg, [role=navigation], [role=complementary], [role=contentinfo], \
     [role=banner], [role=search], [aria-hidden=true], [hidden]";

/// Words of `class` or `id` values that mark page furniture.
const BOILERPLATE_CLASS_WORDS: &[&str] = &[
    "share",
    "sharing",
    "sharethis",
    "social",
    "comment",
    "comments",
    "disqus",
    "related",
    "relatedposts",
    "newsletter",
    "subscribe",
    "breadcrumb",
    "breadcrumbs",
    "sidebar",
    "menu",
    "navbar",
    "footer",
    "trending",
    "popular",
    "mostread",
    "recommended",
    "readmore",
    "advert",
    "advertisement",
    "ads",
    "tags",
];

/// Headings of boilerplate blocks on Arabic news pages, folded (see
/// [`fold`]): comment boxes, share rows, related and most-read lists.
const BOILERPLATE_HEADINGS: &[&str] = &[
    "اضف تعليقا",
    "اضف تعليق",
    "اترك تعليقا",
    "اترك تعليق",
    "التعليقات",
    "تعليقات",
    "شارك",
    "شارك الخبر",
    "شارك المقال",
    "شارك هذا المقال",
    "مشاركه",
    "اقرا ايضا",
    "اقرا المزيد",
    "شاهد ايضا",
    "اخبار ذات صله",
    "مواضيع ذات صله",
    "مقالات ذات صله",
    "ذات صله",
    "الاكثر قراءه",
    "الاكثر مشاهده",
    "تابعونا",
    "تابعنا",
    "اشترك في النشره البريديه",
    "الوسوم",
    "كلمات مفتاحيه",
];

/// Line starts that mark a link to another article inside the body
/// («اقرأ أيضاً: ...»).
const LINK_LINE_STARTS: &[&str] = &["اقرا ايضا", "اقرا المزيد", "شاهد ايضا", "طالع ايضا"];

/// Removes page furniture before the readability pass, which otherwise
/// keeps comment boxes and share rows that sit inside the article's
/// container. A block holding most of the page's text is kept whatever its
/// class, so a wrapper named `has-sidebar` cannot take the article with it.
fn remove_boilerplate(doc: &Document) {
    let body_chars = doc.select("body").text().chars().count().max(1);
    let is_small = |sel: &Selection| sel.text().chars().count() * 5 < body_chars * 2;

    doc.select(NON_ARTICLE_ELEMENTS).remove();
    // a page header (not the article's own) is a menu
    for header in doc.select("header").nodes() {
        if !inside_any(header, &["article", "main"]) {
            header.remove_from_parent();
        }
    }
    for node in doc.select("[class], [id]").nodes() {
        let attrs = [node.attr("class"), node.attr("id")];
        let marked = attrs.iter().flatten().any(|v| {
            v.split(|c: char| !c.is_ascii_alphanumeric())
                .any(|w| BOILERPLATE_CLASS_WORDS.contains(&w.to_ascii_lowercase().as_str()))
        });
        if marked && is_small(&Selection::from(*node)) {
            node.remove_from_parent();
        }
    }
    for node in doc
        .select("h1, h2, h3, h4, h5, h6, strong, b, span, label, p, div, li")
        .nodes()
    {
        let text = node.text();
        if text.chars().count() > 40 {
            continue;
        }
        let folded = fold(&text);
        if !BOILERPLATE_HEADINGS.contains(&folded.trim_end_matches(':').trim()) {
            continue;
        }
        // the heading's block (a comment box, a list of links) goes with it
        let block = node.parent().filter(|p| {
            !p.node_name()
                .is_some_and(|n| matches!(&*n, "body" | "article" | "main" | "html"))
                && is_small(&Selection::from(*p))
        });
        match block {
            Some(block) => block.remove_from_parent(),
            None => node.remove_from_parent(),
        }
    }
}

/// One trimmed paragraph a line, without boilerplate lines the page
/// structure did not give away.
fn clean_text(text: &str) -> String {
    text.lines()
        .map(collapse_spaces)
        .filter(|line| !line.is_empty() && !is_boilerplate_line(line))
        .collect::<Vec<_>>()
        .join("\n")
}

fn is_boilerplate_line(line: &str) -> bool {
    let folded = fold(line);
    let folded = folded.trim_end_matches(':').trim();
    BOILERPLATE_HEADINGS.contains(&folded) || LINK_LINE_STARTS.iter().any(|s| folded.starts_with(s))
}

/// Arabic folded for comparing short phrases: no diacritics or tatweel,
/// one alef, ه for ة, ي for ى, single spaces.
fn fold(s: &str) -> String {
    let folded: String = s
        .chars()
        .filter(|c| !matches!(c, '\u{064B}'..='\u{0652}' | '\u{0640}' | '\u{0670}'))
        .map(|c| match c {
            'أ' | 'إ' | 'آ' | 'ٱ' => 'ا',
            'ة' => 'ه',
            'ى' => 'ي',
            c => c,
        })
        .collect();
    collapse_spaces(&folded)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_read_in_the_writers_offset() {
        let d = |s| parse_published(s).map(|d| d.to_string());
        assert_eq!(
            d("2024-05-06T01:30:00+03:00").as_deref(),
            Some("2024-05-06")
        );
        assert_eq!(d("2024-05-06 10:00:00").as_deref(), Some("2024-05-06"));
        assert_eq!(d("2024/05/06").as_deref(), Some("2024-05-06"));
        assert_eq!(
            d("Mon, 06 May 2024 10:00:00 +0300").as_deref(),
            Some("2024-05-06")
        );
        assert_eq!(d("٢٠٢٤-٠٥-٠٦").as_deref(), Some("2024-05-06"));
        assert_eq!(d("yesterday"), None);
        assert_eq!(d("0001-01-01"), None);
    }

    #[test]
    fn folding_matches_spelling_variants() {
        assert_eq!(fold("أضف تعليقاً"), "اضف تعليقا");
        assert_eq!(fold("اقرأ أيضاً:"), "اقرا ايضا:");
        assert!(is_boilerplate_line("مواضيع ذات صلة"));
        assert!(is_boilerplate_line("اقرأ أيضاً: عنوان خبر آخر"));
        assert!(!is_boilerplate_line("قال شهود إن القصف طال مواضيع عدة"));
    }
}
