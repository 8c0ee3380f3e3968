//! The folded text columns that actor and free-text filters search.

use rasd_core::{ActorRef, Event};

/// Folds text the way the pipeline folds Arabic (diacritics, hamza forms,
/// taa marbuta) and lower-cases it, so that a query matches however it is
/// spelled.
pub(crate) fn fold(text: &str) -> String {
    rasd_core::text::fold(text.trim()).to_lowercase()
}

/// Every actor of an event, as searchable text.
pub(crate) fn actors_text(event: &Event) -> String {
    let mut out = String::new();
    for actor in actors(event) {
        for part in [&actor.id, &actor.name, &actor.name_ar] {
            out.push_str(&fold(part));
            out.push('|');
        }
    }
    out
}

/// The actors' ids with their inter codes (`isis:2 sy-military:1`), which
/// the merge rule compares.
pub(crate) fn actor_keys(event: &Event) -> String {
    actors(event)
        .map(|a| format!("{}:{}", a.id, a.inter))
        .collect::<Vec<_>>()
        .join(" ")
}

/// The notes, place names and actors (their [`actors_text`]), for
/// free-text search.
pub(crate) fn search_text(event: &Event, actors_text: &str) -> String {
    let mut out = fold(&event.notes);
    for part in [
        &event.location,
        &event.admin1,
        &event.admin2,
        &event.country,
    ]
    .into_iter()
    .flatten()
    {
        out.push(' ');
        out.push_str(&fold(part));
    }
    out.push(' ');
    out.push_str(actors_text);
    out
}

fn actors(event: &Event) -> impl Iterator<Item = &ActorRef> {
    event
        .actor1
        .iter()
        .chain(&event.actor2)
        .chain(&event.assoc_actor_1)
        .chain(&event.assoc_actor_2)
}

/// `داعش|ISIS` plus the ids of the actors any of those names is a name or
/// alias of in the knowledge base: an alias such as داعش is not stored with
/// the events, so an actor filter asks for the actor's id too.
pub fn widen_actor_names(names: &str, kb: &rasd_core::Knowledge) -> String {
    let wanted: Vec<String> = names
        .split('|')
        .map(fold)
        .filter(|n| !n.is_empty())
        .collect();
    let mut out: Vec<String> = names.split('|').map(str::to_owned).collect();
    for actor in &kb.actors {
        let known = [&actor.name, &actor.name_ar]
            .into_iter()
            .chain(&actor.aliases_ar)
            .chain(&actor.aliases_en)
            .any(|n| wanted.contains(&fold(n)));
        if known && !out.contains(&actor.id) {
            out.push(actor.id.clone());
        }
    }
    out.join("|")
}
