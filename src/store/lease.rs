//! Work that must be done once for the whole bot (the Telegram sender, whose
//! rate limits are per bot; the mail worker; the clocks of the agents' queue
//! and of inactivity) runs in one process at a time. On PostgreSQL, shared by
//! several replicas, the process that holds a session-level advisory lock does
//! it: the lock lives as long as that process's connection, so when the
//! process dies the server releases it and another replica, trying every
//! second, takes the work over. On SQLite there is one process: the lease is
//! granted at once and never lost.

use std::time::Duration;

use sqlx::{AnyConnection, Connection as _};

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

/// The right to do one kind of bot-wide work.
pub struct Lease {
    /// PostgreSQL: the connection that holds the lock.
    holder: Option<AnyConnection>,
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
                Ok(Some(holder)) => {
                    // The process that did it before may have sent to a chat
                    // an instant ago: Telegram's per-chat second passes first.
                    if work == Work::Telegram {
                        tokio::time::sleep(TAKE_OVER_AFTER).await;
                    }
                    tracing::info!(?work, "this process does the bot-wide work");
                    return Lease {
                        holder: Some(holder),
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
                holder: Some(holder),
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

impl Lease {
    /// Resolves when the lease is lost: the connection holding the lock broke
    /// (the server restarted or failed over, the network), so another process
    /// may hold it now. Never, on SQLite.
    pub async fn lost(&mut self) {
        let Some(holder) = self.holder.as_mut() else {
            return std::future::pending().await;
        };
        loop {
            tokio::time::sleep(TRY_EVERY).await;
            if let Err(error) = holder.ping().await {
                tracing::warn!(%error, "the connection holding the bot-wide work broke");
                return;
            }
        }
    }

    /// Gives the work up (at stop), so another process takes it at once.
    pub async fn release(self) {
        if let Some(holder) = self.holder {
            let _ = holder.close().await;
        }
    }
}
