import fs from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import type { RunningServer } from '../lib/servers';
import { cpuMs, percentile, round, sleep } from '../lib/util';

export interface UploadResult {
  photoBytes: number;
  connections: number;
  seconds: number;
  /** Photos stored and attached (request link, PUT, attachFiles). */
  uploads: number;
  uploadsPerSecond: number;
  /** Megabytes of photos received per second. */
  mbPerSecond: number;
  /** The PUT alone: receive, type check, re-encode, thumbnail, store. */
  putMs: { p50: number; p90: number; p99: number };
  /** The three steps of one file. */
  fileMs: { p50: number; p99: number };
  errors: number;
  firstError?: string;
  serverCpuMsPerUpload: number;
  /** The complaint list with attachmentCount afterwards: statements per request by the server's own counter. */
  listStatements: number | null;
  listWithCounts: { complaints: number; withFiles: number };
}

/** A phone photo of about `bytes` (noise keeps JPEG from compressing it), with GPS in its EXIF like a real one. */
export async function benchPhoto(bytes = 1024 * 1024): Promise<Buffer> {
  let side = 900;
  for (;;) {
    const photo = await sharp({
      create: { width: side, height: Math.round(side * 0.75), channels: 3, background: '#777', noise: { type: 'gaussian', mean: 128, sigma: 40 } },
    })
      .jpeg({ quality: 85 })
      .withExif({ IFD3: { GPSLatitudeRef: 'S', GPSLatitude: '7/1 28/1 3/1' } })
      .toBuffer();
    if (photo.length >= bytes * 0.95 || side > 6000) return photo;
    side = Math.round(side * Math.sqrt((bytes * 1.02) / photo.length));
  }
}

interface Answer {
  data: {
    requestAttachmentUpload: { attachmentId: string; uploadUrl: string };
    complaints: { items: { attachmentCount: number }[] };
  };
  errors?: { message: string }[];
  extensions?: { sqlStatements?: number };
}

/** One operation; its `data` typed loosely as whichever of the three this scenario sends. */
async function gql(server: RunningServer, token: string, query: string, variables: Record<string, unknown>): Promise<Answer> {
  const res = await fetch(server.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await res.json()) as Answer;
  if (body.errors?.length) throw new Error(body.errors[0].message);
  return body;
}

/**
 * Upload throughput of ~1 MB photos: `connections` workers each attach photos one after another
 * (ticket, PUT of the raw bytes, attachFiles) to complaints of the admin's own intake, for
 * `seconds`. Then one complaint list with `attachmentCount`, whose statements are counted.
 */
export async function runUploads(opts: {
  server: RunningServer;
  token: string;
  complaintIds: number[];
  connections: number;
  seconds: number;
  photoBytes?: number;
}): Promise<UploadResult> {
  const photo = await benchPhoto(opts.photoBytes);
  const base = opts.server.url.replace(/\/graphql$/, '');
  const puts: number[] = [];
  const files: number[] = [];
  let errors = 0;
  let firstError: string | undefined;
  let next = 0;
  const cpu0 = cpuMs(opts.server.pid);
  const started = Date.now();
  const until = started + opts.seconds * 1000;
  const worker = async () => {
    while (Date.now() < until) {
      const complaintId = opts.complaintIds[next++ % opts.complaintIds.length];
      const t0 = performance.now();
      try {
        const ticket = await gql(
          opts.server,
          opts.token,
          `mutation($c: ID!) { requestAttachmentUpload(complaintId: $c, fileName: "foto.jpg", visibility: PUBLIC) { attachmentId uploadUrl } }`,
          { c: complaintId },
        );
        const t1 = performance.now();
        const res = await fetch(`${base}${ticket.data.requestAttachmentUpload.uploadUrl}`, {
          method: 'PUT',
          headers: { authorization: `Bearer ${opts.token}`, 'content-type': 'image/jpeg' },
          body: new Uint8Array(photo),
        });
        if (res.status !== 201) throw new Error(`PUT ${res.status}: ${(await res.text()).slice(0, 200)}`);
        await res.arrayBuffer();
        puts.push(performance.now() - t1);
        await gql(opts.server, opts.token, `mutation($id: ID!, $u: [ID!]!) { attachFiles(id: $id, uploadIds: $u) { id } }`, {
          id: complaintId,
          u: [ticket.data.requestAttachmentUpload.attachmentId],
        });
        files.push(performance.now() - t0);
      } catch (err) {
        errors++;
        firstError ??= (err as Error).message;
        await sleep(50);
      }
    }
  };
  await Promise.all(Array.from({ length: opts.connections }, worker));
  const seconds = (Date.now() - started) / 1000;
  const cpu = cpuMs(opts.server.pid) - cpu0;

  const list = await gql(opts.server, opts.token, `query { complaints(perPage: 50) { total items { id attachmentCount } } }`, {});
  const items = list.data.complaints.items;
  return {
    photoBytes: photo.length,
    connections: opts.connections,
    seconds: round(seconds, 1),
    uploads: files.length,
    uploadsPerSecond: round(files.length / seconds, 1),
    mbPerSecond: round((files.length * photo.length) / 1024 / 1024 / seconds, 1),
    putMs: { p50: round(percentile(puts, 50), 1), p90: round(percentile(puts, 90), 1), p99: round(percentile(puts, 99), 1) },
    fileMs: { p50: round(percentile(files, 50), 1), p99: round(percentile(files, 99), 1) },
    errors,
    firstError,
    serverCpuMsPerUpload: files.length ? round(cpu / files.length, 1) : 0,
    listStatements: list.extensions?.sqlStatements ?? null,
    listWithCounts: { complaints: items.length, withFiles: items.filter((c) => c.attachmentCount > 0).length },
  };
}

/** Where the bench server keeps the photos: gone after the run. */
export function uploadDir(benchDir: string): string {
  const dir = path.join(benchDir, '.data', `attachments-${process.pid}`);
  fs.rmSync(dir, { recursive: true, force: true });
  return dir;
}
