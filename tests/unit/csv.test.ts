import { csvCell, toCsv } from '../../common/csv';
import { complaintsCsv } from '../../admin/src/complaints/complaint-csv';
import type { ComplaintRecord } from '../../admin/src/complaints/types';

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
  const [header, row] = csv.split('\r\n');
  expect(header.split(',')).toContain('title');
  expect(row).toContain(`"'=HYPERLINK(""http://evil"",""klik"")"`);
  expect(row).toContain(`,'@Dinas,`);
  expect(row.startsWith('MGL-2611-00042,waktu 2026-11-02T01:00:00Z,COMPLAINT,WEB,')).toBe(true);
});
