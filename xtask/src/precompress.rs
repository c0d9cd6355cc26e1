//! Writes `.br` and `.gz` siblings for the app's text and wasm files, so the server sends
//! the best compression without spending CPU per request (brotli at quality 11 is far too
//! slow to do on the fly, and it is what makes the wasm small on a weak connection).

use std::fs;
use std::io::{self, Write};
use std::path::Path;

const EXTENSIONS: &[&str] = &["html", "js", "css", "wasm", "svg", "json"];

/// Compresses every eligible file under `dir`; returns (files, kilobytes saved by brotli).
pub fn dir(dir: &Path) -> io::Result<(usize, u64)> {
    let (mut files, mut saved) = (0, 0);
    for entry in fs::read_dir(dir)? {
        let path = entry?.path();
        if path.is_dir() {
            let (f, s) = self::dir(&path)?;
            files += f;
            saved += s;
            continue;
        }
        let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("");
        if !EXTENSIONS.contains(&ext) {
            continue;
        }
        let data = fs::read(&path)?;
        let br = brotli_bytes(&data)?;
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
        gz.write_all(&data)?;
        let gz = gz.finish()?;
        // Only keep a compressed copy that is actually smaller.
        if br.len() < data.len() {
            fs::write(path.with_extension(format!("{ext}.br")), &br)?;
            saved += (data.len() - br.len()) as u64 / 1024;
        }
        if gz.len() < data.len() {
            fs::write(path.with_extension(format!("{ext}.gz")), &gz)?;
        }
        files += 1;
    }
    Ok((files, saved))
}

fn brotli_bytes(data: &[u8]) -> io::Result<Vec<u8>> {
    let mut out = Vec::new();
    let params = brotli::enc::BrotliEncoderParams {
        quality: 11,
        lgwin: 22,
        ..Default::default()
    };
    brotli::BrotliCompress(&mut &data[..], &mut out, &params)?;
    Ok(out)
}
