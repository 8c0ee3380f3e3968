//! The named-entity tagger: the committed model loads, tags names it was
//! never given as dictionary entries, never panics, and its names reach the
//! entity list.

use rasd_core::ner::{self, entity_spans, label_name, Model};
use rasd_core::{extract, Article, Knowledge};

/// A small deterministic generator (xorshift), so failures reproduce.
struct Random(u64);

impl Random {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
}

fn tag(words: &[&str], kb: &Knowledge) -> Vec<String> {
    ner::embedded_model()
        .tag(words, kb.ner_lexicon())
        .into_iter()
        .map(label_name)
        .collect()
}

#[test]
fn tags_people_and_places_in_a_sentence_of_our_own() {
    let kb = Knowledge::embedded();
    let words = [
        "وقال",
        "وزير",
        "الخارجية",
        "الفرنسي",
        "جان",
        "مارك",
        "أيرولت",
        "في",
        "باريس",
        "إن",
        "بلاده",
        "تدعم",
        "المفاوضات",
        ".",
    ];
    let tags = tag(&words, &kb);
    assert_eq!(tags[8], "B-LOC", "{tags:?}");
    assert!(tags[4].ends_with("PERS"), "{tags:?}");
    assert!(tags[6].ends_with("PERS"), "{tags:?}");
    assert_eq!(tags[0], "O");
}

#[test]
fn the_model_survives_a_round_trip_and_rejects_garbage() {
    let bytes = ner::embedded_model_bytes();
    let model = Model::from_bytes(bytes).unwrap();
    assert_eq!(model.to_bytes(), bytes);
    assert!(Model::from_bytes(b"").is_err());
    assert!(Model::from_bytes(&bytes[..bytes.len() / 2]).is_err());
    assert!(Model::from_bytes(b"RASDNER1\xff\xff\xff\xff").is_err());
}

#[test]
fn never_panics_on_random_unicode_long_tokens_or_empty_sentences() {
    let kb = Knowledge::embedded();
    let mut random = Random(0x5eed);
    assert!(tag(&[], &kb).is_empty());
    for round in 0..300 {
        let len = (random.next() % 40) as usize;
        let words: Vec<String> = (0..len)
            .map(|_| {
                let chars = if round % 10 == 0 {
                    3000
                } else {
                    1 + random.next() % 12
                };
                (0..chars)
                    .filter_map(|_| {
                        let code = match random.next() % 4 {
                            0 => 0x0600 + random.next() % 0x100,
                            1 => 0x20 + random.next() % 0x60,
                            2 => random.next() % 0x11_0000,
                            _ => 0xFB50 + random.next() % 0x3A0,
                        };
                        char::from_u32(code as u32)
                    })
                    .collect()
            })
            .collect();
        let refs: Vec<&str> = words.iter().map(String::as_str).collect();
        let labels = ner::embedded_model().tag(&refs, kb.ner_lexicon());
        assert_eq!(labels.len(), refs.len());
        for span in entity_spans(&labels) {
            assert!(span.start < span.end && span.end <= refs.len());
        }
    }
}

#[test]
fn names_no_table_knows_appear_in_the_entity_list() {
    let kb = Knowledge::embedded();
    let article = Article {
        text:
            "قال المتحدث باسم الشرطة العقيد سامر الخطيب إن دورية تعرضت لإطلاق نار قرب بلدة تل حميس."
                .into(),
        ..Article::default()
    };
    let mut extraction = extract(&article, &kb);
    assert!(extraction.entities.iter().all(|e| e.kind != "name"));
    rasd_core::add_tagged_names(&article, &kb, &mut extraction);
    let names: Vec<_> = extraction
        .entities
        .iter()
        .filter(|e| e.kind == "name")
        .collect();
    assert!(
        names
            .iter()
            .any(|e| e.resolved == "PERS" && e.text.contains("الخطيب")),
        "{names:?}"
    );
    for e in &names {
        assert_eq!(&article.text[e.start..e.end], e.text);
        assert!(["PERS", "LOC", "ORG", "MISC"].contains(&e.resolved.as_str()));
    }
}
