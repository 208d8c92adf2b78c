//! Messages edited after they were sent, as Telegram reports them
//! (`edited_message` updates): a user's text or caption, an agent's text;
//! and albums, which arrive as one message per part with the same
//! `media_group_id`.

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

    /// The user sends an album: one message per `spec` (see `media`), the
    /// first with `caption`; their ids.
    pub async fn user_sends_album(
        &self,
        chat_id: i64,
        album: &str,
        specs: &[&str],
        caption: &str,
    ) -> Vec<i64> {
        let mut ids = Vec::new();
        for (n, spec) in specs.iter().enumerate() {
            let id = self.next_id();
            let (field, value) = super::media(spec).expect("a kind of file");
            let mut message = json!({
                "message_id": id,
                "date": chrono::Utc::now().timestamp(),
                "chat": {"id": chat_id, "type": "private", "first_name": "Ana"},
                "from": self.user(chat_id),
                "media_group_id": album,
            });
            message[field] = value;
            if n == 0 {
                message["caption"] = json!(caption);
            }
            self.push(json!({"message": message})).await;
            ids.push(id);
        }
        ids
    }

    /// An agent sends an album in a conversation's topic; its parts' ids.
    pub async fn agent_sends_album(
        &self,
        group: i64,
        agent_id: i64,
        thread: i64,
        album: &str,
        specs: &[&str],
    ) -> Vec<i64> {
        let mut ids = Vec::new();
        for spec in specs {
            let id = self.next_id();
            let (field, value) = super::media(spec).expect("a kind of file");
            let mut message = json!({
                "message_id": id,
                "date": chrono::Utc::now().timestamp(),
                "chat": self.group_chat(group),
                "from": Self::agent(agent_id),
                "media_group_id": album,
                "message_thread_id": thread,
                "is_topic_message": true,
            });
            message[field] = value;
            self.push(json!({"message": message})).await;
            ids.push(id);
        }
        ids
    }

    fn next_id(&self) -> i64 {
        self.shared
            .next_message_id
            .fetch_add(1, std::sync::atomic::Ordering::SeqCst)
    }
}
