//! The whole job, in the order that keeps memory lowest: check headers, decode as small as
//! possible, shrink, then turn upright (turning 2 MP is cheaper than turning 12), thumbnail from
//! the large image (not from the source: it is already close, and already upright), encode.

use crate::coach::{self, Coaching};
use crate::decode::decode;
use crate::encode::{encode, encode_within};
use crate::pixels::Rgb;
use crate::probe::probe;
use crate::resize::{fit, resize};
use crate::{Options, Orientation, PhotoError, PhotoMeta, ProcessedPhoto, Stage};

/// Makes the catalogue's large image and thumbnail from a JPEG, PNG or WebP file.
///
/// `on_stage` is called as each [`Stage`] starts. Fails with [`PhotoError::Heic`] or
/// [`PhotoError::UnsupportedFormat`] for files the browser may still decode (then use
/// [`process_rgba`]), and never panics on damaged input.
pub fn process(
    bytes: &[u8],
    options: &Options,
    on_stage: &mut dyn FnMut(Stage),
) -> Result<ProcessedPhoto, PhotoError> {
    if bytes.len() > options.max_input_bytes {
        return Err(PhotoError::TooBig {
            bytes: bytes.len(),
            max: options.max_input_bytes,
        });
    }
    on_stage(Stage::Decode);
    let header = probe(bytes)?;
    check_size(header.width, header.height, options)?;
    // Without the scaled decode, no reduced scale is ever large enough: full size it is.
    let min_long_edge = if options.scaled_decode {
        options.max_edge
    } else {
        u32::MAX
    };
    let decoded = decode(bytes, &header, min_long_edge, options.max_pixels)?;
    let (source_width, source_height) = decoded
        .orientation
        .display_size(header.width, header.height);
    finish(
        decoded.image,
        decoded.orientation,
        (header.width, header.height),
        (source_width, source_height),
        options,
        on_stage,
    )
}

/// Same as [`process`] for pixels the browser decoded (HEIC and other formats our decoders do
/// not read): `rgba` is `width × height` unpremultiplied RGBA, already upright. Transparent
/// areas become white.
pub fn process_rgba(
    width: u32,
    height: u32,
    rgba: Vec<u8>,
    options: &Options,
    on_stage: &mut dyn FnMut(Stage),
) -> Result<ProcessedPhoto, PhotoError> {
    if width == 0 || height == 0 {
        return Err(PhotoError::Empty);
    }
    check_size(width, height, options)?;
    let expected = width as usize * height as usize * 4;
    if rgba.len() != expected {
        return Err(PhotoError::InvalidPixels {
            detail: format!(
                "{width}×{height} RGBA needs {expected} bytes, got {}",
                rgba.len()
            ),
        });
    }
    let image = Rgb::from_rgba_on_white(width, height, rgba);
    finish(
        image,
        Orientation::Normal,
        (width, height),
        (width, height),
        options,
        on_stage,
    )
}

/// The decompression-bomb check: from header numbers only.
fn check_size(width: u32, height: u32, options: &Options) -> Result<(), PhotoError> {
    let pixels = u64::from(width) * u64::from(height);
    if width > options.max_side || height > options.max_side || pixels > options.max_pixels {
        return Err(PhotoError::TooLarge { width, height });
    }
    Ok(())
}

/// Resize, orient, thumbnail, encode. `stored` is the source's size as stored (the decoded
/// `image` may be a DCT-scaled version of it); `source` the same as displayed.
fn finish(
    image: Rgb,
    orientation: Orientation,
    stored: (u32, u32),
    source: (u32, u32),
    options: &Options,
    on_stage: &mut dyn FnMut(Stage),
) -> Result<ProcessedPhoto, PhotoError> {
    on_stage(Stage::Resize);
    // The target comes from the source's exact size, not the scaled decode's rounded one.
    let (w, h) = fit(stored.0, stored.1, options.max_edge);
    // Never enlarge, even when the decoder rounded down.
    let (w, h) = (w.min(image.width), h.min(image.height));
    let resized = resize(image, w, h)?;
    // Along the bottom as the file stores it (a cut file's missing rows are at the bottom
    // there, whichever edge that becomes once upright).
    let flat_bottom = coach::flat_bottom_share(&resized.data, resized.width, resized.height);
    let large = orientation.apply(resized);
    let (tw, th) = fit(large.width, large.height, options.thumb_edge);
    let thumb = resize(large.clone(), tw, th)?;
    let (mw, mh) = fit(large.width, large.height, options.medium_edge);
    let (mw, mh) = (mw.min(large.width), mh.min(large.height));
    let medium = resize(large.clone(), mw, mh)?;

    on_stage(Stage::Encode);
    let (large_jpeg, quality) = encode_within(
        &large,
        options.quality,
        options.min_quality,
        options.target_bytes,
    )?;
    let thumb_jpeg = encode(&thumb, options.thumb_quality)?;
    let medium_jpeg = encode(&medium, options.medium_quality)?;
    // The thumbnail already exists and is ≈ 120,000 pixels: the coach costs two passes over it.
    let coach = options.coach.then(|| {
        Coaching::new(coach::PhotoMeasures {
            flat_bottom,
            ..coach::measure(
                &thumb.data,
                thumb.width,
                thumb.height,
                source.0.max(source.1),
            )
        })
    });
    Ok(ProcessedPhoto {
        large: large_jpeg,
        medium: medium_jpeg,
        thumb: thumb_jpeg,
        meta: PhotoMeta {
            width: large.width,
            height: large.height,
            thumb_width: thumb.width,
            thumb_height: thumb.height,
            source_width: source.0,
            source_height: source.1,
            quality,
        },
        coach,
    })
}
