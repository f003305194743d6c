import { crc32 } from 'node:zlib';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import {
  PHOTO_LIMITS,
  claimOfFileName,
  claimOfMime,
  photoRefusalMessage,
  processPhoto,
  sniffPhotoFormat,
  type PhotoOutcome,
  type ProcessedImage,
} from '../../app/services/images.server';

// Photos are generated here with sharp (no fixture files). No database is needed; these tests sit
// in the integration project because they decode and encode real images (slower than unit tests).

const RED = { r: 255, g: 0, b: 0 };
const BLUE = { r: 0, g: 0, b: 255 };

/** width × height red image whose left quarter is blue (so a rotation is visible). */
function banded(width: number, height: number) {
  return sharp({ create: { width, height, channels: 3, background: RED } }).composite([
    { input: { create: { width: Math.round(width / 4), height, channels: 3, background: BLUE } }, left: 0, top: 0 },
  ]);
}

const XMP =
  '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">' +
  '<rdf:Description xmlns:dc="http://purl.org/dc/elements/1.1/" dc:creator="Secret Person"/></rdf:RDF></x:xmpmeta>';

/** A JPEG as a phone writes it: camera EXIF with GPS position, XMP, an ICC profile, an orientation. */
async function phoneJpeg(orientation = 1, size: [number, number] = [200, 100]): Promise<Buffer> {
  return banded(...size)
    .jpeg()
    .withMetadata({ orientation })
    .withExifMerge({
      IFD0: { Make: 'TestCam', Model: 'Dauys X1' },
      IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '51/1 10/1 30/1', GPSLongitudeRef: 'E', GPSLongitude: '71/1 26/1 45/1' },
    })
    .withXmp(XMP)
    .toBuffer();
}

// -- a minimal EXIF (TIFF) reader, to prove the input really carries a GPS position ----------------

interface GpsPosition {
  latitude: number[];
  longitude: number[];
}

function readGps(exif: Buffer): GpsPosition | null {
  const tiff = exif.subarray(exif.indexOf('Exif\0\0') + 6);
  const le = tiff.toString('latin1', 0, 2) === 'II';
  const u16 = (o: number) => (le ? tiff.readUInt16LE(o) : tiff.readUInt16BE(o));
  const u32 = (o: number) => (le ? tiff.readUInt32LE(o) : tiff.readUInt32BE(o));
  const entries = (ifd: number) =>
    Array.from({ length: u16(ifd) }, (_, i) => {
      const at = ifd + 2 + i * 12;
      return { tag: u16(at), count: u32(at + 4), value: u32(at + 8) };
    });
  const gpsPointer = entries(u32(4)).find((e) => e.tag === 0x8825);
  if (!gpsPointer) return null;
  const gps = entries(gpsPointer.value);
  const rationals = (tag: number) => {
    const e = gps.find((x) => x.tag === tag);
    return e ? Array.from({ length: e.count }, (_, i) => u32(e.value + i * 8) / u32(e.value + i * 8 + 4)) : [];
  };
  return { latitude: rationals(0x0002), longitude: rationals(0x0004) };
}

/** Byte strings that reveal metadata blocks in an encoded file. */
const METADATA_MARKERS = [
  'Exif\0\0', // EXIF (JPEG APP1, WebP EXIF chunk payload)
  'eXIf', // EXIF in PNG
  'http://ns.adobe.com/xap/1.0/', // XMP
  'x:xmpmeta',
  'Photoshop 3.0', // IPTC (JPEG APP13)
  'ICC_PROFILE', // ICC (JPEG APP2)
  'iCCP', // ICC in PNG
  'ICCP', // ICC in WebP
  'TestCam',
  'Secret Person',
];

async function expectClean(img: ProcessedImage) {
  const meta = await sharp(img.bytes).metadata();
  expect(meta.format).toBe(img.format);
  expect(meta.exif).toBeUndefined();
  expect(meta.xmp).toBeUndefined();
  expect(meta.iptc).toBeUndefined();
  expect(meta.icc).toBeUndefined();
  expect(meta.orientation ?? 1).toBe(1);
  for (const marker of METADATA_MARKERS) expect(img.bytes.includes(marker), marker).toBe(false);
  expect([meta.width, meta.height]).toEqual([img.width, img.height]);
}

function ok(outcome: PhotoOutcome) {
  if (outcome.kind !== 'ok') throw new Error(`expected ok, got ${JSON.stringify(outcome)}`);
  return outcome;
}

async function pixel(bytes: Buffer, x: number, y: number): Promise<number[]> {
  const { data, info } = await sharp(bytes).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  const at = (y * info.width + x) * info.channels;
  return [data[at]!, data[at + 1]!, data[at + 2]!];
}
const isBlue = ([r, g, b]: number[]) => b! > 200 && r! < 60 && g! < 60;
const isRed = ([r, g, b]: number[]) => r! > 200 && g! < 60 && b! < 60;

describe('processPhoto: metadata is stripped', () => {
  it('a JPEG carrying GPS EXIF, XMP and an ICC profile comes out with none of them', async () => {
    const input = await phoneJpeg();
    const inMeta = await sharp(input).metadata();
    expect(inMeta.exif).toBeDefined();
    expect(readGps(inMeta.exif!)).toEqual({ latitude: [51, 10, 30], longitude: [71, 26, 45] });
    expect(inMeta.xmp).toBeDefined();
    expect(inMeta.icc).toBeDefined();
    expect(input.includes('TestCam')).toBe(true);

    const out = ok(await processPhoto(input, { declaredType: 'image/jpeg', fileName: 'IMG_0001.JPG' }));
    expect(out.image.format).toBe('jpeg');
    expect([out.image.width, out.image.height]).toEqual([200, 100]);
    await expectClean(out.image);
    await expectClean(out.thumbnail);
  });

  it('PNG and WebP inputs keep their format and lose their metadata too', async () => {
    const png = await banded(300, 200).png().withMetadata({ orientation: 1 }).withExifMerge({ IFD0: { Make: 'TestCam' } }).toBuffer();
    const webp = await banded(300, 200).webp().withExifMerge({ IFD0: { Make: 'TestCam' } }).withXmp(XMP).toBuffer();
    expect((await sharp(png).metadata()).exif).toBeDefined();
    expect((await sharp(webp).metadata()).xmp).toBeDefined();
    for (const [bytes, format] of [
      [png, 'png'],
      [webp, 'webp'],
    ] as const) {
      const out = ok(await processPhoto(bytes, { declaredType: `image/${format}`, fileName: `photo.${format}` }));
      expect(out.image.format).toBe(format);
      expect(out.thumbnail.format).toBe(format);
      await expectClean(out.image);
      await expectClean(out.thumbnail);
    }
  });
});

describe('processPhoto: orientation and size', () => {
  it('applies the EXIF orientation (6 = rotate 90° clockwise) to the image and the thumbnail', async () => {
    const input = await phoneJpeg(6);
    expect((await sharp(input).metadata()).orientation).toBe(6);
    const out = ok(await processPhoto(input));
    expect([out.image.width, out.image.height]).toEqual([100, 200]);
    // The blue left quarter of the stored pixels is the top quarter once rotated clockwise.
    expect(isBlue(await pixel(out.image.bytes, 50, 10))).toBe(true);
    expect(isRed(await pixel(out.image.bytes, 50, 190))).toBe(true);
    expect([out.thumbnail.width, out.thumbnail.height]).toEqual([100, 200]);
    await expectClean(out.image);
  });

  it('orientation 3 (180°) puts the blue band on the right', async () => {
    const out = ok(await processPhoto(await phoneJpeg(3)));
    expect([out.image.width, out.image.height]).toEqual([200, 100]);
    expect(isBlue(await pixel(out.image.bytes, 190, 50))).toBe(true);
    expect(isRed(await pixel(out.image.bytes, 10, 50))).toBe(true);
  });

  it('caps the long side at 2560 px and makes a 320 px thumbnail; small images are not enlarged', async () => {
    const big = await banded(4000, 1000).jpeg({ quality: 70 }).toBuffer();
    const out = ok(await processPhoto(big));
    expect([out.image.width, out.image.height]).toEqual([2560, 640]);
    expect([out.thumbnail.width, out.thumbnail.height]).toEqual([320, 80]);
    expect(out.thumbnail.bytes.length).toBeLessThan(out.image.bytes.length);

    const tall = await banded(1000, 3000).jpeg().toBuffer();
    const t = ok(await processPhoto(tall));
    expect([t.image.width, t.image.height]).toEqual([853, 2560]);
    expect([t.thumbnail.width, t.thumbnail.height]).toEqual([107, 320]);

    const small = ok(await processPhoto(await banded(100, 50).png().toBuffer()));
    expect([small.image.width, small.image.height]).toEqual([100, 50]);
    expect([small.thumbnail.width, small.thumbnail.height]).toEqual([100, 50]);
  });
  it('processes a 12-megapixel phone-sized photo (time measured, not asserted)', async () => {
    const photo = await sharp({
      create: { width: 4032, height: 3024, channels: 3, background: RED, noise: { type: 'gaussian', mean: 128, sigma: 12 } },
    })
      .jpeg({ quality: 85 })
      .withMetadata({ orientation: 6 })
      .toBuffer();
    expect(photo.length).toBeLessThan(PHOTO_LIMITS.maxBytes);
    const started = performance.now();
    const out = ok(await processPhoto(photo, { declaredType: 'image/jpeg', fileName: 'IMG_1234.jpg' }));
    const ms = performance.now() - started;
    expect([out.image.width, out.image.height]).toEqual([1920, 2560]);
    expect([out.thumbnail.width, out.thumbnail.height]).toEqual([240, 320]);
    console.log(
      `processPhoto 4032×3024 JPEG (${(photo.length / 1e6).toFixed(1)} MB) -> ${out.image.width}×${out.image.height} ` +
        `(${(out.image.bytes.length / 1e6).toFixed(2)} MB) + thumbnail (${(out.thumbnail.bytes.length / 1e3).toFixed(0)} kB) in ${ms.toFixed(0)} ms`,
    );
  });
});

describe('processPhoto: refusals', () => {
  it('refuses a PNG renamed .jpg and sent as image/jpeg as a type mismatch', async () => {
    const png = await banded(64, 64).png().toBuffer();
    expect(await processPhoto(png, { declaredType: 'image/jpeg', fileName: 'holiday.jpg' })).toEqual({
      kind: 'refused',
      reason: 'type-mismatch',
    });
    // Either lie alone is enough.
    expect((await processPhoto(png, { declaredType: 'image/png', fileName: 'holiday.jpg' })).kind).toBe('refused');
    expect((await processPhoto(png, { declaredType: 'image/jpeg', fileName: 'holiday.png' })).kind).toBe('refused');
    expect((await processPhoto(png, { declaredType: 'image/gif' })).kind).toBe('refused');
    // Honest or absent claims pass.
    expect((await processPhoto(png, { declaredType: 'image/png', fileName: 'holiday.PNG' })).kind).toBe('ok');
    expect((await processPhoto(png, { declaredType: 'application/octet-stream', fileName: 'blob' })).kind).toBe('ok');
    expect((await processPhoto(png)).kind).toBe('ok');
  });

  it('refuses a text file (and other non-photos) as unsupported, whatever it claims to be', async () => {
    const text = Buffer.from('Dear akimat,\nthe street light on Abai avenue is broken.\n', 'utf8');
    expect(await processPhoto(text, { declaredType: 'text/plain', fileName: 'note.txt' })).toEqual({
      kind: 'refused',
      reason: 'unsupported-type',
    });
    expect((await processPhoto(text, { declaredType: 'image/jpeg', fileName: 'photo.jpg' })).kind).toBe('refused');
    const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10"/></svg>');
    const gif = await sharp({ create: { width: 4, height: 4, channels: 3, background: RED } }).gif().toBuffer();
    const tiff = await sharp({ create: { width: 4, height: 4, channels: 3, background: RED } }).tiff().toBuffer();
    for (const bytes of [svg, gif, tiff, Buffer.alloc(0), Buffer.from('%PDF-1.7\n')])
      expect(await processPhoto(bytes)).toEqual({ kind: 'refused', reason: 'unsupported-type' });
  });

  it('refuses an 11 MB buffer as too large before looking at its contents', async () => {
    const eleven = Buffer.alloc(11 * 1024 * 1024, 0x41);
    // JPEG magic number followed by garbage: a decoder would call it corrupt; the size check comes first.
    const fakeJpeg = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(11 * 1024 * 1024)]);
    const started = performance.now();
    expect(await processPhoto(eleven, { declaredType: 'image/jpeg' })).toEqual({
      kind: 'refused',
      reason: 'too-large',
      limit: 10 * 1024 * 1024,
    });
    expect(await processPhoto(fakeJpeg)).toEqual({ kind: 'refused', reason: 'too-large', limit: PHOTO_LIMITS.maxBytes });
    console.log(`size refusal of two 11 MB buffers: ${(performance.now() - started).toFixed(2)} ms`);
    // Exactly at the limit is allowed through to the next checks.
    expect(await processPhoto(Buffer.alloc(PHOTO_LIMITS.maxBytes, 0x41))).toEqual({ kind: 'refused', reason: 'unsupported-type' });
  });

  it('refuses a decompression bomb from its header, before decoding any pixel', async () => {
    // A real 1×1 PNG whose header is rewritten to claim 30 000 × 30 000 pixels (900 megapixels).
    const png = await sharp({ create: { width: 1, height: 1, channels: 3, background: RED } }).png().toBuffer();
    const bomb = Buffer.from(png);
    bomb.writeUInt32BE(30_000, 16);
    bomb.writeUInt32BE(30_000, 20);
    bomb.writeUInt32BE(crc32(bomb.subarray(12, 29)), 29);
    expect((await sharp(bomb, { limitInputPixels: false }).metadata()).width).toBe(30_000);
    expect(await processPhoto(bomb, { declaredType: 'image/png' })).toEqual({
      kind: 'refused',
      reason: 'too-many-pixels',
      limit: PHOTO_LIMITS.maxInputPixels,
    });
    // A genuine image over a (lowered) limit.
    const twoMp = await banded(2000, 1000).jpeg().toBuffer();
    expect(await processPhoto(twoMp, { maxInputPixels: 1_000_000 })).toEqual({
      kind: 'refused',
      reason: 'too-many-pixels',
      limit: 1_000_000,
    });
    expect((await processPhoto(twoMp, { maxInputPixels: 2_000_000 })).kind).toBe('ok');
  });

  it('refuses damaged files as corrupt', async () => {
    const jpeg = await phoneJpeg(1, [400, 300]);
    expect(await processPhoto(jpeg.subarray(0, Math.floor(jpeg.length / 3)))).toEqual({ kind: 'refused', reason: 'corrupt' });
    const pngMagicThenNoise = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(500, 7)]);
    expect(await processPhoto(pngMagicThenNoise)).toEqual({ kind: 'refused', reason: 'corrupt' });
    const webpHeaderOnly = Buffer.from('RIFF\x10\x00\x00\x00WEBPVP8 \x00\x00\x00\x00', 'latin1');
    expect(await processPhoto(webpHeaderOnly)).toEqual({ kind: 'refused', reason: 'corrupt' });
  });

  it('gives each refusal a message key with its limit in readable units', () => {
    expect(photoRefusalMessage({ kind: 'refused', reason: 'too-large', limit: PHOTO_LIMITS.maxBytes })).toEqual({
      key: 'reports.photo.tooLarge',
      params: { maxMb: '10' },
    });
    expect(photoRefusalMessage({ kind: 'refused', reason: 'too-many-pixels', limit: 50_000_000 })).toEqual({
      key: 'reports.photo.tooManyPixels',
      params: { maxMegapixels: '50' },
    });
    expect(photoRefusalMessage({ kind: 'refused', reason: 'type-mismatch' }).key).toBe('reports.photo.typeMismatch');
    expect(photoRefusalMessage({ kind: 'refused', reason: 'unsupported-type' }).key).toBe('reports.photo.unsupportedType');
    expect(photoRefusalMessage({ kind: 'refused', reason: 'corrupt' }).key).toBe('reports.photo.corrupt');
  });
});

describe('type detection', () => {
  it('sniffs JPEG, PNG and WebP by their magic numbers only', async () => {
    const base = () => sharp({ create: { width: 2, height: 2, channels: 3, background: RED } });
    expect(sniffPhotoFormat(await base().jpeg().toBuffer())).toBe('jpeg');
    expect(sniffPhotoFormat(await base().png().toBuffer())).toBe('png');
    expect(sniffPhotoFormat(await base().webp().toBuffer())).toBe('webp');
    expect(sniffPhotoFormat(await base().gif().toBuffer())).toBeNull();
    expect(sniffPhotoFormat(Buffer.from('RIFF\0\0\0\0WAVEfmt ', 'latin1'))).toBeNull();
    expect(sniffPhotoFormat(Buffer.from([0xff, 0xd8]))).toBeNull();
  });

  it.each([
    ['image/jpeg', 'jpeg'],
    ['IMAGE/JPG', 'jpeg'],
    ['image/pjpeg', 'jpeg'],
    ['image/png; charset=binary', 'png'],
    ['image/webp', 'webp'],
    ['image/heic', 'other'],
    ['text/plain', 'other'],
    ['application/octet-stream', null],
    ['', null],
    [null, null],
  ] as const)('MIME %s claims %s', (mime, claim) => {
    expect(claimOfMime(mime)).toBe(claim);
  });

  it.each([
    ['IMG_0001.JPG', 'jpeg'],
    ['photo.jpeg', 'jpeg'],
    ['C:\\Users\\me\\scan.jfif', 'jpeg'],
    ['dir/pic.png', 'png'],
    ['pic.webp', 'webp'],
    ['pic.heic', 'other'],
    ['notes.txt', 'other'],
    ['blob', null],
    ['.hidden', null],
    ['trailing.', null],
    [undefined, null],
  ] as const)('file name %s claims %s', (name, claim) => {
    expect(claimOfFileName(name)).toBe(claim);
  });
});
