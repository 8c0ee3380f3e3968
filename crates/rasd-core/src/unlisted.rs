//! Names no table lists, for events that lack an actor or a place.
//!
//! The tables know the groups and places analysts listed; a new brigade or a
//! village written only in Arabic is missing. The learned tagger
//! ([`crate::ner`]) guesses such names from the words alone. Only the
//! sentences of events that still lack actor 1 or a place are tagged, so
//! the cost is paid where a name is wanted:
//! * an organisation name that opens with a word for an armed group
//!   (`group` rows of cues.tsv: جبهة، كتائب، ميليشيا ...) and that no actor
//!   name overlaps becomes actor 1 of a violent event with no named actor;
//!   where the tagger finds none, a construct that opens with a group word
//!   where the grammar puts an armed actor (مسلحون من لواء أحرار الجبل)
//!   does;
//! * a location name goes to the cross-script geocoder, which takes the
//!   largest town of the article's country whose Latin name spells it.

use crate::acled::SubEventType;
use crate::document::{Document, MatchExt};
use crate::events::EventFrame;
use crate::geo::Location;
use crate::knowledge::{CueKind, Knowledge, Match, TriggerPos};
use crate::text::proclitic_splits;
use crate::Span;

/// What the tagger adds to one event.
#[derive(Clone, Copy, Debug, Default)]
pub struct Unlisted {
    /// A group no table lists that acted, as a span of the normalized text.
    pub group: Option<Span>,
    /// A town no Arabic table name reaches: the name's span and the place.
    pub place: Option<(Span, usize)>,
}

/// Whether an event with no named actor 1 has an unidentified armed group
/// as its actor, which a named group could be: air strikes are flown by
/// states, crowds are not groups.
pub fn wants_group(sub: SubEventType) -> bool {
    match sub.event_type() {
        "Battles" | "Violence against civilians" => true,
        "Explosions/Remote violence" => sub != SubEventType::AirDroneStrike,
        _ => false,
    }
}

/// For each frame, the unlisted group and town its sentences name, when it
/// lacks them.
pub fn find(
    doc: &Document,
    kb: &Knowledge,
    locations: &[Location],
    frames: &[EventFrame],
    main_country: Option<&str>,
) -> Vec<Unlisted> {
    let unidentified = kb.actor_index("generic-unidentified");
    let wants_actor = |f: &EventFrame| {
        wants_group(f.sub_event) && f.actor1.is_none_or(|a| Some(a.actor) == unidentified)
    };
    let wants_place = |f: &EventFrame| f.location.is_none() && main_country.is_some();
    // a sentence with no group word outside a table name names no new
    // group: not worth tagging
    let mut in_table_name = vec![false; doc.tokens.len()];
    for (i, m) in doc.matches.iter().enumerate() {
        let lone_generic =
            m.first_token == m.last_token && m.actors().all(|a| kb.actors[a].is_generic());
        if !lone_generic && names_table_entry(locations, i, m) {
            in_table_name[m.first_token..=m.last_token].fill(true);
        }
    }
    let has_group_word = |&s: &usize| {
        doc.sentences[s]
            .tokens
            .clone()
            .any(|t| !in_table_name[t] && group_word_start(doc, kb, t).is_some())
    };
    let mut sentences: Vec<usize> = frames
        .iter()
        .flat_map(|f| {
            let place = wants_place(f);
            let actor = wants_actor(f);
            f.sentences
                .iter()
                .copied()
                .filter(move |s| place || (actor && has_group_word(s)))
        })
        .collect();
    if sentences.is_empty() {
        return vec![Unlisted::default(); frames.len()];
    }
    sentences.sort_unstable();
    sentences.dedup();
    let names: Vec<crate::ner::Name> = crate::ner::names_in(doc, kb, &sentences)
        .into_iter()
        .filter(|n| !overlaps_table_name(doc, kb, locations, n))
        .collect();

    frames
        .iter()
        .map(|frame| {
            let in_frame = |n: &&crate::ner::Name| frame.sentences.contains(&n.sentence);
            let group = wants_actor(frame)
                .then(|| {
                    names
                        .iter()
                        .filter(in_frame)
                        .filter(|n| n.kind != "LOC")
                        .find_map(|n| acting_group(doc, kb, n))
                        .or_else(|| {
                            frame
                                .sentences
                                .iter()
                                .find_map(|&s| group_in_place_of_actor(doc, kb, &in_table_name, s))
                        })
                })
                .flatten();
            let place = main_country
                .filter(|_| wants_place(frame))
                .and_then(|country| {
                    names
                        .iter()
                        .filter(in_frame)
                        .filter(|n| n.kind == "LOC")
                        .find_map(|n| town_named(doc, kb, n, country))
                });
            Unlisted { group, place }
        })
        .collect()
}

/// Whether a table name ([`names_table_entry`]) overlaps the tagger's
/// name: the table's reading stands. A generic
/// actor on the first word alone (ميليشيا in "ميليشيا درع الوادي") only
/// opens the name.
fn overlaps_table_name(
    doc: &Document,
    kb: &Knowledge,
    locations: &[Location],
    name: &crate::ner::Name,
) -> bool {
    doc.matches.iter().enumerate().any(|(i, m)| {
        let opens_name = m.first_token == name.tokens.0
            && m.last_token == name.tokens.0
            && name.tokens.1 > name.tokens.0
            && m.actors().all(|a| kb.actors[a].is_generic());
        m.first_token <= name.tokens.1
            && name.tokens.0 <= m.last_token
            && !opens_name
            && names_table_entry(locations, i, m)
    })
}

/// Whether match `i` names an entry of the tables: an actor, a country, a
/// nationality or a place the geocoder took (a gazetteer namesake it turned
/// down does not count).
fn names_table_entry(locations: &[Location], i: usize, m: &Match) -> bool {
    m.actors().next().is_some()
        || m.country().is_some()
        || m.nisba().is_some()
        || locations.iter().any(|l| l.mention == i)
}

/// The span of a group name that reads as an armed group acting: a name
/// of at least two words that opens with a group word, or a name right
/// after one (the tagger, trained on general news, often leaves the group
/// word out: جبهة [أنصار الوادي]); not written as a target (على جبهة،
/// لكتائب). A conjunction و before the group word is left out.
fn acting_group(doc: &Document, kb: &Knowledge, name: &crate::ner::Name) -> Option<Span> {
    let (first, last) = name.tokens;
    let sentence_start = doc.sentences[name.sentence].tokens.start;
    let group_word_at = |t: usize| group_word_start(doc, kb, t);
    let (opener, start) = match group_word_at(first) {
        Some(start) if last > first => (first, start),
        _ => {
            let before = first.checked_sub(1).filter(|&t| t >= sentence_start)?;
            (before, group_word_at(before)?)
        }
    };
    let target = opener
        .checked_sub(1)
        .filter(|&t| t >= sentence_start)
        .is_some_and(|t| kb.is_cue_word(CueKind::Target, doc.word(t)));
    (!target).then(|| Span::new(start, name.span.end))
}

/// A group no table lists, found where the sentence's grammar puts an
/// armed actor, for the names the tagger misses: a group word right after a
/// member or aircraft word (مقاتلو جبهة ...، طائرات جيش ...), after من that
/// follows a member word or an armed actor (مسلحون من لواء ...), or after
/// an event verb, whose subject comes next (قصفت كتائب ...; not after an
/// event noun: قصف تجمع المزارعين names a target, unless the noun is itself
/// the verb's subject: قصفت مدفعية جيش ...), opening a construct
/// that a definite word closes
/// (لواء أحرار الجبل، جبهة تحرير الساحل), with the adjectives after it
/// (جيش التحرير الوطني).
fn group_in_place_of_actor(
    doc: &Document,
    kb: &Knowledge,
    in_table_name: &[bool],
    sentence: usize,
) -> Option<Span> {
    let tokens = doc.sentences[sentence].tokens.clone();
    let ends_match = |t: usize, wanted: &dyn Fn(&Match) -> bool| {
        doc.matches.iter().any(|m| m.last_token == t && wanted(m))
    };
    let member =
        |m: &Match| m.has_cue(kb, CueKind::Member) || m.actors().any(|a| kb.actors[a].is_armed());
    let event_word = |m: &Match, pos: TriggerPos| {
        !doc.with_article(m) && m.triggers().any(|i| kb.triggers[i].pos == pos)
    };
    let event_verb = |m: &Match| event_word(m, TriggerPos::Verb);
    // قصفت مدفعية ...: an event noun right after an event verb is its subject
    let weapon_of_verb = |m: &Match| {
        event_word(m, TriggerPos::Noun)
            && m.first_token
                .checked_sub(1)
                .filter(|&b| b >= tokens.start)
                .is_some_and(|b| ends_match(b, &event_verb))
    };
    let actor_position = |t: usize| {
        let Some(before) = t.checked_sub(1).filter(|&b| b >= tokens.start) else {
            return false;
        };
        let word = doc.word(before);
        if kb.is_cue_word(CueKind::Target, word) {
            return false;
        }
        ends_match(before, &member)
            || ends_match(before, &|m| m.has_cue(kb, CueKind::Aircraft))
            || ends_match(before, &event_verb)
            || ends_match(before, &weapon_of_verb)
            || word == "من"
                && before
                    .checked_sub(1)
                    .filter(|&b| b >= tokens.start)
                    .is_some_and(|b| ends_match(b, &member))
    };
    tokens.clone().find_map(|t| {
        if in_table_name[t] {
            return None;
        }
        // the word tests first: the position scans the sentence's matches
        let start = group_word_start(doc, kb, t)?;
        // the head of a construct takes no article (القوات is a group named
        // before)
        if doc.text()[start..].starts_with("ال") || !actor_position(t) {
            return None;
        }
        let end = construct_end(doc, kb, t, tokens.end)?;
        Some(Span::new(start, doc.tokens[end].span.end))
    })
}

/// The last word of the construct that the group word `t` opens: up to
/// three words, the last of them definite (أحرار الجبل، التحرير), then the
/// definite adjectives that follow (الوطني، الشعبية). None when no definite
/// word closes it first, or a particle, a date or punctuation comes between.
fn construct_end(doc: &Document, kb: &Knowledge, t: usize, sentence_end: usize) -> Option<usize> {
    let joined = |u: usize| {
        doc.text()[doc.tokens[u - 1].span.end..doc.tokens[u].span.start]
            .chars()
            .all(char::is_whitespace)
    };
    let name_word = |u: usize| {
        u < sentence_end
            && joined(u)
            && doc.tokens[u].kind == crate::text::TokenKind::Word
            && !doc.in_date[u]
            && !kb.is_cue_word(CueKind::Particle, doc.word(u))
    };
    let definite = |u: usize| doc.word(u).starts_with("ال");
    let mut closed = (t + 1..t + 4)
        .take_while(|&u| name_word(u))
        .find(|&u| definite(u))?;
    while name_word(closed + 1)
        && definite(closed + 1)
        && (doc.word(closed + 1).ends_with('ي') || doc.word(closed + 1).ends_with("يه"))
    {
        closed += 1;
    }
    Some(closed)
}

/// Where the group word of token `t` starts, if it is one, alone or after
/// the conjunction و.
fn group_word_start(doc: &Document, kb: &Knowledge, t: usize) -> Option<usize> {
    let word = doc.word(t);
    proclitic_splits(word)
        .filter(|s| !s.article && (s.len == 0 || &word[..s.len] == "و"))
        .find(|s| kb.is_group_word(&word[s.len..]))
        .map(|s| doc.tokens[t].span.start + s.len)
}

/// The town of `country` a location name spells, read whole or without its
/// proclitics (بزليتن: Zliten).
fn town_named(
    doc: &Document,
    kb: &Knowledge,
    name: &crate::ner::Name,
    country: &str,
) -> Option<(Span, usize)> {
    let text = name.span.slice(doc.text());
    proclitic_splits(text)
        .filter(|s| !s.article)
        .find_map(|s| crate::geo::latin_namesake(kb, &text[s.len..], country))
        .map(|p| (name.span, p))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{extract_with, Article, Options};

    fn read(text: &str, tagger: bool) -> crate::Event {
        let article = Article {
            published: Some("2024-03-02".parse().unwrap()),
            text: text.into(),
            ..Article::default()
        };
        let kb = Knowledge::embedded();
        let mut events = extract_with(&article, &kb, Options { tagger }).events;
        assert_eq!(events.len(), 1, "{text}");
        events.remove(0)
    }

    fn evidence<'e>(event: &'e crate::Event, field: &str) -> Option<&'e str> {
        event
            .evidence
            .iter()
            .find(|e| e.field == field)
            .map(|e| e.text.as_str())
    }

    #[test]
    fn a_group_no_table_lists_acts_under_its_own_name() {
        let text = "هاجمت كتائب الفاروق الجديدة حاجزا للجيش في حمص أمس.";
        let event = read(text, true);
        let actor = event.actor1.as_ref().unwrap();
        assert_eq!(actor.name, "كتائب الفاروق");
        assert_eq!(
            (actor.id.as_str(), actor.inter),
            ("unlisted:كتائب الفاروق", 3)
        );
        assert_eq!(evidence(&event, "actor1"), Some("كتائب الفاروق"));
        let without = read(text, false);
        assert_eq!(
            without.actor1.unwrap().name,
            "Unidentified Armed Group (Syria)"
        );
    }

    #[test]
    fn a_town_the_tables_lack_in_arabic_is_found_through_its_tagged_name() {
        let text = "تصعيد في ليبيا. اقتحم مسلحون مجهولون قرقوزة ليلة أمس وقتلوا ثلاثة رجال.";
        let event = read(text, true);
        assert_eq!(event.location.as_deref(), Some("Qarquzah"));
        assert_eq!(event.geo_precision, 1);
        assert_eq!(evidence(&event, "location"), Some("قرقوزة"));
        let without = read(text, false);
        assert_eq!(without.location.as_deref(), Some("Tripoli"));
        assert_eq!(without.geo_precision, 3);
    }

    /// The tagger's name over words `first..=last` of a one-sentence text.
    fn name_over(doc: &Document, first: usize, last: usize) -> crate::ner::Name {
        crate::ner::Name {
            span: Span::new(doc.tokens[first].span.start, doc.tokens[last].span.end),
            tokens: (first, last),
            sentence: 0,
            kind: "ORG",
        }
    }

    #[test]
    fn a_group_name_opens_with_or_follows_a_group_word_and_is_not_a_target() {
        let kb = Knowledge::embedded();
        let group = |text: &str, first: usize, last: usize| {
            let doc = Document::analyze(text, None, &kb);
            acting_group(&doc, &kb, &name_over(&doc, first, last))
                .map(|span| span.slice(doc.text()).to_owned())
        };
        let text = "هاجمت وكتائب صقور الوادي الحاجز";
        assert_eq!(group(text, 1, 3).as_deref(), Some("كتايب صقور الوادي"));
        // the tagger left the group word out
        assert_eq!(group(text, 2, 3).as_deref(), Some("كتايب صقور الوادي"));
        // a lone group word names no group
        assert_eq!(group(text, 1, 1), None);
        // nor does a name with no group word
        assert_eq!(group("هاجم سالم الحاجز", 1, 1), None);
        // the target of the attack is not its actor
        assert_eq!(group("هجوم على كتائب صقور الوادي", 2, 4), None);
    }

    #[test]
    fn a_group_the_tagger_misses_is_found_where_an_armed_actor_stands() {
        let actor1 = |text: &str| read(text, true).actor1.unwrap().name;
        // after من that follows armed men, after a member word
        assert_eq!(
            actor1(
                "هاجم مسلحون من لواء أحرار الجبل نقطة تفتيش للجيش قرب غريان الليبية فجر الخميس."
            ),
            "لواء أحرار الجبل"
        );
        assert_eq!(
            actor1("اشتبك مقاتلو جبهة تحرير الساحل مع قوات الأمن في كيدال شمال مالي أمس."),
            "جبهة تحرير الساحل"
        );
        // a group word with the article refers back; a date closes nothing
        assert_eq!(
            actor1("قتل اثنان من عناصر القوات أمس الأول بهجوم على حاجز في دير الزور."),
            "Unidentified Armed Group (Syria)"
        );
        // after an event noun the next word may be the target
        assert_eq!(
            actor1("قتل جندي في اشتباك قوات حفظ النظام مع مسلحين في الزاوية الليبية."),
            "Unidentified Armed Group (Libya)"
        );
        // right after an event verb stands its subject
        assert_eq!(
            actor1("هاجمت كتائب أبناء الجنوب حاجزا للجيش قرب عدن اليمنية أمس وقتلت جنديين."),
            "كتائب أبناء الجنوب"
        );
        // a weapon that is the verb's subject is the group's
        assert_eq!(
            actor1("قصفت مدفعية جيش التحرير الوطني مواقع للقوات الحكومية في ولاية النيل الأزرق أمس."),
            "جيش التحرير الوطني"
        );
        // the group is all the event has: without it, talk about attacks
        let text = "هاجمت كتائب أبناء الجنوب مواقع في محافظة أبين اليمنية أمس.";
        assert_eq!(actor1(text), "كتائب أبناء الجنوب");
        let article = Article {
            published: Some("2024-03-02".parse().unwrap()),
            text: text.into(),
            ..Article::default()
        };
        let kb = Knowledge::embedded();
        let without = extract_with(&article, &kb, Options { tagger: false });
        assert!(without.events.is_empty());
        // where no armed actor stands, a group word is an everyday word
        assert_eq!(
            actor1("اختطف مسلحون مجهولون تاجرا في تعز اليمنية وسط تراجع حركة التجارة."),
            "Unidentified Armed Group (Yemen)"
        );
    }

    #[test]
    fn a_construct_closes_on_its_first_definite_word_and_takes_its_adjectives() {
        let kb = Knowledge::embedded();
        let name = |text: &str| {
            let doc = Document::analyze(text, None, &kb);
            construct_end(&doc, &kb, 0, doc.tokens.len()).map(|end| {
                Span::new(doc.tokens[0].span.start, doc.tokens[end].span.end)
                    .slice(doc.text())
                    .to_owned()
            })
        };
        assert_eq!(
            name("جيش التحرير الوطني مواقع").as_deref(),
            Some("جيش التحرير الوطني")
        );
        assert_eq!(
            name("سرايا أنصار السنة الهجوم").as_deref(),
            Some("سرايا انصار السنه")
        );
        assert_eq!(name("قوات حكومية مدعومة"), None);
        assert_eq!(name("جبهة في الساحل"), None);
        assert_eq!(name("لواء، الجبل"), None);
    }
}
