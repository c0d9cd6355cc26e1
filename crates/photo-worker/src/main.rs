//! Etalase Desa's photo Web Worker: runs `etalase-photo` on a seller's photo off the main
//! thread, so the page stays responsive while a 12 MP photo becomes a 1600 px JPEG.
//!
//! Trunk builds this binary as `worker.js` + `worker_bg.wasm` + `worker_loader.js` (see
//! index.html); the app starts it as a module worker on `/worker_loader.js`.
//!
//! # Protocol
//! Defined once in `etalase_photo::protocol` (JSON part as serde types, binary parts as
//! transferred `ArrayBuffer`s beside it):
//! 1. worker → app `{type:"ready"}` first; earlier messages would be dropped.
//! 2. app → worker `{id, bytes: ArrayBuffer}` (transferred), one at a time; a benchmark may
//!    add `options` (an `etalase_photo::Options` as JSON).
//! 3. worker → app `{type:"progress", id, stage}` per stage, then `{type:"done", id, large,
//!    thumb, width, height, thumbWidth, thumbHeight, sourceWidth, sourceHeight, quality,
//!    wasmMemory}` or `{type:"error", id, code, detail}`.
//!
//! HEIC and formats our decoders do not read are retried with the browser's own decoder
//! (`createImageBitmap`, which also applies EXIF orientation), drawn to an `OffscreenCanvas` at
//! most 1600 px long, and finished by `process_rgba`. Where the browser cannot decode them
//! either (HEIC in Chromium and Firefox), the original error code (`heic`) is reported, so the
//! app can tell the seller how to get a JPEG.

#[cfg(target_arch = "wasm32")]
mod worker;

fn main() {
    #[cfg(target_arch = "wasm32")]
    worker::start();
}
