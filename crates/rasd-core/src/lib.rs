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
pub mod numbers;
mod record;
mod span;
pub mod text;

pub use document::Document;
pub use knowledge::{KbError, Knowledge};
pub use record::{ActorRef, Article, Entity, Event, Evidence, Extraction, Figure};
pub use span::Span;
pub use text::Normalized;

use document::MatchExt;

/// Reads one article and returns what it reports.
pub fn extract(article: &Article, kb: &Knowledge) -> Extraction {
    let article_id = article
        .id
        .clone()
        .unwrap_or_else(|| format!("a{:016x}", coding::fnv1a(article.text.as_bytes())));
    let doc = Document::analyze(&article.text, article.published, kb);
    let locations = geo::locate(&doc, kb);
    let main_country = geo::main_country(&doc, kb);
    let frames = events::detect(&doc, kb, &locations);
    let context = coding::ArticleContext {
        article_id: &article_id,
        main_country: main_country.as_deref(),
        place: geo::article_place(kb, &locations, main_country.as_deref()),
    };
    let events = coding::code_events(&doc, kb, &context, &frames);
    let entities = entities(&doc, kb, &locations);
    Extraction {
        article_id,
        entities,
        events,
    }
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
