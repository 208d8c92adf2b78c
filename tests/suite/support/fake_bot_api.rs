//! A small fake of the Telegram Bot API over HTTP: the real bot talks to it
//! through `TELOXIDE_API_URL`. Tests queue updates (messages, button presses),
//! and read back every call the bot made. With a webhook set, the fake
//! posts the updates to the bot instead, as Telegram does (`webhook.rs`).

mod relays;
mod topics;
mod webhook;

pub use topics::Topic;

use std::collections::{HashMap, VecDeque};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicI64, Ordering};
use std::time::Duration;

use axum::Router;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use serde_json::{Value, json};
use tokio::sync::{Mutex, Notify};

pub const BOT_ID: i64 = 777_000;
/// getUpdates answers within this, whatever timeout the bot asks for, so a
/// stopping bot is not kept waiting by the fake.
const MAX_LONG_POLL: Duration = Duration::from_millis(500);

/// A failure the fake answers a send with, as Telegram (or the network) might.
#[derive(Clone, Copy, Debug)]
pub enum Fault {
    /// 429 Too Many Requests with `retry_after` seconds.
    RetryAfter(u64),
    /// 500 Internal Server Error.
    ServerError,
    /// No answer for this long (longer than the bot's request timeout), then a 502.
    Hang(Duration),
    /// 403: the user blocked the bot (final).
    Blocked,
}

#[derive(Clone, Debug)]
pub struct Call {
    pub method: String,
    pub body: Value,
}

#[derive(Default)]
struct Inner {
    /// Every update not yet confirmed by the bot (ids below its offset are dropped).
    pending: Vec<Value>,
    calls: Vec<Call>,
    /// The last message id the bot sent to each chat, for button presses.
    last_bot_message: HashMap<i64, i64>,
    /// (chat, message id) of every message the bot sent, in order.
    sent_ids: Vec<(i64, i64)>,
    next_thread_id: i64,
    /// The forum topics the bot made, and those deleted by hand.
    topics: topics::Topics,
    /// Messages the bot sent that have no text to edit (files, copies).
    without_text: std::collections::HashSet<i64>,
    /// Every update ever queued, to deliver them all again (a lost offset).
    history: Vec<Value>,
    /// Failures to answer the next sends with, in order.
    faults: VecDeque<Fault>,
    /// Failures to answer the next getUpdates calls with, in order.
    poll_faults: VecDeque<Fault>,
    /// Sends answered with a failure.
    refused: Vec<Call>,
    /// The offset of the bot's latest getUpdates call.
    last_offset: i64,
    /// When each accepted send happened, per chat and overall, to check Telegram's limits.
    send_times: HashMap<i64, Vec<tokio::time::Instant>>,
    all_send_times: Vec<tokio::time::Instant>,
    /// Files the bot uploaded: (method, chat, bytes).
    uploads: Vec<(String, i64, Vec<u8>)>,
    /// The webhook the bot set, where posts go, and how the bot answered them.
    webhook: webhook::WebhookState,
}

struct Shared {
    inner: Mutex<Inner>,
    news: Notify,
    next_update_id: AtomicI64,
    next_message_id: AtomicI64,
    /// Whether group chats are forums (topics) or plain supergroups.
    forum: AtomicBool,
    /// Groups that are plain supergroups while the others are forums.
    plain_groups: std::sync::Mutex<std::collections::HashSet<i64>>,
    /// Users whose Telegram is in another language than Spanish.
    languages: std::sync::Mutex<HashMap<i64, String>>,
}

impl Shared {
    fn is_forum(&self, chat_id: i64) -> bool {
        let plain = self
            .plain_groups
            .lock()
            .map(|p| p.contains(&chat_id))
            .unwrap_or_default();
        self.forum.load(Ordering::SeqCst) && !plain
    }
}

#[derive(Clone)]
pub struct FakeBotApi {
    pub url: String,
    shared: Arc<Shared>,
}

impl FakeBotApi {
    pub async fn start() -> FakeBotApi {
        let shared = Arc::new(Shared {
            inner: Mutex::new(Inner::default()),
            news: Notify::new(),
            next_update_id: AtomicI64::new(1),
            next_message_id: AtomicI64::new(1),
            forum: AtomicBool::new(true),
            plain_groups: std::sync::Mutex::new(std::collections::HashSet::new()),
            languages: std::sync::Mutex::new(HashMap::new()),
        });
        tokio::spawn(webhook::deliver(shared.clone()));
        let app = Router::new().fallback(handle).with_state(shared.clone());
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind a loopback port");
        let url = format!("http://{}", listener.local_addr().expect("local address"));
        tokio::spawn(async move {
            let _ = axum::serve(listener, app).await;
        });
        FakeBotApi { url, shared }
    }

    /// Group chats become plain supergroups: no forum topics.
    pub fn without_forum(&self) {
        self.shared.forum.store(false, Ordering::SeqCst);
    }

    /// One group becomes a plain supergroup; the others stay as they are.
    pub fn without_forum_in(&self, group: i64) {
        if let Ok(mut plain) = self.shared.plain_groups.lock() {
            plain.insert(group);
        }
    }

    fn group_chat(&self, chat_id: i64) -> Value {
        json!({
            "id": chat_id, "type": "supergroup", "title": "Mesa de Ayuda · agentes",
            "is_forum": self.shared.is_forum(chat_id)
        })
    }

    fn agent(agent_id: i64) -> Value {
        json!({
            "id": agent_id, "is_bot": false, "first_name": format!("Agente{agent_id}"),
            "language_code": "es"
        })
    }

    /// An agent writes in the group: in a topic (`thread`), or replying to a message.
    pub async fn agent_writes(
        &self,
        group: i64,
        agent_id: i64,
        text: &str,
        thread: Option<i64>,
        reply_to: Option<i64>,
    ) {
        self.agent_message(group, agent_id, text, thread, reply_to)
            .await;
    }

    /// As [`FakeBotApi::agent_writes`], giving the message's id.
    pub async fn agent_message(
        &self,
        group: i64,
        agent_id: i64,
        text: &str,
        thread: Option<i64>,
        reply_to: Option<i64>,
    ) -> i64 {
        let message_id = self.shared.next_message_id.fetch_add(1, Ordering::SeqCst);
        let mut message = json!({
            "message_id": message_id,
            "date": chrono::Utc::now().timestamp(),
            "chat": self.group_chat(group),
            "from": Self::agent(agent_id),
        });
        if let Some((field, value)) = media(text) {
            message[field] = value;
        } else {
            message["text"] = json!(text);
        }
        if text.starts_with('/') {
            let length = text
                .split_whitespace()
                .next()
                .unwrap_or(text)
                .encode_utf16()
                .count();
            message["entities"] = json!([{"type": "bot_command", "offset": 0, "length": length}]);
        }
        if let Some(thread) = thread {
            message["message_thread_id"] = json!(thread);
            message["is_topic_message"] = json!(true);
        }
        if let Some(reply_to) = reply_to {
            message["reply_to_message"] = json!({
                "message_id": reply_to,
                "date": chrono::Utc::now().timestamp(),
                "chat": self.group_chat(group),
                "from": {"id": BOT_ID, "is_bot": true, "first_name": "Mesa de Ayuda"},
                "text": "…",
            });
        }
        self.push(json!({"message": message})).await;
        message_id
    }

    /// An agent presses a button carrying `data` on the bot's message `message_id` in the group.
    pub async fn agent_presses(&self, group: i64, agent_id: i64, data: &str, message_id: i64) {
        let query_id = self.shared.next_message_id.fetch_add(1, Ordering::SeqCst);
        self.push(json!({
            "callback_query": {
                "id": format!("cq{query_id}"),
                "from": Self::agent(agent_id),
                "chat_instance": "agents",
                "data": data,
                "message": {
                    "message_id": message_id,
                    "date": chrono::Utc::now().timestamp(),
                    "chat": self.group_chat(group),
                    "from": {"id": BOT_ID, "is_bot": true, "first_name": "Mesa de Ayuda"},
                    "text": "…",
                }
            }
        }))
        .await;
    }

    /// Everything the bot sent to a chat (messages, photos, documents,
    /// copies of messages), in order.
    pub async fn posts_to(&self, chat_id: i64) -> Vec<Call> {
        let inner = self.shared.inner.lock().await;
        inner
            .calls
            .iter()
            .filter(|c| {
                matches!(
                    c.method.as_str(),
                    "sendMessage" | "sendPhoto" | "sendDocument" | "copyMessage"
                )
            })
            .filter(|c| c.body["chat_id"].as_i64() == Some(chat_id))
            .cloned()
            .collect()
    }

    /// Waits until the bot has posted `count` things to `chat_id` in all.
    pub async fn wait_for_posts(&self, chat_id: i64, count: usize) -> Vec<Call> {
        self.wait_for_posts_within(chat_id, count, Duration::from_secs(30))
            .await
    }

    /// As [`FakeBotApi::wait_for_posts`], for what comes later than usual.
    pub async fn wait_for_posts_within(
        &self,
        chat_id: i64,
        count: usize,
        limit: Duration,
    ) -> Vec<Call> {
        let what = format!("{count} posts to chat {chat_id}");
        wait_until_within(&what, count, limit, || self.posts_to(chat_id)).await
    }

    /// The id of the message the bot sent as its `index`-th post to a chat.
    pub async fn posted_message_id(&self, chat_id: i64, index: usize) -> i64 {
        let inner = self.shared.inner.lock().await;
        inner
            .sent_ids
            .iter()
            .filter(|(chat, _)| *chat == chat_id)
            .nth(index)
            .map(|(_, id)| *id)
            .unwrap_or_default()
    }

    /// The user of private chat `chat_id` has Telegram in `language_code`.
    pub fn speaks(&self, chat_id: i64, language_code: &str) {
        if let Ok(mut languages) = self.shared.languages.lock() {
            languages.insert(chat_id, language_code.to_owned());
        }
    }

    fn user(&self, chat_id: i64) -> Value {
        let language = self
            .shared
            .languages
            .lock()
            .ok()
            .and_then(|l| l.get(&chat_id).cloned())
            .unwrap_or_else(|| "es".to_owned());
        json!({
            "id": chat_id, "is_bot": false, "first_name": "Ana", "last_name": "Pérez",
            "language_code": language
        })
    }

    async fn push(&self, mut update: Value) {
        let id = self.shared.next_update_id.fetch_add(1, Ordering::SeqCst);
        update["update_id"] = json!(id);
        let mut inner = self.shared.inner.lock().await;
        inner.history.push(update.clone());
        inner.pending.push(update);
        drop(inner);
        self.shared.news.notify_waiters();
    }

    /// Every update ever sent becomes pending again, with its original id: as
    /// when the bot stopped before Telegram learnt what it had handled.
    pub async fn deliver_everything_again(&self) {
        let mut inner = self.shared.inner.lock().await;
        inner.pending = inner.history.clone();
        drop(inner);
        self.shared.news.notify_waiters();
    }

    /// The next sends (messages, photos, documents) fail like this, in order.
    pub async fn fail_next_sends(&self, faults: &[Fault]) {
        self.shared
            .inner
            .lock()
            .await
            .faults
            .extend(faults.iter().copied());
    }

    /// The next getUpdates calls fail like this, in order.
    pub async fn fail_next_polls(&self, faults: &[Fault]) {
        self.shared
            .inner
            .lock()
            .await
            .poll_faults
            .extend(faults.iter().copied());
    }

    /// Sends the fake answered with a failure.
    pub async fn refused(&self) -> Vec<Call> {
        self.shared.inner.lock().await.refused.clone()
    }

    /// The offset of the bot's latest getUpdates: every update below it is confirmed.
    pub async fn last_offset(&self) -> i64 {
        self.shared.inner.lock().await.last_offset
    }

    /// Sends beyond Telegram's limits: more than one a second to a private
    /// chat, 20 a minute to a group, 30 a second in all.
    pub async fn limit_violations(&self) -> usize {
        self.limit_violation_details().await.len()
    }

    /// Each send beyond Telegram's limits: which limit, and how close the
    /// sends it counts against came (the gap from the first to the last).
    pub async fn limit_violation_details(&self) -> Vec<String> {
        let inner = self.shared.inner.lock().await;
        let over = |what: String, times: &[tokio::time::Instant], max: usize, span: Duration| {
            (max..times.len())
                .filter(|&i| times[i] - times[i - max] < span)
                .map(|i| {
                    format!(
                        "{what}: {} sends within {:?}",
                        max + 1,
                        times[i] - times[i - max]
                    )
                })
                .collect::<Vec<_>>()
        };
        let mut found = Vec::new();
        for (chat, times) in &inner.send_times {
            found.extend(if *chat > 0 {
                over(format!("chat {chat}"), times, 1, Duration::from_millis(950))
            } else {
                over(format!("group {chat}"), times, 20, Duration::from_secs(59))
            });
        }
        found.extend(over(
            "all chats".to_owned(),
            &inner.all_send_times,
            30,
            Duration::from_millis(950),
        ));
        found
    }

    /// The user in private chat `chat_id` writes `text`.
    pub async fn user_writes(&self, chat_id: i64, text: &str) {
        self.user_message(chat_id, text).await;
    }

    /// As [`FakeBotApi::user_writes`], giving the message's id.
    pub async fn user_message(&self, chat_id: i64, text: &str) -> i64 {
        let message_id = self.shared.next_message_id.fetch_add(1, Ordering::SeqCst);
        let mut message = json!({
            "message_id": message_id,
            "date": chrono::Utc::now().timestamp(),
            "chat": {"id": chat_id, "type": "private", "first_name": "Ana", "last_name": "Pérez"},
            "from": self.user(chat_id),
            "text": text,
        });
        if text.starts_with('/') {
            let length = text
                .split_whitespace()
                .next()
                .unwrap_or(text)
                .encode_utf16()
                .count();
            message["entities"] = json!([{"type": "bot_command", "offset": 0, "length": length}]);
        }
        self.push(json!({"message": message})).await;
        message_id
    }

    /// The user sends a message of another kind than text, as [`media`]
    /// reads `spec` ("voice:ID", "location", "poll"…); its message id.
    pub async fn user_sends(&self, chat_id: i64, spec: &str) -> i64 {
        let message_id = self.shared.next_message_id.fetch_add(1, Ordering::SeqCst);
        let (field, value) = media(spec).unwrap_or_else(|| panic!("no such kind: {spec}"));
        let mut message = json!({
            "message_id": message_id,
            "date": chrono::Utc::now().timestamp(),
            "chat": {"id": chat_id, "type": "private", "first_name": "Ana"},
            "from": self.user(chat_id),
        });
        message[field] = value;
        self.push(json!({"message": message})).await;
        message_id
    }

    /// The user sends a photo without a caption.
    pub async fn user_sends_photo(&self, chat_id: i64) {
        let message_id = self.shared.next_message_id.fetch_add(1, Ordering::SeqCst);
        self.push(json!({"message": {
            "message_id": message_id,
            "date": chrono::Utc::now().timestamp(),
            "chat": {"id": chat_id, "type": "private", "first_name": "Ana"},
            "from": self.user(chat_id),
            "photo": [{"file_id": "photo-1", "file_unique_id": "u1", "width": 90, "height": 60}],
        }}))
        .await;
    }

    /// The user presses a button carrying `data` on the bot's last message.
    pub async fn user_presses(&self, chat_id: i64, data: &str) {
        let message_id = self
            .shared
            .inner
            .lock()
            .await
            .last_bot_message
            .get(&chat_id)
            .copied()
            .unwrap_or(1);
        let query_id = self.shared.next_message_id.fetch_add(1, Ordering::SeqCst);
        self.push(json!({
            "callback_query": {
                "id": format!("cq{query_id}"),
                "from": self.user(chat_id),
                "chat_instance": "test",
                "data": data,
                "message": {
                    "message_id": message_id,
                    "date": chrono::Utc::now().timestamp(),
                    "chat": {"id": chat_id, "type": "private", "first_name": "Ana"},
                    "from": {"id": BOT_ID, "is_bot": true, "first_name": "Mesa de Ayuda"},
                    "text": "…",
                }
            }
        }))
        .await;
    }

    pub async fn calls(&self, method: &str) -> Vec<Call> {
        let inner = self.shared.inner.lock().await;
        inner
            .calls
            .iter()
            .filter(|c| c.method == method)
            .cloned()
            .collect()
    }

    /// The files uploaded with `method` to `chat_id`, byte for byte.
    pub async fn uploads(&self, method: &str, chat_id: i64) -> Vec<Vec<u8>> {
        self.shared
            .inner
            .lock()
            .await
            .uploads
            .iter()
            .filter(|(m, chat, _)| m == method && *chat == chat_id)
            .map(|(_, _, bytes)| bytes.clone())
            .collect()
    }

    /// Messages the bot sent to `chat_id`, in order.
    pub async fn sent_to(&self, chat_id: i64) -> Vec<Value> {
        self.calls("sendMessage")
            .await
            .into_iter()
            .filter(|c| c.body["chat_id"].as_i64() == Some(chat_id))
            .map(|c| c.body)
            .collect()
    }

    /// Waits until the bot has sent `count` messages to `chat_id` in all, and returns them.
    pub async fn wait_for_messages(&self, chat_id: i64, count: usize) -> Vec<Value> {
        self.wait_for_messages_within(chat_id, count, Duration::from_secs(30))
            .await
    }

    /// As [`FakeBotApi::wait_for_messages`], for a test that injects slow faults.
    pub async fn wait_for_messages_within(
        &self,
        chat_id: i64,
        count: usize,
        limit: Duration,
    ) -> Vec<Value> {
        let what = format!("{count} messages to chat {chat_id}");
        wait_until_within(&what, count, limit, || self.sent_to(chat_id)).await
    }

    /// Waits until the bot has sent `chat_id` a message containing `needle`
    /// (a resend after a crash may come first: sends are at least once).
    pub async fn wait_for_text(&self, chat_id: i64, needle: &str) -> Vec<Value> {
        self.wait_for_text_within(chat_id, needle, Duration::from_secs(30))
            .await
    }

    /// As [`FakeBotApi::wait_for_text`], for what comes later than usual.
    pub async fn wait_for_text_within(
        &self,
        chat_id: i64,
        needle: &str,
        limit: Duration,
    ) -> Vec<Value> {
        let what = format!("a message to chat {chat_id} with «{needle}»");
        wait_until_within(&what, 1, limit, || async {
            self.sent_to(chat_id)
                .await
                .into_iter()
                .filter(|m| m["text"].as_str().is_some_and(|t| t.contains(needle)))
                .collect::<Vec<_>>()
        })
        .await
    }

    /// Waits until the bot has made at least `count` calls of `method`.
    pub async fn wait_for_calls(&self, method: &str, count: usize) -> Vec<Call> {
        let what = format!("{count} {method} calls");
        wait_until(&what, count, || self.calls(method)).await
    }
}

/// Polls `read` until it gives at least `count` items (30 s at most).
async fn wait_until<T: std::fmt::Debug, F, Fut>(what: &str, count: usize, read: F) -> Vec<T>
where
    F: Fn() -> Fut,
    Fut: std::future::Future<Output = Vec<T>>,
{
    wait_until_within(what, count, Duration::from_secs(30), read).await
}

async fn wait_until_within<T: std::fmt::Debug, F, Fut>(
    what: &str,
    count: usize,
    limit: Duration,
    read: F,
) -> Vec<T>
where
    F: Fn() -> Fut,
    Fut: std::future::Future<Output = Vec<T>>,
{
    let deadline = tokio::time::Instant::now() + limit;
    loop {
        let items = read().await;
        if items.len() >= count {
            return items;
        }
        assert!(
            tokio::time::Instant::now() < deadline,
            "waited for {what}, got {}: {items:#?}",
            items.len()
        );
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

/// The files of a multipart request, byte for byte (file parts carry a filename).
fn multipart_files(content_type: &str, body: &[u8]) -> Vec<Vec<u8>> {
    let Some(boundary) = content_type.split("boundary=").nth(1) else {
        return Vec::new();
    };
    let boundary = format!("--{}", boundary.trim_matches('"'));
    let boundary = boundary.as_bytes();
    let find = |haystack: &[u8], needle: &[u8], from: usize| {
        (from..haystack.len().saturating_sub(needle.len() - 1))
            .find(|&i| haystack[i..].starts_with(needle))
    };
    let mut files = Vec::new();
    let mut at = find(body, boundary, 0);
    while let Some(start) = at {
        let part_start = start + boundary.len();
        let next = find(body, boundary, part_start);
        let part = &body[part_start..next.unwrap_or(body.len())];
        if let Some(split) = find(part, b"\r\n\r\n", 0) {
            let headers = String::from_utf8_lossy(&part[..split]);
            if headers.contains("filename=") {
                let content = &part[split + 4..];
                let content = content.strip_suffix(b"\r\n").unwrap_or(content);
                files.push(content.to_vec());
            }
        }
        at = next;
    }
    files
}

/// Form fields of a multipart request (teloxide sends files this way), as JSON:
/// numbers and JSON values where they parse, strings otherwise.
fn multipart_fields(content_type: &str, body: &[u8]) -> Value {
    let Some(boundary) = content_type.split("boundary=").nth(1) else {
        return Value::Null;
    };
    let boundary = format!("--{}", boundary.trim_matches('"'));
    let text = String::from_utf8_lossy(body);
    let mut fields = serde_json::Map::new();
    for part in text.split(boundary.as_str()) {
        let Some((headers, value)) = part.split_once("\r\n\r\n") else {
            continue;
        };
        let Some(name) = headers
            .split("name=\"")
            .nth(1)
            .and_then(|rest| rest.split('"').next())
        else {
            continue;
        };
        let value = value.trim_end_matches("\r\n");
        let parsed = serde_json::from_str::<Value>(value).unwrap_or_else(|_| json!(value));
        fields.insert(name.to_owned(), parsed);
    }
    Value::Object(fields)
}

async fn handle(
    State(shared): State<Arc<Shared>>,
    uri: Uri,
    headers: axum::http::HeaderMap,
    body: Bytes,
) -> Response {
    // Paths look like /bot<token>/<method>.
    let mut parts = uri.path().trim_start_matches('/').splitn(2, '/');
    let (Some(token), Some(method)) = (parts.next(), parts.next()) else {
        return (StatusCode::NOT_FOUND, "not found").into_response();
    };
    if !token.starts_with("bot") {
        return (StatusCode::NOT_FOUND, "not found").into_response();
    }
    // Telegram accepts any case; teloxide writes "SendMessage". Calls are kept as "sendMessage".
    let mut chars = method.chars();
    let method: String = chars
        .next()
        .map(|first| first.to_lowercase().chain(chars).collect())
        .unwrap_or_default();
    let method = method.as_str();
    let content_type = headers
        .get(axum::http::header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default();
    let raw = body;
    let body: Value = if content_type.starts_with("multipart/form-data") {
        multipart_fields(content_type, &raw)
    } else {
        serde_json::from_slice(&raw).unwrap_or(Value::Null)
    };
    if content_type.starts_with("multipart/form-data") {
        let chat = body["chat_id"].as_i64().unwrap_or_default();
        let mut inner = shared.inner.lock().await;
        for file in multipart_files(content_type, &raw) {
            inner.uploads.push((method.to_owned(), chat, file));
        }
    }
    if method == "getUpdates" && shared.inner.lock().await.webhook.is_set() {
        return webhook::conflict();
    }
    if method == "getUpdates" {
        let fault = shared.inner.lock().await.poll_faults.pop_front();
        if let Some(fault) = fault {
            return refuse(&shared, method, &body, fault).await;
        }
    }
    if matches!(
        method,
        "sendMessage" | "sendPhoto" | "sendDocument" | "copyMessage" | "copyMessages"
    ) {
        let fault = shared.inner.lock().await.faults.pop_front();
        if let Some(fault) = fault {
            return refuse(&shared, method, &body, fault).await;
        }
        let gone = shared.inner.lock().await.topics.refuses(&body);
        if let Some(refused) = gone {
            shared.inner.lock().await.refused.push(Call {
                method: method.to_owned(),
                body: body.clone(),
            });
            return refused;
        }
    }
    if method != "getUpdates" {
        shared.inner.lock().await.calls.push(Call {
            method: method.to_owned(),
            body: body.clone(),
        });
    }
    let result = match method {
        "getMe" => json!({
            "id": BOT_ID, "is_bot": true, "first_name": "Mesa de Ayuda",
            "username": "mesabot_test_bot", "can_join_groups": true,
            "can_read_all_group_messages": false, "supports_inline_queries": false,
            "can_connect_to_business": false, "has_main_web_app": false
        }),
        "getWebhookInfo" | "setWebhook" | "deleteWebhook" => {
            webhook::call(&shared, method, &body).await
        }
        "setMyCommands" | "answerCallbackQuery" => json!(true),
        "createForumTopic" => {
            if !shared.is_forum(body["chat_id"].as_i64().unwrap_or_default()) {
                return axum::Json(json!({
                    "ok": false, "error_code": 400,
                    "description": "Bad Request: the chat is not a forum"
                }))
                .into_response();
            }
            let mut inner = shared.inner.lock().await;
            inner.next_thread_id += 1;
            let thread = 9000 + inner.next_thread_id;
            let name = body["name"].as_str().unwrap_or_default();
            inner.topics.created(thread, name);
            json!({"message_thread_id": thread, "name": body["name"], "icon_color": 7322096})
        }
        "editForumTopic" | "closeForumTopic" | "reopenForumTopic" => {
            match topics::handle(&shared, method, &body).await {
                Ok(result) => result,
                Err(refused) => return refused,
            }
        }
        "getUpdates" => get_updates(&shared, &body).await,
        "copyMessages" => {
            // One copy per message, each counted against the limits; kept
            // apart from the single sends' ids, which tests number by position.
            let chat_id = body["chat_id"].as_i64().unwrap_or_default();
            let count = body["message_ids"].as_array().map_or(0, Vec::len);
            let mut inner = shared.inner.lock().await;
            let mut copies = Vec::with_capacity(count);
            for _ in 0..count {
                let id = shared.next_message_id.fetch_add(1, Ordering::SeqCst);
                inner.without_text.insert(id);
                let now = tokio::time::Instant::now();
                inner.send_times.entry(chat_id).or_default().push(now);
                inner.all_send_times.push(now);
                copies.push(json!({"message_id": id}));
            }
            json!(copies)
        }
        "copyMessage" => {
            let chat_id = body["chat_id"].as_i64().unwrap_or_default();
            let id = shared.next_message_id.fetch_add(1, Ordering::SeqCst);
            let mut inner = shared.inner.lock().await;
            inner.sent_ids.push((chat_id, id));
            inner.without_text.insert(id);
            let now = tokio::time::Instant::now();
            inner.send_times.entry(chat_id).or_default().push(now);
            inner.all_send_times.push(now);
            json!({"message_id": id})
        }
        "sendMessage"
        | "sendPhoto"
        | "sendDocument"
        | "editMessageReplyMarkup"
        | "editMessageText" => {
            let chat_id = body["chat_id"].as_i64().unwrap_or_default();
            let message_id = match method {
                "sendMessage" | "sendPhoto" | "sendDocument" => {
                    let id = shared.next_message_id.fetch_add(1, Ordering::SeqCst);
                    let mut inner = shared.inner.lock().await;
                    inner.last_bot_message.insert(chat_id, id);
                    inner.sent_ids.push((chat_id, id));
                    if method != "sendMessage" {
                        inner.without_text.insert(id);
                    }
                    let now = tokio::time::Instant::now();
                    inner.send_times.entry(chat_id).or_default().push(now);
                    inner.all_send_times.push(now);
                    id
                }
                _ => {
                    let id = body["message_id"].as_i64().unwrap_or_default();
                    let no_text = shared.inner.lock().await.without_text.contains(&id);
                    if method == "editMessageText" && no_text {
                        return axum::Json(json!({
                            "ok": false, "error_code": 400,
                            "description": "Bad Request: there is no text in the message to edit"
                        }))
                        .into_response();
                    }
                    id
                }
            };
            let chat = if chat_id < 0 {
                json!({"id": chat_id, "type": "supergroup", "title": "Mesa de Ayuda · agentes",
                       "is_forum": shared.is_forum(chat_id)})
            } else {
                json!({"id": chat_id, "type": "private", "first_name": "Ana"})
            };
            let mut message = json!({
                "message_id": message_id,
                "date": chrono::Utc::now().timestamp(),
                "chat": chat,
                "from": {"id": BOT_ID, "is_bot": true, "first_name": "Mesa de Ayuda"},
            });
            match method {
                "sendPhoto" => {
                    message["photo"] = json!([{"file_id": body["photo"], "file_unique_id": "p",
                                               "width": 90, "height": 60}]);
                }
                "sendDocument" => {
                    message["document"] =
                        json!({"file_id": body["document"], "file_unique_id": "d"});
                }
                _ => message["text"] = json!(body["text"].as_str().unwrap_or("…")),
            }
            if let Some(thread) = body["message_thread_id"].as_i64() {
                message["message_thread_id"] = json!(thread);
                message["is_topic_message"] = json!(true);
            }
            if body
                .get("reply_markup")
                .is_some_and(|m| m.get("inline_keyboard").is_some())
            {
                message["reply_markup"] = body["reply_markup"].clone();
            }
            message
        }
        _ => {
            return axum::Json(json!({
                "ok": false, "error_code": 404, "description": "Not Found: method not found"
            }))
            .into_response();
        }
    };
    axum::Json(json!({"ok": true, "result": result})).into_response()
}

async fn refuse(shared: &Shared, method: &str, body: &Value, fault: Fault) -> Response {
    shared.inner.lock().await.refused.push(Call {
        method: method.to_owned(),
        body: body.clone(),
    });
    match fault {
        Fault::RetryAfter(seconds) => (
            StatusCode::TOO_MANY_REQUESTS,
            axum::Json(json!({
                "ok": false, "error_code": 429,
                "description": format!("Too Many Requests: retry after {seconds}"),
                "parameters": {"retry_after": seconds}
            })),
        )
            .into_response(),
        Fault::ServerError => (
            StatusCode::INTERNAL_SERVER_ERROR,
            axum::Json(json!({
                "ok": false, "error_code": 500, "description": "Internal Server Error"
            })),
        )
            .into_response(),
        Fault::Blocked => (
            StatusCode::FORBIDDEN,
            axum::Json(json!({
                "ok": false, "error_code": 403,
                "description": "Forbidden: bot was blocked by the user"
            })),
        )
            .into_response(),
        Fault::Hang(how_long) => {
            tokio::time::sleep(how_long).await;
            (StatusCode::BAD_GATEWAY, "<html>502 Bad Gateway</html>").into_response()
        }
    }
}

async fn get_updates(shared: &Shared, body: &Value) -> Value {
    let offset = body["offset"].as_i64().unwrap_or(0);
    shared.inner.lock().await.last_offset = offset;
    let limit = body["limit"].as_u64().unwrap_or(100).clamp(1, 100) as usize;
    let wait = Duration::from_secs(body["timeout"].as_u64().unwrap_or(0)).min(MAX_LONG_POLL);
    let deadline = tokio::time::Instant::now() + wait;
    loop {
        let news = shared.news.notified();
        {
            let mut inner = shared.inner.lock().await;
            // An offset confirms every update before it, as in Telegram.
            inner
                .pending
                .retain(|u| u["update_id"].as_i64().unwrap_or_default() >= offset);
            if !inner.pending.is_empty() {
                return Value::Array(inner.pending.iter().take(limit).cloned().collect());
            }
        }
        if tokio::time::timeout_at(deadline, news).await.is_err() {
            return json!([]);
        }
    }
}

/// A message's content of another kind than text, as Telegram sends it:
/// "photo:ID", "voice:ID", "audio:ID", "video:ID", "video_note:ID",
/// "sticker:ID", "animation:ID" (as its document), "location", "contact",
/// "poll". `None` for text.
fn media(spec: &str) -> Option<(&'static str, Value)> {
    let (kind, id) = spec.split_once(':').unwrap_or((spec, ""));
    let file = |extra: Value| {
        let mut file = json!({"file_id": id, "file_unique_id": format!("u-{id}")});
        if let (Some(file), Some(extra)) = (file.as_object_mut(), extra.as_object()) {
            file.extend(extra.clone());
        }
        file
    };
    Some(match kind {
        "photo" => ("photo", json!([file(json!({"width": 90, "height": 60}))])),
        "document" => (
            "document",
            file(json!({"file_name": "informe.pdf", "mime_type": "application/pdf"})),
        ),
        "voice" => (
            "voice",
            file(json!({"duration": 4, "mime_type": "audio/ogg"})),
        ),
        "audio" => (
            "audio",
            file(
                json!({"duration": 30, "title": "grabación", "file_size": 4000,
                        "mime_type": "audio/mpeg"}),
            ),
        ),
        "video" => (
            "video",
            file(
                json!({"width": 320, "height": 240, "duration": 5, "file_size": 9000,
                        "mime_type": "video/mp4"}),
            ),
        ),
        "video_note" => ("video_note", file(json!({"length": 240, "duration": 5}))),
        "sticker" => (
            "sticker",
            file(json!({"width": 512, "height": 512, "is_animated": false,
                        "is_video": false, "type": "regular"})),
        ),
        // Telegram sends an animation (a GIF) with its document beside it;
        // teloxide reads it as the document.
        "animation" => (
            "document",
            file(json!({"file_size": 2000, "mime_type": "video/mp4"})),
        ),
        "location" => (
            "location",
            json!({"latitude": 19.4326, "longitude": -99.1332}),
        ),
        "contact" => (
            "contact",
            json!({"phone_number": "+525512345678", "first_name": "Rosa"}),
        ),
        "poll" => (
            "poll",
            json!({"id": "p1", "question": "¿Funciona?", "total_voter_count": 0,
                   "options": [{"text": "sí", "voter_count": 0}, {"text": "no", "voter_count": 0}],
                   "is_closed": false, "is_anonymous": true, "type": "regular",
                   "allows_multiple_answers": false}),
        ),
        _ => return None,
    })
}
