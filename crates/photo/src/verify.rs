//! The server's re-check of an upload. The browser worker makes the JPEGs, but the upload
//! endpoint is public, so the server checks the same promises again here, with the same code:
//! a real JPEG, within the size the catalogue shows, complete, and carrying no EXIF/XMP (which
//! is where GPS hides).

use crate::probe::jpeg_header;
use crate::PhotoError;

/// Checks an uploaded JPEG and returns its `(width, height)`.
///
/// `max_edge` bounds each side (the pipeline's 1600), `max_bytes` the file. Decodes the whole
/// image, so a truncated or damaged upload is refused rather than stored.
pub fn verify_jpeg(
    bytes: &[u8],
    max_edge: u32,
    max_bytes: usize,
) -> Result<(u32, u32), PhotoError> {
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
    // A cut-short upload still shows in browsers (grey at the bottom) and some decoders accept
    // it: require the end-of-image marker, then a full decode.
    if !bytes.ends_with(&[0xFF, 0xD9]) {
        return Err(PhotoError::corrupt(
            "JPEG does not end with an end-of-image marker",
        ));
    }
    let mut decoder = jpeg_decoder::Decoder::new(bytes);
    let pixels = decoder.decode().map_err(PhotoError::corrupt)?;
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
    Ok((width, height))
}
