//! Shrinking to the catalogue's sizes. Lanczos3 keeps product photos (text on labels, woven
//! patterns) crisp where cheaper filters blur or alias; `fast_image_resize` has SIMD kernels for
//! wasm (simd128) as well as native, which is what makes Lanczos3 affordable in a phone browser.

use fast_image_resize::images::{Image, ImageRef};
use fast_image_resize::{FilterType, PixelType, ResizeAlg, ResizeOptions, Resizer};

use crate::pixels::Rgb;
use crate::PhotoError;

/// The size that fits `width × height` inside a `max_edge` square, keeping the aspect ratio.
/// Never larger than the input: enlarging only adds bytes, not detail.
pub fn fit(width: u32, height: u32, max_edge: u32) -> (u32, u32) {
    let long = width.max(height);
    if long <= max_edge || long == 0 {
        return (width, height);
    }
    let scale = |len: u32| {
        ((u64::from(len) * u64::from(max_edge) + u64::from(long) / 2) / u64::from(long)).max(1)
            as u32
    };
    (scale(width), scale(height))
}

/// Resamples `image` to exactly `width × height` (a no-op when it already is).
pub(crate) fn resize(image: Rgb, width: u32, height: u32) -> Result<Rgb, PhotoError> {
    if (image.width, image.height) == (width, height) {
        return Ok(image);
    }
    let internal = |e: &dyn std::fmt::Display| PhotoError::InvalidPixels {
        detail: e.to_string(),
    };
    let src = ImageRef::new(image.width, image.height, &image.data, PixelType::U8x3)
        .map_err(|e| internal(&e))?;
    let mut dst = Image::new(width, height, PixelType::U8x3);
    let options = ResizeOptions::new().resize_alg(ResizeAlg::Convolution(FilterType::Lanczos3));
    Resizer::new()
        .resize(&src, &mut dst, &options)
        .map_err(|e| internal(&e))?;
    Ok(Rgb::new(width, height, dst.into_vec()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fit_keeps_aspect_and_never_enlarges() {
        assert_eq!(fit(4032, 3024, 1600), (1600, 1200));
        assert_eq!(fit(3024, 4032, 1600), (1200, 1600));
        assert_eq!(fit(4608, 1976, 1600), (1600, 686));
        assert_eq!(fit(1600, 1200, 400), (400, 300));
        assert_eq!(fit(300, 200, 1600), (300, 200));
        assert_eq!(fit(10_000, 1, 400), (400, 1), "never zero");
    }

    #[test]
    fn resize_averages_instead_of_picking_pixels() {
        // Alternating black and white columns: nearest-neighbour would keep pure black or
        // white; a real filter gives mid grey.
        let (w, h) = (64, 8);
        let data = (0..w * h)
            .flat_map(|i| if i % 2 == 0 { [0u8; 3] } else { [255u8; 3] })
            .collect();
        let out = resize(Rgb::new(w, h, data), 16, 2).unwrap();
        assert!(
            out.data.iter().all(|&v| (100..=155).contains(&v)),
            "{out:?}"
        );
    }
}
