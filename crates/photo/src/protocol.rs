//! The messages between the app and the photo Web Worker, defined once so both sides compile
//! the same names. Both sides carry them as JSON text through `JSON.parse`/`JSON.stringify`
//! (tiny messages; no JS-value serialiser needed), plus the binary parts, which JSON cannot
//! hold and which are *transferred*, not copied:
//!
//! 1. worker → app: `{"type":"ready"}` once its handler is installed. A wasm worker drops
//!    messages that arrive before that, so the app sends nothing until it sees this.
//! 2. app → worker: `{id, bytes}` — [`Request`] plus `bytes`, the file's `ArrayBuffer`
//!    (transferred: the app's copy becomes empty). One request at a time.
//! 3. worker → app, for that `id`:
//!    - `{"type":"progress", id, "stage":"decode"|"resize"|"encode"}` as each stage starts;
//!    - then either `{"type":"done", id, width, height, thumbWidth, thumbHeight, sourceWidth,
//!      sourceHeight, quality, coach, large, thumb}` where `large` and `thumb` are transferred
//!      `ArrayBuffer`s holding the JPEGs and `coach` is the [`crate::Coaching`]
//!      (`{measures: {meanLuma, …}, hints: ["too_dark", …]}`); a worker without the coach
//!      (an older cached `worker.js`) leaves `coach` out and the app shows no hint,
//!
//!    - or `{"type":"error", id, code, detail}` with `code` from [`crate::PhotoError::code`]
//!      (or [`WORKER_FAILED`]); `detail` is English, for logs.
//!
//! 4. app → worker, instead of a photo: `{id, "warm": true}` with no bytes. The worker runs
//!    [`crate::warm_up`] (its own small photo, so the engine optimises the pipeline's code
//!    before the seller's first photo) and answers `done` or `error` for that `id` as above;
//!    the app drops the JPEGs. A worker older than this answers `error`: nothing is lost.
//!
//! Two optional extras, for measuring (`cargo xtask bench-photo`); the app neither sends nor
//! reads them, and serde ignores properties a message type does not name, so they cost the
//! app nothing:
//! - the request may carry [`OPTIONS`], an [`crate::Options`] as JSON (missing fields take
//!   their defaults), to run another recipe in the same worker;
//! - `done` carries [`WASM_MEMORY`], the worker's wasm memory in bytes after the photo. Wasm
//!   memory never shrinks, so that is the peak of every photo the worker has processed.
//!
//! Every code the app may have to translate: [`crate::PhotoError::CODES`], [`WORKER_FAILED`]
//! and [`READ_FAILED`].

use serde::{Deserialize, Serialize};

use crate::{Coaching, PhotoMeta, Stage};

/// Property of the request and of `done` that hold binary data outside the JSON part.
pub const BYTES: &str = "bytes";
/// Property of `done` holding the large JPEG's `ArrayBuffer`.
pub const LARGE: &str = "large";
/// Property of `done` holding the thumbnail JPEG's `ArrayBuffer`.
pub const THUMB: &str = "thumb";
/// The phone-sized JPEG's bytes.
pub const MEDIUM: &str = "medium";

/// Property of a request that asks for the warm-up instead of a photo (`true`; no [`BYTES`]).
pub const WARM: &str = "warm";

/// Optional property of the request: [`crate::Options`] as JSON, instead of the defaults.
pub const OPTIONS: &str = "options";
/// Property of `done` with the worker's wasm memory size in bytes (its peak so far).
pub const WASM_MEMORY: &str = "wasmMemory";

/// Error code for a worker that crashed, failed to start or sent nonsense; not a property of
/// the photo, so the app may retry once with a fresh worker.
pub const WORKER_FAILED: &str = "worker";

/// Error code for a file the browser could not read (removed or changed on disk after being
/// picked, a cloud file not yet downloaded): the seller can pick it again.
pub const READ_FAILED: &str = "read";

/// The JSON part of the app's request; the file travels beside it as [`BYTES`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Request {
    pub id: u32,
}

/// Everything the worker says; see the module docs for the order.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "lowercase")]
pub enum FromWorker {
    Ready,
    Progress {
        id: u32,
        stage: Stage,
    },
    /// The JPEGs travel beside this as [`LARGE`] and [`THUMB`].
    Done {
        id: u32,
        #[serde(flatten)]
        meta: PhotoMeta,
        /// Absent from workers older than the coach; then there is nothing to say.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        coach: Option<Coaching>,
    },
    Error {
        id: u32,
        code: String,
        detail: String,
    },
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn request_options_are_partial_json_over_the_defaults() {
        let options: crate::Options =
            serde_json::from_value(serde_json::json!({"scaledDecode": false})).unwrap();
        assert_eq!(
            options,
            crate::Options {
                scaled_decode: false,
                ..crate::Options::default()
            }
        );
    }

    #[test]
    fn wire_shapes_match_the_documented_protocol() {
        let json = |m: &FromWorker| serde_json::to_value(m).unwrap();
        assert_eq!(
            json(&FromWorker::Ready),
            serde_json::json!({"type": "ready"})
        );
        assert_eq!(
            json(&FromWorker::Progress {
                id: 7,
                stage: Stage::Resize
            }),
            serde_json::json!({"type": "progress", "id": 7, "stage": "resize"})
        );
        let meta = PhotoMeta {
            width: 1200,
            height: 1600,
            thumb_width: 300,
            thumb_height: 400,
            source_width: 3024,
            source_height: 4032,
            quality: 80,
        };
        let done = FromWorker::Done {
            id: 7,
            meta,
            coach: None,
        };
        assert_eq!(
            json(&done),
            serde_json::json!({"type": "done", "id": 7, "width": 1200, "height": 1600,
                "thumbWidth": 300, "thumbHeight": 400, "sourceWidth": 3024,
                "sourceHeight": 4032, "quality": 80}),
            "a done without coaching is the message older apps know"
        );
        let back: FromWorker = serde_json::from_value(json(&done)).unwrap();
        assert_eq!(back, done);
        let coached = FromWorker::Done {
            id: 7,
            meta,
            coach: Some(crate::Coaching::new(crate::PhotoMeasures {
                mean_luma: 30.5,
                contrast: 20.0,
                shadow_share: 0.5,
                highlight_share: 0.0,
                black_point: 3,
                laplacian_variance: 42.0,
                long_edge: 600,
                flat_bottom: 0.25,
            })),
        };
        assert_eq!(
            json(&coached)["coach"],
            serde_json::json!({"measures": {"meanLuma": 30.5, "contrast": 20.0,
                "shadowShare": 0.5, "highlightShare": 0.0, "blackPoint": 3,
                "laplacianVariance": 42.0, "longEdge": 600, "flatBottom": 0.25},
                "hints": ["cut_off", "too_dark", "too_small"]})
        );
        // Measures from a worker that predates `flatBottom` still read.
        let mut older = json(&coached)["coach"]["measures"].clone();
        older.as_object_mut().unwrap().remove("flatBottom");
        let older: crate::PhotoMeasures = serde_json::from_value(older).unwrap();
        assert_eq!(older.flat_bottom, 0.0);
        // What the app sees after `JSON.stringify`: the transferred buffers as `{}` and the
        // benchmark's memory figure, neither of which is part of the serde type.
        for message in [done, coached] {
            let mut on_the_wire = json(&message);
            on_the_wire["large"] = serde_json::json!({});
            on_the_wire["thumb"] = serde_json::json!({});
            on_the_wire[WASM_MEMORY] = serde_json::json!(41_943_040);
            let back: FromWorker = serde_json::from_value(on_the_wire).unwrap();
            assert_eq!(back, message);
        }
        let error = FromWorker::Error {
            id: 7,
            code: "heic".into(),
            detail: "HEIC".into(),
        };
        assert_eq!(
            json(&error),
            serde_json::json!({"type": "error", "id": 7, "code": "heic", "detail": "HEIC"})
        );
    }
}
