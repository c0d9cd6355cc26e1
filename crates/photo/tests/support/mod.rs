//! Checks shared by the native tests (`fixtures.rs`, `bad_photos.rs`) and the browser tests
//! (`wasm_photo.rs`), so "a valid upright output or a typed error" means the same thing on both
//! sides. Target-agnostic: no file system, no clock (callers measure time and pass it in).
#![allow(dead_code)] // each test binary uses a different part

use etalase_photo::{fit, verify_jpeg, PhotoError, ProcessedPhoto, MAX_UPLOAD_BYTES};
use image::{DynamicImage, GenericImageView, ImageDecoder, ImageFormat};

/// Where the shared fixtures are, from this crate's directory (`crates/photo`): the project's
/// `../shared/fixtures/photos`. Paths in `include_bytes!` add one more `..` (they start at the
/// test file, in `tests/`).
pub const FIXTURE_DIR: &str = "../../../shared/fixtures/photos";

/// Error codes damaged input may produce. Anything else (`encode`, `invalid_pixels`, …) means
/// the pipeline let bad data through to a stage that should never see it: a bug.
pub const INPUT_ERRORS: [&str; 6] = [
    "corrupt",
    "incomplete",
    "unsupported",
    "empty",
    "too_large",
    "heic",
];

pub fn decode(jpeg: &[u8]) -> DynamicImage {
    image::load_from_memory_with_format(jpeg, ImageFormat::Jpeg).expect("output decodes")
}

/// A 32×32 grey thumbnail: small enough that JPEG noise and resampling differences vanish,
/// large enough that a turned or mirrored picture looks different.
pub fn signature(image: &DynamicImage) -> Vec<f32> {
    image
        .resize_exact(32, 32, image::imageops::FilterType::Triangle)
        .to_luma8()
        .pixels()
        .map(|p| f32::from(p.0[0]))
        .collect()
}

pub fn mean_abs_diff(a: &[f32], b: &[f32]) -> f32 {
    a.iter().zip(b).map(|(x, y)| (x - y).abs()).sum::<f32>() / a.len() as f32
}

/// Asserts `image` matches `upright` and clearly does not match any other turn or mirror of it,
/// so the check fails if orientation handling is wrong in any way.
pub fn assert_upright(image: &DynamicImage, upright: &DynamicImage, what: &str) {
    let sig = signature(image);
    let right = mean_abs_diff(&sig, &signature(upright));
    for o in 2..=8 {
        let mut wrong = upright.clone();
        wrong.apply_orientation(image::metadata::Orientation::from_exif(o).unwrap());
        let wrong = mean_abs_diff(&sig, &signature(&wrong));
        assert!(
            right * 3.0 < wrong,
            "{what}: difference to upright {right:.1} is not clearly below orientation {o}'s {wrong:.1}"
        );
    }
    assert!(right < 8.0, "{what}: differs from upright by {right:.1}");
}

/// No EXIF (where GPS lives) or XMP: the only segments before the image data are the ones an
/// encoder needs (JFIF APP0, tables, frame, scan), and none of them mentions GPS. Only the
/// header is searched for "GPS": compressed image data contains any 3 bytes by chance.
pub fn assert_no_metadata(jpeg: &[u8], what: &str) {
    assert!(
        jpeg.starts_with(&[0xFF, 0xD8]) && jpeg.ends_with(&[0xFF, 0xD9]),
        "{what}"
    );
    let has = |hay: &[u8], needle: &[u8]| hay.windows(needle.len()).any(|w| w == needle);
    assert!(!has(jpeg, b"Exif\0\0"), "{what}: EXIF left in the output");
    let mut pos = 2;
    loop {
        assert_eq!(jpeg[pos], 0xFF, "{what}: marker expected at {pos}");
        let marker = jpeg[pos + 1];
        let len = usize::from(u16::from_be_bytes([jpeg[pos + 2], jpeg[pos + 3]]));
        let segment = &jpeg[pos + 4..pos + 2 + len];
        assert!(
            matches!(marker, 0xE0 | 0xDB | 0xC0 | 0xC4 | 0xDA | 0xDD),
            "{what}: unexpected segment {marker:#04X}"
        );
        assert!(
            !has(segment, b"GPS"),
            "{what}: GPS in segment {marker:#04X}"
        );
        if marker == 0xDA {
            break;
        }
        pos += 2 + len;
    }
}

/// Every decoder must see the same picture: browsers (libjpeg-turbo), `image` (zune-jpeg, which
/// the server may use) and `jpeg-decoder`. Guards against encoder settings one of them
/// misreads.
pub fn assert_decoders_agree(jpeg: &[u8], what: &str) {
    let zune = decode(jpeg).to_rgb8().into_raw();
    let other = jpeg_decoder::Decoder::new(jpeg).decode().unwrap();
    assert_eq!(zune.len(), other.len(), "{what}");
    let diff = zune
        .iter()
        .zip(&other)
        .map(|(a, b)| f64::from(a.abs_diff(*b)))
        .sum::<f64>()
        / zune.len() as f64;
    assert!(
        diff < 2.0,
        "{what}: decoders differ by {diff:.1} on average"
    );
}

/// What the server's upload route accepts: the re-check, with the route's limits.
pub fn assert_server_accepts(out: &ProcessedPhoto, what: &str) {
    let m = out.meta;
    assert_eq!(
        verify_jpeg(&out.large, 1600, MAX_UPLOAD_BYTES),
        Ok((m.width, m.height)),
        "{what}: large"
    );
    assert_eq!(
        verify_jpeg(&out.thumb, 1600, MAX_UPLOAD_BYTES),
        Ok((m.thumb_width, m.thumb_height)),
        "{what}: thumb"
    );
}

/// Checks what every successful output must satisfy, whatever the input.
pub fn assert_output_rules(out: &ProcessedPhoto, what: &str) {
    let m = out.meta;
    assert!(
        m.width.max(m.height) <= 1600,
        "{what}: {}×{}",
        m.width,
        m.height
    );
    assert!(m.thumb_width.max(m.thumb_height) <= 400, "{what}: thumb");
    assert_eq!(
        decode(&out.large).dimensions(),
        (m.width, m.height),
        "{what}"
    );
    assert_eq!(
        decode(&out.thumb).dimensions(),
        (m.thumb_width, m.thumb_height),
        "{what}"
    );
    assert_no_metadata(&out.large, what);
    assert_no_metadata(&out.thumb, what);
    assert_decoders_agree(&out.large, what);
    // The server's re-check accepts exactly what the browser makes.
    assert_server_accepts(out, what);
}

/// The size a file shows at, read by the `image` crate (not by our probe): stored size with
/// its own reading of the EXIF orientation applied. `None` when it cannot read the header.
pub fn displayed_size(bytes: &[u8]) -> Option<(u32, u32)> {
    let reader = image::ImageReader::new(std::io::Cursor::new(bytes))
        .with_guessed_format()
        .ok()?;
    let mut decoder = reader.into_decoder().ok()?;
    let (w, h) = decoder.dimensions();
    use image::metadata::Orientation as O;
    let swaps = matches!(
        decoder.orientation().unwrap_or(O::NoTransforms),
        O::Rotate90 | O::Rotate270 | O::Rotate90FlipH | O::Rotate270FlipH
    );
    Some(if swaps { (h, w) } else { (w, h) })
}

/// What each shared fixture must give. Keyed on the name so that a new fixture is covered
/// without editing this: a new photo must come out valid and upright unless its name says
/// otherwise.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Expect {
    /// A valid output, the shape the file displays at (orientation applied).
    Upright,
    /// This typed error and nothing else.
    Error(&'static str),
    /// Damaged data: the typed error, or whatever could be decoded as a valid upright output.
    ErrorOrUpright(&'static str),
}

pub fn expectation(name: &str) -> Expect {
    let lower = name.to_ascii_lowercase();
    if lower.ends_with(".heic") || lower.ends_with(".heif") {
        Expect::Error("heic")
    } else if lower.starts_with("corrupt") {
        // `corrupted.jpg` today: a valid 1600×1200 photo, natively and in the browser
        // (`jpeg-decoder` decodes it, damage and all); the `corrupt`
        // error would be as good, a panic, a hang or another error would not.
        Expect::ErrorOrUpright("corrupt")
    } else if [".jpg", ".jpeg", ".png", ".webp"]
        .iter()
        .any(|ext| lower.ends_with(ext))
    {
        Expect::Upright
    } else {
        // Licences, notes: not pictures.
        Expect::Error("unsupported")
    }
}

/// For `orientation-portrait-6.jpg`, the fixture holding the same picture stored upright
/// (`orientation-portrait-1.jpg`); `None` for names without a `-<1..8>` orientation suffix.
pub fn upright_sibling(name: &str) -> Option<String> {
    let (stem, ext) = name.rsplit_once('.')?;
    let (base, n) = stem.rsplit_once('-')?;
    matches!(n, "2" | "3" | "4" | "5" | "6" | "7" | "8").then(|| format!("{base}-1.{ext}"))
}

/// Asserts that one fixture's result is what [`expectation`] says, and returns a short
/// outcome for the log ("ok 1600×1067" or the error code).
pub fn check_fixture(
    name: &str,
    bytes: &[u8],
    result: &Result<ProcessedPhoto, PhotoError>,
) -> String {
    let expect = expectation(name);
    match (result, expect) {
        (Ok(out), Expect::Upright | Expect::ErrorOrUpright(_)) => {
            assert_output_rules(out, name);
            let shown = displayed_size(bytes)
                .unwrap_or_else(|| panic!("{name}: decoded by us but not by `image`"));
            let m = out.meta;
            assert_eq!(
                (m.width, m.height),
                fit(shown.0, shown.1, 1600),
                "{name}: shown at {shown:?}, so the output must have that shape"
            );
            assert_eq!((m.source_width, m.source_height), shown, "{name}");
            format!("ok {}×{}", m.width, m.height)
        }
        (Err(e), Expect::Error(code) | Expect::ErrorOrUpright(code)) => {
            assert_eq!(e.code(), code, "{name}: {e}");
            format!("error {code}")
        }
        (Ok(out), Expect::Error(code)) => {
            panic!("{name}: expected the {code} error, got {:?}", out.meta)
        }
        (Err(e), Expect::Upright) => panic!("{name}: expected a photo, got {e:?}"),
    }
}

/// Where a photo still downloading from a chat app, or copied off a failing memory card, may
/// end: after this share (in percent) of its bytes.
pub const CUT_PERCENTS: [usize; 3] = [10, 50, 90];

/// For a whole JPEG fixture: cut at each of [`CUT_PERCENTS`] it is refused as `incomplete`;
/// whole, without its final end-of-image marker, and with bytes after that marker (what some
/// phones append) it gives the same photo. `run` is the pipeline as the caller runs it.
/// Returns the results' outcomes for the log.
pub fn check_cuts(
    name: &str,
    bytes: &[u8],
    run: &mut dyn FnMut(&[u8]) -> Result<ProcessedPhoto, PhotoError>,
) -> String {
    assert!(bytes.ends_with(&[0xFF, 0xD9]), "{name}: not a whole JPEG");
    for percent in CUT_PERCENTS {
        let cut = &bytes[..bytes.len() * percent / 100];
        match run(cut) {
            Err(e) => assert_eq!(e.code(), "incomplete", "{name} cut at {percent} %: {e}"),
            Ok(out) => panic!("{name} cut at {percent} %: accepted as {:?}", out.meta),
        }
    }
    let whole = run(bytes).unwrap_or_else(|e| panic!("{name}: {e}"));
    let reference = signature(&decode(&whole.large));
    let without_eoi = &bytes[..bytes.len() - 2];
    let mut trailing = bytes.to_vec();
    trailing.extend_from_slice(b"\0\0vendor trailer \xFF\xD8 after the image");
    for (what, variant) in [("without EOI", without_eoi), ("trailing bytes", &trailing)] {
        let out = run(variant).unwrap_or_else(|e| panic!("{name} {what}: {e}"));
        assert_output_rules(&out, name);
        assert_eq!(out.meta, whole.meta, "{name} {what}");
        let differs = mean_abs_diff(&signature(&decode(&out.large)), &reference);
        assert!(differs < 1.0, "{name} {what}: differs by {differs:.1}");
    }
    format!(
        "cuts incomplete, whole/without EOI/trailing {}×{}",
        whole.meta.width, whole.meta.height
    )
}

/// Median and maximum of durations in milliseconds.
pub fn median_max(ms: &mut [f64]) -> (f64, f64) {
    if ms.is_empty() {
        return (0.0, 0.0);
    }
    ms.sort_by(f64::total_cmp);
    (ms[ms.len() / 2], ms[ms.len() - 1])
}

/// The shared fixture folder, read natively. Missing fixtures fail the suite: a skipped photo
/// test would pass while proving nothing.
#[cfg(not(target_arch = "wasm32"))]
pub fn fixture_dir() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(FIXTURE_DIR)
}

#[cfg(not(target_arch = "wasm32"))]
pub fn fixture(name: &str) -> Vec<u8> {
    let path = fixture_dir().join(name);
    std::fs::read(&path).unwrap_or_else(|e| {
        panic!(
            "photo fixture {} is missing ({e}); the tests need the shared fixtures beside the project",
            path.display()
        )
    })
}

/// Every file in the shared fixture folder, sorted: a fixture added there is tested without
/// editing any test.
#[cfg(not(target_arch = "wasm32"))]
pub fn fixture_names() -> Vec<String> {
    let dir = fixture_dir();
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("photo fixtures {} are missing ({e})", dir.display()))
        .map(|entry| entry.expect("readable fixture folder"))
        .filter(|entry| entry.file_type().is_ok_and(|t| t.is_file()))
        .map(|entry| entry.file_name().into_string().expect("UTF-8 fixture name"))
        .collect();
    names.sort();
    assert!(!names.is_empty(), "no photo fixtures in {}", dir.display());
    names
}
