//! mesabot: the state government IT help desk's procedure, carried into chat.

pub mod admin;
pub mod agents;
pub mod config;
pub mod contact;
pub mod desk;
pub mod directory;
pub mod faq;
pub mod locale;
pub mod mail;
pub mod monitor;
pub mod protocol;
pub mod report;
pub mod store;
pub mod telegram;
pub mod templates;
pub mod terminal;
pub mod ticket;
pub mod understand;
pub mod words;
