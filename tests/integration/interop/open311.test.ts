import sharp from 'sharp';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { XMLParser } from 'fast-xml-parser';
import { discoverySchema, errorSchema, postRequestSchema, requestsSchema, servicesSchema, tokensSchema } from '../../support/georeport-v2.schemas';
import { Lab } from '../lifecycle/helpers';

let lab: Lab;
let key: string;
const ajv = addFormats(new Ajv({ allErrors: true }));
const validators = new Map([discoverySchema, errorSchema, postRequestSchema, requestsSchema, servicesSchema, tokensSchema].map((s) => [s, ajv.compile(s)]));

/** Fails with ajv's own report when a response does not follow the GeoReport v2 schema. */
function expectValid(schema: { $id: string }, value: unknown): void {
  const validate = validators.get(schema as never)!;
  if (!validate(value)) throw new Error(`${schema.$id}: ${ajv.errorsText(validate.errors)}\n${JSON.stringify(value, null, 1)}`);
}

const LISTS: Record<string, [string, string]> = {
  services: ['services', 'service'],
  service_requests: ['service_requests', 'request'],
  errors: ['errors', 'error'],
};
const parser = new XMLParser({ parseTagValue: false, isArray: (name) => ['service', 'request', 'error', 'endpoint', 'format'].includes(name) });

/** Reads an XML answer into the shape of the JSON one, so the same schema checks both. */
function fromXml(body: string): unknown {
  const doc = parser.parse(body);
  const coerce = (o: Record<string, unknown>) =>
    Object.fromEntries(
      Object.entries(o).map(([k, v]) => {
        if (k === 'metadata') return [k, v === 'true'];
        if (k === 'lat' || k === 'long' || k === 'code') return [k, Number(v)];
        return [k, v];
      }),
    );
  for (const [root, item] of Object.values(LISTS)) if (root in doc) return ((doc[root] || {})[item] ?? []).map(coerce);
  const d = doc.discovery;
  return { ...d, endpoints: d.endpoints.endpoint.map((e: { formats: { format: string[] } }) => ({ ...e, formats: e.formats.format })) };
}

async function call(method: 'GET' | 'POST', path: string, schema: { $id: string }, form?: Record<string, string>) {
  const res = await fetch(`${lab.t.url}/open311/v2/${path}`, {
    method,
    headers: form ? { 'content-type': 'application/x-www-form-urlencoded' } : {},
    body: form ? new URLSearchParams(form).toString() : undefined,
  });
  const text = await res.text();
  const body = path.includes('.xml') ? fromXml(text) : JSON.parse(text);
  expectValid(schema, body);
  return { status: res.status, body: body as any, text, type: res.headers.get('content-type') };
}

const POINT = { lat: '-7.4797', long: '110.2177' };

beforeAll(async () => {
  lab = await Lab.start();
  key = (await lab.ok('superadmin', `mutation { createApiClient(name: "FixMyStreet Magelang", scopes: [COMPLAINTS_SUBMIT, PUBLIC_READ]) { key } }`))
    .createApiClient.key;
});
afterAll(() => lab?.stop());

test('discovery and services in JSON and XML follow the spec', async () => {
  for (const ext of ['json', 'xml']) {
    const d = await call('GET', `discovery.${ext}`, discoverySchema);
    expect(d.body.endpoints[0].url).toBe(`${lab.t.url}/open311/v2/`);
    const s = await call('GET', `services.${ext}`, servicesSchema);
    expect(s.body.map((x: { service_code: string }) => x.service_code)).toEqual(expect.arrayContaining(['BANSOS', 'RTLH']));
  }
  expect((await call('GET', 'services.xml', servicesSchema)).type).toContain('application/xml');
  expect((await call('GET', 'services/BANSOS.json', errorSchema)).status).toBe(404);
});

test('a request POSTed with an API key goes through the one intake; refusals use the error format', async () => {
  const form = {
    api_key: key,
    service_code: 'RTLH',
    description: 'Rumah tidak layak huni, atap bocor di RT 02 RW 05.',
    email: 'warga@contoh.id',
    first_name: 'Sri',
    last_name: 'Wahyuni',
    ...POINT,
  };
  const created = await call('POST', 'requests.json', postRequestSchema, form);
  expect(created.status).toBe(201);
  const id: string = created.body[0].service_request_id;
  const [row] = await lab.t.app.db.query(
    `SELECT c.channel, c."reporterName", c.latitude, cat.code, a.name AS app FROM complaint c JOIN category cat ON cat.id = c."categoryId" JOIN api_client a ON a.id = c."apiClientId" WHERE c."trackingCode" = $1`,
    [id],
  );
  expect(row).toMatchObject({ channel: 'EXTERNAL_APP', reporterName: 'Sri Wahyuni', code: 'RTLH', app: 'FixMyStreet Magelang' });
  const viaXml = await call('POST', 'requests.xml', postRequestSchema, { ...form, description: 'Atap rumah roboh sebagian setelah hujan deras.' });
  expect(viaXml.status).toBe(201);

  const refusals: [Record<string, string>, number][] = [
    [{ ...form, api_key: '' }, 403],
    [{ ...form, api_key: 'abcdefgh.wrongwrongwrongwrongwrong' }, 403],
    [{ ...form, service_code: 'NO-SUCH' }, 404],
    [{ ...form, lat: '', long: '' }, 400],
    [{ ...form, lat: '999' }, 400],
    [{ ...form, email: 'bukan-email' }, 400],
  ];
  for (const [bad, status] of refusals) expect((await call('POST', 'requests.json', errorSchema, bad)).status).toBe(status);
  const readOnly = (await lab.ok('superadmin', `mutation { createApiClient(name: "Hanya Baca 311", scopes: [PUBLIC_READ]) { key } }`)).createApiClient.key;
  const refused = await call('POST', 'requests.xml', errorSchema, { ...form, api_key: readOnly });
  expect(refused.body[0]).toEqual({ code: 403, description: expect.stringContaining('complaints:submit') });
});

test('requests are read with the spec filters, as public facts: open/closed, status_notes and agency from the public timeline', async () => {
  const post = (over: Record<string, string>) =>
    call('POST', 'requests.json', postRequestSchema, {
      api_key: key,
      service_code: 'BANSOS',
      description: 'Bantuan sosial belum diterima sejak Oktober.',
      phone: '0812000111',
      first_name: 'Joko',
      ...POINT,
      ...over,
    });
  const open = (await post({})).body[0].service_request_id;
  const answered = (await post({ description: 'BPNT bulan ini belum cair untuk keluarga kami.' })).body[0].service_request_id;
  const [{ id }] = await lab.t.app.db.query('SELECT id FROM complaint WHERE "trackingCode" = $1', [answered]);
  // Submitted without a kelurahan: verified at the city's central intake.
  await lab.must('admin.kominsta', 'verifyComplaint', { id: String(id), note: 'RAHASIA internal' });
  await lab.must('admin.kominsta', 'forwardComplaint', { id: String(id), opdId: lab.opd.DINSOS, publicMessage: 'Diteruskan ke Dinas Sosial' });
  await lab.must('kepala.dinsos', 'respondToComplaint', { id: String(id), answer: 'BPNT sudah dicairkan hari ini.' });
  await lab.must('admin.kominsta', 'closeComplaint', { id: String(id) });
  const secret = await lab.submit('admin.tengah', { title: 'Laporan rahasia pungli', confidential: true, categoryId: lab.category.BANSOS });

  for (const ext of ['json', 'xml']) {
    const one = await call('GET', `requests/${answered}.${ext}`, requestsSchema);
    expect(one.body[0]).toMatchObject({ service_request_id: answered, status: 'closed', service_code: 'BANSOS', agency_responsible: lab.opdName.DINSOS });
    expect(one.body[0].status_notes).toBeTruthy();
    const closed = await call('GET', `requests.${ext}?service_code=BANSOS&status=closed`, requestsSchema);
    expect(closed.body.map((r: { service_request_id: string }) => r.service_request_id)).toEqual([answered]);
    const both = await call('GET', `requests.${ext}?service_request_id=${open},${answered},${secret.trackingCode}`, requestsSchema);
    expect(both.body.map((r: { service_request_id: string }) => r.service_request_id).sort()).toEqual([open, answered].sort());
    expect((await call('GET', `requests.${ext}?status=open&service_code=BANSOS`, requestsSchema)).body.map((r: { status: string }) => r.status)).toContain(
      'open',
    );
    const token = await call('GET', `tokens/${open}.${ext}`, tokensSchema);
    expect(token.body).toEqual([{ token: open, service_request_id: open }]);
  }
  const old = await call('GET', `requests.json?start_date=2020-01-01T00:00:00Z&end_date=2020-12-31T00:00:00Z`, requestsSchema);
  expect(old.body).toEqual([]);
  const everything = (await call('GET', 'requests.json', requestsSchema)).text;
  expect(everything).not.toContain('Joko');
  expect(everything).not.toContain('0812000111');
  expect(everything).not.toContain('RAHASIA');
  expect(everything).not.toContain(secret.trackingCode);
  expect((await call('GET', `requests/${secret.trackingCode}.json`, errorSchema)).status).toBe(404);
  expect((await call('GET', 'requests.json?start_date=kemarin', errorSchema)).status).toBe(400);
  expect((await call('GET', 'requests.xml?status=pending', errorSchema)).body[0].code).toBe(400);
});

/** A staff upload (ticket, bytes, attach), as the console does it; the attachment id. */
async function attachAs(username: string, complaintId: string, fileName: string, bytes: Buffer, visibility: string): Promise<string> {
  const t = await lab.ok(
    username,
    `mutation($c: ID!, $n: String!, $v: AttachmentVisibility!) { requestAttachmentUpload(complaintId: $c, fileName: $n, visibility: $v) { attachmentId uploadUrl } }`,
    { c: complaintId, n: fileName, v: visibility },
  );
  const put = await fetch(`${lab.t.url}${t.requestAttachmentUpload.uploadUrl}`, {
    method: 'PUT',
    headers: { authorization: `Bearer ${await lab.token(username)}` },
    body: new Uint8Array(bytes),
  });
  expect(put.status).toBe(201);
  await lab.ok(username, `mutation($id: ID!, $u: [ID!]!) { attachFiles(id: $id, uploadIds: $u) { id } }`, {
    id: complaintId,
    u: [t.requestAttachmentUpload.attachmentId],
  });
  return t.requestAttachmentUpload.attachmentId;
}

const photo = (background: string) =>
  sharp({ create: { width: 400, height: 300, channels: 3, background } })
    .jpeg()
    .toBuffer();
const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');

test('media_url: the first public photo of a complaint neither confidential nor anonymous, on a stable unguessable URL checked again when used', async () => {
  const created = await call('POST', 'requests.json', postRequestSchema, {
    api_key: key,
    service_code: 'RTLH',
    description: 'Dinding rumah retak besar setelah gempa kecil semalam.',
    email: 'warga2@contoh.id',
    ...POINT,
  });
  const id311: string = created.body[0].service_request_id;
  const [{ id }] = await lab.t.app.db.query('SELECT id FROM complaint WHERE "trackingCode" = $1', [id311]);
  const cid = String(id);
  expect((await call('GET', `requests/${id311}.json`, requestsSchema)).body[0].media_url).toBe('');
  // An internal photo and a public PDF come first: neither is a public photo.
  await attachAs('admin.kominsta', cid, 'internal.jpg', await photo('#222'), 'INTERNAL');
  await attachAs('admin.kominsta', cid, 'surat.pdf', PDF, 'PUBLIC');
  const publicId = await attachAs('admin.kominsta', cid, 'dinding.jpg', await photo('#c84'), 'PUBLIC');
  await attachAs('admin.kominsta', cid, 'dinding-2.jpg', await photo('#48c'), 'PUBLIC');

  const json = (await call('GET', `requests/${id311}.json`, requestsSchema)).body[0].media_url as string;
  expect(json).toMatch(new RegExp(`^${lab.t.url}/media/${publicId}-[A-Za-z0-9_-]{22}\\.jpg$`));
  expect((await call('GET', `requests/${id311}.xml`, requestsSchema)).body[0].media_url).toBe(json);
  const listed = (await call('GET', `requests.json?service_code=RTLH`, requestsSchema)).body.find((r: any) => r.service_request_id === id311);
  expect(listed.media_url).toBe(json);

  const served = await fetch(json);
  expect(served.status).toBe(200);
  expect(served.headers.get('content-type')).toBe('image/jpeg');
  expect(served.headers.get('cache-control')).toBe('public, max-age=600');
  expect(served.headers.get('content-security-policy')).toContain('sandbox');
  const etag = served.headers.get('etag')!;
  const bytes = Buffer.from(await served.arrayBuffer());
  const [row] = await lab.t.app.db.query('SELECT "storageKey" FROM complaint_attachment WHERE id = $1', [publicId]);
  expect(bytes.equals((await lab.services.attachments.storage.get(row.storageKey))!)).toBe(true);
  expect((await fetch(json, { headers: { 'if-none-match': etag } })).status).toBe(304);

  // Guessed or altered: nothing.
  const sig = /-([A-Za-z0-9_-]{22})\./.exec(json)![1];
  const altered = json.replace(sig, (sig[0] === 'A' ? 'B' : 'A') + sig.slice(1));
  expect((await fetch(altered)).status).toBe(404);
  expect((await fetch(json.replace(`/media/${publicId}-`, `/media/${Number(publicId) + 1}-`))).status).toBe(404);

  // Never for a confidential or an anonymous complaint, even with a correctly signed URL.
  for (const flags of [{ confidential: true }, { anonymous: true }]) {
    const other = await lab.submit('admin.tengah', { title: 'Rumah warga rusak berat', categoryId: lab.category.RTLH, ...flags });
    const otherPhoto = await attachAs('admin.tengah', other.complaint.id, 'rumah.jpg', await photo('#a33'), 'PUBLIC');
    const rows = await lab.t.app.db.query('SELECT * FROM complaint_attachment WHERE id = $1', [otherPhoto]);
    const signed = lab.services.attachments.mediaPath(
      { confidential: false, anonymous: false },
      rows.map((r: any) => ({ ...r, status: 'ACTIVE' })),
    )!;
    expect(signed).toMatch(new RegExp(`^/media/${otherPhoto}-`));
    expect((await fetch(`${lab.t.url}${signed}`)).status).toBe(404);
    if (flags.anonymous) expect((await call('GET', `requests/${other.trackingCode}.json`, requestsSchema)).body[0].media_url).toBe('');
    else expect((await call('GET', `requests/${other.trackingCode}.json`, errorSchema)).status).toBe(404);
  }

  // A removed photo is gone from its URL; the next public photo takes its place.
  await lab.ok('admin.kominsta', `mutation($id: ID!) { removeAttachment(id: $id, reason: "Foto salah unggah") { id } }`, { id: publicId });
  expect((await fetch(json)).status).toBe(404);
  const next = (await call('GET', `requests/${id311}.json`, requestsSchema)).body[0].media_url as string;
  expect(next).toMatch(/\/media\/\d+-[A-Za-z0-9_-]{22}\.jpg$/);
  expect(next).not.toBe(json);
  expect((await fetch(next)).status).toBe(200);
});
