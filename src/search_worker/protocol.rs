//! The search worker's messages. Each is an object whose `msg` property holds the JSON of
//! the enums here; bulk parts ride beside it as their own properties, so they are neither
//! parsed as JSON nor copied twice: the index's text ([`TEXT`], a string) and the answer's
//! listing positions ([`HITS`], a transferred `Uint32Array`).

use serde::{Deserialize, Serialize};

/// The property that holds a message's JSON.
pub const MSG: &str = "msg";
/// The card index's JSON text beside [`ToWorker::Index`].
pub const TEXT: &str = "text";
/// The positions beside [`FromWorker::Hits`], best first.
pub const HITS: &str = "hits";

/// Page → worker.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "camelCase")]
pub enum ToWorker {
    /// Index the card index in [`TEXT`], replacing any before.
    Index,
    /// Find the listings matching `q`'s words (request `id`).
    Search { id: u32, q: String },
}

/// Worker → page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "camelCase")]
pub enum FromWorker {
    /// The handler is installed: messages sent earlier were dropped.
    Ready,
    /// The index of catalog `version` is built; searches are answered from it.
    Indexed {
        version: String,
        listings: usize,
        /// Decoding and indexing, in the worker's milliseconds.
        took_ms: f64,
    },
    /// Request `id`'s answer from the index of `version`, positions in [`HITS`].
    Hits { id: u32, q: String, version: String },
    /// The text was not a card index, or a search came before any index.
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
        for message in [
            ToWorker::Index,
            ToWorker::Search {
                id: 7,
                q: "madu kelulut".into(),
            },
        ] {
            let json = message.to_json();
            assert_eq!(serde_json::from_str::<ToWorker>(&json).unwrap(), message);
        }
        assert_eq!(
            ToWorker::Search {
                id: 1,
                q: "a".into()
            }
            .to_json(),
            r#"{"type":"search","id":1,"q":"a"}"#
        );
        for message in [
            FromWorker::Ready,
            FromWorker::Indexed {
                version: "ab".into(),
                listings: 3,
                took_ms: 1.5,
            },
            FromWorker::Hits {
                id: 2,
                q: "kopi".into(),
                version: "ab".into(),
            },
            FromWorker::Failed { detail: "x".into() },
        ] {
            let json = message.to_json();
            assert_eq!(serde_json::from_str::<FromWorker>(&json).unwrap(), message);
        }
    }
}
