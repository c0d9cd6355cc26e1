//! The server's re-check of an upload. The browser worker makes the JPEGs, but the upload
//! endpoint is public, so the server checks the same promises again here, with the same code:
//! a real JPEG, within the size the catalogue shows, complete, and carrying no EXIF/XMP (which
//! is where GPS hides).

use crate::decode::with_sentinel;
use crate::jpeg_segments::{self, End};
use crate::probe::jpeg_header;
use crate::PhotoError;

/// Checks an uploaded JPEG and returns its `(width, height)`.
///
/// `max_edge` bounds each side (the pipeline's 1600), `max_bytes` the file. Decodes the whole
/// image, so a cut-short (`Incomplete`) or damaged upload is refused rather than stored, and
/// walks every segment, so EXIF/XMP is refused wherever it sits and nothing may follow the
/// image.
pub fn verify_jpeg(
    bytes: &[u8],
    max_edge: u32,
    max_bytes: usize,
) -> Result<(u32, u32), PhotoError> {
    decode_verified(bytes, max_edge, max_bytes).map(|(size, _)| size)
}

/// [`verify_jpeg`], and the photo coach's measures of the picture, taken as the worker takes
/// them: on a [`THUMB_EDGE`](crate::THUMB_EDGE) thumbnail. The server keeps the verdict, so a
/// facilitator can count listings with good photos; `None` for a CMYK JPEG (never made by
/// the app's pipeline), which the coach does not read.
pub fn verify_and_measure(
    bytes: &[u8],
    max_edge: u32,
    max_bytes: usize,
) -> Result<((u32, u32), Option<crate::PhotoMeasures>), PhotoError> {
    let ((width, height), (pixels, format)) = decode_verified(bytes, max_edge, max_bytes)?;
    let rgb = match format {
        jpeg_decoder::PixelFormat::L8 => crate::pixels::Rgb::from_gray(width, height, &pixels),
        jpeg_decoder::PixelFormat::RGB24 => crate::pixels::Rgb::new(width, height, pixels),
        _ => return Ok(((width, height), None)),
    };
    let (tw, th) = crate::resize::fit(width, height, crate::THUMB_EDGE);
    let thumb = crate::resize::resize(rgb, tw, th)?;
    let measures = crate::coach::measure(&thumb.data, thumb.width, thumb.height, width.max(height));
    Ok(((width, height), Some(measures)))
}

/// The checks of [`verify_jpeg`], returning the decoded pixels too.
#[allow(clippy::type_complexity)]
fn decode_verified(
    bytes: &[u8],
    max_edge: u32,
    max_bytes: usize,
) -> Result<((u32, u32), (Vec<u8>, jpeg_decoder::PixelFormat)), PhotoError> {
    if bytes.is_empty() {
        return Err(PhotoError::Empty);
    }
    if bytes.len() > max_bytes {
        return Err(PhotoError::TooBig {
            bytes: bytes.len(),
            max: max_bytes,
        });
    }
    if !bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        return Err(PhotoError::NotJpeg);
    }
    let header = jpeg_header(bytes)?;
    let (width, height) = (header.width, header.height);
    if width > max_edge || height > max_edge {
        return Err(PhotoError::TooLarge { width, height });
    }
    if header.has_app1 {
        return Err(PhotoError::Metadata);
    }
    // EXIF may sit after the frame header or between the scans of a progressive JPEG, where
    // the header reader above stops looking; bytes after the end-of-image marker are stored
    // but never shown; and a cut-short upload still shows in browsers (grey at the bottom)
    // and some decoders accept it. So walk the whole file before decoding it.
    check_every_segment(bytes)?;
    // A file cut short and given an end-of-image marker again decodes, grey from the cut
    // down: decode with the sentinel in the marker's place, which such a file runs into.
    // Fill bytes (0xFF) may precede the marker; inside entropy-coded data a 0xFF is always
    // followed by 0x00, so they are never picture data.
    let mut eoi = bytes.len() - 2;
    while eoi > 2 && bytes[eoi - 1] == 0xFF {
        eoi -= 1;
    }
    let padded = with_sentinel(&bytes[..eoi]);
    let mut decoder = jpeg_decoder::Decoder::new(padded.as_slice());
    let pixels = match decoder.decode() {
        Ok(pixels) => pixels,
        // Only what decodes as the file stands but not with the sentinel is cut short.
        Err(e) => match jpeg_decoder::Decoder::new(bytes).decode() {
            Ok(_) => {
                return Err(PhotoError::Incomplete {
                    detail: "JPEG picture data ends before its end-of-image marker",
                })
            }
            Err(_) => return Err(PhotoError::corrupt(e)),
        },
    };
    let info = decoder
        .info()
        .ok_or_else(|| PhotoError::corrupt("no frame"))?;
    let expected = width as usize * height as usize * info.pixel_format.pixel_bytes();
    if (u32::from(info.width), u32::from(info.height)) != (width, height)
        || pixels.len() != expected
    {
        return Err(PhotoError::corrupt(
            "decoded size does not match the header",
        ));
    }
    Ok(((width, height), (pixels, info.pixel_format)))
}

/// Walks every marker segment, through each scan's entropy-coded data, to the end-of-image
/// marker: refuses an APP1 (EXIF/XMP) anywhere, a file that stops before the marker, and
/// anything after it.
fn check_every_segment(bytes: &[u8]) -> Result<(), PhotoError> {
    let end = jpeg_segments::walk(bytes, |marker, _| match marker {
        0xE1 => Err(PhotoError::Metadata),
        _ => Ok(()),
    })?;
    match end {
        End::Eoi { trailing: 0 } => Ok(()),
        End::Eoi { .. } => Err(PhotoError::corrupt(
            "data after the JPEG's end-of-image marker",
        )),
        End::InScan => Err(PhotoError::Incomplete {
            detail: "JPEG upload has no end-of-image marker",
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::verify_jpeg;
    use crate::jpeg_segments::tiny_jpeg as jpeg;
    use crate::PhotoError;

    /// Offsets of every `0xFF marker` in the file's segment structure.
    fn marker_offsets(bytes: &[u8], marker: u8) -> Vec<usize> {
        (0..bytes.len() - 1)
            .filter(|&i| bytes[i] == 0xFF && bytes[i + 1] == marker)
            .collect()
    }

    fn insert_exif(bytes: &[u8], at: usize) -> Vec<u8> {
        let exif = b"Exif\0\0MM\0\x2a\0\0\0\x08\0\0\0\0\0\0";
        let mut out = bytes[..at].to_vec();
        out.extend_from_slice(&[0xFF, 0xE1, 0, exif.len() as u8 + 2]);
        out.extend_from_slice(exif);
        out.extend_from_slice(&bytes[at..]);
        out
    }

    #[test]
    fn exif_is_refused_wherever_it_sits() {
        for progressive in [false, true] {
            let plain = jpeg(progressive);
            assert_eq!(verify_jpeg(&plain, 1600, 1_000_000), Ok((48, 32)));
            let sof = marker_offsets(&plain, if progressive { 0xC2 } else { 0xC0 })[0];
            let scans = marker_offsets(&plain, 0xDA);
            // Before the frame header (the header reader sees it), just after it, and before
            // the last scan of a progressive JPEG (found by the fuzz test: both were accepted).
            let mut places = vec![2, sof, sof + 2 + usize::from(plain[sof + 3])];
            places.push(*scans.last().unwrap());
            for at in places {
                assert_eq!(
                    verify_jpeg(&insert_exif(&plain, at), 1600, 1_000_000),
                    Err(PhotoError::Metadata),
                    "progressive {progressive}, EXIF at {at}"
                );
            }
        }
    }

    #[test]
    fn fill_bytes_before_the_end_marker_are_not_a_cut() {
        let plain = jpeg(false);
        let mut filled = plain[..plain.len() - 2].to_vec();
        filled.extend_from_slice(&[0xFF, 0xFF, 0xFF, 0xD9]);
        assert_eq!(verify_jpeg(&filled, 1600, 1_000_000), Ok((48, 32)));
    }

    #[test]
    fn data_after_the_end_of_image_is_refused() {
        let plain = jpeg(false);
        let mut padded = plain.clone();
        padded.extend_from_slice(b"Exif GPS 0.0 0.0 \xFF\xD9");
        assert_eq!(
            verify_jpeg(&padded, 1600, 1_000_000).unwrap_err().code(),
            "corrupt"
        );
        let mut twice = plain.clone();
        twice.extend_from_slice(&plain);
        assert_eq!(
            verify_jpeg(&twice, 1600, 1_000_000).unwrap_err().code(),
            "corrupt"
        );
    }
}
