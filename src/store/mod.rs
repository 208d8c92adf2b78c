//! The database through sqlx's `Any` driver, so the rest of the code does not
//! know which one it is on: SQLite (the embedded default, a file) or
//! PostgreSQL (for production replicas), chosen by `DATABASE_URL`. Each has
//! its schema in `migrations/<database>/`, embedded and applied at start; the
//! SQL the code sends is written once for both (`$N` placeholders, which
//! SQLite reads too).
//!
//! SQLite has one writer at a time, so writes go through one connection the
//! store holds ([`writer`]; each handled update is one `BEGIN IMMEDIATE`
//! transaction) and reads that need no transaction use a separate pool. On
//! PostgreSQL the write pool has a few connections, so updates for different
//! chats are handled at once.

pub mod backup;
pub mod calls;
pub mod conversations;
pub mod directory;
pub mod faq;
pub mod handoffs;
pub mod indicators;
pub mod lease;
pub mod monitor;
pub mod outbox;
pub mod phrases;
pub mod privacy;
pub mod routes;
pub mod sends;
mod sql;
pub mod templates;
pub mod tickets;
pub mod turn;
pub mod updates;
pub mod writer;

pub use writer::{WriteConn, WriteTx, Writer};

use std::path::PathBuf;
use std::str::FromStr;
use std::sync::Arc;
use std::time::Duration;

use chrono::{DateTime, TimeZone, Utc};
use futures::future::BoxFuture;
use sqlx::any::{AnyConnectOptions, AnyPoolOptions};
use sqlx::pool::PoolConnectionMetadata;
use sqlx::sqlite::SqliteConnectOptions;
use sqlx::{AnyConnection, AnyPool, Connection as _, Executor as _};

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("cannot create the database folder {path}: {source}")]
    Folder {
        path: String,
        source: std::io::Error,
    },
    #[error(
        "cannot open the database {path} (DATABASE_URL): {reason}. Check that it is a file (not a folder) in a folder this user may write to."
    )]
    Open { path: String, reason: String },
    #[error(
        "cannot reach the PostgreSQL database {url} (DATABASE_URL): {reason}. Check that the server runs, the host and port, the user and password, and that the database exists."
    )]
    Connect { url: String, reason: String },
    #[error("database: {0}")]
    Sqlx(#[from] sqlx::Error),
    #[error("database migration failed: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
    #[error("stored conversation state {id} is unreadable: {source}")]
    State { id: i64, source: serde_json::Error },
    #[error("stored value is invalid: {0}")]
    Invalid(String),
    /// Writes committed together with others failed with the others
    /// (`Writer::commit_grouped`): each caller gets the failure as said.
    #[error("database: {message}")]
    Shared { message: String, unavailable: bool },
}

impl StoreError {
    /// A turn written on what it read before the write lock found the
    /// update handled or the conversation changed meanwhile
    /// ([`turn::TurnWrites::record_if_unchanged`]): nothing was written, and the turn
    /// is to run again under the lock.
    pub fn is_stale_read(&self) -> bool {
        matches!(
            self,
            StoreError::Sqlx(sqlx::Error::Database(db))
                if matches!(
                    db.kind(),
                    sqlx::error::ErrorKind::UniqueViolation
                        | sqlx::error::ErrorKind::NotNullViolation
                )
        )
    }

    /// The database could not be used just now (locked, full, unreadable disk,
    /// a lost connection, a conflict with another replica): the same work may
    /// succeed once the condition clears.
    pub fn is_unavailable(&self) -> bool {
        if let StoreError::Shared { unavailable, .. } = self {
            return *unavailable;
        }
        let StoreError::Sqlx(error) = self else {
            return false;
        };
        match error {
            sqlx::Error::Database(db) => db.code().is_some_and(|code| {
                match code.parse::<i32>() {
                    // SQLite's primary result codes: BUSY, LOCKED, READONLY,
                    // IOERR, FULL, CANTOPEN.
                    Ok(code) => matches!(code & 0xff, 5 | 6 | 8 | 10 | 13 | 14),
                    // PostgreSQL's SQLSTATE classes: serialization failure
                    // and deadlock (40), insufficient resources (53), a lock
                    // not available in time (55), operator intervention such
                    // as a shutdown (57), system error (58), connection
                    // exceptions (08).
                    Err(_) => ["40", "53", "55", "57", "58", "08"]
                        .iter()
                        .any(|class| code.starts_with(class)),
                }
            }),
            sqlx::Error::PoolTimedOut | sqlx::Error::Io(_) | sqlx::Error::PoolClosed => true,
            _ => false,
        }
    }
}

/// Which database `DATABASE_URL` names.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Database {
    /// A SQLite file (created when missing).
    Sqlite { url: String, path: PathBuf },
    /// A PostgreSQL database (which must exist).
    Postgres { url: String },
}

impl Database {
    pub fn parse(url: &str) -> Result<Database, String> {
        if url.starts_with("sqlite:") {
            let options = SqliteConnectOptions::from_str(url).map_err(|e| e.to_string())?;
            Ok(Database::Sqlite {
                url: url.to_owned(),
                path: options.get_filename().to_path_buf(),
            })
        } else if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            AnyConnectOptions::from_str(url).map_err(|e| e.to_string())?;
            Ok(Database::Postgres {
                url: url.to_owned(),
            })
        } else {
            Err("neither a SQLite URL (sqlite://…) nor a PostgreSQL one (postgres://…)".into())
        }
    }

    /// The URL with any password hidden, for messages and logs.
    pub fn shown(&self) -> String {
        match self {
            Database::Sqlite { path, .. } => path.display().to_string(),
            Database::Postgres { url } => without_password(url),
        }
    }
}

/// A database URL as it may be shown (in messages, in logs): a password in
/// it is replaced by `***`.
pub fn without_password(url: &str) -> String {
    match url::Url::parse(url) {
        Ok(mut parsed) if parsed.password().is_some() => {
            let _ = parsed.set_password(Some("***"));
            parsed.to_string()
        }
        _ => url.to_owned(),
    }
}

/// The SQL dialect a statement may need to differ by (rarely: most SQL is
/// written once for both).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Dialect {
    Sqlite,
    Postgres,
}

impl Dialect {
    /// The dialect of a connection (inside a transaction, where the pool is
    /// not at hand).
    pub fn of_connection(conn: &AnyConnection) -> Dialect {
        match conn.backend_name() {
            "SQLite" => Dialect::Sqlite,
            _ => Dialect::Postgres,
        }
    }

    pub fn of(pool: &AnyPool) -> Dialect {
        match pool.connect_options().database_url.scheme() {
            "sqlite" => Dialect::Sqlite,
            _ => Dialect::Postgres,
        }
    }
}

/// On PostgreSQL, what goes before BEGIN in the same message so that the
/// transaction holds the chat's lock: one round trip, and a failed lock
/// leaves the connection idle, never in an aborted transaction. The key is a
/// number, written by us.
fn chat_lock(chat_id: i64) -> String {
    format!("SELECT pg_advisory_xact_lock({chat_id})")
}

/// Write transactions one process runs at once on PostgreSQL. Updates for
/// different chats need not wait for each other there: the chat's advisory
/// lock keeps each chat's updates in order, as between replicas.
const POSTGRES_WRITERS: u32 = 4;

/// What SQLite's own options would set, said to each connection as it opens
/// (the `Any` driver takes only a URL).
const SQLITE_PRAGMAS: &str =
    "PRAGMA busy_timeout = 5000; PRAGMA foreign_keys = ON; PRAGMA synchronous = NORMAL;";
const SQLITE_WRITER_PRAGMAS: &str = "PRAGMA busy_timeout = 5000; PRAGMA foreign_keys = ON; \
     PRAGMA synchronous = NORMAL; PRAGMA journal_mode = WAL;";

/// As SQLite's busy timeout: a write waits this long for a lock another
/// process holds, then fails as "unavailable" and is tried again later,
/// instead of hanging the update.
fn postgres_settings(
    conn: &mut AnyConnection,
    _: PoolConnectionMetadata,
) -> BoxFuture<'_, Result<(), sqlx::Error>> {
    Box::pin(async move {
        conn.execute("SET lock_timeout = '5s'").await?;
        Ok(())
    })
}

/// A PostgreSQL connection idle longer than this is pinged before use (the
/// server may have restarted meanwhile); one used a moment ago is not, which
/// spares a round trip per update under load. sqlx pings each connection as it
/// is given back, so one that broke in use never returns to the pool.
const TRUSTED_WHILE_IDLE: Duration = Duration::from_secs(5);

fn ping_if_idle(
    conn: &mut AnyConnection,
    meta: PoolConnectionMetadata,
) -> BoxFuture<'_, Result<bool, sqlx::Error>> {
    Box::pin(async move {
        if meta.idle_for > TRUSTED_WHILE_IDLE {
            conn.ping().await?;
        }
        Ok(true)
    })
}

fn sqlite_reader_pragmas(
    conn: &mut AnyConnection,
    _: PoolConnectionMetadata,
) -> BoxFuture<'_, Result<(), sqlx::Error>> {
    Box::pin(async move {
        conn.execute(SQLITE_PRAGMAS).await?;
        Ok(())
    })
}

#[derive(Clone)]
pub struct Store {
    writer: Writer,
    reader: AnyPool,
    dialect: Dialect,
    /// The next conversation id this process gives a conversation opened
    /// before the write lock (0: not read yet); see
    /// [`Store::reserve_conversation_id`].
    next_conversation_id: Arc<std::sync::atomic::AtomicI64>,
}

impl Store {
    /// Opens (creating a SQLite file if needed) and migrates the database.
    pub async fn open(database: &Database) -> Result<Store, StoreError> {
        sqlx::any::install_default_drivers();
        match database {
            Database::Sqlite { url, path } => Store::open_sqlite(url, path).await,
            Database::Postgres { url } => Store::open_postgres(url, database.shown()).await,
        }
    }

    async fn open_sqlite(url: &str, path: &std::path::Path) -> Result<Store, StoreError> {
        if let Some(folder) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
            std::fs::create_dir_all(folder).map_err(|source| StoreError::Folder {
                path: folder.display().to_string(),
                source,
            })?;
        }
        // Said once, with the file and what to check, instead of sqlx's
        // error repeated through its sources.
        let cannot_open = |error: sqlx::Error| StoreError::Open {
            path: path.display().to_string(),
            reason: match &error {
                sqlx::Error::Database(db) => db.message().to_owned(),
                other => other.to_string(),
            },
        };
        let with_mode = |mode: &str| {
            let separator = if url.contains('?') { '&' } else { '?' };
            AnyConnectOptions::from_str(&format!("{url}{separator}mode={mode}"))
        };
        let writer = Writer::sqlite(
            with_mode("rwc").map_err(cannot_open)?,
            SQLITE_WRITER_PRAGMAS,
        )
        .await
        .map_err(cannot_open)?;
        sqlx::migrate!("migrations/sqlite")
            .run(&mut *writer.conn().await?)
            .await?;
        let reader = AnyPoolOptions::new()
            .max_connections(4)
            // A SQLite connection is a file, not a socket that may have
            // dropped; the ping would be one more hand-off to its thread.
            .test_before_acquire(false)
            .after_connect(sqlite_reader_pragmas)
            .connect_with(with_mode("ro").map_err(cannot_open)?)
            .await
            .map_err(cannot_open)?;
        Ok(Store {
            writer,
            reader,
            dialect: Dialect::Sqlite,
            next_conversation_id: Arc::default(),
        })
    }

    async fn open_postgres(url: &str, shown: String) -> Result<Store, StoreError> {
        let cannot_connect = |error: sqlx::Error| StoreError::Connect {
            url: shown.clone(),
            reason: match &error {
                sqlx::Error::Database(db) => db.message().to_owned(),
                other => other.to_string(),
            },
        };
        let options = AnyConnectOptions::from_str(url).map_err(cannot_connect)?;
        // One plain connection first: a refused connection or a wrong password
        // is said at once, where the pool would retry until its timeout and
        // then only say that it timed out.
        AnyConnection::connect_with(&options)
            .await
            .map_err(cannot_connect)?
            .close()
            .await
            .map_err(cannot_connect)?;
        let writer = AnyPoolOptions::new()
            .max_connections(POSTGRES_WRITERS)
            .acquire_timeout(Duration::from_secs(10))
            .test_before_acquire(false)
            .before_acquire(ping_if_idle)
            .after_connect(postgres_settings)
            .connect_with(options.clone())
            .await
            .map_err(cannot_connect)?;
        sqlx::migrate!("migrations/postgres").run(&writer).await?;
        let writer = Writer::postgres(writer);
        let reader = AnyPoolOptions::new()
            .max_connections(4)
            .acquire_timeout(Duration::from_secs(10))
            .test_before_acquire(false)
            .before_acquire(ping_if_idle)
            .after_connect(postgres_settings)
            .connect_with(options)
            .await
            .map_err(cannot_connect)?;
        Ok(Store {
            writer,
            reader,
            dialect: Dialect::Postgres,
            next_conversation_id: Arc::default(),
        })
    }

    pub fn dialect(&self) -> Dialect {
        self.dialect
    }

    /// A write transaction; on SQLite it takes the database's write lock at once.
    pub async fn begin(&self) -> Result<WriteTx, StoreError> {
        Ok(self.writer.begin().await?)
    }

    /// A write transaction for one chat's update: on PostgreSQL other
    /// handling of the same chat (another replica's, an agent's action) waits
    /// for it, with no round trip of its own.
    pub async fn begin_for_chat(&self, chat_id: i64) -> Result<WriteTx, StoreError> {
        Ok(self.writer.begin_with(Some(chat_lock(chat_id))).await?)
    }

    /// An id for a conversation a turn opens before the write lock, where
    /// the database cannot number it yet: one past the highest this process
    /// has seen, so ids stay in order. Should another writer have taken it
    /// by the time the turn writes, the insert fails on the key and the turn
    /// runs again under the lock (see [`StoreError::is_stale_read`]); an id
    /// reserved by a turn that did not write it is skipped.
    pub async fn reserve_conversation_id(
        &self,
        conn: &mut AnyConnection,
    ) -> Result<i64, StoreError> {
        use std::sync::atomic::Ordering;
        if self.next_conversation_id.load(Ordering::Acquire) == 0 {
            self.conversation_ids_from(conn).await?;
        }
        Ok(self.next_conversation_id.fetch_add(1, Ordering::AcqRel))
    }

    /// Reserved ids continue past the highest in the database (at the first
    /// reservation; after that, a conversation the database numbers under the
    /// lock moves them on through [`Store::conversation_id_taken`]).
    async fn conversation_ids_from(&self, conn: &mut AnyConnection) -> Result<(), StoreError> {
        let highest: i64 = sqlx::query_scalar("SELECT COALESCE(max(id), 0) FROM conversations")
            .fetch_one(conn)
            .await?;
        self.conversation_id_taken(highest);
        Ok(())
    }

    /// A conversation was numbered `id` (by the database, under the lock):
    /// reserved ids continue past it.
    pub fn conversation_id_taken(&self, id: i64) {
        self.next_conversation_id
            .fetch_max(id + 1, std::sync::atomic::Ordering::AcqRel);
    }

    pub fn reader(&self) -> &AnyPool {
        &self.reader
    }

    pub fn writer(&self) -> &Writer {
        &self.writer
    }

    pub async fn close(&self) {
        self.reader.close().await;
        self.writer.close().await;
    }
}

/// A duration in milliseconds, as times are compared in the database.
pub fn millis(duration: std::time::Duration) -> i64 {
    i64::try_from(duration.as_millis()).unwrap_or(i64::MAX)
}

/// Times are stored as milliseconds since the Unix epoch.
pub fn to_millis(at: DateTime<Utc>) -> i64 {
    at.timestamp_millis()
}

pub fn from_millis(ms: i64) -> DateTime<Utc> {
    Utc.timestamp_millis_opt(ms).single().unwrap_or_default()
}
