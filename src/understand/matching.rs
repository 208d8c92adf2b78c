//! How a message is read against the phrase files: every phrase found
//! (word by word, allowing words in between), negations and `unless` words
//! that discard a request, the name a transfer asks for, and the decision
//! between requests, a question and small talk.

use super::phrasebook::{self, Phrasebook};
use super::{Evidence, Intent, IntentKind, Reading, Understanding};
use crate::words::Word;

#[derive(Clone, Debug)]
pub(super) struct Hit {
    book: usize,
    phrase: usize,
    intent: IntentKind,
    words: Vec<usize>,
    discarded: Option<&'static str>,
}

/// Words a phrase may skip between two of its own words.
const MAX_GAP: usize = 2;
/// How far before a request a negation still turns it around.
const NEGATION_REACH: usize = 3;
/// A name after a bare "con" at the start is at most this many words.
const MAX_WEAK_TARGET_WORDS: usize = 3;

/// A request that starts inside a turned-down one, or right after it in the
/// same clause, is turned down too: in "no quiero hablar con un agente" the
/// "no" reaches "hablar con", and "un agente" goes on the same request.
pub(super) fn carry_negations(words: &[Word], hits: &mut [Hit]) {
    loop {
        let mut changed = false;
        for i in 0..hits.len() {
            if hits[i].discarded.is_some() || !hits[i].intent.negatable() {
                continue;
            }
            let start = hits[i].words[0];
            let continues = hits.iter().any(|negated| {
                let (first, last) = (negated.words[0], negated.words[negated.words.len() - 1]);
                negated.discarded == Some("negated")
                    && first <= start
                    && start <= last + 1
                    && words[start].clause == words[last].clause
            });
            if continues {
                hits[i].discarded = Some("negated");
                changed = true;
            }
        }
        if !changed {
            return;
        }
    }
}

impl Understanding {
    fn is_filler(&self, folded: &str) -> bool {
        self.books
            .iter()
            .any(|b| b.fillers.iter().any(|f| f == folded))
    }

    fn is_negator(&self, folded: &str) -> bool {
        self.books
            .iter()
            .any(|b| b.negators.iter().any(|f| f == folded))
    }

    fn is_contrast(&self, folded: &str) -> bool {
        self.books
            .iter()
            .any(|b| b.contrast.iter().any(|f| f == folded))
    }

    /// Every phrase of one book found in the words.
    pub(super) fn find(&self, b: usize, words: &[Word], hits: &mut Vec<Hit>) {
        let book = &self.books[b];
        let stems: Vec<String> = words
            .iter()
            .map(|w| self.stemmers.stem(book.language, &w.folded))
            .collect();
        // A word another phrase file has as written is that language's word,
        // not a slip of this one's: "a otra persona" is not "a person".
        let slips: Vec<bool> = words
            .iter()
            .map(|w| {
                !self
                    .books
                    .iter()
                    .enumerate()
                    .any(|(other, book)| other != b && book.has_word(&w.folded))
            })
            .collect();
        let same = |token: &phrasebook::Token, i: usize| {
            Phrasebook::same(token, &words[i].folded, &stems[i], slips[i])
        };
        let mut candidates: Vec<usize> = Vec::new();
        for start in 0..words.len() {
            book.starting_with(
                &words[start].folded,
                &stems[start],
                slips[start],
                &mut candidates,
            );
            for &p in &candidates {
                let phrase = &book.phrases[p];
                if phrase.at_start && start != 0 {
                    continue;
                }
                let mut matched = vec![start];
                let mut at = start;
                for token in &phrase.tokens[1..] {
                    let next = (at + 1..words.len().min(at + 2 + MAX_GAP)).find(|&j| {
                        // Skipped words stay in the clause: "no, gracias" is
                        // one phrase, "no ... , gracias" two answers.
                        (j == at + 1 || words[j].clause == words[at].clause) && same(token, j)
                    });
                    match next {
                        Some(j) => {
                            matched.push(j);
                            at = j;
                        }
                        None => break,
                    }
                }
                if matched.len() < phrase.tokens.len() {
                    continue;
                }
                if phrase.ends_clause && !words[at].ends_clause {
                    continue;
                }
                let discarded = self.discarded(book, phrase.intent, words, start);
                hits.push(Hit {
                    book: b,
                    phrase: p,
                    intent: phrase.intent,
                    words: matched,
                    discarded,
                });
            }
        }
    }

    /// Why a request found at `start` does not count, if it does not.
    fn discarded(
        &self,
        book: &Phrasebook,
        intent: IntentKind,
        words: &[Word],
        start: usize,
    ) -> Option<&'static str> {
        let vetoed = book.unless.iter().any(|(kind, vetoes)| {
            *kind == intent && words.iter().any(|w| vetoes.contains(&w.folded))
        });
        if vetoed {
            return Some("unless");
        }
        if !intent.negatable() {
            return None;
        }
        let clause = words[start].clause;
        let negated = (start.saturating_sub(NEGATION_REACH)..start).any(|p| {
            words[p].clause == clause
                && self.is_negator(&words[p].folded)
                && !self.books.iter().any(|b| {
                    b.negation_exceptions.iter().any(|exception| {
                        exception
                            .iter()
                            .enumerate()
                            .all(|(k, e)| words.get(p + k).is_some_and(|w| w.folded == *e))
                    })
                })
        });
        negated.then_some("negated")
    }

    /// The words naming whom a transfer asks for. Words of an agent phrase
    /// right after it are not the name ("con alguien de redes" asks for
    /// redes); later they are ("recursos humanos"). A bare "con …" at the
    /// start is a transfer only when it is just a name: "con redes", not "con
    /// la vpn no puedo abrir el sistema".
    fn transfer_target(&self, words: &[Word], hits: &mut [Hit]) -> Vec<usize> {
        let agent_words: Vec<usize> = hits
            .iter()
            .filter(|h| h.intent == IntentKind::Agent && h.discarded.is_none())
            .flat_map(|h| h.words.iter().copied())
            .collect();
        let mut target_words: Vec<usize> = Vec::new();
        for hit in hits.iter_mut() {
            if hit.intent != IntentKind::Transfer || hit.discarded.is_some() {
                continue;
            }
            let book = &self.books[hit.book];
            let Some(&last) = hit.words.last() else {
                continue;
            };
            let clause = words[last].clause;
            let mut named: Vec<usize> = Vec::new();
            for (i, word) in words.iter().enumerate().skip(last + 1) {
                if word.clause != clause || book.until.contains(&word.folded) {
                    break;
                }
                let agent_word = agent_words.contains(&i);
                if (agent_word && named.is_empty()) || self.is_filler(&word.folded) {
                    continue;
                }
                named.push(i);
            }
            if book.phrases[hit.phrase].weak {
                let rest = (last + 1..words.len())
                    .filter(|i| !named.contains(i) && !self.is_filler(&words[*i].folded))
                    .count();
                if named.is_empty() || named.len() > MAX_WEAK_TARGET_WORDS || rest > 0 {
                    hit.discarded = Some("not a name");
                    continue;
                }
            }
            for i in named {
                if !target_words.contains(&i) {
                    target_words.push(i);
                }
            }
        }
        target_words
    }

    pub(super) fn decide(&self, words: &[Word], mut hits: Vec<Hit>) -> Reading {
        let target_words = self.transfer_target(words, &mut hits);
        let target = (!target_words.is_empty()).then(|| {
            target_words
                .iter()
                .map(|&i| words[i].written.as_str())
                .collect::<Vec<_>>()
                .join(" ")
        });
        let content_words: Vec<usize> = (0..words.len())
            .filter(|&i| {
                let w = &words[i].folded;
                !covered(&hits, i, |_| true)
                    && !target_words.contains(&i)
                    && !self.is_filler(w)
                    && !self.is_negator(w)
                    && !self.is_contrast(w)
            })
            .collect();
        let content = !content_words.is_empty();

        let requests = self.ranked_requests(&hits, target.is_some());
        let (intent, alternative) = if let Some(&(best, strength)) = requests.first() {
            let alternative = requests
                .get(1)
                .filter(|(_, s)| *s >= strength)
                .map(|(kind, _)| Intent::from_kind(*kind, target.clone()));
            (Intent::from_kind(best, target.clone()), alternative)
        } else if content {
            (Intent::Question, None)
        } else {
            let talk = small_talk(&hits);
            (
                talk.map_or(Intent::Question, |k| Intent::from_kind(k, None)),
                None,
            )
        };

        Reading {
            answer: self.answer(words, &hits),
            intent,
            alternative,
            greeted: has(&hits, IntentKind::Greeting),
            content,
            evidence: self.evidence(words, &hits),
            content_words: content_words
                .iter()
                .map(|&i| words[i].written.clone())
                .collect(),
            // Courtesies and discarded phrases are not searched for.
            search_words: (0..words.len())
                .filter(|&i| {
                    !covered(&hits, i, |h| {
                        h.discarded.is_some()
                            || matches!(
                                h.intent,
                                IntentKind::Greeting | IntentKind::Thanks | IntentKind::Goodbye
                            )
                    })
                })
                .map(|i| words[i].written.clone())
                .collect(),
        }
    }

    /// The requests the message makes, strongest first. A named target makes
    /// "con" a transfer, not a person of the desk.
    fn ranked_requests(&self, hits: &[Hit], has_target: bool) -> Vec<(IntentKind, usize)> {
        let mut requests: Vec<(IntentKind, usize)> = Vec::new();
        for kind in [
            IntentKind::Agent,
            IntentKind::Ticket,
            IntentKind::Status,
            IntentKind::Transfer,
            IntentKind::CallOutside,
            IntentKind::OutOfScope,
        ] {
            if kind == IntentKind::Agent && has_target {
                continue;
            }
            if kind == IntentKind::Transfer && !has_target && has(hits, IntentKind::Agent) {
                continue;
            }
            if let Some(strength) = live(hits, kind)
                .map(|h| self.books[h.book].phrases[h.phrase].strength)
                .max()
            {
                requests.push((kind, strength));
            }
        }
        // Stable: equal strengths keep the order above.
        requests.sort_by_key(|r| std::cmp::Reverse(r.1));
        requests
    }

    /// What decided the reading, for `mesabot understand`.
    fn evidence(&self, words: &[Word], hits: &[Hit]) -> Vec<Evidence> {
        hits.iter()
            .map(|h| Evidence {
                intent: h.intent,
                phrase: self.books[h.book].phrases[h.phrase].text.clone(),
                matched: h
                    .words
                    .iter()
                    .map(|&i| words[i].written.as_str())
                    .collect::<Vec<_>>()
                    .join(" "),
                locale: self.books[h.book].locale,
                discarded: h.discarded,
            })
            .collect()
    }

    /// A yes or no that leads the message, or that follows a contrast word
    /// ("sí, pero sigue sin imprimir" is a no).
    fn answer(&self, words: &[Word], hits: &[Hit]) -> Option<bool> {
        let courtesy = |i: usize| {
            hits.iter().any(|h| {
                h.words.contains(&i)
                    && matches!(
                        h.intent,
                        IntentKind::Greeting
                            | IntentKind::Thanks
                            | IntentKind::Yes
                            | IntentKind::No
                    )
            })
        };
        let mut answers: Vec<(usize, bool)> = hits
            .iter()
            .filter(|h| matches!(h.intent, IntentKind::Yes | IntentKind::No))
            .filter_map(|h| {
                let start = *h.words.first()?;
                let leading = (0..start).all(|i| {
                    let w = &words[i].folded;
                    self.is_filler(w) || courtesy(i) || self.is_contrast(w)
                });
                let after_contrast = (0..start)
                    .rev()
                    .find(|&i| !self.is_filler(&words[i].folded))
                    .is_some_and(|i| self.is_contrast(&words[i].folded));
                (leading || after_contrast).then_some((start, h.intent == IntentKind::Yes))
            })
            .collect();
        answers.sort_by_key(|(start, _)| *start);
        let contrast_at = words.iter().position(|w| self.is_contrast(&w.folded));
        match contrast_at {
            Some(c) => answers
                .iter()
                .rev()
                .find(|(start, _)| *start > c)
                .or(answers.first())
                .map(|(_, yes)| *yes),
            None => {
                let yes = answers.iter().any(|(_, yes)| *yes);
                let no = answers.iter().any(|(_, yes)| !*yes);
                match (yes, no) {
                    (true, false) => Some(true),
                    (false, true) => Some(false),
                    // "no, ya quedó": the first word decides.
                    (true, true) => answers.first().map(|(_, yes)| *yes),
                    (false, false) => None,
                }
            }
        }
    }
}

/// Whether word `i` is inside a hit that `pred` accepts.
fn covered(hits: &[Hit], i: usize, pred: impl Fn(&Hit) -> bool) -> bool {
    hits.iter().any(|h| pred(h) && h.words.contains(&i))
}

/// The hits of `kind` that still count.
fn live(hits: &[Hit], kind: IntentKind) -> impl Iterator<Item = &Hit> {
    hits.iter()
        .filter(move |h| h.intent == kind && h.discarded.is_none())
}

fn has(hits: &[Hit], kind: IntentKind) -> bool {
    live(hits, kind).next().is_some()
}

/// A message of courtesies only: the one that says most. "gracias por la
/// ayuda" thanks, "no, gracias" declines. A phrase inside a longer one of
/// another kind speaks for that one: "sí, gracias" is a yes.
fn small_talk(hits: &[Hit]) -> Option<IntentKind> {
    let inside_another = |hit: &Hit| {
        hits.iter().any(|other| {
            other.intent != hit.intent
                && other.discarded.is_none()
                && other.words.len() > hit.words.len()
                && hit.words.iter().all(|w| other.words.contains(w))
        })
    };
    [
        IntentKind::Cancel,
        IntentKind::Menu,
        IntentKind::Goodbye,
        IntentKind::No,
        IntentKind::Thanks,
        IntentKind::Help,
        IntentKind::Yes,
        IntentKind::Greeting,
    ]
    .into_iter()
    .find(|k| live(hits, *k).any(|hit| !inside_another(hit)))
}
