//! JPEG encoding with a byte budget. Sellers upload over village mobile data, and buyers browse
//! on it, so the large image aims for 300 KB: quality steps down until it fits, but never below a
//! floor where blocks become visible — a bigger file beats an ugly product.
//!
//! `jpeg-encoder` writes only a JFIF header: no EXIF, so no GPS, ever reaches the output.

use jpeg_encoder::{ColorType, Encoder, SamplingFactor};

use crate::pixels::Rgb;
use crate::PhotoError;

/// Encodes at `quality` (1–100), 4:2:0 chroma like every camera.
pub(crate) fn encode(image: &Rgb, quality: u8) -> Result<Vec<u8>, PhotoError> {
    let fail = |e: jpeg_encoder::EncodingError| PhotoError::Encode {
        detail: e.to_string(),
    };
    let too_wide = || PhotoError::Encode {
        detail: "JPEG sides are at most 65,535 px".into(),
    };
    let width = u16::try_from(image.width).map_err(|_| too_wide())?;
    let height = u16::try_from(image.height).map_err(|_| too_wide())?;
    let mut out = Vec::with_capacity(image.data.len() / 8);
    let mut encoder = Encoder::new(&mut out, quality.clamp(1, 100));
    encoder.set_sampling_factor(SamplingFactor::F_2_2);
    // No optimised Huffman tables: they would save a few percent, but zune-jpeg 0.5 (the
    // `image` crate's JPEG decoder, which the server may use) decodes jpeg-encoder 0.7's
    // optimised tables into garbage colours, while libjpeg-turbo and jpeg-decoder read them.
    // The fixture tests decode every output with `image` to keep this honest.
    encoder
        .encode(&image.data, width, height, ColorType::Rgb)
        .map_err(fail)?;
    Ok(out)
}

/// Encodes at `quality`, then at `quality − step`, … down to `floor`, and returns the first
/// result within `max_bytes` (or the smallest one, at `floor`, if none fits) with its quality.
pub(crate) fn encode_within(
    image: &Rgb,
    quality: u8,
    floor: u8,
    step: u8,
    max_bytes: usize,
) -> Result<(Vec<u8>, u8), PhotoError> {
    let floor = floor.min(quality);
    let mut q = quality;
    loop {
        let jpeg = encode(image, q)?;
        if jpeg.len() <= max_bytes || q <= floor {
            return Ok((jpeg, q));
        }
        q = q.saturating_sub(step.max(1)).max(floor);
    }
}
