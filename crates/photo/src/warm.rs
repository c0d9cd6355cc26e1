//! A small photo of the pipeline's own, run in a fresh worker before the seller's first.
//!
//! Wasm engines start a module on a baseline compiler and optimise a function only once it has
//! run (V8: Liftoff, then TurboFan for the hot ones, in the background). A fresh worker's first
//! 12 MP photo therefore took 1.55× the browser's own path, while every later one was faster
//! than it. [`warm_up`] takes that first, slow pass on a picture small enough to cost a few
//! hundred milliseconds of worker time while the seller is still typing, through the same code
//! a phone photo takes: a 4:2:0 JPEG decoded at half scale in the DCT, EXIF orientation 6,
//! resize, turn, thumbnail, coach, and encodes under a byte budget.

use crate::encode::encode;
use crate::pipeline::process;
use crate::pixels::Rgb;
use crate::{Options, PhotoError, ProcessedPhoto};

/// The warm-up picture, stored sideways as a phone stores a portrait photo.
const SIZE: (u32, u32) = (1024, 768);

/// Runs the pipeline once on a synthetic phone-like JPEG and returns what it made (callers
/// throw it away). Deterministic: the same bytes every time.
pub fn warm_up() -> Result<ProcessedPhoto, PhotoError> {
    let jpeg = sideways_jpeg()?;
    // Half of 1024 is 512, at least 480: the half-scale DCT that a 12 MP photo takes for the
    // catalogue's 1600 px. The budget makes the encoder try a second quality, as on a detailed
    // photo.
    let options = Options {
        max_edge: 480,
        thumb_edge: 120,
        target_bytes: 12_000,
        ..Options::default()
    };
    process(&jpeg, &options, &mut |_| {})
}

/// A textured picture (gradients and a cheap noise, so every DCT band and Huffman code
/// length is used) as a JPEG with an EXIF orientation of 6.
fn sideways_jpeg() -> Result<Vec<u8>, PhotoError> {
    let (w, h) = SIZE;
    let mut seed = 0x9E37_79B9u32;
    let mut data = Vec::with_capacity((w * h * 3) as usize);
    for y in 0..h {
        for x in 0..w {
            // xorshift32: noise without a dependency.
            seed ^= seed << 13;
            seed ^= seed >> 17;
            seed ^= seed << 5;
            let noise = (seed & 0x1F) as u8;
            data.extend_from_slice(&[
                (x / 4) as u8 ^ noise,
                (y / 3) as u8 ^ noise,
                ((x + y) / 7) as u8,
            ]);
        }
    }
    let plain = encode(&Rgb::new(w, h, data), 90)?;
    // SOI, then APP1 "Exif" with a big-endian TIFF whose only entry is Orientation = 6.
    const EXIF_ORIENTATION_6: [u8; 34] = [
        0xFF, 0xE1, 0, 32, b'E', b'x', b'i', b'f', 0, 0, b'M', b'M', 0, 0x2A, 0, 0, 0, 8, 0, 1,
        0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, 6, 0, 0, 0, 0,
    ];
    let mut out = Vec::with_capacity(plain.len() + EXIF_ORIENTATION_6.len());
    out.extend_from_slice(&plain[..2]);
    out.extend_from_slice(&EXIF_ORIENTATION_6);
    out.extend_from_slice(&plain[2..]);
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::probe::probe;
    use crate::Orientation;

    #[test]
    fn the_warm_up_photo_takes_a_phone_photos_path() {
        let jpeg = sideways_jpeg().unwrap();
        let header = probe(&jpeg).unwrap();
        assert_eq!((header.width, header.height), SIZE);
        assert_eq!(header.orientation, Orientation::Rotate90);
        assert_eq!(crate::decode::dct_scale(SIZE.0, 480), 4, "half scale");
        let out = warm_up().unwrap();
        // Turned upright: portrait.
        assert_eq!((out.meta.width, out.meta.height), (360, 480));
        assert!(
            out.meta.quality < Options::default().quality,
            "a second quality was tried"
        );
        assert_eq!(warm_up().unwrap(), out, "deterministic");
    }
}
