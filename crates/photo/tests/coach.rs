//! The photo coach on the shared fixtures (real phone photos) and on copies of them made
//! worse the way phones make them worse: underexposed, hazy or overexposed, shaken, sent
//! through a chat app at 600 px. Every copy must earn its hint, and every original none, so a
//! threshold moved too far either way fails here.
#![cfg(not(target_arch = "wasm32"))]

mod support;

use etalase_photo::{process, Options, PhotoHint, ProcessedPhoto};
use image::{DynamicImage, ImageFormat, RgbImage};
use support::{decode, expectation, fixture, fixture_names, Expect};

fn run(bytes: &[u8]) -> ProcessedPhoto {
    process(bytes, &Options::default(), &mut |_| {}).expect("fixture processes")
}

fn hints(bytes: &[u8]) -> Vec<PhotoHint> {
    run(bytes).coach.expect("the coach is on by default").hints
}

/// Every fixture the pipeline turns into a photo (not the HEIC, the licence, or the damaged
/// JPEG, whose grey missing rows are a fault of the file, not of the photographer).
fn usable_fixtures() -> Vec<String> {
    let names: Vec<String> = fixture_names()
        .into_iter()
        .filter(|n| matches!(expectation(n), Expect::Upright))
        .collect();
    assert!(names.len() >= 10, "{names:?}");
    names
}

fn jpeg(image: &RgbImage) -> Vec<u8> {
    let mut out = Vec::new();
    DynamicImage::ImageRgb8(image.clone())
        .write_to(&mut std::io::Cursor::new(&mut out), ImageFormat::Jpeg)
        .unwrap();
    out
}

/// The fixture upright at the catalogue's 1600 px: the base every bad copy starts from, so
/// the copies are still large enough not to be "too small".
fn upright(name: &str) -> RgbImage {
    decode(&run(&fixture(name)).large).to_rgb8()
}

fn map(image: &RgbImage, f: impl Fn(f32) -> f32) -> RgbImage {
    let mut out = image.clone();
    for v in out.iter_mut() {
        *v = f(f32::from(*v)).round().clamp(0.0, 255.0) as u8;
    }
    out
}

/// Runs `make` on every usable fixture's 1600 px upright copy and asserts the copy earns
/// exactly `expected`.
fn every_copy(what: &str, expected: &[PhotoHint], make: impl Fn(&RgbImage) -> RgbImage) {
    for name in usable_fixtures() {
        let copy = make(&upright(&name));
        let out = run(&jpeg(&copy));
        let coach = out.coach.unwrap();
        assert_eq!(coach.hints, expected, "{what} {name}: {:?}", coach.measures);
        assert!(!coach.is_good(), "{what} {name}");
    }
}

#[test]
fn originals_of_every_usable_fixture_earn_no_hint() {
    for name in usable_fixtures() {
        let coach = run(&fixture(&name)).coach.unwrap();
        assert_eq!(coach.hints, [], "{name}: {:?}", coach.measures);
        assert!(coach.is_good(), "{name}");
        // The margin, so a small change in the resizer cannot flip a verdict unnoticed.
        let m = coach.measures;
        assert!(
            m.laplacian_variance > 5.0 * etalase_photo::coach::BLURRY_LAPLACIAN_VARIANCE,
            "{name}: {m:?}"
        );
    }
}

#[test]
fn a_darkened_copy_is_too_dark() {
    // An indoor shot without a window: a quarter of the light.
    every_copy("dark", &[PhotoHint::TooDark], |img| map(img, |v| v * 0.25));
}

#[test]
fn a_hazy_copy_is_washed_out() {
    // Haze, a greasy lens or shooting into the sun: everything lifted towards white.
    every_copy("hazy", &[PhotoHint::WashedOut], |img| {
        map(img, |v| v * 0.4 + 150.0)
    });
}

#[test]
fn a_strongly_overexposed_phone_photo_is_washed_out() {
    // Doubled exposure. Only the phone photos: the orientation pictures hold large black
    // areas that even doubled stay dark, so they keep real shadows and are not milky.
    for name in [
        "phone-12mp-orient6.jpg",
        "phone-iphone6.jpg",
        "phone-nokia-4608x1976.jpg",
    ] {
        let copy = map(&upright(name), |v| v * 2.0 + 40.0);
        assert_eq!(hints(&jpeg(&copy)), [PhotoHint::WashedOut], "{name}");
    }
}

#[test]
fn a_blurred_copy_is_blurry() {
    // A shaken or misfocused shot: a Gaussian of σ = 8 px at 1600 px, 2 px at the 400 px
    // thumbnail the coach measures.
    every_copy("gaussian", &[PhotoHint::Blurry], |img| {
        image::imageops::blur(img, 8.0)
    });
    every_copy("box", &[PhotoHint::Blurry], |img| {
        image::imageops::fast_blur(img, 6.0)
    });
}

#[test]
fn a_600_px_copy_is_too_small_and_nothing_else() {
    // What a chat app sends on: sharp and well lit, only small.
    every_copy("600 px", &[PhotoHint::TooSmall], |img| {
        DynamicImage::ImageRgb8(img.clone())
            .resize(600, 600, image::imageops::FilterType::Lanczos3)
            .to_rgb8()
    });
}

#[test]
fn the_coach_can_be_turned_off_and_changes_nothing_else() {
    let bytes = fixture("phone-iphone6.jpg");
    let on = run(&bytes);
    let options = Options {
        coach: false,
        ..Options::default()
    };
    let off = process(&bytes, &options, &mut |_| {}).unwrap();
    assert_eq!(off.coach, None);
    assert!(on.coach.is_some());
    assert_eq!(
        (off.large, off.thumb, off.meta),
        (on.large, on.thumb, on.meta)
    );
}

/// The server's re-check of an upload gives the same verdict the worker gave the seller:
/// the facilitators' "good photos" share counts what the sellers were told.
#[test]
fn the_servers_upload_check_agrees_with_the_worker() {
    use etalase_photo::{coach, verify_and_measure};
    for name in usable_fixtures() {
        let original = run(&fixture(&name));
        let dark = run(&jpeg(&map(&upright(&name), |v| v * 0.25)));
        for (what, out) in [("original", original), ("dark", dark)] {
            let (size, measures) = verify_and_measure(&out.large, 1600, 1_000_000).unwrap();
            assert_eq!(size, (out.meta.width, out.meta.height), "{what} {name}");
            let measures = measures.expect("an RGB JPEG is measured");
            let worker = out.coach.unwrap();
            assert_eq!(
                coach::hints(&measures),
                worker.hints,
                "{what} {name}: {measures:?}"
            );
            assert_eq!(
                coach::good_photo(&measures),
                what == "original",
                "{what} {name}"
            );
        }
    }
}
