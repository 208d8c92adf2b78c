//! The FAQ search, held in the process and rebuilt when the FAQ changes, so
//! it works the same on any database. Words are read as people write them
//! (accents and case folded, Snowball stems, the desk's synonyms, slips
//! corrected against the FAQ's own words) and ranked by BM25F: the question
//! and keywords weigh more than the answer body.
//!
//! Each result also says how much of what the user wrote it covers (the
//! share of the query's weight, by rarity, that the entry contains): an
//! entry that shares one common word with a message about something else is
//! not offered as *the* answer.

use std::collections::{HashMap, HashSet};

use super::SynonymGroup;
use super::analysis::{Analyser, Term};
use super::common_words;
use crate::words;

/// An FAQ entry as the search holds it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct IndexedEntry {
    pub id: i64,
    pub question: String,
    pub answer: String,
    pub keywords: Vec<String>,
    /// Other ways people ask it (see [`super::FaqEntry::examples`]).
    pub examples: Vec<String>,
}

/// One entry found for a message.
#[derive(Clone, Debug, PartialEq)]
pub struct Found {
    pub id: i64,
    pub question: String,
    pub answer: String,
    /// BM25F score.
    pub score: f32,
    /// The share (0-1) of the message's weight found in the entry.
    pub coverage: f32,
    /// Good enough to give as the answer, not only to suggest.
    pub sure: bool,
}

/// How one word of the message was used, for `mesabot understand`.
#[derive(Clone, Debug, PartialEq)]
pub struct TermUse {
    pub written: String,
    /// The term searched (a stem), if any.
    pub term: Option<String>,
    pub note: TermNote,
    pub weight: f32,
    pub corrected: bool,
    /// How much of its weight an everyday word keeps (1 for others).
    pub everyday: f32,
}

/// Why a word was searched as it was.
#[derive(Clone, Debug, PartialEq)]
pub enum TermNote {
    AsWritten,
    /// A synonym of this (folded) word.
    Synonym(String),
    /// A slip, corrected to this FAQ word.
    Corrected(String),
    /// A word the FAQ does not have (or has only in examples of how people
    /// ask) and everyday language uses a lot.
    Everyday,
}

#[derive(Clone, Debug, PartialEq)]
pub struct SearchExplained {
    pub terms: Vec<TermUse>,
    pub found: Vec<Found>,
}

/// BM25 saturation and length normalisation.
const K1: f32 = 1.2;
const B: f32 = 0.75;
/// The fields searched, in this order: question, keywords, answer, examples.
const FIELDS: usize = 4;
const QUESTION: usize = 0;
const KEYWORDS: usize = 1;
const ANSWER: usize = 2;
const EXAMPLES: usize = 3;
/// The question weighs most; the desk's examples are what people write, as
/// the keywords are what the entry is about; the answer body least.
const FIELD_WEIGHTS: [f32; FIELDS] = [5.0, 3.0, 1.0, 3.0];
/// An unknown word counts as a rare one, a little less: messages carry
/// incidental words ("ayer", "oficina") that the FAQ need not contain; and
/// less again the more common it is in everyday language
/// ([`common_words`]).
const UNKNOWN_WEIGHT: f32 = 0.6;
/// Coverage needed to give an entry as the answer.
const SURE_COVERAGE: f32 = 0.5;
/// Or a little less, when the message restates most of the entry's own
/// question in more than one word ("puse mal la contraseña y dice cuenta
/// bloqueada"; one shared word, as in "el teléfono de la pizzería", is not enough).
const SURE_COVERAGE_WITH_QUESTION: f32 = 0.4;
const QUESTION_COVERAGE: f32 = 0.4;
/// Or less still, when the entry has at least [`SHARED_WORDS`] of the
/// message's words: a long message says much besides what the entry is
/// for ("puse mal la contraseña varias veces y ahora el correo me aparece
/// bloqueado"), and three shared words are rarely a coincidence.
const SURE_COVERAGE_WITH_WORDS: f32 = 0.35;
const SHARED_WORDS: usize = 3;
/// How much a message's likeness to one of an entry's examples adds to the
/// entry's score. BM25F reads all of an entry's examples as one bag of
/// words, where a word of one example and a word of another can add up to a
/// match no example resembles; a message worded like one whole example is
/// what the desk taught.
const NEAREST_EXAMPLE_WEIGHT: f32 = 8.0;
/// Coverage needed to offer an entry at all (as a suggestion or alternative).
const OFFER_COVERAGE: f32 = 0.2;
/// A word found only in an entry's answer body says less about what the
/// entry is for ("¿qué hora es?" is not about the answer that mentions an hour).
const BODY_ONLY_COVERAGE: f32 = 0.4;
/// A word an entry has only in the desk's examples of how people ask it is
/// more often incidental ("se prende la luz de mensaje") than one the desk
/// chose for its question or keywords: it covers a little less.
const EXAMPLE_ONLY_COVERAGE: f32 = 0.6;
/// A corrected slip is a guess: it covers a little less.
const CORRECTED_COVERAGE: f32 = 0.8;
/// Words shorter than this are not corrected: one letter off is too often
/// another real word ("carta"/"carga").
const MIN_CORRECTED_CHARS: usize = 6;

#[derive(Clone, Copy, Debug)]
struct Posting {
    entry: u32,
    tf: [f32; FIELDS],
}

impl Posting {
    /// Whether the word is in what the entry is for (anything but its answer).
    fn titled(&self) -> bool {
        (0..FIELDS).any(|f| f != ANSWER && self.tf[f] > 0.0)
    }

    /// Whether the entry has the word only in its examples.
    fn only_in_examples(&self) -> bool {
        (0..FIELDS).all(|f| f == EXAMPLES || self.tf[f] == 0.0)
    }
}

/// An entry the message shares words with, before ranking.
struct Candidate {
    entry: usize,
    score: f32,
    coverage: f32,
    /// The message's terms the entry has.
    matched: usize,
    /// Of those, the ones in its question or keywords.
    named: usize,
}

impl Candidate {
    /// Whether to give the entry as the answer, given how much of its
    /// question the message restates. The words that make it sure must
    /// include one the desk chose for the entry (question or keywords) or be
    /// several: a word found only in an example or the answer ("¿a qué hora
    /// es la junta?" and an example "desde hace una hora no abre") is how
    /// people talk, not what the entry is about.
    fn sure(&self, restated: f32) -> bool {
        let covered = self.coverage >= SURE_COVERAGE
            || (self.coverage >= SURE_COVERAGE_WITH_QUESTION
                && restated >= QUESTION_COVERAGE
                && self.matched >= 2)
            || (self.coverage >= SURE_COVERAGE_WITH_WORDS && self.matched >= SHARED_WORDS);
        covered && (self.named >= 1 || self.matched >= SHARED_WORDS)
    }
}

/// A word of the FAQ, for correcting slips.
#[derive(Debug)]
struct KnownWord {
    folded: String,
    stem: String,
}

/// The in-process FAQ search.
#[derive(Debug)]
pub struct FaqIndex {
    entries: Vec<IndexedEntry>,
    /// The terms of each entry's question.
    question_terms: Vec<Vec<String>>,
    /// The terms of each entry's examples, example by example.
    example_terms: Vec<Vec<Vec<String>>>,
    /// The weight of each of those examples' terms together (see [`FaqIndex::weight`]).
    example_weights: Vec<Vec<f32>>,
    postings: HashMap<String, Vec<Posting>>,
    /// Terms the FAQ has only in examples, in no question, keywords or answer.
    example_only: HashSet<String>,
    lengths: Vec<[f32; FIELDS]>,
    average: [f32; FIELDS],
    /// FAQ words by first letter, for corrections.
    known: HashMap<char, Vec<KnownWord>>,
    analyser: Analyser,
}

impl FaqIndex {
    pub fn build(entries: Vec<IndexedEntry>, synonyms: &[SynonymGroup]) -> FaqIndex {
        let mut index = FaqIndex {
            entries: Vec::new(),
            question_terms: Vec::with_capacity(entries.len()),
            example_terms: Vec::with_capacity(entries.len()),
            example_weights: Vec::new(),
            postings: HashMap::new(),
            example_only: HashSet::new(),
            lengths: Vec::with_capacity(entries.len()),
            average: [0.0; FIELDS],
            known: HashMap::new(),
            analyser: Analyser::new(synonyms),
        };
        let mut seen: HashMap<String, String> = HashMap::new();
        for (n, entry) in entries.iter().enumerate() {
            let fields = [
                entry.question.clone(),
                entry.keywords.join(", "),
                entry.answer.clone(),
            ];
            // Each example is read on its own: a synonym of several words
            // does not span two of them.
            let examples: Vec<Vec<Term>> = entry
                .examples
                .iter()
                .map(|e| index.analyser.analyse(e))
                .collect();
            let example_terms = examples
                .iter()
                .map(|terms| terms.iter().map(|t| t.stem.clone()).collect())
                .collect();
            let read = fields
                .iter()
                .enumerate()
                .flat_map(|(f, text)| {
                    index
                        .analyser
                        .analyse(text)
                        .into_iter()
                        .map(move |t| (f, t))
                })
                .chain(examples.into_iter().flatten().map(|t| (EXAMPLES, t)));
            let mut counts: HashMap<String, [f32; FIELDS]> = HashMap::new();
            let mut lengths = [0.0; FIELDS];
            let mut question_terms: Vec<String> = Vec::new();
            for (f, term) in read {
                if f == QUESTION && !question_terms.contains(&term.stem) {
                    question_terms.push(term.stem.clone());
                }
                counts.entry(term.stem.clone()).or_default()[f] += 1.0;
                lengths[f] += 1.0;
                seen.entry(term.folded).or_insert(term.stem);
            }
            for (stem, mut tf) in counts {
                // The question, keywords and examples say what the entry is
                // about; saying a word three times there does not make it more so.
                for (f, tf) in tf.iter_mut().enumerate() {
                    if f != ANSWER {
                        *tf = tf.min(1.0);
                    }
                }
                index.postings.entry(stem).or_default().push(Posting {
                    entry: n as u32,
                    tf,
                });
            }
            index.lengths.push(lengths);
            index.question_terms.push(question_terms);
            index.example_terms.push(example_terms);
        }
        let count = entries.len().max(1) as f32;
        for f in 0..FIELDS {
            index.average[f] = (index.lengths.iter().map(|l| l[f]).sum::<f32>() / count).max(1.0);
        }
        for (folded, stem) in seen {
            if let Some(first) = folded.chars().next() {
                index
                    .known
                    .entry(first)
                    .or_default()
                    .push(KnownWord { folded, stem });
            }
        }
        for words in index.known.values_mut() {
            words.sort_by(|a, b| a.folded.cmp(&b.folded));
        }
        index.example_only = index
            .postings
            .iter()
            .filter(|(_, postings)| postings.iter().all(Posting::only_in_examples))
            .map(|(stem, _)| stem.clone())
            .collect();
        index.entries = entries;
        index.example_weights = index
            .example_terms
            .iter()
            .map(|examples| {
                examples
                    .iter()
                    .map(|terms| terms.iter().map(|t| index.weight(Some(t))).sum())
                    .collect()
            })
            .collect();
        index
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The entry's place (from 1) in the FAQ as `mesabot faq list` numbers
    /// it (by id), which the desk uses to name it.
    pub fn number(&self, id: i64) -> Option<usize> {
        self.entries.iter().position(|e| e.id == id).map(|n| n + 1)
    }

    pub fn get(&self, id: i64) -> Option<&IndexedEntry> {
        self.entries.iter().find(|e| e.id == id)
    }

    /// How much a word says, for coverage: rarer says more, and a word the
    /// FAQ does not have says a lot (unlike BM25's idf, a word in every
    /// entry still counts: it tells the message is about what the FAQ covers).
    fn weight(&self, stem: Option<&str>) -> f32 {
        let total = self.entries.len().max(1) as f32;
        match stem.and_then(|s| self.postings.get(s)) {
            Some(postings) => (1.0 + total / postings.len() as f32).ln(),
            None => (1.0 + 2.0 * total).ln() * UNKNOWN_WEIGHT,
        }
    }

    fn idf(&self, stem: &str) -> f32 {
        let n = self.postings.get(stem).map_or(0, Vec::len) as f32;
        let total = self.entries.len() as f32;
        (1.0 + (total - n + 0.5) / (n + 0.5)).ln()
    }

    /// The FAQ word nearest to one it does not know, if any is close enough.
    fn correct(&self, folded: &str) -> Option<&KnownWord> {
        if folded.chars().count() < MIN_CORRECTED_CHARS {
            return None;
        }
        let first = folded.chars().next()?;
        self.known
            .get(&first)?
            .iter()
            .filter(|k| words::near(folded, &k.folded))
            .min_by_key(|k| {
                (
                    strsim::damerau_levenshtein(folded, &k.folded),
                    std::cmp::Reverse(self.postings.get(&k.stem).map_or(0, Vec::len)),
                )
            })
    }

    /// The query's terms with their weights.
    fn query(&self, text: &str) -> Vec<TermUse> {
        let mut terms: Vec<TermUse> = Vec::new();
        for term in self.analyser.analyse(text) {
            let mut note = if term.synonym {
                TermNote::Synonym(term.folded.clone())
            } else {
                TermNote::AsWritten
            };
            let mut corrected = false;
            let stem = if self.postings.contains_key(&term.stem) {
                Some(term.stem)
            } else {
                self.correct(&term.folded).map(|known| {
                    note = TermNote::Corrected(known.folded.clone());
                    corrected = true;
                    known.stem.clone()
                })
            };
            if let Some(stem) = &stem
                && terms.iter().any(|t| t.term.as_ref() == Some(stem))
            {
                continue;
            }
            let mut weight = self.weight(stem.as_deref());
            // A word the FAQ has only in its examples is one of how people
            // talk, as an unknown word is: the more everyday, the less it says
            // ("desde la mañana" in an example is not about mornings).
            let example_word = stem.as_ref().is_some_and(|s| self.example_only.contains(s));
            let mut everyday = 1.0;
            if stem.is_none() || example_word {
                everyday = common_words::unknown_word_factor(&term.folded);
                if everyday < 1.0 {
                    weight *= everyday;
                    note = TermNote::Everyday;
                }
            }
            terms.push(TermUse {
                written: term.written,
                term: stem,
                note,
                weight,
                corrected,
                everyday,
            });
        }
        terms
    }

    /// The share (0-1), by rarity, of an entry's question terms the message has.
    fn question_coverage(&self, entry: usize, terms: &[TermUse]) -> f32 {
        let question = &self.question_terms[entry];
        let total: f32 = question.iter().map(|t| self.weight(Some(t))).sum();
        let found: f32 = question
            .iter()
            .filter(|q| terms.iter().any(|t| t.term.as_ref() == Some(*q)))
            .map(|t| self.weight(Some(t)))
            .sum();
        if total > 0.0 { found / total } else { 0.0 }
    }

    /// Whether one entry's question or keywords name every one of these
    /// (folded) words; not its examples, which are what people write, not
    /// what the desk decided to answer. A word the search drops (a stop word)
    /// is named by none, unless it is marked as one that says nothing by itself.
    pub fn names_every(&self, words: &[(String, bool)]) -> bool {
        let mut terms = Vec::with_capacity(words.len());
        for (word, says_nothing) in words {
            match self.analyser.analyse(word).as_slice() {
                [term] => terms.push(term.stem.clone()),
                [] if *says_nothing => {}
                _ => return false,
            }
        }
        let titled = |stem: &str, entry: u32| {
            self.postings.get(stem).is_some_and(|postings| {
                postings
                    .iter()
                    .any(|p| p.entry == entry && (p.tf[QUESTION] > 0.0 || p.tf[KEYWORDS] > 0.0))
            })
        };
        let Some(first) = terms.first().and_then(|t| self.postings.get(t)) else {
            return false;
        };
        first
            .iter()
            .any(|p| terms.iter().all(|t| titled(t, p.entry)))
    }

    /// Of an entry's examples, the one most like what was searched (sharing
    /// at least one term), for explaining a decision to the desk.
    pub fn closest_example(&self, id: i64, searched: &[TermUse]) -> Option<&str> {
        let n = self.entries.iter().position(|e| e.id == id)?;
        self.nearest_example(n, searched)
            .map(|(i, _)| self.entries[n].examples[i].as_str())
    }

    /// The entry's example most like the message, and how much alike they
    /// are (0-1): the weight of the terms they share against both their
    /// weights (a cosine of binary term vectors weighted by rarity), so a
    /// short example inside a long message counts less than the same
    /// example alone. The first example wins a tie.
    fn nearest_example(&self, entry: usize, terms: &[TermUse]) -> Option<(usize, f32)> {
        let searched: f32 = terms
            .iter()
            .filter(|t| t.term.is_some())
            .map(|t| t.weight)
            .sum();
        let mut nearest: Option<(usize, f32)> = None;
        for (i, (example, weight)) in self.example_terms[entry]
            .iter()
            .zip(&self.example_weights[entry])
            .enumerate()
        {
            let shared: f32 = terms
                .iter()
                .filter(|t| t.term.as_ref().is_some_and(|s| example.contains(s)))
                .map(|t| t.weight)
                .sum();
            if shared <= 0.0 {
                continue;
            }
            let likeness = shared / (searched * weight).sqrt().max(f32::EPSILON);
            if nearest.is_none_or(|(_, best)| likeness > best) {
                nearest = Some((i, likeness.min(1.0)));
            }
        }
        nearest
    }

    /// The best entries for a message, best first, at most `limit`.
    pub fn search(&self, text: &str, limit: usize) -> Vec<Found> {
        self.explain(text, limit).found
    }

    /// [`FaqIndex::search`], with how each word was used.
    pub fn explain(&self, text: &str, limit: usize) -> SearchExplained {
        let terms = self.query(text);
        let total_weight: f32 = terms.iter().map(|t| t.weight).sum();
        // Per entry: score, weight covered, terms matched, terms matched
        // in its question or keywords.
        let mut scores: HashMap<u32, (f32, f32, usize, usize)> = HashMap::new();
        for term in &terms {
            let Some(stem) = &term.term else { continue };
            let Some(postings) = self.postings.get(stem) else {
                continue;
            };
            let idf = self.idf(stem);
            for posting in postings {
                let lengths = self.lengths[posting.entry as usize];
                let tf: f32 = (0..FIELDS)
                    .map(|f| {
                        FIELD_WEIGHTS[f] * posting.tf[f]
                            / (1.0 - B + B * lengths[f] / self.average[f])
                    })
                    .sum();
                let score = scores.entry(posting.entry).or_default();
                // An everyday word the FAQ has only in examples ranks as
                // little as it covers ("… desde la mañana" in one entry's example).
                score.0 += term.everyday * idf * tf * (K1 + 1.0) / (tf + K1);
                let mut covers = term.weight;
                if !posting.titled() {
                    covers *= BODY_ONLY_COVERAGE;
                }
                if posting.only_in_examples() {
                    covers *= EXAMPLE_ONLY_COVERAGE;
                }
                if term.corrected {
                    covers *= CORRECTED_COVERAGE;
                }
                score.1 += covers;
                score.2 += 1;
                if posting.tf[QUESTION] > 0.0 || posting.tf[KEYWORDS] > 0.0 {
                    score.3 += 1;
                }
            }
        }
        let by_score = |a: &Candidate, b: &Candidate| {
            b.score
                .total_cmp(&a.score)
                .then_with(|| self.entries[a.entry].id.cmp(&self.entries[b.entry].id))
        };
        let mut candidates: Vec<Candidate> = scores
            .into_iter()
            .map(|(entry, (score, covered, matched, named))| Candidate {
                entry: entry as usize,
                score,
                coverage: covered / total_weight.max(f32::EPSILON),
                matched,
                named,
            })
            .filter(|c| c.coverage >= OFFER_COVERAGE)
            .collect();
        candidates.sort_by(by_score);
        // Likeness to an example adds at most NEAREST_EXAMPLE_WEIGHT, so once
        // an entry cannot reach the `limit` best so far, no later one can:
        // the examples of a few entries are read, not of every one sharing a word.
        let mut ranked: Vec<Candidate> = Vec::new();
        let mut best: Vec<f32> = Vec::with_capacity(limit + 1);
        for mut candidate in candidates {
            if best.len() >= limit
                && best
                    .last()
                    .is_none_or(|&floor| candidate.score + NEAREST_EXAMPLE_WEIGHT < floor)
            {
                break;
            }
            let nearest = self
                .nearest_example(candidate.entry, &terms)
                .map_or(0.0, |(_, likeness)| likeness);
            candidate.score += NEAREST_EXAMPLE_WEIGHT * nearest;
            let at = best.partition_point(|&s| s >= candidate.score);
            best.insert(at, candidate.score);
            best.truncate(limit);
            ranked.push(candidate);
        }
        ranked.sort_by(by_score);
        let found = ranked
            .into_iter()
            .take(limit)
            .map(|c| {
                let e = &self.entries[c.entry];
                let restated = self.question_coverage(c.entry, &terms);
                Found {
                    id: e.id,
                    question: e.question.clone(),
                    answer: e.answer.clone(),
                    score: c.score,
                    coverage: c.coverage,
                    sure: c.sure(restated),
                }
            })
            .collect();
        SearchExplained { terms, found }
    }
}
