//! The photo coach: a few numbers about a processed photo, and the hints they justify.
//!
//! Sellers learn product photography on cheap phones; the coach tells them, while the photo is
//! still in the worker, when a retake would clearly help: too dark, washed out, blurry, too
//! small, or cut off at the bottom. It never refuses a photo: the hints are advice shown
//! beside an upload that goes on.
//!
//! [`measure`] reads the thumbnail the pipeline makes anyway (≤ 400 px, so ≈ 120,000 pixels:
//! one pass for the luminance histogram, one for the Laplacian), plus the original's long
//! edge. [`hints`] turns the numbers into [`PhotoHint`]s with the thresholds below; a photo
//! with no hint [`PhotoMeasures::is_good`]. Pure and codec-free: the app, which compiles this
//! crate without `codec`, gets the same types and rules as the worker and the server.

use serde::{Deserialize, Serialize};

/// Luma at or below this counts as a clipped shadow: on 8-bit BT.601 luma, 16 is video black,
/// below which a phone's JPEG holds sensor noise rather than detail.
pub const SHADOW_CLIP_LUMA: u8 = 16;
/// Luma at or above this counts as a clipped highlight: past 245 a phone's tone curve has
/// flattened, so fabric texture or a label's print is gone.
pub const HIGHLIGHT_CLIP_LUMA: u8 = 245;
/// Share of pixels the [`PhotoMeasures::black_point`] leaves below it (2 %): low enough to find
/// the photo's darkest real tones, high enough that a few dead pixels or a dark speck do not.
pub const BLACK_POINT_SHARE: f32 = 0.02;

/// Below this mean luma a photo reads as too dark. A well-lit phone product photo averages
/// 90–170; an indoor shot without a window sits near 60; under 50 the product's colour is
/// no longer recognisable on a phone screen in daylight.
pub const TOO_DARK_MEAN_LUMA: f32 = 50.0;
/// More than this share of clipped shadows is too dark whatever the mean (a product lost in
/// a dark room beside a bright window): a third of the frame without detail.
pub const TOO_DARK_SHADOW_SHARE: f32 = 0.33;
/// Above this mean luma a photo may be washed out (see [`WASHED_OUT_BLACK_POINT`]): a
/// product on a white cloth averages 170–200 and is fine, so the mean alone cannot decide.
pub const WASHED_OUT_MEAN_LUMA: f32 = 175.0;
/// ...and it is washed out when even its darkest 2 % are lighter than this: no real dark tone
/// left, the milky look of haze, a smeared lens, direct sun or overexposure. A product on a
/// white background keeps its shadows and print well below 90 (the shared fixtures: 7–58).
/// The share of clipped highlights alone cannot decide: a product on a white sheet, the
/// catalogue's favourite look, has most of its frame at pure white.
pub const WASHED_OUT_BLACK_POINT: u8 = 90;
/// Below this variance of the Laplacian (on the ≤ 400 px thumbnail's luma) a photo is
/// blurry. The shared fixtures measure 570–2150 at that size; copies blurred by σ = 8 px at
/// 1600 px (2 px at the thumbnail: what a buyer sees as soft on the product page) measure
/// 5–20. Downscaling hides slight blur, which the 1600 px image also hides, so 60 sits well
/// below the sharp photos and flags only blur a buyer would notice.
pub const BLURRY_LAPLACIAN_VARIANCE: f32 = 60.0;
/// Below this standard deviation of luma the photo has too little structure to judge
/// sharpness at all (a plain wall, a sheet of paper, a flat grey test card): no edges is not
/// evidence of blur, so no Blurry hint.
pub const MIN_CONTRAST_FOR_BLUR: f32 = 12.0;
/// Originals with a shorter long edge are too small: the catalogue's large image is 1600 px
/// and buyers zoom on it; 800 px is half of that, the least that still looks crisp on a phone
/// held close. Today's phone cameras give 3000–4000 px, so this means a screenshot or a
/// photo resent through a chat app.
pub const TOO_SMALL_LONG_EDGE: u32 = 800;

/// At least this share of the picture's height, along its bottom edge, in one flat colour
/// reads as cut off: what a decoder paints where a file's data stopped (the pipeline refuses
/// the files it can tell are cut short; this catches one a decoder could not tell). A tenth of
/// the height: a real surface in one exact colour that tall does not occur in a photo, since
/// sensor noise and JPEG blocks vary every row, while a file cut at 90 % leaves that much.
pub const CUT_OFF_FLAT_SHARE: f32 = 0.10;
/// How far a pixel may stray from its row's first pixel, per channel, and still be "flat":
/// the resize rounds a flat area to within one or two levels.
const FLAT_TOLERANCE: u8 = 2;

/// The coach's numbers for one photo. Luma is BT.601, 0–255; shares are 0–1.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PhotoMeasures {
    /// Mean luma.
    pub mean_luma: f32,
    /// Standard deviation of luma: the photo's overall contrast.
    pub contrast: f32,
    /// Share of pixels at or below [`SHADOW_CLIP_LUMA`].
    pub shadow_share: f32,
    /// Share of pixels at or above [`HIGHLIGHT_CLIP_LUMA`].
    pub highlight_share: f32,
    /// The luma below which [`BLACK_POINT_SHARE`] of the pixels lie: the darkest real tone.
    pub black_point: u8,
    /// Variance of the 4-neighbour Laplacian of luma, on the measured (small) image.
    pub laplacian_variance: f32,
    /// Long edge of the original in pixels, as picked (before the pipeline shrinks it).
    pub long_edge: u32,
    /// Share of the height, from the bottom edge as the file stores it, that is one flat
    /// colour, neither clipped white nor black (see [`flat_bottom_share`]). Absent from
    /// measures made before it existed, hence the default.
    #[serde(default)]
    pub flat_bottom: f32,
}

/// One thing a retake would improve. The wire names are snake_case (`"too_dark"`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PhotoHint {
    /// The bottom of the picture is one flat colour: the file was probably cut short.
    CutOff,
    TooDark,
    WashedOut,
    Blurry,
    TooSmall,
}

impl PhotoHint {
    pub const ALL: [PhotoHint; 5] = [
        PhotoHint::CutOff,
        PhotoHint::TooDark,
        PhotoHint::WashedOut,
        PhotoHint::Blurry,
        PhotoHint::TooSmall,
    ];
}

/// The measures and their hints, as the worker reports them with a processed photo.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Coaching {
    pub measures: PhotoMeasures,
    pub hints: Vec<PhotoHint>,
}

impl Coaching {
    pub fn new(measures: PhotoMeasures) -> Self {
        Coaching {
            hints: hints(&measures),
            measures,
        }
    }

    /// The same measures for an original of another size (the browser decoded it and the
    /// pipeline only saw a shrunk copy), with the hints recomputed.
    pub fn with_long_edge(self, long_edge: u32) -> Self {
        Coaching::new(PhotoMeasures {
            long_edge,
            ..self.measures
        })
    }

    /// No hint: what a facilitator counts as "a good photo".
    pub fn is_good(&self) -> bool {
        self.hints.is_empty()
    }
}

impl PhotoMeasures {
    /// No hint: what a facilitator counts as "a good photo".
    pub fn is_good(&self) -> bool {
        hints(self).is_empty()
    }
}

/// Measures `width × height` packed 8-bit RGB (the pipeline passes its thumbnail);
/// `long_edge` is the original's. Data shorter than `width × height × 3` is measured as far
/// as it goes.
pub fn measure(rgb: &[u8], width: u32, height: u32, long_edge: u32) -> PhotoMeasures {
    let (w, h) = (width as usize, height as usize);
    let luma: Vec<u8> = rgb.chunks_exact(3).take(w * h).map(luma_of).collect();
    let h = luma.len().checked_div(w).unwrap_or(0);
    let luma = &luma[..w * h];
    let n = luma.len();
    if n == 0 {
        return PhotoMeasures {
            mean_luma: 0.0,
            contrast: 0.0,
            shadow_share: 0.0,
            highlight_share: 0.0,
            black_point: 0,
            laplacian_variance: 0.0,
            long_edge,
            flat_bottom: 0.0,
        };
    }

    let mut histogram = [0u32; 256];
    for &y in luma {
        histogram[usize::from(y)] += 1;
    }
    let (mut sum, mut sum_sq) = (0f64, 0f64);
    for (v, &count) in histogram.iter().enumerate() {
        let (v, count) = (v as f64, f64::from(count));
        sum += v * count;
        sum_sq += v * v * count;
    }
    let mean = sum / n as f64;
    let variance = (sum_sq / n as f64 - mean * mean).max(0.0);
    let share = |range: std::ops::RangeInclusive<usize>| {
        histogram[range].iter().map(|&c| c as usize).sum::<usize>() as f32 / n as f32
    };
    let black_target = (BLACK_POINT_SHARE * n as f32).ceil().max(1.0) as u32;
    let mut seen = 0u32;
    let black_point = histogram
        .iter()
        .position(|&c| {
            seen += c;
            seen >= black_target
        })
        .unwrap_or(0) as u8;

    PhotoMeasures {
        mean_luma: mean as f32,
        contrast: variance.sqrt() as f32,
        shadow_share: share(0..=usize::from(SHADOW_CLIP_LUMA)),
        highlight_share: share(usize::from(HIGHLIGHT_CLIP_LUMA)..=255),
        black_point,
        laplacian_variance: laplacian_variance(luma, w, h),
        long_edge,
        flat_bottom: flat_bottom_share(rgb, width, height),
    }
}

/// BT.601 luma of one RGB pixel, in 8-bit fixed point.
fn luma_of(p: &[u8]) -> u8 {
    let y = 77 * u32::from(p[0]) + 150 * u32::from(p[1]) + 29 * u32::from(p[2]);
    ((y + 128) >> 8) as u8
}

/// The share of `rgb`'s height (`width × height` packed 8-bit RGB), counted up from the
/// bottom row, whose rows are each one flat colour and all the bottom row's colour. A clipped
/// white or black band (a product on a white sheet, a shadow) counts as 0: flat for a reason;
/// so does a picture flat from top to bottom, which has no picture to be cut off from.
/// Stops at the first row that is not flat, so a normal photo costs one row.
pub fn flat_bottom_share(rgb: &[u8], width: u32, height: u32) -> f32 {
    let w = width as usize * 3;
    let rows = rgb.len().checked_div(w).unwrap_or(0).min(height as usize);
    if rows == 0 {
        return 0.0;
    }
    let close = |a: &[u8], b: &[u8]| {
        a.iter()
            .zip(b)
            .all(|(x, y)| x.abs_diff(*y) <= FLAT_TOLERANCE)
    };
    let bottom = &rgb[(rows - 1) * w..rows * w];
    let colour = &bottom[..3];
    let luma = luma_of(colour);
    if luma <= SHADOW_CLIP_LUMA || luma >= HIGHLIGHT_CLIP_LUMA {
        return 0.0;
    }
    let flat_rows = rgb[..rows * w]
        .rchunks_exact(w)
        .take_while(|row| row.chunks_exact(3).all(|p| close(p, colour)))
        .count();
    if flat_rows == rows {
        // A flat picture throughout (a wall, a test card) has nothing cut off.
        return 0.0;
    }
    flat_rows as f32 / rows as f32
}

/// The hints `m` justifies, most important first; empty for a good photo.
///
/// Blurry is only judged on a photo that is neither too dark nor washed out: in those, the
/// edges are faint for lack of light, and "hold the phone still" would be the wrong lesson;
/// the retake with light is then judged for sharpness.
pub fn hints(m: &PhotoMeasures) -> Vec<PhotoHint> {
    let mut out = Vec::new();
    if m.flat_bottom >= CUT_OFF_FLAT_SHARE {
        out.push(PhotoHint::CutOff);
    }
    let too_dark = m.mean_luma < TOO_DARK_MEAN_LUMA || m.shadow_share > TOO_DARK_SHADOW_SHARE;
    let washed_out =
        !too_dark && m.mean_luma > WASHED_OUT_MEAN_LUMA && m.black_point > WASHED_OUT_BLACK_POINT;
    if too_dark {
        out.push(PhotoHint::TooDark);
    }
    if washed_out {
        out.push(PhotoHint::WashedOut);
    }
    if !too_dark
        && !washed_out
        && m.contrast >= MIN_CONTRAST_FOR_BLUR
        && m.laplacian_variance < BLURRY_LAPLACIAN_VARIANCE
    {
        out.push(PhotoHint::Blurry);
    }
    if m.long_edge < TOO_SMALL_LONG_EDGE {
        out.push(PhotoHint::TooSmall);
    }
    out
}

/// Same as [`PhotoMeasures::is_good`]: the photo earns no hint.
pub fn good_photo(m: &PhotoMeasures) -> bool {
    m.is_good()
}

/// Variance of `4·centre − up − down − left − right` over the interior pixels (0 for images
/// under 3 px a side, which have no interior).
fn laplacian_variance(luma: &[u8], w: usize, h: usize) -> f32 {
    if w < 3 || h < 3 {
        return 0.0;
    }
    let (mut sum, mut sum_sq) = (0i64, 0i64);
    for y in 1..h - 1 {
        let (up, row, down) = (
            &luma[(y - 1) * w..y * w],
            &luma[y * w..(y + 1) * w],
            &luma[(y + 1) * w..(y + 2) * w],
        );
        for x in 1..w - 1 {
            let l = 4 * i32::from(row[x])
                - i32::from(up[x])
                - i32::from(down[x])
                - i32::from(row[x - 1])
                - i32::from(row[x + 1]);
            sum += i64::from(l);
            sum_sq += i64::from(l * l);
        }
    }
    let n = ((w - 2) * (h - 2)) as f64;
    let mean = sum as f64 / n;
    (sum_sq as f64 / n - mean * mean).max(0.0) as f32
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `w × h` grey RGB from a luma function.
    fn grey(w: u32, h: u32, f: impl Fn(u32, u32) -> u8) -> Vec<u8> {
        (0..h)
            .flat_map(|y| (0..w).map(move |x| (x, y)))
            .flat_map(|(x, y)| [f(x, y); 3])
            .collect()
    }

    fn checkerboard(cell: u32) -> impl Fn(u32, u32) -> u8 {
        move |x, y| {
            if (x / cell + y / cell).is_multiple_of(2) {
                40
            } else {
                210
            }
        }
    }

    /// A 3-tap box blur of luma, `passes` times, horizontally and vertically.
    fn box_blur(data: &[u8], w: u32, h: u32, passes: usize) -> Vec<u8> {
        let (w, h) = (w as usize, h as usize);
        let mut luma: Vec<u8> = data.chunks(3).map(|p| p[0]).collect();
        for _ in 0..passes {
            let at = |l: &[u8], x: usize, y: usize| u32::from(l[y * w + x]);
            let mut next = luma.clone();
            for y in 0..h {
                for x in 1..w - 1 {
                    next[y * w + x] =
                        ((at(&luma, x - 1, y) + at(&luma, x, y) + at(&luma, x + 1, y)) / 3) as u8;
                }
            }
            luma = next.clone();
            for y in 1..h - 1 {
                for x in 0..w {
                    next[y * w + x] =
                        ((at(&luma, x, y - 1) + at(&luma, x, y) + at(&luma, x, y + 1)) / 3) as u8;
                }
            }
            luma = next;
        }
        luma.iter().flat_map(|&v| [v; 3]).collect()
    }

    #[test]
    fn histogram_measures_on_known_images() {
        // Half black, half white: mean 127.5, half clipped each way, black point 0.
        let m = measure(
            &grey(100, 40, |x, _| if x < 50 { 0 } else { 255 }),
            100,
            40,
            4000,
        );
        assert!((m.mean_luma - 127.5).abs() < 0.01, "{m:?}");
        assert!((m.contrast - 127.5).abs() < 0.01, "{m:?}");
        assert_eq!(
            (m.shadow_share, m.highlight_share, m.black_point),
            (0.5, 0.5, 0)
        );
        // Pure colours go through BT.601 weights: green is brighter than red than blue.
        let colour = |rgb: [u8; 3]| measure(&rgb.repeat(16), 4, 4, 4000).mean_luma;
        assert!(colour([0, 255, 0]) > colour([255, 0, 0]));
        assert!(colour([255, 0, 0]) > colour([0, 0, 255]));
        assert_eq!(colour([255, 255, 255]), 255.0);
    }

    #[test]
    fn flat_grey_is_not_called_blurry() {
        // Decided: no edges is no evidence of blur, so a flat card gets no Blurry hint.
        let m = measure(&grey(400, 300, |_, _| 128), 400, 300, 3000);
        assert_eq!(m.laplacian_variance, 0.0);
        assert!(m.contrast < MIN_CONTRAST_FOR_BLUR);
        assert_eq!(hints(&m), vec![]);
        assert!(m.is_good());
    }

    #[test]
    fn sharp_checkerboard_passes_and_its_blurred_copy_is_blurry() {
        let (w, h) = (400, 300);
        let sharp = grey(w, h, checkerboard(20));
        let m_sharp = measure(&sharp, w, h, 3000);
        assert!(
            m_sharp.laplacian_variance > 10.0 * BLURRY_LAPLACIAN_VARIANCE,
            "{m_sharp:?}"
        );
        assert_eq!(hints(&m_sharp), vec![]);
        let blurred = box_blur(&sharp, w, h, 12);
        let m_blurred = measure(&blurred, w, h, 3000);
        assert!(m_blurred.contrast >= MIN_CONTRAST_FOR_BLUR, "{m_blurred:?}");
        assert_eq!(hints(&m_blurred), vec![PhotoHint::Blurry], "{m_blurred:?}");
        assert!(!m_blurred.is_good());
    }

    #[test]
    fn product_on_a_white_card_is_not_washed_out() {
        // A dark product filling a third of a white background: bright, half clipped
        // highlights, but with real shadows. The catalogue's favourite look, not a fault.
        let (w, h) = (400, 300);
        let photo = grey(w, h, |x, y| {
            let inside = (130..270).contains(&x) && (60..240).contains(&y);
            match (inside, (x / 6 + y / 6) % 2) {
                (true, 0) => 60,
                (true, _) => 110,
                (false, _) => 250,
            }
        });
        let m = measure(&photo, w, h, 3000);
        assert!(m.mean_luma > WASHED_OUT_MEAN_LUMA, "{m:?}");
        assert!(m.highlight_share > 0.5, "{m:?}");
        assert_eq!(hints(&m), vec![], "{m:?}");
        // The same scene through haze (everything lifted towards white) is washed out.
        let hazy: Vec<u8> = photo
            .iter()
            .map(|&v| 150 + (u32::from(v) * 2 / 5) as u8)
            .collect();
        assert_eq!(
            hints(&measure(&hazy, w, h, 3000)),
            vec![PhotoHint::WashedOut]
        );
    }

    #[test]
    fn each_threshold_decides_its_hint() {
        let good = PhotoMeasures {
            mean_luma: 120.0,
            contrast: 50.0,
            shadow_share: 0.02,
            highlight_share: 0.05,
            black_point: 20,
            laplacian_variance: 500.0,
            long_edge: 3000,
            flat_bottom: 0.0,
        };
        assert!(good.is_good() && good_photo(&good));
        let with = |f: &dyn Fn(&mut PhotoMeasures)| {
            let mut m = good;
            f(&mut m);
            hints(&m)
        };
        assert_eq!(
            with(&|m| m.mean_luma = TOO_DARK_MEAN_LUMA - 1.0),
            [PhotoHint::TooDark]
        );
        assert_eq!(with(&|m| m.mean_luma = TOO_DARK_MEAN_LUMA + 1.0), []);
        assert_eq!(with(&|m| m.shadow_share = 0.5), [PhotoHint::TooDark]);
        assert_eq!(
            with(&|m| m.highlight_share = 0.8),
            [],
            "a white background is no fault"
        );
        assert_eq!(
            with(&|m| {
                m.mean_luma = 200.0;
                m.black_point = 120;
            }),
            [PhotoHint::WashedOut]
        );
        assert_eq!(
            with(&|m| m.mean_luma = 200.0),
            [],
            "bright with real shadows"
        );
        assert_eq!(with(&|m| m.laplacian_variance = 10.0), [PhotoHint::Blurry]);
        assert_eq!(
            with(&|m| {
                m.laplacian_variance = 10.0;
                m.mean_luma = 30.0;
            }),
            [PhotoHint::TooDark],
            "darkness is the lesson, not blur"
        );
        assert_eq!(with(&|m| m.long_edge = 799), [PhotoHint::TooSmall]);
        assert_eq!(with(&|m| m.long_edge = 800), []);
        assert_eq!(
            with(&|m| m.flat_bottom = CUT_OFF_FLAT_SHARE),
            [PhotoHint::CutOff]
        );
        assert_eq!(with(&|m| m.flat_bottom = CUT_OFF_FLAT_SHARE - 0.01), []);
    }

    #[test]
    fn a_grey_band_along_the_bottom_is_cut_off_and_a_white_sheet_is_not() {
        let (w, h) = (400, 300);
        // A sharp picture whose last 60 rows (a fifth) are the decoders' grey fill.
        let cut = grey(w, h, |x, y| {
            if y >= 240 {
                128
            } else {
                checkerboard(20)(x, y)
            }
        });
        let m = measure(&cut, w, h, 3000);
        assert!((m.flat_bottom - 0.2).abs() < 0.01, "{m:?}");
        assert_eq!(hints(&m), [PhotoHint::CutOff]);
        // Rows that vary, however little past the resize's rounding, are a picture.
        let noisy = grey(w, h, |x, y| {
            if y >= 240 {
                128 + (x % 4) as u8 * 2
            } else {
                40
            }
        });
        assert_eq!(flat_bottom_share(&noisy, w, h), 0.0);
        // A product standing on a white sheet: flat, but clipped white, so no hint.
        let sheet = grey(w, h, |x, y| {
            if y >= 200 {
                255
            } else {
                checkerboard(20)(x, y)
            }
        });
        assert_eq!(flat_bottom_share(&sheet, w, h), 0.0);
        assert_eq!(hints(&measure(&sheet, w, h, 3000)), []);
        // The fill's colour need not be grey: a decoder repeats the last block it read.
        let brown = |x: u32, y: u32| {
            if y >= 270 {
                [120, 80, 40]
            } else {
                [(x % 256) as u8, 90, 30]
            }
        };
        let rgb: Vec<u8> = (0..h)
            .flat_map(|y| (0..w).flat_map(move |x| brown(x, y)))
            .collect();
        assert!((flat_bottom_share(&rgb, w, h) - 0.1).abs() < 0.01);
    }

    #[test]
    fn coaching_follows_a_new_long_edge() {
        let m = measure(&grey(400, 300, checkerboard(8)), 400, 300, 600);
        let coaching = Coaching::new(m);
        assert_eq!(coaching.hints, [PhotoHint::TooSmall]);
        let bigger = coaching.with_long_edge(4032);
        assert!(bigger.is_good(), "{bigger:?}");
        assert_eq!(bigger.measures.long_edge, 4032);
    }

    #[test]
    fn wire_names() {
        let json = serde_json::to_value(PhotoHint::ALL).unwrap();
        assert_eq!(
            json,
            serde_json::json!(["cut_off", "too_dark", "washed_out", "blurry", "too_small"])
        );
    }

    #[test]
    fn empty_and_tiny_images_do_not_panic() {
        let m = measure(&[], 0, 0, 0);
        assert_eq!(m.laplacian_variance, 0.0);
        let m = measure(&[1, 2, 3, 4, 5, 6], 2, 1, 2);
        assert_eq!(m.laplacian_variance, 0.0);
        // Short data is measured as far as it goes.
        let m = measure(&[9; 10], 2, 2, 2);
        assert_eq!(m.mean_luma, 9.0);
    }
}
