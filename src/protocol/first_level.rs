//! First-level support (operations 3-5): answers from the knowledge base, and
//! the step to second level when they do not solve the problem.

use super::replies;
use super::{Button, Choice, Context, Effect, Outcome, Reply, Step, Transition, UserInput};
use crate::t;
use serde::{Deserialize, Serialize};

/// An FAQ entry as offered on a button.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FaqTitle {
    pub id: i64,
    pub question: String,
}

/// An FAQ entry found for the user.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FaqHit {
    pub id: i64,
    pub question: String,
    pub answer: String,
    /// Close enough to what the user wrote to give as the answer; otherwise
    /// it is only suggested.
    pub sure: bool,
}

impl FaqHit {
    pub(super) fn title(&self) -> FaqTitle {
        FaqTitle {
            id: self.id,
            question: self.question.clone(),
        }
    }
}

/// Where first-level support stands.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "stage", rename_all = "snake_case")]
pub enum FirstLevelStage {
    /// Technical support chosen: waiting for the problem in the user's words.
    Describing,
    /// An FAQ search is under way (`quiet`: the conversation's first message).
    Searching { quiet: bool },
    /// An FAQ answer was given and `faq-resolved-ask` asked.
    Offered {
        shown: FaqTitle,
        alternatives: Vec<FaqTitle>,
    },
    /// No sure answer: entries that may be it were offered (`faq-suggest`).
    Suggested { options: Vec<FaqTitle> },
    /// First level failed: a ticket or a person?
    Escalating,
}

/// How much of the user's own description is kept for later steps.
const MAX_PROBLEM_CHARS: usize = 2000;
/// Alternatives offered besides the best answer.
const MAX_ALTERNATIVES: usize = 2;
/// Button labels longer than this are shortened.
const MAX_LABEL_CHARS: usize = 60;

/// Keeps the user's own description of the problem, so nothing they wrote
/// is asked again later (the ticket's detail starts from it).
pub(super) fn remember(t: &mut Transition, text: &str) {
    let text = text.trim();
    let problem = match t.conversation.problem.take() {
        Some(before) if !before.contains(text) => format!("{before}\n{text}"),
        Some(before) => before,
        None => text.to_owned(),
    };
    t.conversation.problem = Some(problem.chars().take(MAX_PROBLEM_CHARS).collect());
}

/// Searches the FAQ for `query` (the user's words without the phrases
/// already understood, such as a greeting), remembering the whole `text` as
/// the problem. `first`: the conversation's first message (just greeted).
pub(super) fn search(t: &mut Transition, text: &str, query: String, first: bool) {
    remember(t, text);
    t.go(Step::FirstLevel(FirstLevelStage::Searching {
        quiet: first,
    }));
    t.effects.push(Effect::FirstLevel(FaqEffect::Search(query)));
}

/// What the first level asks of the knowledge base.
#[derive(Clone, Debug, PartialEq)]
pub enum FaqEffect {
    /// Search it; answer with [`FaqAnswer::Found`].
    Search(String),
    /// Fetch one entry; answer with [`FaqAnswer::Entry`].
    Load(i64),
    /// The answer shown did not solve the problem (the desk reviews these).
    Rejected { faq_id: i64, question: String },
}

/// The runtime's answers to the first level's effects.
#[derive(Clone, Debug, PartialEq)]
pub enum FaqAnswer {
    /// The answer to `FaqEffect::Search`, best first.
    Found(Vec<FaqHit>),
    /// The answer to `FaqEffect::Load`; `None` when the entry is gone.
    Entry(Option<FaqHit>),
}

pub(super) fn on_answer(t: &mut Transition, answer: FaqAnswer, cx: &Context) {
    match answer {
        FaqAnswer::Found(hits) => on_found(t, hits, cx),
        FaqAnswer::Entry(hit) => on_entry(t, hit, cx),
    }
}

pub(super) fn on_found(t: &mut Transition, hits: Vec<FaqHit>, cx: &Context) {
    let Step::FirstLevel(FirstLevelStage::Searching { quiet: first }) = t.conversation.step else {
        return; // an answer nobody waits for any more
    };
    let sure = hits.first().is_some_and(|best| best.sure);
    let mut hits = hits.into_iter();
    match hits.next() {
        Some(best) if sure => {
            t.conversation.misses = 0;
            let alternatives = hits.take(MAX_ALTERNATIVES).map(|h| h.title()).collect();
            offer(t, best, alternatives, cx);
        }
        Some(maybe) => {
            t.conversation.misses = 0;
            let options: Vec<FaqTitle> = std::iter::once(maybe)
                .chain(hits)
                .take(MAX_ALTERNATIVES + 1)
                .map(|h| h.title())
                .collect();
            t.go(Step::FirstLevel(FirstLevelStage::Suggested { options }));
            t.say(suggestions(cx, &t.conversation.step));
        }
        None => {
            t.conversation.misses = t.conversation.misses.saturating_add(1);
            t.go(Step::FirstLevel(FirstLevelStage::Describing));
            let mut buttons = vec![second_level_button(cx)];
            buttons.extend(super::handoff::agent_button(cx));
            let mut text = format!(
                "{}\n{}",
                t!(cx.lang, "faq-no-match"),
                t!(cx.lang, "faq-refine")
            );
            // Not understood twice in a row: a person is suggested.
            if t.conversation.misses >= super::handoff::MISSES_BEFORE_SUGGESTING
                && cx.agents != super::Agents::NotConfigured
            {
                text = format!("{text}\n{}", t!(cx.lang, "agent-suggest"));
            }
            if first {
                // The first message: the menu too, as the greeting would have shown it.
                buttons = replies::menu(cx, String::new()).buttons;
                buttons.insert(0, second_level_button(cx));
            }
            t.say(Reply { text, buttons });
        }
    }
}

/// The question first-level support is waiting on, asked again.
pub(super) fn reprompt(t: &mut Transition, cx: &Context) {
    let step = &t.conversation.step;
    let reply = match step {
        Step::FirstLevel(FirstLevelStage::Describing) => Reply::text(t!(cx.lang, "support-ask")),
        Step::FirstLevel(FirstLevelStage::Offered { .. }) => resolved_question(cx, step, None),
        Step::FirstLevel(FirstLevelStage::Suggested { .. }) => suggestions(cx, step),
        Step::FirstLevel(FirstLevelStage::Escalating) => {
            escalation_question(cx, super::handoff::agent_button(cx).unwrap_or_default())
        }
        _ => replies::menu(cx, t!(cx.lang, "menu-prompt")),
    };
    t.say(reply);
}

/// `faq-suggest`: entries that may be what the user means, and the ways on.
pub(super) fn suggestions(cx: &Context, step: &Step) -> Reply {
    let options = match step {
        Step::FirstLevel(FirstLevelStage::Suggested { options }) => options.as_slice(),
        _ => &[],
    };
    let mut buttons = see_buttons(cx, options);
    buttons.push(second_level_button(cx));
    buttons.extend(super::handoff::agent_button(cx));
    Reply {
        text: t!(cx.lang, "faq-suggest"),
        buttons,
    }
}

pub(super) fn on_entry(t: &mut Transition, hit: Option<FaqHit>, cx: &Context) {
    let (shown, alternatives) = match t.conversation.step.clone() {
        Step::FirstLevel(FirstLevelStage::Offered {
            shown,
            alternatives,
        }) => (Some(shown), alternatives),
        Step::FirstLevel(FirstLevelStage::Suggested { options }) => (None, options),
        _ => return,
    };
    match hit {
        Some(hit) => {
            let mut others: Vec<FaqTitle> = alternatives
                .into_iter()
                .filter(|a| a.id != hit.id)
                .collect();
            others.extend(shown);
            offer(t, hit, others, cx);
        }
        None => {
            t.say(Reply::text(t!(cx.lang, "faq-entry-gone")));
            reprompt(t, cx);
        }
    }
}

/// Shows an answer and asks, in the same message, whether it solved the
/// problem; other answers are offered below the "Sí / No" buttons.
fn offer(t: &mut Transition, hit: FaqHit, alternatives: Vec<FaqTitle>, cx: &Context) {
    let answer = t!(
        cx.lang,
        "faq-answer",
        question = hit.question.as_str(),
        answer = hit.answer.as_str()
    );
    t.go(Step::FirstLevel(FirstLevelStage::Offered {
        shown: hit.title(),
        alternatives,
    }));
    t.say(resolved_question(cx, &t.conversation.step, Some(answer)));
}

/// `faq-resolved-ask` with its buttons, after the answer when given.
pub(super) fn resolved_question(cx: &Context, step: &Step, answer: Option<String>) -> Reply {
    let alternatives = match step {
        Step::FirstLevel(FirstLevelStage::Offered { alternatives, .. }) => alternatives.as_slice(),
        _ => &[],
    };
    let mut text = t!(cx.lang, "faq-resolved-ask");
    if !alternatives.is_empty() {
        text = format!("{text} {}", t!(cx.lang, "faq-alternatives"));
    }
    if let Some(answer) = answer {
        text = format!("{answer}\n\n{text}");
    }
    let mut reply = replies::yes_no(cx, text, Choice::Solved);
    reply.buttons.extend(see_buttons(cx, alternatives));
    reply
}

/// A button pressed after an answer or suggestions (typed answers are read
/// by `intake`, which calls [`answered`]).
pub(super) fn on_feedback(t: &mut Transition, input: UserInput, cx: &Context) {
    let offered: Vec<i64> = match &t.conversation.step {
        Step::FirstLevel(FirstLevelStage::Offered { alternatives, .. }) => {
            alternatives.iter().map(|a| a.id).collect()
        }
        Step::FirstLevel(FirstLevelStage::Suggested { options }) => {
            options.iter().map(|a| a.id).collect()
        }
        _ => return,
    };
    match input {
        UserInput::Choice(Choice::Solved(yes)) => answered(t, yes, cx),
        UserInput::Choice(Choice::SecondLevel) => super::ticket_wizard::second_level(t, cx),
        UserInput::Choice(Choice::TalkToAgent) => super::handoff::request(t, cx),
        UserInput::Choice(Choice::Faq(id)) if offered.contains(&id) => {
            t.effects.push(Effect::FirstLevel(FaqEffect::Load(id)));
        }
        UserInput::Text(text) => search(t, &text, text.trim().to_owned(), false),
        UserInput::Unsupported | UserInput::Attachment(_) => {
            t.say(Reply::text(t!(cx.lang, "unsupported-message")));
            reprompt(t, cx);
        }
        UserInput::Choice(_) | UserInput::Command(_) => {
            t.say(Reply::text(t!(cx.lang, "stale-choice")));
            reprompt(t, cx);
        }
    }
}

/// `faq-resolved-ask` answered: solved, or not (the desk learns which
/// answers did not help).
pub(super) fn answered(t: &mut Transition, yes: bool, cx: &Context) {
    match t.conversation.step.clone() {
        Step::FirstLevel(FirstLevelStage::Offered { shown, .. }) if yes => solved(t, shown.id, cx),
        Step::FirstLevel(FirstLevelStage::Offered { shown, .. }) => {
            t.effects.push(Effect::FirstLevel(FaqEffect::Rejected {
                faq_id: shown.id,
                question: shown.question,
            }));
            not_solved(t, cx);
        }
        _ if yes => reprompt(t, cx),
        _ => not_solved(t, cx),
    }
}

/// Operation 4: solved on first contact.
fn solved(t: &mut Transition, faq_id: i64, cx: &Context) {
    t.conversation.outcome = Some(Outcome::FirstLevel);
    t.conversation.solved_by_faq = Some(faq_id);
    t.say(Reply::text(t!(cx.lang, "faq-glad")));
    replies::ask_anything_else(t, cx);
}

/// First level did not solve it: a ticket, or a person when one can answer.
fn not_solved(t: &mut Transition, cx: &Context) {
    match super::handoff::agent_button(cx) {
        Some(agent) => {
            t.go(Step::FirstLevel(FirstLevelStage::Escalating));
            t.say(escalation_question(cx, agent));
        }
        None => super::ticket_wizard::second_level(t, cx),
    }
}

/// `escalation-choice`: a ticket or an agent.
pub(super) fn escalation_question(cx: &Context, agent: Vec<Button>) -> Reply {
    Reply {
        text: t!(cx.lang, "escalation-choice"),
        buttons: vec![second_level_button(cx), agent],
    }
}

fn second_level_button(cx: &Context) -> Vec<Button> {
    vec![Button {
        label: t!(cx.lang, "offer-ticket"),
        choice: Choice::SecondLevel,
    }]
}

/// One "Ver: …" button per alternative answer.
fn see_buttons(cx: &Context, alternatives: &[FaqTitle]) -> Vec<Vec<Button>> {
    alternatives
        .iter()
        .map(|a| {
            vec![Button {
                label: t!(
                    cx.lang,
                    "faq-see",
                    question = shorten(&a.question, MAX_LABEL_CHARS)
                ),
                choice: Choice::Faq(a.id),
            }]
        })
        .collect()
}

fn shorten(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        text.to_owned()
    } else {
        let cut: String = text.chars().take(max - 1).collect();
        format!("{}…", cut.trim_end())
    }
}
