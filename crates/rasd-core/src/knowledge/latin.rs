//! The Latin side of cross-script matching (see [`super::romanize`]):
//! GeoNames spellings reduced to consonant skeletons and their index keys.
//!
//! Self-contained, so that the build script computes the embedded
//! gazetteer's skeleton index with this very code (`build.rs` includes this
//! file) and the binary loads it in one pass instead of keying half a
//! million names at every start.

/// Skeletons shorter than this match too many places to mean anything.
pub const MIN_SKELETON: usize = 3;

/// How a consonant repeated inside a word counts.
#[derive(Clone, Copy, PartialEq)]
pub(super) enum Doubles {
    /// Once, vowels between or not: the coarse skeleton `kb build` keeps one
    /// Latin spelling per.
    Merge,
    /// Once when written double (Raqqah, شدّة), twice across a vowel
    /// (Jamaame, جمامي): the look-up skeleton, which keeps short names
    /// apart.
    AcrossVowels,
    /// Always twice: Arabic leaves short vowels out, so ببيلا may be Babila.
    Never,
}

pub(super) fn latin_skeleton_with(name: &str, out: &mut String, doubles: Doubles) {
    out.clear();
    let folded;
    let name = if name.is_ascii() {
        name
    } else {
        folded = name
            .chars()
            .filter(|c| !matches!(c, '‘' | '’' | 'ʿ' | 'ʾ' | 'ʼ'))
            .flat_map(char::to_lowercase)
            .map(strip_latin_diacritic)
            .collect::<String>();
        &folded
    };
    let mut word = [0u8; 64];
    let mut len = 0;
    for &b in name.as_bytes().iter().chain(b" ") {
        match b {
            // ʿayn and hamza marks (Rif'at, Qa'im) vanish inside the word
            b'\'' | b'`' => {}
            b if b.is_ascii_alphabetic() && len < word.len() => {
                word[len] = b.to_ascii_lowercase();
                len += 1;
            }
            b if b.is_ascii_alphabetic() => {}
            _ => {
                push_latin_word(&word[..len], out, doubles);
                len = 0;
            }
        }
    }
}

/// The letters of a lowercase word that are read: nothing of an article
/// (al, el, ad …), and no final h after a vowel, the ة of "Raqqah", "Hamah".
pub(super) fn sounded_letters(word: &[u8]) -> &[u8] {
    if word.is_empty() || is_latin_article(word) {
        return &[];
    }
    let silent_h = word.len() >= 2 && word.ends_with(b"h") && is_vowel(word[word.len() - 2]);
    if silent_h {
        &word[..word.len() - 1]
    } else {
        word
    }
}

fn push_latin_word(word: &[u8], out: &mut String, doubles: Doubles) {
    let word = sounded_letters(word);
    let mut i = 0;
    let mut vowel_before = false;
    while i < word.len() {
        if is_vowel(word[i]) {
            vowel_before = true;
            i += 1;
            continue;
        }
        let (class, width) = match word.get(i..i + 2) {
            Some(b"kh") => (Some('x'), 2),
            Some(b"sh" | b"ch") => (Some('c'), 2),
            Some(b"th") => (Some('t'), 2),
            Some(b"dh") => (Some('d'), 2),
            Some(b"gh" | b"dj") => (Some('j'), 2),
            Some(b"ph") => (Some('f'), 2),
            Some(b"ck") => (Some('k'), 2),
            _ => (latin_class(word[i]), 1),
        };
        if let Some(c) = class {
            if doubles == Doubles::AcrossVowels && vowel_before {
                out.push(c);
            } else {
                push_class(out, c);
            }
            vowel_before = false;
        }
        i += width;
    }
}

/// Adds a consonant class; a doubled consonant counts once.
pub(super) fn push_class(out: &mut String, class: char) {
    if !out.ends_with(class) {
        out.push(class);
    }
}

/// The readings of a Latin skeleton: each ambiguous letter (G: ج or ق; C:
/// ق, ع, or ج as in Turkish) read every way, the first two of them at most.
/// A reading may come more than once.
///
/// ```
/// use rasd_core::knowledge::romanize::{latin_readings, latin_skeleton};
/// let mut readings = Vec::new();
/// latin_readings(&latin_skeleton("Tolga"), |r| readings.push(r.to_owned()));
/// assert!(readings.contains(&"tlk".to_owned()) && readings.contains(&"tlj".to_owned()));
/// ```
pub fn latin_readings(skeleton: &str, mut each: impl FnMut(&str)) {
    let ambiguous = skeleton
        .bytes()
        .filter(|b| b.is_ascii_uppercase())
        .count()
        .min(2);
    let mut reading = String::with_capacity(skeleton.len());
    for choice in 0..3u32.pow(ambiguous as u32) {
        reading.clear();
        let mut nth = 0;
        // a consonant the skeleton repeats stays repeated; one that meets
        // its double where a C read as ʿayn drops out counts once
        let mut dropped = false;
        for c in skeleton.chars() {
            let class = match c {
                'G' | 'C' => {
                    let option = if nth < 2 {
                        choice / 3u32.pow(nth) % 3
                    } else {
                        0
                    };
                    nth += 1;
                    match (c, option) {
                        ('G', 1) | ('C', 0) => Some('k'),
                        ('C', 1) => None,
                        _ => Some('j'),
                    }
                }
                c => Some(c),
            };
            match class {
                Some(class) if dropped => push_class(&mut reading, class),
                Some(class) => reading.push(class),
                None => {}
            }
            dropped = class.is_none();
        }
        each(&reading);
    }
}

/// Shortest skeleton a place's own name is indexed by (Luuq, Tera, Bama);
/// aliases need [`MIN_SKELETON`]. Reports' two-consonant names are looked
/// up with more care (see `romanize::find`).
pub const MIN_OWN_NAME_SKELETON: usize = 2;

/// The index keys of a Latin skeleton's readings long enough to mean
/// something, each once.
pub fn latin_keys(skeleton: &str, keys: &mut Vec<u64>) {
    latin_keys_from(skeleton, MIN_SKELETON, keys);
}

/// [`latin_keys`] of readings of `shortest` consonants or more.
fn latin_keys_from(skeleton: &str, shortest: usize, keys: &mut Vec<u64>) {
    latin_readings(skeleton, |reading| {
        if reading.len() >= shortest {
            keys.push(skeleton_key(reading));
        }
    });
    keys.sort_unstable();
    keys.dedup();
}

/// A skeleton as a number, for a compact index: four bits per consonant
/// class while it fits, a hash beyond.
pub fn skeleton_key(skeleton: &str) -> u64 {
    const CLASSES: &str = "btjhxdrzsckflmn";
    if skeleton.len() <= 16 {
        skeleton.chars().fold(0, |key, c| {
            let class = CLASSES.find(c).map_or(0, |i| i as u64 + 1);
            key << 4 | class
        })
    } else {
        let hash = skeleton.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |h, b| {
            (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
        });
        hash | 1 << 63
    }
}

/// Whether a key is that of a skeleton shorter than [`MIN_SKELETON`].
pub fn is_short_key(key: u64) -> bool {
    key < 1 << (4 * MIN_SKELETON - 4)
}

fn is_vowel(b: u8) -> bool {
    matches!(b, b'a' | b'e' | b'i' | b'o' | b'u' | b'y' | b'w')
}

fn is_latin_article(word: &[u8]) -> bool {
    matches!(
        word,
        b"al"
            | b"el"
            | b"il"
            | b"ul"
            | b"ad"
            | b"ed"
            | b"adh"
            | b"an"
            | b"en"
            | b"ar"
            | b"er"
            | b"as"
            | b"es"
            | b"ash"
            | b"esh"
            | b"at"
            | b"et"
            | b"ath"
            | b"az"
            | b"ez"
    )
}

pub(super) fn latin_class(b: u8) -> Option<char> {
    Some(match b {
        b'b' | b'p' => 'b',
        b't' => 't',
        b'j' => 'j',
        // g is ج in Egypt and ق in the Gulf and the Maghreb (Tolga: طولقة)
        b'g' => 'G',
        // Somali spelling writes ح as x (Xuddur)
        b'h' | b'x' => 'h',
        b'd' => 'd',
        b'r' => 'r',
        b'z' => 'z',
        b's' => 's',
        b'q' | b'k' => 'k',
        // c is k in French spellings, ع in Somali (Ceel Buur), ج in Turkish
        // (Cizre)
        b'c' => 'C',
        b'f' | b'v' => 'f',
        b'l' => 'l',
        b'm' => 'm',
        b'n' => 'n',
        _ => return None,
    })
}

/// Letters with diacritics (Ḩ, ţ, ā, ‘) to their base letter; others as is.
pub(super) fn strip_latin_diacritic(c: char) -> char {
    match c {
        'à'..='å' | 'ā' | 'ă' | 'ą' | 'ǎ' | 'ạ' | 'ả' => 'a',
        'ç' | 'ć' | 'č' => 'c',
        'ḍ' | 'ḑ' | 'ď' | 'đ' => 'd',
        'è'..='ë' | 'ē' | 'ė' | 'ę' | 'ě' | 'ẹ' => 'e',
        'ğ' | 'ġ' => 'g',
        'ḥ' | 'ḩ' | 'ḫ' | 'ħ' => 'h',
        'ì'..='ï' | 'ī' | 'ı' | 'ị' => 'i',
        'ḳ' | 'ķ' => 'k',
        'ł' | 'ļ' => 'l',
        'ñ' | 'ń' | 'ņ' | 'ň' => 'n',
        'ò'..='ö' | 'ø' | 'ō' | 'ő' | 'ọ' => 'o',
        'ř' => 'r',
        'ś' | 'ş' | 'š' | 'ṣ' | 'ș' => 's',
        'ţ' | 'ť' | 'ṭ' | 'ț' => 't',
        'ù'..='ü' | 'ū' | 'ů' | 'ű' | 'ụ' => 'u',
        'ý' | 'ÿ' => 'y',
        'ź' | 'ż' | 'ž' | 'ẓ' => 'z',
        c => c,
    }
}

/// Words for an administrative unit that open some GeoNames names.
const UNIT_WORDS: [&str; 4] = ["Nahiyat ", "Qada' ", "Qada ", "Markaz "];

/// `(skeleton key, row)` of every English and Latin place name of a
/// gazetteer file, sorted; rows count from 0. Malformed rows are left to
/// the places parser to report.
pub fn skeleton_index(text: &str) -> Vec<(u64, u32)> {
    let mut index = Vec::new();
    let mut skeleton = String::new();
    let mut keys = Vec::new();
    // rows as parse_places counts them: the header and comments skipped
    let rows = text
        .lines()
        .filter(|line| !line.trim().is_empty() && !line.starts_with('#'))
        .skip(1);
    for (place, line) in (0u32..).zip(rows) {
        // only the name (third column) and names_latin (twelfth) are needed
        let (mut name, mut latin) = ("", "");
        for (column, cell) in line.trim_end_matches('\r').split('\t').enumerate() {
            match column {
                2 => name = cell,
                11 => latin = cell,
                _ => {}
            }
        }
        let own_name = name;
        for name in std::iter::once(name).chain(latin.split('|')) {
            // "Nahiyat al Fuhud": reports name the town, not the unit
            let bare = UNIT_WORDS
                .iter()
                .find_map(|unit| name.strip_prefix(unit))
                .filter(|rest| !rest.is_empty());
            for name in std::iter::once(name).chain(bare) {
                latin_skeleton_with(name, &mut skeleton, Doubles::AcrossVowels);
                keys.clear();
                let shortest = if std::ptr::eq(name, own_name) {
                    MIN_OWN_NAME_SKELETON
                } else {
                    MIN_SKELETON
                };
                latin_keys_from(&skeleton, shortest, &mut keys);
                index.extend(keys.iter().map(|&key| (key, place)));
            }
        }
    }
    index.sort_unstable();
    index.dedup();
    index
}
