// The browser's own path, in a worker: createImageBitmap decodes and applies the EXIF
// orientation ('from-image'), createImageBitmap resizes ('high' quality: Skia's best filter),
// OffscreenCanvas.convertToBlob encodes JPEG at 0.8. The thumbnail comes from the large
// bitmap, as in our pipeline.
'use strict';
importScripts('common_worker.js');

serve(async (bytes) => {
  const source = await createImageBitmap(new Blob([bytes], { type: 'image/jpeg' }), {
    imageOrientation: 'from-image',
  });
  const [w, h] = fit(source.width, source.height, 1600);
  const large = await createImageBitmap(source, { resizeWidth: w, resizeHeight: h, resizeQuality: 'high' });
  source.close();
  const [tw, th] = fit(w, h, 400);
  const thumb = await createImageBitmap(large, { resizeWidth: tw, resizeHeight: th, resizeQuality: 'high' });
  const out = { large: await jpeg(large, w, h), thumb: await jpeg(thumb, tw, th), width: w, height: h };
  large.close();
  thumb.close();
  return out;
});
