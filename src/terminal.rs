//! The terminal front door (`mesabot chat`): the same conversation as in
//! Telegram, for one user, with no token and no network. Buttons are shown as
//! numbered choices; a typed number or free text both work.

use std::io::Write;
use std::sync::Arc;
use std::time::Duration;

use tokio::io::{AsyncBufReadExt, BufReader};

use crate::desk::Desk;
use crate::protocol::{Choice, Reply, UserInput};
use crate::store::conversations::{Channel, Participant};
use crate::t;

/// How often the terminal checks its own conversation for inactivity.
const SWEEP_EVERY: Duration = Duration::from_secs(30);
/// How often it looks for answers given from another process.
const NEWS_EVERY: Duration = Duration::from_secs(2);

pub async fn run(desk: Arc<Desk>, who: Participant) -> anyhow::Result<()> {
    let lang = desk.texts().lang(who.locale);
    println!("{}\n", t!(lang, "terminal-intro"));
    let (resumed, replies) = desk.open_session(&who).await?;
    if resumed {
        println!("{}\n", t!(lang, "terminal-resume"));
    }
    let mut choices = show(&replies);
    let mut lines = BufReader::new(tokio::io::stdin()).lines();
    let mut sweep = tokio::time::interval(SWEEP_EVERY);
    sweep.tick().await;
    let mut news = tokio::time::interval(NEWS_EVERY);
    news.tick().await;
    // The prompt shows again only after something was printed.
    let mut prompt_again = true;
    loop {
        if prompt_again {
            prompt();
        }
        prompt_again = true;
        tokio::select! {
            line = lines.next_line() => {
                let Some(line) = line? else { break };
                let line = line.trim();
                if line.is_empty() {
                    continue;
                }
                let input = match pick(line, &choices) {
                    Picked::Choice(choice) => UserInput::Choice(choice),
                    Picked::OutOfRange(number) => {
                        println!("{}\n", t!(lang, "terminal-choice-out-of-range", number = number));
                        continue;
                    }
                    Picked::Text => UserInput::from_text(line),
                };
                match desk.handle(&who, input, None).await {
                    Ok(turn) => choices = show(&turn.replies),
                    Err(error) => {
                        tracing::error!(%error, "handling a terminal message failed");
                        println!("{}\n", t!(lang, "error-try-again"));
                    }
                }
            }
                                    _ = sweep.tick() => {
                let closed = desk.close_idle(Channel::Terminal, Some(who.chat_id)).await?;
                prompt_again = !closed.is_empty();
                for closed in closed {
                    println!();
                    choices = show(&closed.replies);
                }
            }
                        _ = news.tick() => {
                // Answers given elsewhere (an agent's `mesabot call answered`).
                let waiting = desk.waiting_replies(Channel::Terminal, who.chat_id).await?;
                if waiting.is_empty() {
                    prompt_again = false;
                    continue;
                }
                println!();
                let shown = show(&waiting);
                if !shown.is_empty() {
                    choices = shown;
                }
            }
        }
    }
    println!("\n{}", t!(lang, "terminal-bye"));
    Ok(())
}

enum Picked {
    Choice(Choice),
    OutOfRange(usize),
    Text,
}

/// A bare number picks one of the choices on screen; anything else is text.
fn pick(line: &str, choices: &[Choice]) -> Picked {
    match line.parse::<usize>() {
        Ok(number) if !choices.is_empty() => {
            match number.checked_sub(1).and_then(|i| choices.get(i)) {
                Some(choice) => Picked::Choice(*choice),
                None => Picked::OutOfRange(number),
            }
        }
        _ => Picked::Text,
    }
}

/// Prints the replies, numbering their buttons across the whole turn, and
/// returns the choices those numbers stand for.
fn show(replies: &[Reply]) -> Vec<Choice> {
    let mut choices = Vec::new();
    for reply in replies {
        println!("{}", reply.text);
        for button in reply.choices() {
            choices.push(button.choice);
            println!("  {}) {}", choices.len(), button.label);
        }
        println!();
    }
    choices
}

fn prompt() {
    print!("> ");
    // A prompt that does not show is cosmetic; nothing to recover.
    let _ = std::io::stdout().flush();
}
