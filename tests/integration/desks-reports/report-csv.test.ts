import { Lab } from '../lifecycle/helpers';

let lab: Lab;
beforeAll(async () => {
  lab = await Lab.start();
});
afterAll(() => lab.stop());

// Complaint titles are not in the report's CSV; unit names are, and admins type them.
test('a unit name that looks like a spreadsheet formula comes out of the compliance CSV as text', async () => {
  const name = '=HYPERLINK("http://evil","klik")';
  const { createOpd: opd } = await lab.ok('superadmin', 'mutation($i: OpdInput!) { createOpd(input: $i) { id } }', {
    i: { code: 'FORMULA', name, kind: 'BIDANG', parentId: lab.opd.DINSOS },
  });
  // A survey sheet puts the unit in this year's report.
  await lab.ok(null, 'mutation($i: SurveyResponseInput!) { submitSurveyResponse(input: $i) }', { i: { opdId: opd.id, answers: [4, 4, 4, 4, 4, 4, 4, 4, 4] } });
  const year = String(new Date(Date.now() + 7 * 3600_000).getUTCFullYear());

  const { complianceReportCsv: csv } = await lab.ok('walikota', 'query($p: String) { complianceReportCsv(period: $p) }', { p: year });
  const line = csv.split('\r\n').find((l: string) => l.includes(',FORMULA,'));
  expect(line).toContain(`,FORMULA,"'=HYPERLINK(""http://evil"",""klik"")",`);
  expect(csv).not.toMatch(/(^|,)=HYPERLINK/m);
});
