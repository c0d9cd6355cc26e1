// Shared by the JS tools' workers (classic workers load it with importScripts): the same
// sizing rule as etalase_photo::fit and the same reply shape as our worker's `done`.
'use strict';

// Long edge to `edge`, rounded like `etalase_photo::fit`; never enlarges.
function fit(w, h, edge) {
  const long = Math.max(w, h);
  if (long <= edge) return [w, h];
  const scale = (len) => Math.max(1, Math.floor((len * edge + Math.floor(long / 2)) / long));
  return [scale(w), scale(h)];
}

// JPEG at quality 0.8 from anything drawImage takes (ImageBitmap, OffscreenCanvas).
async function jpeg(source, w, h) {
  let canvas = source;
  if (!(source instanceof OffscreenCanvas)) {
    canvas = new OffscreenCanvas(w, h);
    canvas.getContext('2d').drawImage(source, 0, 0);
  }
  const blob = await canvas.convertToBlob({ type: 'image/jpeg', quality: 0.8 });
  return blob.arrayBuffer();
}

// Runs `job(bytes) -> {large, thumb, width, height}` per request `{id, bytes}`, one at a time,
// and answers like our worker: ready first, then done or error.
function serve(job) {
  self.onmessage = async ({ data }) => {
    const { id, bytes } = data;
    try {
      const out = await job(bytes);
      self.postMessage({ type: 'done', id, ...out }, [out.large, out.thumb]);
    } catch (e) {
      self.postMessage({ type: 'error', id, code: 'tool', detail: String(e && e.stack || e) });
    }
  };
  self.postMessage({ type: 'ready' });
}
