//! The pipeline on every photo in the shared fixtures (real phone files) and on files built
//! here to reach what the fixtures cannot: all eight orientations, headers that lie about their
//! size, transparency, and damaged bytes.
#![cfg(not(target_arch = "wasm32"))]

mod support;

use std::time::{Duration, Instant};

use etalase_photo::{
    process, process_rgba, verify_jpeg, Options, PhotoError, PhotoMeta, ProcessedPhoto, Stage,
};
use image::{DynamicImage, GenericImageView, ImageFormat, RgbImage};
use support::{
    assert_output_rules, assert_upright, check_cuts, check_fixture, decode, expectation, fixture,
    fixture_names, median_max, Expect,
};

fn run(bytes: &[u8]) -> Result<ProcessedPhoto, PhotoError> {
    process(bytes, &Options::default(), &mut |_| {})
}

#[test]
fn orientation_fixtures_come_out_upright() {
    for shape in ["landscape", "portrait"] {
        let reference = run(&fixture(&format!("orientation-{shape}-1.jpg"))).unwrap();
        let upright = decode(&reference.large);
        let (w, h) = (reference.meta.width, reference.meta.height);
        let expected = if shape == "landscape" {
            (1600, 1067)
        } else {
            (1067, 1600)
        };
        assert_eq!((w, h), expected, "{shape}");
        for n in [1, 3, 6, 8] {
            let what = format!("orientation-{shape}-{n}");
            let out = run(&fixture(&format!("{what}.jpg"))).unwrap();
            assert_output_rules(&out, &what);
            assert_eq!((out.meta.width, out.meta.height), (w, h), "{what}");
            assert_upright(&decode(&out.large), &upright, &what);
            assert_upright(
                &decode(&out.thumb),
                &decode(&reference.thumb),
                &format!("{what} thumb"),
            );
        }
    }
}

/// An APP1 segment holding a big-endian TIFF whose first IFD has only Orientation = `n`.
fn exif_app1(n: u16) -> Vec<u8> {
    let mut seg = b"Exif\0\0MM\0\x2a\0\0\0\x08\0\x01\x01\x12\0\x03\0\0\0\x01".to_vec();
    seg.extend_from_slice(&n.to_be_bytes());
    seg.extend_from_slice(&[0, 0, 0, 0, 0, 0]);
    let mut out = vec![0xFF, 0xE1];
    out.extend_from_slice(&(seg.len() as u16 + 2).to_be_bytes());
    out.extend_from_slice(&seg);
    out
}

/// A JPEG of `image` that says "orientation `n`" in its EXIF.
fn jpeg_with_orientation(image: &DynamicImage, n: u16) -> Vec<u8> {
    let mut plain = Vec::new();
    image
        .write_to(&mut std::io::Cursor::new(&mut plain), ImageFormat::Jpeg)
        .unwrap();
    let mut out = plain[..2].to_vec();
    out.extend_from_slice(&exif_app1(n));
    out.extend_from_slice(&plain[2..]);
    out
}

#[test]
fn all_eight_orientations_including_mirrored_come_out_upright() {
    // Cameras store the sensor's pixels and say how to show them; here, an upright picture is
    // turned by the inverse of orientation n and labelled n, like a camera would.
    let upright = decode(&run(&fixture("orientation-landscape-1.jpg")).unwrap().large);
    for n in 1..=8u8 {
        let inverse = match n {
            6 => 8,
            8 => 6,
            other => other, // flips, 180° and both diagonal mirrors undo themselves
        };
        let mut stored = upright.clone();
        stored.apply_orientation(image::metadata::Orientation::from_exif(inverse).unwrap());
        let bytes = jpeg_with_orientation(&stored, n.into());
        let out = run(&bytes).unwrap();
        let what = format!("synthetic orientation {n}");
        assert_output_rules(&out, &what);
        assert_eq!(
            (out.meta.width, out.meta.height),
            upright.dimensions(),
            "{what}"
        );
        assert_upright(&decode(&out.large), &upright, &what);
    }
}

#[test]
fn twelve_megapixel_portrait_phone_photo() {
    let mut stages = Vec::new();
    let out = process(
        &fixture("phone-12mp-orient6.jpg"),
        &Options::default(),
        &mut |s| stages.push(s),
    )
    .unwrap();
    assert_eq!(stages, Stage::ALL);
    assert_output_rules(&out, "phone-12mp-orient6");
    let m = out.meta;
    assert_eq!((m.width, m.height), (1200, 1600), "portrait, upright");
    assert_eq!((m.thumb_width, m.thumb_height), (300, 400));
    assert_eq!((m.source_width, m.source_height), (3024, 4032));
    // The phone-sized rendition: upright, 800 px on its long edge, a fraction of the large.
    let medium = decode(&out.medium);
    assert_eq!((medium.width(), medium.height()), (600, 800));
    assert!(
        out.medium.len() * 2 < out.large.len(),
        "medium {} vs large {}",
        out.medium.len(),
        out.large.len()
    );
    assert!(
        out.large.len() <= etalase_photo::LARGE_TARGET_BYTES,
        "large is {} bytes",
        out.large.len()
    );
    assert!(m.quality >= 50);
}

/// The benchmark's "no scaled decode" variant must do the same job the slow way: same sizes,
/// same upright picture.
#[test]
fn full_size_decode_gives_the_same_photo() {
    let bytes = fixture("phone-12mp-orient6.jpg");
    let scaled = run(&bytes).unwrap();
    let options = Options {
        scaled_decode: false,
        ..Options::default()
    };
    let full = process(&bytes, &options, &mut |_| {}).unwrap();
    assert_output_rules(&full, "phone-12mp-orient6, full decode");
    let sizes = |m: PhotoMeta| (m.width, m.height, m.thumb_width, m.thumb_height);
    assert_eq!(sizes(full.meta), sizes(scaled.meta));
    assert_upright(
        &decode(&full.large),
        &decode(&scaled.large),
        "full decode against scaled",
    );
}

#[test]
fn other_phone_photos() {
    for (name, size) in [
        ("phone-nokia-4608x1976.jpg", (1600, 686)),
        ("phone-iphone6.jpg", (1600, 1200)),
    ] {
        let out = run(&fixture(name)).unwrap();
        assert_output_rules(&out, name);
        assert_eq!((out.meta.width, out.meta.height), size, "{name}");
        assert!(
            out.large.len() <= etalase_photo::LARGE_TARGET_BYTES,
            "{name}: {} bytes",
            out.large.len()
        );
    }
}

#[test]
fn heic_is_named_so_the_seller_can_be_told_what_to_do() {
    let err = run(&fixture("phone-iphone13.heic")).unwrap_err();
    assert_eq!(err.code(), "heic");
}

#[test]
fn corrupted_jpeg_fails_cleanly_or_decodes_in_bounded_time() {
    let start = Instant::now();
    match run(&fixture("corrupted.jpg")) {
        Ok(out) => assert_output_rules(&out, "corrupted.jpg"),
        Err(e) => assert_eq!(e.code(), "corrupt", "{e}"),
    }
    assert!(
        start.elapsed() < Duration::from_secs(20),
        "{:?}",
        start.elapsed()
    );
}

#[test]
fn headers_claiming_huge_sizes_are_refused_before_decoding() {
    // SOI, SOF0 saying 20000×20000 with three components, EOI: 21 bytes promising 1.2 GB.
    let mut jpeg = vec![0xFF, 0xD8, 0xFF, 0xC0, 0, 17, 8];
    jpeg.extend_from_slice(&20_000u16.to_be_bytes());
    jpeg.extend_from_slice(&20_000u16.to_be_bytes());
    jpeg.extend_from_slice(&[3, 1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1, 0xFF, 0xD9]);
    let too_large = PhotoError::TooLarge {
        width: 20_000,
        height: 20_000,
    };
    assert_eq!(run(&jpeg).unwrap_err(), too_large);

    let mut png = b"\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR".to_vec();
    png.extend_from_slice(&20_000u32.to_be_bytes());
    png.extend_from_slice(&20_000u32.to_be_bytes());
    png.extend_from_slice(&[8, 2, 0, 0, 0, 0, 0, 0, 0]);
    assert_eq!(run(&png).unwrap_err(), too_large);

    // One very long side is refused even when the pixel count is modest.
    let mut strip = jpeg.clone();
    strip[7..9].copy_from_slice(&100u16.to_be_bytes());
    strip[9..11].copy_from_slice(&12_001u16.to_be_bytes());
    assert_eq!(run(&strip).unwrap_err().code(), "too_large");
}

fn pattern(width: u32, height: u32) -> RgbImage {
    RgbImage::from_fn(width, height, |x, y| {
        image::Rgb([
            (x * 255 / width) as u8,
            (y * 255 / height) as u8,
            ((x ^ y) & 0xFF) as u8,
        ])
    })
}

#[test]
fn small_images_are_not_enlarged() {
    let mut jpeg = Vec::new();
    DynamicImage::ImageRgb8(pattern(300, 200))
        .write_to(&mut std::io::Cursor::new(&mut jpeg), ImageFormat::Jpeg)
        .unwrap();
    let out = run(&jpeg).unwrap();
    assert_output_rules(&out, "300×200");
    let m = out.meta;
    assert_eq!(
        (m.width, m.height, m.thumb_width, m.thumb_height),
        (300, 200, 300, 200)
    );
}

#[test]
fn png_and_webp_go_through_the_fallback_decoder() {
    let image = DynamicImage::ImageRgb8(pattern(2000, 1000));
    for format in [ImageFormat::Png, ImageFormat::WebP] {
        let mut bytes = Vec::new();
        image
            .write_to(&mut std::io::Cursor::new(&mut bytes), format)
            .unwrap();
        let out = run(&bytes).unwrap();
        assert_output_rules(&out, &format!("{format:?}"));
        assert_eq!((out.meta.width, out.meta.height), (1600, 800));
        assert_eq!((out.meta.thumb_width, out.meta.thumb_height), (400, 200));
    }
}

/// Every whole JPEG in the shared folder, cut short as a download or a failing card cuts it:
/// refused as `incomplete`, never a grey photo; the same file without its end marker or with
/// a phone's trailing bytes gives the whole file's photo.
#[test]
fn shared_jpegs_cut_short_are_incomplete_and_whole_ones_pass() {
    let jpegs: Vec<_> = fixture_names()
        .into_iter()
        .filter(|n| n.ends_with(".jpg") && expectation(n) == Expect::Upright)
        .collect();
    assert!(jpegs.len() >= 11, "{jpegs:?}");
    for name in jpegs {
        let start = Instant::now();
        let outcome = check_cuts(&name, &fixture(&name), &mut |b: &[u8]| run(b));
        println!("{name}: {outcome} in {:?}", start.elapsed());
    }
}

/// What a decoder that cannot tell makes of a cut photo (the `image` crate's JPEG decoder
/// paints the missing rows grey), saved again as a whole file, as a gallery app or a
/// screenshot of a half-loaded chat photo would: the pipeline cannot refuse it, so the coach
/// says it looks cut off, whichever way up the file is stored.
#[test]
fn a_whole_file_of_a_cut_off_picture_earns_the_cut_off_hint() {
    let bytes = fixture("phone-iphone6.jpg");
    let painted =
        image::load_from_memory_with_format(&bytes[..bytes.len() * 3 / 5], ImageFormat::Jpeg)
            .expect("the image crate fills a cut JPEG without a word");
    for n in [1, 3, 6, 8] {
        let out = run(&jpeg_with_orientation(&painted, n)).unwrap();
        let coach = out.coach.unwrap();
        assert!(
            coach.hints.contains(&etalase_photo::PhotoHint::CutOff),
            "orientation {n}: {coach:?}"
        );
        assert!(
            coach.measures.flat_bottom > 0.3,
            "orientation {n}: {coach:?}"
        );
    }
    // The whole original earns no such hint, stored either way.
    let whole = decode(&bytes);
    for n in [1, 6] {
        let out = run(&jpeg_with_orientation(&whole, n)).unwrap();
        assert_eq!(
            out.coach.unwrap().measures.flat_bottom,
            0.0,
            "orientation {n}"
        );
    }
}

/// PNG and WebP that end early are refused the same way (the seller's fix is the same).
#[test]
fn png_and_webp_cut_short_are_incomplete() {
    let image = DynamicImage::ImageRgb8(pattern(1200, 900));
    for format in [ImageFormat::Png, ImageFormat::WebP] {
        let mut bytes = Vec::new();
        image
            .write_to(&mut std::io::Cursor::new(&mut bytes), format)
            .unwrap();
        assert!(run(&bytes).is_ok(), "{format:?} whole");
        for percent in support::CUT_PERCENTS {
            let err = run(&bytes[..bytes.len() * percent / 100]).unwrap_err();
            assert_eq!(
                err.code(),
                "incomplete",
                "{format:?} cut at {percent} %: {err}"
            );
        }
    }
}

#[test]
fn browser_decoded_pixels_are_shrunk_and_transparency_becomes_white() {
    let (w, h) = (2000, 1000);
    let rgba: Vec<u8> = (0..w * h).flat_map(|_| [0, 0, 0, 0]).collect();
    let out = process_rgba(w, h, rgba, &Options::default(), &mut |_| {}).unwrap();
    assert_output_rules(&out, "rgba");
    assert_eq!((out.meta.width, out.meta.height), (1600, 800));
    let px = decode(&out.large).to_rgb8();
    assert!(
        px.pixels().all(|p| p.0.iter().all(|&c| c >= 250)),
        "transparent → white"
    );

    let err = process_rgba(10, 10, vec![0; 399], &Options::default(), &mut |_| {}).unwrap_err();
    assert_eq!(err.code(), "invalid_pixels");
    let err = process_rgba(20_000, 20_000, Vec::new(), &Options::default(), &mut |_| {});
    assert_eq!(err.unwrap_err().code(), "too_large");
}

#[test]
fn server_recheck_refuses_what_the_pipeline_would_never_upload() {
    let out = run(&fixture("orientation-portrait-6.jpg")).unwrap();
    let large = &out.large;
    let (w, h) = (out.meta.width, out.meta.height);
    assert_eq!(verify_jpeg(large, 1600, 1_000_000), Ok((w, h)));
    assert_eq!(verify_jpeg(&[], 1600, 1_000_000), Err(PhotoError::Empty));
    assert_eq!(
        verify_jpeg(large, 1600, 1000),
        Err(PhotoError::TooBig {
            bytes: large.len(),
            max: 1000
        })
    );
    assert_eq!(
        verify_jpeg(large, 1000, 1_000_000),
        Err(PhotoError::TooLarge {
            width: w,
            height: h
        })
    );
    assert_eq!(
        verify_jpeg(b"\x89PNG\r\n\x1a\n", 1600, 1_000_000),
        Err(PhotoError::NotJpeg)
    );
    // A plain JPEG from another encoder (`image`, as the server's tests upload) passes the
    // whole-file walk; the same with EXIF, as a phone writes it, is refused.
    let mut plain = Vec::new();
    decode(&out.thumb)
        .write_to(&mut std::io::Cursor::new(&mut plain), ImageFormat::Jpeg)
        .unwrap();
    assert_eq!(
        verify_jpeg(&plain, 1600, 1_000_000),
        Ok((out.meta.thumb_width, out.meta.thumb_height))
    );
    // A phone's own JPEG carries EXIF (GPS): refused even when small enough.
    let with_exif = jpeg_with_orientation(&decode(&out.thumb), 1);
    assert_eq!(
        verify_jpeg(&with_exif, 1600, 1_000_000),
        Err(PhotoError::Metadata)
    );
    // Truncated uploads are refused, wherever the cut, and with their end marker put back.
    for cut in [large.len() / 2, large.len() - 1, large.len() - 100] {
        let err = verify_jpeg(&large[..cut], 1600, 1_000_000).unwrap_err();
        assert_eq!(err.code(), "incomplete", "cut at {cut}");
    }
    for cut in [large.len() / 10, large.len() / 2, large.len() * 9 / 10] {
        let mut crafted = large[..cut].to_vec();
        crafted.extend_from_slice(&[0xFF, 0xD9]);
        let err = verify_jpeg(&crafted, 1600, 1_000_000).unwrap_err();
        assert_eq!(err.code(), "incomplete", "cut at {cut}, end marker added");
    }
}

/// Longest one shared fixture may take natively (debug build, the photo crates optimised as
/// the workspace profile says; a 12 MP photo takes well under a second).
const FIXTURE_TIME_BOUND: Duration = Duration::from_secs(5);

/// Every file in the shared folder, found by `read_dir` so a new one is covered without editing
/// this: the browser's pipeline output, then the server's re-check of that output, as
/// [`support::expectation`] says (valid and upright, or the typed error).
#[test]
fn every_shared_fixture_gives_an_upright_photo_or_a_typed_error() {
    let names = fixture_names();
    let mut outputs = std::collections::HashMap::new();
    let mut times = Vec::new();
    for name in &names {
        let bytes = fixture(name);
        let start = Instant::now();
        let result = std::panic::catch_unwind(|| run(&bytes))
            .unwrap_or_else(|_| panic!("{name}: the pipeline panicked"));
        let elapsed = start.elapsed();
        let outcome = check_fixture(name, &bytes, &result);
        println!("{name}: {outcome} in {elapsed:.0?}");
        assert!(elapsed < FIXTURE_TIME_BOUND, "{name}: {elapsed:?}");
        times.push(elapsed.as_secs_f64() * 1000.0);
        if let Ok(out) = result {
            outputs.insert(name.clone(), decode(&out.large));
        }
    }
    // Pixel-level uprightness where the folder holds the same picture stored upright.
    for (name, image) in &outputs {
        if let Some(upright) = support::upright_sibling(name).and_then(|s| outputs.get(&s)) {
            assert_upright(image, upright, name);
        }
    }
    let (median, max) = median_max(&mut times);
    println!(
        "{} fixtures: median {median:.0} ms, max {max:.0} ms per file",
        names.len()
    );
}

/// The browser test compiles its fixtures in (`include_bytes!` needs literal paths, the browser
/// has no file system), so it lists them by hand; this fails when a fixture is added to the
/// shared folder but not to that list.
#[test]
fn the_browser_test_lists_every_shared_fixture() {
    let source = include_str!("wasm_photo.rs");
    let prefix = "shared/fixtures/photos/";
    let mut listed: Vec<&str> = source
        .match_indices(prefix)
        .filter_map(|(i, _)| source[i + prefix.len()..].split('"').next())
        .collect();
    listed.sort();
    listed.dedup();
    assert_eq!(
        listed,
        fixture_names(),
        "add each fixture to ALL_FIXTURES in tests/wasm_photo.rs"
    );
}
