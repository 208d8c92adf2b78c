//! Albums while a person attends: their messages arrive one by one, are
//! recorded as they come, and go across together (copied in one request, so
//! the other side sees one album with its captions).

use super::super::{Desk, DeskError};
use crate::store::handoffs;

impl Desk {
    /// How many messages of an album have arrived so far.
    pub async fn album_size(&self, album: &str, from_chat: i64) -> Result<i64, DeskError> {
        Ok(handoffs::album_size(self.store.reader(), album, from_chat).await?)
    }

    /// The album's messages that have not gone across yet, now taken to go.
    pub async fn album_to_send(&self, album: &str, from_chat: i64) -> Result<Vec<i64>, DeskError> {
        Ok(handoffs::album_to_send(self.store.writer(), album, from_chat).await?)
    }
}
