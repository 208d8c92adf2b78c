//! What the ticket wizard collects: the fields in the order they are asked,
//! the draft kept between messages (and across cancel and back), and the
//! complete ticket handed to the runtime.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::contact::{Contact, Email, FullName, Phone};
use crate::ticket::{Impact, Kind, Priority, Urgency};

/// The shortest and longest problem description a ticket accepts.
pub const MIN_DETAIL_CHARS: usize = 15;
pub const MAX_DETAIL_CHARS: usize = 2000;

/// The questions of the wizard, in the order they are asked.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Field {
    Kind,
    Service,
    Detail,
    Name,
    Email,
    Phone,
    Impact,
    Urgency,
}

impl Field {
    pub const ORDER: [Field; 8] = [
        Field::Kind,
        Field::Service,
        Field::Detail,
        Field::Name,
        Field::Email,
        Field::Phone,
        Field::Impact,
        Field::Urgency,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Field::Kind => "kind",
            Field::Service => "service",
            Field::Detail => "detail",
            Field::Name => "name",
            Field::Email => "email",
            Field::Phone => "phone",
            Field::Impact => "impact",
            Field::Urgency => "urgency",
        }
    }

    pub fn parse(text: &str) -> Option<Field> {
        Field::ORDER.into_iter().find(|f| f.as_str() == text)
    }

    pub(super) fn previous(self) -> Option<Field> {
        let at = Field::ORDER.iter().position(|f| *f == self)?;
        at.checked_sub(1).map(|i| Field::ORDER[i])
    }
}

/// A service of the catalogue, as offered on a button.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ServiceOption {
    pub id: i64,
    pub name: String,
}

/// What a message carries besides text: a file (a screenshot of the error
/// sent with a report), a voice note, a location… Only photos and documents
/// go with a ticket; every kind is relayed while a person attends.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Attachment {
    /// The channel's id of the file; for a location its coordinates, for a
    /// contact its phone, as the transcript shows them.
    pub file_id: String,
    pub kind: AttachmentKind,
    /// The message it came in, to be copied as it is (where the channel copies).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub origin: Option<Origin>,
    /// The album it is part of (the channel's media group), relayed whole.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub album: Option<String>,
}

/// A message in a chat of the channel.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Origin {
    pub chat_id: i64,
    pub message_id: i64,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AttachmentKind {
    Photo,
    Document,
    Voice,
    Audio,
    Video,
    VideoNote,
    Sticker,
    Animation,
    Location,
    Contact,
}

impl AttachmentKind {
    pub fn as_str(self) -> &'static str {
        match self {
            AttachmentKind::Photo => "photo",
            AttachmentKind::Document => "document",
            AttachmentKind::Voice => "voice",
            AttachmentKind::Audio => "audio",
            AttachmentKind::Video => "video",
            AttachmentKind::VideoNote => "video_note",
            AttachmentKind::Sticker => "sticker",
            AttachmentKind::Animation => "animation",
            AttachmentKind::Location => "location",
            AttachmentKind::Contact => "contact",
        }
    }

    /// A file a resolver can open from the ticket's mail.
    pub fn goes_with_a_ticket(self) -> bool {
        matches!(self, AttachmentKind::Photo | AttachmentKind::Document)
    }

    /// Whether the message can carry a caption (a sticker, a round video, a
    /// location or a contact cannot).
    pub fn takes_caption(self) -> bool {
        !matches!(
            self,
            AttachmentKind::VideoNote
                | AttachmentKind::Sticker
                | AttachmentKind::Location
                | AttachmentKind::Contact
        )
    }
}

/// What the user has given so far.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct TicketDraft {
    pub privacy_accepted_at: Option<DateTime<Utc>>,
    pub kind: Option<Kind>,
    pub service: Option<ServiceOption>,
    pub detail: Option<String>,
    pub attachment: Option<Attachment>,
    pub name: Option<FullName>,
    pub email: Option<Email>,
    pub phone: Option<Phone>,
    pub impact: Option<Impact>,
    pub urgency: Option<Urgency>,
    /// The catalogue, once loaded.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub services: Vec<ServiceOption>,
    /// Whether the user has seen the detail and added to it or kept it:
    /// what they wrote at first level is offered for review, not assumed.
    #[serde(default)]
    pub detail_reviewed: bool,
    /// Whether the details on file were already looked up.
    #[serde(default)]
    pub contact_checked: bool,
    /// Correcting one field from the summary: return to it afterwards.
    #[serde(default)]
    pub correcting: bool,
    /// Opened by this agent for the conversation they handle: back to them after.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from_agent: Option<String>,
}

impl TicketDraft {
    pub(super) fn has(&self, field: Field) -> bool {
        match field {
            Field::Kind => self.kind.is_some(),
            Field::Service => self.service.is_some(),
            Field::Detail => self.detail_reviewed && self.detail_long_enough(),
            Field::Name => self.name.is_some(),
            Field::Email => self.email.is_some(),
            Field::Phone => self.phone.is_some(),
            Field::Impact => self.impact.is_some(),
            Field::Urgency => self.urgency.is_some(),
        }
    }

    pub(super) fn detail_long_enough(&self) -> bool {
        self.detail
            .as_deref()
            .is_some_and(|d| d.trim().chars().count() >= MIN_DETAIL_CHARS)
    }

    /// Everything a ticket needs, when complete.
    pub fn complete(&self) -> Option<NewTicket> {
        let (urgency, impact) = (self.urgency?, self.impact?);
        Some(NewTicket {
            kind: self.kind?,
            service_id: self.service.as_ref()?.id,
            detail: self.detail.clone().filter(|_| self.has(Field::Detail))?,
            attachment: self.attachment.clone(),
            contact: Contact {
                name: self.name.clone()?,
                email: self.email.clone()?,
                phone: self.phone.clone()?,
            },
            impact,
            urgency,
            priority: Priority::assess(urgency, impact),
            privacy_accepted_at: self.privacy_accepted_at?,
        })
    }
}

/// A ticket ready to be created by the runtime.
#[derive(Clone, Debug, PartialEq)]
pub struct NewTicket {
    pub kind: Kind,
    pub service_id: i64,
    pub detail: String,
    pub attachment: Option<Attachment>,
    pub contact: Contact,
    pub impact: Impact,
    pub urgency: Urgency,
    pub priority: Priority,
    pub privacy_accepted_at: DateTime<Utc>,
}

/// Where the wizard stands.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "stage", rename_all = "snake_case")]
pub enum WizardStage {
    /// The privacy notice, accepted before any personal data.
    Privacy,
    /// A question of the wizard.
    Field { field: Field },
    /// `ticket-contact-on-file`, for a returning user.
    ContactOnFile { contact: Contact },
    /// Everything given, to confirm or correct.
    Summary,
    /// The ticket is being created.
    Creating,
}
