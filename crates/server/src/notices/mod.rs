//! Notices that reach people: what happened to an inquiry, told to its buyer and its seller.
//!
//! `compose` writes each message (pure). Still to come (issue 29): the outbox table written
//! in the same transaction as the event, and the sender that delivers it by e-mail (SMTP)
//! and Web Push, with retries, exactly once per event and channel.

pub mod compose;
