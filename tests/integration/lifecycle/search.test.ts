import { Lab } from './helpers';

let lab: Lab;
beforeAll(async () => {
  lab = await Lab.start();
});
afterAll(() => lab.stop());

test('q finds words, a reporter’s name, a code or its start; an anonymous name only for who may see it', async () => {
  const open = await lab.forwarded('DINSOS', {
    title: 'Srch jembatan penyeberangan',
    description: 'Lampu di jembatan dekat sekolah Qorvandel padam sejak pekan lalu.',
    reporterName: 'Sukarni Wibowo',
  });
  const hidden = await lab.forwarded('DINSOS', { title: 'Srch pungutan bantuan', reporterName: 'Rahayu Tersembunyi', anonymous: true });
  const ids = async (who: string, q: string) => (await lab.list(who, { q }, { perPage: 100 })).items.map((c: { id: string }) => c.id).sort();
  const both = [open.id, hidden.id].sort();

  expect(await ids('walikota', 'qorvandel')).toEqual([open.id]);
  expect(await ids('walikota', 'QORVANDEL jembatan')).toEqual([open.id]);
  expect(await ids('walikota', 'srch')).toEqual(both);
  expect(await ids('walikota', 'Sukarni Wibowo')).toEqual([open.id]);
  expect(await ids('kepala.dinsos', 'Sukarni')).toEqual([open.id]);
  // The intake sees the anonymous reporter, so finds them by name; nobody else can tell who reported.
  expect(await ids('admin.tengah', 'Rahayu Tersembunyi')).toEqual([hidden.id]);
  for (const who of ['walikota', 'superadmin', 'kepala.dinsos', 'staf.dinsos', 'admin.selatan'])
    expect({ who, found: await ids(who, 'Rahayu') }).toEqual({ who, found: [] });
  expect(await ids('kepala.dinsos', 'srch pungutan')).toEqual([hidden.id]);
  // A tracking code, whole or its start as on the receipt, in any case.
  expect(await ids('walikota', open.trackingCode)).toEqual([open.id]);
  expect(await ids('admin.tengah', open.trackingCode.toLowerCase())).toEqual([open.id]);
  expect(await ids('admin.tengah', open.trackingCode.slice(0, 8))).toEqual(expect.arrayContaining(both));
  expect(await ids('walikota', 'zzqxv')).toEqual([]);
  expect(await ids('walikota', '%_')).toEqual([]);
});
