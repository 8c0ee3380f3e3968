//! Tokens, sentences and clitic analysis over the normalized text.

use crate::Span;

/// What a token is made of.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TokenKind {
    Word,
    /// Digits, possibly with `.` or `,` between them (`1,200`, `3.5`).
    Number,
}

/// A word or number of the normalized text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Token {
    /// Byte range in the normalized text.
    pub span: Span,
    pub kind: TokenKind,
    /// The token follows a comma, semicolon or colon (a clause boundary).
    pub after_comma: bool,
}

/// A sentence: its byte range in the normalized text and its tokens.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Sentence {
    pub span: Span,
    pub tokens: std::ops::Range<usize>,
}

fn is_word_char(c: char) -> bool {
    // Arabic letters and ASCII first: the general Unicode lookup is slow
    matches!(c, '\u{0621}'..='\u{064A}' | '\u{0671}'..='\u{06D3}' | 'a'..='z' | 'A'..='Z' | '0'..='9')
        || !c.is_ascii() && c.is_alphanumeric()
}

/// Splits normalized text into tokens and sentences. Sentences end at `.`,
/// `!`, `?` and line breaks; a `.` between digits does not end one.
pub fn tokenize(text: &str) -> (Vec<Token>, Vec<Sentence>) {
    let mut tokens = Vec::with_capacity(text.len() / 6);
    let mut sentences = Vec::new();
    let mut sentence_start = 0;
    let mut sentence_first_token = 0;
    let mut after_comma = false;
    let bytes = text.as_bytes();
    let mut chars = text.char_indices().peekable();
    let mut close_sentence =
        |end: usize, tokens: &Vec<Token>, start: &mut usize, first: &mut usize| {
            if tokens.len() > *first {
                sentences.push(Sentence {
                    span: Span::new(*start, end),
                    tokens: *first..tokens.len(),
                });
            }
            *start = end;
            *first = tokens.len();
        };
    while let Some((at, c)) = chars.next() {
        if is_word_char(c) {
            let mut end = at + c.len_utf8();
            let mut all_digits = c.is_ascii_digit();
            while let Some(&(next_at, next)) = chars.peek() {
                if is_word_char(next) {
                    all_digits &= next.is_ascii_digit();
                    end = next_at + next.len_utf8();
                    chars.next();
                } else if (next == '.' || next == ',')
                    && all_digits
                    && bytes.get(next_at + 1).is_some_and(u8::is_ascii_digit)
                {
                    end = next_at + 1;
                    chars.next();
                } else {
                    break;
                }
            }
            tokens.push(Token {
                span: Span::new(at, end),
                kind: if all_digits {
                    TokenKind::Number
                } else {
                    TokenKind::Word
                },
                after_comma,
            });
            after_comma = false;
        } else {
            match c {
                '.' | '!' | '?' | '\n' => {
                    let end = at + c.len_utf8();
                    close_sentence(end, &tokens, &mut sentence_start, &mut sentence_first_token);
                    after_comma = false;
                }
                ',' | ';' | ':' => after_comma = true,
                _ => {}
            }
        }
    }
    close_sentence(
        text.len(),
        &tokens,
        &mut sentence_start,
        &mut sentence_first_token,
    );
    (tokens, sentences)
}

/// Proclitic letters that may precede a word, in the order they attach:
/// a conjunction (و، ف), then a preposition (ب، ل، ك) or the future marker
/// (س), then the article (ال).
///
/// Returns the byte lengths of every prefix of `word` that could be a clitic
/// string, shortest first, always starting with 0. The caller decides which
/// split is right by looking the remainder up in a lexicon, so a word whose
/// first letters are not clitics (بدأ، لبنان) is never mangled by this
/// function alone.
pub fn proclitic_splits(word: &str) -> impl Iterator<Item = ProcliticSplit> + '_ {
    let mut splits: [Option<ProcliticSplit>; 6] = [None; 6];
    let mut count = 0;
    let mut push = |len: usize, article: bool| {
        if len < word.len() && count < splits.len() {
            splits[count] = Some(ProcliticSplit { len, article });
            count += 1;
        }
    };
    push(0, false);
    let mut at = 0;
    let rest = |at: usize| &word[at..];
    if rest(at).starts_with('و') || rest(at).starts_with('ف') {
        at += 2;
        push(at, false);
    }
    if rest(at).starts_with("لل") {
        // ل + ال with the alef dropped: للجيش = ل + الجيش
        push(at + 4, true);
    }
    if rest(at).starts_with('ب') || rest(at).starts_with('ل') || rest(at).starts_with('ك') {
        at += 2;
        push(at, false);
    }
    if rest(at).starts_with("ال") {
        push(at + 4, true);
    }
    splits.into_iter().take(count).flatten()
}

/// One way to read a word's first letters as clitics.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ProcliticSplit {
    /// Byte length of the clitic letters.
    pub len: usize,
    /// The clitics end in the definite article (ال, or the ل of لل).
    pub article: bool,
}

/// Whether `prefix` is a clitic string that may stand before a word:
/// `(و|ف)? (ب|ل|ك|س)? (ال)?`, or `(و|ف)? لل`.
pub fn is_proclitic(prefix: &str) -> bool {
    let mut rest = prefix;
    for conj in ["و", "ف"] {
        if let Some(r) = rest.strip_prefix(conj) {
            rest = r;
            break;
        }
    }
    if rest.is_empty() || rest == "لل" {
        return true;
    }
    for prep in ["ب", "ل", "ك", "س"] {
        if let Some(r) = rest.strip_prefix(prep) {
            rest = r;
            break;
        }
    }
    rest.is_empty() || rest == "ال"
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::fold;

    fn words(text: &str) -> Vec<&str> {
        tokenize(text)
            .0
            .iter()
            .map(|t| t.span.slice(text))
            .collect()
    }

    #[test]
    fn splits_words_numbers_and_sentences() {
        let text = fold("قتل 1,200 شخص. وأصيب ٣.٥ آخرون\nثم انتهى");
        assert_eq!(
            words(&text),
            [
                "قتل",
                "1,200",
                "شخص",
                "واصيب",
                "3.5",
                "اخرون",
                "ثم",
                "انتهي"
            ]
        );
        let (tokens, sentences) = tokenize(&text);
        assert_eq!(sentences.len(), 3);
        assert_eq!(tokens[1].kind, TokenKind::Number);
        assert_eq!(sentences[1].tokens, 3..6);
    }

    #[test]
    fn marks_clause_boundaries() {
        let text = fold("قال الجيش، إن المسلحين");
        let (tokens, _) = tokenize(&text);
        assert!(!tokens[1].after_comma);
        assert!(tokens[2].after_comma);
    }

    #[test]
    fn proclitic_splits_offer_every_reading() {
        let lens = |w: &str| -> Vec<usize> {
            let w = fold(w);
            proclitic_splits(&w)
                .map(|s| w[s.len..].chars().count())
                .collect()
        };
        assert_eq!(lens("بمدينة"), [6, 5]);
        assert_eq!(lens("وللميليشيات"), [11, 10, 8, 9]);
        assert_eq!(lens("لداعش"), [5, 4]);
        assert_eq!(lens("والجيش"), [6, 5, 3]);
        assert_eq!(lens("قوات"), [4]);
    }

    #[test]
    fn recognises_clitic_strings() {
        for ok in ["", "و", "ب", "وب", "ال", "بال", "وال", "لل", "ولل", "فس"] {
            assert!(is_proclitic(ok), "{ok}");
        }
        for bad in ["م", "بب", "الو", "تم"] {
            assert!(!is_proclitic(bad), "{bad}");
        }
    }
}
