//! Per-chat flood control: a chat sending far more than a person types is
//! told, once, to slow down; what it sends meanwhile is not handled, so one
//! chat cannot take the desk's time from everyone else.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::Duration;

use tokio::time::Instant;

use super::window::Window;

/// The default: messages and button presses a chat may send in `SPAN`, far
/// above a person answering the wizard quickly, far below a script.
pub const MAX_INPUTS: usize = 20;
pub const SPAN: Duration = Duration::from_secs(30);
/// Chats remembered before idle ones are forgotten.
const FORGET_ABOVE: usize = 10_000;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Verdict {
    Allow,
    /// Over the limit for the first time in this span: say so.
    Warn,
    /// Still over the limit: ignore quietly.
    Drop,
}

struct Recent {
    inputs: Window,
    warned: bool,
}

pub struct FloodGuard {
    /// `None`: no limit (measuring the bot under load).
    limit: Option<(usize, Duration)>,
    chats: Mutex<HashMap<i64, Recent>>,
}

impl Default for FloodGuard {
    fn default() -> Self {
        FloodGuard::new(Some((MAX_INPUTS, SPAN)))
    }
}

impl FloodGuard {
    pub fn new(limit: Option<(usize, Duration)>) -> FloodGuard {
        FloodGuard {
            limit,
            chats: Mutex::new(HashMap::new()),
        }
    }

    pub fn check(&self, chat: i64, now: Instant) -> Verdict {
        let Some((max_inputs, span)) = self.limit else {
            return Verdict::Allow;
        };
        let mut chats = self.chats.lock().unwrap_or_else(|e| e.into_inner());
        if chats.len() > FORGET_ABOVE {
            chats.retain(|_, recent| recent.inputs.used_since(now));
        }
        let recent = chats.entry(chat).or_insert_with(|| Recent {
            inputs: Window::new(max_inputs, span),
            warned: false,
        });
        if recent.inputs.next_free(now).is_none() {
            recent.inputs.record(now);
            recent.warned = false;
            return Verdict::Allow;
        }
        if recent.warned {
            Verdict::Drop
        } else {
            recent.warned = true;
            Verdict::Warn
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_flood_is_warned_once_then_dropped_until_the_span_passes() {
        let guard = FloodGuard::default();
        let start = Instant::now();
        for _ in 0..MAX_INPUTS {
            assert_eq!(guard.check(1, start), Verdict::Allow);
        }
        assert_eq!(guard.check(1, start), Verdict::Warn);
        assert_eq!(guard.check(1, start), Verdict::Drop);
        assert_eq!(
            guard.check(2, start),
            Verdict::Allow,
            "others are not held up"
        );
        assert_eq!(guard.check(1, start + SPAN), Verdict::Allow);
    }
}
