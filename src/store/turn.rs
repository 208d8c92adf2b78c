//! A turn's writes, gathered while it runs and written at its end: the
//! transcript, the FAQ searches, the conversation's state and the messages to
//! send. On PostgreSQL they go in one statement (data-modifying `WITH`
//! clauses), so a user's update costs BEGIN, one read, one write and COMMIT;
//! on SQLite in one call of several statements (the numbered placeholders
//! count across them), for the same count of hand-offs to its thread.

use sqlx::AnyConnection;

use super::sends::{self, ToSend};
use super::sql::{Bound, Sql};
use super::{Dialect, StoreError, WriteTx};
use crate::protocol::{Conversation, FaqHit, Reply};

/// A transcript line to write.
#[derive(Clone, Debug)]
pub(super) struct Line {
    pub conversation_id: i64,
    pub direction: &'static str,
    pub at_ms: i64,
    pub body: String,
    pub buttons: Option<String>,
    pub author: String,
}

impl Line {
    pub(super) fn out(conversation_id: i64, at_ms: i64, reply: &Reply, author: &str) -> Line {
        Line {
            conversation_id,
            direction: "out",
            at_ms,
            body: reply.text.clone(),
            buttons: super::conversations::buttons_json(reply),
            author: author.to_owned(),
        }
    }
}

/// `INSERT` of transcript lines, in order (ids follow the order listed).
pub(super) fn insert_lines<'a>(sql: &mut Sql, lines: impl IntoIterator<Item = &'a Line>) {
    sql.push(
        "INSERT INTO messages (conversation_id, direction, at, body, buttons, author) VALUES ",
    )
    .rows(lines.into_iter().map(|line| {
        vec![
            Bound::Int(line.conversation_id),
            Bound::Text(line.direction.to_owned()),
            Bound::Int(line.at_ms),
            Bound::Text(line.body.clone()),
            Bound::MaybeText(line.buttons.clone()),
            Bound::Text(line.author.clone()),
        ]
    }));
}

/// A first-level search, for the indicators.
#[derive(Clone, Debug)]
pub(super) struct Search {
    pub conversation_id: i64,
    pub at_ms: i64,
    pub query: String,
    pub hits: i64,
    pub best_faq_id: Option<i64>,
    /// The first entry was given as the answer, not only suggested.
    pub answered: bool,
}

pub(super) fn insert_searches<'a>(sql: &mut Sql, searches: impl IntoIterator<Item = &'a Search>) {
    sql.push(
        "INSERT INTO faq_searches (conversation_id, at, query, hits, best_faq_id, answered) VALUES ",
    )
        .rows(searches.into_iter().map(|search| {
            vec![
                Bound::Int(search.conversation_id),
                Bound::Int(search.at_ms),
                Bound::Text(search.query.clone()),
                Bound::Int(search.hits),
                Bound::MaybeInt(search.best_faq_id),
                Bound::Int(i64::from(search.answered)),
            ]
        }));
}

/// A ticket status lookup that failed (a number with an e-mail that is not
/// its own), counted so that a chat cannot go on guessing.
pub(super) struct LookupFailure {
    pub channel: &'static str,
    pub chat_id: i64,
    pub at_ms: i64,
}

fn insert_lookup_failures<'a>(
    sql: &mut Sql,
    failures: impl IntoIterator<Item = &'a LookupFailure>,
) {
    sql.push("INSERT INTO status_lookup_failures (channel, chat_id, at) VALUES ")
        .rows(failures.into_iter().map(|failure| {
            vec![
                Bound::Text(failure.channel.to_owned()),
                Bound::Int(failure.chat_id),
                Bound::Int(failure.at_ms),
            ]
        }));
}

/// A conversation's state after a turn.
#[derive(Clone, Debug)]
pub(super) struct Saved {
    pub id: i64,
    pub state: String,
    pub at_ms: i64,
    /// The user spoke: the inactivity clock starts again.
    pub user_spoke: bool,
    /// The desk answered: the first answer's time is kept.
    pub answered: bool,
}

/// A conversation closed by a turn (kept as it was if it is closed already).
#[derive(Clone, Debug)]
pub(super) struct Closed {
    pub id: i64,
    pub outcome: &'static str,
    pub solved_by_faq: Option<i64>,
    pub at_ms: i64,
}

/// One `UPDATE` of a conversation: its new state, its close, or both.
type ConversationUpdate<'a> = (Option<&'a Saved>, Option<&'a Closed>, i64);

/// The conversation updates of a turn: its new state and its close, in one
/// `UPDATE` when both are of the same conversation (PostgreSQL makes only
/// one of two updates of a row in one statement).
fn conversation_updates<'a>(
    saved: Option<&'a Saved>,
    closed: Option<&'a Closed>,
) -> Vec<ConversationUpdate<'a>> {
    match (saved, closed) {
        (Some(saved), Some(closed)) if saved.id == closed.id => {
            vec![(Some(saved), Some(closed), saved.id)]
        }
        (saved, closed) => saved
            .map(|s| (Some(s), None, s.id))
            .into_iter()
            .chain(closed.map(|c| (None, Some(c), c.id)))
            .collect(),
    }
}

fn update_conversation(sql: &mut Sql, (saved, closed, id): ConversationUpdate<'_>) {
    sql.push("UPDATE conversations SET ");
    let mut first = true;
    let mut set = |sql: &mut Sql, column: &str| {
        sql.push(if first { "" } else { ", " })
            .push(column)
            .push(" = ");
        first = false;
    };
    if let Some(saved) = saved {
        set(sql, "state");
        sql.bind(Bound::Text(saved.state.clone()));
        set(sql, "last_activity_at");
        sql.push("CASE WHEN ")
            .bind(Bound::Flag(saved.user_spoke))
            .push(" THEN ")
            .bind(Bound::Int(saved.at_ms))
            .push(" ELSE last_activity_at END");
        set(sql, "first_response_at");
        sql.push("CASE WHEN ")
            .bind(Bound::Flag(saved.answered))
            .push(" THEN COALESCE(first_response_at, ")
            .bind(Bound::Int(saved.at_ms))
            .push(") ELSE first_response_at END");
    }
    if let Some(closed) = closed {
        // Every right-hand side sees the row as it was: one closed before
        // keeps its end, outcome and answer.
        set(sql, "ended_at");
        sql.push("COALESCE(ended_at, ")
            .bind(Bound::Int(closed.at_ms))
            .push(")");
        set(sql, "outcome");
        sql.push("CASE WHEN ended_at IS NULL THEN ")
            .bind(Bound::Text(closed.outcome.to_owned()))
            .push(" ELSE outcome END");
        set(sql, "solved_by_faq_id");
        sql.push("CASE WHEN ended_at IS NULL THEN (SELECT id FROM faq WHERE id = ")
            .bind(Bound::MaybeInt(closed.solved_by_faq))
            .push(") ELSE solved_by_faq_id END");
    }
    sql.push(" WHERE id = ").bind(Bound::Int(id));
}

/// As [`update_conversation`], for many conversations in one statement
/// (SQLite's `UPDATE … FROM`; each conversation at most once).
fn update_conversations_from_values(sql: &mut Sql, updates: &[ConversationUpdate<'_>]) {
    // v: column1 id, column2 state (NULL: kept), column3 whether the user
    // spoke, column4 the time, column5 whether answered, column6 the time
    // closed (NULL: not closed), column7 the outcome, column8 the FAQ entry.
    sql.push(
        "UPDATE conversations SET
           state = COALESCE(v.column2, state),
           last_activity_at = CASE WHEN v.column3 THEN v.column4 ELSE last_activity_at END,
           first_response_at = CASE WHEN v.column5
                                    THEN COALESCE(first_response_at, v.column4)
                                    ELSE first_response_at END,
           ended_at = COALESCE(ended_at, v.column6),
           outcome = CASE WHEN v.column6 IS NOT NULL AND ended_at IS NULL
                          THEN v.column7 ELSE outcome END,
           solved_by_faq_id = CASE WHEN v.column6 IS NOT NULL AND ended_at IS NULL
                                   THEN (SELECT id FROM faq WHERE id = v.column8)
                                   ELSE solved_by_faq_id END
         FROM (VALUES ",
    )
    .rows(updates.iter().map(|&(saved, closed, id)| {
        let at = saved.map(|s| s.at_ms).or(closed.map(|c| c.at_ms));
        vec![
            Bound::Int(id),
            Bound::MaybeText(saved.map(|s| s.state.clone())),
            Bound::Flag(saved.is_some_and(|s| s.user_spoke)),
            Bound::MaybeInt(at),
            Bound::Flag(saved.is_some_and(|s| s.answered)),
            Bound::MaybeInt(closed.map(|c| c.at_ms)),
            Bound::MaybeText(closed.map(|c| c.outcome.to_owned())),
            Bound::MaybeInt(closed.and_then(|c| c.solved_by_faq)),
        ]
    }))
    .push(") AS v WHERE conversations.id = v.column1");
}

/// The chat as a turn read it before the write lock
/// ([`super::updates::peek_chat_update`]).
#[derive(Clone, Debug)]
pub struct Seen {
    pub(super) chat_id: i64,
    /// Its open conversation, if it had one.
    pub(super) open: Option<SeenOpen>,
}

#[derive(Clone, Debug)]
pub(super) struct SeenOpen {
    pub conversation_id: i64,
    pub locale: String,
    pub state: String,
    pub last_activity_at: i64,
}

/// The first statement of a turn written on what it read before the write
/// lock: the update recorded as handled, and only if the conversation is
/// still as seen and the chat still nobody's a conversation was transferred
/// to. Otherwise the statement fails: a second record of the update breaks
/// its key; a changed conversation leaves its time NULL, which its column
/// refuses. Either way nothing of the turn is written. (A chat seen without
/// an open conversation has one opened by the turn, which the index of one
/// open conversation per chat refuses if another was opened meanwhile.)
struct Guard {
    update_id: i64,
    at_ms: i64,
    seen: Seen,
}

fn insert_guards(sql: &mut Sql, guards: &[&Guard]) {
    sql.push("INSERT INTO handled_updates (update_id, handled_at) VALUES ");
    for (n, guard) in guards.iter().enumerate() {
        sql.push(if n == 0 { "(" } else { ", (" })
            .bind(Bound::Int(guard.update_id))
            .push(", (SELECT CAST(")
            .bind(Bound::Int(guard.at_ms))
            .push(" AS BIGINT) WHERE ");
        if let Some(open) = &guard.seen.open {
            sql.push("EXISTS (SELECT 1 FROM conversations WHERE id = ")
                .bind(Bound::Int(open.conversation_id))
                .push(" AND ended_at IS NULL AND locale = ")
                .bind(Bound::Text(open.locale.clone()))
                .push(" AND state = ")
                .bind(Bound::Text(open.state.clone()))
                .push(" AND last_activity_at = ")
                .bind(Bound::Int(open.last_activity_at))
                .push(") AND ");
        }
        sql.push("NOT EXISTS (SELECT 1 FROM handoffs WHERE target_chat_id = ")
            .bind(Bound::Int(guard.seen.chat_id))
            .push(" AND ended_at IS NULL)))");
    }
}

/// A conversation a turn opened before the write lock, with the id the
/// store reserved for it.
struct Opened {
    id: i64,
    who: super::conversations::Participant,
    state: String,
    started_at: i64,
}

fn insert_opened(sql: &mut Sql, opened: &[&Opened]) {
    sql.push(
        "INSERT INTO conversations (id, channel, chat_id, user_id, user_name, locale, state,
                                    started_at, last_activity_at) VALUES ",
    )
    .rows(opened.iter().map(|opened| {
        let who = &opened.who;
        vec![
            Bound::Int(opened.id),
            Bound::Text(who.channel.as_str().to_owned()),
            Bound::Int(who.chat_id),
            Bound::MaybeInt(who.user_id),
            Bound::MaybeText(who.user_name.clone()),
            Bound::Text(who.locale.tag().to_owned()),
            Bound::Text(opened.state.clone()),
            Bound::Int(opened.started_at),
            Bound::Int(opened.started_at),
        ]
    }));
}

/// A turn's writes and the rows of the messages it queues, ready to be
/// written alone or, on SQLite, with other turns' (`Writer::commit_grouped`).
pub(super) struct Pending {
    writes: TurnWrites,
    sends: Vec<Vec<Bound>>,
}

impl Pending {
    #[cfg(test)]
    pub(super) fn new(writes: TurnWrites) -> Pending {
        Pending {
            writes,
            sends: Vec::new(),
        }
    }

    /// The statement (on SQLite, the statements in one call) that writes
    /// this turn.
    pub(super) fn statement(mut self, sqlite: bool) -> Sql {
        self.writes.statement(sqlite, self.sends)
    }
}

/// SQLite's statements that write every pending turn, in one call: a
/// statement for each kind of row, whatever the number of turns (each
/// statement's result is one more message from the connection's thread),
/// the conversations' included. Rows keep the turns' order.
pub(super) fn sqlite_statements(pending: &[&Pending]) -> Sql {
    let mut sql = Sql::default();
    let next = |sql: &mut Sql| {
        if !sql.is_empty() {
            sql.push("; ");
        }
    };
    let writes = || pending.iter().map(|p| &p.writes);
    let guards: Vec<&Guard> = writes().filter_map(|w| w.guard.as_ref()).collect();
    if !guards.is_empty() {
        insert_guards(&mut sql, &guards);
    }
    let opened: Vec<&Opened> = writes().filter_map(|w| w.opened.as_ref()).collect();
    if !opened.is_empty() {
        next(&mut sql);
        insert_opened(&mut sql, &opened);
    }
    if writes().any(|w| !w.lines.is_empty()) {
        next(&mut sql);
        insert_lines(&mut sql, writes().flat_map(|w| &w.lines));
    }
    if writes().any(|w| !w.searches.is_empty()) {
        next(&mut sql);
        insert_searches(&mut sql, writes().flat_map(|w| &w.searches));
    }
    if writes().any(|w| !w.lookup_failures.is_empty()) {
        next(&mut sql);
        insert_lookup_failures(&mut sql, writes().flat_map(|w| &w.lookup_failures));
    }
    let updates: Vec<ConversationUpdate<'_>> = writes()
        .flat_map(|w| conversation_updates(w.saved.as_ref(), w.closed.as_ref()))
        .collect();
    if !updates.is_empty() {
        next(&mut sql);
        update_conversations_from_values(&mut sql, &updates);
    }
    if pending.iter().any(|p| !p.sends.is_empty()) {
        next(&mut sql);
        sends::insert_with_one_writer(&mut sql, pending.iter().flat_map(|p| p.sends.clone()));
    }
    sql
}

/// What a turn writes, in the order it happened.
#[derive(Default)]
pub struct TurnWrites {
    guard: Option<Guard>,
    opened: Option<Opened>,
    lines: Vec<Line>,
    searches: Vec<Search>,
    lookup_failures: Vec<LookupFailure>,
    saved: Option<Saved>,
    closed: Option<Closed>,
}

impl TurnWrites {
    /// The turn was run on what [`super::updates::peek_chat_update`] read
    /// (`seen`), before the write lock: its writes begin by recording
    /// `update_id` as handled, and fail whole if it was handled meanwhile or
    /// the conversation changed (see [`StoreError::is_stale_read`]).
    pub fn record_if_unchanged(&mut self, update_id: i64, at_ms: i64, seen: Seen) {
        self.guard = Some(Guard {
            update_id,
            at_ms,
            seen,
        });
    }

    /// A conversation opened with `id` (reserved by
    /// [`Store::reserve_conversation_id`](super::Store::reserve_conversation_id))
    /// by a turn run before the write lock, written first.
    pub fn open(
        &mut self,
        id: i64,
        who: &super::conversations::Participant,
        conversation: &Conversation,
        started_at: i64,
    ) -> Result<(), StoreError> {
        self.opened = Some(Opened {
            id,
            who: who.clone(),
            state: super::conversations::state_json(conversation)?,
            started_at,
        });
        Ok(())
    }

    /// What the user wrote.
    pub fn heard(&mut self, conversation_id: i64, at_ms: i64, body: &str) {
        self.lines.push(Line {
            conversation_id,
            direction: "in",
            at_ms,
            body: body.to_owned(),
            buttons: None,
            author: "user".to_owned(),
        });
    }

    /// What the bot answered.
    pub fn said(&mut self, conversation_id: i64, at_ms: i64, replies: &[Reply]) {
        self.lines.extend(
            replies
                .iter()
                .map(|reply| Line::out(conversation_id, at_ms, reply, "bot")),
        );
    }

    pub fn searched(&mut self, conversation_id: i64, at_ms: i64, query: &str, hits: &[FaqHit]) {
        self.searches.push(Search {
            conversation_id,
            at_ms,
            query: query.to_owned(),
            hits: hits.len() as i64,
            best_faq_id: hits.first().map(|hit| hit.id),
            answered: hits.first().is_some_and(|hit| hit.sure),
        });
    }

    /// A ticket status lookup by this chat that failed.
    pub fn failed_lookup(
        &mut self,
        channel: super::conversations::Channel,
        chat_id: i64,
        at_ms: i64,
    ) {
        self.lookup_failures.push(LookupFailure {
            channel: channel.as_str(),
            chat_id,
            at_ms,
        });
    }

    /// The conversation's state at the end of the turn (the last one counts).
    pub fn save(
        &mut self,
        id: i64,
        conversation: &Conversation,
        at_ms: i64,
        user_spoke: bool,
        answered: bool,
    ) -> Result<(), StoreError> {
        self.saved = Some(Saved {
            id,
            state: super::conversations::state_json(conversation)?,
            at_ms,
            user_spoke,
            answered,
        });
        Ok(())
    }

    /// The conversation closed with `outcome` (a first-level answer solved it:
    /// `solved_by_faq`).
    pub fn close(
        &mut self,
        id: i64,
        outcome: crate::protocol::Outcome,
        solved_by_faq: Option<i64>,
        at_ms: i64,
    ) {
        self.closed = Some(Closed {
            id,
            outcome: outcome.as_str(),
            solved_by_faq,
            at_ms,
        });
    }

    /// Writes what was gathered (and nothing twice): before anything that
    /// reads the transcript, and at the end of the turn.
    pub async fn flush(&mut self, conn: &mut AnyConnection) -> Result<(), StoreError> {
        self.write_with(conn, &[], 0).await
    }

    /// Writes what was gathered and queues `sends`, in one statement on PostgreSQL.
    pub async fn write_with(
        &mut self,
        conn: &mut AnyConnection,
        sends: &[ToSend<'_>],
        sends_at_ms: i64,
    ) -> Result<(), StoreError> {
        let sqlite = Dialect::of_connection(conn) == Dialect::Sqlite;
        let sql = self.statement(sqlite, sends::rows(sends, sends_at_ms));
        if !sql.is_empty() {
            sql.execute(conn).await?;
        }
        Ok(())
    }

    /// Writes what was gathered, queues `sends` and commits `tx`: on SQLite
    /// in one call to its connection's thread (the writes and `COMMIT`), on
    /// PostgreSQL in one statement and `COMMIT`.
    pub async fn commit(
        mut self,
        tx: WriteTx,
        sends: &[ToSend<'_>],
        sends_at_ms: i64,
    ) -> Result<(), StoreError> {
        let sqlite = Dialect::of_connection(&tx) == Dialect::Sqlite;
        let sql = self.statement(sqlite, sends::rows(sends, sends_at_ms));
        tx.commit_after(sql).await
    }

    /// Writes what was gathered and queues `sends` in a transaction that
    /// may be shared with other turns' (see `Writer::commit_grouped`).
    pub async fn commit_grouped(
        self,
        store: &super::Store,
        sends: &[ToSend<'_>],
        sends_at_ms: i64,
    ) -> Result<(), StoreError> {
        let pending = Pending {
            writes: self,
            sends: sends::rows(sends, sends_at_ms),
        };
        store.writer().commit_grouped(pending).await
    }

    /// The statement (on SQLite, the statements in one call) that writes
    /// what was gathered, which is then forgotten, and queues the messages
    /// of `send_rows`.
    fn statement(&mut self, sqlite: bool, send_rows: Vec<Vec<Bound>>) -> Sql {
        let writes = std::mem::take(self);
        if sqlite {
            return sqlite_statements(&[&Pending {
                writes,
                sends: send_rows,
            }]);
        }
        let TurnWrites {
            guard,
            opened,
            lines,
            searches,
            lookup_failures,
            saved,
            closed,
        } = writes;
        let updates = conversation_updates(saved.as_ref(), closed.as_ref());
        let mut sql = Sql::default();
        let mut clauses = 0;
        let mut clause = |sql: &mut Sql| {
            sql.push(if clauses == 0 { "WITH " } else { ", " });
            clauses += 1;
            sql.push(&format!("w{clauses} AS ("));
        };
        if let Some(guard) = &guard {
            clause(&mut sql);
            insert_guards(&mut sql, &[guard]);
            sql.push(")");
        }
        if let Some(opened) = &opened {
            clause(&mut sql);
            insert_opened(&mut sql, &[opened]);
            sql.push(")");
        }
        if !lines.is_empty() {
            clause(&mut sql);
            insert_lines(&mut sql, &lines);
            sql.push(")");
        }
        if !searches.is_empty() {
            clause(&mut sql);
            insert_searches(&mut sql, &searches);
            sql.push(")");
        }
        if !lookup_failures.is_empty() {
            clause(&mut sql);
            insert_lookup_failures(&mut sql, &lookup_failures);
            sql.push(")");
        }
        for update in updates {
            clause(&mut sql);
            update_conversation(&mut sql, update);
            sql.push(")");
        }
        if !send_rows.is_empty() {
            sql.push(" ");
            sends::insert_in_order(&mut sql, send_rows);
        } else if clauses > 0 {
            // Every clause runs to completion whether read or not.
            sql.push(" SELECT 1");
        }
        sql
    }
}
