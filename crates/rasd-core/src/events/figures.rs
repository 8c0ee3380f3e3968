//! Figures: the numbers of dead, wounded, captured or missing a sentence
//! reports, whose they are and who says so.

use super::{ActorMention, FigureKind, FigureMention};
use crate::document::{Document, MatchExt};
use crate::knowledge::{CueKind, Knowledge, TriggerPos};
use std::ops::Range;

/// Words after a [`CueKind::DoerDescription`] word that still describe the
/// doer (يرتدي حزاما ناسفا: the cue and two).
const DESCRIPTION_WORDS: usize = 2;

/// Numbers next to a figure word (مقتل 7، 28 قتيلا), with whose they are
/// and who says so.
pub(super) fn figures(
    doc: &Document,
    kb: &Knowledge,
    tokens: Range<usize>,
    actors: &[ActorMention],
    claimant: Option<ActorMention>,
) -> Vec<FigureMention> {
    let mut out = Vec::new();
    for q in &doc.quantities {
        if !tokens.contains(&q.tokens.start) {
            continue;
        }
        // "قتل سبعة أشخاص، بينهم ثلاثة جنود،": a part of the count told
        // before it adds nothing, but says whose the dead are (and so
        // does "بين الضحايا أربع نساء")
        let among_the_dead = q.tokens.start >= 2 && {
            let (among, dead) = (q.tokens.start - 2, q.tokens.start - 1);
            kb.is_cue_word(CueKind::Among, doc.word(among))
                && doc.word(dead).starts_with("ال")
                && doc
                    .matches_in(dead..dead + 1)
                    .iter()
                    .any(|m| FigureKind::of_match(kb, m) == Some(FigureKind::Killed))
        };
        // "ثمانية مدنيين قتلوا بينهم ثلاثة أطفال": right after a count,
        // بينهم opens a subset with no comma too
        let among_after_count = q.tokens.start > 0
            && kb.is_cue_word(CueKind::Among, doc.word(q.tokens.start - 1))
            && out.iter().any(|f: &FigureMention| f.token < q.tokens.start);
        if among_the_dead
            || among_after_count
            || q.tokens
                .start
                .checked_sub(1)
                .is_some_and(|t| opens_subset(doc, kb, t))
        {
            let party = actors.iter().copied().find(|a| {
                (q.tokens.end..=q.tokens.end + 1).contains(&doc.matches[a.head].first_token)
            });
            if let Some(count) = out
                .iter_mut()
                .rev()
                .find(|f: &&mut FigureMention| f.token < q.tokens.start)
                .filter(|f| f.party.is_none())
            {
                count.party = party;
            }
            continue;
        }
        // "مقتل مدنيين اثنين وإصابة خمسة": one or two after the people it
        // counts belongs to the figure word before them, not the next one
        let postposed = q.value <= 2
            && q.tokens.start > 0
            && doc
                .matches_in(q.tokens.start - 1..q.tokens.start)
                .iter()
                .any(|p| p.has_cue(kb, CueKind::Person) || p.has_cue(kb, CueKind::Pair));
        let mut nearest: Option<(usize, FigureKind, usize)> = None;
        for (mi, m) in doc.matches.iter().enumerate() {
            let Some(kind) = FigureKind::of_match(kb, m) else {
                continue;
            };
            let distance = if m.last_token < q.tokens.start {
                if (m.last_token + 1..=q.tokens.start).any(|t| doc.tokens[t].after_comma) {
                    continue;
                }
                // a date, a qualifier or the killer may stand between: "قتل
                // أمس الأحد ثمانية", "مقتل ما لا يقل عن عشرة", "أعدم تنظيم
                // داعش خمسة"
                // "قتل مسلحون يستقلون دراجات نارية ثلاثة مزارعين": and so
                // may the words that describe the killer
                let in_date_or_qualifier = |t: usize| {
                    doc.in_date[t]
                        || q.qualifier_span
                            .is_some_and(|s| s.contains(doc.tokens[t].span))
                        || actors.iter().any(|a| {
                            // (from the phrase's head to its name: "مسلحون
                            // يشتبه في انتمائهم إلى جماعة بوكو حرام"; not a
                            // person the figure word may count: "قتل قيادي في
                            // كتائب حزب الله وأحد مرافقيه")
                            let (head, name) = (&doc.matches[a.head], &doc.matches[a.mention]);
                            let head = if head.has_cue(kb, CueKind::Person) {
                                name
                            } else {
                                head
                            };
                            let first = head.first_token.min(name.first_token);
                            let last = head.last_token.max(name.last_token);
                            let described = |end: usize| {
                                let description = end + 1;
                                (description..=description + DESCRIPTION_WORDS).contains(&t)
                                    && description < doc.tokens.len()
                                    && kb.is_cue_word(
                                        CueKind::DoerDescription,
                                        doc.word(description),
                                    )
                            };
                            (first..=last).contains(&t)
                                || described(last)
                                || described(head.last_token)
                        })
                };
                // "قتل ضابط برتبة نقيب وثلاثة جنود": nor a person's rank
                let in_rank = |t: usize| doc.word(t) == RANK || t > 0 && doc.word(t - 1) == RANK;
                (m.last_token + 1..q.tokens.start)
                    .filter(|&t| !in_date_or_qualifier(t) && !in_rank(t))
                    .count()
                    + 1
            } else if m.first_token >= q.tokens.end && !postposed {
                // the word after a number names it ("ثلاثة قتلى وخمسة جرحى");
                // the counted noun, a qualifier and من may stand between
                // (89 سجينا على الأقل من الفرار), but not a comma ("بينهم
                // ثلاثة جنود، وأصيب أحد عشر")
                // ... unless it closes a subset ("٥٣ شخصا، بينهم ٤٦ مدنيا
                // وسبعة عسكريين، قتلوا"), whose words do not count
                let subset = among_after(doc, kb, q.tokens.end);
                let skipped = |t: usize| subset.as_ref().is_some_and(|s| s.contains(&t));
                let comma_between = (q.tokens.end..=m.first_token)
                    .any(|t| doc.tokens[t].after_comma && !skipped(t) && !skipped(t - 1));
                if comma_between {
                    continue;
                }
                // "ثلاثة عناصر من قوات الأمن العام السوري قتلوا": the
                // figure word right after the party counted, past up to two
                // adjectives of its name (العام، السوري)
                let after_party = actors.iter().any(|a| {
                    let end = doc.matches[a.mention].last_token + 1;
                    doc.matches[a.head].first_token == q.tokens.end
                        && (end..=end + 2).contains(&m.first_token)
                        && (end..m.first_token).all(|t| {
                            doc.word(t).starts_with("ال")
                                && doc.matches_in(t..t + 1).iter().all(|n| n.nisba().is_some())
                        })
                });
                let between = q.tokens.end..m.first_token;
                // (as far as a word right before the number: "قتل ثلاثة
                // مزارعين وأصيب رابع" are three dead)
                if after_party {
                    1
                } else {
                    between
                        .filter(|&t| !skipped(t))
                        .filter(|&t| {
                            let in_qualifier = q
                                .qualifier_span
                                .is_some_and(|s| s.contains(doc.tokens[t].span));
                            !in_qualifier && doc.word(t) != "من"
                        })
                        .count()
                }
            } else {
                continue;
            };
            // "ميدان الشهداء" names a square, not the dead
            let in_a_name = doc
                .matches
                .iter()
                .any(|p| p.last_token + 1 == m.first_token && p.has_cue(kb, CueKind::Locality));
            if distance <= 2 && !in_a_name && nearest.is_none_or(|(d, ..)| distance < d) {
                nearest = Some((distance, kind, mi));
            }
        }
        let Some((_, kind, cue)) = nearest.filter(|&(.., cue)| !grievance(doc, kb, cue)) else {
            continue;
        };
        // whose dead: the actor right after the number (7 من المليشيات،
        // 11 جنديا), not one across a comma
        let event_word_between = |first: usize| {
            doc.matches.iter().any(|m| {
                m.first_token >= q.tokens.end
                    && m.first_token < first
                    && m.triggers().next().is_some()
            })
        };
        let party = actors.iter().copied().find(|a| {
            let first = doc.matches[a.head].first_token;
            (q.tokens.end..=q.tokens.end + 3).contains(&first)
                && (q.tokens.end..=first).all(|t| !doc.tokens[t].after_comma)
                && !event_word_between(first)
        });
        out.push(FigureMention {
            span: q.span,
            token: q.tokens.start,
            value: q.value,
            upper: q.upper,
            qualifier: q.qualifier,
            kind,
            cue,
            party,
            claimed_by: claimant,
            update: toll_update_before(doc, kb, q.tokens.start),
        });
    }
    out.extend(single_victims(doc, kb, tokens, actors, claimant));
    add_up_lists(out)
}

/// The words of a subset told between commas right after a count or its
/// noun ("، بينهم ٤٦ مدنيا وسبعة عسكريين،"), if one opens within two words
/// of token `from`.
fn among_after(doc: &Document, kb: &Knowledge, from: usize) -> Option<Range<usize>> {
    let open = (from..(from + 2).min(doc.tokens.len())).find(|&t| opens_subset(doc, kb, t))?;
    let close = (open + 1..doc.tokens.len()).find(|&t| doc.tokens[t].after_comma)?;
    Some(open..close)
}

/// Whether token `t` opens a subset after a comma (، بينهم).
fn opens_subset(doc: &Document, kb: &Knowledge, t: usize) -> bool {
    doc.tokens[t].after_comma && kb.is_cue_word(CueKind::Among, doc.word(t))
}

/// "مقتل ضابط وأربعة جنود وسبعة مسلحين": numbers listed after one figure
/// word are parts of one toll; the parts keep a party only when they share it.
fn add_up_lists(figures: Vec<FigureMention>) -> Vec<FigureMention> {
    let mut out: Vec<FigureMention> = Vec::with_capacity(figures.len());
    for figure in figures {
        let same_list = out
            .iter_mut()
            .find(|f| f.cue == figure.cue && f.kind == figure.kind);
        match same_list {
            Some(list) => {
                list.value = list.value.saturating_add(figure.value);
                list.span = list.span.cover(figure.span);
                list.token = list.token.min(figure.token);
                list.upper = None;
                if list.party.map(|p| p.actor) != figure.party.map(|p| p.actor) {
                    list.party = None;
                }
            }
            None => out.push(figure),
        }
    }
    out
}

/// "احتجاجا على وفاة شاب": a figure word up to three words after the
/// grounds of a protest is the death protested, not a toll of this event.
fn grievance(doc: &Document, kb: &Knowledge, cue: usize) -> bool {
    in_grievance(doc, kb, doc.matches[cue].first_token, 3)
}

/// Whether token `token` lies within `reach` words after the grounds of a
/// protest (تنديدا بمقتل ثلاثة شبان برصاص الشرطة), in the same clause.
pub(super) fn in_grievance(doc: &Document, kb: &Knowledge, token: usize, reach: usize) -> bool {
    let sentence_start = doc.sentences[doc.sentence_of(token)].tokens.start;
    doc.matches_in(token.saturating_sub(reach).max(sentence_start)..token)
        .iter()
        .any(|g| {
            g.last_token < token
                && token <= g.last_token + reach
                && (g.last_token + 1..=token).all(|t| !doc.tokens[t].after_comma)
                && g.has_cue(kb, CueKind::Grounds)
        })
}

/// Whether a number stands within three words after a figure word.
fn quantity_near(doc: &Document, kb: &Knowledge, m: &crate::knowledge::Match) -> bool {
    // (not one another figure word counts: "مقتل متظاهر وإصابة ١٥")
    let figure_word_between = |q: usize| {
        doc.matches_in(m.last_token + 1..q)
            .iter()
            .any(|n| FigureKind::of_match(kb, n).is_some())
    };
    doc.quantities.iter().any(|q| {
        (m.last_token + 1..=m.last_token + 3).contains(&q.tokens.start)
            && !figure_word_between(q.tokens.start)
    })
}

/// "قتلت طفلة", "مقتل جندي", "مقتل شخصين": a figure word before one person
/// (or a pair, in the dual) counts them.
fn single_victims(
    doc: &Document,
    kb: &Knowledge,
    tokens: Range<usize>,
    actors: &[ActorMention],
    claimant: Option<ActorMention>,
) -> Vec<FigureMention> {
    let mut out = Vec::new();
    for (i, m) in doc.matches.iter().enumerate() {
        if !tokens.contains(&m.first_token) {
            continue;
        }
        let Some(kind @ (FigureKind::Killed | FigureKind::Injured)) = FigureKind::of_match(kb, m)
        else {
            continue;
        };
        if grievance(doc, kb, i) {
            continue;
        }
        // past a subject named right after the verb (قتل مسلحون مجهولون مزارعا)
        let reach = actors
            .iter()
            .map(|a| &doc.matches[a.mention])
            .find(|a| a.first_token == m.last_token + 1)
            .map_or(m.last_token + 2, |subject| subject.last_token + 1);
        let person = doc.matches[i + 1..]
            .iter()
            .enumerate()
            .take_while(|(_, n)| n.first_token <= reach)
            .find(|(_, n)| n.has_cue(kb, CueKind::Person) || n.has_cue(kb, CueKind::Pair));
        let Some((offset, person)) = person else {
            // "أن جنديين قتلا": two people, then a verb in the dual; "إن
            // حارسا قتل": one, then the verb in the singular
            let dual_verb = doc.word(m.last_token).ends_with('ا');
            let people_before = i
                .checked_sub(1)
                .map(|p| (p, &doc.matches[p]))
                .filter(|(_, p)| p.last_token + 1 == m.first_token)
                .and_then(|(at, p)| {
                    if p.has_cue(kb, CueKind::Pair) {
                        dual_verb.then_some((at, p, 2))
                    } else {
                        // (a verb, and no number counting the person: "لقي
                        // ١٤ مدنياً مصرعهم")
                        let verb = m.triggers().any(|t| kb.triggers[t].pos == TriggerPos::Verb);
                        let counted = doc.quantities.iter().any(|q| q.tokens.end == p.first_token);
                        (p.has_cue(kb, CueKind::Person) && !dual_verb && verb && !counted)
                            .then_some((at, p, 1))
                    }
                });
            if let Some((at, pair, value)) = people_before {
                out.push(FigureMention {
                    span: pair.span,
                    token: pair.first_token,
                    value,
                    upper: None,
                    qualifier: None,
                    kind,
                    cue: i,
                    party: actors.iter().copied().find(|a| a.head == at),
                    claimed_by: claimant,
                    update: false,
                });
                continue;
            }
            if m.has_cue(kb, CueKind::KilledOne) && !quantity_near(doc, kb, m) {
                out.push(FigureMention {
                    span: m.span,
                    token: m.first_token,
                    value: 1,
                    upper: None,
                    qualifier: None,
                    kind,
                    cue: i,
                    party: None,
                    claimed_by: claimant,
                    update: false,
                });
            }
            continue;
        };
        let value = if person.has_cue(kb, CueKind::Pair) {
            2
        } else {
            1
        };
        // "قيادي في كتائب حزب الله وأحد مرافقيه": one more of his people
        // (not "شخصين من طرف واحد": وأحد heads a noun of his, or of the
        // definite plural)
        let companion = (person.last_token + 1..person.last_token + 7)
            .take_while(|&t| t + 1 < doc.tokens.len() && !doc.tokens[t].after_comma)
            .any(|t| {
                // the original spelling: folding makes ة a ه
                let next = doc
                    .original_span(doc.tokens[t + 1].span)
                    .slice(doc.original);
                doc.word(t) == "واحد"
                    && !doc.tokens[t + 1].after_comma
                    && (next.ends_with('ه') || next.ends_with("هم") || next.starts_with("ال"))
            });
        // "مقتل ضابط وجنديين", "مقتل طفل وامرأة": more people listed with و
        let person_at = i + 1 + offset;
        let mut listed = 0;
        let mut end = list_continues_at(doc, person.last_token) - 1;
        let mut listed_party = None;
        for (next_at, next) in doc.matches.iter().enumerate().skip(person_at + 1) {
            if next.first_token <= end {
                continue;
            }
            if !joins_list(doc, next, end + 1) {
                break;
            }
            listed += if next.has_cue(kb, CueKind::Pair) {
                2
            } else if next.has_cue(kb, CueKind::Person) {
                1
            } else {
                break;
            };
            listed_party = listed_party.or(actors.iter().copied().find(|a| a.head == next_at));
            end = next.last_token;
        }
        let value = value + u64::from(companion) + listed;
        // "خمسة جرحى بينهم امرأتان": the figure word has its count already,
        // and the people after it are among them
        // (or inside or right after it: "مدنيين اثنين" are the two the
        // number counts)
        let counted = doc.quantities.iter().any(|q| {
            (m.last_token..=person.last_token).contains(&q.tokens.start)
                // (not a new item: وثلاثة, its و a clitic the span leaves out)
                || q.tokens.start == person.last_token + 1
                    && q.span.start == doc.tokens[q.tokens.start].span.start
                || q.tokens.end == m.first_token
        });
        // "ستة مدنيين قتلوا بينهم طفلان": people among the dead already
        // counted before the verb
        let among = (m.last_token + 1..person.first_token)
            .any(|t| kb.is_cue_word(CueKind::Among, doc.word(t)));
        if counted || among {
            continue;
        }
        // the person, or the phrase it starts (جنديان من الجيش السوري)
        let party = actors
            .iter()
            .copied()
            .find(|a| a.head == person_at)
            .or(listed_party);
        out.push(FigureMention {
            span: person.span,
            token: person.first_token,
            value,
            upper: None,
            qualifier: None,
            kind,
            cue: i,
            party,
            claimed_by: claimant,
            update: false,
        });
    }
    out
}

/// Whether match `m` goes on a list of people at token `at` with و
/// (ضابط وجنديين), not across a comma.
pub(super) fn joins_list(doc: &Document, m: &crate::knowledge::Match, at: usize) -> bool {
    m.first_token == at
        && m.clitics > 0
        && !doc.tokens[at].after_comma
        && doc.word(at).starts_with('و')
}

/// The word before a person's rank (ضابط برتبة نقيب), folded.
const RANK: &str = "برتبه";

/// Where a list of people goes on after a person ending at token `end`:
/// the next token, or past a rank ("ضابط برتبة ملازم أول وجنديين") the
/// first word with و up to three words on, or past a description the
/// person's own companion up to five words on ("قيادي في قوات سوريا
/// الديمقراطية ومرافقه", "مسؤول محلي وسائقه").
pub(super) fn list_continues_at(doc: &Document, end: usize) -> usize {
    let next_with_waw = |from: usize, to: usize, own: bool| {
        (from..to.min(doc.tokens.len()))
            .take_while(|&t| !doc.tokens[t].after_comma)
            .find(|&t| {
                // the original spelling: folding makes ة a ه
                let word = doc.original_span(doc.tokens[t].span).slice(doc.original);
                doc.word(t).starts_with('و')
                    && (!own || word.ends_with('ه') || word.ends_with("ها"))
            })
    };
    if doc.tokens.get(end + 1).is_none() {
        return end + 1;
    }
    let found = if doc.word(end + 1) == RANK {
        next_with_waw(end + 2, end + 5, false)
    } else if doc.word(end + 1).starts_with('و') {
        None
    } else {
        next_with_waw(end + 1, end + 6, true)
    };
    found.unwrap_or(end + 1)
}

/// "وارتفعت الحصيلة في وقت لاحق إلى خمسة عشر قتيلا": a word of a rising
/// toll (`toll_update` cues) up to eight words before the number, in its
/// clause.
fn toll_update_before(doc: &Document, kb: &Knowledge, token: usize) -> bool {
    // (a cue of up to three words ending eight words before, and only the
    // first number after it: "ارتفعت الحصيلة إلى 21 بعد انتشال جثث ثلاثة"
    // updates to 21, not to three)
    doc.matches_in(token.saturating_sub(10)..token)
        .iter()
        .any(|m| {
            m.last_token < token
                && token <= m.last_token + 8
                && (m.last_token + 1..=token).all(|t| !doc.tokens[t].after_comma)
                && m.has_cue(kb, CueKind::TollUpdate)
                && !doc
                    .quantities
                    .iter()
                    .any(|q| q.tokens.start > m.last_token && q.tokens.start < token)
        })
}
