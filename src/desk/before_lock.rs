//! The bound on turns understood before SQLite's write lock and not yet
//! written: each holds its replies and writes meanwhile, so a burst of
//! thousands of chats waits for a place here, holding nothing. How many
//! hold a place, and the most that have, are kept for `/metrics` and tests.

use std::sync::atomic::{AtomicUsize, Ordering};

use tokio::sync::{Semaphore, SemaphorePermit};

/// The most turns understood before the write lock at once: several times
/// what one call commits together, so the writer always has a batch ready.
pub const MOST_BEFORE_LOCK: usize = 128;

pub(super) struct BeforeLock {
    places: Semaphore,
    now: AtomicUsize,
    most: AtomicUsize,
}

/// A turn's place before the write lock, given back when dropped.
pub(super) struct Place<'a> {
    _permit: SemaphorePermit<'a>,
    of: &'a BeforeLock,
}

impl Default for BeforeLock {
    fn default() -> Self {
        BeforeLock {
            places: Semaphore::new(MOST_BEFORE_LOCK),
            now: AtomicUsize::new(0),
            most: AtomicUsize::new(0),
        }
    }
}

impl BeforeLock {
    /// Waits for a place; `None` once the desk is closing.
    pub(super) async fn enter(&self) -> Option<Place<'_>> {
        let permit = self.places.acquire().await.ok()?;
        let now = self.now.fetch_add(1, Ordering::AcqRel) + 1;
        self.most.fetch_max(now, Ordering::AcqRel);
        crate::monitor::turns_before_lock(now);
        Some(Place {
            _permit: permit,
            of: self,
        })
    }

    pub(super) fn now(&self) -> usize {
        self.now.load(Ordering::Acquire)
    }

    pub(super) fn most(&self) -> usize {
        self.most.load(Ordering::Acquire)
    }
}

impl Drop for Place<'_> {
    fn drop(&mut self) {
        let now = self.of.now.fetch_sub(1, Ordering::AcqRel) - 1;
        crate::monitor::turns_before_lock(now);
    }
}
