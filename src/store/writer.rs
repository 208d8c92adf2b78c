//! Where writes go. PostgreSQL has a pool of write connections. SQLite has
//! one writer at a time, and its one write connection is held here instead
//! of in sqlx's pool: the pool pings a connection when it is taken and again
//! when it is given back, and on SQLite every statement, ping included, is a
//! hand-off to the connection's own thread and back, which costs more than
//! the statement (BENCHMARKS.md, "The binding's share"). For the same reason
//! a SQLite transaction is begun and ended with plain statements: sqlx's own
//! `BEGIN IMMEDIATE` asks the connection's thread once more whether it took.

use std::ops::{Deref, DerefMut};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use sqlx::any::AnyConnectOptions;
use sqlx::pool::PoolConnection;
use sqlx::{Any, AnyConnection, AnyPool, Connection as _, Executor as _, Transaction};
use tokio::sync::{Mutex, OwnedMappedMutexGuard, OwnedMutexGuard, oneshot};

use super::StoreError;
use super::sql::Sql;
use super::turn::{self, Pending};

/// The database's write side.
#[derive(Clone)]
pub struct Writer(Kind);

#[derive(Clone)]
enum Kind {
    Sqlite(Arc<Held>),
    Postgres(AnyPool),
}

/// SQLite's one write connection (`None` once closed) and how to open it again.
struct Held {
    options: AnyConnectOptions,
    /// Said to a connection as it opens.
    setup: &'static str,
    conn: Arc<Mutex<Option<AnyConnection>>>,
    /// A transaction was begun and neither committed nor rolled back (its
    /// holder failed or was dropped mid-way): rolled back before the next use.
    left_open: AtomicBool,
    /// The connection failed in a way it may not recover from: a new one is
    /// opened before the next use.
    broken: AtomicBool,
    closed: AtomicBool,
    /// Writes waiting to be committed together ([`Writer::commit_grouped`]).
    waiting: std::sync::Mutex<Vec<Waiting>>,
}

/// One caller's writes waiting for the writer, and where to say how they went.
struct Waiting {
    pending: Pending,
    done: oneshot::Sender<Result<(), StoreError>>,
}

/// The most turns committed in one call. A question's turn binds about 60
/// values, so 32 stay far below SQLite's 32,766 variables per statement,
/// and a call's statement, prepared once and not kept, stays small.
const MOST_TOGETHER: usize = 32;

/// sqlx's own default wait for a pooled connection.
const WAIT_FOR_WRITER: std::time::Duration = std::time::Duration::from_secs(30);

type HeldConn = OwnedMappedMutexGuard<Option<AnyConnection>, AnyConnection>;

impl Writer {
    /// SQLite's write connection, opened with `options` and then `setup`.
    pub(super) async fn sqlite(
        options: AnyConnectOptions,
        setup: &'static str,
    ) -> Result<Writer, sqlx::Error> {
        let conn = open(&options, setup).await?;
        Ok(Writer(Kind::Sqlite(Arc::new(Held {
            options,
            setup,
            conn: Arc::new(Mutex::new(Some(conn))),
            left_open: AtomicBool::new(false),
            broken: AtomicBool::new(false),
            closed: AtomicBool::new(false),
            waiting: std::sync::Mutex::new(Vec::new()),
        }))))
    }

    pub(super) fn postgres(pool: AnyPool) -> Writer {
        Writer(Kind::Postgres(pool))
    }

    pub fn connect_options(&self) -> AnyConnectOptions {
        match &self.0 {
            Kind::Sqlite(held) => held.options.clone(),
            Kind::Postgres(pool) => (*pool.connect_options()).clone(),
        }
    }

    /// A connection for writes outside a transaction (one statement each).
    pub async fn conn(&self) -> Result<WriteConn, sqlx::Error> {
        match &self.0 {
            Kind::Sqlite(held) => Ok(WriteConn(ConnKind::Held(held.take().await?))),
            Kind::Postgres(pool) => Ok(WriteConn(ConnKind::Pooled(pool.acquire().await?))),
        }
    }

    /// A write transaction; on SQLite it takes the database's write lock at once.
    pub async fn begin(&self) -> Result<WriteTx, sqlx::Error> {
        self.begin_with(None).await
    }

    /// A write transaction: on SQLite it takes the database's write lock at
    /// once. `first`, on PostgreSQL only, is sent in the same message just
    /// before `BEGIN` (a lock the transaction then holds).
    pub(super) async fn begin_with(&self, first: Option<String>) -> Result<WriteTx, sqlx::Error> {
        match &self.0 {
            Kind::Sqlite(held) => {
                let mut conn = held.take().await?;
                if let Err(error) = conn.execute("BEGIN IMMEDIATE").await {
                    held.failed(&error);
                    return Err(error);
                }
                held.left_open.store(true, Ordering::Release);
                Ok(WriteTx(TxKind::Held(HeldTx {
                    conn,
                    held: held.clone(),
                    since: std::time::Instant::now(),
                })))
            }
            Kind::Postgres(pool) => {
                let tx = match first {
                    Some(first) => pool.begin_with(format!("{first}; BEGIN")).await?,
                    None => pool.begin().await?,
                };
                Ok(WriteTx(TxKind::Pooled(tx)))
            }
        }
    }

    /// A write transaction whose BEGIN rides in the caller's first
    /// statement: the text returned goes before that statement's own (on
    /// SQLite, one hand-off to the connection's thread less). On PostgreSQL,
    /// where a statement with parameters travels alone, the transaction is
    /// begun here (with `first` before BEGIN) and the text is empty.
    pub(super) async fn begin_in_first_statement(
        &self,
        first: Option<String>,
    ) -> Result<(WriteTx, &'static str), sqlx::Error> {
        match &self.0 {
            Kind::Sqlite(held) => {
                let conn = held.take().await?;
                // Marked open before it is: if the statement fails, the
                // rollback that follows finds nothing or undoes its part.
                held.left_open.store(true, Ordering::Release);
                let tx = WriteTx(TxKind::Held(HeldTx {
                    conn,
                    held: held.clone(),
                    since: std::time::Instant::now(),
                }));
                Ok((tx, "BEGIN IMMEDIATE; "))
            }
            Kind::Postgres(_) => Ok((self.begin_with(first).await?, "")),
        }
    }

    /// Commits `sql` (writes only: no BEGIN, no COMMIT) in a transaction.
    /// On SQLite, writes that arrive while the writer is busy are committed
    /// together (group commit): whichever caller gets the writer next takes
    /// every waiting caller's writes into one call of `BEGIN IMMEDIATE; …;
    /// COMMIT`, and the others find theirs done. Under load one hand-off to
    /// SQLite's thread, and one wait for the task to run again after it,
    /// then serve many updates instead of one. If the shared call fails
    /// because one caller's writes did (see [`StoreError::is_stale_read`]),
    /// each caller's writes are committed alone and each gets its own
    /// outcome; on any other failure every caller gets it.
    pub(super) async fn commit_grouped(&self, pending: Pending) -> Result<(), StoreError> {
        match &self.0 {
            Kind::Sqlite(held) => held.commit_grouped(pending).await,
            Kind::Postgres(pool) => {
                let mut tx = pool.begin().await?;
                pending.statement(false).execute(&mut tx).await?;
                Ok(tx.commit().await?)
            }
        }
    }

    pub(super) async fn close(&self) {
        match &self.0 {
            Kind::Sqlite(held) => {
                held.closed.store(true, Ordering::Release);
                let mut slot = held.conn.clone().lock_owned().await;
                if let Some(mut conn) = slot.take() {
                    if held.left_open.swap(false, Ordering::AcqRel) {
                        let _ = conn.execute("ROLLBACK").await;
                    }
                    let _ = conn.close().await;
                }
            }
            Kind::Postgres(pool) => pool.close().await,
        }
    }
}

impl Held {
    /// The connection, ready: a transaction left open rolled back, a broken
    /// connection replaced.
    async fn take(&self) -> Result<HeldConn, sqlx::Error> {
        // As a pool's wait for a connection: a writer that waits this long
        // fails (and its update is tried again) rather than hanging.
        let mut slot = tokio::time::timeout(WAIT_FOR_WRITER, self.conn.clone().lock_owned())
            .await
            .map_err(|_| sqlx::Error::PoolTimedOut)?;
        if self.closed.load(Ordering::Acquire) {
            return Err(sqlx::Error::PoolClosed);
        }
        if self.left_open.load(Ordering::Acquire)
            && !self.broken.load(Ordering::Acquire)
            && let Some(conn) = slot.as_mut()
        {
            self.roll_back(conn).await;
        }
        if self.broken.load(Ordering::Acquire) || slot.is_none() {
            *slot = None;
            *slot = Some(open(&self.options, self.setup).await?);
            self.broken.store(false, Ordering::Release);
            self.left_open.store(false, Ordering::Release);
        }
        OwnedMutexGuard::try_map(slot, Option::as_mut).map_err(|_| sqlx::Error::PoolClosed)
    }

    async fn commit_grouped(&self, pending: Pending) -> Result<(), StoreError> {
        let (done, mut outcome) = oneshot::channel();
        self.waiting
            .lock()
            .map_err(|_| StoreError::Invalid("the writer's queue was poisoned".into()))?
            .push(Waiting { pending, done });
        loop {
            let mut conn = tokio::select! {
                biased;
                // Committed by a caller that got the writer first.
                done = &mut outcome => return done.unwrap_or_else(|_| Err(gone())),
                // If this fails, the receiver goes with this call, and a
                // caller that later takes the waiting writes skips these.
                conn = self.take() => conn?,
            };
            if let Ok(done) = outcome.try_recv() {
                return done;
            }
            let since = std::time::Instant::now();
            let batch: Vec<Waiting> = self
                .waiting
                .lock()
                .map(|mut waiting| {
                    let taken = waiting.len().min(MOST_TOGETHER);
                    waiting.drain(..taken).collect()
                })
                .unwrap_or_default();
            self.commit_together(&mut conn, batch).await;
            crate::monitor::sqlite_writer_busy(since.elapsed());
            drop(conn);
            // Not done yet when this caller's writes were past the batch:
            // it waits for the writer again, or for whoever takes them.
            if let Ok(done) = outcome.try_recv() {
                return done;
            }
        }
    }

    /// Commits the waiting callers' writes in one call; see
    /// [`Writer::commit_grouped`].
    async fn commit_together(&self, conn: &mut AnyConnection, waiting: Vec<Waiting>) {
        let waiting: Vec<Waiting> = waiting
            .into_iter()
            .filter(|w| !w.done.is_closed())
            .collect();
        if let [alone] = waiting.as_slice() {
            let outcome = self.commit_alone(conn, &alone.pending).await;
            if let Some(alone) = waiting.into_iter().next() {
                let _ = alone.done.send(outcome);
            }
            return;
        }
        let all: Vec<&Pending> = waiting.iter().map(|w| &w.pending).collect();
        let mut together = Sql::default();
        together
            .push("BEGIN IMMEDIATE; ")
            .append(&turn::sqlite_statements(&all))
            .push("; COMMIT");
        self.left_open.store(true, Ordering::Release);
        // Not kept among the connection's prepared statements: no two
        // batches are alike.
        match together.execute_once(conn).await {
            Ok(_) => {
                self.left_open.store(false, Ordering::Release);
                for w in waiting {
                    let _ = w.done.send(Ok(()));
                }
            }
            Err(error) => {
                self.roll_back(conn).await;
                if error.is_stale_read() {
                    for w in waiting {
                        let outcome = self.commit_alone(conn, &w.pending).await;
                        let _ = w.done.send(outcome);
                    }
                } else {
                    let unavailable = error.is_unavailable();
                    for w in waiting {
                        let _ = w.done.send(Err(StoreError::Shared {
                            message: error.to_string(),
                            unavailable,
                        }));
                    }
                }
            }
        }
    }

    /// `sql` committed in a transaction of its own, in one call.
    async fn commit_alone(
        &self,
        conn: &mut AnyConnection,
        pending: &Pending,
    ) -> Result<(), StoreError> {
        if self.broken.load(Ordering::Acquire) {
            return Err(StoreError::Shared {
                message: "the write connection failed".into(),
                unavailable: true,
            });
        }
        let mut alone = Sql::default();
        alone
            .push("BEGIN IMMEDIATE; ")
            .append(&turn::sqlite_statements(&[pending]))
            .push("; COMMIT");
        self.left_open.store(true, Ordering::Release);
        match alone.execute(conn).await {
            Ok(_) => {
                self.left_open.store(false, Ordering::Release);
                Ok(())
            }
            Err(error) => {
                self.roll_back(conn).await;
                Err(error)
            }
        }
    }

    /// Ends a transaction left open; a connection that cannot is replaced
    /// before its next use.
    async fn roll_back(&self, conn: &mut AnyConnection) {
        match conn.execute("ROLLBACK").await {
            // SQLite refuses when it ended the transaction itself (a
            // full disk does): nothing is left to roll back either way.
            Ok(_) | Err(sqlx::Error::Database(_)) => self.left_open.store(false, Ordering::Release),
            Err(_) => self.broken.store(true, Ordering::Release),
        }
    }

    /// After BEGIN or COMMIT failed: an error SQLite reported (busy, a full
    /// disk) leaves the connection usable; any other (its thread gone) has it
    /// replaced before its next use.
    fn failed(&self, error: &sqlx::Error) {
        if !matches!(error, sqlx::Error::Database(_)) {
            self.broken.store(true, Ordering::Release);
        }
    }
}

/// A caller's outcome was never sent: its writes' fate is unknown to it (a
/// retry finds the update handled if they were committed).
fn gone() -> StoreError {
    StoreError::Shared {
        message: "the writes were taken by another caller that stopped".into(),
        unavailable: true,
    }
}

async fn open(options: &AnyConnectOptions, setup: &str) -> Result<AnyConnection, sqlx::Error> {
    let mut conn = AnyConnection::connect_with(options).await?;
    conn.execute(setup).await?;
    Ok(conn)
}

/// A connection to write through.
pub struct WriteConn(ConnKind);

enum ConnKind {
    Held(HeldConn),
    Pooled(PoolConnection<Any>),
}

impl Deref for WriteConn {
    type Target = AnyConnection;
    fn deref(&self) -> &AnyConnection {
        match &self.0 {
            ConnKind::Held(conn) => conn,
            ConnKind::Pooled(conn) => conn,
        }
    }
}

impl DerefMut for WriteConn {
    fn deref_mut(&mut self) -> &mut AnyConnection {
        match &mut self.0 {
            ConnKind::Held(conn) => conn,
            ConnKind::Pooled(conn) => conn,
        }
    }
}

/// A write transaction. Dropped without [`WriteTx::commit`], it is rolled back.
pub struct WriteTx(TxKind);

enum TxKind {
    Held(HeldTx),
    Pooled(Transaction<'static, Any>),
}

/// SQLite's connection while a transaction is open on it.
struct HeldTx {
    conn: HeldConn,
    held: Arc<Held>,
    /// When the connection was taken, for the writer's busy time.
    since: std::time::Instant,
}

impl WriteTx {
    pub async fn commit(self) -> Result<(), StoreError> {
        self.commit_after(Sql::default()).await
    }

    /// Runs `last` (if it has any statement) and commits: on SQLite in one
    /// call, `COMMIT` added to `last`.
    pub(super) async fn commit_after(mut self, mut last: Sql) -> Result<(), StoreError> {
        let held = matches!(self.0, TxKind::Held(_));
        if held {
            if !last.is_empty() {
                last.push("; ");
            }
            last.push("COMMIT");
        }
        if !last.is_empty()
            && let Err(error) = last.execute(&mut self).await
        {
            if let (TxKind::Held(tx), StoreError::Sqlx(sqlx)) = (&self.0, &error) {
                // Still marked open: rolled back, or the connection
                // replaced, before the next use.
                tx.held.failed(sqlx);
            }
            return Err(error);
        }
        match self.0 {
            TxKind::Held(tx) => {
                tx.held.left_open.store(false, Ordering::Release);
                Ok(())
            }
            TxKind::Pooled(tx) => Ok(tx.commit().await?),
        }
    }
}

impl Drop for HeldTx {
    fn drop(&mut self) {
        crate::monitor::sqlite_writer_busy(self.since.elapsed());
        if !self.held.left_open.load(Ordering::Acquire) {
            return;
        }
        // Rolled back at once, so the write lock is not kept until the next
        // write; the next use does it otherwise (without a runtime, when
        // shutting down).
        let held = self.held.clone();
        if let Ok(runtime) = tokio::runtime::Handle::try_current() {
            runtime.spawn(async move {
                // `take` rolls back what was left open.
                let _ = held.take().await;
            });
        }
    }
}

impl Deref for WriteTx {
    type Target = AnyConnection;
    fn deref(&self) -> &AnyConnection {
        match &self.0 {
            TxKind::Held(tx) => &tx.conn,
            TxKind::Pooled(tx) => tx,
        }
    }
}

impl DerefMut for WriteTx {
    fn deref_mut(&mut self) -> &mut AnyConnection {
        match &mut self.0 {
            TxKind::Held(tx) => &mut tx.conn,
            TxKind::Pooled(tx) => tx,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::locale::Locale;
    use crate::protocol::Conversation;
    use crate::store::conversations::{Channel, Participant};
    use crate::store::turn::TurnWrites;
    use crate::store::{Database, Store};

    /// A turn that opens conversation `id` for chat `id`.
    fn opening(id: i64) -> Pending {
        let who = Participant {
            channel: Channel::Terminal,
            chat_id: id,
            user_id: None,
            user_name: None,
            locale: Locale::EsMx,
        };
        let mut writes = TurnWrites::default();
        writes
            .open(id, &who, &Conversation::default(), 0)
            .expect("a state");
        Pending::new(writes)
    }

    /// A caller whose writes come after more waiting writes than one call
    /// takes commits the first batch for the others, then waits for the
    /// writer again and commits its own: none is left waiting.
    #[tokio::test]
    async fn a_caller_past_the_batch_it_commits_takes_the_writer_again() {
        let dir = tempfile::tempdir().expect("a folder");
        let url = format!("sqlite://{}", dir.path().join("desk.db").display());
        let store = Store::open(&Database::parse(&url).expect("a url"))
            .await
            .expect("opened");
        let Kind::Sqlite(held) = &store.writer().0 else {
            panic!("a SQLite writer");
        };
        let mut earlier = Vec::new();
        for id in 1..=MOST_TOGETHER as i64 + 1 {
            let (done, outcome) = oneshot::channel();
            held.waiting.lock().expect("the queue").push(Waiting {
                pending: opening(id),
                done,
            });
            earlier.push(outcome);
        }
        let last = MOST_TOGETHER as i64 + 2;
        tokio::time::timeout(
            std::time::Duration::from_secs(30),
            held.commit_grouped(opening(last)),
        )
        .await
        .expect("not left waiting")
        .expect("committed");
        for outcome in earlier {
            outcome.await.expect("answered").expect("committed");
        }
        let opened: i64 = sqlx::query_scalar("SELECT count(*) FROM conversations")
            .fetch_one(store.reader())
            .await
            .expect("counted");
        assert_eq!(opened, last);
        assert!(held.waiting.lock().expect("the queue").is_empty());
        store.close().await;
    }
}
