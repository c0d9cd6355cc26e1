//! The SSIM that `examples/ssim_report.rs` scores the in-browser bench's outputs with, on cases
//! whose answer is known.
#![cfg(not(target_arch = "wasm32"))]

#[path = "../examples/support/ssim.rs"]
mod ssim;

use ssim::ssim;

/// A smooth picture with some detail: diagonal gradient plus a checker pattern.
fn picture(w: usize, h: usize) -> Vec<u8> {
    (0..w * h)
        .map(|i| {
            let (x, y) = (i % w, i / w);
            let checker = if (x / 4 + y / 4) % 2 == 0 { 30 } else { 0 };
            ((x + y) * 200 / (w + h)) as u8 + checker
        })
        .collect()
}

/// Deterministic noise of amplitude ±`amount` (a small LCG; no dependency).
fn noisy(image: &[u8], amount: i32, seed: u64) -> Vec<u8> {
    let mut state = seed;
    image
        .iter()
        .map(|&v| {
            state = state
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            let r = ((state >> 33) % (2 * amount as u64 + 1)) as i32 - amount;
            (i32::from(v) + r).clamp(0, 255) as u8
        })
        .collect()
}

#[test]
fn identical_images_score_one() {
    let a = picture(64, 48);
    assert!((ssim(&a, &a, 64, 48) - 1.0).abs() < 1e-12);
}

#[test]
fn flat_images_score_by_luminance_alone() {
    // No variance anywhere: SSIM = (2·μx·μy + C1) / (μx² + μy² + C1).
    let (a, b) = (vec![100u8; 32 * 32], vec![110u8; 32 * 32]);
    let c1 = (0.01f64 * 255.0).powi(2);
    let expected = (2.0 * 100.0 * 110.0 + c1) / (100.0f64.powi(2) + 110.0f64.powi(2) + c1);
    assert!((ssim(&a, &b, 32, 32) - expected).abs() < 1e-9);
}

#[test]
fn more_noise_scores_lower_and_order_does_not_matter() {
    let (w, h) = (96, 64);
    let a = picture(w, h);
    let light = noisy(&a, 4, 1);
    let heavy = noisy(&a, 40, 1);
    let s_light = ssim(&a, &light, w, h);
    let s_heavy = ssim(&a, &heavy, w, h);
    assert!(s_light < 1.0 && s_light > 0.8, "light noise: {s_light}");
    assert!(
        s_heavy < s_light - 0.2,
        "heavy {s_heavy} vs light {s_light}"
    );
    assert!(
        (ssim(&light, &a, w, h) - s_light).abs() < 1e-12,
        "symmetric"
    );
}

#[test]
fn a_shifted_picture_scores_low() {
    // The same picture moved by 2 px (what a wrong crop or orientation looks like locally).
    let (w, h) = (96, 64);
    let a = picture(w, h);
    let shifted: Vec<u8> = (0..w * h).map(|i| a[i - i % w + (i % w + 2) % w]).collect();
    assert!(ssim(&a, &shifted, w, h) < 0.8);
}
