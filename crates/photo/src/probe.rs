//! Looks at a file before anything is decoded: what it is, how many pixels it claims, which way
//! up it is. The size check must come first: a 200 KB file can claim 60,000 × 60,000 pixels and
//! take the worker's memory with it (a decompression bomb).

use serde::{Deserialize, Serialize};

use crate::jpeg_segments::{next_marker, Marker};
use crate::{Orientation, PhotoError};

/// What the first bytes say the file is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    Jpeg,
    Png,
    Webp,
}

/// A file's header facts. `width`/`height` are the *stored* pixels, before orientation.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Probe {
    pub format: Format,
    pub width: u32,
    pub height: u32,
    /// From the JPEG's EXIF. PNG and WebP rarely carry one; their decoder reports it while
    /// decoding, so here it is `Normal` for them.
    pub orientation: Orientation,
}

/// Sniffs the format and reads the header, without decoding pixels.
///
/// HEIC is recognised so the seller hears "HEIC" rather than "unsupported": the fix differs.
pub fn probe(bytes: &[u8]) -> Result<Probe, PhotoError> {
    if bytes.is_empty() {
        return Err(PhotoError::Empty);
    }
    if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        let header = jpeg_header(bytes)?;
        let orientation = header
            .exif
            .and_then(image::metadata::Orientation::from_exif_chunk)
            .and_then(|o| Orientation::from_exif(o.to_exif().into()))
            .unwrap_or_default();
        return Ok(Probe {
            format: Format::Jpeg,
            width: header.width,
            height: header.height,
            orientation,
        });
    }
    if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        // IHDR is always the first chunk: length(4) "IHDR"(4) width(4) height(4).
        let ihdr = bytes.get(8..24).ok_or(PhotoError::Incomplete {
            detail: "PNG ends inside its header",
        })?;
        if &ihdr[4..8] != b"IHDR" {
            return Err(PhotoError::corrupt("PNG without IHDR"));
        }
        return Ok(Probe {
            format: Format::Png,
            width: be32(&ihdr[8..12]),
            height: be32(&ihdr[12..16]),
            orientation: Orientation::Normal,
        });
    }
    if bytes.len() >= 12 && &bytes[0..4] == b"RIFF" && &bytes[8..12] == b"WEBP" {
        return webp_header(bytes);
    }
    if is_heic(bytes) {
        return Err(PhotoError::Heic);
    }
    Err(PhotoError::UnsupportedFormat)
}

/// ISO-BMFF `ftyp` with a HEIF brand. AVIF shares the container but browsers decode it, so it
/// stays "unsupported" (the worker then tries the browser's decoder).
fn is_heic(bytes: &[u8]) -> bool {
    const HEIF: [&[u8; 4]; 9] = [
        b"heic", b"heix", b"heim", b"heis", b"hevc", b"hevx", b"hevm", b"hevs", b"mif1",
    ];
    if bytes.len() < 12 || &bytes[4..8] != b"ftyp" {
        return false;
    }
    let box_len = (be32(&bytes[0..4]) as usize).clamp(12, bytes.len());
    // Major brand at 8..12, minor version at 12..16, compatible brands after.
    let brands: Vec<&[u8]> = std::iter::once(&bytes[8..12])
        .chain(bytes[16.min(box_len)..box_len].chunks_exact(4))
        .collect();
    let avif = brands.iter().any(|b| *b == b"avif" || *b == b"avis");
    !avif
        && brands
            .iter()
            .any(|b| HEIF.iter().any(|h| h.as_slice() == *b))
}

pub(crate) struct JpegHeader<'a> {
    pub width: u32,
    pub height: u32,
    /// The TIFF structure inside APP1 "Exif\0\0", if any.
    pub exif: Option<&'a [u8]>,
    /// Whether any APP1 (EXIF or XMP) segment exists: the server refuses those.
    pub has_app1: bool,
}

/// Walks JPEG marker segments up to the frame header (SOFn). Bounded by the file length, never
/// reads entropy-coded data, allocates nothing.
pub(crate) fn jpeg_header(bytes: &[u8]) -> Result<JpegHeader<'_>, PhotoError> {
    let mut exif = None;
    let mut has_app1 = false;
    let mut pos = 2;
    loop {
        let (marker, segment) = match next_marker(bytes, &mut pos)? {
            // The end of the image, or its first scan, before any frame header.
            Marker::Standalone(0xD9) | Marker::Segment(0xDA, _) => {
                return Err(PhotoError::corrupt("JPEG has no frame header"))
            }
            Marker::Standalone(_) => continue,
            Marker::Segment(marker, body) => (marker, body),
        };
        match marker {
            // SOF0–SOF15 except DHT (C4), JPG (C8) and DAC (CC).
            0xC0..=0xCF if !matches!(marker, 0xC4 | 0xC8 | 0xCC) => {
                if segment.len() < 6 {
                    return Err(PhotoError::corrupt("JPEG frame header too short"));
                }
                let height = u32::from(u16::from_be_bytes([segment[1], segment[2]]));
                let width = u32::from(u16::from_be_bytes([segment[3], segment[4]]));
                if width == 0 || height == 0 {
                    return Err(PhotoError::corrupt("JPEG frame has no size"));
                }
                return Ok(JpegHeader {
                    width,
                    height,
                    exif,
                    has_app1,
                });
            }
            0xE1 => {
                has_app1 = true;
                if let Some(tiff) = segment.strip_prefix(b"Exif\0\0") {
                    exif.get_or_insert(tiff);
                }
            }
            _ => {}
        }
    }
}

/// WebP's three layouts keep the size in different places; the `image` crate's header reader
/// knows them all and reads no pixel data.
///
/// The RIFF header states the file's length, so a WebP cut short is known before decoding
/// (its decoder would only say "bit stream error").
fn webp_header(bytes: &[u8]) -> Result<Probe, PhotoError> {
    use image::ImageDecoder;
    let riff_len = u64::from(u32::from_le_bytes([bytes[4], bytes[5], bytes[6], bytes[7]]));
    if (bytes.len() as u64) < riff_len + 8 {
        return Err(PhotoError::Incomplete {
            detail: "WebP is shorter than its RIFF header says",
        });
    }
    let decoder = image::codecs::webp::WebPDecoder::new(std::io::Cursor::new(bytes))
        .map_err(PhotoError::corrupt)?;
    let (width, height) = decoder.dimensions();
    Ok(Probe {
        format: Format::Webp,
        width,
        height,
        orientation: Orientation::Normal,
    })
}

fn be32(b: &[u8]) -> u32 {
    u32::from_be_bytes([b[0], b[1], b[2], b[3]])
}

#[cfg(test)]
mod tests {
    use super::*;

    /// SOI, an APP1 with a big-endian TIFF whose IFD0 holds only Orientation, SOF0, EOI.
    pub(crate) fn jpeg_with(width: u16, height: u16, orientation: u16) -> Vec<u8> {
        let mut tiff = b"MM\0\x2a\0\0\0\x08".to_vec();
        tiff.extend_from_slice(&1u16.to_be_bytes()); // one entry
        tiff.extend_from_slice(&[0x01, 0x12, 0, 3, 0, 0, 0, 1]); // tag 0x112, SHORT, count 1
        tiff.extend_from_slice(&orientation.to_be_bytes());
        tiff.extend_from_slice(&[0, 0, 0, 0, 0, 0]); // padding, next IFD = 0
        let mut app1 = b"Exif\0\0".to_vec();
        app1.extend_from_slice(&tiff);
        let mut out = vec![0xFF, 0xD8, 0xFF, 0xE1];
        out.extend_from_slice(&(app1.len() as u16 + 2).to_be_bytes());
        out.extend_from_slice(&app1);
        out.extend_from_slice(&[0xFF, 0xC0, 0, 17, 8]);
        out.extend_from_slice(&height.to_be_bytes());
        out.extend_from_slice(&width.to_be_bytes());
        out.extend_from_slice(&[3, 1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1]);
        out.extend_from_slice(&[0xFF, 0xD9]);
        out
    }

    #[test]
    fn jpeg_header_gives_size_and_orientation_without_pixels() {
        for v in 1..=8 {
            let p = probe(&jpeg_with(4032, 3024, v)).unwrap();
            assert_eq!((p.format, p.width, p.height), (Format::Jpeg, 4032, 3024));
            assert_eq!(u16::from(p.orientation.exif()), v);
        }
        // Out-of-range orientation means upright, not an error.
        assert_eq!(
            probe(&jpeg_with(10, 10, 42)).unwrap().orientation,
            Orientation::Normal
        );
    }

    #[test]
    fn formats_are_told_apart() {
        assert_eq!(probe(&[]), Err(PhotoError::Empty));
        assert_eq!(probe(b"GIF89a......"), Err(PhotoError::UnsupportedFormat));
        let heic = b"\0\0\0\x18ftypheic\0\0\0\0mif1heic";
        assert_eq!(probe(heic), Err(PhotoError::Heic));
        let mif1 = b"\0\0\0\x14ftypmif1\0\0\0\0heic";
        assert_eq!(probe(mif1), Err(PhotoError::Heic));
        let avif = b"\0\0\0\x18ftypavif\0\0\0\0mif1avif";
        assert_eq!(probe(avif), Err(PhotoError::UnsupportedFormat));
        let mut png = b"\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR".to_vec();
        png.extend_from_slice(&20_000u32.to_be_bytes());
        png.extend_from_slice(&300u32.to_be_bytes());
        let p = probe(&png).unwrap();
        assert_eq!((p.format, p.width, p.height), (Format::Png, 20_000, 300));
    }

    #[test]
    fn truncated_headers_are_incomplete_not_panics() {
        let full = jpeg_with(100, 50, 6);
        for n in 3..full.len() - 2 {
            let r = probe(&full[..n]);
            assert!(
                matches!(r, Err(PhotoError::Incomplete { .. })),
                "{n} bytes: {r:?}"
            );
        }
        assert!(matches!(
            probe(b"\x89PNG\r\n\x1a\n\0\0"),
            Err(PhotoError::Incomplete { .. })
        ));
        let mut not_png = b"\x89PNG\r\n\x1a\n\0\0\0\x0dIHDX".to_vec();
        not_png.extend_from_slice(&[0; 8]);
        assert!(matches!(probe(&not_png), Err(PhotoError::Corrupt { .. })));
    }
}
