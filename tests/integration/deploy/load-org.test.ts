import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { ORG } from '../../../server/seed/data/magelang';
import { parseOrgFile, OrgFileError } from '../../../server/setup/org-file';
import { planHasChanges, planOrg, type OrgPlan } from '../../../server/setup/org-loader';
import { adminQuery, withDatabase } from '../../support/databases';
import { startTestApp, type TestApp } from '../../support/test-app';
import { PROJECT, runNode } from './cli';

const CLI = 'server/setup/load-org-cli.js';
const MAGELANG = path.join(PROJECT, 'deploy', 'org', 'kota-magelang.json');
const dbName = `lapor_org_${process.pid}_${Date.now().toString(36)}`;
let url: string;
let pg: Client;
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'lapor-org-'));

beforeAll(async () => {
  // An empty database, as a city starts: no schema, no organisation.
  await adminQuery(process.env.TEST_PG_ADMIN_URL!, `CREATE DATABASE ${dbName}`);
  url = withDatabase(process.env.TEST_PG_ADMIN_URL!, dbName);
  pg = new Client({ connectionString: url });
  await pg.connect();
});
afterAll(async () => {
  await pg?.end();
  await adminQuery(process.env.TEST_PG_ADMIN_URL!, `DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
  fs.rmSync(tmp, { recursive: true, force: true });
});

const load = (file: string, ...flags: string[]) => runNode(CLI, [file, ...flags], { DATABASE_URL: url });
async function plan(file: string, ...flags: string[]): Promise<OrgPlan> {
  const r = await load(file, '--json', ...flags);
  expect({ code: r.code, stderr: r.stderr }).toEqual({ code: 0, stderr: '' });
  return JSON.parse(r.stdout).plan;
}
const count = async (table: string) => (await pg.query(`SELECT count(*)::int AS n FROM ${table}`)).rows[0].n as number;
const tableExists = async (table: string) => (await pg.query(`SELECT to_regclass($1) IS NOT NULL AS e`, [`public.${table}`])).rows[0].e as boolean;
function variant(name: string, change: (org: any) => void): string {
  const org = JSON.parse(fs.readFileSync(MAGELANG, 'utf8'));
  change(org);
  const file = path.join(tmp, name);
  fs.writeFileSync(file, JSON.stringify(org, null, 2));
  return file;
}

test('a dry run lists what would be created and changes nothing', async () => {
  const dry = await load(MAGELANG, '--dry-run');
  expect(dry.code).toBe(0);
  expect(dry.stdout).toContain('Opds: 54 to create, 0 to update, 0 unchanged');
  expect(dry.stdout).toContain('  + KEL-CACABAN');
  expect(dry.stdout).toContain('holidays: 25 to create');
  expect(dry.stdout).toContain('dry run: nothing was changed');
  // Not even the schema: the migrations wait for the real run.
  expect(await tableExists('opd')).toBe(false);
  expect(await tableExists('migrations')).toBe(false);
});

test('the real run creates everything in one go; a second run has nothing to change', async () => {
  const first = await load(MAGELANG);
  expect(first.code).toBe(0);
  for (const line of ['SLA policies: 2 created', 'Opds: 54 created', 'categories: 13 created', 'holidays: 25 created', 'service posts: 8 created']) {
    expect(first.stdout).toContain(line);
  }
  expect(first.stdout).toContain('applied in one transaction');
  expect([await count('opd'), await count('sla_policy'), await count('category'), await count('holiday'), await count('service_post')]).toEqual([
    54, 2, 13, 25, 8,
  ]);
  expect(await count('app_user')).toBe(0);
  expect(await count('complaint')).toBe(0);
  // The tree and Kemendagri codes: Kelurahan Cacaban under Kecamatan Magelang Tengah under the city.
  const { rows } = await pg.query(
    `SELECT k.path, k."regionCode", c.code AS kec, c.id AS kec_id, r.id AS root_id FROM opd k JOIN opd c ON c.id = k."parentId" JOIN opd r ON r.id = c."parentId" WHERE k.code = 'KEL-CACABAN'`,
  );
  expect(rows[0]).toMatchObject({ regionCode: '33.71.03.1002', kec: 'KEC-TENGAH' });
  expect(rows[0].path).toMatch(new RegExp(`^/${rows[0].root_id}/${rows[0].kec_id}/\\d+/$`));

  const second = await plan(MAGELANG);
  expect(planHasChanges(second)).toBe(false);
  expect(second.opds).toEqual({ create: [], update: [], unchanged: 54, notInFile: [] });
  const text = await load(MAGELANG);
  expect(text.stdout).toContain('nothing to change: the database already matches the file');
  // The administrative audit trail has one CREATE per row, by the command; the rerun added nothing.
  const audit = await pg.query(`SELECT kind, action, count(*)::int AS n, min("actorSystem") AS actor FROM admin_audit GROUP BY kind, action ORDER BY kind`);
  expect(audit.rows.map((r) => [r.kind, r.action, r.n])).toEqual([
    ['CATEGORY', 'CREATE', 13],
    ['HOLIDAY', 'CREATE', 25],
    ['OPD', 'CREATE', 54],
    ['SERVICE_POST', 'CREATE', 8],
    ['SLA_POLICY', 'CREATE', 2],
  ]);
  expect(audit.rows[0].actor).toMatch(/^load-org kota-magelang\.json \(/);
});

test('an update is shown by the dry run, then applied; a move rewrites the subtree; what the file lacks is reported, not deleted', async () => {
  const renamed = variant('renamed.json', (org) => {
    org.opds.find((o: any) => o.code === 'DINSOS').name = 'Dinas Sosial, Pemberdayaan Perempuan dan Perlindungan Anak';
    org.opds.find((o: any) => o.code === 'DLH-UPT-SAMPAH').parent = 'DPUPR';
    org.holidays = org.holidays.filter((h: any) => h.date !== '2026-12-25');
  });
  const dry = await plan(renamed, '--dry-run');
  expect(dry.opds.update).toEqual([
    { key: 'DINSOS', changes: [{ field: 'name', from: 'Dinas Sosial', to: 'Dinas Sosial, Pemberdayaan Perempuan dan Perlindungan Anak' }] },
    { key: 'DLH-UPT-SAMPAH', changes: [{ field: 'parent', from: 'DLH', to: 'DPUPR' }] },
  ]);
  expect(dry.opds.create).toEqual([]);
  expect(dry.holidays.notInFile).toEqual(['2026-12-25']);
  expect((await pg.query(`SELECT name FROM opd WHERE code = 'DINSOS'`)).rows[0].name).toBe('Dinas Sosial');

  const text = await load(renamed);
  expect(text.stdout).toContain('~ DINSOS: name "Dinas Sosial" → "Dinas Sosial, Pemberdayaan Perempuan dan Perlindungan Anak"');
  expect(text.stdout).toContain('? in the database, not in the file (left as they are): 2026-12-25');
  expect((await pg.query(`SELECT name FROM opd WHERE code = 'DINSOS'`)).rows[0].name).toBe('Dinas Sosial, Pemberdayaan Perempuan dan Perlindungan Anak');
  const { rows } = await pg.query(`SELECT u.path, p.path AS parent_path FROM opd u JOIN opd p ON p.id = u."parentId" WHERE u.code = 'DLH-UPT-SAMPAH'`);
  expect(rows[0].path.startsWith(rows[0].parent_path)).toBe(true);
  expect(await count('holiday')).toBe(25);
  expect(planHasChanges(await plan(renamed))).toBe(false);
  const updates = await pg.query(`SELECT "entityLabel", changes FROM admin_audit WHERE action = 'UPDATE' AND kind = 'OPD' ORDER BY id`);
  expect(updates.rows.map((r) => r.changes.map((c: { field: string }) => c.field))).toEqual(expect.arrayContaining([['name'], ['parentId']]));
});

test('an invalid file names the entry and field, and changes nothing', async () => {
  const before = await pg.query('SELECT code, name, path, "regionCode" FROM opd ORDER BY code');
  const cases: [string, (org: any) => void, RegExp][] = [
    ['bad-region.json', (org) => (org.opds[4].regionCode = '33-71'), /opds\[4\] \(KEL-REJOWINANGUN-SELATAN\)\.regionCode: must be a Kemendagri code/],
    ['bad-parent.json', (org) => (org.opds[5].parent = 'KEC-BARAT'), /opds\[5\] \(KEL-MAGERSARI\)\.parent: no Opd with code "KEC-BARAT"/],
    ['duplicate.json', (org) => org.opds.push({ ...org.opds[1], name: 'Lagi' }), /opds\[54\] \(KEC-SELATAN\)\.code: duplicates opds\[1\]/],
    [
      'bad-post.json',
      (org) => (org.servicePosts[0].kelurahan = 'KEC-TENGAH'),
      /servicePosts\[0\] \(POS-CACABAN-RW03\)\.kelurahan: "KEC-TENGAH" is a KECAMATAN, not a KELURAHAN/,
    ],
    [
      'bad-slot.json',
      (org) => (org.servicePosts[1].schedule[0].closesAt = '08:00'),
      /servicePosts\[1\] \(POS-GELANGAN-RW05\)\.schedule\[0\]\.closesAt: must close after it opens/,
    ],
    ['bad-date.json', (org) => (org.holidays[0].date = '2026-02-30'), /holidays\[0\] \(2026-02-30\)\.date: is not a real calendar date/],
    ['bad-category.json', (org) => (org.categories[2].slaPolicy = 'KILAT'), /categories\[2\] \(KESEHATAN\)\.slaPolicy: no SLA policy with code "KILAT"/],
    ['cycle.json', (org) => (org.opds.find((o: any) => o.code === 'DINSOS').parent = 'DINSOS-REHSOS'), /opds\[\d+\] \(DINSOS\)\.parent: .*cycle/],
    ['unknown-field.json', (org) => (org.opds[0].kode = 'X'), /opds\[0\] \(PEMDA-MGL\): Unrecognized key/],
  ];
  for (const [name, change, message] of cases) {
    const file = variant(name, (org) => {
      change(org);
      org.opds.find((o: any) => o.code === 'DINKES').name = 'Dinas Kesehatan Kota';
    });
    const r = await load(file);
    expect({ name, code: r.code }).toEqual({ name, code: 1 });
    expect(r.stderr).toMatch(message);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  }
  expect((await pg.query('SELECT code, name, path, "regionCode" FROM opd ORDER BY code')).rows).toEqual(before.rows);
  expect(() => parseOrgFile('{ "format": "lapor-org/1", ', 'x.json')).toThrow(OrgFileError);
});

test('the demo seed loads its organisation from the same file, and still tells its 240-complaint story', async () => {
  let t: TestApp | null = null;
  try {
    // The test template was seeded by seedDemo: loading the file into it changes nothing.
    t = await startTestApp({ seedDemo: true });
    expect(planHasChanges(await planOrg(t.app.db.manager, ORG))).toBe(false);
    const [{ n }] = await t.app.db.query('SELECT count(*)::int AS n FROM complaint');
    expect(n).toBe(240);
    const walikota = await t.login('walikota');
    expect(walikota).toEqual(expect.any(String));
  } finally {
    await t?.stop();
  }
});
