//! A sliding time window, for Telegram's rate limits (the sender) and for
//! flood control (users' inputs).

use std::collections::VecDeque;
use std::time::Duration;

use tokio::time::Instant;

/// A sliding window: at most `max` events in any `span`.
pub struct Window {
    max: usize,
    span: Duration,
    sent: VecDeque<Instant>,
}

impl Window {
    pub fn new(max: usize, span: Duration) -> Window {
        Window {
            max,
            span,
            sent: VecDeque::new(),
        }
    }

    /// When the next send is allowed (`None`: now).
    pub fn next_free(&mut self, now: Instant) -> Option<Instant> {
        while self
            .sent
            .front()
            .is_some_and(|at| now.duration_since(*at) >= self.span)
        {
            self.sent.pop_front();
        }
        (self.sent.len() >= self.max)
            .then(|| self.sent.front().map(|first| *first + self.span))
            .flatten()
    }

    pub fn record(&mut self, now: Instant) {
        self.sent.push_back(now);
    }

    /// The latest event happened at `at` after all (a send counted from
    /// when its answer came back, not from when it started).
    pub fn restamp_latest(&mut self, at: Instant) {
        if let Some(latest) = self.sent.back_mut() {
            *latest = (*latest).max(at);
        }
    }

    /// Whether anything was recorded in the last `span` (else it can be forgotten).
    pub fn used_since(&self, now: Instant) -> bool {
        self.sent.back().is_some_and(|at| now - *at < self.span)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_window_allows_its_quota_then_says_when_the_next_is_free() {
        let start = Instant::now();
        let mut window = Window::new(2, Duration::from_secs(1));
        assert!(window.next_free(start).is_none());
        window.record(start);
        window.record(start + Duration::from_millis(100));
        assert_eq!(
            window.next_free(start + Duration::from_millis(200)),
            Some(start + Duration::from_secs(1))
        );
        assert!(window.next_free(start + Duration::from_secs(1)).is_none());
    }
}
