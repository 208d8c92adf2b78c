//! Messages edited after they were sent, as Telegram reports them
//! (`edited_message` updates): a user's text or caption, an agent's text.

use serde_json::json;

use super::FakeBotApi;

impl FakeBotApi {
    /// The user edits their message `message_id` to `text` (a caption when
    /// the message was a photo: `photo`).
    pub async fn user_edits(&self, chat_id: i64, message_id: i64, text: &str, photo: bool) {
        let mut message = json!({
            "message_id": message_id,
            "date": chrono::Utc::now().timestamp() - 5,
            "edit_date": chrono::Utc::now().timestamp(),
            "chat": {"id": chat_id, "type": "private", "first_name": "Ana", "last_name": "Pérez"},
            "from": self.user(chat_id),
        });
        if photo {
            message["photo"] =
                json!([{"file_id": "photo-1", "file_unique_id": "u1", "width": 90, "height": 60}]);
            message["caption"] = json!(text);
        } else {
            message["text"] = json!(text);
        }
        self.push(json!({"edited_message": message})).await;
    }

    /// An agent edits their message `message_id` in the group.
    pub async fn agent_edits(
        &self,
        group: i64,
        agent_id: i64,
        message_id: i64,
        text: &str,
        thread: Option<i64>,
    ) {
        let mut message = json!({
            "message_id": message_id,
            "date": chrono::Utc::now().timestamp() - 5,
            "edit_date": chrono::Utc::now().timestamp(),
            "chat": self.group_chat(group),
            "from": Self::agent(agent_id),
            "text": text,
        });
        if let Some(thread) = thread {
            message["message_thread_id"] = json!(thread);
            message["is_topic_message"] = json!(true);
        }
        self.push(json!({"edited_message": message})).await;
    }
}
