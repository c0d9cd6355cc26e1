//! JPEG encoding with a byte budget. Sellers upload over village mobile data, and buyers browse
//! on it, so the large image has a byte budget: when the first quality is over it, the next one
//! tried is the quality predicted to fit, never below a floor where blocks become visible — a
//! bigger file beats an ugly product.
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

/// Encodes at `quality`; while over `max_bytes`, encodes again at the quality predicted to fit
/// ([`quality_to_fit`]), down to `floor`. Returns the first result within `max_bytes` (or the
/// one at `floor`, if none fits) with its quality. A fixed step would either take many passes
/// on a detailed photo or overshoot the budget and throw away quality on an ordinary one.
pub(crate) fn encode_within(
    image: &Rgb,
    quality: u8,
    floor: u8,
    max_bytes: usize,
) -> Result<(Vec<u8>, u8), PhotoError> {
    let floor = floor.min(quality);
    let mut q = quality;
    loop {
        let jpeg = encode(image, q)?;
        if jpeg.len() <= max_bytes || q <= floor {
            return Ok((jpeg, q));
        }
        q = quality_to_fit(q, jpeg.len(), max_bytes).max(floor);
    }
}

/// How fast bytes fall as the quantiser grows: bytes ∝ scale^−EXPONENT. Fitted on the phone
/// fixtures between quality 70 and 88 (0.56–0.66); the lowest is used, so a prediction errs
/// towards fitting at the first retry.
const BYTES_PER_SCALE_EXPONENT: f64 = 0.55;

/// The quality predicted to make `max_bytes`, given that `quality` made `bytes`; always below
/// `quality`. Works on the quantiser's scale, which is what quality means to libjpeg and to
/// jpeg-encoder: tables × (5000 / q) % below 50, × (200 − 2q) % from 50.
pub(crate) fn quality_to_fit(quality: u8, bytes: usize, max_bytes: usize) -> u8 {
    let scale = |q: f64| {
        if q < 50.0 {
            5000.0 / q
        } else {
            200.0 - 2.0 * q
        }
    };
    let quality_of = |s: f64| {
        if s > 100.0 {
            5000.0 / s
        } else {
            (200.0 - s) / 2.0
        }
    };
    let quality = quality.clamp(1, 100);
    let over = bytes as f64 / max_bytes.max(1) as f64;
    let wanted = scale(f64::from(quality)) * over.powf(1.0 / BYTES_PER_SCALE_EXPONENT);
    // `as` saturates: a huge overshoot floors to 0, which the last `max` lifts to 1.
    let predicted = quality_of(wanted).floor() as u8;
    predicted.min(quality - 1).max(1)
}

#[cfg(test)]
mod tests {
    use super::quality_to_fit;

    #[test]
    fn a_small_overshoot_steps_down_a_little() {
        // The 12 MP fixture: quality 84 made 384 KB; 78 makes 322 KB, 80 makes 338 KB.
        assert_eq!(quality_to_fit(84, 384_147, 330_000), 78);
    }

    #[test]
    fn a_large_overshoot_steps_down_far_at_once() {
        // Three times over: one prediction goes below the pipeline's floor of 50 (which
        // `encode_within` then applies), where steps of 8 took five more passes to get there.
        let q = quality_to_fit(84, 1_000_000, 330_000);
        assert!((1..50).contains(&q), "{q}");
    }

    #[test]
    fn a_bare_overshoot_still_lowers_quality() {
        assert_eq!(quality_to_fit(80, 330_001, 330_000), 79);
    }

    #[test]
    fn prediction_is_monotonic_and_stays_in_range() {
        let mut last = 100;
        for bytes in (330_000..20_000_000).step_by(50_000) {
            let q = quality_to_fit(90, bytes + 1, 330_000);
            assert!(q <= last && (1..90).contains(&q), "{bytes}: {q}");
            last = q;
        }
        assert_eq!(quality_to_fit(1, 10_000_000, 1), 1);
    }
}
