import { expectError, Lab } from '../lifecycle/helpers';
import { holidayCoverage, warnIfCoverageShort } from '../../../server/modules/holidays/holiday-coverage';

let lab: Lab;
beforeAll(async () => {
  lab = await Lab.start();
});
afterAll(() => lab.stop());

// Test data far from the seeded 2026 calendar; not real holidays.
const CSV = ['tanggal,nama,jenis', '2031-01-01,Uji Tahun Baru', '2031-02-10,"Uji Libur, dengan koma",libur nasional', '2031-02-11,Uji Cuti,cuti bersama'].join(
  '\n',
);
const ICS = [
  'BEGIN:VCALENDAR',
  'VERSION:2.0',
  'PRODID:-//uji//uji//ID',
  'BEGIN:VEVENT',
  'UID:a@uji',
  'DTSTART;VALUE=DATE:20310320',
  'DTEND;VALUE=DATE:20310322',
  'SUMMARY:Uji Hari Raya Dua Hari',
  'END:VEVENT',
  'BEGIN:VEVENT',
  'UID:b@uji',
  'DTSTART;VALUE=DATE:20310324',
  'SUMMARY:Cuti Bersama Uji',
  'END:VEVENT',
  'END:VCALENDAR',
].join('\r\n');

const IMPORT = `mutation($format: HolidayFileFormat!, $content: String!, $dryRun: Boolean) {
  importHolidays(format: $format, content: $content, dryRun: $dryRun) { dryRun created updated skipped items { line date name kind action } } }`;

const count = async (sql: string) => Number((await lab.t.app.db.query(sql))[0].n);
const holidays2031 = () => count(`SELECT count(*) AS n FROM holiday WHERE date >= '2031-01-01' AND date < '2032-01-01'`);
const audits = () => count(`SELECT count(*) AS n FROM admin_audit WHERE kind = 'HOLIDAY'`);

test('a CSV file: the dry run only counts; the import creates each date once, audited; importing it again adds nothing; a changed name updates', async () => {
  const before = await audits();
  const dry = (await lab.ok('superadmin', IMPORT, { format: 'CSV', content: CSV, dryRun: true })).importHolidays;
  expect(dry).toMatchObject({ dryRun: true, created: 3, updated: 0, skipped: 0 });
  expect(dry.items.map((i: any) => [i.line, i.date, i.kind])).toEqual([
    [2, '2031-01-01', 'NATIONAL'],
    [3, '2031-02-10', 'NATIONAL'],
    [4, '2031-02-11', 'CUTI_BERSAMA'],
  ]);
  expect(await holidays2031()).toBe(0);

  const done = (await lab.ok('superadmin', IMPORT, { format: 'CSV', content: CSV })).importHolidays;
  expect(done).toMatchObject({ dryRun: false, created: 3, updated: 0, skipped: 0 });
  expect(await holidays2031()).toBe(3);
  expect(await audits()).toBe(before + 3);

  const again = (await lab.ok('superadmin', IMPORT, { format: 'CSV', content: CSV })).importHolidays;
  expect(again).toMatchObject({ created: 0, updated: 0, skipped: 3 });
  expect(await audits()).toBe(before + 3);

  const renamed = (await lab.ok('superadmin', IMPORT, { format: 'CSV', content: '2031-01-01,Uji Tahun Baru Masehi' })).importHolidays;
  expect(renamed).toMatchObject({ created: 0, updated: 1, skipped: 0 });
  const audit = await lab.ok(
    'superadmin',
    `{ auditEntries(filter: { kind: HOLIDAY }, perPage: 1, sortField: "createdAt", sortOrder: DESC) { items { action entityLabel actorUsername changes { field before after } } } }`,
  );
  expect(audit.auditEntries.items[0]).toMatchObject({
    action: 'UPDATE',
    entityLabel: '2031-01-01 — Uji Tahun Baru Masehi',
    actorUsername: 'superadmin',
    changes: [{ field: 'name', before: 'Uji Tahun Baru', after: 'Uji Tahun Baru Masehi' }],
  });
});

test('an iCalendar file: all-day events, DTEND exclusive, "cuti bersama" in the summary marks collective leave', async () => {
  const r = (await lab.ok('superadmin', IMPORT, { format: 'ICAL', content: ICS })).importHolidays;
  expect(r.items.map((i: any) => [i.line, i.date, i.kind])).toEqual([
    [4, '2031-03-20', 'NATIONAL'],
    [4, '2031-03-21', 'NATIONAL'],
    [10, '2031-03-24', 'CUTI_BERSAMA'],
  ]);
  expect(r).toMatchObject({ created: 3, skipped: 0 });
  expect((await lab.ok('superadmin', IMPORT, { format: 'ICAL', content: ICS })).importHolidays).toMatchObject({ created: 0, skipped: 3 });
});

test('every bad line is named by line and field, and nothing of the file is imported', async () => {
  const before = await count(`SELECT count(*) AS n FROM holiday`);
  const bad = ['2032-01-01,Uji Baik', '2032-02-30,Uji Tanggal Salah', '2032-03-01,X,liburan', '2032-01-01,Uji Lagi'].join('\n');
  const r = await lab.gql('superadmin', IMPORT, { format: 'CSV', content: bad });
  expectError(r, 'BAD_USER_INPUT', ['content.line2.date', 'content.line3.name', 'content.line3.kind', 'content.line4.date']);
  expect(r.errors![0].message).toContain('line 4: 2032-01-01 is already on line 1');
  const ics = ICS.replace('DTSTART;VALUE=DATE:20310324', 'DTSTART:20310324T090000Z');
  expectError(await lab.gql('superadmin', IMPORT, { format: 'ICAL', content: ics }), 'BAD_USER_INPUT', ['content.line10.DTSTART']);
  expect(await count(`SELECT count(*) AS n FROM holiday`)).toBe(before);
});

test('importing needs the permission to manage holidays', async () => {
  expectError(await lab.gql('admin.tengah', IMPORT, { format: 'CSV', content: CSV }), 'FORBIDDEN');
});

test('coverage: until the end of the latest year with holidays; short below 60 days, logged as a warning; readable by staff', async () => {
  // The seeded calendar is 2026; the tests above add 2031.
  const api = await lab.ok('staf.dinsos', `{ holidayCoverage { coveredUntil daysAhead sufficient minimumDays } }`);
  expect(api.holidayCoverage).toMatchObject({ coveredUntil: '2031-12-31', sufficient: true, minimumDays: 60 });
  const db = lab.t.app.db;
  await db.query(`DELETE FROM holiday WHERE date >= '2031-01-01'`);
  expect(await holidayCoverage(db, '2026-10-31')).toEqual({ coveredUntil: '2026-12-31', daysAhead: 61, sufficient: true, minimumDays: 60 });
  expect(await holidayCoverage(db, '2026-11-01')).toEqual({ coveredUntil: '2026-12-31', daysAhead: 60, sufficient: true, minimumDays: 60 });
  expect(await holidayCoverage(db, '2026-11-02')).toMatchObject({ daysAhead: 59, sufficient: false });
  expect(await holidayCoverage(db, '2027-02-01')).toMatchObject({ daysAhead: 0, sufficient: false });
  const warnings: unknown[][] = [];
  const log = { warn: (...args: unknown[]) => warnings.push(args) };
  expect(await warnIfCoverageShort(db, log as never, '2026-10-01')).toBe(false);
  expect(await warnIfCoverageShort(db, log as never, '2026-12-07')).toBe(true);
  expect(warnings).toHaveLength(1);
  expect(warnings[0][0]).toEqual({ coveredUntil: '2026-12-31', daysAhead: 24, minimumDays: 60 });
  expect(String(warnings[0][1])).toMatch(/holiday calendar too short/);
});
