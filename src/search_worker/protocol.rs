//! The search worker's messages. Each is an object whose `msg` property holds the JSON of
//! the enums here; bulk parts ride beside it as their own properties, so they are neither
//! parsed as JSON nor copied: the card index's JSON ([`JSON_BYTES`]) and the
//! built search index ([`INDEX`], a transferred `ArrayBuffer` of
//! `SearchIndex::to_bytes`).

use serde::{Deserialize, Serialize};

/// The property that holds a message's JSON.
pub const MSG: &str = "msg";
/// The card index's JSON beside [`ToWorker::Index`], a transferred `ArrayBuffer`.
pub const JSON_BYTES: &str = "json";
/// The search index's bytes beside [`FromWorker::Indexed`].
pub const INDEX: &str = "index";

/// Page → worker.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "camelCase")]
pub enum ToWorker {
    /// Build the search index of the card index in [`JSON_BYTES`].
    Index,
}

/// Worker → page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "camelCase")]
pub enum FromWorker {
    /// The handler is installed: messages sent earlier were dropped.
    Ready,
    /// The search index of catalog `version`, its bytes in [`INDEX`].
    Indexed {
        version: String,
        listings: usize,
        /// Decoding and indexing, in the worker's milliseconds.
        took_ms: f64,
    },
    /// The message or its text was not what the protocol sends.
    Failed { detail: String },
}

impl ToWorker {
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).expect("plain enums serialise")
    }
}

impl FromWorker {
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).expect("plain enums serialise")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_round_trip_with_their_tags() {
        assert_eq!(ToWorker::Index.to_json(), r#"{"type":"index"}"#);
        assert_eq!(
            serde_json::from_str::<ToWorker>(r#"{"type":"index"}"#).unwrap(),
            ToWorker::Index
        );
        for message in [
            FromWorker::Ready,
            FromWorker::Indexed {
                version: "ab".into(),
                listings: 3,
                took_ms: 1.5,
            },
            FromWorker::Failed { detail: "x".into() },
        ] {
            let json = message.to_json();
            assert_eq!(serde_json::from_str::<FromWorker>(&json).unwrap(), message);
        }
        // What the worker does not know is not an index message.
        assert!(serde_json::from_str::<ToWorker>(r#"{"type":"search","q":"a"}"#).is_err());
    }
}
