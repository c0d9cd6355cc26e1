//! Times the photo pipeline on the shared fixture photos, natively, against a plain reference
//! (the `image` crate alone: full decode, Lanczos3 resize, its JPEG encoder), so a change that
//! loses the scaled decode or the SIMD resize shows up as a ratio, not a feeling.
//!
//! `cargo run --release -p etalase-photo --example photo_bench [RUNS] [--no-reference]`
//! (default 5 runs; the median is printed; `--no-reference` skips the slow `image` reference,
//! for `cargo xtask bench-photo`, which only needs our figures). The browser's figures come
//! from `cargo xtask bench-photo`.
//!
//! A second table prices the photo coach: the pipeline with and without it (medians, ratio)
//! and `coach::measure` alone on the thumbnail (median of 100), since the difference of two
//! ~100 ms medians is mostly noise. Its lines start with `coach`, which the xtask's parser of
//! the first table skips.

use std::path::PathBuf;
use std::time::Instant;

use etalase_photo::{coach, process, Options, Stage};
use image::imageops::FilterType;
use image::{DynamicImage, ImageDecoder, ImageReader};

const FIXTURES: [&str; 4] = [
    "phone-12mp-orient6.jpg",
    "phone-nokia-4608x1976.jpg",
    "phone-iphone6.jpg",
    "orientation-landscape-6.jpg",
];

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let with_reference = !args.iter().any(|a| a == "--no-reference");
    let runs: usize = args
        .iter()
        .find(|a| !a.starts_with("--"))
        .map(|a| a.parse().expect("RUNS must be a number"))
        .unwrap_or(5);
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/fixtures/photos");
    println!("median of {runs} runs, ms");
    println!(
        "{:<28} {:>8} {:>8} {:>6}  {:>9} {:>3} {:>9}  decode/resize/encode %",
        "fixture", "process", "image", "ratio", "large KB", "q", "thumb KB",
    );
    for name in FIXTURES {
        let bytes = std::fs::read(dir.join(name)).unwrap_or_else(|e| {
            panic!("fixture {name}: {e} (shared/ must sit beside the project)")
        });
        let mut out = None;
        // Time spent in each stage, summed over the runs.
        let mut stage_ms = [0.0f64; 3];
        let ours = median(runs, || {
            let mut last: Option<(usize, Instant)> = None;
            let mut on_stage = |s: Stage| {
                let now = Instant::now();
                if let Some((i, t)) = last {
                    stage_ms[i] += (now - t).as_secs_f64();
                }
                last = Some((s as usize, now));
            };
            out = Some(process(&bytes, &Options::default(), &mut on_stage).expect(name));
            if let Some((i, t)) = last {
                stage_ms[i] += t.elapsed().as_secs_f64();
            }
        });
        let reference = if with_reference {
            median(runs, || {
                reference_pipeline(&bytes);
            })
        } else {
            f64::NAN
        };
        let out = out.unwrap();
        println!(
            "{:<28} {:>8.1} {:>8.1} {:>5.1}×  {:>9.0} {:>3} {:>9.0}  {}",
            name,
            ours,
            reference,
            reference / ours,
            out.large.len() as f64 / 1000.0,
            out.meta.quality,
            out.thumb.len() as f64 / 1000.0,
            shares(stage_ms)
        );
    }
    coach_cost(&dir, runs);
}

/// The pipeline with and without the coach, and the coach's own measure on the thumbnail.
fn coach_cost(dir: &std::path::Path, runs: usize) {
    println!();
    println!("coach cost, median of {runs} pipeline runs each way; measure() median of 100");
    println!(
        "coach {:<28} {:>9} {:>9} {:>7} {:>11} {:>8}",
        "fixture", "with ms", "w/o ms", "ratio", "measure µs", "share"
    );
    let without = Options {
        coach: false,
        ..Options::default()
    };
    for name in FIXTURES {
        let bytes = std::fs::read(dir.join(name)).expect(name);
        // Interleaved, so a slow spell of the machine hits both variants alike.
        let (mut with_ms, mut without_ms) = (Vec::new(), Vec::new());
        let mut thumb = None;
        for _ in 0..runs.max(1) {
            let start = Instant::now();
            let out = process(&bytes, &Options::default(), &mut |_| {}).expect(name);
            with_ms.push(start.elapsed().as_secs_f64() * 1000.0);
            thumb = Some(out.thumb);
            let start = Instant::now();
            process(&bytes, &without, &mut |_| {}).expect(name);
            without_ms.push(start.elapsed().as_secs_f64() * 1000.0);
        }
        let thumb = image::load_from_memory(&thumb.unwrap()).unwrap().to_rgb8();
        let long_edge = 4000;
        let measure_ms = median(100, || {
            std::hint::black_box(coach::measure(
                std::hint::black_box(thumb.as_raw()),
                thumb.width(),
                thumb.height(),
                long_edge,
            ));
        });
        let (with, without) = (middle(&mut with_ms), middle(&mut without_ms));
        println!(
            "coach {:<28} {:>9.1} {:>9.1} {:>6.3}× {:>11.0} {:>7.2}%",
            name,
            with,
            without,
            with / without,
            measure_ms * 1000.0,
            100.0 * measure_ms / without
        );
    }
}

fn middle(ms: &mut [f64]) -> f64 {
    ms.sort_by(f64::total_cmp);
    ms[ms.len() / 2]
}

fn shares(ms: [f64; 3]) -> String {
    let total: f64 = ms.iter().sum();
    let pct: Vec<String> = ms
        .iter()
        .map(|m| format!("{:.0}", 100.0 * m / total))
        .collect();
    pct.join("/")
}

fn median(runs: usize, mut f: impl FnMut()) -> f64 {
    let mut times: Vec<f64> = (0..runs.max(1))
        .map(|_| {
            let start = Instant::now();
            f();
            start.elapsed().as_secs_f64() * 1000.0
        })
        .collect();
    times.sort_by(f64::total_cmp);
    times[times.len() / 2]
}

/// What one would write with `image` alone: same sizes, same filter, same quality.
fn reference_pipeline(bytes: &[u8]) -> (Vec<u8>, Vec<u8>) {
    let reader = ImageReader::new(std::io::Cursor::new(bytes))
        .with_guessed_format()
        .unwrap();
    let mut decoder = reader.into_decoder().unwrap();
    let orientation = decoder.orientation().unwrap();
    let mut image = DynamicImage::from_decoder(decoder).unwrap();
    image.apply_orientation(orientation);
    let large = image.resize(1600, 1600, FilterType::Lanczos3);
    let thumb = large.resize(400, 400, FilterType::Lanczos3);
    let encode = |img: &DynamicImage| {
        let mut out = Vec::new();
        let encoder = image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 80);
        img.to_rgb8().write_with_encoder(encoder).unwrap();
        out
    };
    (encode(&large), encode(&thumb))
}
