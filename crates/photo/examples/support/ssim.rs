//! SSIM (Wang, Bovik, Sheikh and Simoncelli, 2004) on 8-bit luma, as the paper and most tools
//! compute it: an 11×11 Gaussian window (σ = 1.5), K1 = 0.01, K2 = 0.03, L = 255, and the mean
//! of the SSIM map over every window position that fits inside the image (no padding).
//! 1.0 means identical; a JPEG at quality 80 of a photo typically scores 0.95–0.99.
//!
//! Written here rather than taken from `image-compare` 0.5: that crate averages over 8×8
//! blocks and sums (not averages) the (co)variances inside each block, which weakens the
//! stabilising constant C2 64-fold and makes its scores incomparable with published ones.
//! Shared by `examples/ssim_report.rs` and its tests in `tests/ssim.rs`.

const RADIUS: usize = 5;
const SIGMA: f64 = 1.5;
const C1: f64 = (0.01 * 255.0) * (0.01 * 255.0);
const C2: f64 = (0.03 * 255.0) * (0.03 * 255.0);

/// Mean SSIM of two `width × height` luma images (row-major, one byte per pixel).
///
/// Panics if a buffer's length does not match, or if a side is shorter than the window.
pub fn ssim(a: &[u8], b: &[u8], width: usize, height: usize) -> f64 {
    assert_eq!(a.len(), width * height, "first image's length");
    assert_eq!(b.len(), width * height, "second image's length");
    let window = 2 * RADIUS + 1;
    assert!(
        width >= window && height >= window,
        "SSIM needs at least {window}×{window} pixels"
    );
    let kernel = gaussian();
    let x = |i: usize| f64::from(a[i]);
    let y = |i: usize| f64::from(b[i]);
    let blur = |f: &dyn Fn(usize) -> f64| blur_valid(f, width, height, &kernel);
    let mu_x = blur(&x);
    let mu_y = blur(&y);
    let xx = blur(&|i| x(i) * x(i));
    let yy = blur(&|i| y(i) * y(i));
    let xy = blur(&|i| x(i) * y(i));
    let n = mu_x.len();
    let sum: f64 = (0..n)
        .map(|i| {
            let (mx, my) = (mu_x[i], mu_y[i]);
            let var_x = xx[i] - mx * mx;
            let var_y = yy[i] - my * my;
            let cov = xy[i] - mx * my;
            ((2.0 * mx * my + C1) * (2.0 * cov + C2))
                / ((mx * mx + my * my + C1) * (var_x + var_y + C2))
        })
        .sum();
    sum / n as f64
}

/// The normalised 1-D Gaussian of the window.
fn gaussian() -> Vec<f64> {
    let weights: Vec<f64> = (0..=2 * RADIUS)
        .map(|i| {
            let d = i as f64 - RADIUS as f64;
            (-d * d / (2.0 * SIGMA * SIGMA)).exp()
        })
        .collect();
    let total: f64 = weights.iter().sum();
    weights.iter().map(|w| w / total).collect()
}

/// `f` (a value per pixel index) filtered by the separable window, only where the whole window
/// fits: `(width − 10) × (height − 10)` values.
fn blur_valid(f: &dyn Fn(usize) -> f64, width: usize, height: usize, kernel: &[f64]) -> Vec<f64> {
    let k = kernel.len();
    let (out_w, out_h) = (width - k + 1, height - k + 1);
    // Horizontal pass over every row.
    let mut rows = vec![0.0; out_w * height];
    let mut line = vec![0.0; width];
    for row in 0..height {
        for (col, v) in line.iter_mut().enumerate() {
            *v = f(row * width + col);
        }
        for col in 0..out_w {
            rows[row * out_w + col] = kernel
                .iter()
                .zip(&line[col..col + k])
                .map(|(w, v)| w * v)
                .sum();
        }
    }
    // Vertical pass.
    let mut out = vec![0.0; out_w * out_h];
    for row in 0..out_h {
        for (tap, w) in kernel.iter().enumerate() {
            let src = &rows[(row + tap) * out_w..(row + tap + 1) * out_w];
            for (o, v) in out[row * out_w..(row + 1) * out_w].iter_mut().zip(src) {
                *o += w * v;
            }
        }
    }
    out
}
