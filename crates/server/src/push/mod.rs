//! Web Push to sellers' phones: "Permintaan baru: Hotel … (PQ-…)", opening the inbox.
//!
//! The server signs each request with its VAPID key ([`vapid`], made on first start and
//! kept in the store, so every replica and every restart sends as the same server) and
//! encrypts each message for the one browser it goes to (RFC 8291, `web-push-native`).
//! A browser's subscription is checked before it is stored ([`subscription`]): only the
//! known push services' endpoints, so a stored address can never aim our requests at
//! anything else. [`client`] sends; a push service that answers 404 or 410 has forgotten
//! the browser, and the sender removes its subscription.

pub mod client;
pub mod subscription;
pub mod vapid;

/// Where the server keeps its VAPID key (`meta`).
pub const VAPID_SECRET: &str = "vapid_private_key";
