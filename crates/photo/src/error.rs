//! One error type for the whole pipeline, so the browser worker and the server speak the same
//! codes. The UI translates [`PhotoError::code`], never the English `Display` text, which is
//! only for logs.

/// Why a photo was refused. Variants are coarse on purpose: each is something a seller can act
/// on (or, for `Corrupt`, at least be told plainly).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PhotoError {
    /// The file has no bytes (a cancelled pick, or a cloud file not yet downloaded).
    #[error("the file is empty")]
    Empty,
    /// HEIC/HEIF from an iPhone: neither our decoders nor most browsers read it, so the seller
    /// must be told how to get a JPEG (camera "Most Compatible", or share as JPEG).
    #[error("HEIC/HEIF photos are not supported")]
    Heic,
    /// Not a JPEG, PNG or WebP (a GIF, a PDF, a video…).
    #[error("unsupported image format")]
    UnsupportedFormat,
    /// The header promises more pixels than a phone camera makes; refused before decoding,
    /// since decoding it could exhaust the worker's memory (a decompression bomb).
    #[error("image is too large: {width}×{height} pixels")]
    TooLarge { width: u32, height: u32 },
    /// The file itself has more bytes than allowed.
    #[error("file is too big: {bytes} bytes (at most {max})")]
    TooBig { bytes: usize, max: usize },
    /// Damaged data that no decoder could read.
    #[error("the image data is damaged: {detail}")]
    Corrupt { detail: String },
    /// The file ends before all of its picture data: a photo still downloading from a chat
    /// app, or copied off a failing memory card. Decoders fill the missing part with grey and
    /// say nothing, so this is refused on purpose; the fix (open the original again) differs
    /// from a damaged file's, hence its own code.
    #[error("the image data ends early: {detail}")]
    Incomplete { detail: &'static str },
    /// The server expected one of our JPEGs and got something else.
    #[error("not a JPEG file")]
    NotJpeg,
    /// The server expected a stripped JPEG and found EXIF/XMP (which can carry GPS).
    #[error("the JPEG still carries EXIF/XMP metadata")]
    Metadata,
    /// Pixels handed to `process_rgba` do not match their stated size (a caller bug).
    #[error("pixel buffer does not match the size: {detail}")]
    InvalidPixels { detail: String },
    /// The encoder refused the image (a bug, not the seller's fault).
    #[error("could not encode the photo: {detail}")]
    Encode { detail: String },
}

impl PhotoError {
    /// Stable identifier for the UI's translation table and the server's API error code.
    /// Changing one breaks translations: add new codes instead.
    pub fn code(&self) -> &'static str {
        match self {
            PhotoError::Empty => "empty",
            PhotoError::Heic => "heic",
            PhotoError::UnsupportedFormat => "unsupported",
            PhotoError::TooLarge { .. } => "too_large",
            PhotoError::TooBig { .. } => "too_big",
            PhotoError::Corrupt { .. } => "corrupt",
            PhotoError::Incomplete { .. } => "incomplete",
            PhotoError::NotJpeg => "not_jpeg",
            PhotoError::Metadata => "metadata",
            PhotoError::InvalidPixels { .. } => "invalid_pixels",
            PhotoError::Encode { .. } => "encode",
        }
    }

    /// Every code [`PhotoError::code`] can return, so the UI can test that it translates all.
    pub const CODES: [&'static str; 11] = [
        "empty",
        "heic",
        "unsupported",
        "too_large",
        "too_big",
        "corrupt",
        "incomplete",
        "not_jpeg",
        "metadata",
        "invalid_pixels",
        "encode",
    ];

    #[cfg(feature = "codec")]
    pub(crate) fn corrupt(detail: impl std::fmt::Display) -> Self {
        PhotoError::Corrupt {
            detail: detail.to_string(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::PhotoError;

    #[test]
    fn every_variant_has_a_listed_code() {
        let all = [
            PhotoError::Empty,
            PhotoError::Heic,
            PhotoError::UnsupportedFormat,
            PhotoError::TooLarge {
                width: 1,
                height: 1,
            },
            PhotoError::TooBig { bytes: 2, max: 1 },
            PhotoError::corrupt("x"),
            PhotoError::Incomplete { detail: "x" },
            PhotoError::NotJpeg,
            PhotoError::Metadata,
            PhotoError::InvalidPixels { detail: "x".into() },
            PhotoError::Encode { detail: "x".into() },
        ];
        let codes: Vec<_> = all.iter().map(PhotoError::code).collect();
        assert_eq!(codes, PhotoError::CODES);
    }
}
