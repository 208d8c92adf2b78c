//! Work that must be done once for the whole bot (the Telegram sender, whose
//! rate limits are per bot; the mail worker; the clocks of the agents' queue
//! and of inactivity) runs in one process at a time. On PostgreSQL, shared by
//! several replicas, the process that holds a session-level advisory lock does
//! it: the lock lives as long as that process's connection, so when the
//! process dies the server releases it and another replica, trying every
//! second, takes the work over. On SQLite there is one process: the lease is
//! granted at once and never lost.
//!
//! Telegram counts its per-chat second across processes, so a new holder of
//! the sender must not send until a second after the last message the old
//! one may have sent. The holder sends only inside a short window it writes
//! to the database (`sender_window`) on the connection that holds the lock;
//! the next holder waits until that window closed plus Telegram's second.
//! After an idle spell, or when the first process starts, nobody waits.

use std::sync::Arc;
use std::time::Duration;

use sqlx::{AnyConnection, Connection as _};
use tokio::sync::Mutex;
use tokio::time::Instant;

use super::{Dialect, Store};

/// What a lease is for; each is held on its own, possibly by different replicas.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Work {
    /// The Telegram sender and the clocks (holds, waiting limits, alerts,
    /// call retries, inactivity).
    Telegram,
    /// The mail worker.
    Mail,
}

impl Work {
    /// The advisory lock's key: "mesabot" in ASCII, and which work.
    fn key(self) -> i64 {
        const MESABOT: i64 = 0x6d65_7361_626f_7400;
        match self {
            Work::Telegram => MESABOT + 1,
            Work::Mail => MESABOT + 2,
        }
    }
}

/// How often a waiting replica tries to take the work, and how often the
/// holder checks that its connection (and so its lock) is still there.
const TRY_EVERY: Duration = Duration::from_secs(1);
/// Telegram's per-chat interval, and a little more.
const TAKE_OVER_AFTER: Duration = Duration::from_millis(1100);
/// How far ahead the sender's window is written: a longer one costs fewer
/// writes, a shorter one a quicker take-over after a crash.
const SEND_WINDOW: Duration = Duration::from_millis(500);
/// The database server's clock in milliseconds, the one every replica shares.
const SERVER_NOW_MS: &str = "CAST(EXTRACT(EPOCH FROM clock_timestamp()) * 1000 AS BIGINT)";

/// PostgreSQL: the connection that holds the lock; `None` once released.
type Holder = Arc<Mutex<Option<AnyConnection>>>;

/// The right to do one kind of bot-wide work.
pub struct Lease {
    holder: Option<Holder>,
}

impl Store {
    /// Waits until this process holds `work`.
    pub async fn lease(&self, work: Work) -> Lease {
        if self.dialect == Dialect::Sqlite {
            return Lease { holder: None };
        }
        let options = self.writer.connect_options();
        let mut said_waiting = false;
        loop {
            match try_lock(&options, work).await {
                Ok(Some(mut holder)) => {
                    if work == Work::Telegram {
                        wait_for_last_sends(&mut holder).await;
                    }
                    tracing::info!(?work, "this process does the bot-wide work");
                    return Lease {
                        holder: Some(Arc::new(Mutex::new(Some(holder)))),
                    };
                }
                Ok(None) if !said_waiting => {
                    tracing::info!(?work, "another process does the bot-wide work; standing by");
                    said_waiting = true;
                }
                Ok(None) => {}
                Err(error) => tracing::warn!(?work, %error, "cannot ask for the bot-wide work"),
            }
            tokio::time::sleep(TRY_EVERY).await;
        }
    }
}

impl Store {
    /// `work` if no other process holds it now, without waiting.
    pub async fn try_lease(&self, work: Work) -> Option<Lease> {
        if self.dialect == Dialect::Sqlite {
            return Some(Lease { holder: None });
        }
        match try_lock(&self.writer.connect_options(), work).await {
            Ok(holder) => holder.map(|holder| Lease {
                holder: Some(Arc::new(Mutex::new(Some(holder)))),
            }),
            Err(error) => {
                tracing::warn!(?work, %error, "cannot ask for the bot-wide work");
                None
            }
        }
    }
}

async fn try_lock(
    options: &sqlx::any::AnyConnectOptions,
    work: Work,
) -> Result<Option<AnyConnection>, sqlx::Error> {
    let mut conn = AnyConnection::connect_with(options).await?;
    let locked: bool = sqlx::query_scalar("SELECT pg_try_advisory_lock($1)")
        .bind(work.key())
        .fetch_one(&mut conn)
        .await?;
    if locked {
        Ok(Some(conn))
    } else {
        conn.close().await?;
        Ok(None)
    }
}

/// The previous holder of the sender may have sent to a chat an instant ago:
/// Telegram's per-chat second passes after its window closed.
async fn wait_for_last_sends(holder: &mut AnyConnection) {
    let wait = match quiet_in(holder).await {
        Ok(wait) => wait,
        Err(error) => {
            tracing::warn!(%error, "cannot read the sender's window; waiting it out");
            SEND_WINDOW + TAKE_OVER_AFTER
        }
    };
    tokio::time::sleep(wait).await;
}

/// How long until a new sender may start: zero when no process ever sent, or
/// when the last window closed more than Telegram's second ago.
async fn quiet_in(conn: &mut AnyConnection) -> Result<Duration, sqlx::Error> {
    let sql = format!("SELECT MAX(sends_until) - {SERVER_NOW_MS} FROM sender_window");
    let left_open_ms: Option<i64> = sqlx::query_scalar(&sql).fetch_one(conn).await?;
    let Some(left_open_ms) = left_open_ms else {
        return Ok(Duration::ZERO);
    };
    let wait_ms = i64::try_from(TAKE_OVER_AFTER.as_millis())
        .unwrap_or(i64::MAX)
        .saturating_add(left_open_ms);
    Ok(Duration::from_millis(u64::try_from(wait_ms).unwrap_or(0)))
}

impl Store {
    /// How long a process taking the sender over now would wait (see the
    /// module's comment); zero on SQLite.
    pub async fn sender_quiet_in(&self) -> Result<Duration, super::StoreError> {
        if self.dialect == Dialect::Sqlite {
            return Ok(Duration::ZERO);
        }
        let mut conn = self.reader.acquire().await?;
        Ok(quiet_in(&mut conn).await?)
    }
}

impl Lease {
    /// Resolves when the lease is lost: the connection holding the lock broke
    /// (the server restarted or failed over, the network), so another process
    /// may hold it now. Never, on SQLite.
    pub async fn lost(&mut self) {
        let Some(holder) = self.holder.as_ref() else {
            return std::future::pending().await;
        };
        loop {
            tokio::time::sleep(TRY_EVERY).await;
            let mut held = holder.lock().await;
            let Some(conn) = held.as_mut() else {
                return;
            };
            if let Err(error) = conn.ping().await {
                tracing::warn!(%error, "the connection holding the bot-wide work broke");
                return;
            }
        }
    }

    /// Where the sender of this lease may send (see the module's comment).
    pub fn send_window(&self) -> SendWindow {
        SendWindow {
            holder: self.holder.clone(),
            open_until: None,
        }
    }

    /// Gives the work up (at stop), so another process takes it at once.
    pub async fn release(self) {
        if let Some(holder) = self.holder
            && let Some(conn) = holder.lock().await.take()
        {
            let _ = conn.close().await;
        }
    }
}

/// The time in which the holder of the sender's lease may start sends.
#[derive(Clone)]
pub struct SendWindow {
    /// `None` on SQLite: always open.
    holder: Option<Holder>,
    open_until: Option<Instant>,
}

impl SendWindow {
    /// Whether sends may start now. When less than half the window is left,
    /// it is moved forward first (one write, on the connection that holds the
    /// lease: it fails once another process may hold it). `false` when that
    /// write failed or the lease was released.
    pub async fn open(&mut self) -> bool {
        let Some(holder) = self.holder.as_ref() else {
            return true;
        };
        let asked_at = Instant::now();
        let mut held = holder.lock().await;
        let Some(conn) = held.as_mut() else {
            return false;
        };
        if self
            .open_until
            .is_some_and(|until| until > asked_at + SEND_WINDOW / 2)
        {
            return true;
        }
        let sql = format!(
            "INSERT INTO sender_window (id, sends_until) VALUES (1, {SERVER_NOW_MS} + $1)
             ON CONFLICT (id) DO UPDATE SET sends_until = EXCLUDED.sends_until"
        );
        let window_ms = i64::try_from(SEND_WINDOW.as_millis()).unwrap_or(i64::MAX);
        match sqlx::query(&sql).bind(window_ms).execute(&mut *conn).await {
            Ok(_) => {
                // Counted from before the write: the server's window ends later.
                self.open_until = Some(asked_at + SEND_WINDOW);
                true
            }
            Err(error) => {
                tracing::warn!(%error, "cannot move the sender's window; not sending");
                self.open_until = None;
                false
            }
        }
    }
}
