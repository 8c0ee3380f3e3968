//! Extraction never panics and always returns spans that slice the input,
//! whatever the input: random mixes of Arabic letters, marks, digits in
//! several scripts, punctuation, bidi controls and arbitrary code points,
//! and the words that send sentences to the tagger and the group-name rule.

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

    fn pick<'a>(&mut self, items: &'a [&'a str]) -> &'a str {
        items[(self.next() % items.len() as u64) as usize]
    }
}

const PIECES: &[&str] = &[
    "قتل",
    "هاجم",
    "داعش",
    "الحسكة",
    "بمدينة",
    "أمس",
    "الجمعة",
    "سبعة",
    "عشرين",
    "و",
    "ال",
    "ب",
    "١٢",
    "۳",
    "2022",
    "11",
    "إلى",
    "ألف",
    "على الأقل",
    "،",
    "؛",
    "؟",
    ".",
    "\n",
    " ",
    " ",
    " ",
    "\u{064B}",
    "\u{0651}",
    "\u{0640}",
    "\u{200F}",
    "\u{202B}",
    "\u{FEFF}",
    "\u{00A0}",
    "«",
    "»",
    "ﻻ",
    "ﺑ",
    "A",
    "<p>",
    "&amp;",
    "😀",
    "\u{0}",
    "\t",
    "-",
    "/",
    "مقتل",
    "قوات",
    "سوريا",
    "الديمقراطية",
    "محافظة",
    "ديالى",
    "في",
    "عام",
    // names no table lists: the tagger and the group-name rule
    "كتائب",
    "لواء",
    "مسلحون",
    "من",
    "مقاتلو",
    "أحرار",
    "الجبل",
    "الوطني",
    "هاجمت",
    "قرقوزة",
    "ليبيا",
];

fn random_text(random: &mut Random) -> String {
    let len = (random.next() % 400) as usize;
    let mut text = String::new();
    for _ in 0..len {
        if random.next().is_multiple_of(10) {
            let code = (random.next() % 0x10FFFF) as u32;
            text.extend(char::from_u32(code));
        } else {
            text.push_str(random.pick(PIECES));
        }
    }
    text
}

#[test]
fn random_inputs_never_panic_and_spans_slice_the_input() {
    let kb = Knowledge::embedded();
    let mut random = Random(0x9E37_79B9_7F4A_7C15);
    for round in 0..400 {
        let text = random_text(&mut random);
        let published = (round % 2 == 0).then(|| "2022-01-22".parse().unwrap());
        let article = Article {
            published,
            text: text.clone(),
            ..Article::default()
        };
        let extraction = extract(&article, &kb);
        for entity in &extraction.entities {
            assert_eq!(
                &text[entity.start..entity.end],
                entity.text,
                "round {round}"
            );
        }
        for event in &extraction.events {
            for evidence in &event.evidence {
                assert_eq!(
                    &text[evidence.start..evidence.end],
                    evidence.text,
                    "round {round}"
                );
            }
        }
    }
}

#[test]
fn degenerate_inputs_give_no_events() {
    let kb = Knowledge::embedded();
    let long_word = "ب".repeat(100_000);
    let digits = "9".repeat(5_000);
    for text in [
        "",
        " ",
        "\n\n\n",
        ".",
        "،،،",
        long_word.as_str(),
        digits.as_str(),
    ] {
        let article = Article {
            text: text.to_owned(),
            ..Article::default()
        };
        assert!(extract(&article, &kb).events.is_empty());
    }
}
