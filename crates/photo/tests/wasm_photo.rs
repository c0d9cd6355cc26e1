//! The pipeline compiled to wasm (with simd128, as the worker ships) and run in headless
//! Chromium: same answers as natively, and the time and memory a seller's browser spends on a
//! 12 MP photo. Run with `cargo test --target wasm32-unknown-unknown -p etalase-photo`
//! (add `-- --nocapture` to see the figures).
#![cfg(target_arch = "wasm32")]

mod support;

use etalase_photo::{process, Options, ProcessedPhoto, Stage};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

// Compiled in: the browser has no file system. A missing `shared/` fails the build, loudly.
// Every file of the shared folder, by hand (`include_bytes!` needs literal paths); the native
// test `the_browser_test_lists_every_shared_fixture` fails when one is missing here.
const ALL_FIXTURES: [(&str, &[u8]); 14] = [
    (
        "LICENSE-exif-orientation-examples.txt",
        include_bytes!("../../../../shared/fixtures/photos/LICENSE-exif-orientation-examples.txt"),
    ),
    (
        "corrupted.jpg",
        include_bytes!("../../../../shared/fixtures/photos/corrupted.jpg"),
    ),
    (
        "orientation-landscape-1.jpg",
        include_bytes!("../../../../shared/fixtures/photos/orientation-landscape-1.jpg"),
    ),
    (
        "orientation-landscape-3.jpg",
        include_bytes!("../../../../shared/fixtures/photos/orientation-landscape-3.jpg"),
    ),
    (
        "orientation-landscape-6.jpg",
        include_bytes!("../../../../shared/fixtures/photos/orientation-landscape-6.jpg"),
    ),
    (
        "orientation-landscape-8.jpg",
        include_bytes!("../../../../shared/fixtures/photos/orientation-landscape-8.jpg"),
    ),
    (
        "orientation-portrait-1.jpg",
        include_bytes!("../../../../shared/fixtures/photos/orientation-portrait-1.jpg"),
    ),
    (
        "orientation-portrait-3.jpg",
        include_bytes!("../../../../shared/fixtures/photos/orientation-portrait-3.jpg"),
    ),
    (
        "orientation-portrait-6.jpg",
        include_bytes!("../../../../shared/fixtures/photos/orientation-portrait-6.jpg"),
    ),
    (
        "orientation-portrait-8.jpg",
        include_bytes!("../../../../shared/fixtures/photos/orientation-portrait-8.jpg"),
    ),
    (
        "phone-12mp-orient6.jpg",
        include_bytes!("../../../../shared/fixtures/photos/phone-12mp-orient6.jpg"),
    ),
    (
        "phone-iphone13.heic",
        include_bytes!("../../../../shared/fixtures/photos/phone-iphone13.heic"),
    ),
    (
        "phone-iphone6.jpg",
        include_bytes!("../../../../shared/fixtures/photos/phone-iphone6.jpg"),
    ),
    (
        "phone-nokia-4608x1976.jpg",
        include_bytes!("../../../../shared/fixtures/photos/phone-nokia-4608x1976.jpg"),
    ),
];

fn fixture(name: &str) -> &'static [u8] {
    ALL_FIXTURES
        .iter()
        .find(|(n, _)| *n == name)
        .unwrap_or_else(|| panic!("{name} is not in ALL_FIXTURES"))
        .1
}

fn now() -> f64 {
    web_sys::window()
        .expect("browser")
        .performance()
        .expect("performance")
        .now()
}

/// The wasm memory's size: it only ever grows, so after a run this is the peak.
fn memory_mb() -> f64 {
    let memory = wasm_bindgen::memory();
    let buffer = js_sys::Reflect::get(&memory, &"buffer".into()).unwrap();
    let bytes = js_sys::Reflect::get(&buffer, &"byteLength".into()).unwrap();
    bytes.as_f64().unwrap() / 1e6
}

fn run(bytes: &[u8]) -> ProcessedPhoto {
    process(bytes, &Options::default(), &mut |_| {}).expect("processes")
}

fn signature(jpeg: &[u8]) -> Vec<f32> {
    image::load_from_memory(jpeg)
        .unwrap()
        .resize_exact(16, 16, image::imageops::FilterType::Triangle)
        .to_luma8()
        .pixels()
        .map(|p| f32::from(p.0[0]))
        .collect()
}

fn diff(a: &[f32], b: &[f32]) -> f32 {
    a.iter().zip(b).map(|(x, y)| (x - y).abs()).sum::<f32>() / a.len() as f32
}

#[wasm_bindgen_test]
fn orientation_6_is_turned_upright_in_the_browser() {
    let upright = run(fixture("orientation-landscape-1.jpg"));
    let turned = run(fixture("orientation-landscape-6.jpg"));
    assert_eq!((turned.meta.width, turned.meta.height), (1600, 1067));
    let want = signature(&upright.large);
    let got = signature(&turned.large);
    // The same picture upside down must be much further away than the turned one.
    let mut flipped = image::load_from_memory(&upright.large).unwrap();
    flipped.apply_orientation(image::metadata::Orientation::Rotate180);
    let mut jpeg = Vec::new();
    flipped
        .write_to(
            &mut std::io::Cursor::new(&mut jpeg),
            image::ImageFormat::Jpeg,
        )
        .unwrap();
    let right = diff(&got, &want);
    let wrong = diff(&signature(&jpeg), &want);
    assert!(
        right * 3.0 < wrong,
        "upright {right:.1} vs upside down {wrong:.1}"
    );
}

#[wasm_bindgen_test]
fn twelve_megapixel_photo_in_the_browser() {
    let mut times = Vec::new();
    let mut stage_ms = [0.0f64; 3];
    let mut out = None;
    for _ in 0..3 {
        let start = now();
        let mut last = (0usize, start);
        let result = process(
            fixture("phone-12mp-orient6.jpg"),
            &Options::default(),
            &mut |s: Stage| {
                let t = now();
                if s != Stage::Decode {
                    stage_ms[last.0] += t - last.1;
                }
                last = (s as usize, t);
            },
        )
        .expect("processes");
        let end = now();
        stage_ms[last.0] += end - last.1;
        times.push(end - start);
        out = Some(result);
    }
    let out = out.unwrap();
    assert_eq!((out.meta.width, out.meta.height), (1200, 1600));
    assert_eq!((out.meta.thumb_width, out.meta.thumb_height), (300, 400));
    assert!(
        out.large.len() <= etalase_photo::LARGE_TARGET_BYTES,
        "{} bytes",
        out.large.len()
    );
    times.sort_by(f64::total_cmp);
    let total: f64 = stage_ms.iter().sum();
    console_log!(
        "BENCH wasm photo 12 MP: median {:.0} ms (min {:.0}); decode/resize/encode {:.0}/{:.0}/{:.0} %; large {} KB q{}, thumb {} KB; wasm memory {:.0} MB",
        times[1],
        times[0],
        100.0 * stage_ms[0] / total,
        100.0 * stage_ms[1] / total,
        100.0 * stage_ms[2] / total,
        out.large.len() / 1000,
        out.meta.quality,
        out.thumb.len() / 1000,
        memory_mb()
    );
}

/// The cut-off photo in the browser, as the worker runs it: every whole JPEG fixture cut at
/// 10, 50 and 90 % is refused as `incomplete`; without its end marker or with trailing bytes
/// it gives the whole file's photo (the checks are the native test's, `support::check_cuts`).
#[wasm_bindgen_test]
fn shared_jpegs_cut_short_are_incomplete_in_the_browser() {
    let mut checked = 0;
    for (name, bytes) in ALL_FIXTURES {
        if !name.ends_with(".jpg") || support::expectation(name) != support::Expect::Upright {
            continue;
        }
        let start = now();
        let outcome = support::check_cuts(name, bytes, &mut |b: &[u8]| {
            process(b, &Options::default(), &mut |_| {})
        });
        console_log!("{name}: {outcome} in {:.0} ms", now() - start);
        checked += 1;
    }
    assert!(checked >= 11, "{checked} JPEG fixtures");
}

/// Longest one shared fixture may take in the browser (debug build with the photo crates
/// optimised, as the workspace profile says; a 12 MP photo takes about a second).
const FIXTURE_BOUND_MS: f64 = 20_000.0;

/// Every shared fixture through the pipeline as the worker runs it (wasm, simd128), then the
/// server's re-check of its output: a valid upright photo or the typed error the native test
/// expects of that file, within a time bound, without a panic (a panic fails the test).
#[wasm_bindgen_test]
fn every_shared_fixture_in_the_browser() {
    let mut outputs = Vec::new();
    let mut times = Vec::new();
    for (name, bytes) in ALL_FIXTURES {
        let start = now();
        let result = process(bytes, &Options::default(), &mut |_| {});
        let ms = now() - start;
        let outcome = support::check_fixture(name, bytes, &result);
        console_log!("{name}: {outcome} in {ms:.0} ms");
        assert!(ms < FIXTURE_BOUND_MS, "{name}: {ms:.0} ms");
        times.push(ms);
        if let Ok(out) = result {
            outputs.push((name, support::decode(&out.large)));
        }
    }
    for (name, image) in &outputs {
        let sibling = support::upright_sibling(name);
        if let Some((_, upright)) = outputs.iter().find(|(n, _)| Some(n.to_string()) == sibling) {
            support::assert_upright(image, upright, name);
        }
    }
    let (median, max) = support::median_max(&mut times);
    console_log!(
        "{} fixtures in the browser: median {median:.0} ms, max {max:.0} ms per file",
        ALL_FIXTURES.len()
    );
}
