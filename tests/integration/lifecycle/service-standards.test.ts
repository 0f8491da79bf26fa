import { Lab, codeOf, expectError } from './helpers';

/**
 * Standar pelayanan: a unit head keeps their own unit's; the six public components are on the
 * public page, the eight internal ones never are.
 */
let lab: Lab;
beforeAll(async () => {
  lab = await Lab.start();
}, 60_000);
afterAll(() => lab?.stop());

const CREATE = `mutation($input: ServiceStandardInput!) { createServiceStandard(input: $input) { id serviceName opd { code } } }`;
const standard = (over: Record<string, unknown> = {}) => ({
  opdId: lab.opd.DINSOS,
  serviceName: 'Rekomendasi Bantuan Sosial',
  requirements: 'KTP dan KK pemohon; surat keterangan dari kelurahan.',
  procedure: 'Pemohon mengajukan berkas di loket, petugas memverifikasi, kepala dinas menandatangani.',
  timeLimit: '5 hari kerja',
  fee: 'Tidak dipungut biaya',
  product: 'Surat rekomendasi',
  complaintHandling: 'Melalui pengaduan di portal ini atau loket Dinas Sosial.',
  legalBasis: 'Dasar hukum internal yang tidak dipublikasikan',
  staffCount: '3 orang petugas loket',
  ...over,
});

test('a unit head keeps the unit’s standards; others are refused, naming the field', async () => {
  const made = await lab.ok('kepala.dinsos', CREATE, { input: standard() });
  expect(made.createServiceStandard).toMatchObject({ serviceName: 'Rekomendasi Bantuan Sosial', opd: { code: 'DINSOS' } });
  expectError(await lab.gql('kepala.dinsos', CREATE, { input: standard({ opdId: lab.opd.DISPERKIM, serviceName: 'Lain' }) }), 'BAD_USER_INPUT', [
    'input.opdId',
  ]);
  expect(codeOf(await lab.gql('admin.tengah', CREATE, { input: standard({ serviceName: 'Admin' }) }))).toBe('FORBIDDEN');
  expectError(await lab.gql('kepala.dinsos', CREATE, { input: standard({ serviceName: 'Tanpa biaya', fee: '' }) }), 'BAD_USER_INPUT', ['input.fee']);
});

test('the public page shows the six public components and none of the internal ones', async () => {
  const html = await (await fetch(`${lab.t.url}/standar-pelayanan`)).text();
  expect(html).toContain('data-standard="Rekomendasi Bantuan Sosial"');
  for (const shown of ['Persyaratan', 'Jangka waktu penyelesaian', '5 hari kerja', 'Tidak dipungut biaya', 'Penanganan pengaduan, saran dan masukan']) {
    expect(html).toContain(shown);
  }
  expect(html).not.toContain('Dasar hukum internal yang tidak dipublikasikan');
  expect(html).not.toContain('3 orang petugas loket');
});
