//! Turns file bytes into RGB pixels, as few of them as the output needs.
//!
//! JPEG (nearly every phone photo) goes through `jpeg-decoder`, which can decode straight to
//! 1/2, 1/4 or 1/8 size inside the inverse DCT: a 12 MP photo becomes 3 MP before a single
//! full-size pixel exists, which is both the biggest speed win in the browser and what keeps
//! the worker's memory small. PNG, WebP and any JPEG that `jpeg-decoder` refuses (CMYK, odd
//! encoders) go through the `image` crate at full size.

use std::io::Cursor;

use image::{DynamicImage, ImageDecoder, ImageReader, Limits};

use crate::jpeg_segments;
use crate::pixels::Rgb;
use crate::probe::{Format, Probe};
use crate::{Orientation, PhotoError};

/// Pixels as stored (orientation not yet applied), at full or reduced scale.
pub(crate) struct Decoded {
    pub image: Rgb,
    pub orientation: Orientation,
}

/// Decodes `bytes` (already probed and size-checked) to at least `min_long_edge` pixels on the
/// long side when the source has that many, fewer pixels never.
pub(crate) fn decode(
    bytes: &[u8],
    probe: &Probe,
    min_long_edge: u32,
    max_pixels: u64,
) -> Result<Decoded, PhotoError> {
    let upright = |image| Decoded {
        image,
        orientation: probe.orientation,
    };
    match probe.format {
        Format::Jpeg => match decode_jpeg_scaled(bytes, probe, min_long_edge, max_pixels) {
            Ok(image) => Ok(upright(image)),
            Err(JpegFailure::EndOfData) => {
                decode_jpeg_without_eoi(bytes, probe, min_long_edge, max_pixels).map(upright)
            }
            // The second decoder reads some files the first refuses; if it fails too, the
            // first one's complaint is the one worth reporting. (It also fills a cut-short
            // file with grey without a word: a cut-short file never gets here, and the coach
            // warns about a flat band along the bottom should one of its kind slip through.)
            Err(JpegFailure::Other(first)) => decode_with_image(bytes, probe, max_pixels)
                .map(|d| Decoded {
                    orientation: probe.orientation,
                    ..d
                })
                .map_err(|_| first),
        },
        Format::Png | Format::Webp => decode_with_image(bytes, probe, max_pixels),
    }
}

/// Bytes that end a JPEG's data for [`decode_jpeg_without_eoi`] and the server's re-check: 512
/// one-bits (each `0xFF` stuffed with `0x00`, so no marker), then the end-of-image marker.
///
/// A Huffman code made only of one-bits does not exist (ITU T.81, Annex C: that code is
/// reserved), so a decoder that still needs entropy-coded data after the file's own bytes
/// reads codes it cannot decode and fails. A decoder that already has every MCU reads at most
/// a few of these bytes ahead, decodes none of them, and stops at the marker.
const SENTINEL: [u8; 130] = {
    let mut s = [0xFF; 130];
    let mut i = 1;
    while i < 128 {
        s[i] = 0x00;
        i += 2;
    }
    s[129] = 0xD9;
    s
};

/// `data` (a JPEG without its end-of-image marker) followed by [`SENTINEL`].
pub(crate) fn with_sentinel(data: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(data.len() + SENTINEL.len());
    out.extend_from_slice(data);
    out.extend_from_slice(&SENTINEL);
    out
}

/// The decoder ran out of data. Either the picture data is cut short (a photo still
/// downloading from a chat app, a failing memory card) or it is all there and only the final
/// end-of-image marker is missing, which some phones and copying tools do. Decoding once more
/// with [`SENTINEL`] in place of the missing end tells them apart: the first fails, the second
/// decodes as it should. A progressive JPEG cut exactly between two scans decodes either way,
/// so its scans must also cover the whole frame. (One gap is left: a progressive AC scan cut
/// inside a run of empty blocks whose count reaches past the end; it decodes, a little soft.)
fn decode_jpeg_without_eoi(
    bytes: &[u8],
    probe: &Probe,
    min_long_edge: u32,
    max_pixels: u64,
) -> Result<Rgb, PhotoError> {
    const CUT_SHORT: PhotoError = PhotoError::Incomplete {
        detail: "JPEG picture data ends early",
    };
    jpeg_segments::scans_cover_frame(bytes)?;
    decode_jpeg_scaled(&with_sentinel(bytes), probe, min_long_edge, max_pixels).map_err(|failure| {
        match failure {
            JpegFailure::EndOfData => CUT_SHORT,
            JpegFailure::Other(PhotoError::Corrupt { .. }) => CUT_SHORT,
            JpegFailure::Other(other) => other,
        }
    })
}

/// Why `jpeg-decoder` gave up.
enum JpegFailure {
    /// It needed more bytes than the file has.
    EndOfData,
    Other(PhotoError),
}

impl From<jpeg_decoder::Error> for JpegFailure {
    fn from(e: jpeg_decoder::Error) -> Self {
        match e {
            jpeg_decoder::Error::Io(io) if io.kind() == std::io::ErrorKind::UnexpectedEof => {
                JpegFailure::EndOfData
            }
            other => JpegFailure::Other(PhotoError::corrupt(other)),
        }
    }
}

impl From<PhotoError> for JpegFailure {
    fn from(e: PhotoError) -> Self {
        JpegFailure::Other(e)
    }
}

/// The DCT scale (in eighths: 1, 2, 4 or 8) that keeps the long edge at or above `min`.
pub(crate) fn dct_scale(long_edge: u32, min: u32) -> u32 {
    [1, 2, 4]
        .into_iter()
        .find(|&eighths| scaled(long_edge, eighths) >= min)
        .unwrap_or(8)
}

/// `jpeg-decoder`'s rounding: ceil(len · eighths / 8).
fn scaled(len: u32, eighths: u32) -> u32 {
    (len * eighths).div_ceil(8)
}

fn decode_jpeg_scaled(
    bytes: &[u8],
    probe: &Probe,
    min_long_edge: u32,
    max_pixels: u64,
) -> Result<Rgb, JpegFailure> {
    let mut decoder = jpeg_decoder::Decoder::new(bytes);
    // Defence in depth behind the probe: the decoder's own buffers, not just the output.
    decoder.set_max_decoding_buffer_size(usize::try_from(max_pixels * 8).unwrap_or(usize::MAX));
    decoder.read_info()?;
    let eighths = dct_scale(probe.width.max(probe.height), min_long_edge);
    let want = |len: u32| u16::try_from(scaled(len, eighths)).unwrap_or(u16::MAX);
    let (w, h) = decoder.scale(want(probe.width), want(probe.height))?;
    let info = decoder
        .info()
        .ok_or_else(|| PhotoError::corrupt("no frame"))?;
    let pixels = decoder.decode()?;
    let (w, h) = (u32::from(w), u32::from(h));
    let expected = w as usize * h as usize * info.pixel_format.pixel_bytes();
    if pixels.len() != expected {
        return Err(PhotoError::corrupt("decoded size does not match the header").into());
    }
    match info.pixel_format {
        jpeg_decoder::PixelFormat::RGB24 => Ok(Rgb::new(w, h, pixels)),
        jpeg_decoder::PixelFormat::L8 => Ok(Rgb::from_gray(w, h, &pixels)),
        // 16-bit lossless and CMYK: rare, and `image` converts them properly.
        other => Err(PhotoError::corrupt(format!("{other:?} JPEG")).into()),
    }
}

fn decode_with_image(bytes: &[u8], probe: &Probe, max_pixels: u64) -> Result<Decoded, PhotoError> {
    let mut reader = ImageReader::new(Cursor::new(bytes));
    reader.set_format(match probe.format {
        Format::Jpeg => image::ImageFormat::Jpeg,
        Format::Png => image::ImageFormat::Png,
        Format::Webp => image::ImageFormat::WebP,
    });
    let mut limits = Limits::default();
    limits.max_image_width = Some(probe.width);
    limits.max_image_height = Some(probe.height);
    // 16-bit RGBA is the widest pixel any of these formats decode to.
    limits.max_alloc = Some(max_pixels.saturating_mul(8));
    reader.limits(limits);
    let mut decoder = reader.into_decoder().map_err(image_error)?;
    let orientation = match decoder.orientation() {
        Ok(o) => Orientation::from_exif(o.to_exif().into()).unwrap_or_default(),
        Err(_) => Orientation::Normal,
    };
    let image = DynamicImage::from_decoder(decoder).map_err(image_error)?;
    let (w, h) = (image.width(), image.height());
    let image = if image.color().has_alpha() {
        Rgb::from_rgba_on_white(w, h, image.into_rgba8().into_raw())
    } else {
        Rgb::new(w, h, image.into_rgb8().into_raw())
    };
    Ok(Decoded { image, orientation })
}

/// The `png` crate reports any file that stops early, wherever the cut, as an unexpected end.
fn image_error(e: image::ImageError) -> PhotoError {
    match e {
        image::ImageError::IoError(io) if io.kind() == std::io::ErrorKind::UnexpectedEof => {
            PhotoError::Incomplete {
                detail: "image data ends early",
            }
        }
        other => PhotoError::corrupt(other),
    }
}

#[cfg(test)]
mod tests {
    use super::dct_scale;

    #[test]
    fn dct_scale_keeps_the_long_edge_at_or_above_the_target() {
        assert_eq!(dct_scale(4032, 1600), 4, "12 MP: half size, 2016 px");
        assert_eq!(dct_scale(4608, 1600), 4);
        assert_eq!(dct_scale(3264, 1600), 4, "1632 px is still enough");
        assert_eq!(dct_scale(3100, 1600), 8, "half would be 1550");
        assert_eq!(dct_scale(1800, 1600), 8);
        assert_eq!(dct_scale(12_000, 1600), 2, "quarter: 3000 px");
        assert_eq!(dct_scale(12_000, 400), 1, "eighth: 1500 px");
        assert_eq!(dct_scale(300, 1600), 8, "small images are never shrunk");
        assert_eq!(dct_scale(4032, u32::MAX), 8, "Options::scaled_decode off");
    }
}
