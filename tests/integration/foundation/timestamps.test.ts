import { Client } from 'pg';
// Importing the data source installs the timestamptz parser on the pg driver, as the server does.
import '../../../server/db/data-source';
import { isoString, parseTimestamp, readTimestamp } from '../../../server/db/timestamps';

const ZONES = ['UTC', 'Asia/Jakarta', 'Asia/Kolkata', 'America/St_Johns', 'Pacific/Chatham', 'Europe/Amsterdam', 'America/Los_Angeles'];

/** Instants with every fraction length, around DST changes, and far enough back for offsets with seconds (local mean time). */
const INSTANTS = [
  '2026-12-04 20:31:42.220511+00',
  '2026-12-04 20:31:42+00',
  '2026-12-04 20:31:42.2+00',
  '2026-12-04 20:31:42.22+00',
  '2026-12-04 20:31:42.999999+00',
  '2026-12-31 16:59:59.999+00',
  '2026-03-29 00:59:59.5+00',
  '2026-03-29 01:00:00.000001+00',
  '1900-01-01 00:00:00.123456+00',
  '1850-06-15 12:00:00+00',
  '1000-01-01 00:00:00+00',
  '1969-12-31 23:59:59.999+00',
  '9999-12-31 12:00:00+00',
];

describe('timestamps from PostgreSQL', () => {
  let client: Client;
  beforeAll(async () => {
    client = new Client({ connectionString: process.env.TEST_PG_ADMIN_URL });
    await client.connect();
  });
  afterAll(() => client.end());

  /** The instant PostgreSQL means, to the millisecond, from its own epoch in microseconds. */
  const expectedMs = (micros: string) => Math.floor(Number(micros) / 1000);

  it.each(ZONES)('reads columns and json in session time zone %s as the instant PostgreSQL holds', async (zone) => {
    await client.query(`SET TIME ZONE '${zone}'`);
    const { rows } = await client.query<{ t: Date; text: string; j: { t: string }; micros: string }>(
      `SELECT v AS t, v::text AS text, json_build_object('t', v) AS j, (extract(epoch FROM v) * 1000000)::bigint::text AS micros
         FROM unnest($1::timestamptz[]) v`,
      [INSTANTS],
    );
    expect(rows).toHaveLength(INSTANTS.length);
    for (const r of rows) {
      const want = expectedMs(r.micros);
      expect({ text: r.text, ms: r.t.getTime() }).toEqual({ text: r.text, ms: want });
      expect({ json: r.j.t, ms: readTimestamp(r.j.t).getTime() }).toEqual({ json: r.j.t, ms: want });
    }
  });

  it('hands what it does not read (BC, infinity, years past 9999) to the general parser', async () => {
    await client.query(`SET TIME ZONE 'UTC'`);
    const { rows } = await client.query<{ bc: Date; inf: unknown; far: Date }>(
      `SELECT '0044-03-15 12:00:00+00 BC'::timestamptz AS bc, 'infinity'::timestamptz AS inf, '12026-01-01 00:00:00+00'::timestamptz AS far`,
    );
    expect(rows[0].bc.getUTCFullYear()).toBe(-43);
    expect(rows[0].inf).toBe(Infinity);
    expect(rows[0].far.getUTCFullYear()).toBe(12026);
    expect(parseTimestamp('0044-03-15 12:00:00+00 BC')).toBeNull();
    expect(parseTimestamp('infinity')).toBeNull();
  });

  it('refuses shapes that are not a timestamp with an offset', () => {
    for (const s of [
      '2026-12-04 20:31:42',
      '2026-12-04 20:31:42.+00',
      '2026-12-04 20:31:42+0',
      '2026-12-04 20:31:42+07:0',
      '2026-12-04X20:31:42+00',
      '2026-1a-04 20:31:42+00',
      '0999-12-04 20:31:42+00',
    ]) {
      expect({ s, parsed: parseTimestamp(s) }).toEqual({ s, parsed: null });
    }
    expect(parseTimestamp('2026-12-04T20:31:42.5Z')?.toISOString()).toBe('2026-12-04T20:31:42.500Z');
    expect(parseTimestamp('2026-12-05 03:31:42.05+07')?.toISOString()).toBe('2026-12-04T20:31:42.050Z');
    expect(parseTimestamp('2026-12-04 14:01:42-06:30')?.toISOString()).toBe('2026-12-04T20:31:42.000Z');
  });
});

describe('timestamps to the API', () => {
  it('writes what toISOString writes, for every millisecond kind of instant in years 1000–9999', () => {
    const first = Date.UTC(1000, 0, 1);
    const last = Date.UTC(9999, 11, 31, 23, 59, 59, 999);
    const edges = [
      first,
      last,
      0,
      -1,
      1,
      Date.UTC(2000, 1, 29, 23, 59, 59, 999),
      Date.UTC(1900, 2, 1),
      Date.UTC(2100, 1, 28, 12),
      Date.UTC(2026, 11, 31, 16, 59, 59, 999),
    ];
    let seed = 7;
    const random = () => (seed = (seed * 48271) % 2147483647) / 2147483647;
    const instants = [...edges, ...Array.from({ length: 200_000 }, () => Math.floor(first + random() * (last - first)))];
    const wrong = instants.filter((t) => isoString(t) !== new Date(t).toISOString());
    expect(wrong).toEqual([]);
    expect([isoString(first - 1), isoString(last + 1), isoString(NaN)]).toEqual([null, null, null]);
  });
});
