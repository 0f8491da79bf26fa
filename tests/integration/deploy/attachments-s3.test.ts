import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import S3rver from 's3rver';
import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { Lab } from '../lifecycle/helpers';
import { loadConfig } from '../../../server/config';

/**
 * The S3 adapter against a real S3-compatible server (s3rver, from npm, on port 0): what the
 * API stores, serves and deletes lands in the bucket, configured by the same environment
 * variables an installation sets (S3_BUCKET, S3_ENDPOINT …).
 */
let lab: Lab;
let s3: S3rver;
let client: S3Client;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lapor-s3rver-'));

beforeAll(async () => {
  s3 = new S3rver({ port: 0, address: '127.0.0.1', silent: true, directory: dir, configureBuckets: [{ name: 'lapor-lampiran', configs: [] }] });
  const { port } = await s3.run();
  const env = {
    APP_MODE: 'test',
    S3_BUCKET: 'lapor-lampiran',
    S3_ENDPOINT: `http://127.0.0.1:${port}`,
    S3_ACCESS_KEY_ID: 'S3RVER',
    S3_SECRET_ACCESS_KEY: 'S3RVER',
  };
  const attachments = loadConfig(env).attachments;
  expect(attachments.s3).toMatchObject({ bucket: 'lapor-lampiran', forcePathStyle: true });
  lab = await Lab.start({ attachments });
  client = new S3Client({
    region: 'us-east-1',
    endpoint: env.S3_ENDPOINT,
    forcePathStyle: true,
    credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
  });
}, 60_000);
afterAll(async () => {
  client?.destroy();
  await lab?.stop();
  await s3?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

test('a photo goes to the bucket re-encoded, is served from it, and leaves it when deleted', async () => {
  expect(lab.services.attachments.storage.name).toBe('s3');
  const { complaint } = await lab.submit('admin.tengah', { title: 'Drainase meluap di Jurangombo' });
  const photo = await sharp({ create: { width: 640, height: 480, channels: 3, background: '#246' } })
    .jpeg()
    .withExif({ IFD3: { GPSLatitudeRef: 'S', GPSLatitude: '7/1 29/1 0/1' } })
    .toBuffer();
  const t = await lab.ok(
    'admin.tengah',
    `mutation($c: ID!) { requestAttachmentUpload(complaintId: $c, fileName: "banjir.jpg", visibility: PUBLIC) { attachmentId uploadUrl } }`,
    { c: complaint.id },
  );
  const put = await fetch(`${lab.t.url}${t.requestAttachmentUpload.uploadUrl}`, {
    method: 'PUT',
    headers: { authorization: `Bearer ${await lab.token('admin.tengah')}` },
    body: new Uint8Array(photo),
  });
  expect(put.status).toBe(201);
  const id = t.requestAttachmentUpload.attachmentId;
  const d = await lab.ok('admin.tengah', `mutation($id: ID!, $u: [ID!]!) { attachFiles(id: $id, uploadIds: $u) { version attachments { url } } }`, {
    id: complaint.id,
    u: [id],
  });

  const [row] = await lab.t.app.db.query(`SELECT "storageKey", "thumbnailKey" FROM complaint_attachment WHERE id = $1`, [id]);
  const object = await client.send(new GetObjectCommand({ Bucket: 'lapor-lampiran', Key: row.storageKey }));
  expect(object.ContentType).toBe('image/jpeg');
  const stored = Buffer.from(await object.Body!.transformToByteArray());
  expect((await sharp(stored).metadata()).exif).toBeUndefined();
  const served = await fetch(`${lab.t.url}${d.attachFiles.attachments[0].url}`);
  expect(Buffer.from(await served.arrayBuffer()).equals(stored)).toBe(true);

  await lab.ok('admin.tengah', `mutation($id: ID!) { removeAttachment(id: $id, reason: "Foto lokasi lain") { id } }`, { id });
  for (const key of [row.storageKey, row.thumbnailKey]) {
    await expect(client.send(new GetObjectCommand({ Bucket: 'lapor-lampiran', Key: key }))).rejects.toMatchObject({ name: 'NoSuchKey' });
  }
});
