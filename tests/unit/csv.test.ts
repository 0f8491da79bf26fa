import { csvCell, toCsv, toExcelCsv } from '../../common/csv';
import { complaintsCsv } from '../../admin/src/complaints/complaint-csv';
import type { ComplaintRecord } from '../../admin/src/complaints/types';
import { REPORT_COLUMNS, type OpdComplianceRow } from '../../admin/src/reports/columns';
import { complianceCsv } from '../../admin/src/reports/compliance-csv';

const EVIL = '=HYPERLINK("http://evil","klik")';

test('cells a spreadsheet would run as a formula become text', () => {
  expect(csvCell(EVIL)).toBe(`"'=HYPERLINK(""http://evil"",""klik"")"`);
  expect(csvCell('+62 812')).toBe(`'+62 812`);
  expect(csvCell('-1+1')).toBe(`'-1+1`);
  expect(csvCell('@SUM(A1)')).toBe(`'@SUM(A1)`);
  expect(csvCell('\t=1')).toBe(`'\t=1`);
  expect(csvCell('\r=1')).toBe(`"'\r=1"`);
  // Numbers are numbers, and text with the characters elsewhere is left alone.
  expect(csvCell(-3)).toBe('-3');
  expect(csvCell('a=b')).toBe('a=b');
  expect(csvCell('Jl. Pemuda - Kota')).toBe('Jl. Pemuda - Kota');
});

test('quoting follows RFC 4180, empty values stay empty, lines end with CRLF', () => {
  expect(csvCell('Dinas Sosial, P3A')).toBe('"Dinas Sosial, P3A"');
  expect(csvCell('kata "rusak"')).toBe('"kata ""rusak"""');
  expect(csvCell('baris\nbaru')).toBe('"baris\nbaru"');
  expect(csvCell('a;b')).toBe('"a;b"');
  expect(csvCell(null)).toBe('');
  expect(csvCell(undefined)).toBe('');
  expect(
    toCsv(
      ['a', 'b'],
      [
        [1, 'x'],
        [null, EVIL],
      ],
    ),
  ).toBe(`a,b\r\n1,x\r\n,"'=HYPERLINK(""http://evil"",""klik"")"\r\n`);
});

test("the console's complaint export writes a formula-looking title and unit name as text", () => {
  const record = {
    id: '1',
    trackingCode: 'MGL-2611-00042',
    title: EVIL,
    type: 'COMPLAINT',
    channel: 'WEB',
    status: 'FORWARDED',
    overdue: false,
    currentOpd: { id: '7', name: '@Dinas' },
    createdAt: '2026-11-02T01:00:00Z',
  } as unknown as ComplaintRecord;
  const csv = complaintsCsv(
    [record],
    (key) => key.split('.').pop()!,
    (v) => (v ? `waktu ${v}` : ''),
  );
  const [header, row] = csv.replace(/^\ufeff/, '').split('\r\n');
  expect(header.split(';')).toContain('title');
  expect(row).toContain(`;"'=HYPERLINK(""http://evil"",""klik"")";`);
  expect(row).toContain(`;'@Dinas;`);
  expect(row.startsWith('MGL-2611-00042;waktu 2026-11-02T01:00:00Z;COMPLAINT;WEB;')).toBe(true);
});

test('a CSV for Excel with Indonesian settings: BOM, `;` between cells, decimal commas, the guard kept', () => {
  const csv = toExcelCsv(
    ['Perangkat daerah', 'Median (jam)', 'Catatan'],
    [
      ['Dinas Sosial, P3A', 12.5, EVIL],
      ['Kecamatan; Utara', -3, 'kata "rusak"'],
    ],
  );
  expect(csv.charCodeAt(0)).toBe(0xfeff);
  expect(csv.slice(1)).toBe(
    'Perangkat daerah;Median (jam);Catatan\r\n' +
      `Dinas Sosial, P3A;12,5;"'=HYPERLINK(""http://evil"",""klik"")"\r\n` +
      `"Kecamatan; Utara";-3;"kata ""rusak"""\r\n`,
  );
  // A negative decimal stays a number, not text behind an apostrophe; formula text is still guarded.
  expect(csvCell(-1.25, { separator: ';', decimalComma: true })).toBe('-1,25');
  expect(csvCell('-1+1', { separator: ';' })).toBe(`'-1+1`);
  expect(csvCell('@SUM(A1)', { separator: ';' })).toBe(`'@SUM(A1)`);
});

test('the compliance export has the headers of the table on screen and its rounding', () => {
  const labels: Record<string, string> = { rank: 'No.', opd: 'Perangkat daerah', ikmGrade: 'Mutu IKM', medianHoursToFirstResponse: 'Median (jam)' };
  const translate = (key: string) => labels[key.split('.').pop()!] ?? key.split('.').pop()!;
  const row: OpdComplianceRow = {
    rank: 1,
    opdId: '7',
    opd: { id: '7', code: 'DINSOS', name: '=Dinas Sosial' },
    taken: 3,
    received: 10,
    forwarded: 2,
    responded: 8,
    due: 9,
    respondedInTime: 7,
    respondedInTimePct: 77.777,
    medianHoursToFirstResponse: 5.25,
    p90HoursToFirstResponse: null,
    overdueNow: 1,
    returns: 0,
    averageRating: 4.333,
    ikm: 81.26,
    ikmGrade: 'B',
  };
  const [header, line, end] = complianceCsv([row], translate)
    .replace(/^\ufeff/, '')
    .split('\r\n');
  expect(header.split(';')).toEqual(['No.', 'Perangkat daerah', ...REPORT_COLUMNS.map((c) => labels[c] ?? c), 'Mutu IKM']);
  expect(line.split(';')).toEqual(['1', "'=Dinas Sosial", '3', '10', '2', '8', '9', '7', '77,8', '5,3', '', '1', '0', '4,33', '81,3', 'B']);
  expect(end).toBe('');
});
