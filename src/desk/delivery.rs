//! What the desk gives a front door to deliver: the replies to the user who
//! wrote, and messages, files and cards for other chats and the agents' group.

use serde::{Deserialize, Serialize};

use crate::protocol::{Attachment, Origin, Reply};

/// What one handled input gives: replies to the user who wrote, and anything
/// to deliver elsewhere (the agents' group).
#[derive(Debug, Default)]
pub struct Turn {
    pub replies: Vec<Reply>,
    pub deliveries: Vec<Delivery>,
}

/// Something for a front door to deliver besides the replies to the sender.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Delivery {
    /// To a user's chat (an agent's words, a hold reminder).
    User { chat_id: i64, reply: Reply },
    /// An agent's (or a transferred-to person's) words to a user, whose copy
    /// is remembered so an edit of the original reaches it.
    UserRelayed {
        handoff: i64,
        chat_id: i64,
        reply: Reply,
        from: Origin,
    },
    /// A relayed copy changed after its original was edited: its text
    /// replaced, or, where Telegram cannot (a file's caption), `fallback`
    /// posted in reply to it.
    Edit {
        chat_id: i64,
        thread: Option<i64>,
        message_id: i64,
        text: String,
        fallback: String,
    },
    /// A file an agent sent to a user.
    UserFile {
        chat_id: i64,
        attachment: Attachment,
        caption: Option<String>,
    },
    /// Into a handed-over conversation's topic (or thread) in the agents' group.
    Handoff { handoff: i64, post: Post },
    /// To an agents' group itself (`None`: the general one), in a topic
    /// when given (alerts, answers).
    Group {
        #[serde(default)]
        group: Option<i64>,
        thread: Option<i64>,
        reply: Reply,
    },
    /// A picture for an agents' group (the indicators' chart).
    GroupPhoto {
        #[serde(default)]
        group: Option<i64>,
        thread: Option<i64>,
        /// Queued apart from the JSON (`sends.bytes`).
        #[serde(skip)]
        png: Vec<u8>,
    },
    /// A file for the agents' group (the month's report).
    GroupDocument {
        #[serde(default)]
        group: Option<i64>,
        thread: Option<i64>,
        file_name: String,
        #[serde(skip)]
        bytes: Vec<u8>,
    },
    /// A conversation passed to another group leaves its place in this one:
    /// `notice` there, and the topic renamed and closed (or the card edited).
    PlaceLeft {
        group: Option<i64>,
        thread: Option<i64>,
        card: Option<i64>,
        notice: String,
        topic_name: Option<String>,
        card_text: Option<String>,
    },
}

/// Where in the agents' groups something was said, and its answer goes:
/// which group (`None`: the general one, `AGENT_CHAT_ID`) and which topic.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct GroupSpot {
    pub group: Option<i64>,
    pub thread: Option<i64>,
}

/// What goes into a handed-over conversation's place in the group.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Post {
    /// The summary card that opens it, with its "Tomar" button.
    Card {
        title: String,
        reply: Reply,
    },
    Reply(Reply),
    /// What the user wrote, relayed; `from`: their message, for edits.
    Relayed {
        reply: Reply,
        from: Option<Origin>,
    },
    File {
        attachment: Attachment,
        caption: Option<String>,
    },
    /// The conversation's state, shown in its topic's title (or on its card).
    State(TopicState),
}

/// A text for an agents' group, in the topic where a command was given.
pub(super) fn to_group(spot: GroupSpot, text: String) -> Vec<Delivery> {
    vec![Delivery::Group {
        group: spot.group,
        thread: spot.thread,
        reply: Reply::text(text),
    }]
}

/// Where a handed-over conversation stands, as the agents' group shows it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum TopicState {
    #[default]
    Waiting,
    Attended {
        agent: String,
    },
    Closed,
    /// Passed to another agents' group (`to`: its name): over here.
    Passed {
        to: String,
    },
}

/// Replies for one chat, from the inactivity sweep.
#[derive(Debug)]
pub struct Outgoing {
    pub chat_id: i64,
    pub replies: Vec<Reply>,
}
