//! The integration tests, one binary (as zero2prod's `tests/api/main.rs`):
//! the support code is compiled once and shared. One module per area; each
//! reads as scenarios. `cargo test` runs them all; `cargo test --test suite
//! understanding::` runs one area.

mod support;

mod agents;
mod agents_answers;
mod agents_quality;
mod agents_queue;
mod agents_relay;
mod agents_routing;
mod agents_topics;
mod calls;
mod configuration;
mod desk;
mod faults;
mod handoff_protocol;
mod indicators;
mod locales;
mod parsers_fuzz;
mod privacy;
mod protocol;
mod protocol_properties;
mod reading;
mod replicas;
mod security;
mod statements;
mod telegram;
mod terminal;
mod ticket_wizard;
mod tickets;
mod transfers;
mod understanding;
mod upgrade;
mod webhook;
