//! Seller photos, made small, upright and anonymous before upload.
//!
//! A phone photo is 2–5 MB, 12 MP, often stored sideways with an EXIF note saying so, and
//! carries the seller's GPS position. The catalogue needs a 1600 px image and a 400 px
//! thumbnail, upright, with no metadata. This crate does that in pure Rust so it can run in the
//! browser (the `etalase-photo-worker` Web Worker, wasm) and so the server can re-check uploads
//! with the same rules ([`verify_jpeg`]).
//!
//! Stages: [`probe`] (format, size, orientation, from headers only) → decode (JPEG straight to
//! the smallest DCT scale that still covers 1600 px) → resize (Lanczos3) and orient → encode
//! (JPEG within a byte budget). Without the default `codec` feature only the shared vocabulary
//! remains ([`Stage`], [`PhotoMeta`], [`PhotoError`], [`protocol`], [`coach`]) for the app,
//! which must not carry image code.
//!
//! On the way, the [`coach`] measures the thumbnail (exposure, sharpness, size) and names what
//! a retake would improve; the photo is processed and uploaded either way.

pub mod coach;
mod error;
mod orientation;
pub mod protocol;

#[cfg(feature = "codec")]
mod decode;
#[cfg(feature = "codec")]
mod encode;
#[cfg(feature = "codec")]
mod jpeg_segments;
#[cfg(feature = "codec")]
mod pipeline;
#[cfg(feature = "codec")]
mod pixels;
#[cfg(feature = "codec")]
mod probe;
#[cfg(feature = "codec")]
mod resize;
#[cfg(feature = "codec")]
mod verify;
#[cfg(feature = "codec")]
mod warm;

pub use coach::{Coaching, PhotoHint, PhotoMeasures};
pub use error::PhotoError;
pub use orientation::Orientation;
#[cfg(feature = "codec")]
pub use pipeline::{process, process_rgba};
#[cfg(feature = "codec")]
pub use probe::{probe, Format, Probe};
#[cfg(feature = "codec")]
pub use resize::fit;
#[cfg(feature = "codec")]
pub use verify::{verify_and_measure, verify_jpeg};
#[cfg(feature = "codec")]
pub use warm::warm_up;

use serde::{Deserialize, Serialize};

/// The catalogue's large image: long edge in pixels.
pub const LARGE_EDGE: u32 = 1600;
/// The catalogue's thumbnail: long edge in pixels.
pub const THUMB_EDGE: u32 = 400;
/// The phone-sized rendition: long edge in pixels. A phone's product page (about 400 CSS px
/// at 1.75–2×) needs 700–800 px; the large image made it wait for 1600 px on slow data.
pub const MEDIUM_EDGE: u32 = 800;
/// Byte budget of the large image: what the browser's own encoder and the JavaScript resizers
/// make of a 12 MP phone photo at their default quality 0.8 (321–335 KB), and where SSIM
/// against a careful reference clears 0.97 on every phone fixture (`cargo xtask bench-photo`).
pub const LARGE_TARGET_BYTES: usize = 330_000;
/// The most bytes the server accepts for one uploaded JPEG (the large image aims for
/// [`LARGE_TARGET_BYTES`]; this leaves room for the quality floor on very detailed photos).
pub const MAX_UPLOAD_BYTES: usize = 1_000_000;

/// Knobs of the pipeline; [`Options::default`] is the catalogue's recipe.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Options {
    /// Long edge of the large image.
    pub max_edge: u32,
    /// Long edge of the thumbnail.
    pub thumb_edge: u32,
    /// Long edge of the phone-sized rendition.
    pub medium_edge: u32,
    /// Its JPEG quality.
    pub medium_quality: u8,
    /// First JPEG quality tried for the large image.
    pub quality: u8,
    /// Lowest quality the large image may drop to while over `target_bytes`.
    pub min_quality: u8,
    /// The thumbnail's JPEG quality. Lower than the large image's: the catalogue grid loads
    /// many thumbnails at once, small on screen.
    pub thumb_quality: u8,
    /// Byte budget of the large image.
    pub target_bytes: usize,
    /// Refuse files with more bytes than this before looking inside.
    pub max_input_bytes: usize,
    /// Refuse images with more pixels than this (header check, before decoding).
    pub max_pixels: u64,
    /// Refuse images with a side longer than this (header check, before decoding).
    pub max_side: u32,
    /// Decode JPEGs straight to the smallest DCT scale that still covers `max_edge` (on by
    /// default). Off decodes every pixel first, as a plain decoder would: only for measuring
    /// what the scaled decode saves (`cargo xtask bench-photo`).
    pub scaled_decode: bool,
    /// Measure the photo for the [`coach`] (on by default; it reads the thumbnail only). Off
    /// only for measuring what the coach costs (`photo_bench`).
    pub coach: bool,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            max_edge: LARGE_EDGE,
            thumb_edge: THUMB_EDGE,
            medium_edge: MEDIUM_EDGE,
            medium_quality: 80,
            quality: 84,
            min_quality: 50,
            thumb_quality: 80,
            target_bytes: LARGE_TARGET_BYTES,
            max_input_bytes: 40_000_000,
            max_pixels: 50_000_000,
            max_side: 12_000,
            scaled_decode: true,
            coach: true,
        }
    }
}

/// Where the pipeline is, for a progress bar. Reported as each stage *starts*.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Stage {
    Decode,
    Resize,
    Encode,
}

impl Stage {
    pub const ALL: [Stage; 3] = [Stage::Decode, Stage::Resize, Stage::Encode];

    /// Share of the total time this stage takes on a 12 MP phone photo in the release worker in
    /// Chromium (decode ≈ 110 ms, resize and orient ≈ 40 ms, two encodes ≈ 80 ms); the three
    /// add up to 1.
    pub fn weight(self) -> f32 {
        match self {
            Stage::Decode => 0.5,
            Stage::Resize => 0.15,
            Stage::Encode => 0.35,
        }
    }

    /// Progress (0–1) at the moment this stage starts.
    pub fn progress_at_start(self) -> f32 {
        Stage::ALL
            .iter()
            .take_while(|s| **s != self)
            .map(|s| s.weight())
            .sum()
    }

    /// The wire name: `"decode"`, `"resize"`, `"encode"`.
    pub fn as_str(self) -> &'static str {
        match self {
            Stage::Decode => "decode",
            Stage::Resize => "resize",
            Stage::Encode => "encode",
        }
    }
}

/// Sizes and quality of a processed photo: what the app shows and the server stores beside the
/// JPEGs. All sizes are as displayed (orientation applied).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PhotoMeta {
    pub width: u32,
    pub height: u32,
    pub thumb_width: u32,
    pub thumb_height: u32,
    pub source_width: u32,
    pub source_height: u32,
    /// JPEG quality the large image ended at (lower than asked when over the byte budget).
    pub quality: u8,
}

/// The three JPEGs, upright and without metadata, their sizes and the coach's view of them.
#[derive(Clone, Debug, PartialEq)]
pub struct ProcessedPhoto {
    pub large: Vec<u8>,
    /// At most [`MEDIUM_EDGE`] on its long side (never larger than `large`).
    pub medium: Vec<u8>,
    pub thumb: Vec<u8>,
    pub meta: PhotoMeta,
    /// The coach's measures and hints; `None` when [`Options::coach`] is off.
    pub coach: Option<Coaching>,
}

#[cfg(test)]
mod tests {
    use super::Stage;

    #[test]
    fn stage_weights_make_a_whole_bar() {
        let total: f32 = Stage::ALL.iter().map(|s| s.weight()).sum();
        assert!((total - 1.0).abs() < 1e-6);
        assert_eq!(Stage::Decode.progress_at_start(), 0.0);
        assert!((Stage::Encode.progress_at_start() - 0.65).abs() < 1e-6);
    }
}
