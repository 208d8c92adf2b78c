//! A small fake of the Telegram Bot API over HTTP: the real bot talks to it
//! through `TELOXIDE_API_URL`. Tests queue updates (messages, button presses),
//! and read back every call the bot made.

use std::collections::HashMap;
use std::sync::Arc;
use std::sync::atomic::{AtomicI64, Ordering};
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
}

struct Shared {
    inner: Mutex<Inner>,
    news: Notify,
    next_update_id: AtomicI64,
    next_message_id: AtomicI64,
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
        });
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

    fn user(chat_id: i64) -> Value {
        json!({
            "id": chat_id, "is_bot": false, "first_name": "Ana", "last_name": "Pérez",
            "language_code": "es"
        })
    }

    async fn push(&self, mut update: Value) {
        let id = self.shared.next_update_id.fetch_add(1, Ordering::SeqCst);
        update["update_id"] = json!(id);
        self.shared.inner.lock().await.pending.push(update);
        self.shared.news.notify_waiters();
    }

    /// The user in private chat `chat_id` writes `text`.
    pub async fn user_writes(&self, chat_id: i64, text: &str) {
        let message_id = self.shared.next_message_id.fetch_add(1, Ordering::SeqCst);
        let mut message = json!({
            "message_id": message_id,
            "date": chrono::Utc::now().timestamp(),
            "chat": {"id": chat_id, "type": "private", "first_name": "Ana", "last_name": "Pérez"},
            "from": Self::user(chat_id),
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
    }

    /// The user sends a photo without a caption.
    pub async fn user_sends_photo(&self, chat_id: i64) {
        let message_id = self.shared.next_message_id.fetch_add(1, Ordering::SeqCst);
        self.push(json!({"message": {
            "message_id": message_id,
            "date": chrono::Utc::now().timestamp(),
            "chat": {"id": chat_id, "type": "private", "first_name": "Ana"},
            "from": Self::user(chat_id),
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
                "from": Self::user(chat_id),
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
        let deadline = tokio::time::Instant::now() + Duration::from_secs(20);
        loop {
            let sent = self.sent_to(chat_id).await;
            if sent.len() >= count {
                return sent;
            }
            assert!(
                tokio::time::Instant::now() < deadline,
                "waited for {count} messages to chat {chat_id}, got {}: {sent:#?}",
                sent.len()
            );
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    }

    /// Waits until the bot has made at least `count` calls of `method`.
    pub async fn wait_for_calls(&self, method: &str, count: usize) -> Vec<Call> {
        let deadline = tokio::time::Instant::now() + Duration::from_secs(20);
        loop {
            let calls = self.calls(method).await;
            if calls.len() >= count {
                return calls;
            }
            assert!(
                tokio::time::Instant::now() < deadline,
                "waited for {count} {method} calls, got {}",
                calls.len()
            );
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    }
}

async fn handle(State(shared): State<Arc<Shared>>, uri: Uri, body: Bytes) -> Response {
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
    let body: Value = serde_json::from_slice(&body).unwrap_or(Value::Null);
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
        "getWebhookInfo" => {
            json!({"url": "", "has_custom_certificate": false, "pending_update_count": 0})
        }
        "deleteWebhook" | "setMyCommands" | "answerCallbackQuery" => json!(true),
        "getUpdates" => get_updates(&shared, &body).await,
        "sendMessage" | "editMessageReplyMarkup" | "editMessageText" => {
            let chat_id = body["chat_id"].as_i64().unwrap_or_default();
            let message_id = match method {
                "sendMessage" => {
                    let id = shared.next_message_id.fetch_add(1, Ordering::SeqCst);
                    shared
                        .inner
                        .lock()
                        .await
                        .last_bot_message
                        .insert(chat_id, id);
                    id
                }
                _ => body["message_id"].as_i64().unwrap_or_default(),
            };
            let mut message = json!({
                "message_id": message_id,
                "date": chrono::Utc::now().timestamp(),
                "chat": {"id": chat_id, "type": "private", "first_name": "Ana"},
                "from": {"id": BOT_ID, "is_bot": true, "first_name": "Mesa de Ayuda"},
                "text": body["text"].as_str().unwrap_or("…"),
            });
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

async fn get_updates(shared: &Shared, body: &Value) -> Value {
    let offset = body["offset"].as_i64().unwrap_or(0);
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
