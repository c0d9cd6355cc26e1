//! How close each tool's 1600 px photo is to a careful reference: SSIM on luma against the
//! source decoded at full size with `image`, turned upright by its EXIF orientation and
//! resized with Lanczos3 to exactly the output's size. Used by `cargo xtask bench-photo`.
//!
//! `cargo run --release -p etalase-photo --example ssim_report -- FIXTURES OUTPUTS`
//!
//! `OUTPUTS` holds one JPEG per tool and fixture, named `<tool>__<fixture file name>` (as the
//! browser bench saves them). Four more come from our pipeline run natively here:
//! `rust-native` (the default recipe, what the worker makes), `rust-q80` and `rust-q76`
//! (those qualities without the byte budget: the other tools' quality 0.8, and where the
//! budget would take a heavier photo) and `rust-q100` (quality 100, no budget: what decode and resize alone cost, before
//! JPEG). Prints one tab-separated line per output: `ssim`, tool, fixture, SSIM, output size,
//! its bytes, and a note when the output's shape is not the upright source's (a sideways or
//! stretched photo).
//!
//! SSIM: `support/ssim.rs` (11×11 Gaussian window, the paper's constants) on Rec. 709 luma
//! (`image`'s `to_luma8`). 1.0 means identical.

#[path = "support/ssim.rs"]
mod ssim;

use std::collections::HashMap;
use std::path::PathBuf;

use etalase_photo::{process, Options};
use image::imageops::FilterType;
use image::{DynamicImage, GrayImage, ImageDecoder, ImageReader, RgbImage};

fn main() {
    let mut args = std::env::args_os().skip(1).map(PathBuf::from);
    let (Some(fixtures), Some(outputs)) = (args.next(), args.next()) else {
        eprintln!("usage: ssim_report FIXTURES_DIR OUTPUTS_DIR");
        std::process::exit(2);
    };
    let mut files: Vec<(String, String, PathBuf)> = std::fs::read_dir(&outputs)
        .unwrap_or_else(|e| panic!("{}: {e}", outputs.display()))
        .filter_map(|entry| {
            let path = entry.ok()?.path();
            let name = path.file_name()?.to_str()?.to_owned();
            let (tool, fixture) = name.split_once("__")?;
            Some((tool.to_owned(), fixture.to_owned(), path))
        })
        .collect();
    files.sort();
    let mut fixture_names: Vec<String> = files.iter().map(|(_, f, _)| f.clone()).collect();
    fixture_names.sort();
    fixture_names.dedup();

    let mut uprights: HashMap<String, RgbImage> = HashMap::new();
    let mut references: HashMap<(String, u32, u32), GrayImage> = HashMap::new();
    println!("# ssim\ttool\tfixture\tssim\tsize\tbytes\tnote");
    for fixture in &fixture_names {
        let bytes = std::fs::read(fixtures.join(fixture))
            .unwrap_or_else(|e| panic!("fixture {fixture}: {e}"));
        uprights.insert(fixture.clone(), upright_full_decode(&bytes));
        let native = process(&bytes, &Options::default(), &mut |_| {}).expect(fixture);
        let without_budget = |quality| Options {
            quality,
            min_quality: quality,
            target_bytes: usize::MAX,
            ..Options::default()
        };
        let mut tool_outputs = vec![("rust-native".to_owned(), native.large)];
        for quality in [76, 80, 100] {
            let out = process(&bytes, &without_budget(quality), &mut |_| {}).expect(fixture);
            tool_outputs.push((format!("rust-q{quality}"), out.large));
        }
        for (tool, _, path) in files.iter().filter(|(_, f, _)| f == fixture) {
            let jpeg = std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            tool_outputs.push((tool.clone(), jpeg));
        }
        for (tool, jpeg) in tool_outputs {
            let upright = &uprights[fixture];
            let line = match image::load_from_memory(&jpeg) {
                Err(e) => format!("ssim\t{tool}\t{fixture}\t-\t-\t-\tunreadable: {e}"),
                Ok(out) => {
                    let (w, h) = (out.width(), out.height());
                    let reference = references
                        .entry((fixture.clone(), w, h))
                        .or_insert_with(|| reference(upright, w, h));
                    let score = ssim::ssim(
                        reference.as_raw(),
                        out.to_luma8().as_raw(),
                        w as usize,
                        h as usize,
                    );
                    let note = shape_note(upright.dimensions(), (w, h));
                    let bytes = jpeg.len();
                    format!("ssim\t{tool}\t{fixture}\t{score:.4}\t{w}x{h}\t{bytes}\t{note}")
                }
            };
            println!("{line}");
        }
    }
}

/// The source as a person sees it: every pixel, EXIF orientation applied.
fn upright_full_decode(bytes: &[u8]) -> RgbImage {
    let mut decoder = ImageReader::new(std::io::Cursor::new(bytes))
        .with_guessed_format()
        .expect("readable")
        .into_decoder()
        .expect("a format `image` reads");
    let orientation = decoder.orientation().expect("orientation");
    let mut image = DynamicImage::from_decoder(decoder).expect("decodes");
    image.apply_orientation(orientation);
    image.into_rgb8()
}

/// The reference at exactly `w`×`h`, in luma.
fn reference(upright: &RgbImage, w: u32, h: u32) -> GrayImage {
    let resized = image::imageops::resize(upright, w, h, FilterType::Lanczos3);
    DynamicImage::ImageRgb8(resized).to_luma8()
}

/// Empty when the output has the upright source's aspect ratio (within rounding), else why not.
fn shape_note(source: (u32, u32), out: (u32, u32)) -> String {
    let aspect = |(w, h): (u32, u32)| f64::from(w) / f64::from(h);
    let off = (aspect(out) / aspect(source) - 1.0).abs();
    if off < 0.01 {
        String::new()
    } else if (aspect(out) * aspect(source) - 1.0).abs() < 0.01 {
        "sideways (EXIF orientation not applied)".into()
    } else {
        format!("aspect off by {:.1} %", off * 100.0)
    }
}
