import fs from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import exifReader from 'exif-reader';
import { expectError, Lab } from './helpers';

let lab: Lab;
const MB = 1024 * 1024;

beforeAll(async () => {
  lab = await Lab.start();
  // Small limits, so the refusals cost little to reach.
  Object.assign(lab.services.attachments.limits, { maxFileBytes: 1.5 * MB, maxComplaintBytes: 3 * MB, maxFiles: 6 });
}, 60_000);
afterAll(() => lab?.stop());

const FILE = `id fileName kind mimeType size width height visibility status eventId forEventId url thumbnailUrl
  uploadedBy { username } removedBy { username } removedAt removeReason`;

/** A phone photo lying on its side (EXIF orientation 6), with a camera and a GPS position in its EXIF. */
async function phonePhoto(width = 800, height = 600): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: '#3a7' } })
    .jpeg()
    .withMetadata({ orientation: 6 })
    .withExif({
      IFD0: { Make: 'Samsung', Model: 'SM-A155F' },
      IFD3: { GPSLatitudeRef: 'S', GPSLatitude: '7/1 28/1 3/1', GPSLongitudeRef: 'E', GPSLongitude: '110/1 13/1 5/1' },
    })
    .toBuffer();
}

const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
/** A Windows program (MZ header and PE signature), whatever it is named. */
const EXE = (() => {
  const b = Buffer.alloc(512);
  b.write('MZ', 0);
  b.writeUInt32LE(0x80, 0x3c);
  b.write('PE\0\0', 0x80, 'binary');
  return b;
})();

async function ticket(username: string, complaintId: string, fileName: string, visibility = 'INTERNAL') {
  return lab.gql(
    username,
    `mutation($c: ID!, $n: String!, $v: AttachmentVisibility!) { requestAttachmentUpload(complaintId: $c, fileName: $n, visibility: $v) { attachmentId uploadUrl expiresAt maxBytes } }`,
    { c: complaintId, n: fileName, v: visibility },
  );
}

async function put(uploadUrl: string, body: Buffer, username: string | null): Promise<{ status: number; json: any }> {
  const res = await fetch(`${lab.t.url}${uploadUrl}`, {
    method: 'PUT',
    headers: { 'content-type': 'application/octet-stream', ...(username ? { authorization: `Bearer ${await lab.token(username)}` } : {}) },
    body: new Uint8Array(body),
  });
  return { status: res.status, json: await res.json() };
}

/** Ticket and bytes; the attachment id once the server kept them. */
async function upload(username: string, complaintId: string, fileName: string, body: Buffer, visibility = 'INTERNAL'): Promise<string> {
  const t = await ticket(username, complaintId, fileName, visibility);
  expect(t.errors).toBeUndefined();
  const r = await put(t.data.requestAttachmentUpload.uploadUrl, body, username);
  expect(r).toMatchObject({ status: 201, json: { id: t.data.requestAttachmentUpload.attachmentId } });
  return r.json.id;
}

function attach(username: string, id: string, uploadIds: string[], forEventId?: string) {
  return lab.gql(
    username,
    `mutation($id: ID!, $u: [ID!]!, $f: ID) { attachFiles(id: $id, uploadIds: $u, forEventId: $f) { id attachmentCount attachments { ${FILE} } events { id type public message actor { username } } } }`,
    { id, u: uploadIds, f: forEventId ?? null },
  );
}

const get = (url: string, init: RequestInit = {}) => fetch(`${lab.t.url}${url}`, init);

/** The stored bytes themselves, read from the storage directory. */
async function stored(attachmentId: string, column: 'storageKey' | 'thumbnailKey' = 'storageKey'): Promise<string> {
  const [row] = await lab.t.app.db.query(`SELECT "${column}" AS key FROM complaint_attachment WHERE id = $1`, [attachmentId]);
  return path.join(lab.t.app.config.attachments.dir, ...row.key.split('/'));
}

describe('photos and documents', () => {
  let complaint: any;
  let codes: { trackingCode: string; accessCode: string };
  let photoId: string;

  test('a photo is uploaded, attached with an event, listed, counted and downloaded; its GPS and camera are gone, its orientation applied', async () => {
    const submitted = await lab.submit('admin.tengah', { title: 'Jalan berlubang di Jl. Tidar' });
    complaint = submitted.complaint;
    codes = { trackingCode: submitted.trackingCode, accessCode: submitted.accessCode };
    const original = await phonePhoto();
    expect(exifReader((await sharp(original).metadata()).exif!).GPSInfo).toMatchObject({ GPSLatitudeRef: 'S' });

    photoId = await upload('admin.tengah', complaint.id, 'IMG_2041.jpg', original, 'PUBLIC');
    const r = await attach('admin.tengah', complaint.id, [photoId]);
    expect(r.errors).toBeUndefined();
    const c = r.data.attachFiles;
    expect(c.attachmentCount).toBe(1);
    const [a] = c.attachments;
    // Upright: the 800×600 sensor image on its side is stored 600×800.
    expect(a).toMatchObject({ id: photoId, fileName: 'IMG_2041.jpg', kind: 'IMAGE', mimeType: 'image/jpeg', width: 600, height: 800, visibility: 'PUBLIC' });
    expect(a).toMatchObject({ status: 'ACTIVE', uploadedBy: { username: 'admin.tengah' }, removedAt: null });
    const added = c.events.at(-1);
    expect(added).toMatchObject({ type: 'ATTACHMENT_ADDED', public: true, message: '1 lampiran ditambahkan', actor: { username: 'admin.tengah' } });
    expect(a.eventId).toBe(added.id);

    // The stored file: re-encoded, no EXIF at all (no GPS, no camera), no orientation left to apply.
    const onDisk = await sharp(fs.readFileSync(await stored(photoId))).metadata();
    expect({ exif: onDisk.exif, orientation: onDisk.orientation, width: onDisk.width, height: onDisk.height }).toEqual({
      exif: undefined,
      orientation: undefined,
      width: 600,
      height: 800,
    });

    const file = await get(a.url);
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toBe('image/jpeg');
    expect(file.headers.get('content-security-policy')).toContain('sandbox');
    const body = Buffer.from(await file.arrayBuffer());
    expect((await sharp(body).metadata()).exif).toBeUndefined();
    const thumb = await get(a.thumbnailUrl);
    expect(thumb.status).toBe(200);
    const t = await sharp(Buffer.from(await thumb.arrayBuffer())).metadata();
    expect(Math.max(t.width!, t.height!)).toBeLessThanOrEqual(320);

    // The list shows the count, in the same single statement (once the viewer's identity is cached, as in lists.test.ts).
    const walikota = await lab.token('walikota');
    const list = () =>
      lab.t.gql(`query($ids: [ID!]) { complaints(filter: { ids: $ids }) { items { id attachmentCount } } }`, { ids: [complaint.id] }, walikota);
    await list();
    const page = await list();
    expect(page.data.complaints.items).toEqual([{ id: complaint.id, attachmentCount: 1 }]);
    expect((page as { extensions?: { sqlStatements?: number } }).extensions?.sqlStatements).toBe(1);
  });

  test('the reporter sees the public photo on the tracking page, with links that work without an account', async () => {
    const internal = await upload('admin.tengah', complaint.id, 'catatan-petugas.pdf', PDF, 'INTERNAL');
    expect((await attach('admin.tengah', complaint.id, [internal])).errors).toBeUndefined();
    const d = await lab.ok(
      null,
      `query($t: String!, $a: String!) { trackComplaint(trackingCode: $t, accessCode: $a) { attachments { fileName kind mimeType url thumbnailUrl } timeline { type } } }`,
      {
        t: codes.trackingCode,
        a: codes.accessCode,
      },
    );
    expect(d.trackComplaint.attachments).toEqual([
      { fileName: 'IMG_2041.jpg', kind: 'IMAGE', mimeType: 'image/jpeg', url: expect.stringMatching(/^\/attachments\//), thumbnailUrl: expect.any(String) },
    ]);
    expect((await get(d.trackComplaint.attachments[0].thumbnailUrl)).status).toBe(200);
    // The internal document's entry is not on the public timeline either.
    expect(d.trackComplaint.timeline.filter((e: any) => e.type === 'ATTACHMENT_ADDED')).toHaveLength(1);

    const html = await (
      await fetch(`${lab.t.url}/lacak`, { method: 'POST', body: new URLSearchParams({ tc: codes.trackingCode, ac: codes.accessCode }) })
    ).text();
    expect(html).toContain('IMG_2041.jpg');
    expect(html).toMatch(/<img [^>]*src="\/attachments\/\d+\/thumbnail\?/);
    expect(html).not.toContain('catatan-petugas.pdf');
  });

  test('a renamed program is refused by its content, in Indonesian, naming the field; its link is spent', async () => {
    const t = (await ticket('admin.tengah', complaint.id, 'foto-jalan.jpg')).data.requestAttachmentUpload;
    const r = await put(t.uploadUrl, EXE, 'admin.tengah');
    expect(r.status).toBe(400);
    expect(r.json.errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: ['file'] });
    expect(r.json.errors[0].message).toContain('Jenis berkas tidak diterima (isinya application/x-msdownload');
    expect((await put(t.uploadUrl, await phonePhoto(), 'admin.tengah')).status).toBe(404);
    const [{ n }] = await lab.t.app.db.query(`SELECT count(*)::int AS n FROM complaint_attachment WHERE id = $1`, [t.attachmentId]);
    expect(n).toBe(0);
  });

  test('upload links are single-use, need the uploader’s sign-in, and the size limits hold per file and per complaint', async () => {
    const { complaint: c } = await lab.submit('admin.tengah', { title: 'Saluran tersumbat di Kemirirejo' });
    const t = (await ticket('admin.tengah', c.id, 'a.pdf')).data.requestAttachmentUpload;
    expect(t.maxBytes).toBe(1.5 * MB);
    expect((await put(t.uploadUrl, PDF, null)).status).toBe(401);
    expect((await put(t.uploadUrl, PDF, 'admin.selatan')).status).toBe(404);
    expect((await put(t.uploadUrl, PDF, 'admin.tengah')).status).toBe(201);
    expect((await put(t.uploadUrl, PDF, 'admin.tengah')).status).toBe(404);

    const big = (await ticket('admin.tengah', c.id, 'besar.pdf')).data.requestAttachmentUpload;
    const tooBig = await put(big.uploadUrl, Buffer.concat([PDF, Buffer.alloc(1.6 * MB)]), 'admin.tengah');
    expect(tooBig.status).toBe(413);
    expect(tooBig.json.errors[0]).toMatchObject({ message: expect.stringContaining('paling besar 1.5 MB'), extensions: { fields: ['file'] } });

    const doc = Buffer.concat([PDF, Buffer.alloc(1.2 * MB)]);
    await upload('admin.tengah', c.id, 'b.pdf', doc);
    await upload('admin.tengah', c.id, 'c.pdf', doc);
    const third = (await ticket('admin.tengah', c.id, 'd.pdf')).data.requestAttachmentUpload;
    const over = await put(third.uploadUrl, doc, 'admin.tengah');
    expect(over.status).toBe(400);
    expect(over.json.errors[0].message).toContain('paling besar 3 MB seluruhnya');

    // Uploads never attached stop counting once expired, and the sweep removes their rows and bytes.
    const files = await lab.t.app.db.query(`SELECT id FROM complaint_attachment WHERE "complaintId" = $1 AND status = 'UPLOADED'`, [c.id]);
    const paths = await Promise.all(files.map((f: { id: number }) => stored(String(f.id))));
    expect(paths.every((p: string) => fs.existsSync(p))).toBe(true);
    await lab.t.app.db.query(`UPDATE complaint_attachment SET "uploadExpiresAt" = now() - interval '2 hours' WHERE "complaintId" = $1`, [c.id]);
    expect(await lab.services.attachments.sweepExpired()).toBeGreaterThanOrEqual(3);
    expect(paths.some((p: string) => fs.existsSync(p))).toBe(false);
    await upload('admin.tengah', c.id, 'e.pdf', doc);
  });

  test('the unit documents its progress and its answer; a file documents only such an entry of the same complaint', async () => {
    const c = await lab.forwarded('DINSOS', { title: 'Rumah tidak layak huni di Rejowinangun' });
    const progressed = await lab.must(
      'kepala.dinsos',
      'addProgress',
      { id: c.id, stage: 'FIELD_CHECK', note: 'Cek lapangan: dinding retak.' },
      'id events { id type }',
    );
    const progress = progressed.events.at(-1);
    const photo = await upload('kepala.dinsos', c.id, 'cek-lapangan.jpg', await phonePhoto(400, 300), 'PUBLIC');
    const wrong = await attach('kepala.dinsos', c.id, [photo], progressed.events[0].id);
    expectError(wrong, 'BAD_USER_INPUT', ['forEventId']);
    const r = await attach('kepala.dinsos', c.id, [photo], progress.id);
    expect(r.errors).toBeUndefined();
    expect(r.data.attachFiles.attachments[0]).toMatchObject({ forEventId: progress.id, uploadedBy: { username: 'kepala.dinsos' } });
    expect(r.data.attachFiles.events.at(-1).message).toBe('1 lampiran ditambahkan pada perkembangan penanganan');
    // The same upload cannot be attached twice.
    expectError(await attach('kepala.dinsos', c.id, [photo]), 'BAD_USER_INPUT', ['uploadIds']);
  });
});

describe('identity documents and scope', () => {
  let anon: any;
  let ktp: string;
  let internal: string;

  beforeAll(async () => {
    const { complaint } = await lab.submit('admin.tengah', { title: 'Pungutan di kelurahan', anonymous: true, reporterNik: '3371010101010001' });
    ktp = await upload('admin.tengah', complaint.id, 'KTP Siti Aminah.jpg', await phonePhoto(400, 300), 'IDENTITY');
    internal = await upload('admin.tengah', complaint.id, 'kwitansi.pdf', PDF, 'INTERNAL');
    expect((await attach('admin.tengah', complaint.id, [ktp, internal])).errors).toBeUndefined();
    await lab.must('admin.tengah', 'verifyComplaint', { id: complaint.id });
    anon = await lab.must('admin.tengah', 'forwardComplaint', { id: complaint.id, opdId: lab.opd.DINSOS });
  });

  test('the unit head of an anonymous complaint sees neither the KTP nor its name, thumbnail, size or count; the intake admin does', async () => {
    const Q = `attachmentCount attachments { id fileName thumbnailUrl url size visibility } events { type message internalNote }`;
    const admin = await lab.complaint('admin.tengah', anon.id, Q);
    expect(admin.attachmentCount).toBe(2);
    expect(admin.attachments.map((a: any) => a.fileName)).toEqual(['KTP Siti Aminah.jpg', 'kwitansi.pdf']);

    const head = await lab.complaint('kepala.dinsos', anon.id, Q);
    expect(head.attachmentCount).toBe(1);
    expect(head.attachments.map((a: any) => [a.id, a.fileName, a.visibility])).toEqual([[internal, 'kwitansi.pdf', 'INTERNAL']]);
    expect(JSON.stringify(head)).not.toMatch(/KTP|Siti/);
    const page = await lab.list('kepala.dinsos', { ids: [anon.id] }, {}, 'id attachmentCount attachments { fileName }');
    expect(page.items).toEqual([{ id: anon.id, attachmentCount: 1, attachments: [{ fileName: 'kwitansi.pdf' }] }]);

    // Nor may the unit add identity documents it could not see, or delete the one it cannot.
    expectError(await ticket('kepala.dinsos', anon.id, 'kk.jpg', 'IDENTITY'), 'BAD_USER_INPUT', ['visibility']);
    expectError(
      await lab.gql('kepala.dinsos', `mutation($id: ID!) { removeAttachment(id: $id, reason: "Salah unggah berkas") { id } }`, { id: ktp }),
      'NOT_FOUND',
    );
    // A link the head holds for the KTP (as if it leaked) is refused when used: the scope is asked again.
    const [row] = await lab.t.app.db.query(`SELECT * FROM complaint_attachment WHERE id = $1`, [ktp]);
    const leaked = lab.services.attachments.link(row, 'thumbnail', Number(lab.user['kepala.dinsos'].id))!;
    expect((await get(leaked)).status).toBe(404);
  });

  test('a file of a complaint out of scope is not downloadable by guessing or altering its URL', async () => {
    const admin = await lab.complaint('admin.tengah', anon.id, 'attachments { id url }');
    const url: string = admin.attachments.find((a: any) => a.id === internal).url;
    expect((await get(url)).status).toBe(200);
    const outsider = lab.user['kepala.disperkim'].id;
    const u = new URL(url, lab.t.url);
    const altered = (change: (p: URLSearchParams) => void) => {
      const p = new URLSearchParams(u.search);
      change(p);
      return `${u.pathname}?${p}`;
    };
    const bearer = { headers: { authorization: `Bearer ${await lab.token('kepala.disperkim')}` } };
    const attempts = [
      `/attachments/${internal}/file`,
      `/attachments/${ktp}/file${u.search}`,
      altered((p) => p.set('h', outsider)),
      altered((p) => p.set('h', 'public')),
      altered((p) => p.set('e', String(Number(p.get('e')) + 3600_000))),
      altered((p) =>
        p.set(
          's',
          p.get('s')!.replace(/^./, (ch) => (ch === 'A' ? 'B' : 'A')),
        ),
      ),
    ];
    for (const attempt of attempts) {
      const res = await get(attempt, bearer);
      expect([attempt, res.status]).toEqual([attempt, 404]);
    }
    // Even a correctly signed link for the outsider is refused: they may not read the complaint.
    const [row] = await lab.t.app.db.query(`SELECT * FROM complaint_attachment WHERE id = $1`, [internal]);
    expect((await get(lab.services.attachments.link(row, 'file', Number(outsider))!)).status).toBe(404);
    // The outsider cannot ask to upload there, nor see the files.
    expectError(await ticket('kepala.disperkim', anon.id, 'x.jpg'), 'NOT_FOUND');
    expect(await lab.complaint('kepala.disperkim', anon.id, 'id')).toBeNull();
  });

  test('deleting a file is an event with who and why; its bytes leave the storage, its record stays', async () => {
    const keyPath = await stored(internal);
    const before = await lab.complaint('admin.tengah', anon.id, 'version attachments { id url }');
    const oldUrl = before.attachments.find((a: any) => a.id === internal).url;
    expect(fs.existsSync(keyPath)).toBe(true);
    const r = await lab.gql(
      'kepala.dinsos',
      `mutation($id: ID!, $v: Int) { removeAttachment(id: $id, reason: "Kwitansi milik pengaduan lain", version: $v) {
        attachmentCount attachments { ${FILE} } events { type public message internalNote actor { username } } } }`,
      { id: internal, v: before.version },
    );
    expect(r.errors).toBeUndefined();
    const c = r.data.removeAttachment;
    expect(c.events.at(-1)).toEqual({
      type: 'ATTACHMENT_REMOVED',
      public: false,
      message: 'Lampiran dihapus',
      internalNote: 'Kwitansi milik pengaduan lain',
      actor: { username: 'kepala.dinsos' },
    });
    expect(c.attachmentCount).toBe(0);
    expect(c.attachments).toEqual([
      expect.objectContaining({
        id: internal,
        fileName: 'kwitansi.pdf',
        status: 'REMOVED',
        url: null,
        removedBy: { username: 'kepala.dinsos' },
        removeReason: 'Kwitansi milik pengaduan lain',
      }),
    ]);
    expect(fs.existsSync(keyPath)).toBe(false);
    expect((await get(oldUrl)).status).toBe(404);
    expectError(
      await lab.gql('kepala.dinsos', `mutation($id: ID!) { removeAttachment(id: $id, reason: "Sekali lagi dihapus") { id } }`, { id: internal }),
      'NOT_FOUND',
    );
  });
});
