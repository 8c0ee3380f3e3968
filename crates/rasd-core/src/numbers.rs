//! Quantities: counts written in digits or Arabic words, with their
//! qualifiers ("at least", "about") and ranges ("between 5 and 7").
//!
//! Everything works on the normalized text. The word tables below are
//! ordinary Arabic, folded with [`fold`] once on first use.

use std::collections::{HashMap, HashSet};
use std::ops::Range;
use std::sync::OnceLock;

use serde::Serialize;

use crate::dates::find_dates;
use crate::text::{fold, proclitic_splits, Token, TokenKind};
use crate::Span;

/// How the text hedges a quantity.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Qualifier {
    AtLeast,
    About,
    Over,
    UpTo,
    LessThan,
}

impl Qualifier {
    /// The qualifier in English words: "at least", "about", "over", "up to",
    /// "less than".
    pub fn as_str(&self) -> &'static str {
        match self {
            Qualifier::AtLeast => "at least",
            Qualifier::About => "about",
            Qualifier::Over => "over",
            Qualifier::UpTo => "up to",
            Qualifier::LessThan => "less than",
        }
    }
}

/// A count found in the normalized text.
#[derive(Clone, Debug, PartialEq)]
pub struct Quantity {
    /// Normalized bytes of the number words or digits: not the qualifier, not
    /// a leading clitic (the و of وثلاثة).
    pub span: Span,
    /// The tokens of the number.
    pub tokens: Range<usize>,
    /// The count; the lower bound of a range.
    pub value: u64,
    /// The upper bound of a range ("بين 5 و7", "11 إلى 12 ألف").
    pub upper: Option<u64>,
    pub qualifier: Option<Qualifier>,
    /// Normalized bytes of the qualifier phrase.
    pub qualifier_span: Option<Span>,
    /// An order of magnitude rather than a count: عشرات، مئات، آلاف، دزينة.
    pub vague: bool,
}

/// Finds every quantity in `text` (normalized) given its tokens, in order.
///
/// Digits that belong to a date mention (days, years, "قبل 3 أيام") and
/// percentages or clock times are not quantities.
pub fn find_quantities(text: &str, tokens: &[Token]) -> Vec<Quantity> {
    find_quantities_with_dates(text, tokens, &find_dates(text, tokens, None))
}

/// [`find_quantities`] with the document's date mentions already found, so
/// dates are not searched twice.
pub fn find_quantities_with_dates(
    text: &str,
    tokens: &[Token],
    dates: &[crate::dates::DateMention],
) -> Vec<Quantity> {
    let cursor = Cursor::new(text, tokens, dates);
    let mut quantities = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        match cursor.quantity_at(i) {
            Some(quantity) => {
                i = quantity.tokens.end;
                if !cursor.measures_something_else(&quantity) {
                    quantities.push(quantity);
                }
            }
            None => i += 1,
        }
    }
    cursor.attach_qualifiers(&mut quantities);
    quantities
}

// ---------------------------------------------------------------------------
// Helpers shared with dates.rs.

/// The value of one number word such as ثلاثة or عشرين (folded), for counts
/// inside other phrases ("قبل ثلاثة أيام").
pub(crate) fn word_value(word: &str) -> Option<u64> {
    match lexicon().words.get(word)? {
        NumberWord::Unit(value) | NumberWord::Tens(value) | NumberWord::Hundreds(value) => {
            Some(*value)
        }
        _ => None,
    }
}

/// Byte lengths at which `word` splits into clitics and a stem, shortest
/// first, keeping only the conjunctions و ف and the prepositions ب ل: ك
/// never stands before a number or date word, and the article only in a
/// count that follows its noun (see `Cursor::definite_count`).
pub(crate) fn clitic_splits(word: &str) -> impl Iterator<Item = usize> + '_ {
    proclitic_splits(word)
        .filter(|split| !split.article && word[..split.len].chars().all(|c| "وفبل".contains(c)))
        .map(|split| split.len)
}

/// The span of the folded `words` at token `i`, when they are there. The
/// first word may carry clitics (بنحو); no comma may fall inside the phrase.
pub(crate) fn phrase_span(
    text: &str,
    tokens: &[Token],
    i: usize,
    words: &[String],
) -> Option<Span> {
    let (first, rest) = words.split_first()?;
    let head = tokens.get(i)?;
    let head_word = head.span.slice(text);
    if !head_word.ends_with(first.as_str()) {
        return None;
    }
    let clitic = clitic_splits(head_word).find(|&len| head_word[len..] == **first)?;
    for (k, word) in rest.iter().enumerate() {
        let token = tokens.get(i + 1 + k)?;
        if token.after_comma || token.span.slice(text) != word {
            return None;
        }
    }
    Some(Span::new(
        head.span.start + clitic,
        tokens[i + rest.len()].span.end,
    ))
}

/// The folded words of a table phrase.
pub(crate) fn folded_words(phrase: &str) -> Vec<String> {
    fold(phrase).split_whitespace().map(String::from).collect()
}

// ---------------------------------------------------------------------------
// Word tables, in ordinary Arabic.

/// 1 to 10, both genders and cases.
const UNITS: &[(&str, u64)] = &[
    ("واحد", 1),
    ("واحدة", 1),
    ("اثنان", 2),
    ("اثنين", 2),
    ("اثنتان", 2),
    ("اثنتين", 2),
    ("ثلاث", 3),
    ("ثلاثة", 3),
    ("أربع", 4),
    ("أربعة", 4),
    ("خمس", 5),
    ("خمسة", 5),
    ("ست", 6),
    ("ستة", 6),
    ("سبع", 7),
    ("سبعة", 7),
    ("ثمان", 8),
    ("ثماني", 8),
    ("ثمانية", 8),
    ("تسع", 9),
    ("تسعة", 9),
    ("عشر", 10),
    ("عشرة", 10),
];

/// Words that count only before عشر/عشرة (11, 12): alone, أحد is "one of"
/// and إحدى "one (f.) of".
const TEEN_LEADS: &[(&str, u64)] = &[
    ("أحد", 1),
    ("إحدى", 1),
    ("اثنا", 2),
    ("اثني", 2),
    ("اثنتا", 2),
    ("اثنتي", 2),
];

const TENS: &[(&str, u64)] = &[
    ("عشرون", 20),
    ("عشرين", 20),
    ("ثلاثون", 30),
    ("ثلاثين", 30),
    ("أربعون", 40),
    ("أربعين", 40),
    ("خمسون", 50),
    ("خمسين", 50),
    ("ستون", 60),
    ("ستين", 60),
    ("سبعون", 70),
    ("سبعين", 70),
    ("ثمانون", 80),
    ("ثمانين", 80),
    ("تسعون", 90),
    ("تسعين", 90),
];

const HUNDREDS: &[(&str, u64)] = &[
    ("مائة", 100),
    ("مئة", 100),
    ("مائتان", 200),
    ("مئتان", 200),
    ("مائتين", 200),
    ("مئتين", 200),
    ("مائتي", 200),
    ("مئتي", 200),
    ("مائتا", 200),
    ("مئتا", 200),
];

/// Units written together with مائة/مئة for 300 to 900 (ثلاثمائة).
const HUNDRED_MULTIPLIERS: &[(&str, u64)] = &[
    ("ثلاث", 3),
    ("أربع", 4),
    ("خمس", 5),
    ("ست", 6),
    ("سبع", 7),
    ("ثمان", 8),
    ("تسع", 9),
];

/// Multiplier words: singular (also the accusative ألفا), dual, plural.
const SCALES: &[(&str, u64, Form)] = &[
    ("ألف", 1_000, Form::One),
    ("ألفا", 1_000, Form::One),
    ("ألفان", 1_000, Form::Two),
    ("ألفين", 1_000, Form::Two),
    ("ألفي", 1_000, Form::Two),
    ("آلاف", 1_000, Form::Many),
    ("مليون", 1_000_000, Form::One),
    ("مليونا", 1_000_000, Form::One),
    ("مليونان", 1_000_000, Form::Two),
    ("مليونين", 1_000_000, Form::Two),
    ("مليوني", 1_000_000, Form::Two),
    ("ملايين", 1_000_000, Form::Many),
    ("مليار", 1_000_000_000, Form::One),
    ("مليارا", 1_000_000_000, Form::One),
    ("ملياران", 1_000_000_000, Form::Two),
    ("مليارين", 1_000_000_000, Form::Two),
    ("ملياري", 1_000_000_000, Form::Two),
    ("مليارات", 1_000_000_000, Form::Many),
];

/// Orders of magnitude. A plural multiplier with no count before it (آلاف
/// النازحين) is vague as well.
const VAGUE: &[(&str, u64)] = &[
    ("عشرات", 10),
    ("العشرات", 10),
    ("دزينة", 12),
    ("دزينات", 12),
    ("مئات", 100),
    ("المئات", 100),
    ("الآلاف", 1_000),
    ("الملايين", 1_000_000),
];

/// Qualifier phrases standing before the number.
const QUALIFIERS_BEFORE: &[(&str, Qualifier)] = &[
    ("على الأقل", Qualifier::AtLeast),
    ("ما لا يقل عن", Qualifier::AtLeast),
    ("لا يقل عن", Qualifier::AtLeast),
    ("نحو", Qualifier::About),
    ("حوالي", Qualifier::About),
    ("قرابة", Qualifier::About),
    ("زهاء", Qualifier::About),
    ("ما يقارب", Qualifier::About),
    ("ما يقرب من", Qualifier::About),
    ("ما يناهز", Qualifier::About),
    ("أكثر من", Qualifier::Over),
    ("ما يزيد عن", Qualifier::Over),
    ("ما يزيد على", Qualifier::Over),
    ("أزيد من", Qualifier::Over),
    ("يفوق", Qualifier::Over),
    ("ما يفوق", Qualifier::Over),
    ("حتى", Qualifier::UpTo),
    ("ما يصل إلى", Qualifier::UpTo),
    ("أقل من", Qualifier::LessThan),
];

/// Qualifier phrases after the number or its counted noun.
const QUALIFIERS_AFTER: &[(&str, Qualifier)] = &[
    ("على الأقل", Qualifier::AtLeast),
    ("تقريبا", Qualifier::About),
];

/// Words after a number that make it a percentage.
const PERCENT: &[&str] = &["في المئة", "في المائة", "بالمئة", "بالمائة"];

/// Ordinals that take عشر (الحادي عشر "eleventh"); with and without the
/// article and the feminine ending.
const ORDINAL_TEEN_LEADS: &[&str] = &[
    "حادي", "ثاني", "ثالث", "رابع", "خامس", "سادس", "سابع", "ثامن", "تاسع",
];

/// The word before a clock time (الساعة 10).
const HOUR: &str = "الساعة";
/// Joins the two bounds after بين.
const BETWEEN: &str = "بين";
/// Joins the two bounds of "11 إلى 12".
const TO: &str = "إلى";
/// "And a half" after a multiplier (مليون ونصف).
const AND_HALF: &str = "ونصف";

// ---------------------------------------------------------------------------
// The folded lexicon.

/// What a number word contributes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum NumberWord {
    /// 1 to 10; 1 to 9 also start a teen before عشر.
    Unit(u64),
    /// Only the first word of 11 or 12.
    TeenLead(u64),
    Tens(u64),
    Hundreds(u64),
    Scale(u64, Form),
    Vague(u64),
}

/// The grammatical number of a multiplier word.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Form {
    /// ألف: 1000 alone, or multiplies a count of 11 and more.
    One,
    /// ألفان: 2000, takes no count.
    Two,
    /// آلاف: multiplies a count of 3 to 10; alone, "thousands".
    Many,
}

struct Phrase {
    words: Vec<String>,
    qualifier: Qualifier,
}

struct Lexicon {
    words: HashMap<String, NumberWord>,
    /// Longest first, so "ما لا يقل عن" wins over "لا يقل عن".
    before: Vec<Phrase>,
    after: Vec<Phrase>,
    percent: Vec<Vec<String>>,
    ordinal_teen_leads: HashSet<String>,
    hour: String,
    between: String,
    to: String,
    and_half: String,
}

fn lexicon() -> &'static Lexicon {
    static LEXICON: OnceLock<Lexicon> = OnceLock::new();
    LEXICON.get_or_init(Lexicon::build)
}

fn phrases(table: &[(&str, Qualifier)]) -> Vec<Phrase> {
    let mut phrases: Vec<Phrase> = table
        .iter()
        .map(|&(text, qualifier)| Phrase {
            words: folded_words(text),
            qualifier,
        })
        .collect();
    phrases.sort_by_key(|phrase| std::cmp::Reverse(phrase.words.len()));
    phrases
}

impl Lexicon {
    fn build() -> Lexicon {
        let mut words = HashMap::new();
        let pairs = [
            (UNITS, NumberWord::Unit as fn(u64) -> NumberWord),
            (TEEN_LEADS, NumberWord::TeenLead),
            (TENS, NumberWord::Tens),
            (HUNDREDS, NumberWord::Hundreds),
            (VAGUE, NumberWord::Vague),
        ];
        for (table, meaning) in pairs {
            for &(word, value) in table {
                words.insert(fold(word), meaning(value));
            }
        }
        for (word, value) in fused_hundreds() {
            words.insert(fold(&word), NumberWord::Hundreds(value));
        }
        for &(word, value, form) in SCALES {
            words.insert(fold(word), NumberWord::Scale(value, form));
        }
        Lexicon {
            words,
            before: phrases(QUALIFIERS_BEFORE),
            after: phrases(QUALIFIERS_AFTER),
            percent: PERCENT.iter().map(|text| folded_words(text)).collect(),
            ordinal_teen_leads: ordinal_teen_leads().map(|word| fold(&word)).collect(),
            hour: fold(HOUR),
            between: fold(BETWEEN),
            to: fold(TO),
            and_half: fold(AND_HALF),
        }
    }
}

/// حادي، الحادي، حادية، الحادية ... التاسعة.
fn ordinal_teen_leads() -> impl Iterator<Item = String> {
    ORDINAL_TEEN_LEADS.iter().flat_map(|stem| {
        ["", "ال"].into_iter().flat_map(move |article| {
            ["", "ة"]
                .into_iter()
                .map(move |ending| format!("{article}{stem}{ending}"))
        })
    })
}

/// ثلاثمائة, ثلاثمئة, ... تسعمئة with their values.
fn fused_hundreds() -> impl Iterator<Item = (String, u64)> {
    HUNDRED_MULTIPLIERS.iter().flat_map(|&(unit, count)| {
        HUNDREDS
            .iter()
            .filter(|&&(_, value)| value == 100)
            .map(move |&(hundred, _)| (format!("{unit}{hundred}"), count * 100))
    })
}

// ---------------------------------------------------------------------------
// Reading numbers off the tokens.

/// Which clitics the first token of a number may carry.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Lead {
    Bare,
    /// و ف ب ل, as in وثلاثة، بنحو... The clitic stays out of the span.
    Clitic,
    /// Exactly و: a later part of a compound, or the upper bound after بين.
    And,
}

impl Lead {
    fn allows(self, clitic: &str, stem: &str) -> bool {
        match self {
            Lead::Bare => clitic.is_empty(),
            Lead::And => clitic == "و",
            // ب or ل before a two-letter word is more often a word of its
            // own (لست "I am not") than a preposition before ست.
            Lead::Clitic => {
                !clitic.contains(['ب', 'ل']) || is_digits(stem) || stem.chars().count() > 2
            }
        }
    }
}

/// Whether the compound may take parts joined by و ("خمسة وعشرون").
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Joins {
    All,
    /// After بين, "بين خمسة وعشرين" may also be 5 to 20.
    None,
}

/// One token read as digits or a number word, clitics stripped.
#[derive(Clone, Copy, Debug)]
struct Atom<'a> {
    kind: AtomKind<'a>,
    span: Span,
}

#[derive(Clone, Copy, Debug)]
enum AtomKind<'a> {
    Digits(&'a str),
    Word(NumberWord),
}

/// A part of a written number, possibly two tokens long (أحد عشر، ثلاث مئة).
#[derive(Clone, Copy, Debug)]
enum Part {
    Small(u64, Class),
    Scale(u64, Form),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Class {
    Units,
    Teen,
    Tens,
    Hundreds,
}

/// A number read from the tokens, before it becomes a [`Quantity`].
#[derive(Clone, Debug)]
struct Reading<'a> {
    tokens: Range<usize>,
    span: Span,
    value: u64,
    vague: bool,
    /// The multiplier word ending the number (12 ألف → 1000), else 1.
    scale: u64,
    /// The digits of a number without multiplier, so that a range can scale
    /// them exactly ("1.5 إلى 2 مليون").
    digits: Option<&'a str>,
}

impl Reading<'_> {
    /// The value times `scale`, exact for fractional digits.
    fn scaled_by(&self, scale: u64) -> Option<u64> {
        match self.digits {
            Some(digits) => scaled_digits(digits, scale),
            None => self.value.checked_mul(scale),
        }
    }

    fn into_quantity(self) -> Quantity {
        Quantity {
            span: self.span,
            tokens: self.tokens,
            value: self.value,
            upper: None,
            qualifier: None,
            qualifier_span: None,
            vague: self.vague,
        }
    }
}

/// The value of a written number, built part by part. A part that cannot
/// follow is refused, so that "ثلاثة وأربعة" stays two numbers.
#[derive(Debug, Default)]
struct Compound {
    /// Groups already multiplied by a scale word.
    total: u64,
    /// The count below 1000 being built, waiting for a possible scale word.
    group: u64,
    /// The group has units or a teen.
    has_units: bool,
    /// The group has tens or a teen.
    has_tens: bool,
    /// Scale words go down: ألف may follow مليون, not the other way.
    smallest_scale: Option<u64>,
    /// The last part was this scale word.
    last_scale: Option<u64>,
}

impl Compound {
    fn is_empty(&self) -> bool {
        self.total == 0 && self.group == 0 && self.smallest_scale.is_none()
    }

    /// Adds a part, `joined` by و to the previous one; false when it cannot
    /// follow, leaving the compound unchanged.
    fn add(&mut self, part: Part, joined: bool) -> bool {
        match part {
            Part::Small(value, class) => self.add_small(value, class, joined),
            Part::Scale(scale, form) => self.add_scale(scale, form, joined).is_some(),
        }
    }

    fn add_small(&mut self, value: u64, class: Class, joined: bool) -> bool {
        // Units come before tens in Arabic: خمسة وعشرون, never عشرون وخمسة.
        let fits = match class {
            Class::Hundreds => self.group == 0,
            Class::Units | Class::Teen => !self.has_units && !self.has_tens,
            Class::Tens => !self.has_tens,
        };
        if !fits || !(joined || self.is_empty()) {
            return false;
        }
        self.group += value;
        self.has_units |= matches!(class, Class::Units | Class::Teen);
        self.has_tens |= matches!(class, Class::Tens | Class::Teen);
        self.last_scale = None;
        true
    }

    fn add_scale(&mut self, scale: u64, form: Form, joined: bool) -> Option<()> {
        if self
            .smallest_scale
            .is_some_and(|smallest| scale >= smallest)
        {
            return None;
        }
        let starts_group = self.group == 0 && (joined || self.is_empty());
        let count = match form {
            Form::One if self.group > 0 && !joined => self.group,
            Form::One if starts_group => 1,
            Form::Two if starts_group => 2,
            Form::Many if (3..=10).contains(&self.group) && !joined => self.group,
            _ => return None,
        };
        self.total = self.total.checked_add(count.checked_mul(scale)?)?;
        self.group = 0;
        self.has_units = false;
        self.has_tens = false;
        self.smallest_scale = Some(scale);
        self.last_scale = Some(scale);
        Some(())
    }

    /// Adds half of the scale word just read (مليون ونصف).
    fn add_half(&mut self) -> bool {
        let Some(scale) = self.last_scale.take() else {
            return false;
        };
        self.total += scale / 2;
        true
    }

    fn value(&self) -> Option<u64> {
        self.total.checked_add(self.group)
    }
}

fn is_digits(s: &str) -> bool {
    s.starts_with(|c: char| c.is_ascii_digit())
        && s.bytes()
            .all(|b| b.is_ascii_digit() || b == b'.' || b == b',')
}

/// The value of digits like `1,200`, `1.200.000`, `3.5` or `3,5` times
/// `scale`, rounded down; None on overflow or an unreadable grouping.
fn scaled_digits(digits: &str, scale: u64) -> Option<u64> {
    let (whole, fraction) = split_decimal(digits)?;
    let whole: u64 = whole.parse().ok()?;
    whole
        .checked_mul(scale)?
        .checked_add(fraction_of(fraction, scale))
}

/// Splits digits into whole digits and fraction digits: `,` or `.` between
/// groups of three separates thousands, a single other one marks a fraction.
fn split_decimal(digits: &str) -> Option<(String, &str)> {
    for (grouping, decimal) in [(',', '.'), ('.', ',')] {
        let (whole, fraction) = digits.split_once(decimal).unwrap_or((digits, ""));
        if fraction.contains([',', '.']) {
            continue;
        }
        if !whole.contains(grouping) || is_grouped_by_thousands(whole, grouping) {
            return Some((whole.replace(grouping, ""), fraction));
        }
    }
    None
}

fn is_grouped_by_thousands(whole: &str, grouping: char) -> bool {
    let mut groups = whole.split(grouping);
    groups
        .next()
        .is_some_and(|first| (1..=3).contains(&first.len()))
        && groups.all(|group| group.len() == 3)
}

/// `0.fraction × scale`, rounded down.
fn fraction_of(fraction: &str, scale: u64) -> u64 {
    // 18 digits keep the product inside u128; later ones cannot matter for
    // scales up to a billion.
    let fraction = &fraction[..fraction.len().min(18)];
    let Ok(numerator) = fraction.parse::<u128>() else {
        return 0;
    };
    let value = numerator * u128::from(scale) / 10u128.pow(fraction.len() as u32);
    // The fraction is below one, so the value is below `scale`.
    value as u64
}

/// Joins two readings into a range when the upper bound is the larger. A
/// lower bound without multiplier shares the upper one's (11 إلى 12 ألف).
fn range(lower: &Reading, upper: &Reading) -> Option<Quantity> {
    if lower.vague || upper.vague {
        return None;
    }
    let shared_scale = (lower.scale == 1 && upper.scale > 1)
        .then(|| lower.scaled_by(upper.scale))
        .flatten()
        .filter(|&value| value < upper.value);
    let value = shared_scale.unwrap_or(lower.value);
    (value < upper.value).then(|| Quantity {
        span: lower.span.cover(upper.span),
        tokens: lower.tokens.start..upper.tokens.end,
        value,
        upper: Some(upper.value),
        qualifier: None,
        qualifier_span: None,
        vague: false,
    })
}

struct Cursor<'a> {
    text: &'a str,
    tokens: &'a [Token],
    lexicon: &'static Lexicon,
    /// Tokens inside a date mention: their digits are days and years.
    in_date: Vec<bool>,
}

impl<'a> Cursor<'a> {
    fn new(text: &'a str, tokens: &'a [Token], dates: &[crate::dates::DateMention]) -> Self {
        let mut in_date = vec![false; tokens.len()];
        for mention in dates {
            in_date[mention.tokens.clone()].fill(true);
        }
        Cursor {
            text,
            tokens,
            lexicon: lexicon(),
            in_date,
        }
    }

    fn word(&self, i: usize) -> Option<&'a str> {
        self.tokens.get(i).map(|token| token.span.slice(self.text))
    }

    fn is_word(&self, i: usize, expected: &str) -> bool {
        self.word(i) == Some(expected)
    }

    /// The number word of token `i` when it carries no clitic.
    fn bare_word(&self, i: usize) -> Option<NumberWord> {
        if *self.in_date.get(i)? {
            return None;
        }
        self.lexicon.words.get(self.word(i)?).copied()
    }

    /// Token `i` as digits or a number word after the clitics `lead` allows.
    fn atom_at(&self, i: usize, lead: Lead) -> Option<Atom<'a>> {
        let token = self.tokens.get(i)?;
        if self.in_date[i] {
            return None;
        }
        let word = token.span.slice(self.text);
        clitic_splits(word)
            .find_map(|len| {
                let (clitic, stem) = word.split_at(len);
                if !lead.allows(clitic, stem) {
                    return None;
                }
                let kind = if is_digits(stem) {
                    AtomKind::Digits(stem)
                } else {
                    AtomKind::Word(*self.lexicon.words.get(stem)?)
                };
                let span = Span::new(token.span.start + len, token.span.end);
                Some(Atom { kind, span })
            })
            .or_else(|| self.definite_count(i, lead))
    }

    /// "الشبان الثلاثة", "الجنود الخمسة": a count of three to ten with the
    /// article, after a noun with the article it agrees with.
    fn definite_count(&self, i: usize, lead: Lead) -> Option<Atom<'a>> {
        if lead != Lead::Clitic || i == 0 {
            return None;
        }
        let word = self.word(i)?;
        let stem = word.strip_prefix("ال")?;
        if !self.word(i - 1)?.starts_with("ال") {
            return None;
        }
        match self.lexicon.words.get(stem) {
            Some(&NumberWord::Unit(n)) if n >= 3 => {
                let start = self.tokens[i].span.start + (word.len() - stem.len());
                Some(Atom {
                    kind: AtomKind::Word(NumberWord::Unit(n)),
                    span: Span::new(start, self.tokens[i].span.end),
                })
            }
            _ => None,
        }
    }

    /// Like [`Self::atom_at`], also taking و as a token of its own ("و 7"
    /// with And); returns the index after the atom.
    fn lead_atom(&self, i: usize, lead: Lead) -> Option<(Atom<'a>, usize)> {
        if lead == Lead::And && self.is_word(i, "و") {
            return Some((self.atom_at(i + 1, Lead::Bare)?, i + 2));
        }
        Some((self.atom_at(i, lead)?, i + 1))
    }

    /// A quantity starting at token `i`, with its range if it has one.
    fn quantity_at(&self, i: usize) -> Option<Quantity> {
        if self.is_word(i, &self.lexicon.between) {
            // Without a second bound, the number after بين is read on its own.
            return self.between_range(i + 1);
        }
        if self.ends_ordinal(i) {
            return None;
        }
        let lower = self.reading_at(i, Lead::Clitic, Joins::All)?;
        Some(
            self.range_after(&lower)
                .unwrap_or_else(|| lower.into_quantity()),
        )
    }

    /// عشر after an ordinal belongs to it: الحادي عشر "the eleventh".
    fn ends_ordinal(&self, i: usize) -> bool {
        let previous = i.checked_sub(1).and_then(|p| self.word(p));
        self.bare_word(i) == Some(NumberWord::Unit(10))
            && previous.is_some_and(|word| self.lexicon.ordinal_teen_leads.contains(word))
    }

    /// "بين 5 و7", "بين عشرين وثلاثين", "بين 11 و12 ألفا".
    fn between_range(&self, i: usize) -> Option<Quantity> {
        [Joins::All, Joins::None].into_iter().find_map(|joins| {
            let lower = self.reading_at(i, Lead::Bare, joins)?;
            let upper = self.reading_at(lower.tokens.end, Lead::And, Joins::All)?;
            range(&lower, &upper)
        })
    }

    /// "11 إلى 12 ألف", "11-12".
    fn range_after(&self, lower: &Reading) -> Option<Quantity> {
        let next = lower.tokens.end;
        let upper_start = if self.is_word(next, &self.lexicon.to) {
            next + 1
        } else if self.gap_before(next) == Some("-") {
            next
        } else {
            return None;
        };
        let upper = self.reading_at(upper_start, Lead::Bare, Joins::All)?;
        range(lower, &upper)
    }

    /// The text between token `i - 1` and token `i`, trimmed.
    fn gap_before(&self, i: usize) -> Option<&'a str> {
        let before = self.tokens.get(i.checked_sub(1)?)?;
        let after = self.tokens.get(i)?;
        Some(self.text[before.span.end..after.span.start].trim())
    }

    /// A number starting at token `i`: digits, a vague word or a written
    /// number.
    fn reading_at(&self, i: usize, lead: Lead, joins: Joins) -> Option<Reading<'a>> {
        let (first, next) = self.lead_atom(i, lead)?;
        match first.kind {
            AtomKind::Digits(digits) => self.digits_reading(i, &first, digits, next),
            AtomKind::Word(NumberWord::Vague(value) | NumberWord::Scale(value, Form::Many)) => {
                self.vague_reading(i, &first, value, next)
            }
            AtomKind::Word(word) => self.written_reading(i, &first, word, next, joins),
        }
    }

    fn reading(&self, tokens: Range<usize>, first: &Atom, value: u64) -> Reading<'a> {
        let end = self.tokens[tokens.end - 1].span.end;
        Reading {
            span: Span::new(first.span.start, end),
            tokens,
            value,
            vague: false,
            scale: 1,
            digits: None,
        }
    }

    /// "12", "1,200", "12 ألف", "1.5 مليون".
    fn digits_reading(
        &self,
        start: usize,
        first: &Atom,
        digits: &'a str,
        next: usize,
    ) -> Option<Reading<'a>> {
        if let Some(NumberWord::Scale(scale, Form::One | Form::Many)) = self.bare_word(next) {
            let value = scaled_digits(digits, scale)?;
            return Some(Reading {
                scale,
                ..self.reading(start..next + 1, first, value)
            });
        }
        let value = scaled_digits(digits, 1)?;
        Some(Reading {
            digits: Some(digits),
            ..self.reading(start..next, first, value)
        })
    }

    /// "عشرات", "آلاف", and "عشرات الآلاف" (tens of thousands).
    fn vague_reading(
        &self,
        start: usize,
        first: &Atom,
        value: u64,
        next: usize,
    ) -> Option<Reading<'a>> {
        let (value, end) = match self.bare_word(next) {
            Some(NumberWord::Vague(scale) | NumberWord::Scale(scale, Form::Many))
                if scale >= 1000 =>
            {
                (value.checked_mul(scale)?, next + 1)
            }
            _ => (value, next),
        };
        Some(Reading {
            vague: true,
            ..self.reading(start..end, first, value)
        })
    }

    /// "ثلاثة وعشرون", "ألف ومائتي", "مليون ونصف".
    fn written_reading(
        &self,
        start: usize,
        first: &Atom,
        word: NumberWord,
        next: usize,
        joins: Joins,
    ) -> Option<Reading<'a>> {
        let (part, mut end) = self.part_at(word, next)?;
        let mut compound = Compound::default();
        // Any first part fits an empty compound.
        compound.add(part, false);
        while let Some(after) = self.extend(&mut compound, end, joins) {
            end = after;
        }
        if self.is_word(end, &self.lexicon.and_half) && compound.add_half() {
            end += 1;
        }
        let scale = compound.last_scale.unwrap_or(1);
        Some(Reading {
            scale,
            ..self.reading(start..end, first, compound.value()?)
        })
    }

    /// Adds the part at token `i` to the compound if it can follow; returns
    /// the index after it.
    fn extend(&self, compound: &mut Compound, i: usize, joins: Joins) -> Option<usize> {
        // A multiplier right after its count: ثلاثة آلاف، عشرين ألفا.
        if let Some((part @ Part::Scale(..), after)) = self.bare_part(i) {
            if compound.add(part, false) {
                return Some(after);
            }
        }
        if joins == Joins::None {
            return None;
        }
        let (part, after) = self.joined_part(i)?;
        compound.add(part, true).then_some(after)
    }

    fn bare_part(&self, i: usize) -> Option<(Part, usize)> {
        self.part_at(self.bare_word(i)?, i + 1)
    }

    /// A part joined by و: "وعشرون", "و عشرون".
    fn joined_part(&self, i: usize) -> Option<(Part, usize)> {
        match self.lead_atom(i, Lead::And)? {
            (
                Atom {
                    kind: AtomKind::Word(word),
                    ..
                },
                next,
            ) => self.part_at(word, next),
            _ => None,
        }
    }

    /// The part a number word starts, taking a following عشر (teens) or مئة
    /// (ثلاث مئة) along; returns the index after it.
    fn part_at(&self, word: NumberWord, next: usize) -> Option<(Part, usize)> {
        let follower = self.bare_word(next);
        let part = match (word, follower) {
            (NumberWord::Unit(unit) | NumberWord::TeenLead(unit), Some(NumberWord::Unit(10)))
                if unit < 10 =>
            {
                return Some((Part::Small(10 + unit, Class::Teen), next + 1));
            }
            (NumberWord::Unit(unit @ 3..=9), Some(NumberWord::Hundreds(100))) => {
                return Some((Part::Small(unit * 100, Class::Hundreds), next + 1));
            }
            // أحد وعشرون، إحدى وثلاثون: the lead of 11 also says 1 before tens.
            (NumberWord::TeenLead(1), _)
                if matches!(
                    self.joined_part(next),
                    Some((Part::Small(_, Class::Tens), _))
                ) =>
            {
                Part::Small(1, Class::Units)
            }
            (NumberWord::TeenLead(_) | NumberWord::Vague(_), _) => return None,
            (NumberWord::Unit(unit), _) => Part::Small(unit, Class::Units),
            (NumberWord::Tens(tens), _) => Part::Small(tens, Class::Tens),
            (NumberWord::Hundreds(hundreds), _) => Part::Small(hundreds, Class::Hundreds),
            (NumberWord::Scale(scale, form), _) => Part::Scale(scale, form),
        };
        Some((part, next))
    }

    /// Percentages and clock times are numbers, not counts of anything.
    fn measures_something_else(&self, quantity: &Quantity) -> bool {
        let after = &self.text[quantity.span.end..];
        let before = &self.text[..quantity.span.start];
        let percent = after.trim_start().starts_with('%')
            || self
                .lexicon
                .percent
                .iter()
                .any(|words| self.phrase_at(quantity.tokens.end, words).is_some());
        let clock = after.starts_with(':')
            || before.ends_with(':')
            || quantity
                .tokens
                .start
                .checked_sub(1)
                .is_some_and(|i| self.is_word(i, &self.lexicon.hour));
        percent || clock
    }

    fn phrase_at(&self, i: usize, words: &[String]) -> Option<Span> {
        phrase_span(self.text, self.tokens, i, words)
    }

    fn attach_qualifiers(&self, quantities: &mut [Quantity]) {
        let starts: Vec<usize> = quantities.iter().map(|q| q.tokens.start).collect();
        for (n, quantity) in quantities.iter_mut().enumerate() {
            let next_start = starts.get(n + 1).copied();
            let found = self
                .qualifier_before(quantity)
                .or_else(|| self.qualifier_after(quantity, next_start));
            if let Some((qualifier, span)) = found {
                quantity.qualifier = Some(qualifier);
                quantity.qualifier_span = Some(span);
            }
        }
    }

    /// "نحو 300", "ما لا يقل عن 20", "نحو بين 5 و7". A number with a clitic
    /// (وثلاثة) starts a new phrase, so nothing before it qualifies it.
    fn qualifier_before(&self, quantity: &Quantity) -> Option<(Qualifier, Span)> {
        let first = &self.tokens[quantity.tokens.start];
        if first.after_comma || first.span.start != quantity.span.start {
            return None;
        }
        let mut end = quantity.tokens.start;
        if end > 0 && self.is_word(end - 1, &self.lexicon.between) {
            end -= 1;
        }
        self.lexicon.before.iter().find_map(|phrase| {
            let start = end.checked_sub(phrase.words.len())?;
            Some((phrase.qualifier, self.phrase_at(start, &phrase.words)?))
        })
    }

    /// "89 سجينا على الأقل", "300 تقريبا": right after the number or after up
    /// to two words (the counted noun and its adjective).
    fn qualifier_after(
        &self,
        quantity: &Quantity,
        next_start: Option<usize>,
    ) -> Option<(Qualifier, Span)> {
        const MAX_GAP: usize = 2;
        let end = quantity.tokens.end;
        for start in end..=end + MAX_GAP {
            let token = self.tokens.get(start)?;
            if next_start.is_some_and(|next| start >= next) || token.after_comma {
                return None;
            }
            for phrase in &self.lexicon.after {
                if let Some(span) = self.phrase_at(start, &phrase.words) {
                    // Right before the next number, the phrase is its own.
                    let owned_by_next = next_start == Some(start + phrase.words.len());
                    return (!owned_by_next).then_some((phrase.qualifier, span));
                }
            }
            if token.kind == TokenKind::Number {
                return None;
            }
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::tokenize;

    /// Folds and tokenizes `sentence`, then finds its quantities.
    fn quantities_in(sentence: &str) -> (String, Vec<Quantity>) {
        let text = fold(sentence);
        let (tokens, _) = tokenize(&text);
        let found = find_quantities(&text, &tokens);
        (text, found)
    }

    /// The first quantity of `sentence`, with its folded words.
    fn first(sentence: &str) -> (String, Quantity) {
        let (text, found) = quantities_in(sentence);
        let quantity = found.into_iter().next().expect(sentence);
        (quantity.span.slice(&text).to_string(), quantity)
    }

    /// The single quantity of `sentence`, with its folded words.
    fn single(sentence: &str) -> (String, Quantity) {
        let (text, found) = quantities_in(sentence);
        assert_eq!(found.len(), 1, "{sentence}: {found:?}");
        let quantity = found.into_iter().next().unwrap();
        (quantity.span.slice(&text).to_string(), quantity)
    }

    #[test]
    fn reads_digits_and_multipliers() {
        let cases: &[(&str, &str, u64)] = &[
            ("قتل 12 شخصا في القصف", "12", 12),
            ("قتل ١٢ شخصا في القصف", "12", 12),
            ("نزح 1,200 شخص", "1,200", 1200),
            ("نزح 1.200.000 شخص", "1.200.000", 1_200_000),
            ("أصيب 3.5 مليون", "3.5 مليون", 3_500_000),
            ("بلغ العدد 3.5", "3.5", 3),
            ("نزح 12 ألف شخص", "12 الف", 12_000),
            ("نزح 12 ألفا", "12 الفا", 12_000),
            ("نزح 3 آلاف شخص", "3 الاف", 3_000),
            ("نزح 1.5 مليون شخص", "1.5 مليون", 1_500_000),
            ("نزح 1,5 مليون شخص", "1,5 مليون", 1_500_000),
            ("استهدف ب20 صاروخا", "20", 20),
            ("وقتل 5 وأصيب 7", "5", 5),
        ];
        for &(sentence, words, value) in cases {
            let (span, quantity) = first(sentence);
            assert_eq!(
                (span.as_str(), quantity.value),
                (fold(words).as_str(), value),
                "{sentence}"
            );
            assert!(!quantity.vague && quantity.upper.is_none(), "{sentence}");
        }
    }

    #[test]
    fn reads_written_numbers() {
        let cases: &[(&str, &str, u64)] = &[
            ("قتل ثلاثة أشخاص", "ثلاثة", 3),
            ("قتلت امرأة واحدة", "واحدة", 1),
            ("قتل اثنان من المدنيين", "اثنان", 2),
            ("قتل ثلاثة وعشرين مدنيا", "ثلاثة وعشرين", 23),
            ("قتل خمس وأربعون امرأة", "خمس وأربعون", 45),
            ("قتل خمسة و عشرون", "خمسة و عشرون", 25),
            ("قتل إحدى وعشرون امرأة", "إحدى وعشرون", 21),
            ("قتل أحد وثلاثين", "أحد وثلاثين", 31),
            ("قتل مئتين وخمسين ألف", "مئتين وخمسين ألف", 250_000),
            ("قتل أحد عشر جنديا", "أحد عشر", 11),
            ("قتلت إحدى عشرة سيدة", "إحدى عشرة", 11),
            ("قتل اثنا عشر جنديا", "اثنا عشر", 12),
            ("قتل اثني عشر جنديا", "اثني عشر", 12),
            ("قتلت اثنتا عشرة امرأة", "اثنتا عشرة", 12),
            ("قتل تسعة عشر جنديا", "تسعة عشر", 19),
            ("قتل ثمانية عشر جنديا", "ثمانية عشر", 18),
            ("قتل تسعين شخصا", "تسعين", 90),
            ("قتل مائة وخمسة وعشرون شخصا", "مائة وخمسة وعشرون", 125),
            ("قتل مئة وعشرون", "مئة وعشرون", 120),
            ("اعتقل ثلاثمائة شخص", "ثلاثمائة", 300),
            ("اعتقل ثلاث مئة شخص", "ثلاث مئة", 300),
            ("اعتقل مائتي شخص", "مائتي", 200),
            ("قتل مائتا مدني", "مائتا", 200),
            ("اعتقل ألف ومائتي شخص", "ألف ومائتي", 1200),
            ("نزح ثلاثة آلاف شخص", "ثلاثة آلاف", 3000),
            ("نزح عشرة آلاف شخص", "عشرة آلاف", 10_000),
            ("نزح عشرين ألفا", "عشرين ألفا", 20_000),
            ("نزح أحد عشر ألف شخص", "أحد عشر ألف", 11_000),
            ("نزح مائة ألف شخص", "مائة ألف", 100_000),
            ("نزح ألفين من السكان", "ألفين", 2000),
            ("نزح مليون ومائتي ألف شخص", "مليون ومائتي ألف", 1_200_000),
            ("نزح مليون ونصف لاجئ", "مليون ونصف", 1_500_000),
            ("نزح ثلاثة آلاف وخمسمائة", "ثلاثة آلاف وخمسمائة", 3500),
            (
                "ألف وتسعمائة وخمسة وتسعون",
                "ألف وتسعمائة وخمسة وتسعون",
                1995,
            ),
        ];
        for &(sentence, words, value) in cases {
            let (span, quantity) = single(sentence);
            assert_eq!(
                (span.as_str(), quantity.value),
                (fold(words).as_str(), value),
                "{sentence}"
            );
            assert!(!quantity.vague, "{sentence}");
        }
    }

    #[test]
    fn leading_conjunction_stays_out_of_the_span() {
        let (span, quantity) = single("قتل رجل وثلاثة أطفال");
        // رجل is not a number; وثلاثة is "and three".
        assert_eq!((span.as_str(), quantity.value), ("ثلاثه", 3));
        assert_eq!(quantity.tokens, 2..3);
    }

    #[test]
    fn a_definite_count_after_a_definite_noun_is_a_number() {
        let (span, quantity) = single("شيع الأهالي الشبان الثلاثة");
        assert_eq!((span.as_str(), quantity.value), ("ثلاثه", 3));
        // not without a definite noun before it, nor one or two (الاثنين is
        // also Monday)
        assert!(quantities_in("قال الثلاثة").1.is_empty());
        assert!(quantities_in("وصل الوفد الاثنين").1.is_empty());
    }

    #[test]
    fn separate_numbers_stay_separate() {
        let (text, found) = quantities_in("قتل ثلاثة وأربعة جرحى، وقتل عشرون وخمسة");
        let values: Vec<(&str, u64)> = found
            .iter()
            .map(|q| (q.span.slice(&text), q.value))
            .collect();
        assert_eq!(
            values,
            [("ثلاثه", 3), ("اربعه", 4), ("عشرون", 20), ("خمسه", 5)]
        );
    }

    #[test]
    fn reads_vague_amounts() {
        let cases: &[(&str, &str, u64)] = &[
            ("قتل عشرات المدنيين", "عشرات", 10),
            ("قتل العشرات", "العشرات", 10),
            ("اعتقل بعشرات الشبان", "عشرات", 10),
            ("نزح مئات الآلاف", "مئات الآلاف", 100_000),
            ("نزح عشرات الآلاف من السكان", "عشرات الآلاف", 10_000),
            ("نزح آلاف السكان", "آلاف", 1000),
            ("نزح الآلاف", "الآلاف", 1000),
            ("صادر دزينة بنادق", "دزينة", 12),
        ];
        for &(sentence, words, value) in cases {
            let (span, quantity) = single(sentence);
            assert_eq!(
                (span.as_str(), quantity.value),
                (fold(words).as_str(), value),
                "{sentence}"
            );
            assert!(quantity.vague, "{sentence}");
        }
    }

    #[test]
    fn ignores_words_that_only_look_like_numbers() {
        for sentence in [
            "قتل أحد المسلحين",
            "قتلت إحدى النساء",
            "الجندي الأول والثاني والثالث",
            "قتل جنديين",
            "أصيب قتيلين",
            "قتل عنصرا من داعش",
            "قال لست متأكدا",
            "وقع الهجوم يوم الاثنين",
            "قتل 1,5,6",
            "في القرن التاسع عشر",
            "في الطابق الحادي عشر",
            "الدورة الثانية عشرة",
            "",
        ] {
            let (_, found) = quantities_in(sentence);
            assert!(found.is_empty(), "{sentence}: {found:?}");
        }
    }

    #[test]
    fn leaves_dates_percentages_and_clock_times_alone() {
        let cases: &[(&str, &[u64])] = &[
            ("قتل 5 أشخاص في 20 يناير", &[5]),
            ("قتل 5 أشخاص عام 2019", &[5]),
            ("قتل 5 أشخاص في 2019", &[5]),
            ("خلال عامي 2014 و2015 قتل 5", &[5]),
            ("قتل 5 في 2022-01-20", &[5]),
            ("قتل 5 في 20/1/2022", &[5]),
            ("قتل 5 قبل 3 أيام", &[5]),
            ("ارتفع 30 في المئة", &[]),
            ("ارتفع 30% ", &[]),
            ("ارتفع 30 بالمئة", &[]),
            ("في الساعة 10 صباحا", &[]),
            ("عند 10:30 صباحا", &[]),
        ];
        for &(sentence, values) in cases {
            let (_, found) = quantities_in(sentence);
            let got: Vec<u64> = found.iter().map(|q| q.value).collect();
            assert_eq!(got, values, "{sentence}");
        }
    }

    #[test]
    fn reads_ranges() {
        let cases: &[(&str, &str, u64, u64)] = &[
            ("قتل بين 5 و7 أشخاص", "5 و7", 5, 7),
            ("قتل بين 5 و 7 أشخاص", "5 و 7", 5, 7),
            ("نزح بين 11 و12 ألفا", "11 و12 ألفا", 11_000, 12_000),
            ("نزح 11 إلى 12 ألف شخص", "11 إلى 12 ألف", 11_000, 12_000),
            (
                "نزح 1.5 إلى 2 مليون",
                "1.5 إلى 2 مليون",
                1_500_000,
                2_000_000,
            ),
            ("نزح 500 إلى ألف", "500 إلى ألف", 500, 1000),
            ("قتل 11-12 شخصا", "11-12", 11, 12),
            ("قتل بين عشرين وثلاثين", "عشرين وثلاثين", 20, 30),
            ("قتل بين خمسة وعشرين", "خمسة وعشرين", 5, 20),
        ];
        for &(sentence, words, value, upper) in cases {
            let (span, quantity) = single(sentence);
            assert_eq!(
                (span.as_str(), quantity.value, quantity.upper),
                (fold(words).as_str(), value, Some(upper)),
                "{sentence}"
            );
        }
    }

    #[test]
    fn a_falling_range_is_two_numbers() {
        let (_, found) = quantities_in("قتل 12 إلى 3");
        let values: Vec<(u64, Option<u64>)> = found.iter().map(|q| (q.value, q.upper)).collect();
        assert_eq!(values, [(12, None), (3, None)]);
    }

    #[test]
    fn attaches_qualifiers() {
        let cases: &[(&str, u64, Qualifier, &str)] = &[
            ("قتل على الأقل 5 أشخاص", 5, Qualifier::AtLeast, "على الأقل"),
            ("قتل 5 على الأقل", 5, Qualifier::AtLeast, "على الأقل"),
            ("قتل 89 سجينا على الأقل", 89, Qualifier::AtLeast, "على الأقل"),
            (
                "قتل 89 سجينا فلسطينيا على الأقل",
                89,
                Qualifier::AtLeast,
                "على الأقل",
            ),
            (
                "قتل ما لا يقل عن عشرين",
                20,
                Qualifier::AtLeast,
                "ما لا يقل عن",
            ),
            ("قدر عددهم بنحو 300", 300, Qualifier::About, "نحو"),
            ("نزح حوالي ثلاثة آلاف", 3000, Qualifier::About, "حوالي"),
            ("قتل 300 شخص تقريبا", 300, Qualifier::About, "تقريبا"),
            ("قتل أكثر من 50 شخصا", 50, Qualifier::Over, "أكثر من"),
            ("قتل ما يزيد عن 50", 50, Qualifier::Over, "ما يزيد عن"),
            ("قتل ما يصل إلى 10", 10, Qualifier::UpTo, "ما يصل إلى"),
            ("قتل أقل من 10", 10, Qualifier::LessThan, "أقل من"),
            ("قتل نحو بين 5 و7", 5, Qualifier::About, "نحو"),
        ];
        for &(sentence, value, qualifier, words) in cases {
            let (text, found) = quantities_in(sentence);
            let quantity = found.first().unwrap_or_else(|| panic!("{sentence}"));
            assert_eq!(
                (quantity.value, quantity.qualifier),
                (value, Some(qualifier)),
                "{sentence}"
            );
            assert_eq!(
                quantity.qualifier_span.unwrap().slice(&text),
                fold(words),
                "{sentence}"
            );
        }
    }

    #[test]
    fn qualifiers_stay_with_their_own_number() {
        let (_, found) = quantities_in("أصيب 5 وقتل على الأقل 3، وفقد 2 أمس على الأقل");
        let got: Vec<(u64, Option<Qualifier>)> =
            found.iter().map(|q| (q.value, q.qualifier)).collect();
        assert_eq!(
            got,
            [
                (5, None),
                (3, Some(Qualifier::AtLeast)),
                (2, Some(Qualifier::AtLeast))
            ]
        );
        let (_, found) = quantities_in("قتل 5 أشخاص، على الأقل في رأيي");
        assert_eq!(found[0].qualifier, None);
    }

    #[test]
    fn qualifier_names_are_english() {
        let names: Vec<&str> = [
            Qualifier::AtLeast,
            Qualifier::About,
            Qualifier::Over,
            Qualifier::UpTo,
            Qualifier::LessThan,
        ]
        .iter()
        .map(Qualifier::as_str)
        .collect();
        assert_eq!(names, ["at least", "about", "over", "up to", "less than"]);
    }

    #[test]
    fn every_table_word_is_found_in_a_sentence() {
        let mut cases: Vec<(String, u64, bool)> = Vec::new();
        for &(word, value) in UNITS.iter().chain(TENS).chain(HUNDREDS) {
            cases.push((word.to_string(), value, false));
        }
        for &(word, value) in TEEN_LEADS {
            cases.push((format!("{word} عشر"), 10 + value, false));
        }
        for (word, value) in fused_hundreds() {
            cases.push((word, value, false));
        }
        for &(word, scale, form) in SCALES {
            let (value, vague) = match form {
                Form::One => (scale, false),
                Form::Two => (2 * scale, false),
                Form::Many => (scale, true),
            };
            cases.push((word.to_string(), value, vague));
        }
        for &(word, value) in VAGUE {
            cases.push((word.to_string(), value, true));
        }
        for (words, value, vague) in cases {
            let (span, quantity) = single(&format!("قتل {words} من المدنيين"));
            assert_eq!(
                (span, quantity.value, quantity.vague),
                (fold(&words), value, vague),
                "{words}"
            );
        }
    }

    #[test]
    fn every_qualifier_phrase_is_found_in_a_sentence() {
        let before = QUALIFIERS_BEFORE
            .iter()
            .map(|&(p, q)| (format!("قتل {p} 30 شخصا"), p, q));
        let after = QUALIFIERS_AFTER
            .iter()
            .map(|&(p, q)| (format!("قتل 30 شخصا {p}"), p, q));
        for (sentence, phrase, qualifier) in before.chain(after) {
            let (text, found) = quantities_in(&sentence);
            let quantity = &found[0];
            assert_eq!(quantity.qualifier, Some(qualifier), "{sentence}");
            assert_eq!(
                quantity.qualifier_span.unwrap().slice(&text),
                fold(phrase),
                "{sentence}"
            );
        }
        for phrase in PERCENT {
            let (_, found) = quantities_in(&format!("ارتفع 30 {phrase}"));
            assert!(found.is_empty(), "{phrase}");
        }
    }

    #[test]
    fn every_ordinal_keeps_its_ten() {
        for ordinal in ordinal_teen_leads() {
            let (_, found) = quantities_in(&format!("في الطابق {ordinal} عشر"));
            assert!(found.is_empty(), "{ordinal}");
        }
    }

    #[test]
    fn word_value_reads_single_words() {
        assert_eq!(word_value(&fold("ثلاثة")), Some(3));
        assert_eq!(word_value(&fold("عشرين")), Some(20));
        assert_eq!(word_value(&fold("أحد")), None);
        assert_eq!(word_value(&fold("آلاف")), None);
    }

    #[test]
    fn huge_numbers_are_skipped_not_wrapped() {
        for sentence in [
            "قتل 99999999999999999999999 شخص",
            "قتل 18446744073709551615 ألف شخص",
            "نزح 99999999999 مليار",
            "بين 99999999999999999999 و99999999999999999999999",
            "عشرات الآلاف الآلاف الملايين الملايين",
            "نزح مليار مليون ألف",
        ] {
            let (text, found) = quantities_in(sentence);
            for quantity in found {
                assert!(quantity.value < 10u64.pow(19), "{sentence}");
                quantity.span.slice(&text);
            }
        }
        assert_eq!(scaled_digits("18446744073709551615", 1), Some(u64::MAX));
        assert_eq!(scaled_digits("18446744073709551616", 1), None);
        assert_eq!(scaled_digits("18446744073709551615", 10), None);
        assert_eq!(scaled_digits("1.99999999999999999999999", 1000), Some(1999));
    }

    #[test]
    fn any_prefix_of_a_sentence_is_safe() {
        let sentence = fold(
            "قتل بين 11 و12 ألفا على الأقل، ونزح نحو ثلاثة آلاف وخمسمائة وأحد عشر \
             أمس الأحد 20 يناير 2022 و1.5 مليون تقريبا ومئات الآلاف 3,5 10:30 50%",
        );
        for (end, _) in sentence.char_indices() {
            let text = &sentence[..end];
            let (tokens, _) = tokenize(text);
            for quantity in find_quantities(text, &tokens) {
                assert!(quantity.span.slice(text).len() <= text.len());
                assert!(quantity.tokens.end <= tokens.len());
            }
        }
    }
}
