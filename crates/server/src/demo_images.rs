//! Illustrative product pictures for the demo catalog, drawn by the project (no borrowed
//! photos): a lit backdrop in the category's colour, a product "mound" on a woven mat, and
//! per-product variation from the id's hash. They are JPEGs at the real photo sizes (400 px
//! and 1600 px wide, 4:3) so the demo exercises the same paths real uploads do.

use etalase_model::{demo_photo_color, Category};
use image::{codecs::jpeg::JpegEncoder, ExtendedColorType, ImageEncoder};

/// Where the drawn demo pictures are kept under the data directory.
pub fn photos_dir(data_dir: &std::path::Path) -> std::path::PathBuf {
    data_dir.join("media").join("demo")
}

/// The sizes the catalog links to.
pub const WIDTHS: [u32; 3] = [400, 800, 1600];

/// Draws and encodes the picture for one product at `width` px (height is 3/4 of it).
pub fn render_jpeg(product_id: &str, category: Category, width: u32) -> Vec<u8> {
    let height = width * 3 / 4;
    let seed = fnv1a(product_id.as_bytes());
    let [r, g, b] = demo_photo_color(category);
    let base = [f32::from(r), f32::from(g), f32::from(b)];
    let (w, h) = (width as f32, height as f32);
    // Light comes from a corner picked by the seed; the mound sits slightly off-centre.
    let light = (w * (0.2 + 0.6 * unit(seed, 0)), h * 0.1);
    let mound = (
        w * (0.42 + 0.16 * unit(seed, 8)),
        h * 0.58,
        w * (0.26 + 0.06 * unit(seed, 16)),
    );
    let mat_top = h * 0.72;
    let stripe = w / 22.0;

    let mut pixels = Vec::with_capacity((width * height * 3) as usize);
    for y in 0..height {
        for x in 0..width {
            let (fx, fy) = (x as f32, y as f32);
            let d = ((fx - light.0).powi(2) + (fy - light.1).powi(2)).sqrt() / w;
            let mut shade = 1.25 - 0.6 * d;
            let mut colour = base;
            if fy > mat_top {
                // Woven mat: alternating diagonal bands in warm straw tones.
                let band = (((fx + fy) / stripe) as i32 + ((fx - fy) / stripe) as i32) & 1;
                colour = if band == 0 {
                    [214.0, 184.0, 132.0]
                } else {
                    [186.0, 150.0, 98.0]
                };
                shade = 1.05 - 0.35 * (fy - mat_top) / (h - mat_top);
            }
            let (dx, dy) = ((fx - mound.0) / mound.2, (fy - mound.1) / (mound.2 * 0.62));
            let r2 = dx * dx + dy * dy;
            if r2 < 1.0 {
                // The product: the category colour, brighter, lit from the top.
                colour = base.map(|c| (c * 1.18 + 18.0).min(255.0));
                shade = 0.8 + 0.45 * (1.0 - r2).sqrt() - 0.25 * dy.max(0.0);
                // Speckles for texture (crackers, sugar crystals, coffee beans…).
                if hash2(seed, x / 5, y / 5).is_multiple_of(11) {
                    shade *= 0.82;
                }
            } else if r2 < 1.35 && fy > mound.1 {
                shade *= 0.7 + 0.3 * (r2 - 1.0) / 0.35; // contact shadow
            }
            pixels.extend(colour.map(|c| (c * shade).clamp(0.0, 255.0) as u8));
        }
    }
    let mut out = Vec::new();
    JpegEncoder::new_with_quality(&mut out, 80)
        .write_image(&pixels, width, height, ExtendedColorType::Rgb8)
        .expect("encoding an in-memory RGB buffer");
    out
}

fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(*b)).wrapping_mul(0x100_0000_01b3)
    })
}

fn unit(seed: u64, shift: u32) -> f32 {
    ((seed >> shift) & 0xff) as f32 / 255.0
}

fn hash2(seed: u64, x: u32, y: u32) -> u64 {
    fnv1a(
        &[
            seed.to_le_bytes().as_slice(),
            &x.to_le_bytes(),
            &y.to_le_bytes(),
        ]
        .concat(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_real_jpegs_at_both_sizes_that_differ_per_product() {
        let a = render_jpeg("kerupuk-a", Category::Kerupuk, 400);
        let b = render_jpeg("kerupuk-b", Category::Kerupuk, 400);
        assert_ne!(a, b);
        let img = image::load_from_memory_with_format(&a, image::ImageFormat::Jpeg).unwrap();
        assert_eq!((img.width(), img.height()), (400, 300));
        assert!(a.len() < 60_000, "thumb is {} bytes", a.len());
    }
}
