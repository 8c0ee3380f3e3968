//! rasd-core: Arabic news text in, ACLED-style conflict events out.
//!
//! The pipeline is one pure function, [`extract`]: an [`Article`] and the
//! shared, read-only [`Knowledge`] in, an [`Extraction`] (entities and
//! events) out. Inside, stages add layers to a [`Document`]: folded text with
//! an offset map, tokens and sentences, knowledge-base matches, quantities,
//! dates, locations, and finally event frames coded as ACLED records.
//!
//! ```
//! use rasd_core::{extract, Article, Knowledge};
//!
//! let kb = Knowledge::embedded();
//! let article = Article {
//!     published: Some("2024-03-02".parse().unwrap()),
//!     text: "قتل ثلاثة جنود أمس الجمعة في هجوم شنه مسلحون على حاجز للجيش قرب مدينة الرمادي.".into(),
//!     ..Article::default()
//! };
//! let extraction = extract(&article, &kb);
//! let event = &extraction.events[0];
//! assert_eq!(event.country_code.as_deref(), Some("IQ"));
//! assert_eq!(event.event_date.as_deref(), Some("2024-03-01"));
//! assert_eq!(event.fatalities, 3);
//! ```
pub mod acled;
mod coding;
pub mod dates;
mod document;
mod events;
mod geo;
pub mod knowledge;
pub mod ner;
pub mod numbers;
mod record;
mod span;
pub mod text;
mod unlisted;

pub use document::Document;
pub use geo::km_between;
pub use knowledge::{KbError, Knowledge};
pub use record::{ActorRef, Article, Entity, Event, Evidence, Extraction, Figure, Plover};
pub use span::Span;
pub use text::Normalized;

use document::MatchExt;

/// Longest stretch of text analysed as one document. Articles are a few
/// kilobytes; a longer input (a whole feed pasted into one file) is read in
/// paragraph-aligned segments so that time stays linear in its length.
const SEGMENT_BYTES: usize = 32 * 1024;

/// How [`extract_with`] reads an article.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Options {
    /// Look for names no table lists, in the sentences of violent events
    /// with no named actor and of events with no place, with the learned
    /// tagger ([`ner`]) and, for groups, a rule from the grammar: a group
    /// that acted (ميليشيا درع الوادي) becomes actor 1 as written, a town
    /// goes to the cross-script geocoder.
    pub tagger: bool,
}

impl Default for Options {
    fn default() -> Self {
        Options { tagger: true }
    }
}

/// Reads one article and returns what it reports, with the default
/// [`Options`].
pub fn extract(article: &Article, kb: &Knowledge) -> Extraction {
    extract_with(article, kb, Options::default())
}

/// Reads one article and returns what it reports.
pub fn extract_with(article: &Article, kb: &Knowledge, options: Options) -> Extraction {
    let article_id = article
        .id
        .clone()
        .unwrap_or_else(|| format!("a{:016x}", coding::fnv1a(article.text.as_bytes())));
    let mut extraction = Extraction {
        article_id,
        entities: Vec::new(),
        events: Vec::new(),
    };
    let headline = article
        .title
        .as_deref()
        .map(|title| Headline::read(title, article.published, kb));
    for (offset, segment) in segments(&article.text, SEGMENT_BYTES) {
        let (entities, events) = extract_segment(
            segment,
            article.published,
            &extraction.article_id,
            headline.as_ref(),
            kb,
            options,
        );
        extraction
            .entities
            .extend(entities.into_iter().map(|e| shift_entity(e, offset)));
        extraction
            .events
            .extend(events.into_iter().map(|e| shift_event(e, offset)));
    }
    for event in &mut extraction.events {
        event.event_id = coding::stable_id(&extraction.article_id, event);
    }
    extraction
}

/// What kinds of event a sentence tells of: [`detect`]'s answer.
#[derive(Clone, Debug, Default, PartialEq, serde::Serialize)]
pub struct Detection {
    /// ACLED event types of the event words found, in text order.
    pub acled: Vec<String>,
    /// PLOVER event types found, in text order.
    pub plover: Vec<String>,
    /// Every word that tells of an event.
    pub spans: Vec<DetectedSpan>,
}

/// One word of a [`Detection`].
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct DetectedSpan {
    /// Byte range in the original text.
    pub start: usize,
    pub end: usize,
    pub text: String,
    /// The ACLED sub-event type of an event word; null for a figure word (قتلى).
    pub sub_event_type: Option<String>,
    pub plover: String,
    pub mode: Option<String>,
}

/// Event mentions in a sentence (or any short text): the kinds of event it
/// tells of, past ones included, with no need of a place or a date. Denied,
/// threatened and planned events, and violent words in another sense (a
/// verbal attack, a road accident), are not mentions.
///
/// ```
/// let kb = rasd_core::Knowledge::embedded();
/// let found = rasd_core::detect("قتل خمسة مدنيين في غارة جوية على قرية قرب إدلب", &kb);
/// assert_eq!(found.plover, ["ASSAULT"]);
/// assert!(rasd_core::detect("هاجم الوزير سياسة الحكومة في تصريحات حادة", &kb).plover.is_empty());
/// ```
pub fn detect(text: &str, kb: &Knowledge) -> Detection {
    let doc = Document::analyze(text, None, kb);
    let mut detection = Detection::default();
    let mentions = events::mentions(&doc, kb);
    // a death word (قتل) names the kind of violence only when no other word does
    let kind_named = mentions
        .iter()
        .any(|m| m.sub_event.is_some() && !m.death_only);
    for m in mentions {
        let original = doc.original_span(m.span);
        let sub_event = m.sub_event.filter(|_| !(kind_named && m.death_only));
        let acled = sub_event.map(|s| s.event_type().to_owned());
        if let Some(t) = acled.filter(|t| !detection.acled.contains(t)) {
            detection.acled.push(t);
        }
        if !detection.plover.contains(&m.plover) {
            detection.plover.push(m.plover.clone());
        }
        detection.spans.push(DetectedSpan {
            start: original.start,
            end: original.end,
            text: original.slice(text).to_owned(),
            sub_event_type: sub_event.map(|s| s.as_str().to_owned()),
            plover: m.plover,
            mode: m.mode,
        });
    }
    detection
}

/// Adds to `extraction` the names the learned tagger ([`ner`]) finds in the
/// article that no table resolved: unknown people, groups and places, as
/// entities of kind `name` typed PERS / LOC / ORG / MISC.
///
/// Kept out of [`extract`], which tags only the sentences of events that lack
/// an actor or a place, because tagging every sentence costs about twice
/// the rest of the pipeline; callers that show entities ask for it.
pub fn add_tagged_names(article: &Article, kb: &Knowledge, extraction: &mut Extraction) {
    for (offset, segment) in segments(&article.text, SEGMENT_BYTES) {
        let doc = Document::analyze(segment, article.published, kb);
        for name in ner::names(&doc, kb) {
            let span = doc.original_span(name.span);
            let (start, end) = (span.start + offset, span.end + offset);
            let resolved_by_table = extraction.entities.iter().any(|e| {
                matches!(e.kind.as_str(), "place" | "country" | "actor")
                    && e.start < end
                    && start < e.end
            });
            if !resolved_by_table {
                extraction.entities.push(Entity {
                    kind: "name".to_owned(),
                    start,
                    end,
                    text: article.text[start..end].to_owned(),
                    resolved: name.kind.to_owned(),
                });
            }
        }
    }
    extraction.entities.sort_by_key(|e| (e.start, e.end));
}

/// A place or country named in a text, as the geocoder resolved it.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct PlaceMention {
    /// Byte range of the name in the original text.
    pub start: usize,
    pub end: usize,
    /// `gn:GEONAMEID` (or an overlay's id) for a place, the ISO2 code for a
    /// country.
    pub id: String,
    pub name: String,
    pub country: String,
    pub admin1: String,
    pub latitude: f64,
    pub longitude: f64,
    /// ACLED geo precision: 1 town, 2 near a town or part of a region, 3 region.
    pub precision: u8,
}

/// Every place and country named in `text`, resolved in the context of the
/// whole text: the geocoding stage on its own.
///
/// ```
/// let kb = rasd_core::Knowledge::embedded();
/// let places = rasd_core::geocode("قصفت طائرات بلدة حريتان في ريف حلب الشمالي", &kb);
/// let huraytan = places.iter().find(|p| p.name == "Huraytan").unwrap();
/// assert_eq!((huraytan.country.as_str(), huraytan.admin1.as_str()), ("SY", "Aleppo"));
/// ```
pub fn geocode(text: &str, kb: &Knowledge) -> Vec<PlaceMention> {
    let doc = Document::analyze(text, None, kb);
    let countries = geo::country_weights(&doc, kb);
    geo::locate(&doc, kb, &countries)
        .iter()
        .map(|l| {
            let span = doc.original_span(doc.matches[l.mention].span);
            let (id, name, country, admin1, latitude, longitude) = match l.target {
                geo::Target::Place(p) => {
                    let p = &kb.places[p];
                    let (id, name) = (p.id.clone(), p.name.clone());
                    (id, name, p.country.clone(), p.admin1.clone(), p.lat, p.lon)
                }
                geo::Target::Country(c) => {
                    let c = &kb.countries[c];
                    let (id, name) = (c.iso2.clone(), c.name.clone());
                    (id, name, c.iso2.clone(), String::new(), c.lat, c.lon)
                }
            };
            PlaceMention {
                start: span.start,
                end: span.end,
                id,
                name,
                country,
                admin1,
                latitude,
                longitude,
                precision: l.precision,
            }
        })
        .collect()
}

/// What an article's headline says about where it is set. The headline is
/// not part of the text that offsets point into, so it only gives context.
struct Headline {
    country: Option<String>,
    place: Option<geo::Location>,
}

impl Headline {
    fn read(title: &str, published: Option<chrono::NaiveDate>, kb: &Knowledge) -> Headline {
        let doc = Document::analyze(title, published, kb);
        let countries = geo::country_weights(&doc, kb);
        let locations = geo::locate(&doc, kb, &countries);
        let country = geo::main_country(&countries);
        let place = geo::article_place(kb, &locations, country.as_deref());
        Headline { country, place }
    }
}

fn extract_segment(
    text: &str,
    published: Option<chrono::NaiveDate>,
    article_id: &str,
    headline: Option<&Headline>,
    kb: &Knowledge,
    options: Options,
) -> (Vec<Entity>, Vec<Event>) {
    let doc = Document::analyze(text, published, kb);
    let countries = geo::country_weights(&doc, kb);
    let locations = geo::locate(&doc, kb, &countries);
    let main_country =
        geo::main_country(&countries).or_else(|| headline.and_then(|h| h.country.clone()));
    let frames = events::detect(&doc, kb, &locations, &countries);
    // the headline names the place of the main event; the text's first town
    // is often only the dateline
    let headline_place = headline
        .and_then(|h| h.place)
        .filter(|p| Some(p.country_code(kb)) == main_country.as_deref());
    let unlisted = if options.tagger {
        unlisted::find(&doc, kb, &locations, &frames, main_country.as_deref())
    } else {
        vec![unlisted::Unlisted::default(); frames.len()]
    };
    // a group the tables do not list puts someone in the event
    let (frames, unlisted): (Vec<_>, Vec<_>) = frames
        .into_iter()
        .zip(unlisted)
        .filter(|(frame, found)| events::has_substance(kb, frame) || found.group.is_some())
        .unzip();
    let context = coding::ArticleContext {
        article_id,
        main_country: main_country.as_deref(),
        place: headline_place
            .or_else(|| geo::article_place(kb, &locations, main_country.as_deref())),
        unlisted: &unlisted,
    };
    let events = coding::code_events(&doc, kb, &context, &frames);
    (entities(&doc, kb, &locations), events)
}

/// Splits `text` into pieces of at most about `limit` bytes, at line breaks
/// where possible, else at spaces, else at any character boundary.
fn segments(text: &str, limit: usize) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut start = 0;
    while text.len() - start > limit {
        let mut end = start + limit;
        while !text.is_char_boundary(end) {
            end -= 1;
        }
        let window = &text[start..end];
        let cut = window
            .rfind('\n')
            .or_else(|| window.rfind(' '))
            .map_or(end, |i| start + i + 1);
        out.push((start, &text[start..cut]));
        start = cut;
    }
    out.push((start, &text[start..]));
    out
}

fn shift_entity(mut entity: Entity, offset: usize) -> Entity {
    entity.start += offset;
    entity.end += offset;
    entity
}

fn shift_event(mut event: Event, offset: usize) -> Event {
    let shift = |e: &mut Evidence| {
        e.start += offset;
        e.end += offset;
    };
    event.evidence.iter_mut().for_each(shift);
    event
        .figures
        .iter_mut()
        .for_each(|f| shift(&mut f.evidence));
    event
}

/// Everything recognised in the text, for inspection and highlighting.
fn entities(doc: &Document, kb: &Knowledge, locations: &[geo::Location]) -> Vec<Entity> {
    let mut out = Vec::new();
    let mut push = |kind: &str, span: Span, resolved: String| {
        let original = doc.original_span(span);
        out.push(Entity {
            kind: kind.to_owned(),
            start: original.start,
            end: original.end,
            text: original.slice(doc.original).to_owned(),
            resolved,
        });
    };
    for l in locations {
        let (kind, resolved) = match l.target {
            geo::Target::Place(p) => (
                "place",
                format!("{} ({})", kb.places[p].name, kb.places[p].country),
            ),
            geo::Target::Country(c) => ("country", kb.countries[c].name.clone()),
        };
        push(kind, doc.matches[l.mention].span, resolved);
    }
    for m in &doc.matches {
        if let Some(a) = m.actors().next() {
            push("actor", m.span, kb.actors[a].name.clone());
        }
        if let Some(t) = m.triggers().max_by_key(|t| kb.triggers[*t].priority) {
            push(
                "trigger",
                m.span,
                kb.triggers[t].sub_event.as_str().to_owned(),
            );
        }
    }
    for d in &doc.dates {
        let resolved = d
            .date
            .map_or_else(|| "unresolved".to_owned(), |d| d.to_string());
        push("date", d.span, resolved);
    }
    for q in &doc.quantities {
        push("number", q.span, q.value.to_string());
    }
    out.sort_by_key(|e| (e.start, e.end));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_district_set_by_a_city_is_the_place_and_a_patrol_is_no_town() {
        let kb = Knowledge::embedded();
        let article = Article {
            published: Some("2024-11-20".parse().unwrap()),
            // بدورية is ب + دورية (a patrol), not Badrah in Wasit
            text: "انفجرت عبوة ناسفة بدورية للجيش العراقي في قضاء الطارمية شمال بغداد.".into(),
            ..Article::default()
        };
        let events = extract(&article, &kb).events;
        assert_eq!(events.len(), 1);
        let event = &events[0];
        assert_eq!(
            (
                event.location.as_deref(),
                event.admin1.as_deref(),
                event.geo_precision
            ),
            (Some("Al Tarmia District"), Some("Baghdad"), 2),
            "{event:?}"
        );
    }

    #[test]
    fn a_neighbourhood_namesake_far_from_the_town_named_gives_way_to_it() {
        let kb = Knowledge::embedded();
        let article = Article {
            published: Some("2026-11-20".parse().unwrap()),
            // GeoNames' Ar Rawdah is in Sanaa, not the quarter of Taiz
            text: "قصفت طائرات التحالف مواقع للحوثيين في مديرية حرض بمحافظة حجة مساء الأربعاء.\n\
                   وفي مدينة تعز، قتل رجل برصاص قناص حوثي في حي الروضة صباح الخميس."
                .into(),
            ..Article::default()
        };
        let events = extract(&article, &kb).events;
        assert_eq!(events.len(), 2);
        assert_eq!(
            (events[1].location.as_deref(), events[1].admin1.as_deref()),
            (Some("Taiz"), Some("Taiz")),
            "{:?}",
            events[1]
        );
    }

    #[test]
    fn long_texts_split_at_line_breaks_and_cover_everything() {
        let text = "سطر أول\nسطر ثان\nسطر ثالث";
        let parts = segments(text, 20);
        assert!(parts.len() > 1);
        let rebuilt: String = parts.iter().map(|(_, s)| *s).collect();
        assert_eq!(rebuilt, text);
        for (offset, part) in &parts {
            assert_eq!(&text[*offset..*offset + part.len()], *part);
        }
        assert!(parts[0].1.ends_with('\n'));
    }

    #[test]
    fn events_in_later_segments_point_into_the_whole_text() {
        let kb = Knowledge::embedded();
        let report = "قتل ثلاثة جنود أمس في هجوم شنه مسلحون على حاجز للجيش قرب مدينة الرمادي.\n";
        let text = report.repeat(2_000);
        let article = Article {
            published: Some("2024-03-02".parse().unwrap()),
            text: text.clone(),
            ..Article::default()
        };
        let extraction = extract(&article, &kb);
        let last = extraction.events.last().expect("events are found");
        for e in &last.evidence {
            assert_eq!(&text[e.start..e.end], e.text);
        }
        assert!(last.evidence[0].start > SEGMENT_BYTES);
    }
}
