import busboy from 'busboy';
import type express from 'express';
import type { PostedFile } from '../attachments/attachment.service';

export interface Posted {
  fields: Record<string, string>;
  files: PostedFile[];
  /** More files than `files` allowed: the rest were not read. */
  tooManyFiles: boolean;
  /** The body went past everything the limits allow together: reading stopped there. */
  tooLarge: boolean;
}

export interface PostLimits {
  /** One file's bytes; beyond, the file is cut off and marked tooBig (the rest of the form is still read). */
  fileBytes: number;
  files: number;
}

const FIELD_BYTES = 64 * 1024;
const FIELDS = 60;

/**
 * A form as a browser without scripts posts it: multipart/form-data when it carries files (its
 * text fields are read even when a file is refused, so the page can keep what was typed), or
 * plain urlencoded, already parsed by express.urlencoded into req.body. Only `fileField`'s files
 * are kept; an empty file part (the input left empty) is no file.
 */
export function readPost(req: express.Request, fileField: string, limits: PostLimits): Promise<Posted> {
  if (!req.is('multipart/form-data')) {
    const body = (req.body ?? {}) as Record<string, unknown>;
    const fields = Object.fromEntries(Object.entries(body).map(([k, v]) => [k, typeof v === 'string' ? v : '']));
    return Promise.resolve({ fields, files: [], tooManyFiles: false, tooLarge: false });
  }
  return new Promise((resolve, reject) => {
    const posted: Posted = { fields: {}, files: [], tooManyFiles: false, tooLarge: false };
    const most = (limits.files + 1) * limits.fileBytes + FIELDS * FIELD_BYTES;
    let received = 0;
    let parser: busboy.Busboy;
    try {
      parser = busboy({
        headers: req.headers,
        limits: { fileSize: limits.fileBytes, files: limits.files + 1, fields: FIELDS, fieldSize: FIELD_BYTES, parts: FIELDS + limits.files + 1 },
      });
    } catch (err) {
      return reject(Object.assign(err as Error, { status: 400 }));
    }
    const finish = () => {
      req.unpipe(parser);
      resolve(posted);
    };
    parser.on('field', (name, value) => {
      if (name in posted.fields) return;
      posted.fields[name] = value;
    });
    parser.on('file', (name, stream, info) => {
      const chunks: Buffer[] = [];
      let tooBig = false;
      stream.on('data', (chunk: Buffer) => {
        if (name === fileField) chunks.push(chunk);
      });
      stream.on('limit', () => {
        tooBig = true;
        chunks.length = 0;
      });
      stream.on('close', () => {
        const bytes = Buffer.concat(chunks);
        if (name !== fileField || (!info.filename && bytes.length === 0 && !tooBig)) return;
        posted.files.push({ fileName: info.filename ?? '', bytes, tooBig });
      });
    });
    parser.on('filesLimit', () => (posted.tooManyFiles = true));
    parser.on('close', finish);
    parser.on('error', (err: Error) => reject(Object.assign(err, { status: 400 })));
    req.on('data', (chunk: Buffer) => {
      received += chunk.length;
      if (received > most && !posted.tooLarge) {
        posted.tooLarge = true;
        finish();
      }
    });
    req.pipe(parser);
  });
}
