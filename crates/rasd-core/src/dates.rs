//! Date mentions: calendar dates, months, years, weekdays, and days counted
//! from the publication date ("أمس", "الأسبوع الماضي").
//!
//! Everything works on the normalized text. The word tables below are
//! ordinary Arabic, folded with [`fold`] once on first use.

use std::collections::{HashMap, HashSet};
use std::ops::{Range, RangeInclusive};
use std::sync::OnceLock;

use chrono::{Datelike, Days, Months, NaiveDate, Weekday};

use crate::numbers::{clitic_splits, folded_words, phrase_span, word_value};
use crate::text::{fold, Token};
use crate::Span;

/// What a date mention names.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DateKind {
    /// A day of a named month or a numeric date: "20 يناير 2022", "20/1/2022".
    Absolute,
    /// A day, week, month or year counted from publication: "أمس", "الشهر الماضي".
    Relative,
    /// A day of the week: "الخميس", "يوم الجمعة الماضي".
    Weekday,
    /// A month without a day: "مارس 2021", "يناير الماضي".
    Month,
    /// A year alone: "عام 2019".
    Year,
}

/// A date found in the normalized text.
#[derive(Clone, Debug, PartialEq)]
pub struct DateMention {
    /// Normalized bytes of the mention, without a leading clitic.
    pub span: Span,
    /// The tokens of the mention.
    pub tokens: Range<usize>,
    pub kind: DateKind,
    /// The day meant; the first day of the week, month or year for coarser
    /// mentions. None when placing it needs a publication date that is absent.
    pub date: Option<NaiveDate>,
    /// ACLED time precision: 1 a day, 2 a span of days within a week, 3 a
    /// month; 4 a year, which callers map.
    pub precision: u8,
    /// The mention lies clearly before publication: its latest possible day
    /// is more than 60 days before it.
    pub history: bool,
}

/// Finds the date mentions of `text` (normalized) given its tokens, resolving
/// relative ones against `published`.
pub fn find_dates(text: &str, tokens: &[Token], published: Option<NaiveDate>) -> Vec<DateMention> {
    let scanner = Scanner {
        text,
        tokens,
        published,
        lexicon: lexicon(),
    };
    let mut mentions: Vec<DateMention> = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        if !scanner.may_start_a_date(i) {
            i += 1;
            continue;
        }
        let Some(mention) = scanner
            .mention_at(i)
            .or_else(|| scanner.day_after_at(i, &mentions))
        else {
            i += 1;
            continue;
        };
        i = mention.tokens.end;
        let is_year = mention.kind == DateKind::Year;
        mentions.push(mention);
        // عامي 2014 و2015: each year is a mention of its own.
        while let Some(next) = is_year.then(|| scanner.joined_year_at(i)).flatten() {
            i = next.tokens.end;
            mentions.push(next);
        }
    }
    mentions
}

impl Scanner<'_> {
    /// Digits, or a word that (after clitics) is the first word of some
    /// date pattern.
    fn may_start_a_date(&self, i: usize) -> bool {
        let token = &self.tokens[i];
        if token.kind == crate::text::TokenKind::Number {
            return true;
        }
        let word = token.span.slice(self.text);
        crate::text::proclitic_splits(word)
            .any(|split| self.lexicon.starters.contains(&word[split.len..]))
    }

    /// "في اليوم التالي" / "في اليوم السابق": the day after (before) the last
    /// day the text named.
    fn day_after_at(&self, i: usize, before: &[DateMention]) -> Option<DateMention> {
        let word = |k: usize| self.tokens.get(k).map(|t| t.span.slice(self.text));
        let (day, next) = (word(i)?, word(i + 1)?);
        let forward = match next {
            "التالي" | "الموالي" => true,
            "السابق" => false,
            _ => return None,
        };
        if !day.ends_with("اليوم") {
            return None;
        }
        let last = before
            .iter()
            .rev()
            .find(|d| d.precision == DAY && d.date.is_some())?;
        let date = if forward {
            last.date?.succ_opt()?
        } else {
            last.date?.pred_opt()?
        };
        Some(DateMention {
            span: self.tokens[i].span.cover(self.tokens[i + 1].span),
            tokens: i..i + 2,
            kind: DateKind::Relative,
            date: Some(date),
            precision: DAY,
            history: last.history,
        })
    }
}

const DAY: u8 = 1;
const WEEK: u8 = 2;
const MONTH: u8 = 3;
const YEAR: u8 = 4;

/// A mention whose latest day is more days than this before publication is
/// history.
const HISTORY_DAYS: i64 = 60;

/// The years a bare four-digit number may name.
const YEARS: RangeInclusive<i32> = 1900..=2100;

// ---------------------------------------------------------------------------
// Word tables, in ordinary Arabic.

/// Gregorian, Levantine and Maghrebi month names.
const MONTHS: &[(&str, u32)] = &[
    ("يناير", 1),
    ("كانون الثاني", 1),
    ("جانفي", 1),
    ("فبراير", 2),
    ("شباط", 2),
    ("فيفري", 2),
    ("مارس", 3),
    ("آذار", 3),
    ("أبريل", 4),
    ("ابريل", 4),
    ("إبريل", 4),
    ("نيسان", 4),
    ("أفريل", 4),
    ("مايو", 5),
    ("أيار", 5),
    ("ماي", 5),
    ("يونيو", 6),
    ("يونيه", 6),
    ("حزيران", 6),
    ("جوان", 6),
    ("يوليو", 7),
    ("يوليه", 7),
    ("تموز", 7),
    ("جويلية", 7),
    ("يوليوز", 7),
    ("أغسطس", 8),
    ("آب", 8),
    ("أوت", 8),
    ("غشت", 8),
    ("سبتمبر", 9),
    ("شتنبر", 9),
    ("أيلول", 9),
    ("أكتوبر", 10),
    ("تشرين الأول", 10),
    ("نوفمبر", 11),
    ("نونبر", 11),
    ("تشرين الثاني", 11),
    ("ديسمبر", 12),
    ("دجنبر", 12),
    ("كانون الأول", 12),
];

/// Month names that are also everyday words (مارس "he practised", آب folds
/// like أب "father"): they count only with a day, a year or a date word.
const AMBIGUOUS_MONTHS: &[&str] = &["مارس", "آب", "ماي"];

/// Words before a month name that make it one: "في مارس", "شهر آب".
const MONTH_CUES: &[&str] = &[
    "شهر",
    "في",
    "منذ",
    "خلال",
    "مطلع",
    "منتصف",
    "أواخر",
    "أوائل",
    "نهاية",
    "بداية",
    "حتى",
];

const WEEKDAYS: &[(&str, Weekday)] = &[
    ("السبت", Weekday::Sat),
    ("الأحد", Weekday::Sun),
    ("الاثنين", Weekday::Mon),
    ("الإثنين", Weekday::Mon),
    ("الثلاثاء", Weekday::Tue),
    ("الأربعاء", Weekday::Wed),
    ("الخميس", Weekday::Thu),
    ("الجمعة", Weekday::Fri),
];

/// After a weekday, day or month: the one before publication.
const PREVIOUS_MARKERS: &[&str] = &["الماضي", "الماضية", "المنصرم", "المنصرمة"];
/// After a weekday, day or month: the one after publication.
const NEXT_MARKERS: &[&str] = &["المقبل", "المقبلة", "القادم", "القادمة"];

/// Phrases counted from the publication date.
const RELATIVE: &[(&str, Shift)] = &[
    ("اليوم", Shift::DaysAgo(0)),
    ("صباح اليوم", Shift::DaysAgo(0)),
    ("مساء اليوم", Shift::DaysAgo(0)),
    ("فجر اليوم", Shift::DaysAgo(0)),
    ("ظهر اليوم", Shift::DaysAgo(0)),
    ("أمس", Shift::DaysAgo(1)),
    ("الأمس", Shift::DaysAgo(1)),
    ("يوم أمس", Shift::DaysAgo(1)),
    ("صباح أمس", Shift::DaysAgo(1)),
    ("مساء أمس", Shift::DaysAgo(1)),
    ("فجر أمس", Shift::DaysAgo(1)),
    ("ظهر أمس", Shift::DaysAgo(1)),
    ("ليلة أمس", Shift::DaysAgo(1)),
    ("ليل أمس", Shift::DaysAgo(1)),
    ("الليلة الماضية", Shift::DaysAgo(1)),
    ("البارحة", Shift::DaysAgo(1)),
    ("أمس الأول", Shift::DaysAgo(2)),
    ("أول أمس", Shift::DaysAgo(2)),
    ("أول من أمس", Shift::DaysAgo(2)),
    ("الأسبوع الماضي", Shift::WeeksAgo(1)),
    ("الأسبوع الجاري", Shift::WeekStart(0)),
    ("الأسبوع الحالي", Shift::WeekStart(0)),
    ("مطلع الأسبوع", Shift::WeekStart(0)),
    ("مطلع الأسبوع الجاري", Shift::WeekStart(0)),
    ("مطلع الأسبوع الحالي", Shift::WeekStart(0)),
    ("مطلع الأسبوع الماضي", Shift::WeekStart(1)),
    ("الشهر الماضي", Shift::MonthsAgo(1)),
    ("الشهر الجاري", Shift::MonthsAgo(0)),
    ("الشهر الحالي", Shift::MonthsAgo(0)),
    ("العام الماضي", Shift::YearsAgo(1)),
    ("العام الجاري", Shift::YearsAgo(0)),
    ("العام الحالي", Shift::YearsAgo(0)),
];

/// Words after the last word of a relative phrase that make it no date:
/// "اليوم التالي" (the next day), "بأمس الحاجة" (in dire need).
const NOT_A_DATE_AFTER: &[(&str, &[&str])] = &[
    (
        "اليوم",
        &[
            "التالي",
            "السابق",
            "الأول",
            "الثاني",
            "الثالث",
            "الأخير",
            "نفسه",
            "ذاته",
            "العالمي",
            "الوطني",
        ],
    ),
    ("أمس", &["الحاجة"]),
];

/// Words before a relative phrase that make it no date: "في نفس اليوم".
const NOT_A_DATE_BEFORE: &[(&str, &[&str])] = &[("اليوم", &["نفس", "ذات", "ذلك"])];

/// Words before a lone year: "عام 2019", "عامي 2014 و2015", "في 2019".
const YEAR_CUES: &[&str] = &[
    "عام",
    "العام",
    "سنة",
    "السنة",
    "عامي",
    "العامين",
    "سنتي",
    "في",
    "منذ",
    "خلال",
];
/// Words between a month and its year: "يناير عام 2022".
const YEAR_WORDS: &[&str] = &["عام", "العام", "سنة"];

/// Words before a length of time counted back: "منذ يومين", "قبل ثلاثة أيام".
const AGO: &[&str] = &["منذ", "قبل"];

/// Units of a length of time, in days.
const TIME_UNITS: &[(&str, u64, Count)] = &[
    ("يوم", 1, Count::One),
    ("يوما", 1, Count::One),
    ("يومين", 1, Count::Two),
    ("يومان", 1, Count::Two),
    ("أيام", 1, Count::Many),
    ("أسبوع", 7, Count::One),
    ("أسبوعا", 7, Count::One),
    ("أسبوعين", 7, Count::Two),
    ("أسبوعان", 7, Count::Two),
    ("أسابيع", 7, Count::Many),
];

/// The word before a weekday: "يوم الجمعة".
/// Words that may stand before a weekday: "يوم الجمعة", "ليل الأربعاء",
/// "فجر السبت".
const DAY_WORDS: &[&str] = &[
    "يوم",
    "ليل",
    "ليلة",
    "مساء",
    "صباح",
    "فجر",
    "ظهر",
    "عصر",
    "ظهيرة",
];
/// "20 من يناير", "قبل يومين من الانتخابات".
const OF: &str = "من";
/// "20 من شهر يناير".
const MONTH_WORD: &str = "شهر";
/// "الخميس الموافق 20 يناير".
const CORRESPONDING: &str = "الموافق";
/// "19 إلى 20 يناير".
const TO: &str = "إلى";
/// After الأحد: "الأحد عشر" is "the eleven", not Sunday.
const TEN: &[&str] = &["عشر", "عشرة"];

// ---------------------------------------------------------------------------
// The folded lexicon.

/// How a relative phrase moves from the publication date.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Shift {
    DaysAgo(u64),
    /// A week back, as a span of days.
    WeeksAgo(u64),
    /// The first day of this week (0) or of an earlier one.
    WeekStart(u64),
    /// The first day of this month (0) or of an earlier one.
    MonthsAgo(u32),
    /// The first day of this year (0) or of an earlier one.
    YearsAgo(i32),
}

impl Shift {
    fn resolve(self, published: NaiveDate) -> Option<NaiveDate> {
        match self {
            Shift::DaysAgo(days) => published.checked_sub_days(Days::new(days)),
            Shift::WeeksAgo(weeks) => published.checked_sub_days(Days::new(weeks.checked_mul(7)?)),
            // The working week of most Arab countries starts on Sunday.
            Shift::WeekStart(weeks) => {
                nearest_weekday(published, Weekday::Sun, Occurrence::Latest)?
                    .checked_sub_days(Days::new(weeks.checked_mul(7)?))
            }
            Shift::MonthsAgo(months) => month_start(published, months),
            Shift::YearsAgo(years) => NaiveDate::from_ymd_opt(published.year() - years, 1, 1),
        }
    }

    fn precision(self) -> u8 {
        match self {
            Shift::DaysAgo(_) => DAY,
            Shift::WeeksAgo(_) | Shift::WeekStart(_) => WEEK,
            Shift::MonthsAgo(_) => MONTH,
            Shift::YearsAgo(_) => YEAR,
        }
    }
}

/// The grammatical number of a time unit.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Count {
    /// يوم: one, or a count of 11 and more before it.
    One,
    /// يومين: two, with no count before it.
    Two,
    /// أيام: needs a count before it.
    Many,
}

impl Count {
    /// The count a unit says on its own: none for a plural ("منذ أيام").
    fn without_number(self) -> Option<u64> {
        match self {
            Count::One => Some(1),
            Count::Two => Some(2),
            Count::Many => None,
        }
    }
}

#[derive(Clone, Copy, Debug)]
struct TimeUnit {
    days: u64,
    count: Count,
}

/// Which occurrence of a recurring day or month is meant.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Occurrence {
    /// The latest one up to publication.
    Latest,
    /// The latest one before publication ("الماضي").
    Previous,
    /// The first one after publication ("المقبل").
    Next,
}

struct Lexicon {
    /// Longest first, so "كانون الثاني" wins over any shorter name.
    months: Vec<(Vec<String>, u32)>,
    ambiguous_months: HashSet<String>,
    month_cues: HashSet<String>,
    weekdays: HashMap<String, Weekday>,
    previous_markers: HashSet<String>,
    next_markers: HashSet<String>,
    /// Longest first, so "أمس الأول" wins over "أمس".
    relative: Vec<(Vec<String>, Shift)>,
    not_a_date_after: HashMap<String, HashSet<String>>,
    not_a_date_before: HashMap<String, HashSet<String>>,
    year_cues: HashSet<String>,
    year_words: HashSet<String>,
    ago: HashSet<String>,
    time_units: HashMap<String, TimeUnit>,
    day_words: Vec<String>,
    of: String,
    month_word: String,
    corresponding: String,
    to: String,
    ten: HashSet<String>,
    /// Every word a mention can start with: tokens that are none of them
    /// (and no digits) are skipped without trying each pattern.
    starters: HashSet<String>,
}

fn lexicon() -> &'static Lexicon {
    static LEXICON: OnceLock<Lexicon> = OnceLock::new();
    LEXICON.get_or_init(Lexicon::build)
}

fn folded_set(words: &[&str]) -> HashSet<String> {
    words.iter().map(|word| fold(word)).collect()
}

fn phrase_table<T: Copy>(table: &[(&str, T)]) -> Vec<(Vec<String>, T)> {
    let mut phrases: Vec<(Vec<String>, T)> = table
        .iter()
        .map(|&(phrase, meaning)| (folded_words(phrase), meaning))
        .collect();
    phrases.sort_by_key(|(words, _)| std::cmp::Reverse(words.len()));
    phrases
}

fn blockers(table: &[(&str, &[&str])]) -> HashMap<String, HashSet<String>> {
    table
        .iter()
        .map(|&(word, blocking)| (fold(word), folded_set(blocking)))
        .collect()
}

impl Lexicon {
    fn build() -> Lexicon {
        Lexicon {
            months: phrase_table(MONTHS),
            ambiguous_months: folded_set(AMBIGUOUS_MONTHS),
            month_cues: folded_set(MONTH_CUES),
            weekdays: WEEKDAYS
                .iter()
                .map(|&(name, day)| (fold(name), day))
                .collect(),
            previous_markers: folded_set(PREVIOUS_MARKERS),
            next_markers: folded_set(NEXT_MARKERS),
            relative: phrase_table(RELATIVE),
            not_a_date_after: blockers(NOT_A_DATE_AFTER),
            not_a_date_before: blockers(NOT_A_DATE_BEFORE),
            year_cues: folded_set(YEAR_CUES),
            year_words: folded_set(YEAR_WORDS),
            ago: folded_set(AGO),
            time_units: TIME_UNITS
                .iter()
                .map(|&(word, days, count)| (fold(word), TimeUnit { days, count }))
                .collect(),
            day_words: DAY_WORDS.iter().map(|w| fold(w)).collect(),
            of: fold(OF),
            month_word: fold(MONTH_WORD),
            corresponding: fold(CORRESPONDING),
            to: fold(TO),
            ten: folded_set(TEN),
            starters: HashSet::new(),
        }
        .with_starters()
    }

    fn with_starters(mut self) -> Lexicon {
        let mut starters: HashSet<String> = self
            .months
            .iter()
            .map(|(words, _)| words[0].clone())
            .collect();
        starters.extend(self.relative.iter().map(|(words, _)| words[0].clone()));
        starters.extend(self.weekdays.keys().cloned());
        starters.extend(self.month_cues.iter().cloned());
        starters.extend(self.year_cues.iter().cloned());
        starters.extend(self.year_words.iter().cloned());
        starters.extend(self.ago.iter().cloned());
        starters.extend(self.time_units.keys().cloned());
        starters.extend(self.day_words.iter().cloned());
        starters.extend([
            self.of.clone(),
            self.month_word.clone(),
            self.corresponding.clone(),
            self.to.clone(),
        ]);
        self.starters = starters;
        self
    }
}

// ---------------------------------------------------------------------------
// Calendar arithmetic.

/// The weekday nearest publication in the given direction; `Latest` may be
/// the publication day itself.
fn nearest_weekday(
    published: NaiveDate,
    weekday: Weekday,
    occurrence: Occurrence,
) -> Option<NaiveDate> {
    let back =
        (7 + published.weekday().num_days_from_monday() - weekday.num_days_from_monday()) % 7;
    match occurrence {
        Occurrence::Latest => published.checked_sub_days(Days::new(back.into())),
        Occurrence::Previous if back == 0 => published.checked_sub_days(Days::new(7)),
        Occurrence::Previous => published.checked_sub_days(Days::new(back.into())),
        Occurrence::Next => published.checked_add_days(Days::new((7 - back).into())),
    }
}

/// The first day of the publication month, or of a month `back` before it.
fn month_start(published: NaiveDate, back: u32) -> Option<NaiveDate> {
    published.with_day(1)?.checked_sub_months(Months::new(back))
}

/// The yearly day (as `in_year` builds it) nearest publication. `Latest`
/// allows the day after publication: reports are often dated by a time zone
/// behind the event.
fn nearest_day(
    published: NaiveDate,
    occurrence: Occurrence,
    in_year: impl Fn(i32) -> Option<NaiveDate>,
) -> Option<NaiveDate> {
    let limit = match occurrence {
        Occurrence::Latest => published.succ_opt()?,
        Occurrence::Previous | Occurrence::Next => published,
    };
    nearest_in_years(limit, occurrence, in_year)
}

/// The first day of `month` nearest the publication month.
fn nearest_month(published: NaiveDate, occurrence: Occurrence, month: u32) -> Option<NaiveDate> {
    nearest_in_years(published.with_day(1)?, occurrence, |year| {
        NaiveDate::from_ymd_opt(year, month, 1)
    })
}

fn nearest_in_years(
    limit: NaiveDate,
    occurrence: Occurrence,
    in_year: impl Fn(i32) -> Option<NaiveDate>,
) -> Option<NaiveDate> {
    // Eight years either way always include a 29 February.
    let mut candidates = (limit.year() - 8..=limit.year() + 8).filter_map(in_year);
    match occurrence {
        Occurrence::Latest => candidates.rfind(|date| *date <= limit),
        Occurrence::Previous => candidates.rfind(|date| *date < limit),
        Occurrence::Next => candidates.find(|date| *date > limit),
    }
}

/// The latest day a mention of this precision may mean.
fn last_day(date: NaiveDate, precision: u8) -> Option<NaiveDate> {
    match precision {
        DAY => Some(date),
        WEEK => date.checked_add_days(Days::new(6)),
        MONTH => date
            .with_day(1)?
            .checked_add_months(Months::new(1))?
            .pred_opt(),
        _ => NaiveDate::from_ymd_opt(date.year(), 12, 31),
    }
}

fn parse_day(word: &str) -> Option<u32> {
    let day: u32 = (word.len() <= 2 && is_plain_digits(word)).then(|| word.parse().ok())??;
    (1..=31).contains(&day).then_some(day)
}

/// A year from 1900 to 2100, possibly with the م of "2022م".
fn parse_year(word: &str) -> Option<i32> {
    let digits = word.strip_suffix('م').unwrap_or(word);
    let year: i32 =
        (digits.len() == 4 && is_plain_digits(digits)).then(|| digits.parse().ok())??;
    YEARS.contains(&year).then_some(year)
}

fn is_plain_digits(word: &str) -> bool {
    !word.is_empty() && word.bytes().all(|b| b.is_ascii_digit())
}

/// Reads a numeric date year first (2022-01-20) or day first (20/1/2022),
/// month first only when day first is impossible (1/20/2022).
fn numeric_date([first, middle, last]: [&str; 3]) -> Option<NaiveDate> {
    let number =
        |s: &str| -> Option<u32> { (s.len() <= 4 && is_plain_digits(s)).then(|| s.parse().ok())? };
    let date = |year: u32, month: u32, day: u32| {
        let year = i32::try_from(year)
            .ok()
            .filter(|year| YEARS.contains(year))?;
        NaiveDate::from_ymd_opt(year, month, day)
    };
    let (a, b, c) = (number(first)?, number(middle)?, number(last)?);
    if first.len() == 4 {
        return date(a, b, c);
    }
    if last.len() != 4 {
        return None;
    }
    date(c, b, a).or_else(|| date(c, a, b))
}

// ---------------------------------------------------------------------------
// Reading dates off the tokens.

/// Which clitics a date word may carry.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Clitics {
    Bare,
    /// Exactly و: "و20", "و2015".
    And,
    /// و ف ب ل: "والجمعة", "بالأمس".
    Any,
}

impl Clitics {
    fn allow(self, clitic: &str) -> bool {
        match self {
            Clitics::Bare => clitic.is_empty(),
            Clitics::And => clitic == "و",
            Clitics::Any => true,
        }
    }
}

struct Scanner<'a> {
    text: &'a str,
    tokens: &'a [Token],
    published: Option<NaiveDate>,
    lexicon: &'static Lexicon,
}

impl<'a> Scanner<'a> {
    fn mention_at(&self, i: usize) -> Option<DateMention> {
        self.weekday_date_at(i)
            .or_else(|| self.absolute_at(i))
            .or_else(|| self.month_at(i))
            .or_else(|| self.year_at_cue(i))
            .or_else(|| self.time_ago_at(i))
            .or_else(|| self.relative_at(i))
            .or_else(|| self.weekday_at(i))
    }

    fn mention(
        &self,
        kind: DateKind,
        tokens: Range<usize>,
        span: Span,
        date: Option<NaiveDate>,
        precision: u8,
    ) -> DateMention {
        let history = match (date, self.published) {
            (Some(date), Some(published)) => last_day(date, precision).is_some_and(|last| {
                published.signed_duration_since(last).num_days() > HISTORY_DAYS
            }),
            _ => false,
        };
        DateMention {
            span,
            tokens,
            kind,
            date,
            precision,
            history,
        }
    }

    fn word(&self, i: usize) -> Option<&'a str> {
        self.tokens.get(i).map(|token| token.span.slice(self.text))
    }

    fn is(&self, i: usize, word: &str) -> bool {
        self.word(i) == Some(word)
    }

    fn is_in(&self, i: usize, words: &HashSet<String>) -> bool {
        self.word(i).is_some_and(|word| words.contains(word))
    }

    /// The first reading of token `i`, after clitics `clitics` allows, that
    /// `read` accepts, with the span of the stem.
    fn stem_at<T>(
        &self,
        i: usize,
        clitics: Clitics,
        read: impl Fn(&'a str) -> Option<T>,
    ) -> Option<(T, Span)> {
        let token = self.tokens.get(i)?;
        let word = token.span.slice(self.text);
        clitic_splits(word)
            .filter(|&len| clitics.allow(&word[..len]))
            .find_map(|len| {
                Some((
                    read(&word[len..])?,
                    Span::new(token.span.start + len, token.span.end),
                ))
            })
    }

    /// Whether token `i`, clitics aside, is one of `words`.
    fn stem_in(&self, i: usize, words: &HashSet<String>) -> bool {
        self.stem_at(i, Clitics::Any, |stem| words.contains(stem).then_some(()))
            .is_some()
    }

    fn phrase_at(&self, i: usize, words: &[String]) -> Option<Span> {
        phrase_span(self.text, self.tokens, i, words)
    }

    /// The text between token `i` and the next, trimmed.
    fn gap_after(&self, i: usize) -> Option<&'a str> {
        let (before, after) = (self.tokens.get(i)?, self.tokens.get(i + 1)?);
        Some(self.text[before.span.end..after.span.start].trim())
    }

    /// `span` stretched to the end of token `end - 1`.
    fn through(&self, span: Span, end: usize) -> Span {
        Span::new(span.start, self.tokens[end - 1].span.end)
    }

    /// "الخميس 20 يناير", "الخميس الموافق 20/1/2022": one absolute mention.
    fn weekday_date_at(&self, i: usize) -> Option<DateMention> {
        let (_, span, mut at) = self.weekday_words_at(i)?;
        if self.is(at, &self.lexicon.corresponding) {
            at += 1;
        }
        let date = self.absolute_at(at)?;
        Some(DateMention {
            span: span.cover(date.span),
            tokens: i..date.tokens.end,
            ..date
        })
    }

    fn absolute_at(&self, i: usize) -> Option<DateMention> {
        self.numeric_date_at(i).or_else(|| self.day_month_at(i))
    }

    /// "2022-01-20", "20/1/2022", "20.1.2022".
    fn numeric_date_at(&self, i: usize) -> Option<DateMention> {
        let (parts, end) = self.numeric_parts(i)?;
        let date = numeric_date(parts)?;
        let span = self.through(self.tokens[i].span, end);
        Some(self.mention(DateKind::Absolute, i..end, span, Some(date), DAY))
    }

    /// The three numbers of a numeric date and the index after them.
    fn numeric_parts(&self, i: usize) -> Option<([&'a str; 3], usize)> {
        let first = self.word(i)?;
        // The tokenizer keeps a dotted date in one token.
        if let [day, month, year] = first.split('.').collect::<Vec<_>>()[..] {
            return Some(([day, month, year], i + 1));
        }
        let separator = self.gap_after(i).filter(|gap| *gap == "/" || *gap == "-")?;
        if self.gap_after(i + 1)? != separator {
            return None;
        }
        Some(([first, self.word(i + 1)?, self.word(i + 2)?], i + 3))
    }

    /// A day of a month: "20 يناير 2022", "20 من شهر يناير", "19 و20 يناير
    /// الماضي", "20 من الشهر الجاري".
    fn day_month_at(&self, i: usize) -> Option<DateMention> {
        let lexicon = self.lexicon;
        let (day, day_span) = self.stem_at(i, Clitics::Any, parse_day)?;
        let (precision, mut at) = match self.second_day_end(i + 1) {
            Some(end) => (WEEK, end),
            None => (DAY, i + 1),
        };
        if self.is(at, &lexicon.of) {
            at += 1;
        }
        if self.is(at, &lexicon.month_word) {
            at += 1;
        }
        let (date, end) = self
            .named_month_day(day, at)
            .or_else(|| self.relative_month_day(day, at))?;
        Some(self.mention(
            DateKind::Absolute,
            i..end,
            self.through(day_span, end),
            date,
            precision,
        ))
    }

    /// The end of the second day of a span of days: "19 و20", "19-20", "19 إلى 20".
    fn second_day_end(&self, i: usize) -> Option<usize> {
        let day = |at: usize, clitics: Clitics| self.stem_at(at, clitics, parse_day).is_some();
        if day(i, Clitics::And) {
            return Some(i + 1);
        }
        let linked = self.is(i, "و") || self.is(i, &self.lexicon.to);
        if linked && day(i + 1, Clitics::Bare) {
            return Some(i + 2);
        }
        let hyphen = i.checked_sub(1).and_then(|before| self.gap_after(before)) == Some("-");
        (hyphen && day(i, Clitics::Bare)).then_some(i + 1)
    }

    /// The month after a day, with its year or occurrence marker; the date
    /// is None when neither a year nor the publication date places it.
    fn named_month_day(&self, day: u32, at: usize) -> Option<(Option<NaiveDate>, usize)> {
        let (month, _, end) = self.month_name_at(at)?;
        let in_year = |year| NaiveDate::from_ymd_opt(year, month, day);
        // A leap year has every real day of every month.
        in_year(2000)?;
        if let Some((year, end)) = self.year_after(end) {
            return Some((Some(in_year(year)?), end));
        }
        let (occurrence, end) = self.occurrence_at(end);
        let date = match self.published {
            Some(published) => Some(nearest_day(published, occurrence, in_year)?),
            None => None,
        };
        Some((date, end))
    }

    /// "الشهر الجاري" or "الشهر الماضي" after a day.
    fn relative_month_day(&self, day: u32, at: usize) -> Option<(Option<NaiveDate>, usize)> {
        let (shift, _, end) = self.relative_phrase_at(at)?;
        let Shift::MonthsAgo(back) = shift else {
            return None;
        };
        let date = match self.published {
            Some(published) => Some(month_start(published, back)?.with_day(day)?),
            None => None,
        };
        Some((date, end))
    }

    /// A month name, and the same month named again in another calendar:
    /// "كانون الثاني/يناير", "شباط (فبراير)". Returns the month, the span of
    /// the first name and the index after the names.
    fn month_name_at(&self, i: usize) -> Option<(u32, Span, usize)> {
        let (month, span, end) = self.month_words_at(i)?;
        let named_again = matches!(self.gap_after(end - 1), Some("/" | "("))
            .then(|| self.month_words_at(end))
            .flatten()
            .filter(|&(again, ..)| again == month);
        Some((
            month,
            span,
            named_again.map_or(end, |(.., again_end)| again_end),
        ))
    }

    fn month_words_at(&self, i: usize) -> Option<(u32, Span, usize)> {
        self.lexicon
            .months
            .iter()
            .find_map(|(words, month)| Some((*month, self.phrase_at(i, words)?, i + words.len())))
    }

    /// A year after a month: "2022", "عام 2022", "من عام 2022".
    fn year_after(&self, i: usize) -> Option<(i32, usize)> {
        let lexicon = self.lexicon;
        let mut at = i;
        if self.is(at, &lexicon.of) && self.is_in(at + 1, &lexicon.year_words) {
            at += 1;
        }
        if self.is_in(at, &lexicon.year_words) {
            at += 1;
        }
        let (year, _) = self.stem_at(at, Clitics::Bare, parse_year)?;
        Some((year, at + 1))
    }

    /// "الماضي" or "المقبل" at token `i`, and the index after it.
    fn occurrence_at(&self, i: usize) -> (Occurrence, usize) {
        if self.is_in(i, &self.lexicon.previous_markers) {
            (Occurrence::Previous, i + 1)
        } else if self.is_in(i, &self.lexicon.next_markers) {
            (Occurrence::Next, i + 1)
        } else {
            (Occurrence::Latest, i)
        }
    }

    /// A month without a day: "مارس 2021", "يناير الماضي", "في شهر آب".
    fn month_at(&self, i: usize) -> Option<DateMention> {
        let (month, span, end) = self.month_name_at(i)?;
        let year = self.year_after(end);
        let (occurrence, marked_end) = self.occurrence_at(end);
        // Ambiguous names are one word long, so a longer name was named again
        // in another calendar: "آب/أغسطس".
        let named_again = end > i + 1;
        let follows_cue = i
            .checked_sub(1)
            .is_some_and(|before| self.stem_in(before, &self.lexicon.month_cues));
        let certain = !self.stem_in(i, &self.lexicon.ambiguous_months)
            || year.is_some()
            || marked_end > end
            || named_again
            || follows_cue;
        if !certain {
            return None;
        }
        let (date, end) = match year {
            Some((year, end)) => (NaiveDate::from_ymd_opt(year, month, 1), end),
            None => (
                self.published
                    .and_then(|p| nearest_month(p, occurrence, month)),
                marked_end,
            ),
        };
        Some(self.mention(
            DateKind::Month,
            i..end,
            self.through(span, end),
            date,
            MONTH,
        ))
    }

    /// "عام 2019", "في 2019", "منذ عام 2011": a year alone.
    fn year_at_cue(&self, i: usize) -> Option<DateMention> {
        // "في 2022-01-20": the year starts a full date.
        if !self.stem_in(i, &self.lexicon.year_cues) || self.absolute_at(i + 1).is_some() {
            return None;
        }
        self.year_mention(i + 1, Clitics::Bare)
    }

    /// The second year of "عامي 2014 و2015" or "عامي 2014 و 2015".
    fn joined_year_at(&self, i: usize) -> Option<DateMention> {
        if self.is(i, "و") {
            return self.year_mention(i + 1, Clitics::Bare);
        }
        self.year_mention(i, Clitics::And)
    }

    fn year_mention(&self, i: usize, clitics: Clitics) -> Option<DateMention> {
        let (year, span) = self.stem_at(i, clitics, parse_year)?;
        let date = NaiveDate::from_ymd_opt(year, 1, 1);
        Some(self.mention(DateKind::Year, i..i + 1, span, date, YEAR))
    }

    /// "منذ يومين", "قبل ثلاثة أيام", "قبل 3 أسابيع"; not "قبل يومين من
    /// الانتخابات", which counts from another event.
    fn time_ago_at(&self, i: usize) -> Option<DateMention> {
        let ((), span) = self.stem_at(i, Clitics::Any, |stem| {
            self.lexicon.ago.contains(stem).then_some(())
        })?;
        let (days, precision, end) = self.time_length_at(i + 1)?;
        if self.is(end, &self.lexicon.of) {
            return None;
        }
        let date = self
            .published
            .and_then(|p| p.checked_sub_days(Days::new(days)));
        Some(self.mention(
            DateKind::Relative,
            i..end,
            self.through(span, end),
            date,
            precision,
        ))
    }

    /// A length of time: "يومين", "ثلاثة أيام", "15 يوما", "أسبوع". Returns
    /// the days, the precision and the index after it.
    fn time_length_at(&self, i: usize) -> Option<(u64, u8, usize)> {
        let unit_at = |at: usize| {
            self.word(at)
                .and_then(|word| self.lexicon.time_units.get(word))
                .copied()
        };
        let (count, unit, end) = match unit_at(i) {
            Some(unit) => (unit.count.without_number()?, unit, i + 1),
            None => {
                let unit = unit_at(i + 1).filter(|unit| unit.count != Count::Two)?;
                (self.count_at(i)?, unit, i + 2)
            }
        };
        let precision = if unit.days == 1 { DAY } else { WEEK };
        Some((count.checked_mul(unit.days)?, precision, end))
    }

    fn count_at(&self, i: usize) -> Option<u64> {
        let word = self.word(i)?;
        if is_plain_digits(word) {
            word.parse().ok()
        } else {
            word_value(word)
        }
    }

    /// "أمس", "مساء اليوم", "الأسبوع الماضي"; "أمس الأحد" is one mention.
    fn relative_at(&self, i: usize) -> Option<DateMention> {
        let (shift, span, end) = self.relative_phrase_at(i)?;
        if self.is_not_a_date(i, end) {
            return None;
        }
        let end = match shift {
            Shift::DaysAgo(_) => self.weekday_words_at(end).map_or(end, |(.., after)| after),
            _ => end,
        };
        let date = self
            .published
            .and_then(|published| shift.resolve(published));
        Some(self.mention(
            DateKind::Relative,
            i..end,
            self.through(span, end),
            date,
            shift.precision(),
        ))
    }

    fn relative_phrase_at(&self, i: usize) -> Option<(Shift, Span, usize)> {
        self.lexicon
            .relative
            .iter()
            .find_map(|(words, shift)| Some((*shift, self.phrase_at(i, words)?, i + words.len())))
    }

    /// "اليوم التالي", "في نفس اليوم", "بأمس الحاجة": the phrase in
    /// tokens `start..end` is no date.
    fn is_not_a_date(&self, start: usize, end: usize) -> bool {
        let lexicon = self.lexicon;
        let blocked = |blockers: &HashMap<String, HashSet<String>>, neighbour: Option<usize>| {
            let found = self.stem_at(end - 1, Clitics::Any, |stem| blockers.get(stem));
            found.is_some_and(|(words, _)| neighbour.is_some_and(|n| self.is_in(n, words)))
        };
        blocked(&lexicon.not_a_date_after, Some(end))
            || blocked(&lexicon.not_a_date_before, start.checked_sub(1))
    }

    /// A weekday, possibly after يوم: "الجمعة", "يوم الجمعة", "والجمعة".
    /// Returns it, its span and the index after it.
    fn weekday_words_at(&self, i: usize) -> Option<(Weekday, Span, usize)> {
        let lexicon = self.lexicon;
        let weekday = |stem: &str| lexicon.weekdays.get(stem).copied();
        let day_word = self.stem_at(i, Clitics::Any, |stem| {
            lexicon.day_words.iter().any(|w| w == stem).then_some(())
        });
        let (weekday, span, at) = match day_word {
            Some(((), day_span)) => {
                let (weekday, span) = self.stem_at(i + 1, Clitics::Bare, weekday)?;
                (weekday, day_span.cover(span), i + 1)
            }
            None => {
                let (weekday, span) = self.stem_at(i, Clitics::Any, weekday)?;
                (weekday, span, i)
            }
        };
        if self.is_in(at + 1, &lexicon.ten) {
            return None;
        }
        Some((weekday, span, at + 1))
    }

    /// "الخميس", "يوم الجمعة الماضي", "الأحد المقبل".
    fn weekday_at(&self, i: usize) -> Option<DateMention> {
        let (weekday, span, end) = self.weekday_words_at(i)?;
        let (occurrence, end) = self.occurrence_at(end);
        let date = self
            .published
            .and_then(|p| nearest_weekday(p, weekday, occurrence));
        Some(self.mention(
            DateKind::Weekday,
            i..end,
            self.through(span, end),
            date,
            DAY,
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::tokenize;

    /// Thursday 10 March 2022.
    fn published() -> NaiveDate {
        NaiveDate::from_ymd_opt(2022, 3, 10).unwrap()
    }

    fn ymd(year: i32, month: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(year, month, day).unwrap()
    }

    /// Folds and tokenizes `sentence`, then finds its dates; each as its
    /// folded words and the mention.
    fn dates_in(sentence: &str, published: Option<NaiveDate>) -> Vec<(String, DateMention)> {
        let text = fold(sentence);
        let (tokens, _) = tokenize(&text);
        find_dates(&text, &tokens, published)
            .into_iter()
            .map(|mention| (mention.span.slice(&text).to_string(), mention))
            .collect()
    }

    /// The single mention of `sentence`, published on [`published`].
    fn single(sentence: &str) -> (String, DateMention) {
        let mut found = dates_in(sentence, Some(published()));
        assert_eq!(found.len(), 1, "{sentence}: {found:?}");
        found.remove(0)
    }

    type Case = (&'static str, &'static str, DateKind, NaiveDate, u8, bool);

    fn check(cases: &[Case]) {
        for &(sentence, words, kind, date, precision, history) in cases {
            let (span, mention) = single(sentence);
            assert_eq!(
                (
                    span.as_str(),
                    mention.kind,
                    mention.date,
                    mention.precision,
                    mention.history
                ),
                (fold(words).as_str(), kind, Some(date), precision, history),
                "{sentence}"
            );
        }
    }

    #[test]
    fn reads_calendar_dates() {
        use DateKind::Absolute;
        check(&[
            (
                "وقع الهجوم في 20 يناير 2022",
                "20 يناير 2022",
                Absolute,
                ymd(2022, 1, 20),
                1,
                false,
            ),
            (
                "وقع الهجوم في 20 يناير",
                "20 يناير",
                Absolute,
                ymd(2022, 1, 20),
                1,
                false,
            ),
            (
                "وقع الهجوم في 20 مارس",
                "20 مارس",
                Absolute,
                ymd(2021, 3, 20),
                1,
                true,
            ),
            (
                "وقع الهجوم في 11 مارس",
                "11 مارس",
                Absolute,
                ymd(2022, 3, 11),
                1,
                false,
            ),
            (
                "وقع الهجوم في 20 يناير الماضي",
                "20 يناير الماضي",
                Absolute,
                ymd(2022, 1, 20),
                1,
                false,
            ),
            (
                "يبدأ في 5 يناير المقبل",
                "5 يناير المقبل",
                Absolute,
                ymd(2023, 1, 5),
                1,
                false,
            ),
            (
                "وقع الهجوم الخميس 20 يناير",
                "الخميس 20 يناير",
                Absolute,
                ymd(2022, 1, 20),
                1,
                false,
            ),
            (
                "وقع يوم الخميس الموافق 20/1/2022",
                "يوم الخميس الموافق 20/1/2022",
                Absolute,
                ymd(2022, 1, 20),
                1,
                false,
            ),
            (
                "وقع الهجوم في 2022-01-20",
                "2022-01-20",
                Absolute,
                ymd(2022, 1, 20),
                1,
                false,
            ),
            (
                "وقع الهجوم في 20/1/2022",
                "20/1/2022",
                Absolute,
                ymd(2022, 1, 20),
                1,
                false,
            ),
            (
                "وقع الهجوم في 1/20/2022",
                "1/20/2022",
                Absolute,
                ymd(2022, 1, 20),
                1,
                false,
            ),
            (
                "وقع الهجوم في 20.1.2021",
                "20.1.2021",
                Absolute,
                ymd(2021, 1, 20),
                1,
                true,
            ),
            (
                "وقع في 5 من الشهر الجاري",
                "5 من الشهر الجاري",
                Absolute,
                ymd(2022, 3, 5),
                1,
                false,
            ),
            (
                "وقع في 20 الشهر الماضي",
                "20 الشهر الماضي",
                Absolute,
                ymd(2022, 2, 20),
                1,
                false,
            ),
            (
                "وقع في 20 من شهر آب",
                "20 من شهر آب",
                Absolute,
                ymd(2021, 8, 20),
                1,
                true,
            ),
            (
                "وقع في 20 كانون الثاني/يناير 2021",
                "20 كانون الثاني/يناير 2021",
                Absolute,
                ymd(2021, 1, 20),
                1,
                true,
            ),
            (
                "وقع في 3 تشرين الأول عام 2021",
                "3 تشرين الأول عام 2021",
                Absolute,
                ymd(2021, 10, 3),
                1,
                true,
            ),
            (
                "وقع في 19 و20 يناير",
                "19 و20 يناير",
                Absolute,
                ymd(2022, 1, 19),
                2,
                false,
            ),
            (
                "وقع في 19-20 يناير",
                "19-20 يناير",
                Absolute,
                ymd(2022, 1, 19),
                2,
                false,
            ),
            (
                "وقع في 19 إلى 20 يناير",
                "19 إلى 20 يناير",
                Absolute,
                ymd(2022, 1, 19),
                2,
                false,
            ),
            (
                "وقع في 1 جانفي 2022م",
                "1 جانفي 2022م",
                Absolute,
                ymd(2022, 1, 1),
                1,
                true,
            ),
        ]);
    }

    #[test]
    fn reads_months_and_years() {
        use DateKind::{Month, Year};
        check(&[
            (
                "وقع الهجوم في مارس 2021",
                "مارس 2021",
                Month,
                ymd(2021, 3, 1),
                3,
                true,
            ),
            (
                "وقع الهجوم في مارس",
                "مارس",
                Month,
                ymd(2022, 3, 1),
                3,
                false,
            ),
            (
                "وقع الهجوم يناير الماضي",
                "يناير الماضي",
                Month,
                ymd(2022, 1, 1),
                3,
                false,
            ),
            (
                "وقع الهجوم في مارس الماضي",
                "مارس الماضي",
                Month,
                ymd(2021, 3, 1),
                3,
                true,
            ),
            (
                "ستجرى في مايو المقبل",
                "مايو المقبل",
                Month,
                ymd(2022, 5, 1),
                3,
                false,
            ),
            (
                "وقع الهجوم في شهر آب",
                "آب",
                Month,
                ymd(2021, 8, 1),
                3,
                true,
            ),
            (
                "وقع الهجوم آب/أغسطس",
                "آب/أغسطس",
                Month,
                ymd(2021, 8, 1),
                3,
                true,
            ),
            (
                "وقع في شباط (فبراير) 2022",
                "شباط (فبراير) 2022",
                Month,
                ymd(2022, 2, 1),
                3,
                false,
            ),
            (
                "وقعت الحرب عام 2019",
                "2019",
                Year,
                ymd(2019, 1, 1),
                4,
                true,
            ),
            ("وقعت الحرب في 2019", "2019", Year, ymd(2019, 1, 1), 4, true),
            (
                "ستجرى الانتخابات سنة 2022",
                "2022",
                Year,
                ymd(2022, 1, 1),
                4,
                false,
            ),
            ("منذ عام 2011", "2011", Year, ymd(2011, 1, 1), 4, true),
        ]);
        let years: Vec<String> = dates_in("خلال عامي 2014 و2015", None)
            .into_iter()
            .map(|(s, _)| s)
            .collect();
        assert_eq!(years, ["2014", "2015"]);
        let years: Vec<String> = dates_in("في عامي 2014 و 2015", None)
            .into_iter()
            .map(|(s, _)| s)
            .collect();
        assert_eq!(years, ["2014", "2015"]);
    }

    #[test]
    fn reads_relative_days() {
        use DateKind::Relative;
        check(&[
            (
                "قتل اليوم ثلاثة",
                "اليوم",
                Relative,
                ymd(2022, 3, 10),
                1,
                false,
            ),
            (
                "قتل صباح اليوم ثلاثة",
                "صباح اليوم",
                Relative,
                ymd(2022, 3, 10),
                1,
                false,
            ),
            ("قتل أمس ثلاثة", "أمس", Relative, ymd(2022, 3, 9), 1, false),
            (
                "قتل مساء أمس ثلاثة",
                "مساء أمس",
                Relative,
                ymd(2022, 3, 9),
                1,
                false,
            ),
            (
                "قتل بالأمس ثلاثة",
                "الأمس",
                Relative,
                ymd(2022, 3, 9),
                1,
                false,
            ),
            (
                "قتل الليلة الماضية ثلاثة",
                "الليلة الماضية",
                Relative,
                ymd(2022, 3, 9),
                1,
                false,
            ),
            (
                "قتل أمس الأول ثلاثة",
                "أمس الأول",
                Relative,
                ymd(2022, 3, 8),
                1,
                false,
            ),
            (
                "قتل أول أمس ثلاثة",
                "أول أمس",
                Relative,
                ymd(2022, 3, 8),
                1,
                false,
            ),
            (
                "قتل منذ يومين ثلاثة",
                "منذ يومين",
                Relative,
                ymd(2022, 3, 8),
                1,
                false,
            ),
            (
                "قتل قبل ثلاثة أيام",
                "قبل ثلاثة أيام",
                Relative,
                ymd(2022, 3, 7),
                1,
                false,
            ),
            (
                "قتل قبل 3 أيام",
                "قبل 3 أيام",
                Relative,
                ymd(2022, 3, 7),
                1,
                false,
            ),
            (
                "قتل قبل 15 يوما",
                "قبل 15 يوما",
                Relative,
                ymd(2022, 2, 23),
                1,
                false,
            ),
            (
                "قتل قبل أسبوعين",
                "قبل أسبوعين",
                Relative,
                ymd(2022, 2, 24),
                2,
                false,
            ),
            (
                "قتل الأسبوع الماضي",
                "الأسبوع الماضي",
                Relative,
                ymd(2022, 3, 3),
                2,
                false,
            ),
            (
                "قتل مطلع الأسبوع",
                "مطلع الأسبوع",
                Relative,
                ymd(2022, 3, 6),
                2,
                false,
            ),
            (
                "قتل مطلع الأسبوع الماضي",
                "مطلع الأسبوع الماضي",
                Relative,
                ymd(2022, 2, 27),
                2,
                false,
            ),
            (
                "قتل الشهر الماضي",
                "الشهر الماضي",
                Relative,
                ymd(2022, 2, 1),
                3,
                false,
            ),
            (
                "قتل العام الماضي",
                "العام الماضي",
                Relative,
                ymd(2021, 1, 1),
                4,
                true,
            ),
            (
                "قتل أمس الأحد ثلاثة",
                "أمس الأحد",
                Relative,
                ymd(2022, 3, 9),
                1,
                false,
            ),
            (
                "قتل فجر اليوم الخميس",
                "فجر اليوم الخميس",
                Relative,
                ymd(2022, 3, 10),
                1,
                false,
            ),
        ]);
    }

    #[test]
    fn reads_weekdays() {
        use DateKind::Weekday as W;
        check(&[
            (
                "قتل يوم الخميس",
                "يوم الخميس",
                W,
                ymd(2022, 3, 10),
                1,
                false,
            ),
            ("قتل الجمعة", "الجمعة", W, ymd(2022, 3, 4), 1, false),
            ("قتل والسبت", "السبت", W, ymd(2022, 3, 5), 1, false),
            (
                "قتل الخميس الماضي",
                "الخميس الماضي",
                W,
                ymd(2022, 3, 3),
                1,
                false,
            ),
            (
                "قتل الجمعة الماضية",
                "الجمعة الماضية",
                W,
                ymd(2022, 3, 4),
                1,
                false,
            ),
            (
                "يبدأ الأحد المقبل",
                "الأحد المقبل",
                W,
                ymd(2022, 3, 13),
                1,
                false,
            ),
            ("قتل الإثنين", "الإثنين", W, ymd(2022, 3, 7), 1, false),
            ("بعد صلاة الجمعة", "الجمعة", W, ymd(2022, 3, 4), 1, false),
        ]);
    }

    #[test]
    fn ignores_words_that_only_look_like_dates() {
        for sentence in [
            "مارس الجيش ضغوطا على السكان",
            "قال أب الضحية",
            "قتل أحد عشر جنديا",
            "وصل الأحد عشر لاعبا",
            "في اليوم التالي",
            "صباح اليوم التالي",
            "في نفس اليوم",
            "اليوم العالمي للمرأة",
            "هم بأمس الحاجة",
            "قبل يومين من الانتخابات",
            "منذ أيام",
            "قتل 2019 شخصا",
            "في 1850",
            "في 32/1/2022",
            "",
        ] {
            let found = dates_in(sentence, Some(published()));
            assert!(found.is_empty(), "{sentence}: {found:?}");
        }
    }

    #[test]
    fn an_impossible_day_leaves_the_month() {
        let found = dates_in("في 30 فبراير", Some(published()));
        let got: Vec<(&str, DateKind)> = found.iter().map(|(s, m)| (s.as_str(), m.kind)).collect();
        assert_eq!(got, [("فبراير", DateKind::Month)]);
    }

    #[test]
    fn without_publication_nothing_is_invented() {
        for sentence in [
            "أمس",
            "الجمعة",
            "20 يناير",
            "في مارس",
            "الشهر الماضي",
            "قبل ثلاثة أيام",
        ] {
            let found = dates_in(sentence, None);
            assert_eq!(found.len(), 1, "{sentence}");
            assert_eq!(
                (found[0].1.date, found[0].1.history),
                (None, false),
                "{sentence}"
            );
        }
        let (_, mention) = &dates_in("في 20 يناير 2022", None)[0];
        assert_eq!(mention.date, Some(ymd(2022, 1, 20)));
    }

    #[test]
    fn history_is_more_than_sixty_days_back() {
        let history = |sentence: &str| dates_in(sentence, Some(published()))[0].1.history;
        assert!(!history("في 9 يناير 2022"));
        assert!(history("في 8 يناير 2022"));
        assert!(!history("في يناير 2022"));
        assert!(history("في ديسمبر 2021"));
        assert!(history("عام 2021"));
    }

    #[test]
    fn every_month_name_is_found() {
        for &(name, month) in MONTHS {
            let (_, mention) = single(&format!("وقع الهجوم في 20 {name} 2021"));
            assert_eq!(mention.date, Some(ymd(2021, month, 20)), "{name}");
            let (span, mention) = single(&format!("وقع الهجوم {name} 2021"));
            assert_eq!(
                (mention.kind, mention.date),
                (DateKind::Month, Some(ymd(2021, month, 1))),
                "{name}"
            );
            assert_eq!(span, fold(&format!("{name} 2021")));
        }
        for cue in MONTH_CUES {
            let (_, mention) = single(&format!("وقع الهجوم {cue} مارس"));
            assert_eq!(mention.kind, DateKind::Month, "{cue}");
        }
        for name in AMBIGUOUS_MONTHS {
            assert!(
                dates_in(&format!("قال {name} الرجل"), None).is_empty(),
                "{name}"
            );
        }
    }

    #[test]
    fn every_weekday_and_marker_is_found() {
        for &(name, weekday) in WEEKDAYS {
            let (span, mention) = single(&format!("وقع الهجوم يوم {name}"));
            assert_eq!(span, fold(&format!("يوم {name}")));
            assert_eq!(mention.date.map(|d| d.weekday()), Some(weekday), "{name}");
        }
        for marker in PREVIOUS_MARKERS {
            let (_, mention) = single(&format!("وقع الهجوم الخميس {marker}"));
            assert_eq!(mention.date, Some(ymd(2022, 3, 3)), "{marker}");
        }
        for marker in NEXT_MARKERS {
            let (_, mention) = single(&format!("يبدأ الخميس {marker}"));
            assert_eq!(mention.date, Some(ymd(2022, 3, 17)), "{marker}");
        }
    }

    #[test]
    fn every_relative_phrase_is_found() {
        for &(phrase, shift) in RELATIVE {
            let (span, mention) = single(&format!("وقع الهجوم {phrase} في المدينة"));
            assert_eq!(span, fold(phrase));
            assert_eq!(mention.kind, DateKind::Relative, "{phrase}");
            assert_eq!(mention.date, shift.resolve(published()), "{phrase}");
        }
        for &(word, blocking) in NOT_A_DATE_AFTER {
            for after in blocking {
                assert!(
                    dates_in(&format!("في {word} {after}"), Some(published())).is_empty(),
                    "{after}"
                );
            }
        }
        for &(word, blocking) in NOT_A_DATE_BEFORE {
            for before in blocking {
                assert!(
                    dates_in(&format!("في {before} {word}"), Some(published())).is_empty(),
                    "{before}"
                );
            }
        }
    }

    #[test]
    fn every_time_length_and_year_cue_is_found() {
        for ago in AGO {
            for &(unit, days, count) in TIME_UNITS {
                let (sentence, length) = match count {
                    Count::One => (format!("قتل {ago} {unit}"), days),
                    Count::Two => (format!("قتل {ago} {unit}"), 2 * days),
                    Count::Many => (format!("قتل {ago} ثلاثة {unit}"), 3 * days),
                };
                let (span, mention) = single(&sentence);
                assert_eq!(span, fold(&sentence["قتل ".len()..]));
                assert_eq!(
                    mention.date,
                    published().checked_sub_days(Days::new(length)),
                    "{sentence}"
                );
            }
        }
        for cue in YEAR_CUES {
            let (_, mention) = single(&format!("قتل {cue} 2019"));
            assert_eq!(
                (mention.kind, mention.date),
                (DateKind::Year, Some(ymd(2019, 1, 1))),
                "{cue}"
            );
        }
        for word in YEAR_WORDS {
            let (_, mention) = single(&format!("في يناير {word} 2019"));
            assert_eq!(mention.date, Some(ymd(2019, 1, 1)), "{word}");
        }
    }

    #[test]
    fn extreme_inputs_do_not_panic() {
        let sentences = [
            "قبل 99999999999999999999999 يوما",
            "قبل 18446744073709551615 أسبوع",
            "منذ 3074457345618258603 أسابيع",
            "في 99/99/9999 و00/00/0000 و2022-13-45",
            "في 0 يناير و32 يناير",
            "أمس الأحد الجمعة الماضية 20 يناير 2022 عامي 2014 و",
        ];
        let days = [NaiveDate::MIN, NaiveDate::MAX, published()];
        for sentence in sentences {
            for published in days.map(Some).into_iter().chain([None]) {
                for (span, _) in dates_in(sentence, published) {
                    assert!(!span.is_empty());
                }
            }
        }
        for published in days {
            for &(phrase, _) in RELATIVE {
                dates_in(phrase, Some(published));
            }
        }
    }

    #[test]
    fn any_prefix_of_a_sentence_is_safe() {
        let sentence = fold(
            "قتل أمس الأحد 20 كانون الثاني/يناير 2022 و19-20 مارس، عامي 2014 و2015 قبل ثلاثة أيام",
        );
        for (end, _) in sentence.char_indices() {
            let text = &sentence[..end];
            let (tokens, _) = tokenize(text);
            for mention in find_dates(text, &tokens, Some(published())) {
                assert!(mention.tokens.end <= tokens.len());
                mention.span.slice(text);
            }
        }
    }
}
