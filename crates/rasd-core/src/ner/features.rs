//! Features of a token in its sentence, as 64-bit hashed keys.

use super::clusters::Clusters;
use super::names::{NameTable, LIST_SHIFT, NEVER_A_NAME};
use super::{KINDS, LABELS};
use crate::knowledge::PlaceKind;
use crate::text::{fold, proclitic_splits};
use crate::Knowledge;
use rustc_hash::FxHashMap;

/// Feature families, switchable for the ablation table.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Families(pub u32);

impl Families {
    /// The surface word and its folded form.
    pub const WORD: u32 = 1;
    /// The stem after splitting proclitics (و ف ب ل ك س ال) and the clitics.
    pub const CLITIC: u32 = 1 << 1;
    /// Character prefixes, suffixes and trigrams of the stem.
    pub const AFFIX: u32 = 1 << 2;
    /// Word shape, length, digits, Latin letters, punctuation.
    pub const SHAPE: u32 = 1 << 3;
    /// Membership in the knowledge base's places, countries, nisbas, actors.
    pub const GAZETTEER: u32 = 1 << 4;
    /// Neighbouring words and stems within two tokens, and word bigrams.
    pub const CONTEXT: u32 = 1 << 5;
    /// Word clusters learned from unlabeled text, of the word and neighbours.
    pub const CLUSTERS: u32 = 1 << 6;

    /// How frequent the word and its stem are in general Arabic (the
    /// knowledge base's word list): a name is rarely an everyday word.
    pub const FREQUENCY: u32 = 1 << 7;
    /// How often the word and its neighbours were names of each type in the
    /// training text (jackknifed), and name-list membership ([`NameTable`]).
    pub const NAME_LISTS: u32 = 1 << 8;
    /// The words around the token's other occurrences in the document.
    pub const DOCUMENT: u32 = 1 << 9;
    /// How much more the word's letters look like a foreign name written in
    /// Arabic than like an everyday Arabic word ([`Transliteration`]).
    pub const TRANSLITERATION: u32 = 1 << 10;

    pub const ALL: Families = Families(0x7ff);

    /// Names for the command line and the ablation table.
    pub const NAMES: [(&'static str, u32); 11] = [
        ("word", Self::WORD),
        ("clitic", Self::CLITIC),
        ("affix", Self::AFFIX),
        ("shape", Self::SHAPE),
        ("gazetteer", Self::GAZETTEER),
        ("context", Self::CONTEXT),
        ("clusters", Self::CLUSTERS),
        ("frequency", Self::FREQUENCY),
        ("names", Self::NAME_LISTS),
        ("document", Self::DOCUMENT),
        ("transliteration", Self::TRANSLITERATION),
    ];

    pub fn has(self, family: u32) -> bool {
        self.0 & family != 0
    }

    pub fn without(self, family: u32) -> Families {
        Families(self.0 & !family)
    }
}

/// Knowledge-base names by category, for membership features.
pub struct Lexicon {
    /// Tells this lexicon's entries in the tagger's word cache from another's.
    pub(crate) id: u64,
    /// Folded name (words joined by one space) → category bits.
    names: FxHashMap<String, u8>,
    /// Most words in a name.
    longest: usize,
    /// First words of names of two words or more.
    first_words: rustc_hash::FxHashSet<String>,
    /// Folded everyday word → Zipf frequency.
    zipf: FxHashMap<String, f32>,
    transliteration: Transliteration,
}

/// Letter-trigram models of two kinds of words: foreign names written in
/// Arabic (the Arabic names of places outside the countries Arabic news
/// covers most: فينغر، شوفكوفسكي read like ماساتشوستس، فرانكفورت) and everyday
/// Arabic words (the frequency list). A name the training labels never
/// showed can still be told from a word by its letters; the trigram
/// features learn that from the labeled text alone, these models from
/// tens of thousands of names.
#[derive(Default)]
struct Transliteration {
    foreign: LetterModel,
    native: LetterModel,
}

/// Counts of letter trigrams and of their first two letters, with word
/// boundaries as letters.
#[derive(Default)]
struct LetterModel {
    trigrams: FxHashMap<[char; 3], u32>,
    contexts: FxHashMap<[char; 2], u32>,
}

impl LetterModel {
    fn add(&mut self, folded: &str) {
        let letters = bounded(folded);
        for w in letters.windows(3) {
            *self.trigrams.entry([w[0], w[1], w[2]]).or_default() += 1;
            *self.contexts.entry([w[0], w[1]]).or_default() += 1;
        }
    }

    /// Log probability of the trigram given its first two letters, with
    /// add-k smoothing so an unseen trigram is unlikely, not impossible.
    fn log_probability(&self, w: &[char]) -> f32 {
        let count = self.trigrams.get(&[w[0], w[1], w[2]]).copied().unwrap_or(0);
        let context = self.contexts.get(&[w[0], w[1]]).copied().unwrap_or(0);
        ((count as f32 + 0.1) / (context as f32 + 3.5)).ln()
    }
}

fn bounded(folded: &str) -> Vec<char> {
    std::iter::once('^')
        .chain(folded.chars())
        .chain(std::iter::once('$'))
        .collect()
}

impl Transliteration {
    /// The mean per-trigram log-likelihood ratio, foreign against native,
    /// in half-nat steps from −4 to 4 as a key part; `None` for a word of
    /// fewer than two letters or with no models.
    fn bucket(&self, folded: &str) -> Option<&'static str> {
        if self.foreign.trigrams.is_empty() || folded.chars().count() < 2 {
            return None;
        }
        let letters = bounded(folded);
        let (mut sum, mut n) = (0f32, 0f32);
        for w in letters.windows(3) {
            sum += self.foreign.log_probability(w) - self.native.log_probability(w);
            n += 1.0;
        }
        const BUCKETS: [&str; 9] = ["-4", "-3", "-2", "-1", "0", "1", "2", "3", "4"];
        let step = ((sum / n) * 2.0).floor().clamp(-4.0, 4.0) as i32;
        Some(BUCKETS[(step + 4) as usize])
    }
}

/// Everyday words at least this frequent (Zipf) train the native model.
const NATIVE_ZIPF: f32 = 3.5;

impl Default for Lexicon {
    fn default() -> Lexicon {
        static NEXT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);
        Lexicon {
            id: NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed),
            names: FxHashMap::default(),
            longest: 0,
            first_words: rustc_hash::FxHashSet::default(),
            zipf: FxHashMap::default(),
            transliteration: Transliteration::default(),
        }
    }
}

const COUNTRY: u8 = 1;
const NISBA: u8 = 1 << 1;
/// A town of 100,000 people or more, or an administrative region.
const MAJOR_PLACE: u8 = 1 << 2;
const MINOR_PLACE: u8 = 1 << 3;
/// A place one of whose names is an everyday word.
const COMMON_PLACE: u8 = 1 << 4;
const ACTOR: u8 = 1 << 5;
const CATEGORIES: usize = 6;
/// Names longer than this are not looked for.
const LONGEST_NAME: usize = 5;

impl Lexicon {
    /// The names of `kb`'s countries, nisbas, places and actors.
    pub fn from_knowledge(kb: &Knowledge) -> Lexicon {
        let mut lexicon = Lexicon {
            zipf: kb.word_zipf.clone(),
            ..Lexicon::default()
        };
        let focus: rustc_hash::FxHashSet<&str> = kb
            .countries
            .iter()
            .filter(|c| c.focus)
            .map(|c| c.iso2.as_str())
            .collect();
        for place in kb
            .places
            .iter()
            .filter(|p| !focus.contains(p.country.as_str()))
        {
            for word in place.names_ar.iter().flat_map(|n| n.split_whitespace()) {
                lexicon.transliteration.foreign.add(&fold(word));
            }
        }
        for (word, _) in kb.word_zipf.iter().filter(|(_, &z)| z >= NATIVE_ZIPF) {
            lexicon.transliteration.native.add(word);
        }
        for country in &kb.countries {
            for name in &country.names_ar {
                lexicon.add(name, COUNTRY);
            }
            for name in &country.nisba {
                lexicon.add(name, NISBA);
            }
        }
        for place in &kb.places {
            let category = if place.common {
                COMMON_PLACE
            } else if place.population >= 100_000
                || matches!(place.kind, PlaceKind::Admin1 | PlaceKind::Admin2)
            {
                MAJOR_PLACE
            } else {
                MINOR_PLACE
            };
            for name in &place.names_ar {
                lexicon.add(name, category);
            }
        }
        for actor in &kb.actors {
            for name in std::iter::once(&actor.name_ar).chain(&actor.aliases_ar) {
                lexicon.add(name, ACTOR);
            }
        }
        lexicon
    }

    fn add(&mut self, name: &str, category: u8) {
        let words: Vec<&str> = name.split_whitespace().collect();
        if words.is_empty() || words.len() > LONGEST_NAME {
            return;
        }
        let key = fold(&words.join(" "));
        self.longest = self.longest.max(words.len());
        if words.len() > 1 {
            self.first_words.insert(fold(words[0]));
        }
        *self.names.entry(key).or_default() |= category;
    }

    /// Per token, per category: 0 none, 1 the token begins a name, 2 it
    /// continues one, 3 it is a whole one-word name. The longest name at
    /// each start wins; a first word may carry proclitics (وبغداد).
    pub(crate) fn mark(&self, tokens: &[TokenInfo], facts: &[WordFacts]) -> Vec<[u8; CATEGORIES]> {
        let mut marks = vec![[0u8; CATEGORIES]; tokens.len()];
        if self.names.is_empty() {
            return marks;
        }
        let mut key = String::new();
        for start in 0..tokens.len() {
            if !facts[start].starts_multiword {
                if let Some(bits) = facts[start].one_word_name {
                    for (category, mark) in marks[start].iter_mut().enumerate() {
                        if bits & (1 << category) != 0 {
                            *mark = 3;
                        }
                    }
                }
                continue;
            }
            let longest = self.longest.min(tokens.len() - start);
            'length: for len in (1..=longest).rev() {
                for first in tokens[start].readings() {
                    key.clear();
                    key.push_str(first);
                    for token in &tokens[start + 1..start + len] {
                        key.push(' ');
                        key.push_str(&token.folded);
                    }
                    if let Some(&bits) = self.names.get(key.as_str()) {
                        for (category, mark) in marks[start].iter_mut().enumerate() {
                            if bits & (1 << category) != 0 {
                                *mark = if len == 1 { 3 } else { 1 };
                            }
                        }
                        for token_marks in &mut marks[start + 1..start + len] {
                            for (category, mark) in token_marks.iter_mut().enumerate() {
                                if bits & (1 << category) != 0 && *mark == 0 {
                                    *mark = 2;
                                }
                            }
                        }
                        break 'length;
                    }
                }
            }
        }
        marks
    }
}

/// What the features need of one word from the knowledge base and the
/// model's tables; the tagger caches it per word.
#[derive(Clone, Copy)]
pub(crate) struct WordFacts {
    /// Some reading of the word begins a knowledge-base name of two words or more.
    starts_multiword: bool,
    /// The categories of the one-word name of its first reading that is one.
    one_word_name: Option<u8>,
    /// Frequency buckets of the word and of its stem.
    bucket: &'static str,
    stem_bucket: &'static str,
    /// Fine and coarse cluster as key parts.
    cluster: (&'static str, &'static str),
    name_bits: u16,
    /// Transliteration buckets of the word without the article, and of its
    /// stem.
    foreign: Option<(&'static str, &'static str)>,
}

impl WordFacts {
    pub(crate) fn name_bits(&self) -> u16 {
        self.name_bits
    }

    pub(crate) fn new(
        token: &TokenInfo,
        families: Families,
        lexicon: &Lexicon,
        clusters: &Clusters,
        names: &NameTable,
    ) -> WordFacts {
        let bucket = |word: &str| -> &'static str {
            lexicon.zipf.get(word).map_or("rare", |z| {
                SMALL_NUMBERS[((z * 2.0) as usize).min(SMALL_NUMBERS.len() - 1)]
            })
        };
        let gazetteer = families.has(Families::GAZETTEER) && !lexicon.names.is_empty();
        let frequency = families.has(Families::FREQUENCY);
        WordFacts {
            starts_multiword: gazetteer
                && token.readings().any(|r| lexicon.first_words.contains(r)),
            one_word_name: if gazetteer {
                token.readings().find_map(|r| lexicon.names.get(r).copied())
            } else {
                None
            },
            bucket: if frequency { bucket(&token.folded) } else { "" },
            stem_bucket: if frequency { bucket(token.stem()) } else { "" },
            cluster: own_cluster(token, families, clusters),
            name_bits: own_name_bits(token, families, names),
            foreign: if families.has(Families::TRANSLITERATION) {
                let word = &token.folded[token.article_len.unwrap_or(0)..];
                let model = &lexicon.transliteration;
                model.bucket(word).zip(model.bucket(token.stem()))
            } else {
                None
            },
        }
    }
}

/// What the features need to know of one token.
#[derive(Clone)]
pub(crate) struct TokenInfo {
    /// Shared, so the tagger's word cache hands out copies cheaply.
    folded: std::rc::Rc<str>,
    /// Byte length of the proclitics in `folded` (0 when none).
    clitic_len: usize,
    /// Byte length of the proclitics up to the article, when one was split.
    article_len: Option<usize>,
    shape: std::rc::Rc<str>,
}

impl TokenInfo {
    pub(crate) fn new(word: &str) -> TokenInfo {
        let folded = fold(word);
        // the longest clitic string that leaves a stem of three letters or more
        let mut clitic_len = 0;
        let mut article_len = None;
        for split in proclitic_splits(&folded) {
            if folded[split.len..].chars().count() >= 3 {
                clitic_len = split.len;
                if split.article {
                    article_len = Some(split.len);
                }
            }
        }
        TokenInfo {
            shape: shape(word).into(),
            folded: folded.into(),
            clitic_len,
            article_len,
        }
    }

    fn stem(&self) -> &str {
        &self.folded[self.clitic_len..]
    }

    fn clitics(&self) -> &str {
        &self.folded[..self.clitic_len]
    }

    /// The forms a name's first word may take here: as written, without
    /// each possible clitic string, and keeping the article a name may
    /// include (والعراق → العراق).
    fn readings(&self) -> impl Iterator<Item = &str> {
        proclitic_splits(&self.folded).flat_map(|split| {
            let with_article =
                (split.article && split.len > 4 && self.folded[..split.len].ends_with("ال"))
                    .then(|| &self.folded[split.len - 4..]);
            std::iter::once(&self.folded[split.len..]).chain(with_article)
        })
    }
}

/// Per stem, the words around its occurrences in a document (as feature
/// keys, with counts): a name the sentence leaves ambiguous is often
/// introduced elsewhere in the article (السيد ليبرمان ... ليبرمان).
#[derive(Default)]
pub(crate) struct DocContext {
    by_stem: FxHashMap<StemKey, FxHashMap<u64, Context>>,
}

/// A context key's occurrences in the document, and its weight row once
/// the tagger has resolved it ([`DocContext::resolve`]).
#[derive(Clone, Copy)]
struct Context {
    count: u32,
    slot: Slot,
}

/// A token's stem as a map key without copying it: the token's shared
/// folded form and the byte where the stem begins (hashed and compared as
/// the stem).
struct StemKey(std::rc::Rc<str>, usize);

impl StemKey {
    fn as_str(&self) -> &str {
        &self.0[self.1..]
    }
}

impl PartialEq for StemKey {
    fn eq(&self, other: &StemKey) -> bool {
        self.as_str() == other.as_str()
    }
}

impl Eq for StemKey {}

impl std::hash::Hash for StemKey {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.as_str().hash(state);
    }
}

impl std::borrow::Borrow<str> for StemKey {
    fn borrow(&self) -> &str {
        self.as_str()
    }
}

/// Stems shorter than this (in bytes) carry no document context.
const DOC_STEM_MIN_BYTES: usize = 6;

/// The token information of a sentence's words.
pub(crate) fn token_infos(words: &[&str]) -> Vec<TokenInfo> {
    words.iter().map(|w| TokenInfo::new(w)).collect()
}

impl DocContext {
    pub(crate) fn new<T: AsRef<[TokenInfo]>>(sentences: &[T]) -> DocContext {
        let mut doc = DocContext::default();
        if sentences.len() < 2 {
            return doc;
        }
        for tokens in sentences {
            let tokens = tokens.as_ref();
            for (i, token) in tokens.iter().enumerate() {
                if token.stem().len() < DOC_STEM_MIN_BYTES {
                    continue;
                }
                let stem = StemKey(token.folded.clone(), token.clitic_len);
                let entry = doc.by_stem.entry(stem).or_default();
                for context in occurrence_contexts(tokens, i) {
                    entry
                        .entry(context)
                        .or_insert(Context {
                            count: 0,
                            slot: NO_SLOT,
                        })
                        .count += 1;
                }
            }
        }
        doc
    }

    /// Looks up the weight row of every context key once, for
    /// [`context_scores`]; not those of a stem seen once (its two contexts
    /// are its own, never used).
    pub(crate) fn resolve(&mut self, find: impl Fn(u64) -> Slot) {
        for contexts in self.by_stem.values_mut() {
            if contexts.values().map(|c| c.count).sum::<u32>() <= 2 {
                continue;
            }
            for (&key, context) in contexts.iter_mut() {
                context.slot = find(key);
            }
        }
    }
}

/// The keys one occurrence contributes to its stem's document context.
fn occurrence_contexts(tokens: &[TokenInfo], i: usize) -> [u64; 2] {
    let folded = |j: Option<usize>| j.and_then(|j| tokens.get(j)).map_or(PAD, |t| &*t.folded);
    [
        key(40, &[folded(i.checked_sub(1))]),
        key(41, &[folded(Some(i + 1))]),
    ]
}

/// Arabic letters → a, Latin → L, digits → d, others kept; runs collapsed.
fn shape(word: &str) -> String {
    let mut out = String::new();
    for c in word.chars() {
        let class = if ('\u{0600}'..='\u{06FF}').contains(&c) && !c.is_ascii_punctuation() {
            if c.is_alphabetic() {
                'a'
            } else if c.is_numeric() {
                'd'
            } else {
                c
            }
        } else if c.is_ascii_digit() || c.is_numeric() {
            'd'
        } else if c.is_alphabetic() {
            'L'
        } else {
            c
        };
        if !out.ends_with(class) {
            out.push(class);
        }
        if out.len() > 12 {
            break;
        }
    }
    out
}

/// A template id and its parts hashed into a feature key: FxHash steps over
/// eight bytes at a time, then a MurmurHash3 finaliser so the keys spread
/// over a hash table.
fn key(template: u8, parts: &[&str]) -> u64 {
    const SEED: u64 = 0x51_7c_c1_b7_27_22_0a_95;
    let step = |hash: u64, word: u64| (hash.rotate_left(5) ^ word).wrapping_mul(SEED);
    let mut hash = step(0, u64::from(template));
    for part in parts {
        let bytes = part.as_bytes();
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            hash = step(
                hash,
                u64::from_le_bytes(chunk.try_into().expect("8-byte chunk")),
            );
        }
        let mut tail = [0u8; 8];
        tail[..chunks.remainder().len()].copy_from_slice(chunks.remainder());
        hash = step(hash, u64::from_le_bytes(tail));
        hash = step(hash, bytes.len() as u64);
    }
    hash ^= hash >> 33;
    hash = hash.wrapping_mul(0xff51_afd7_ed55_8ccd);
    hash ^= hash >> 33;
    hash = hash.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
    hash ^ (hash >> 33)
}

const PAD: &str = "<s>";

/// Small numbers as key parts, without formatting them.
const SMALL_NUMBERS: [&str; 16] = [
    "0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12", "13", "14", "15",
];

/// The feature keys of a sentence's tokens, flat: token `i`'s keys are
/// `keys[ends[i - 1]..ends[i]]`.
#[derive(Default)]
pub(crate) struct Features {
    pub keys: Vec<u64>,
    pub ends: Vec<usize>,
}

impl Features {
    pub fn token(&self, i: usize) -> &[u64] {
        let start = if i == 0 { 0 } else { self.ends[i - 1] };
        &self.keys[start..self.ends[i]]
    }

    pub fn len(&self) -> usize {
        self.ends.len()
    }
}

/// Cluster numbers as key parts, formatted once (cluster counts are in
/// the hundreds; larger numbers share the last string).
fn number(n: u16) -> &'static str {
    static NUMBERS: std::sync::OnceLock<Vec<String>> = std::sync::OnceLock::new();
    let numbers = NUMBERS.get_or_init(|| (0..4096).map(|n: u16| n.to_string()).collect());
    &numbers[usize::from(n).min(numbers.len() - 1)]
}

/// The feature keys of every token of a sentence (`tokens` are the
/// [`token_infos`] of `words`); without `intrinsic`, only those that depend
/// on the token's neighbours (the tagger caches the weights of the rest per
/// word, see [`intrinsic_features`]).
#[allow(clippy::too_many_arguments)]
pub(crate) fn sentence_features(
    words: &[&str],
    tokens: &[TokenInfo],
    facts: &[WordFacts],
    families: Families,
    lexicon: &Lexicon,
    doc: &DocContext,
    intrinsic: bool,
) -> Features {
    let marks = if families.has(Families::GAZETTEER) {
        lexicon.mark(tokens, facts)
    } else {
        Vec::new()
    };
    let folded = |i: isize| -> &str {
        usize::try_from(i)
            .ok()
            .and_then(|i| tokens.get(i))
            .map_or(PAD, |t| &*t.folded)
    };
    let stem = |i: isize| -> &str {
        usize::try_from(i)
            .ok()
            .and_then(|i| tokens.get(i))
            .map_or(PAD, |t| t.stem())
    };
    // each token's clusters and frequency bucket as key parts
    let cluster = |i: isize, coarse: bool| -> &str {
        usize::try_from(i)
            .ok()
            .and_then(|i| facts.get(i))
            .map_or(PAD, |f| if coarse { f.cluster.1 } else { f.cluster.0 })
    };
    let mut gram = String::new();
    let mut all = Features {
        keys: Vec::with_capacity(tokens.len() * 64),
        ends: Vec::with_capacity(tokens.len()),
    };
    for (i, token) in tokens.iter().enumerate() {
        let at = i as isize;
        let f = &mut all.keys;
        let stem_text = token.stem();
        if intrinsic {
            intrinsic_features(words[i], token, families, &facts[i], &mut gram, f);
        }
        if families.has(Families::SHAPE) {
            f.push(key(11, &[if i == 0 { "first" } else { "inner" }]));
            f.push(key(12, &[tokens.get(i + 1).map_or(PAD, |t| &*t.shape)]));
            f.push(key(
                12,
                &[
                    &token.shape,
                    i.checked_sub(1).map_or(PAD, |j| &*tokens[j].shape),
                ],
            ));
        }
        if families.has(Families::GAZETTEER) {
            for (category, &mark) in marks[i].iter().enumerate() {
                if mark > 0 {
                    let (category, mark) = (SMALL_NUMBERS[category], SMALL_NUMBERS[mark as usize]);
                    f.push(key(13, &[category, mark]));
                    f.push(key(14, &[category, mark, stem_text]));
                }
                for (side, j) in [("-1", i.checked_sub(1)), ("+1", Some(i + 1))] {
                    if let Some(neighbour) = j.and_then(|j| marks.get(j)) {
                        if neighbour[category] > 0 {
                            let mark = SMALL_NUMBERS[neighbour[category] as usize];
                            f.push(key(15, &[side, SMALL_NUMBERS[category], mark]));
                        }
                    }
                }
            }
        }
        if families.has(Families::CONTEXT) {
            for (template, offset) in [(16, -2), (17, -1), (18, 1), (19, 2)] {
                f.push(key(template, &[folded(at + offset)]));
            }
            f.push(key(20, &[stem(at - 1)]));
            f.push(key(21, &[stem(at + 1)]));
            f.push(key(22, &[folded(at - 1), stem_text]));
            f.push(key(23, &[stem_text, folded(at + 1)]));
            f.push(key(24, &[folded(at - 2), folded(at - 1)]));
            f.push(key(25, &[folded(at + 1), folded(at + 2)]));
        }
        if families.has(Families::CLUSTERS) {
            f.push(key(28, &[cluster(at - 1, false)]));
            f.push(key(29, &[cluster(at + 1, false)]));
            f.push(key(30, &[cluster(at - 1, true), cluster(at, true)]));
            f.push(key(31, &[cluster(at, true), cluster(at + 1, true)]));
        }
        if families.has(Families::FREQUENCY) {
            let word_bucket = facts[i].bucket;
            f.push(key(32, &[word_bucket]));
            f.push(key(33, &[facts[i].stem_bucket]));
            f.push(key(34, &[word_bucket, &token.shape]));
            f.push(key(
                35,
                &[word_bucket, facts.get(i + 1).map_or(PAD, |f| f.bucket)],
            ));
        }
        if families.has(Families::NAME_LISTS) {
            for (offset, j) in [
                ("-1", i.checked_sub(1)),
                ("+1", Some(i + 1)),
                ("-2", i.checked_sub(2)),
                ("+2", Some(i + 2)),
            ] {
                let Some(bits) = j.and_then(|j| facts.get(j)).map(|f| f.name_bits) else {
                    continue;
                };
                if bits & NEVER_A_NAME != 0 {
                    f.push(key(36, &[offset]));
                }
                for (t, kind) in SMALL_NUMBERS[..KINDS.len()].iter().enumerate() {
                    let level = (bits >> (2 * t)) & 3;
                    if level > 0 {
                        f.push(key(37, &[offset, kind, SMALL_NUMBERS[level as usize]]));
                    }
                    if bits & (1 << (LIST_SHIFT + t as u16)) != 0 {
                        f.push(key(39, &[offset, kind]));
                    }
                }
            }
        }
        if families.has(Families::DOCUMENT) {
            if let Some(contexts) = doc.by_stem.get(stem_text) {
                let own = occurrence_contexts(tokens, i);
                let mut others = 0;
                for (&context, c) in contexts {
                    let count = c.count - own.iter().filter(|&&k| k == context).count() as u32;
                    if count > 0 {
                        f.push(context);
                        others += count;
                    }
                }
                f.push(key(42, &[SMALL_NUMBERS[(others as usize / 2).min(4)]]));
            }
        }
        all.ends.push(all.keys.len());
    }
    all
}

/// A feature's row in the model's weight table, or [`NO_SLOT`] when it
/// has no weights.
pub(crate) type Slot = u32;

/// The slot of a feature without weights.
pub(crate) const NO_SLOT: Slot = u32::MAX;

/// The weight rows of the name-table features one word gives a token at
/// one offset (at most: never a name, and a level and a list per type).
#[derive(Clone, Copy, Default)]
pub(crate) struct NameSlots {
    len: u8,
    slots: [u32; 1 + 2 * KINDS.len()],
}

impl NameSlots {
    fn push(&mut self, slot: Slot) {
        if slot != NO_SLOT {
            self.slots[self.len as usize] = slot;
            self.len += 1;
        }
    }

    fn as_slice(&self) -> &[u32] {
        &self.slots[..self.len as usize]
    }
}

/// Offsets of the name-table features of neighbours, in the order
/// [`sentence_features`] takes them.
const NAME_OFFSETS: [&str; 4] = ["-1", "+1", "-2", "+2"];

/// The weight rows, resolved once per word, of the context features that
/// depend on one word alone: the word as a neighbour of the token (its
/// form, stem, cluster, shape, name-table facts at each offset) and its own
/// frequency features. The tagger caches them with the word, so a token
/// hashes and looks up only the features of word pairs and of the document.
#[derive(Clone, Copy)]
pub(crate) struct WordSlots {
    /// Template 12: the shape as the token's right neighbour.
    next_shape: Slot,
    /// Templates 16–19: the folded word two and one to the left, one and
    /// two to the right of the token.
    near: [Slot; 4],
    /// Templates 20, 21: the stem to the left, to the right.
    stem: [Slot; 2],
    /// Templates 28, 29: the fine cluster to the left, to the right.
    cluster: [Slot; 2],
    /// Templates 32–34: the token's own frequency buckets.
    bucket: Slot,
    stem_bucket: Slot,
    bucket_shape: Slot,
    /// The name-table features at each of [`NAME_OFFSETS`]: which of the
    /// model's [`name_slots`] sets (they depend on the word's name bits
    /// alone), or [`NO_NAME_SET`].
    names: u16,
}

/// A word whose name bits have no precomputed set: computed where used.
pub(crate) const NO_NAME_SET: u16 = u16::MAX;

/// The rows of the name-table features a word with name `bits` gives a
/// token at each of [`NAME_OFFSETS`].
pub(crate) fn name_slots(bits: u16, find: impl Fn(u64) -> Slot) -> [NameSlots; 4] {
    let mut sets = [NameSlots::default(); 4];
    for (names, offset) in sets.iter_mut().zip(NAME_OFFSETS) {
        if bits & NEVER_A_NAME != 0 {
            names.push(find(key(36, &[offset])));
        }
        for (t, kind) in SMALL_NUMBERS[..KINDS.len()].iter().enumerate() {
            let level = (bits >> (2 * t)) & 3;
            if level > 0 {
                names.push(find(key(
                    37,
                    &[offset, kind, SMALL_NUMBERS[level as usize]],
                )));
            }
            if bits & (1 << (LIST_SHIFT + t as u16)) != 0 {
                names.push(find(key(39, &[offset, kind])));
            }
        }
    }
    sets
}

impl Default for WordSlots {
    fn default() -> WordSlots {
        WordSlots {
            next_shape: NO_SLOT,
            near: [NO_SLOT; 4],
            stem: [NO_SLOT; 2],
            cluster: [NO_SLOT; 2],
            bucket: NO_SLOT,
            stem_bucket: NO_SLOT,
            bucket_shape: NO_SLOT,
            names: NO_NAME_SET,
        }
    }
}

impl WordSlots {
    /// The slots of a word; `name_set` is the index of its name bits' set.
    pub(crate) fn new(
        token: &TokenInfo,
        facts: &WordFacts,
        families: Families,
        find: impl Fn(u64) -> Slot,
        name_set: u16,
    ) -> WordSlots {
        let mut slots = WordSlots::default();
        if families.has(Families::SHAPE) {
            slots.next_shape = find(key(12, &[&token.shape]));
        }
        if families.has(Families::CONTEXT) {
            for (slot, template) in slots.near.iter_mut().zip([16, 17, 18, 19]) {
                *slot = find(key(template, &[&token.folded]));
            }
            slots.stem = [20, 21].map(|t| find(key(t, &[token.stem()])));
        }
        if families.has(Families::CLUSTERS) {
            slots.cluster = [28, 29].map(|t| find(key(t, &[facts.cluster.0])));
        }
        if families.has(Families::FREQUENCY) {
            slots.bucket = find(key(32, &[facts.bucket]));
            slots.stem_bucket = find(key(33, &[facts.stem_bucket]));
            slots.bucket_shape = find(key(34, &[facts.bucket, &token.shape]));
        }
        slots.names = name_set;
        slots
    }

    /// The rows of the sentence edge (`<s>`) as a neighbour.
    pub(crate) fn edge(families: Families, find: impl Fn(u64) -> Slot) -> WordSlots {
        let mut slots = WordSlots::default();
        if families.has(Families::SHAPE) {
            slots.next_shape = find(key(12, &[PAD]));
        }
        if families.has(Families::CONTEXT) {
            slots.near = [16, 17, 18, 19].map(|t| find(key(t, &[PAD])));
            slots.stem = [20, 21].map(|t| find(key(t, &[PAD])));
        }
        if families.has(Families::CLUSTERS) {
            slots.cluster = [28, 29].map(|t| find(key(t, &[PAD])));
        }
        slots
    }
}

/// The context part of each token's score: exactly the sums (the same
/// weights added in the same order) that scoring the keys of
/// [`sentence_features`] without `intrinsic` gives, with the features of
/// single words taken from their [`WordSlots`] (`slots[i]` those of
/// `tokens[i]`, `edge` those of the sentence edge). A test holds the two
/// equal.
#[allow(clippy::too_many_arguments)]
pub(crate) fn context_scores(
    tokens: &[TokenInfo],
    facts: &[WordFacts],
    slots: &[WordSlots],
    edge: &WordSlots,
    families: Families,
    lexicon: &Lexicon,
    doc: &DocContext,
    find: impl Fn(u64) -> Slot,
    weights: &[[f32; LABELS]],
    name_sets: &[[NameSlots; 4]],
) -> Vec<[f32; LABELS]> {
    let marks = if families.has(Families::GAZETTEER) {
        lexicon.mark(tokens, facts)
    } else {
        Vec::new()
    };
    let folded = |i: isize| -> &str {
        usize::try_from(i)
            .ok()
            .and_then(|i| tokens.get(i))
            .map_or(PAD, |t| &*t.folded)
    };
    let cluster = |i: isize, coarse: bool| -> &str {
        usize::try_from(i)
            .ok()
            .and_then(|i| facts.get(i))
            .map_or(PAD, |f| if coarse { f.cluster.1 } else { f.cluster.0 })
    };
    let at_slots = |i: isize| -> &WordSlots {
        usize::try_from(i)
            .ok()
            .and_then(|i| slots.get(i))
            .unwrap_or(edge)
    };
    let (first, inner) = (find(key(11, &["first"])), find(key(11, &["inner"])));
    let mut scores = Vec::with_capacity(tokens.len());
    for (i, token) in tokens.iter().enumerate() {
        let at = i as isize;
        let mut row = [0f32; LABELS];
        let mut add = |slot: Slot| {
            if slot != NO_SLOT {
                let w = &weights[slot as usize];
                row.iter_mut().zip(w).for_each(|(s, w)| *s += w);
            }
        };
        let stem_text = token.stem();
        if families.has(Families::SHAPE) {
            add(if i == 0 { first } else { inner });
            add(at_slots(at + 1).next_shape);
            add(find(key(
                12,
                &[
                    &token.shape,
                    i.checked_sub(1).map_or(PAD, |j| &*tokens[j].shape),
                ],
            )));
        }
        if families.has(Families::GAZETTEER) {
            for (category, &mark) in marks[i].iter().enumerate() {
                if mark > 0 {
                    let (category, mark) = (SMALL_NUMBERS[category], SMALL_NUMBERS[mark as usize]);
                    add(find(key(13, &[category, mark])));
                    add(find(key(14, &[category, mark, stem_text])));
                }
                for (side, j) in [("-1", i.checked_sub(1)), ("+1", Some(i + 1))] {
                    if let Some(neighbour) = j.and_then(|j| marks.get(j)) {
                        if neighbour[category] > 0 {
                            let mark = SMALL_NUMBERS[neighbour[category] as usize];
                            add(find(key(15, &[side, SMALL_NUMBERS[category], mark])));
                        }
                    }
                }
            }
        }
        if families.has(Families::CONTEXT) {
            add(at_slots(at - 2).near[0]);
            add(at_slots(at - 1).near[1]);
            add(at_slots(at + 1).near[2]);
            add(at_slots(at + 2).near[3]);
            add(at_slots(at - 1).stem[0]);
            add(at_slots(at + 1).stem[1]);
            add(find(key(22, &[folded(at - 1), stem_text])));
            add(find(key(23, &[stem_text, folded(at + 1)])));
            add(find(key(24, &[folded(at - 2), folded(at - 1)])));
            add(find(key(25, &[folded(at + 1), folded(at + 2)])));
        }
        if families.has(Families::CLUSTERS) {
            add(at_slots(at - 1).cluster[0]);
            add(at_slots(at + 1).cluster[1]);
            add(find(key(30, &[cluster(at - 1, true), cluster(at, true)])));
            add(find(key(31, &[cluster(at, true), cluster(at + 1, true)])));
        }
        if families.has(Families::FREQUENCY) {
            let own = &slots[i];
            add(own.bucket);
            add(own.stem_bucket);
            add(own.bucket_shape);
            add(find(key(
                35,
                &[facts[i].bucket, facts.get(i + 1).map_or(PAD, |f| f.bucket)],
            )));
        }
        if families.has(Families::NAME_LISTS) {
            let neighbours = [i.checked_sub(1), Some(i + 1), i.checked_sub(2), Some(i + 2)];
            for (offset, j) in neighbours.into_iter().enumerate() {
                if let Some(j) = j.filter(|&j| j < slots.len()) {
                    let computed;
                    let set = match name_sets.get(usize::from(slots[j].names)) {
                        Some(set) => set,
                        None => {
                            computed = name_slots(facts[j].name_bits, &find);
                            &computed
                        }
                    };
                    for &slot in set[offset].as_slice() {
                        add(slot);
                    }
                }
            }
        }
        if families.has(Families::DOCUMENT) {
            if let Some(contexts) = doc.by_stem.get(stem_text) {
                let own = occurrence_contexts(tokens, i);
                let mut others = 0;
                for (&context, c) in contexts {
                    let count = c.count - own.iter().filter(|&&k| k == context).count() as u32;
                    if count > 0 {
                        add(c.slot);
                        others += count;
                    }
                }
                add(find(key(
                    42,
                    &[SMALL_NUMBERS[(others as usize / 2).min(4)]],
                )));
            }
        }
        scores.push(row);
    }
    scores
}

/// The token's (fine, coarse) cluster as key parts.
pub(crate) fn own_cluster(
    token: &TokenInfo,
    families: Families,
    clusters: &Clusters,
) -> (&'static str, &'static str) {
    if !families.has(Families::CLUSTERS) {
        return ("", "");
    }
    clusters
        .of(&token.folded)
        .or_else(|| clusters.of(token.stem()))
        .map_or(("?", "?"), |(fine, coarse)| (number(fine), number(coarse)))
}

/// The token's name-table bits (of the word, else of its stem).
pub(crate) fn own_name_bits(token: &TokenInfo, families: Families, names: &NameTable) -> u16 {
    if !families.has(Families::NAME_LISTS) {
        return 0;
    }
    match names.of(&token.folded) {
        0 => names.of(token.stem()),
        bits => bits,
    }
}

/// The keys that depend on the word alone (and the model's cluster and
/// name tables): identical wherever the word occurs.
pub(crate) fn intrinsic_features(
    word: &str,
    token: &TokenInfo,
    families: Families,
    facts: &WordFacts,
    gram: &mut String,
    f: &mut Vec<u64>,
) {
    let ((fine, coarse), bits) = (facts.cluster, facts.name_bits);
    let stem_text = token.stem();
    f.push(key(0, &[]));
    if families.has(Families::WORD) {
        f.push(key(1, &[word]));
        f.push(key(2, &[&token.folded]));
    }
    if families.has(Families::CLITIC) {
        f.push(key(3, &[stem_text]));
        f.push(key(4, &[token.clitics()]));
        f.push(key(
            5,
            &[if token.article_len.is_some() {
                "al"
            } else {
                "-"
            }],
        ));
    }
    if families.has(Families::AFFIX) {
        let chars: Vec<(usize, char)> = stem_text.char_indices().collect();
        // prefixes of one to three letters: the byte offset of letter n ends one
        for (n, &(end, _)) in chars.iter().enumerate().skip(1).take(3) {
            f.push(key(6, &[SMALL_NUMBERS[n], &stem_text[..end]]));
        }
        for n in 1..=4 {
            if n < chars.len() {
                f.push(key(
                    7,
                    &[SMALL_NUMBERS[n], &stem_text[chars[chars.len() - n].0..]],
                ));
            }
        }
        let padded: Vec<char> = std::iter::once('^')
            .chain(stem_text.chars())
            .chain(std::iter::once('$'))
            .collect();
        for window in padded.windows(3) {
            gram.clear();
            gram.extend(window);
            f.push(key(8, &[gram]));
        }
    }
    if families.has(Families::SHAPE) {
        f.push(key(9, &[&token.shape]));
        f.push(key(
            10,
            &[SMALL_NUMBERS[token.folded.chars().count().min(12)]],
        ));
    }
    if families.has(Families::CLUSTERS) {
        f.push(key(26, &[fine]));
        f.push(key(27, &[coarse]));
    }
    if let Some((word_bucket, stem_bucket)) = facts.foreign {
        f.push(key(43, &[word_bucket]));
        f.push(key(44, &[stem_bucket]));
        f.push(key(45, &[word_bucket, facts.bucket]));
    }
    if families.has(Families::NAME_LISTS) {
        let al = if token.article_len.is_some() {
            "al"
        } else {
            "-"
        };
        if bits & NEVER_A_NAME != 0 {
            f.push(key(36, &["0"]));
        }
        for (t, kind) in SMALL_NUMBERS[..KINDS.len()].iter().enumerate() {
            let level = (bits >> (2 * t)) & 3;
            if level > 0 {
                let level = SMALL_NUMBERS[level as usize];
                f.push(key(37, &["0", kind, level]));
                f.push(key(38, &[kind, level, al]));
            }
            if bits & (1 << (LIST_SHIFT + t as u16)) != 0 {
                f.push(key(39, &["0", kind]));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shape_collapses_runs() {
        assert_eq!(shape("بغداد"), "a");
        assert_eq!(shape("F-16"), "L-d");
        assert_eq!(shape("٢٠٢٤"), "d");
        assert_eq!(shape("(د"), "(a");
    }

    /// Every family's facts of the tokens, with `lexicon` and no clusters
    /// or name table.
    fn facts_of(tokens: &[TokenInfo], lexicon: &Lexicon) -> Vec<WordFacts> {
        tokens
            .iter()
            .map(|t| {
                WordFacts::new(
                    t,
                    Families::ALL,
                    lexicon,
                    &Clusters::default(),
                    &NameTable::default(),
                )
            })
            .collect()
    }

    #[test]
    fn lexicon_marks_names_behind_clitics() {
        let mut lexicon = Lexicon::default();
        lexicon.add("بغداد", MAJOR_PLACE);
        lexicon.add("الأمم المتحدة", ACTOR);
        let words = ["وصل", "وفد", "الأمم", "المتحدة", "إلى", "وبغداد"];
        let tokens = token_infos(&words);
        let facts = facts_of(&tokens, &lexicon);
        let marks = lexicon.mark(&tokens, &facts);
        assert_eq!(marks[2][5], 1);
        assert_eq!(marks[3][5], 2);
        assert_eq!(marks[5][2], 3);
        assert_eq!(marks[0], [0; CATEGORIES]);
    }

    #[test]
    fn a_word_carries_the_context_of_its_other_occurrences_in_the_document() {
        let first = ["قال", "السيد", "ليبرمان", "امس"];
        let second = ["ووصل", "ليبرمان", "الى", "القدس"];
        let tokens = [token_infos(&first), token_infos(&second)];
        let doc = DocContext::new(&tokens);
        let lexicon = Lexicon::default();
        let facts = facts_of(&tokens[1], &lexicon);
        let features = sentence_features(
            &second,
            &tokens[1],
            &facts,
            Families::ALL,
            &lexicon,
            &doc,
            false,
        );
        // ليبرمان follows السيد elsewhere in the document
        assert!(features.token(1).contains(&key(40, &["السيد"])));
        // but its own left neighbour is not counted as another occurrence
        assert!(!features.token(1).contains(&key(40, &["ووصل"])));
        let alone = sentence_features(
            &second,
            &tokens[1],
            &facts,
            Families::ALL,
            &lexicon,
            &DocContext::default(),
            false,
        );
        assert!(!alone.token(1).contains(&key(40, &["السيد"])));
    }

    #[test]
    fn foreign_letters_score_above_everyday_words() {
        let mut model = Transliteration::default();
        for name in [
            "فرانكفورت",
            "شتوتغارت",
            "برشلونة",
            "فلوريدا",
            "كاليفورنيا",
            "مانشستر",
            "ليفربول",
            "أمستردام",
            "بيتسبرغ",
            "هامبورغ",
            "سانتياغو",
            "تورنتو",
        ] {
            model.foreign.add(&fold(name));
        }
        for word in [
            "الحكومة",
            "قال",
            "وزير",
            "المدينة",
            "يوم",
            "مقتل",
            "الأمن",
            "مسلحون",
            "الشرطة",
            "عملية",
            "المنطقة",
            "أعلن",
            "اجتماع",
            "الخارجية",
        ] {
            model.native.add(&fold(word));
        }
        let step = |word: &str| -> i32 { model.bucket(&fold(word)).unwrap().parse().unwrap() };
        assert!(step("فورتغر") > step("المسلحين"));
        assert!(step("بورغ") > step("وزارة"));
        assert_eq!(Transliteration::default().bucket("فورتغر"), None);
    }
}
