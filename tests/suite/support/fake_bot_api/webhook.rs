//! The fake's webhook: setWebhook, getWebhookInfo and deleteWebhook as
//! Telegram answers them, getUpdates refused while a webhook is set, and
//! updates posted to the bot with the secret, one at a time per chat (in
//! order), chats in parallel; a post not answered 200 is posted again.

use std::collections::HashSet;
use std::sync::Arc;
use std::time::Duration;

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde_json::{Value, json};

use super::{FakeBotApi, Shared};

/// How long the fake waits before posting again an update the bot did not take.
const RETRY_AFTER: Duration = Duration::from_millis(150);

#[derive(Default)]
pub(super) struct WebhookState {
    /// (url, secret) given to setWebhook.
    set: Option<(String, String)>,
    /// Where the posts go (the test says where the bot listens): with
    /// several replicas, each post to the next one, as a load balancer does.
    targets: Vec<String>,
    /// Posts made, to pick the next target.
    turn: usize,
    /// Chats with a post in flight.
    busy: HashSet<i64>,
    /// (update id, HTTP status) of every post the bot answered.
    answers: Vec<(i64, u16)>,
}

impl WebhookState {
    pub(super) fn is_set(&self) -> bool {
        self.set.is_some()
    }
}

impl FakeBotApi {
    /// A webhook was left set (by a webhook deployment of the bot).
    pub async fn has_webhook(&self, url: &str) {
        self.shared.inner.lock().await.webhook.set = Some((url.to_owned(), "old".to_owned()));
    }

    /// Updates are posted to the bot listening on `address` (host:port).
    pub async fn deliver_webhook_to(&self, address: &str) {
        self.deliver_webhook_to_each(&[address]).await;
    }

    /// Updates are posted to these replicas in turn, as a load balancer in
    /// front of them would; a post a replica does not answer 200 (it is down)
    /// is posted again, to the next one.
    pub async fn deliver_webhook_to_each(&self, addresses: &[&str]) {
        self.shared.inner.lock().await.webhook.targets =
            addresses.iter().map(|a| (*a).to_owned()).collect();
        self.shared.news.notify_waiters();
    }

    /// The (url, secret) the bot set, if any.
    pub async fn webhook(&self) -> Option<(String, String)> {
        self.shared.inner.lock().await.webhook.set.clone()
    }

    /// (update id, status) of every post the bot answered, in order.
    pub async fn webhook_answers(&self) -> Vec<(i64, u16)> {
        self.shared.inner.lock().await.webhook.answers.clone()
    }
}

/// Telegram's answer to getUpdates while a webhook is set.
pub(super) fn conflict() -> Response {
    (
        StatusCode::CONFLICT,
        axum::Json(json!({
            "ok": false, "error_code": 409,
            "description": "Conflict: can't use getUpdates method while webhook is active; \
                            use deleteWebhook to delete the webhook first"
        })),
    )
        .into_response()
}

pub(super) async fn call(shared: &Shared, method: &str, body: &Value) -> Value {
    let mut inner = shared.inner.lock().await;
    match method {
        "setWebhook" => {
            let url = body["url"].as_str().unwrap_or_default().to_owned();
            let secret = body["secret_token"].as_str().unwrap_or_default().to_owned();
            if body["drop_pending_updates"].as_bool() == Some(true) {
                inner.pending.clear();
            }
            inner.webhook.set = Some((url, secret));
            drop(inner);
            shared.news.notify_waiters();
            json!(true)
        }
        "deleteWebhook" => {
            if body["drop_pending_updates"].as_bool() == Some(true) {
                inner.pending.clear();
            }
            inner.webhook.set = None;
            json!(true)
        }
        _ => {
            let url = inner
                .webhook
                .set
                .as_ref()
                .map_or("", |(url, _)| url.as_str());
            json!({"url": url, "has_custom_certificate": false,
                   "pending_update_count": inner.pending.len()})
        }
    }
}

fn chat_of(update: &Value) -> i64 {
    update["message"]["chat"]["id"]
        .as_i64()
        .or_else(|| update["callback_query"]["message"]["chat"]["id"].as_i64())
        .or_else(|| update["callback_query"]["from"]["id"].as_i64())
        .unwrap_or_default()
}

/// Posts pending updates for as long as the fake runs.
pub(super) async fn deliver(shared: Arc<Shared>) {
    let client = reqwest::Client::new();
    loop {
        let news = shared.news.notified();
        let posts = {
            let mut inner = shared.inner.lock().await;
            let inner = &mut *inner;
            let webhook = &mut inner.webhook;
            match &webhook.set {
                Some((url, secret)) if !webhook.targets.is_empty() => {
                    let path = url::Url::parse(url)
                        .map(|u| u.path().to_owned())
                        .unwrap_or_default();
                    let mut posts = Vec::new();
                    for update in &inner.pending {
                        let chat = chat_of(update);
                        if webhook.busy.insert(chat) {
                            let target = &webhook.targets[webhook.turn % webhook.targets.len()];
                            webhook.turn += 1;
                            let endpoint = format!("http://{target}{path}");
                            posts.push((chat, update.clone(), endpoint, secret.clone()));
                        }
                    }
                    posts
                }
                _ => Vec::new(),
            }
        };
        for (chat, update, endpoint, secret) in posts {
            tokio::spawn(post(
                shared.clone(),
                client.clone(),
                chat,
                update,
                endpoint,
                secret,
            ));
        }
        let _ = tokio::time::timeout(Duration::from_millis(100), news).await;
    }
}

async fn post(
    shared: Arc<Shared>,
    client: reqwest::Client,
    chat: i64,
    update: Value,
    endpoint: String,
    secret: String,
) {
    let id = update["update_id"].as_i64().unwrap_or_default();
    let answer = client
        .post(&endpoint)
        .header("X-Telegram-Bot-Api-Secret-Token", secret)
        .header("Content-Type", "application/json")
        .body(update.to_string())
        .send()
        .await;
    let status = answer.map(|a| a.status().as_u16()).ok();
    {
        let mut inner = shared.inner.lock().await;
        if let Some(status) = status {
            inner.webhook.answers.push((id, status));
        }
        if status == Some(200) {
            inner
                .pending
                .retain(|u| u["update_id"].as_i64().unwrap_or_default() != id);
        }
    }
    if status != Some(200) {
        tokio::time::sleep(RETRY_AFTER).await;
    }
    shared.inner.lock().await.webhook.busy.remove(&chat);
    shared.news.notify_waiters();
}
