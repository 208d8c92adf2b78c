//! The fake's forum topics: created, renamed, closed and reopened as
//! Telegram does, and deleted by hand (an administrator in the group), after
//! which a send into one is refused as Telegram refuses it. The bot is an
//! administrator with "Manage topics", so a closed topic still takes its
//! messages (a topic closed by hand breaks nothing).

use std::collections::HashMap;

use axum::response::{IntoResponse, Response};
use serde_json::{Value, json};

use super::{FakeBotApi, Shared};

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Topic {
    pub name: String,
    pub closed: bool,
}

#[derive(Default)]
pub(super) struct Topics {
    open: HashMap<i64, Topic>,
    deleted: Vec<i64>,
}

fn bad_request(description: &str) -> Response {
    axum::Json(json!({"ok": false, "error_code": 400, "description": description})).into_response()
}

const GONE: &str = "Bad Request: message thread not found";

impl Topics {
    pub(super) fn created(&mut self, thread: i64, name: &str) {
        self.open.insert(
            thread,
            Topic {
                name: name.to_owned(),
                closed: false,
            },
        );
    }

    /// A send into `body`'s topic, refused when that topic was deleted.
    pub(super) fn refuses(&self, body: &Value) -> Option<Response> {
        let thread = body["message_thread_id"].as_i64()?;
        self.deleted.contains(&thread).then(|| bad_request(GONE))
    }

    /// editForumTopic, closeForumTopic, reopenForumTopic.
    pub(super) fn call(&mut self, method: &str, body: &Value) -> Result<Value, &'static str> {
        let thread = body["message_thread_id"].as_i64().unwrap_or_default();
        let Some(topic) = self.open.get_mut(&thread) else {
            return Err(GONE);
        };
        match method {
            "editForumTopic" => {
                if let Some(name) = body["name"].as_str() {
                    if name == topic.name {
                        return Err("Bad Request: TOPIC_NOT_MODIFIED");
                    }
                    topic.name = name.to_owned();
                }
            }
            "closeForumTopic" | "reopenForumTopic" => {
                let closing = method == "closeForumTopic";
                if topic.closed == closing {
                    return Err("Bad Request: TOPIC_NOT_MODIFIED");
                }
                topic.closed = closing;
            }
            _ => return Err("Bad Request: unknown topic method"),
        }
        Ok(json!(true))
    }
}

impl FakeBotApi {
    /// A topic as the group sees it now; `None` when deleted or never made.
    pub async fn topic(&self, thread: i64) -> Option<Topic> {
        self.shared
            .inner
            .lock()
            .await
            .topics
            .open
            .get(&thread)
            .cloned()
    }

    /// An administrator deletes a topic by hand.
    pub async fn delete_topic(&self, thread: i64) {
        let mut inner = self.shared.inner.lock().await;
        inner.topics.open.remove(&thread);
        inner.topics.deleted.push(thread);
    }
}

pub(super) async fn handle(shared: &Shared, method: &str, body: &Value) -> Result<Value, Response> {
    shared
        .inner
        .lock()
        .await
        .topics
        .call(method, body)
        .map_err(bad_request)
}
