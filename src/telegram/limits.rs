//! Telegram's rate limits as the sender keeps them: about 30 messages a
//! second in all, one a second per private chat, 20 a minute per group.

use std::collections::HashMap;
use std::time::Duration;

use tokio::time::Instant;

use super::window::Window;

/// Telegram's rate limits, or none (measuring against a fake Bot API).
pub(super) struct Limiter {
    enabled: bool,
    global: Window,
    chats: HashMap<i64, Window>,
}

/// Telegram's one message a second to a private chat, with room for the
/// delays of a busy machine.
const PRIVATE_CHAT_INTERVAL: Duration = Duration::from_millis(1100);

pub(super) enum Blocked {
    Chat(Instant),
    All(Instant),
}

impl Limiter {
    pub(super) fn new(enabled: bool) -> Limiter {
        Limiter {
            enabled,
            global: Window::new(30, Duration::from_secs(1)),
            chats: HashMap::new(),
        }
    }

    fn chat_window(chat: i64) -> Window {
        // Private chats have positive ids; groups negative.
        if chat > 0 {
            // One a second as Telegram counts it, on arrival (see `settled`).
            Window::new(1, PRIVATE_CHAT_INTERVAL)
        } else {
            Window::new(20, Duration::from_secs(60))
        }
    }

    pub(super) fn check(&mut self, chat: i64, now: Instant) -> Result<(), Blocked> {
        if !self.enabled {
            return Ok(());
        }
        if let Some(at) = self.global.next_free(now) {
            return Err(Blocked::All(at));
        }
        let window = self
            .chats
            .entry(chat)
            .or_insert_with(|| Limiter::chat_window(chat));
        match window.next_free(now) {
            Some(at) => Err(Blocked::Chat(at)),
            None => Ok(()),
        }
    }

    pub(super) fn record(&mut self, chat: i64, now: Instant) {
        if !self.enabled {
            return;
        }
        self.global.record(now);
        self.chats
            .entry(chat)
            .or_insert_with(|| Limiter::chat_window(chat))
            .record(now);
    }

    /// A chat's send came back at `now`. Telegram counts a chat's messages
    /// as they arrive, and a request can take long on its way (a busy
    /// machine): the chat's next message is spaced from here, after this one
    /// surely arrived. (One message is in flight per chat at a time.)
    pub(super) fn settled(&mut self, chat: i64, now: Instant) {
        if let Some(window) = self.chats.get_mut(&chat) {
            window.restamp_latest(now);
        }
    }

    /// Forgets chats that sent nothing lately, so memory stays flat.
    pub(super) fn forget_idle(&mut self, now: Instant) {
        self.chats.retain(|_, window| window.used_since(now));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn limits_are_per_chat_and_overall() {
        let now = Instant::now();
        let mut limiter = Limiter::new(true);
        limiter.record(1, now);
        assert!(matches!(limiter.check(1, now), Err(Blocked::Chat(_))));
        assert!(limiter.check(2, now).is_ok(), "another chat is not held up");
        for chat in 3..32 {
            limiter.record(chat, now);
        }
        assert!(matches!(limiter.check(99, now), Err(Blocked::All(_))));
        let mut off = Limiter::new(false);
        off.record(1, now);
        assert!(off.check(1, now).is_ok());
    }

    #[test]
    fn a_chats_next_message_is_spaced_from_when_the_last_came_back() {
        let start = Instant::now();
        let mut limiter = Limiter::new(true);
        limiter.record(1, start);
        // The request took 300 ms (a busy machine): it may have arrived late.
        let back = start + Duration::from_millis(300);
        limiter.settled(1, back);
        let early = start + PRIVATE_CHAT_INTERVAL + Duration::from_millis(10);
        match limiter.check(1, early) {
            Err(Blocked::Chat(at)) => assert_eq!(at, back + PRIVATE_CHAT_INTERVAL),
            _ => panic!("spaced from the start, not from the answer"),
        }
        assert!(limiter.check(1, back + PRIVATE_CHAT_INTERVAL).is_ok());
    }
}
