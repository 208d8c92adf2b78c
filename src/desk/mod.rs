//! The help desk at run time: feeds each input to the protocol inside one
//! SQLite transaction (state, transcript, outcome, FAQ searches), carries out
//! the protocol's effects, and gives back the replies for a front door to send.

mod before_lock;
mod calls;
mod delivery;
mod effects;
mod handoff;
mod inactivity;
mod knowledge;
mod lookups;
mod private_chat;
mod reports;
mod sends;
mod settings;
mod staff_check;
mod ticket_work;
mod transfer;
mod wizard;

pub use delivery::{Delivery, GroupSpot, Outgoing, Post, TopicState, Turn};
pub use handoff::{Editor, GroupPress, HandoffRoute, StateTexts, TakeResult, Written, WrittenIn};
pub use knowledge::Knowledge;
pub use sends::SendClass;
pub use settings::Settings;

use std::sync::Arc;

use chrono::{DateTime, Utc};
use sqlx::AnyConnection;

use tokio::sync::Notify;

use crate::locale::{Locale, Texts};
use crate::protocol::satisfaction;
use crate::protocol::{self, Choice, Command, Context, Conversation, Input, Reply, UserInput};
use crate::store::conversations::{self, Participant};
use crate::store::turn::TurnWrites;
use crate::store::updates::{self, Begun, Peeked};
use crate::store::{self, Store, StoreError};
use sends::Committing;

/// Effects answered by a new input in one update; the protocol needs two at
/// most, so more means a bug, not a reason to loop forever.
const MAX_ROUNDS: usize = 8;

#[derive(Debug, thiserror::Error)]
pub enum DeskError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("the protocol kept asking for lookups; stopped after {MAX_ROUNDS} rounds")]
    Runaway,
    /// The update was handled before (Telegram delivered it again).
    #[error("update already handled")]
    AlreadyHandled,
    /// A turn understood before the write lock reached something that
    /// writes as it goes (a ticket, a handoff, a transfer): it runs again under
    /// the lock. Never leaves the desk.
    #[error("the turn needs the write lock")]
    NeedsWriteLock,
}

impl DeskError {
    /// See [`StoreError::is_unavailable`].
    pub fn is_unavailable(&self) -> bool {
        matches!(self, DeskError::Store(error) if error.is_unavailable())
    }
}

impl From<sqlx::Error> for DeskError {
    fn from(e: sqlx::Error) -> Self {
        DeskError::Store(StoreError::Sqlx(e))
    }
}

pub type Clock = Arc<dyn Fn() -> DateTime<Utc> + Send + Sync>;

pub use before_lock::MOST_BEFORE_LOCK;

pub struct Desk {
    store: Store,
    texts: Texts,
    settings: Settings,
    clock: Clock,
    /// The FAQ index and phrase files, rebuilt when an import changes them.
    knowledge: knowledge::KnowledgeCache,
    /// Turns understood before the write lock and not yet written.
    before_lock: Arc<before_lock::BeforeLock>,
    /// Wakes the mail worker when a handled update queued mail.
    mail_queued: Arc<Notify>,
    /// Where the desk serves Telegram: messages are queued in each transaction,
    /// and the queue wakes the sender.
    send_queue: Option<sends::SendQueue>,
}

/// What `run` produced.
#[derive(Default)]
struct Ran {
    replies: Vec<Reply>,
    deliveries: Vec<Delivery>,
    queued_mail: bool,
    /// The outcome the conversation was closed with, if it was.
    closed: Option<crate::protocol::Outcome>,
    /// What the run wrote, still to be written (see [`Desk::run_turn`]).
    writes: TurnWrites,
}

/// What the transaction has read of the chat before its turn runs.
struct Found {
    /// The chat's open conversation.
    open: Option<conversations::Open>,
    /// The knowledge's generation, when it was read with it.
    knowledge: Option<i64>,
    /// How the turn writes.
    writing: Writing,
}

/// How a turn writes.
#[derive(Clone, Copy)]
enum Writing {
    /// In the transaction it read in, as it goes.
    UnderLock,
    /// Read before the write lock (SQLite's fast path): the turn only
    /// gathers writes, and stops with [`DeskError::NeedsWriteLock`] at the
    /// first effect that would write as it goes. A chat without an open
    /// conversation has one opened with `new_id`.
    BeforeLock { new_id: Option<i64> },
}

impl From<Option<conversations::Open>> for Found {
    fn from(open: Option<conversations::Open>) -> Found {
        Found {
            open,
            knowledge: None,
            writing: Writing::UnderLock,
        }
    }
}

/// Whether an input may open a conversation when the chat has none.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Opening {
    /// A new conversation starts when the user's message was received
    /// (Telegram's timestamp), so the time to first answer includes any wait.
    Allowed {
        received_at: Option<i64>,
    },
    OnlyExisting,
}

impl Desk {
    pub fn new(store: Store, texts: Texts, settings: Settings) -> Desk {
        Desk {
            store,
            texts,
            settings,
            clock: Arc::new(Utc::now),
            knowledge: knowledge::KnowledgeCache::default(),
            before_lock: Arc::default(),
            mail_queued: Arc::new(Notify::new()),
            send_queue: None,
        }
    }

    /// Every message the desk produces from now on is queued for the sender in
    /// the transaction that produced it (see `store::sends`); replies in a
    /// row to one chat are joined up to `max_message_chars`, the channel's
    /// limit.
    pub fn with_send_queue(mut self, max_message_chars: usize) -> Desk {
        self.send_queue = Some(sends::SendQueue {
            wake: Arc::new(Notify::new()),
            max_message_chars,
        });
        self
    }

    /// Notified after a transaction that queued messages commits.
    pub fn sends_queued(&self) -> Option<Arc<Notify>> {
        self.send_queue.as_ref().map(|queue| queue.wake.clone())
    }

    /// Whether a Telegram update was handled already (delivered again).
    pub async fn update_handled(&self, update_id: i64) -> Result<bool, DeskError> {
        Ok(updates::update_handled(self.store.reader(), update_id).await?)
    }

    /// Notified after a transaction that queued mail commits.
    pub fn mail_queued(&self) -> Arc<Notify> {
        self.mail_queued.clone()
    }

    /// Replaces the system clock (tests of inactivity and time of day).
    pub fn with_clock(mut self, clock: Clock) -> Desk {
        self.clock = clock;
        self
    }

    pub fn texts(&self) -> &Texts {
        &self.texts
    }

    pub fn settings(&self) -> &Settings {
        &self.settings
    }

    pub fn store(&self) -> &Store {
        &self.store
    }

    /// Turns understood before SQLite's write lock and not yet written.
    pub fn turns_before_lock(&self) -> usize {
        self.before_lock.now()
    }

    /// The most turns that have been before the write lock at once (never
    /// over [`MOST_BEFORE_LOCK`]).
    pub fn most_turns_before_lock(&self) -> usize {
        self.before_lock.most()
    }

    /// Handles one message or button press from a user. `update_id` makes a
    /// Telegram update delivered twice count once: the second gets no reply.
    pub async fn handle(
        &self,
        who: &Participant,
        input: UserInput,
        update_id: Option<i64>,
    ) -> Result<Turn, DeskError> {
        self.handle_received(who, input, update_id, None).await
    }

    /// As [`Desk::handle`], for a message the channel says was sent at
    /// `received_at`: a conversation it opens starts then.
    pub async fn handle_received(
        &self,
        who: &Participant,
        input: UserInput,
        update_id: Option<i64>,
        received_at: Option<DateTime<Utc>>,
    ) -> Result<Turn, DeskError> {
        let turn = self
            .handle_message(who, input, update_id, received_at, None)
            .await?;
        Ok(turn.unwrap_or_default())
    }

    /// As [`Desk::handle_received`], for the channel's message `origin`:
    /// what of it is relayed to a person is remembered, so an edit of it
    /// reaches the copy. With an `origin` (a Telegram chat), `None` when the
    /// chat is that of a person a conversation was transferred to: nothing
    /// was done, the message is theirs to relay (found in the update's own
    /// first statement, so a user's message costs no read before it).
    pub(super) async fn handle_message(
        &self,
        who: &Participant,
        input: UserInput,
        update_id: Option<i64>,
        received_at: Option<DateTime<Utc>>,
        origin: Option<crate::protocol::Origin>,
    ) -> Result<Option<Turn>, DeskError> {
        if self.refuse_agents_only(who, &input).await {
            return Ok(Some(Turn::default()));
        }
        let input = input.storable();
        let who = &Participant {
            user_name: who.user_name.clone().map(crate::words::storable),
            ..who.clone()
        };
        let started = std::time::Instant::now();
        let received_at = received_at.map(store::to_millis);
        let at = store::to_millis((self.clock)());
        if let Some(update_id) = update_id
            && !matches!(input, UserInput::Choice(Choice::Rate { .. }))
        {
            let attempt = self.turn_before_lock(who, &input, update_id, received_at, origin, at);
            match attempt.await {
                Err(DeskError::NeedsWriteLock) => {}
                done => return done,
            }
        }
        let (mut tx, begun) = updates::begin_chat_update(&self.store, who, update_id, at).await?;
        let Begun::Fresh {
            open,
            knowledge,
            transfer_target,
        } = begun
        else {
            tracing::info!(update_id, "update already handled; skipped");
            return Ok(Some(Turn::default()));
        };
        if transfer_target && origin.is_some() {
            // Rolled back: the person's path records the update itself.
            return Ok(None);
        }
        // A rating answers an earlier conversation; it never disturbs the current one.
        if let UserInput::Choice(Choice::Rate {
            conversation,
            score,
        }) = input
        {
            let rated =
                conversations::rate(&mut tx, conversation, who.channel, who.chat_id, score, at)
                    .await?;
            let replies = vec![satisfaction::rated(self.texts.lang(who.locale), rated)];
            let mut queued = sends::to_chat(who.chat_id, replies.clone());
            let mut deliveries = Vec::new();
            if rated
                && let Some(alert) = self.low_rating_alert(&mut tx, conversation, score).await?
            {
                deliveries.push(alert);
            }
            queued.extend(deliveries.iter().cloned());
            self.commit(tx, &queued, SendClass::Conversation).await?;
            return Ok(Some(Turn {
                replies,
                deliveries,
            }));
        }
        let transcript = input.transcript();
        let ran = self
            .run_turn(
                &mut tx,
                who,
                Input::User(input),
                Some(&transcript),
                Found {
                    open,
                    knowledge,
                    writing: Writing::UnderLock,
                },
                Opening::Allowed { received_at },
            )
            .await?;
        let turn = self
            .commit_user_turn(Committing::Tx(tx), who, ran, origin)
            .await?;
        crate::monitor::handled("user", started.elapsed());
        Ok(Some(turn))
    }

    /// On SQLite, a user's update understood before the write lock is
    /// taken: the conversation read on a reader connection, the turn run
    /// with its writes gathered, then all of it written in one call under
    /// the lock, provided the update was not handled and the conversation
    /// did not change meanwhile. The one write lock is then held for that
    /// call only, not while the message is understood, and turns that come
    /// to write while it is busy share it (group commit). A conversation the
    /// turn opens gets an id reserved by the store. `NeedsWriteLock` when
    /// the update must be handled under the lock instead (a turn that
    /// writes as it goes, a chat a conversation was transferred to, a stale
    /// read, or PostgreSQL, whose lock is the chat's own).
    async fn turn_before_lock(
        &self,
        who: &Participant,
        input: &UserInput,
        update_id: i64,
        received_at: Option<i64>,
        origin: Option<crate::protocol::Origin>,
        at: i64,
    ) -> Result<Option<Turn>, DeskError> {
        if self.store.dialect() != store::Dialect::Sqlite {
            return Err(DeskError::NeedsWriteLock);
        }
        let started = std::time::Instant::now();
        let _place = self
            .before_lock
            .enter()
            .await
            .ok_or(DeskError::NeedsWriteLock)?;
        let mut conn = self.store.reader().acquire().await?;
        let Some(peeked) = updates::peek_chat_update(&mut conn, who, update_id).await? else {
            return Err(DeskError::NeedsWriteLock);
        };
        let (open, seen, knowledge) = match peeked {
            Peeked::AlreadyHandled => {
                tracing::info!(update_id, "update already handled; skipped");
                return Ok(Some(Turn::default()));
            }
            Peeked::Fresh {
                open,
                seen,
                knowledge,
                transfer_target: false,
            } => (open, seen, knowledge),
            Peeked::Fresh { .. } => return Err(DeskError::NeedsWriteLock),
        };
        let new_id = match open {
            Some(_) => None,
            None => Some(self.store.reserve_conversation_id(&mut conn).await?),
        };
        let transcript = input.transcript();
        let mut ran = self
            .run_turn(
                &mut conn,
                who,
                Input::User(input.clone()),
                Some(&transcript),
                Found {
                    open,
                    knowledge: Some(knowledge),
                    writing: Writing::BeforeLock { new_id },
                },
                Opening::Allowed { received_at },
            )
            .await?;
        drop(conn);
        ran.writes.record_if_unchanged(update_id, at, seen);
        match self
            .commit_user_turn(Committing::Grouped, who, ran, origin)
            .await
        {
            Ok(turn) => {
                crate::monitor::handled("user", started.elapsed());
                Ok(Some(turn))
            }
            Err(DeskError::Store(error)) if error.is_stale_read() => {
                tracing::debug!(
                    update_id,
                    "read before the write lock went stale; again under it"
                );
                crate::monitor::stale_read();
                Err(DeskError::NeedsWriteLock)
            }
            Err(error) => Err(error),
        }
    }

    /// Commits a user's turn with its replies and deliveries queued.
    async fn commit_user_turn(
        &self,
        tx: Committing,
        who: &Participant,
        mut ran: Ran,
        origin: Option<crate::protocol::Origin>,
    ) -> Result<Turn, DeskError> {
        for delivery in &mut ran.deliveries {
            if let Delivery::Handoff {
                post: Post::Relayed { from, .. },
                ..
            } = delivery
            {
                *from = origin;
            }
        }
        let mut queued = sends::to_chat(who.chat_id, ran.replies.clone());
        queued.extend(ran.deliveries.iter().cloned());
        self.commit_into(tx, ran.writes, &queued, SendClass::Conversation)
            .await?;
        if ran.queued_mail {
            self.mail_queued.notify_one();
        }
        Ok(Turn {
            replies: ran.replies,
            deliveries: ran.deliveries,
        })
    }

    /// A front door (re)opens the chat: the open conversation is shown again
    /// where it was, or a new one starts with the greeting. `true` when resumed.
    pub async fn open_session(&self, who: &Participant) -> Result<(bool, Vec<Reply>), DeskError> {
        let mut tx = self.store.begin_for_chat(who.chat_id).await?;
        let open = conversations::find_open(&mut tx, who.channel, who.chat_id).await?;
        let resumed = open.is_some();
        let input = if resumed {
            Input::Resume
        } else {
            Input::User(UserInput::Command(Command::Start))
        };
        let ran = self
            .run(
                &mut tx,
                who,
                input,
                None,
                open.into(),
                Opening::Allowed { received_at: None },
            )
            .await?;
        tx.commit().await?;
        Ok((resumed, ran.replies))
    }

    /// Runs the protocol for one input and its follow-up lookups, in the
    /// chat's `open` conversation (read in this transaction, the chat locked),
    /// and writes what it produced.
    async fn run(
        &self,
        conn: &mut AnyConnection,
        who: &Participant,
        input: Input,
        transcript: Option<&str>,
        found: Found,
        opening: Opening,
    ) -> Result<Ran, DeskError> {
        let mut ran = self
            .run_turn(conn, who, input, transcript, found, opening)
            .await?;
        ran.writes.flush(conn).await?;
        Ok(ran)
    }

    /// As [`Desk::run`], leaving the turn's writes to its caller, who writes
    /// them with the messages to send (one statement on PostgreSQL).
    async fn run_turn(
        &self,
        conn: &mut AnyConnection,
        who: &Participant,
        input: Input,
        transcript: Option<&str>,
        found: Found,
        opening: Opening,
    ) -> Result<Ran, DeskError> {
        let now = (self.clock)();
        let at = store::to_millis(now);
        let (opened, found_open) = match (found.open, found.writing, opening) {
            (None, Writing::BeforeLock { new_id: Some(id) }, Opening::Allowed { received_at }) => {
                let started = received_at.map_or(at, |received| received.min(at));
                (
                    Some(started),
                    Some((id, who.locale, Conversation::default())),
                )
            }
            (None, Writing::BeforeLock { .. }, _) => return Err(DeskError::NeedsWriteLock),
            (open, _, opening) => (None, self.open(conn, who, open, opening, at).await?),
        };
        let Some((id, locale, mut conversation)) = found_open else {
            return Ok(Ran::default());
        };
        let mut run = effects::Running::new(id, locale, who, at);
        run.before_lock = matches!(found.writing, Writing::BeforeLock { .. });
        if let Some(started) = opened {
            run.writes.open(id, who, &conversation, started)?;
        }
        if let Some(body) = transcript {
            run.writes.heard(id, at, body);
        }
        let lang = self.texts.lang(locale);
        let knowledge = self.knowledge.get(conn, found.knowledge).await?;
        let cx = self.context(now, lang, locale, &knowledge);
        let user_spoke = matches!(input, Input::User(_));
        let mut next = Some(input);
        let mut rounds = 0;
        while let Some(input) = next.take() {
            rounds += 1;
            if rounds > MAX_ROUNDS {
                return Err(DeskError::Runaway);
            }
            let transition = protocol::step(conversation, input, &cx);
            conversation = transition.conversation;
            for effect in transition.effects {
                if let Some(answer) = self
                    .carry_out(conn, &mut run, effect, &conversation, &knowledge, lang)
                    .await?
                {
                    next = Some(answer);
                }
            }
            run.said(transition.replies);
        }
        if let Some(closed) = run.rate_after {
            let question = satisfaction::question(lang, closed);
            run.writes.said(closed, at, std::slice::from_ref(&question));
            run.replies.push(question);
        }
        if (run.open || !run.replies.is_empty()) && run.discarded.is_none() {
            let answered = !run.replies.is_empty();
            run.writes
                .save(run.id, &conversation, at, user_spoke, answered)?;
        }
        Ok(Ran {
            replies: run.replies,
            deliveries: run.deliveries,
            queued_mail: run.queued_mail,
            closed: run.closed,
            writes: run.writes,
        })
    }

    /// The chat's open conversation, or a new one when `opening` allows it.
    async fn open(
        &self,
        conn: &mut AnyConnection,
        who: &Participant,
        open: Option<conversations::Open>,
        opening: Opening,
        at: i64,
    ) -> Result<Option<(i64, Locale, Conversation)>, DeskError> {
        if let Some(open) = open {
            return Ok(Some((open.id, open.locale, open.conversation)));
        }
        let Opening::Allowed { received_at } = opening else {
            return Ok(None);
        };
        let fresh = Conversation::default();
        let started = received_at.map_or(at, |received| received.min(at));
        let id = conversations::insert(conn, who, &fresh, started).await?;
        self.store.conversation_id_taken(id);
        Ok(Some((id, who.locale, fresh)))
    }

    /// What the protocol needs to know about the world for one input.
    fn context<'a>(
        &'a self,
        now: DateTime<Utc>,
        lang: &'a crate::locale::Lang,
        locale: Locale,
        knowledge: &'a Knowledge,
    ) -> Context<'a> {
        Context {
            now,
            tz: self.settings.tz,
            lang,
            bot_name: self.settings.bot_name.as_deref(),
            call_center_phone: &self.settings.call_center_phone,
            inactivity_minutes: u32::try_from(self.settings.inactivity.as_secs() / 60)
                .unwrap_or(u32::MAX),
            ticket_prefix: &self.settings.ticket_prefix,
            privacy_notice_url: &self.settings.privacy_notice_url,
            agents: self.settings.agents.availability(now, self.settings.tz),
            locale,
            understanding: &knowledge.understanding,
        }
    }
}
