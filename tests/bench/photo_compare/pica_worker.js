// pica in a dedicated worker: the browser decodes (createImageBitmap, EXIF orientation applied),
// pica resizes into an OffscreenCanvas with its wasm kernel (filter Lanczos3, like ours and like
// the SSIM reference; pica's default 'mks2013' also sharpens) and its own worker pool ('ww':
// nested workers, one per core here, each resizing tiles), and OffscreenCanvas.convertToBlob
// encodes JPEG at 0.8. pica's full build cannot start its pool inside a worker (it calls
// `window.URL`), so this loads the split build, whose pool starts from `workerURL`.
// Features come from the query string (?features=js,wasm for one thread); without 'ww' pica
// cannot take an ImageBitmap in a worker (it wants a <canvas> for it), so it gets an
// OffscreenCanvas of the decoded photo instead.
'use strict';
importScripts('common_worker.js', '/lib/pica_main.js');

const features = (new URL(self.location.href).searchParams.get('features') || 'js,wasm,ww').split(',');
const resizer = self.pica({ features, workerURL: '/lib/pica_worker.js' });
const filter = 'lanczos3';

serve(async (bytes) => {
  let source = await createImageBitmap(new Blob([bytes], { type: 'image/jpeg' }), {
    imageOrientation: 'from-image',
  });
  const [w, h] = fit(source.width, source.height, 1600);
  if (!features.includes('ww')) {
    const canvas = new OffscreenCanvas(source.width, source.height);
    canvas.getContext('2d').drawImage(source, 0, 0);
    source.close();
    source = canvas;
  }
  const large = new OffscreenCanvas(w, h);
  await resizer.resize(source, large, { filter });
  if (source.close) source.close();
  const [tw, th] = fit(w, h, 400);
  const thumb = new OffscreenCanvas(tw, th);
  await resizer.resize(large, thumb, { filter });
  return { large: await jpeg(large, w, h), thumb: await jpeg(thumb, tw, th), width: w, height: h };
});
