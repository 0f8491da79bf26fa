import { Lab } from '../lifecycle/helpers';
import { computeIkm } from '../../../server/modules/reports/ikm';

let lab: Lab;
beforeAll(async () => {
  lab = await Lab.start();
});
afterAll(() => lab.stop());

/** An instant in WIB. */
const wib = (s: string) => new Date(`${s}+07:00`);

function parseCsv(text: string): Record<string, string>[] {
  const [header, ...lines] = text
    .trim()
    .split('\r\n')
    .map((l) => l.split(','));
  return lines.map((cells) => Object.fromEntries(header.map((h, i) => [h, cells[i]])));
}

test('compliance report figures for a hand-computed fixture, with a holiday inside a deadline', async () => {
  // A policy: verify in 3 working days, respond in 2 working days (so Nyepi, Idulfitri and
  // cuti bersama 19–24 March 2026 fall inside a deadline).
  const su = 'superadmin';
  const { createSlaPolicy: sla } = await lab.ok(
    su,
    `mutation { createSlaPolicy(input: { code: "FIXTURE", name: "Fixture 2 hari kerja", calendar: WORKING_DAYS,
    verifyWithin: 3, verifyUnit: DAYS, respondWithin: 2, respondUnit: DAYS }) { id } }`,
  );
  const { createCategory: cat } = await lab.ok(
    su,
    `mutation($s: ID) { createCategory(input: { code: "FIXTURE", name: "Kategori uji", slaPolicyId: $s }) { id } }`,
    { s: sla.id },
  );

  let now = wib('2026-01-01T00:00:00');
  const svc = lab.services.complaints.withClock(() => now);
  const as = (u: string) => lab.ctx(u);
  const at = (s: string) => (now = wib(s));
  const input = { categoryId: cat.id };

  // C: to DISPERKIM Tue 3 Feb 09:00, returned 11:00; to DINSOS Wed 4 Feb 09:00, answered 15:00 (6 h, on time), rated 4.
  at('2026-02-02T08:00:00');
  const { complaint: c, accessCode } = await lab.submitDirectResult('admin.tengah', input, svc);
  at('2026-02-02T09:00:00');
  await svc.verify(await as('admin.tengah'), String(c.id), null);
  at('2026-02-03T09:00:00');
  await svc.forward(await as('admin.tengah'), String(c.id), null, lab.opd.DISPERKIM);
  at('2026-02-03T11:00:00');
  await svc.returnToIntake(await as('kepala.disperkim'), String(c.id), null, 'Bukan kewenangan kami');
  at('2026-02-04T09:00:00');
  await svc.forward(await as('admin.tengah'), String(c.id), null, lab.opd.DINSOS);
  at('2026-02-04T15:00:00');
  await svc.respond(await as('kepala.dinsos'), String(c.id), null, 'Bantuan sudah disalurkan melalui KKS.');
  const { trackingCode } = c;
  // B: to DINSOS Mon 2 Mar 10:00, due end of Wed 4 Mar; first response Thu 5 Mar 10:00 (72 h, late).
  at('2026-03-02T08:00:00');
  const b = await lab.submitDirect('admin.tengah', input, svc);
  at('2026-03-02T09:00:00');
  await svc.verify(await as('admin.tengah'), String(b.id), null);
  at('2026-03-02T10:00:00');
  await svc.forward(await as('admin.tengah'), String(b.id), null, lab.opd.DINSOS);
  at('2026-03-05T10:00:00');
  await svc.accept(await as('kepala.dinsos'), String(b.id), null);
  // A: to DINSOS Wed 18 Mar 10:00. Thu 19 Nyepi, Fri 20 cuti, Sat–Sun (Idulfitri), Mon 23 and Tue 24 cuti:
  // due end of Thu 26 Mar. First response Wed 25 Mar 09:00 (167 h) is on time; answered 10:00.
  at('2026-03-18T08:00:00');
  const a = await lab.submitDirect('admin.tengah', input, svc);
  at('2026-03-18T09:00:00');
  await svc.verify(await as('admin.tengah'), String(a.id), null);
  at('2026-03-18T10:00:00');
  const fwdA = await svc.forward(await as('admin.tengah'), String(a.id), null, lab.opd.DINSOS);
  expect(fwdA.responseDueAt!.toISOString()).toBe(wib('2026-03-26T23:59:59.999').toISOString());
  at('2026-03-25T09:00:00');
  await svc.accept(await as('kepala.dinsos'), String(a.id), null);
  at('2026-03-25T10:00:00');
  await svc.respond(await as('kepala.dinsos'), String(a.id), null, 'Sudah kami tindak lanjuti ke lokasi.');

  // The citizen rates C with the access code given at submission.
  const ratingSvc = lab.services.complaints.withClock(() => wib('2026-02-05T08:00:00'));
  await ratingSvc.rate(await lab.ctx(null), c.trackingCode, accessCode, 4);
  expect(trackingCode).toMatch(/^MGL-2602-/);

  const report = await lab.ok(
    'walikota',
    `{ complianceReport(period: "2026-Q1") { from to
      opds { rank opd { code } taken received forwarded responded due respondedInTime respondedInTimePct
             medianHoursToFirstResponse p90HoursToFirstResponse overdueNow returns averageRating }
      officers { user { username } recorded verified forwarded forwardedOnTime } } }`,
  );
  const r = report.complianceReport;
  expect(r.from).toBe('2025-12-31T17:00:00.000Z');
  expect(r.to).toBe('2026-03-31T17:00:00.000Z');
  const line = (code: string) => r.opds.find((o: any) => o.opd.code === code);
  expect(line('DINSOS')).toEqual({
    rank: 1,
    opd: { code: 'DINSOS' },
    taken: 0,
    received: 3,
    forwarded: 0,
    responded: 2,
    due: 3,
    respondedInTime: 2,
    respondedInTimePct: 66.67,
    medianHoursToFirstResponse: 72,
    p90HoursToFirstResponse: 148,
    // B was accepted on 5 March and never answered: its follow-up deadline (5 working days) has passed.
    overdueNow: 1,
    returns: 0,
    averageRating: 4,
  });
  expect(line('DISPERKIM')).toEqual({
    rank: 2,
    opd: { code: 'DISPERKIM' },
    taken: 0,
    received: 1,
    forwarded: 0,
    responded: 0,
    due: 1,
    respondedInTime: 0,
    respondedInTimePct: 0,
    medianHoursToFirstResponse: null,
    p90HoursToFirstResponse: null,
    overdueNow: 0,
    returns: 1,
    averageRating: null,
  });
  expect(line('KEC-TENGAH')).toMatchObject({ taken: 3, received: 0, forwarded: 4, respondedInTimePct: null });
  expect(r.officers.find((o: any) => o.user.username === 'admin.tengah')).toEqual({
    user: { username: 'admin.tengah' },
    recorded: 3,
    verified: 3,
    forwarded: 4,
    forwardedOnTime: 4,
  });

  // The CSV parses back to the same figures.
  const { complianceReportCsv: csv } = await lab.ok('walikota', `{ complianceReportCsv(period: "2026-Q1") }`);
  const rows = parseCsv(csv);
  const dinsos = rows.find((x) => x.opd_code === 'DINSOS')!;
  expect(dinsos).toMatchObject({
    rank: '1',
    received: '3',
    responded: '2',
    due: '3',
    responded_in_time: '2',
    responded_in_time_pct: '66.67',
    median_hours_to_first_response: '72',
    p90_hours_to_first_response: '148',
    returns: '0',
    average_rating: '4',
  });
  expect(rows.find((x) => x.opd_code === 'DISPERKIM')).toMatchObject({ rank: '2', returns: '1', responded_in_time_pct: '0' });
  expect(rows).toHaveLength(r.opds.length);

  // A unit head's report covers its own unit only.
  const own = await lab.ok('kepala.dinsos', `{ complianceReport(period: "2026-Q1") { opds { opd { code } } } }`);
  expect(own.complianceReport.opds.map((o: any) => o.opd.code)).toEqual(['DINSOS']);
  const bad = await lab.gql('walikota', `{ complianceReport(period: "Q5-2026") { from } }`);
  expect(bad.errors?.[0]?.extensions?.fields).toEqual(['period']);
});

test('IKM for a fixture matches the hand calculation and grade, and survey answers are checked', async () => {
  const sheets = [
    [4, 4, 4, 4, 4, 4, 4, 4, 4],
    [3, 3, 3, 3, 3, 3, 3, 3, 3],
    [4, 3, 4, 3, 4, 3, 4, 3, 4],
    [2, 3, 3, 4, 3, 3, 3, 3, 3],
  ];
  for (const answers of sheets) {
    await lab.ok(null, `mutation($i: SurveyResponseInput!) { submitSurveyResponse(input: $i) }`, { i: { opdId: lab.opd.DINKES, answers } });
  }
  // Element means 3.25, 3.25, 3.5, 3.5, 3.5, 3.25, 3.5, 3.25, 3.5 → 30.5 / 9 = 3.3889 → × 25 = 84.72 → B (Baik).
  const { ikm } = await lab.ok(null, `query($o: ID!) { ikm(opdId: $o) { responses elementMeans index ikm grade gradeLabel } }`, { o: lab.opd.DINKES });
  expect(ikm).toEqual({
    responses: 4,
    elementMeans: [3.25, 3.25, 3.5, 3.5, 3.5, 3.25, 3.5, 3.25, 3.5],
    index: 3.389,
    ikm: 84.72,
    grade: 'B',
    gradeLabel: 'Baik',
  });
  expect(computeIkm([[4, 4, 4, 4, 4, 4, 4, 4, 4]])).toMatchObject({ ikm: 100, grade: 'A' });
  expect(computeIkm([[1, 1, 1, 1, 1, 1, 1, 1, 1]])).toMatchObject({ ikm: 25, grade: 'D' });
  expect(computeIkm([[3, 3, 3, 3, 3, 3, 3, 3, 3]])).toMatchObject({ ikm: 75, grade: 'C' });

  const short = await lab.gql(null, `mutation { submitSurveyResponse(input: { opdId: "${lab.opd.DINKES}", answers: [4, 4] }) }`);
  expect(short.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: ['input.answers'] });
  const five = await lab.gql(null, `mutation { submitSurveyResponse(input: { opdId: "${lab.opd.DINKES}", answers: [4, 4, 4, 4, 5, 4, 4, 4, 4] }) }`);
  expect(five.errors?.[0]?.message).toContain('answer 5');
});
