import sharp, { type Metadata, type Sharp } from 'sharp';

/**
 * Photos attached to issue reports: checked, cleaned and resized before anything is stored.
 *
 * processPhoto, in this order (each step refuses before the next, more expensive one runs):
 *   1. size: more than `maxBytes` (10 MiB) -> `too-large`, before the bytes are even sniffed;
 *   2. type from the bytes (magic numbers): JPEG (FF D8 FF), PNG (89 50 4E 47 0D 0A 1A 0A) or WebP
 *      ("RIFF" .... "WEBP"); anything else (text, PDF, SVG, GIF, HEIC, TIFF, empty) ->
 *      `unsupported-type`. sharp never sees a type we did not choose (no SVG/PDF loaders);
 *   3. the caller's claims: a MIME type or a file extension that names another type than the bytes
 *      -> `type-mismatch` (a PNG named photo.jpg, sent as image/jpeg, is refused). No claim, an
 *      empty MIME type or application/octet-stream, and a name without extension claim nothing;
 *   4. header: sharp reads the header only; unreadable, or a decoder other than the sniffed one ->
 *      `corrupt`; width × height over `maxInputPixels` (50 megapixels) -> `too-many-pixels`, before
 *      any pixel is decoded (a decompression bomb declares its size in its header);
 *   5. decode (with sharp's limitInputPixels as a second guard and failOn 'error' for damaged data),
 *      rotate by the EXIF orientation, convert to sRGB, shrink so that the long side is at most
 *      `maxLongSide` (2560 px; never enlarged) and re-encode in the same format. sharp writes no
 *      metadata unless asked (keepExif / withMetadata are never called): EXIF (camera, time, GPS),
 *      XMP, IPTC and the ICC profile are all dropped — the pixels were converted to sRGB first;
 *   6. a thumbnail of at most `thumbnailLongSide` (320 px), made from the processed image (so the
 *      original is decoded once), same treatment.
 * A decoding error is reported as `corrupt`; only the 30 s timeout of sharp is thrown.
 */

export type PhotoFormat = 'jpeg' | 'png' | 'webp';
export type PhotoRefusal = 'too-large' | 'unsupported-type' | 'type-mismatch' | 'corrupt' | 'too-many-pixels';

export interface ProcessedImage {
  format: PhotoFormat;
  width: number;
  height: number;
  bytes: Buffer;
}

export type PhotoOutcome =
  | { kind: 'ok'; image: ProcessedImage; thumbnail: ProcessedImage }
  | {
      kind: 'refused';
      reason: PhotoRefusal;
      /** The limit that was exceeded: bytes for too-large, pixels for too-many-pixels. */
      limit?: number;
    };

export interface PhotoOptions {
  /** MIME type sent with the upload (e.g. File.type). */
  declaredType?: string | null;
  /** File name sent with the upload: its extension is checked against the bytes. */
  fileName?: string | null;
  maxBytes?: number;
  maxInputPixels?: number;
  maxLongSide?: number;
  thumbnailLongSide?: number;
}

export const PHOTO_LIMITS = {
  /** 10 MiB. */
  maxBytes: 10 * 1024 * 1024,
  /** 50 megapixels: a 48 MP phone photo passes, a 20 000 × 20 000 "bomb" does not. */
  maxInputPixels: 50_000_000,
  maxLongSide: 2560,
  thumbnailLongSide: 320,
} as const;

export const PHOTO_CONTENT_TYPES: Record<PhotoFormat, string> = {
  jpeg: 'image/jpeg',
  png: 'image/png',
  webp: 'image/webp',
};

/** The file extension to store a processed image under. */
export const PHOTO_EXTENSIONS: Record<PhotoFormat, string> = { jpeg: 'jpg', png: 'png', webp: 'webp' };

const startsWith = (bytes: Buffer, prefix: readonly number[], offset = 0) =>
  bytes.length >= offset + prefix.length && prefix.every((b, i) => bytes[offset + i] === b);
const ascii = (s: string) => [...s].map((c) => c.charCodeAt(0));

/** The image type of the bytes by their magic number, or null when not JPEG, PNG or WebP. */
export function sniffPhotoFormat(bytes: Buffer): PhotoFormat | null {
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'jpeg';
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'png';
  if (startsWith(bytes, ascii('RIFF')) && startsWith(bytes, ascii('WEBP'), 8)) return 'webp';
  return null;
}

/** 'other' means the claim names a type we know is not JPEG/PNG/WebP; null: no claim. */
type Claim = PhotoFormat | 'other' | null;

const MIME_CLAIMS: Record<string, PhotoFormat> = {
  'image/jpeg': 'jpeg',
  'image/jpg': 'jpeg',
  'image/pjpeg': 'jpeg',
  'image/png': 'png',
  'image/x-png': 'png',
  'image/webp': 'webp',
};

export function claimOfMime(mime: string | null | undefined): Claim {
  const m = (mime ?? '').split(';')[0]!.trim().toLowerCase();
  if (m === '' || m === 'application/octet-stream') return null;
  return MIME_CLAIMS[m] ?? 'other';
}

const EXTENSION_CLAIMS: Record<string, PhotoFormat> = {
  jpg: 'jpeg',
  jpeg: 'jpeg',
  jpe: 'jpeg',
  jfif: 'jpeg',
  png: 'png',
  webp: 'webp',
};

export function claimOfFileName(fileName: string | null | undefined): Claim {
  const name = (fileName ?? '').trim().replace(/^.*[\\/]/, '');
  const dot = name.lastIndexOf('.');
  if (dot <= 0 || dot === name.length - 1) return null;
  return EXTENSION_CLAIMS[name.slice(dot + 1).toLowerCase()] ?? 'other';
}

function encode(pipeline: Sharp, format: PhotoFormat): Sharp {
  switch (format) {
    case 'jpeg':
      return pipeline.jpeg({ quality: 82 });
    case 'png':
      return pipeline.png({ compressionLevel: 8 });
    case 'webp':
      return pipeline.webp({ quality: 80 });
  }
}

async function render(base: Sharp, format: PhotoFormat, longSide: number): Promise<ProcessedImage> {
  const resized = base
    .resize({ width: longSide, height: longSide, fit: 'inside', withoutEnlargement: true })
    .toColourspace('srgb');
  const { data, info } = await encode(resized, format).toBuffer({ resolveWithObject: true });
  return { format, width: info.width, height: info.height, bytes: data };
}

const isPixelLimitError = (err: unknown) => err instanceof Error && /pixel limit/i.test(err.message);

export async function processPhoto(bytes: Buffer, opts: PhotoOptions = {}): Promise<PhotoOutcome> {
  const maxBytes = opts.maxBytes ?? PHOTO_LIMITS.maxBytes;
  const maxInputPixels = opts.maxInputPixels ?? PHOTO_LIMITS.maxInputPixels;
  const maxLongSide = opts.maxLongSide ?? PHOTO_LIMITS.maxLongSide;
  const thumbnailLongSide = opts.thumbnailLongSide ?? PHOTO_LIMITS.thumbnailLongSide;

  if (bytes.length > maxBytes) return { kind: 'refused', reason: 'too-large', limit: maxBytes };
  const format = sniffPhotoFormat(bytes);
  if (!format) return { kind: 'refused', reason: 'unsupported-type' };
  for (const claim of [claimOfMime(opts.declaredType), claimOfFileName(opts.fileName)]) {
    if (claim !== null && claim !== format) return { kind: 'refused', reason: 'type-mismatch' };
  }

  const input = { limitInputPixels: maxInputPixels, failOn: 'error' as const };
  let metadata: Metadata;
  try {
    metadata = await sharp(bytes, input).metadata();
  } catch (err) {
    // sharp already applies limitInputPixels to the header.
    if (isPixelLimitError(err)) return { kind: 'refused', reason: 'too-many-pixels', limit: maxInputPixels };
    return { kind: 'refused', reason: 'corrupt' };
  }
  if (metadata.format !== format || !(metadata.width > 0) || !(metadata.height > 0))
    return { kind: 'refused', reason: 'corrupt' };
  if (metadata.width * metadata.height > maxInputPixels)
    return { kind: 'refused', reason: 'too-many-pixels', limit: maxInputPixels };

  const base = sharp(bytes, input).timeout({ seconds: 30 }).autoOrient();
  try {
    const image = await render(base, format, maxLongSide);
    // From the (already oriented, at most 2560 px) image: the original is decoded only once.
    const thumbnail = await render(sharp(image.bytes).timeout({ seconds: 30 }), format, thumbnailLongSide);
    return { kind: 'ok', image, thumbnail };
  } catch (err) {
    if (isPixelLimitError(err)) return { kind: 'refused', reason: 'too-many-pixels', limit: maxInputPixels };
    if (err instanceof Error && /timeout/i.test(err.message)) throw err;
    return { kind: 'refused', reason: 'corrupt' };
  }
}

/**
 * The i18n message (area `reports`) for a refused photo, with its limit in the unit people read:
 * `t(m.key, m.params)`, e.g. "The photo is too large: each file may be at most 10 MB."
 */
export function photoRefusalMessage(refusal: Extract<PhotoOutcome, { kind: 'refused' }>): {
  key: string;
  params: Record<string, string>;
} {
  const mb = (bytes: number) => String(Math.round((bytes / (1024 * 1024)) * 10) / 10);
  const mp = (pixels: number) => String(Math.round(pixels / 100_000) / 10);
  switch (refusal.reason) {
    case 'too-large':
      return { key: 'reports.photo.tooLarge', params: { maxMb: mb(refusal.limit ?? PHOTO_LIMITS.maxBytes) } };
    case 'too-many-pixels':
      return {
        key: 'reports.photo.tooManyPixels',
        params: { maxMegapixels: mp(refusal.limit ?? PHOTO_LIMITS.maxInputPixels) },
      };
    case 'unsupported-type':
      return { key: 'reports.photo.unsupportedType', params: {} };
    case 'type-mismatch':
      return { key: 'reports.photo.typeMismatch', params: {} };
    case 'corrupt':
      return { key: 'reports.photo.corrupt', params: {} };
  }
}
