import { codeOf, Lab } from '../lifecycle/helpers';

let lab: Lab;
beforeAll(async () => {
  lab = await Lab.start();
});
afterAll(() => lab?.stop());

const IMPORT = `mutation($input: ComplaintImportInput!) {
  importComplaints(input: $input) { dryRun rows created updated unchanged refused results { row externalId action reason trackingCode } } }`;
const MAPPING = {
  source: 'SP4N_LAPOR',
  externalId: 'ID Laporan',
  title: 'Judul',
  description: 'Isi Laporan',
  reporterPhone: 'Telepon',
  category: 'Kategori',
  status: 'Status',
  statuses: [
    { external: 'Belum Diverifikasi', status: 'SUBMITTED' },
    { external: 'Diverifikasi', status: 'VERIFIED' },
    { external: 'Selesai', status: 'CLOSED' },
  ],
};
const csv = (rows: string[][]) =>
  [['ID Laporan', 'Judul', 'Isi Laporan', 'Telepon', 'Kategori', 'Status'], ...rows]
    .map((r) => r.map((c) => `"${c.replaceAll('"', '""')}"`).join(','))
    .join('\n');
const FILE = csv([
  ['LAPOR-1001', 'Jalan rusak di Kramat Selatan', 'Aspal mengelupas sepanjang 50 meter, berbahaya bagi pengendara.', '081200000001', '', 'Belum Diverifikasi'],
  ['LAPOR-1002', 'PKH belum cair, "tahap 3"', 'Bantuan PKH tahap 3 belum diterima keluarga kami.', '081200000002', 'BANSOS', 'Diverifikasi'],
  ['LAPOR-1003', 'Sudah selesai di LAPOR!', 'Laporan ini sudah selesai ditangani di sistem LAPOR!.', '081200000003', '', 'Selesai'],
  ['LAPOR-1004', 'Status tidak dikenal', 'Status laporan ini tidak ada dalam pemetaan.', '081200000004', '', 'Ditunda'],
  ['LAPOR-1001', 'Baris ganda', 'Baris dengan ID yang sama dengan baris pertama.', '081200000005', '', 'Belum Diverifikasi'],
  ['LAPOR-1005', 'Ok', 'Judul terlalu pendek untuk diterima.', '081200000006', '', 'Belum Diverifikasi'],
  ['LAPOR-1006', 'Kategori tidak ada', 'Kategori laporan ini tidak ada di sistem kami.', '081200000007', 'TIDAK-ADA', 'Belum Diverifikasi'],
]);
const actions = (r: { results: { externalId: string; action: string }[] }) => r.results.map((x) => `${x.externalId}:${x.action}`);

test('a dry run reports what would be created, updated or refused and why; the import goes through the intake; re-runs are idempotent', async () => {
  const run = (content: string, dryRun: boolean, format = 'CSV') => lab.ok('admin.kominsta', IMPORT, { input: { format, content, mapping: MAPPING, dryRun } });
  const [{ n: before }] = await lab.t.app.db.query('SELECT count(*)::int AS n FROM complaint');
  const dry = (await run(FILE, true)).importComplaints;
  expect(actions(dry)).toEqual([
    'LAPOR-1001:CREATE',
    'LAPOR-1002:CREATE',
    'LAPOR-1003:REFUSE',
    'LAPOR-1004:REFUSE',
    'LAPOR-1001:REFUSE',
    'LAPOR-1005:REFUSE',
    'LAPOR-1006:REFUSE',
  ]);
  expect(dry.results.map((r: { reason: string | null }) => r.reason)).toEqual([
    null,
    'will be created and verified',
    expect.stringContaining('CLOSED cannot be imported'),
    'status "Ditunda" is not in the mapping',
    'the same external ID as row 1',
    expect.stringContaining('title'),
    'no active category with code "TIDAK-ADA"',
  ]);
  expect(dry).toMatchObject({ dryRun: true, rows: 7, created: 2, updated: 0, unchanged: 0, refused: 5 });
  const [{ n: afterDry }] = await lab.t.app.db.query('SELECT count(*)::int AS n FROM complaint');
  expect(afterDry).toBe(before);

  const real = (await run(FILE, false)).importComplaints;
  expect(real).toMatchObject({ dryRun: false, created: 2, refused: 5 });
  const rows = await lab.t.app.db.query(
    `SELECT x."externalId", c.status, c.channel, c."trackingCode" FROM complaint_external_ref x JOIN complaint c ON c.id = x."complaintId" WHERE x.source = 'SP4N_LAPOR' ORDER BY 1`,
  );
  expect(rows.map((r: { externalId: string; status: string; channel: string }) => [r.externalId, r.status, r.channel])).toEqual([
    ['LAPOR-1001', 'SUBMITTED', 'SP4N_LAPOR'],
    ['LAPOR-1002', 'VERIFIED', 'SP4N_LAPOR'],
  ]);

  // Again: nothing new. Then LAPOR! verified 1001: the re-run verifies it here, with the same command staff use.
  expect((await run(FILE, false)).importComplaints).toMatchObject({ created: 0, unchanged: 2, updated: 0 });
  const json = JSON.stringify([
    { 'ID Laporan': 'LAPOR-1001', Judul: 'Jalan rusak di Kramat Selatan', 'Isi Laporan': 'Aspal mengelupas sepanjang 50 meter.', Status: 'Diverifikasi' },
  ]);
  expect(actions((await run(json, true, 'JSON')).importComplaints)).toEqual(['LAPOR-1001:UPDATE']);
  expect((await run(json, false, 'JSON')).importComplaints).toMatchObject({ updated: 1 });
  const [{ status }] = await lab.t.app.db.query(
    `SELECT c.status FROM complaint c JOIN complaint_external_ref x ON x."complaintId" = c.id WHERE x."externalId" = 'LAPOR-1001'`,
  );
  expect(status).toBe('VERIFIED');

  // Staff find it by its LAPOR! ID and see it next to the tracking code.
  const found = await lab.ok(
    'admin.kominsta',
    `{ complaints(filter: { q: "LAPOR-1002" }) { total items { trackingCode externalReferences { source externalId } } } }`,
  );
  expect(found.complaints.total).toBe(1);
  expect(found.complaints.items[0].externalReferences).toEqual([{ source: 'SP4N_LAPOR', externalId: 'LAPOR-1002' }]);
});

test('external IDs are unique per source, also for an app submitting with one; bad files and mappings name the field', async () => {
  const key = (await lab.ok('superadmin', `mutation { createApiClient(name: "Jembatan LAPOR!", channel: SP4N_LAPOR) { key } }`)).createApiClient.key;
  const submit = (externalId: string, source = 'SP4N_LAPOR') =>
    fetch(`${lab.t.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': key },
      body: JSON.stringify({
        query: `mutation($i: ComplaintInput!) { submitComplaint(input: $i) { trackingCode } }`,
        variables: {
          i: {
            title: 'Laporan dari jembatan',
            description: 'Diteruskan dari SP4N-LAPOR! oleh jembatan kota.',
            reporterPhone: '081234567890',
            externalSource: source,
            externalId,
          },
        },
      }),
    }).then((r) => r.json() as Promise<any>);
  expect((await submit('LAPOR-2001')).errors).toBeUndefined();
  const again = await submit('LAPOR-2001');
  expect({ code: codeOf(again), fields: again.errors[0].extensions.fields }).toEqual({ code: 'BAD_USER_INPUT', fields: ['input.externalId'] });
  expect((await submit('LAPOR-2001', 'OTHER')).errors).toBeUndefined();

  const bad = (input: Record<string, unknown>) => lab.gql('admin.kominsta', IMPORT, { input: { format: 'CSV', content: FILE, mapping: MAPPING, ...input } });
  expect((await bad({ format: 'JSON' })).errors?.[0]?.extensions?.fields).toEqual(['input.content']);
  expect((await bad({ mapping: { ...MAPPING, title: ' ' } })).errors?.[0]?.extensions?.fields).toEqual(['input.mapping.title']);
  expect(codeOf(await lab.gql('kepala.dinsos', IMPORT, { input: { format: 'CSV', content: FILE, mapping: MAPPING } }))).toBe('FORBIDDEN');
});
