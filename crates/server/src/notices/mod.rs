//! Notices that reach people: what happened to an inquiry, told to its buyer and its seller.
//!
//! Handlers write a notice's [`facts`] to the store's outbox in the same transaction as its
//! event; the [`sender`] claims due rows, writes each message ([`letters`], from the texts
//! of [`compose`]) and delivers it by e-mail (SMTP), retrying with backoff, at least once and
//! under one Message-ID per event and channel.

pub mod compose;
pub mod facts;
pub mod letters;
pub mod sender;
