import sharp from 'sharp';
import { AppError } from '../../core/errors';
import { AttachmentKind } from './attachment.enums';

/** What is kept of an upload: the bytes to store and what the console shows of them. */
export interface ProcessedFile {
  kind: AttachmentKind;
  mimeType: string;
  extension: string;
  body: Buffer;
  thumbnail: Buffer | null;
  width: number | null;
  height: number | null;
}

/** Re-encoded as the same format (a GIF becomes a PNG of its first frame). */
const IMAGES: Record<string, { format: 'jpeg' | 'png' | 'webp'; mime: string; ext: string }> = {
  'image/jpeg': { format: 'jpeg', mime: 'image/jpeg', ext: 'jpg' },
  'image/png': { format: 'png', mime: 'image/png', ext: 'png' },
  'image/webp': { format: 'webp', mime: 'image/webp', ext: 'webp' },
  'image/gif': { format: 'png', mime: 'image/png', ext: 'png' },
};

/** A phone photo is some 12–50 megapixels; anything far beyond that is a decompression bomb, not evidence. */
const MAX_PIXELS = 100_000_000;
/** Photos are kept at most this wide or high: enough to read a house number, not a 50 MB original. */
const MAX_SIDE = 4096;
const THUMB_SIDE = 320;

type FileTypeModule = typeof import('file-type', { with: { 'resolution-mode': 'import' } });
/**
 * file-type is an ES module only. Node 24 loads it with its own require (require(esm)); asked for
 * through process.getBuiltinModule so that jest's CommonJS sandbox, where the tests' in-process
 * server has neither import() nor ESM resolution, hands the request to Node as well.
 */
let detector: FileTypeModule | null = null;

export const ACCEPTED_WORDS = 'foto (JPEG, PNG, WebP, GIF) atau dokumen PDF';
export const PHOTO_WORDS = 'foto (JPEG, PNG, WebP atau GIF)';

/**
 * The type comes from the content (file-type), never from the name or the browser's claim.
 * Images are decoded and encoded again: EXIF, GPS, camera and any other metadata are left behind,
 * the EXIF orientation is applied to the pixels first so the photo stays upright. PDFs are kept
 * as sent. Everything else is refused, naming the field.
 */
export async function processUpload(bytes: Buffer, field = 'file', options: { imagesOnly?: boolean } = {}): Promise<ProcessedFile> {
  const accepted = options.imagesOnly ? PHOTO_WORDS : ACCEPTED_WORDS;
  if (bytes.length === 0) throw AppError.field(field, `Berkas kosong: pilih berkas yang berisi ${accepted}.`);
  detector ??= process.getBuiltinModule('node:module').createRequire(__filename)('file-type') as FileTypeModule;
  const found = await detector.fileTypeFromBuffer(bytes);
  if (found?.mime === 'application/pdf' && !options.imagesOnly) {
    return { kind: AttachmentKind.DOCUMENT, mimeType: 'application/pdf', extension: 'pdf', body: bytes, thumbnail: null, width: null, height: null };
  }
  const image = found ? IMAGES[found.mime] : undefined;
  if (!image) {
    throw AppError.field(
      field,
      `Jenis berkas tidak diterima${found ? ` (isinya ${found.mime}, apa pun nama berkasnya)` : ' (isinya tidak dikenali)'}: unggah ${accepted}.`,
    );
  }
  try {
    // libjpeg-turbo's defaults, not mozjpeg's trellis search: some 7× less CPU for a 1 MB photo (bench scenario `uploads`).
    const source = sharp(bytes, { limitInputPixels: MAX_PIXELS, failOn: 'error' }).rotate();
    const resized = source.clone().resize({ width: MAX_SIDE, height: MAX_SIDE, fit: 'inside', withoutEnlargement: true });
    const { data, info } = await (
      image.format === 'jpeg' ? resized.jpeg({ quality: 85 }) : image.format === 'png' ? resized.png() : resized.webp({ quality: 85 })
    ).toBuffer({ resolveWithObject: true });
    const thumbnail = await source
      .clone()
      .resize({ width: THUMB_SIDE, height: THUMB_SIDE, fit: 'inside', withoutEnlargement: true })
      .jpeg({ quality: 75 })
      .toBuffer();
    return { kind: AttachmentKind.IMAGE, mimeType: image.mime, extension: image.ext, body: data, thumbnail, width: info.width, height: info.height };
  } catch (err) {
    if (err instanceof AppError) throw err;
    throw AppError.field(field, `Foto tidak dapat dibaca (rusak atau terlalu besar, paling banyak ${MAX_PIXELS / 1_000_000} megapiksel).`);
  }
}
