//! Folding Arabic text for matching, with a map back to the original bytes.

use crate::Span;
use unicode_normalization::UnicodeNormalization;

/// Text folded for matching, and where each of its bytes came from.
///
/// Folding removes diacritics (tashkeel), tatweel, bidi and zero-width marks;
/// unifies alef/hamza forms, alef maqsura (ى → ي), taa marbuta (ة → ه),
/// Persian letters; turns Arabic-Indic and Persian digits into ASCII digits,
/// Arabic punctuation into ASCII, typographic quotes into `"`, any space into
/// ` `; and lower-cases ASCII. Every lexicon entry goes through the same
/// function, so both sides meet in one form.
#[derive(Clone, Debug, Default)]
pub struct Normalized {
    text: String,
    /// `origin[i]` is the original byte offset of the character that produced
    /// normalized byte `i`; one extra entry holds the original length.
    origin: Vec<u32>,
}

impl Normalized {
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// The original byte range a normalized range came from. A dropped
    /// diacritic after the last letter stays inside the span.
    pub fn to_original(&self, span: Span) -> Span {
        Span::new(
            self.origin[span.start] as usize,
            self.origin[span.end] as usize,
        )
    }
}

/// Folds `original` for matching and records the offset map.
pub fn normalize(original: &str) -> Normalized {
    let mut text = String::with_capacity(original.len());
    let mut origin = Vec::with_capacity(original.len() + 1);
    let mut push = |text: &mut String, c: char, at: usize| {
        let before = text.len();
        text.push(c);
        origin.extend(std::iter::repeat_n(at as u32, text.len() - before));
    };
    for (at, c) in original.char_indices() {
        match fold_char(c) {
            Folded::Drop => {}
            Folded::Char(f) => push(&mut text, f, at),
            Folded::Compat => {
                for f in std::iter::once(c).nfkc() {
                    if let Folded::Char(g) = fold_char(f) {
                        push(&mut text, g, at);
                    }
                }
            }
        }
    }
    origin.push(original.len() as u32);
    Normalized { text, origin }
}

/// Folds a lexicon entry or a query; the same rules as [`normalize`],
/// without the offset map (the tagger folds every new word it meets).
pub fn fold(s: &str) -> String {
    let mut text = String::with_capacity(s.len());
    for c in s.chars() {
        match fold_char(c) {
            Folded::Drop => {}
            Folded::Char(f) => text.push(f),
            Folded::Compat => {
                for f in std::iter::once(c).nfkc() {
                    if let Folded::Char(g) = fold_char(f) {
                        text.push(g);
                    }
                }
            }
        }
    }
    text
}

enum Folded {
    Drop,
    Char(char),
    /// A presentation form or other compatibility character: decompose first.
    Compat,
}

fn fold_char(c: char) -> Folded {
    use Folded::*;
    match c {
        // harakat, tanween, shadda, sukun, superscript alef, Quranic marks, tatweel
        '\u{0610}'..='\u{061A}'
        | '\u{064B}'..='\u{065F}'
        | '\u{0670}'
        | '\u{06D6}'..='\u{06ED}' => Drop,
        '\u{0640}' => Drop,
        // bidi controls, zero-width characters, byte order mark, Arabic letter mark
        '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' => Drop,
        '\u{FEFF}' | '\u{061C}' | '\u{00AD}' => Drop,
        'أ' | 'إ' | 'آ' | 'ٱ' | 'ٲ' | 'ٳ' => Char('ا'),
        'ى' | 'ی' | 'ې' | 'ئ' => Char('ي'),
        'ؤ' => Char('و'),
        'ة' | 'ۀ' | 'ە' => Char('ه'),
        'ک' => Char('ك'),
        'ھ' => Char('ه'),
        '٠'..='٩' => Char(char::from(b'0' + (c as u32 - '٠' as u32) as u8)),
        '۰'..='۹' => Char(char::from(b'0' + (c as u32 - '۰' as u32) as u8)),
        '،' | '٬' => Char(','),
        '؛' => Char(';'),
        '؟' => Char('?'),
        '٫' => Char('.'),
        '٪' => Char('%'),
        '۔' => Char('.'),
        '“' | '”' | '„' | '«' | '»' | '″' | '‟' => Char('"'),
        '‘' | '’' | '‚' | '‛' | '′' => Char('\''),
        '–' | '—' | '‒' | '―' | '−' => Char('-'),
        '\t' | '\n' | '\r' => Char(c),
        '\u{00A0}' | '\u{2000}'..='\u{200A}' | '\u{202F}' | '\u{205F}' | '\u{3000}' => Char(' '),
        c if c.is_ascii_uppercase() => Char(c.to_ascii_lowercase()),
        c if c.is_control() => Char(' '),
        '\u{FB50}'..='\u{FDFF}' | '\u{FE70}'..='\u{FEFE}' => Compat,
        c => Char(c),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_diacritics_and_letter_variants() {
        assert_eq!(fold("قُتِلَ"), "قتل");
        assert_eq!(fold("الـحسكة"), "الحسكه");
        assert_eq!(fold("إحباط أمس مستشفى"), "احباط امس مستشفي");
        assert_eq!(fold("مسؤول هيئة"), "مسوول هييه");
    }

    #[test]
    fn folds_digits_punctuation_and_marks() {
        assert_eq!(fold("١٢ و۳"), "12 و3");
        assert_eq!(fold("قال،\u{200F} «داعش»؟"), "قال, \"داعش\"?");
        assert_eq!(fold("a\u{00A0}B"), "a b");
    }

    #[test]
    fn fold_is_the_text_of_normalize() {
        for s in ["قُتِلَ ٧ جنود", "ﻻ ﺑ\u{200F}«A»", "", "x\u{0640}\u{FDF2}"] {
            assert_eq!(fold(s), normalize(s).as_str());
        }
    }

    #[test]
    fn presentation_forms_fold_to_letters() {
        // ﻻ is the lam-alef ligature; ﺑ an initial beh.
        assert_eq!(fold("ﻻ ﺑ"), "لا ب");
    }

    #[test]
    fn offsets_map_back_to_original() {
        let original = "قُتِلَ ٧ جنود";
        let n = normalize(original);
        let seven = n.as_str().find('7').unwrap();
        let span = n.to_original(Span::new(seven, seven + 1));
        assert_eq!(span.slice(original), "٧");
        let word = n.to_original(Span::new(0, "قتل".len()));
        assert_eq!(word.slice(original), "قُتِلَ");
    }
}
