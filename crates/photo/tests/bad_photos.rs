//! Bad photos: real fixture files damaged the ways files get damaged (bit flips, cut-off
//! uploads, inserted or lost bytes, broken markers and segment lengths, headers claiming huge
//! sizes, nonsense EXIF) and fed to `probe`, `process` and `verify_jpeg`. Each case must end,
//! quickly, in a valid upright output or a typed [`PhotoError`], never a panic or a hang.
//!
//! A seeded generator (no fuzzing framework): the same cases every run, so CI is repeatable and
//! a failure names its case. For longer local runs set `PHOTO_FUZZ_CASES` (and
//! `PHOTO_FUZZ_SEED` for other cases), e.g.
//! `PHOTO_FUZZ_CASES=20000 PHOTO_FUZZ_SEED=7 cargo test -p etalase-photo --test bad_photos -- --nocapture`
//! (a debug build: it keeps overflow checks, which turn silent wrap-arounds into findings, and
//! the workspace profile optimises the codecs anyway). A failing input is saved to the temp
//! directory under the case's number.
#![cfg(not(target_arch = "wasm32"))]

mod support;

use std::sync::mpsc;
use std::time::{Duration, Instant};

use etalase_photo::{probe, process, verify_jpeg, Options, PhotoError, ProcessedPhoto};
use image::{DynamicImage, ImageFormat};
use support::{assert_output_rules, fixture, median_max, INPUT_ERRORS};

/// Cases per CI run: about 35 s in a debug build on two shared cores.
const CASES: usize = 2000;
const SEED: u64 = 0x5EED_E7A1_A5E0_D35A;
/// Longest one case may take (debug build). Measured maximum is printed by each run.
const CASE_BOUND: Duration = Duration::from_secs(2);
/// A case still running after this is reported as a hang.
const HANG: Duration = Duration::from_secs(30);

fn run(bytes: &[u8]) -> Result<ProcessedPhoto, PhotoError> {
    process(bytes, &Options::default(), &mut |_| {})
}

/// Everything one input must satisfy; returns the pipeline's answer ("ok" or the error code)
/// and the time the crate's own calls took (probe, process, verify_jpeg: what a seller or the
/// server waits for, without this test's checks of the output). Runs on a worker thread; a
/// panic fails the case.
fn check(bytes: &[u8]) -> (Duration, String) {
    let start = Instant::now();
    // The header reader alone answers, whatever it is given.
    let probed = probe(bytes);
    let processed = run(bytes);
    let verified = verify_jpeg(bytes, 1600, 1_000_000);
    let elapsed = start.elapsed();
    if let Err(e) = probed {
        assert!(INPUT_ERRORS.contains(&e.code()), "probe: {e:?}");
    }
    let outcome = match processed {
        Ok(out) => {
            assert_output_rules(&out, "damaged input");
            "ok"
        }
        Err(e) => {
            assert!(INPUT_ERRORS.contains(&e.code()), "process: {e:?}");
            e.code()
        }
    };
    // The server's re-check on the raw bytes: a typed answer, and what it accepts is within
    // its promises (the size, a complete image, no EXIF/XMP anywhere in the file).
    match verified {
        Ok((w, h)) => {
            assert!(w <= 1600 && h <= 1600, "verify_jpeg accepted {w}×{h}");
            assert!(
                !has_app1(bytes),
                "verify_jpeg accepted a file with an APP1 segment"
            );
            let mut decoder = jpeg_decoder::Decoder::new(bytes);
            let decoded = decoder.decode();
            assert!(decoded.is_ok(), "verify_jpeg accepted what does not decode");
            assert_eq!(
                decoder
                    .info()
                    .map(|i| (u32::from(i.width), u32::from(i.height))),
                Some((w, h)),
            );
        }
        Err(e) => assert!(VERIFY_ERRORS.contains(&e.code()), "verify_jpeg: {e:?}"),
    }
    (elapsed, outcome.to_string())
}

/// What the server's re-check may answer to a bad upload.
const VERIFY_ERRORS: [&str; 7] = [
    "empty",
    "too_big",
    "not_jpeg",
    "too_large",
    "metadata",
    "corrupt",
    "incomplete",
];

/// Whether any APP1 (EXIF, XMP) segment is in the file: before the frame header, between it
/// and the first scan, or between the scans of a progressive JPEG. Written independently of the
/// crate's header reader, which it checks.
fn has_app1(bytes: &[u8]) -> bool {
    let mut pos = 2;
    while pos + 1 < bytes.len() {
        if bytes[pos] != 0xFF {
            pos += 1; // entropy-coded data
            continue;
        }
        let marker = bytes[pos + 1];
        match marker {
            0xE1 => return true,
            // Stuffed zero, fill byte, restart markers: inside entropy-coded data.
            0x00 | 0xFF | 0xD0..=0xD7 | 0x01 => pos += if marker == 0xFF { 1 } else { 2 },
            0xD9 => return false,
            _ => {
                let Some(len) = bytes.get(pos + 2..pos + 4) else {
                    return false;
                };
                pos += 2 + usize::from(u16::from_be_bytes([len[0], len[1]]));
            }
        }
    }
    false
}

/// Runs [`check`] on its own thread so that a panic is caught with its message and a hang is
/// reported instead of stalling CI. `Ok` has the time and outcome, `Err` describes the failure.
fn run_case(bytes: Vec<u8>, bound: Duration) -> Result<(Duration, String), String> {
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        let result = std::panic::catch_unwind(|| check(&bytes));
        let _ = tx.send(result.map_err(|panic| {
            panic
                .downcast_ref::<String>()
                .cloned()
                .or_else(|| panic.downcast_ref::<&str>().map(|s| s.to_string()))
                .unwrap_or_else(|| "panic".into())
        }));
    });
    match rx.recv_timeout(HANG) {
        Ok(Ok((elapsed, _))) if elapsed > bound => Err(format!("took {elapsed:?}")),
        Ok(result) => result.map_err(|m| format!("panicked: {m}")),
        Err(_) => Err(format!("still running after {HANG:?} (hang)")),
    }
}

/// xorshift64*: tiny, seeded, good enough to pick mutations.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
    fn byte(&mut self) -> u8 {
        self.next() as u8
    }
    fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        items[self.below(items.len())]
    }
    fn bytes(&mut self, n: usize) -> Vec<u8> {
        (0..n).map(|_| self.byte()).collect()
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Jpeg,
    Png,
    Webp,
}

/// A file to damage: a real fixture, or a small re-encoding of one (so that most cases decode
/// to the end quickly and damage deep in the data is reached too).
struct Seed {
    name: String,
    kind: Kind,
    bytes: Vec<u8>,
    /// Cases drawn from this seed per 100 (big real photos are slow, so drawn less).
    weight: usize,
}

/// The marker segments before the image data: (offset of the 0xFF, marker, segment length).
fn jpeg_segments(bytes: &[u8]) -> Vec<(usize, u8, usize)> {
    let mut out = Vec::new();
    let mut pos = 2;
    while pos + 4 <= bytes.len() && bytes[pos] == 0xFF {
        let marker = bytes[pos + 1];
        let len = usize::from(u16::from_be_bytes([bytes[pos + 2], bytes[pos + 3]]));
        out.push((pos, marker, len));
        if marker == 0xDA || len < 2 {
            break;
        }
        pos += 2 + len;
    }
    out
}

/// Where the headers end: mutations aimed here hit parsing code rather than pixel data.
fn header_len(kind: Kind, bytes: &[u8]) -> usize {
    match kind {
        Kind::Jpeg => jpeg_segments(bytes)
            .last()
            .map_or(64, |&(pos, _, len)| pos + 2 + len),
        Kind::Png => 64,
        Kind::Webp => 48,
    }
    .min(bytes.len())
}

/// The APP1 (EXIF) payload of a real phone photo, to put into the small seeds.
fn exif_payload(jpeg: &[u8]) -> Vec<u8> {
    jpeg_segments(jpeg)
        .into_iter()
        .find(|&(pos, m, _)| m == 0xE1 && jpeg[pos + 4..].starts_with(b"Exif\0\0"))
        .map(|(pos, _, len)| jpeg[pos + 4..pos + 2 + len].to_vec())
        .expect("fixture has EXIF")
}

fn seeds() -> Vec<Seed> {
    let portrait6 = fixture("orientation-portrait-6.jpg");
    let exif = exif_payload(&portrait6);
    let output = run(&portrait6).expect("fixture processes");
    let small = image::load_from_memory(&portrait6).unwrap().resize_exact(
        120,
        180,
        image::imageops::FilterType::Triangle,
    );
    let rgb = small.to_rgb8();
    let (w, h) = (rgb.width() as u16, rgb.height() as u16);
    let jpeg = |progressive: bool, restart: u16, color: jpeg_encoder::ColorType, data: &[u8]| {
        let mut out = Vec::new();
        let mut enc = jpeg_encoder::Encoder::new(&mut out, 85);
        enc.set_progressive(progressive);
        enc.set_restart_interval(restart);
        enc.add_app_segment(1, exif.clone()).unwrap();
        enc.encode(data, w, h, color).unwrap();
        out
    };
    let gray = small.to_luma8().into_raw();
    let cmyk: Vec<u8> = rgb
        .pixels()
        .flat_map(|p| [255 - p.0[0], 255 - p.0[1], 255 - p.0[2], 0])
        .collect();
    let encoded = |format: ImageFormat, image: &DynamicImage| {
        let mut out = Vec::new();
        image
            .write_to(&mut std::io::Cursor::new(&mut out), format)
            .unwrap();
        out
    };
    let rgba = DynamicImage::ImageRgba8(small.to_rgba8());
    let seed = |name: &str, kind, bytes, weight| Seed {
        name: name.into(),
        kind,
        bytes,
        weight,
    };
    vec![
        seed(
            "small baseline, EXIF 6",
            Kind::Jpeg,
            jpeg(false, 0, jpeg_encoder::ColorType::Rgb, rgb.as_raw()),
            24,
        ),
        seed(
            "small progressive, EXIF 6",
            Kind::Jpeg,
            jpeg(true, 0, jpeg_encoder::ColorType::Rgb, rgb.as_raw()),
            18,
        ),
        seed(
            "small grey, restart markers",
            Kind::Jpeg,
            jpeg(false, 2, jpeg_encoder::ColorType::Luma, &gray),
            10,
        ),
        seed(
            "small CMYK (fallback decoder)",
            Kind::Jpeg,
            jpeg(false, 0, jpeg_encoder::ColorType::Cmyk, &cmyk),
            8,
        ),
        seed("small PNG", Kind::Png, encoded(ImageFormat::Png, &rgba), 12),
        seed(
            "small WebP",
            Kind::Webp,
            encoded(ImageFormat::WebP, &rgba),
            12,
        ),
        seed(
            "orientation-portrait-6.jpg",
            Kind::Jpeg,
            portrait6.clone(),
            10,
        ),
        seed(
            "phone-12mp-orient6.jpg",
            Kind::Jpeg,
            fixture("phone-12mp-orient6.jpg"),
            3,
        ),
        seed("corrupted.jpg", Kind::Jpeg, fixture("corrupted.jpg"), 3),
        // What the browser uploads: damaged in transit or by hand, for the server's re-check.
        seed("pipeline output, large", Kind::Jpeg, output.large, 8),
        seed("pipeline output, thumbnail", Kind::Jpeg, output.thumb, 12),
    ]
}

/// A position: half the time inside the headers.
fn position(rng: &mut Rng, header: usize, len: usize) -> usize {
    if rng.below(2) == 0 && header > 0 {
        rng.below(header)
    } else {
        rng.below(len)
    }
}

const WILD_U16: [u16; 8] = [0, 1, 2, 8, 12_000, 12_001, 0x7FFF, 0xFFFF];

/// Applies one random mutation to `bytes` and says which.
fn mutate(rng: &mut Rng, kind: Kind, bytes: &mut Vec<u8>) -> String {
    let header = header_len(kind, bytes);
    let len = bytes.len().max(1);
    let put16 = |bytes: &mut Vec<u8>, at: usize, v: u16| {
        if at + 2 <= bytes.len() {
            bytes[at..at + 2].copy_from_slice(&v.to_be_bytes());
        }
    };
    let wild16 = |rng: &mut Rng| {
        if rng.below(2) == 0 {
            rng.pick(&WILD_U16)
        } else {
            rng.next() as u16
        }
    };
    match rng.below(12) {
        0 => {
            let n = 1 + rng.below(8);
            for _ in 0..n {
                let at = position(rng, header, len).min(bytes.len().saturating_sub(1));
                if let Some(b) = bytes.get_mut(at) {
                    *b ^= 1 << rng.below(8);
                }
            }
            format!("flip {n} bits")
        }
        1 => {
            let at = position(rng, header, len);
            bytes.truncate(at);
            format!("truncate to {at}")
        }
        2 => {
            let at = position(rng, header, len).min(bytes.len());
            let n = 1 + rng.below(64);
            let junk = rng.bytes(n);
            bytes.splice(at..at, junk);
            format!("insert {n} bytes at {at}")
        }
        3 => {
            let at = position(rng, header, len).min(bytes.len());
            let end = (at + 1 + rng.below(256)).min(bytes.len());
            bytes.drain(at..end);
            format!("remove {at}..{end}")
        }
        4 if kind == Kind::Jpeg => {
            let segments = jpeg_segments(bytes);
            let Some(&(pos, old, _)) = segments.get(rng.below(segments.len())) else {
                return "no segment".into();
            };
            let r = rng.next();
            let new = rng.pick(&[
                0xD8, 0xD9, 0xDA, 0xC0, 0xC2, 0xC3, 0xC4, 0xCF, 0xDB, 0xDD, 0xE1, 0xFF, 0x00, 0x01,
                0xD0, r as u8,
            ]);
            bytes[pos + 1] = new;
            format!("marker {old:#04X} → {new:#04X}")
        }
        5 if kind == Kind::Jpeg => {
            let segments = jpeg_segments(bytes);
            let Some(&(pos, marker, old)) = segments.get(rng.below(segments.len())) else {
                return "no segment".into();
            };
            let r = rng.next();
            let new = rng.pick(&[
                0,
                1,
                2,
                (old as u16).wrapping_sub(1),
                (old as u16).wrapping_add(1),
                0xFFFF,
                r as u16,
            ]);
            put16(bytes, pos + 2, new);
            format!("segment {marker:#04X} length {old} → {new}")
        }
        6 if kind == Kind::Jpeg => {
            let Some(&(pos, marker, _)) = jpeg_segments(bytes)
                .iter()
                .find(|s| matches!(s.1, 0xC0..=0xC3))
            else {
                return "no SOF".into();
            };
            let (height, width) = (wild16(rng), wild16(rng));
            put16(bytes, pos + 5, height);
            put16(bytes, pos + 7, width);
            // Sometimes the component count or a sampling factor too.
            match rng.below(4) {
                0 if pos + 9 < bytes.len() => bytes[pos + 9] = rng.pick(&[0, 1, 2, 4, 255]),
                1 if pos + 11 < bytes.len() => bytes[pos + 11] = rng.byte(),
                _ => {}
            }
            format!("SOF {marker:#04X} {width}×{height}")
        }
        7 if kind == Kind::Jpeg => mutate_exif(rng, bytes),
        8 if kind == Kind::Png && bytes.len() >= 29 => {
            // IHDR: width at 16, height at 20, depth 24, colour 25, interlace 28.
            let wild32 = |rng: &mut Rng| {
                let r = rng.next();
                rng.pick(&[0, 1, 7_000, 12_000, 12_001, 1 << 24, u32::MAX, r as u32])
            };
            let (w, h) = (wild32(rng), wild32(rng));
            bytes[16..20].copy_from_slice(&w.to_be_bytes());
            bytes[20..24].copy_from_slice(&h.to_be_bytes());
            if rng.below(3) == 0 {
                bytes[24 + rng.below(5)] = rng.byte();
            }
            format!("PNG IHDR {w}×{h}")
        }
        8 if kind == Kind::Webp && bytes.len() >= 25 => {
            if rng.below(2) == 0 {
                // VP8L: signature at 20, then 14-bit width−1 and height−1.
                let r = rng.next();
                let v = rng.pick(&[0xFFFF_FFFFu32, 0, r as u32]);
                bytes[21..25].copy_from_slice(&v.to_le_bytes());
                format!("VP8L size bits {v:#x}")
            } else {
                // An extended (VP8X) header in front claiming a canvas up to 16384².
                let (w, h) = (rng.below(1 << 14) as u32, rng.below(1 << 14) as u32);
                let mut vp8x = b"VP8X\x0a\0\0\0\0\0\0\0".to_vec();
                vp8x.extend_from_slice(&w.to_le_bytes()[..3]);
                vp8x.extend_from_slice(&h.to_le_bytes()[..3]);
                bytes.splice(12..12, vp8x);
                format!("VP8X canvas {}×{}", w + 1, h + 1)
            }
        }
        9 if kind == Kind::Jpeg => {
            // A header segment repeated somewhere else (a second frame header, EXIF, table).
            let segments = jpeg_segments(bytes);
            let Some(&(pos, marker, seg_len)) = segments.get(rng.below(segments.len())) else {
                return "no segment".into();
            };
            let copy = bytes[pos..(pos + 2 + seg_len).min(bytes.len())].to_vec();
            let at = position(rng, header, len).min(bytes.len());
            bytes.splice(at..at, copy);
            format!("segment {marker:#04X} repeated at {at}")
        }
        10 if kind == Kind::Jpeg => {
            // An EXIF segment (with a GPS tag, as a phone writes) at a segment boundary: the
            // server must refuse it wherever it sits.
            let Some(&(at, _, _)) = jpeg_segments(bytes).get(rng.below(8)) else {
                return "no segment".into();
            };
            let exif =
                b"Exif\0\0MM\0\x2a\0\0\0\x08\0\x01\x88\x25\0\x04\0\0\0\x01\0\0\0\x1a\0\0\0\0";
            let mut app1 = vec![0xFF, 0xE1];
            app1.extend_from_slice(&(exif.len() as u16 + 2).to_be_bytes());
            app1.extend_from_slice(exif);
            bytes.splice(at..at, app1);
            format!("EXIF inserted at {at}")
        }
        _ => {
            let at = position(rng, header, len).min(bytes.len());
            let end = (at + 1 + rng.below(32)).min(bytes.len());
            let r = rng.next();
            let fill = rng.pick(&[0x00, 0xFF, r as u8]);
            bytes[at..end].fill(fill);
            format!("fill {at}..{end} with {fill:#04X}")
        }
    }
}

/// Nonsense in the EXIF segment: orientation values outside 1–8 or of the wrong type, broken
/// TIFF headers and offsets, an APP1 cut short.
fn mutate_exif(rng: &mut Rng, bytes: &mut [u8]) -> String {
    let Some(&(pos, _, seg_len)) = jpeg_segments(bytes)
        .iter()
        .find(|s| s.1 == 0xE1 && bytes[s.0 + 4..].starts_with(b"Exif\0\0"))
    else {
        return "no EXIF".into();
    };
    if pos + 2 + seg_len > bytes.len() || seg_len < 24 {
        return "EXIF cut short already".into();
    }
    let tiff = pos + 10;
    let little = bytes[tiff] == b'I';
    let end = (pos + 2 + seg_len).min(bytes.len());
    let u16_at = |b: &[u8], at: usize| {
        let v = [b[at.min(end - 2)], b[(at + 1).min(end - 1)]];
        if little {
            u16::from_le_bytes(v)
        } else {
            u16::from_be_bytes(v)
        }
    };
    let put = |b: &mut [u8], at: usize, v: &[u8]| {
        if at + v.len() <= end {
            b[at..at + v.len()].copy_from_slice(v);
        }
    };
    let enc16 = |v: u16| {
        if little {
            v.to_le_bytes()
        } else {
            v.to_be_bytes()
        }
    };
    // IFD0 entries are 12 bytes from TIFF + offset + 2; find Orientation (0x0112).
    let ifd = tiff + 8;
    let entries = usize::from(u16_at(bytes, ifd)).min(64);
    let orientation = (0..entries)
        .map(|i| ifd + 2 + 12 * i)
        .find(|&e| e + 12 <= end && u16_at(bytes, e) == 0x0112);
    match (rng.below(6), orientation) {
        (0 | 1, Some(e)) => {
            let r = rng.next();
            let v = rng.pick(&[0, 9, 255, 0xFFFF, r as u16]);
            put(bytes, e + 8, &enc16(v));
            format!("EXIF orientation {v}")
        }
        (2, Some(e)) => {
            // Type (SHORT) and count (1) become something else.
            let t = rng.pick(&[0, 1, 4, 7, 13, 0xFFFF]);
            put(bytes, e + 2, &enc16(t));
            put(bytes, e + 4, &rng.next().to_be_bytes()[..4]);
            format!("EXIF orientation type {t}, random count")
        }
        (3, _) => {
            put(bytes, ifd, &enc16(rng.pick(&[0xFFFF, 0x1000, 0])));
            "EXIF IFD entry count".into()
        }
        (4, _) => {
            let r = rng.next();
            let offset = rng.pick(&[0xFFFF_FFFFu32, 0, 7, r as u32]);
            put(bytes, tiff + 4, &offset.to_be_bytes());
            put(bytes, tiff, &rng.pick(&[*b"MM", *b"II", *b"XX"]));
            format!("TIFF header, IFD offset {offset:#x}")
        }
        _ => {
            // APP1 length cut to a few bytes: the EXIF runs into the next segment.
            let new = rng.pick(&[2u16, 8, 14, 20, 40]);
            put(bytes, pos + 2, &new.to_be_bytes());
            format!("APP1 length {seg_len} → {new}")
        }
    }
}

fn env_or<T: std::str::FromStr>(name: &str, default: T) -> T {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

#[test]
fn mutated_fixtures_give_a_valid_photo_or_a_typed_error_quickly() {
    let cases: usize = env_or("PHOTO_FUZZ_CASES", CASES);
    let seed: u64 = env_or("PHOTO_FUZZ_SEED", SEED);
    let verbose = std::env::var_os("PHOTO_FUZZ_VERBOSE").is_some();
    let seeds = seeds();
    for seed in &seeds {
        let out = run(&seed.bytes).unwrap_or_else(|e| panic!("seed {}: {e:?}", seed.name));
        assert_output_rules(&out, &seed.name);
    }
    let weights: usize = seeds.iter().map(|s| s.weight).sum();
    let mut rng = Rng(seed | 1);
    let mut times = Vec::with_capacity(cases);
    let mut failures = Vec::new();
    let mut outcomes = std::collections::BTreeMap::<String, usize>::new();
    let mut slowest = std::collections::BTreeMap::<&str, f64>::new();
    let started = Instant::now();
    for case in 0..cases {
        let mut pick = rng.below(weights);
        let source = seeds
            .iter()
            .find(|s| {
                let hit = pick < s.weight;
                pick = pick.saturating_sub(s.weight);
                hit
            })
            .unwrap();
        let mut bytes = source.bytes.clone();
        let steps: Vec<String> = (0..1 + rng.below(3))
            .map(|_| mutate(&mut rng, source.kind, &mut bytes))
            .collect();
        let what = format!("case {case} ({}: {})", source.name, steps.join(", "));
        match run_case(bytes.clone(), CASE_BOUND) {
            Ok((elapsed, outcome)) => {
                if verbose {
                    println!("{what}: {outcome} in {elapsed:.1?}");
                }
                let ms = elapsed.as_secs_f64() * 1000.0;
                times.push(ms);
                let slowest = slowest.entry(source.name.as_str()).or_insert(0.0);
                *slowest = f64::max(*slowest, ms);
                *outcomes.entry(outcome).or_default() += 1;
            }
            Err(why) => {
                let path = std::env::temp_dir().join(format!("etalase-photo-fuzz-{case}.bin"));
                let _ = std::fs::write(&path, &bytes);
                failures.push(format!("{what}: {why} (input saved to {})", path.display()));
            }
        }
    }
    let (median, max) = median_max(&mut times);
    println!(
        "{cases} mutated inputs (seed {seed:#x}) in {:.1?}: outcomes {outcomes:?}; \
         per case median {median:.1} ms, max {max:.0} ms",
        started.elapsed()
    );
    for (name, ms) in &slowest {
        println!("  slowest case from {name}: {ms:.0} ms");
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn truncated_and_random_bytes_never_panic() {
    let mut inputs: Vec<Vec<u8>> = Vec::new();
    for name in [
        "phone-12mp-orient6.jpg",
        "orientation-portrait-6.jpg",
        "corrupted.jpg",
    ] {
        let full = fixture(name);
        for cut in [
            1,
            2,
            3,
            4,
            20,
            200,
            2_000,
            20_000,
            full.len() / 3,
            full.len() - 2,
        ] {
            inputs.push(full[..cut].to_vec());
        }
        // Flipped bytes in the entropy-coded data, past the headers.
        let mut damaged = full.clone();
        for i in (full.len() / 2..full.len()).step_by(997) {
            damaged[i] ^= 0x5A;
        }
        inputs.push(damaged);
    }
    let mut rng = Rng(0x2545_F491_4F6C_DD1D);
    for prefix in [
        &b""[..],
        b"\xFF\xD8\xFF",
        b"\x89PNG\r\n\x1a\n",
        b"RIFF\0\0\0\0WEBPVP8 ",
    ] {
        for n in [1, 64, 4096] {
            let mut bytes = prefix.to_vec();
            bytes.extend(rng.bytes(n));
            inputs.push(bytes);
        }
    }
    let failures: Vec<String> = inputs
        .into_iter()
        .filter_map(|bytes| {
            let n = bytes.len();
            run_case(bytes, CASE_BOUND)
                .err()
                .map(|why| format!("{n} bytes: {why}"))
        })
        .collect();
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Longest the worst allowed header may take (debug build): measured up to about 3 s (beside
/// the other tests on two cores) when `jpeg-decoder` gives up and the `image` fallback decodes
/// all 50 MP of nothing; the bound catches a blow-up, not a few hundred milliseconds.
const LARGEST_HEADER_BOUND: Duration = Duration::from_secs(10);

/// The slowest input the size check lets through: a small file whose header claims the largest
/// allowed picture (12,000 px wide, 50 MP), so the decoders work through 50 MP of missing
/// data: a typed answer or a (grey, mostly empty) photo, in bounded time, for every seed type.
#[test]
fn the_largest_allowed_header_on_a_small_file_is_bounded() {
    let options = Options::default();
    let (w, h) = (
        options.max_side,
        (options.max_pixels / u64::from(options.max_side)) as u32,
    );
    let mut report = Vec::new();
    for seed in seeds().into_iter().filter(|s| s.bytes.len() < 100_000) {
        for (width, height) in [(w, h), (h, w)] {
            let mut bytes = seed.bytes.clone();
            match seed.kind {
                Kind::Jpeg => {
                    let sof = jpeg_segments(&bytes)
                        .into_iter()
                        .find(|s| matches!(s.1, 0xC0..=0xC3))
                        .expect("SOF")
                        .0;
                    bytes[sof + 5..sof + 7].copy_from_slice(&(height as u16).to_be_bytes());
                    bytes[sof + 7..sof + 9].copy_from_slice(&(width as u16).to_be_bytes());
                }
                Kind::Png => {
                    bytes[16..20].copy_from_slice(&width.to_be_bytes());
                    bytes[20..24].copy_from_slice(&height.to_be_bytes());
                }
                // VP8L holds 14-bit sizes: 16,384 at most, under the side limit.
                Kind::Webp => continue,
            }
            let what = format!("{} claiming {width}×{height}", seed.name);
            match run_case(bytes, LARGEST_HEADER_BOUND) {
                Ok((elapsed, outcome)) => {
                    report.push(format!("{what}: {outcome} in {elapsed:.2?}"))
                }
                Err(why) => panic!("{what}: {why}"),
            }
        }
    }
    println!("{}", report.join("\n"));
}
