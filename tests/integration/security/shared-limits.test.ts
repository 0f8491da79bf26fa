import pg from 'pg';
import { RateLimit } from '../../../server/core/rate-limit';
import { freePort } from '../../support/databases';
import { codeOf, startTestApp, type GqlResult, type TestApp } from '../../support/test-app';

const SUBMIT = `mutation($input: ComplaintInput!, $key: String) {
  submitComplaint(input: $input, idempotencyKey: $key) { trackingCode accessCode replayed } }`;
const TRACK = `query($tc: String!, $ac: String!) { trackComplaint(trackingCode: $tc, accessCode: $ac) { title } }`;
const SURVEY = `mutation($i: SurveyResponseInput!) { submitSurveyResponse(input: $i) }`;

let t: TestApp;
let su: string;
beforeAll(async () => {
  t = await startTestApp({ trustProxy: ['loopback'] });
  su = await t.login('superadmin');
});
afterAll(() => t?.stop());

/** A request from `address` (this server trusts X-Forwarded-For from loopback), with a staff token or an API key. */
async function post(query: string, variables: Record<string, unknown>, from: { address?: string; token?: string; apiKey?: string } = {}): Promise<GqlResult> {
  const res = await fetch(`${t.url}/graphql`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(from.address ? { 'x-forwarded-for': from.address } : {}),
      ...(from.token ? { authorization: `Bearer ${from.token}` } : {}),
      ...(from.apiKey ? { 'x-api-key': from.apiKey } : {}),
    },
    body: JSON.stringify({ query, variables }),
  });
  return (await res.json()) as GqlResult;
}

async function submit(input: Record<string, unknown>, key: string, from: Parameters<typeof post>[2]) {
  const r = await post(SUBMIT, { input, key }, from);
  expect(r.errors).toBeUndefined();
  return r.data.submitComplaint as { trackingCode: string; accessCode: string; replayed: boolean };
}

function complaint(title: string): Record<string, unknown> {
  return { title, description: 'Lampu penerangan jalan di gang kami mati sejak minggu lalu.', reporterPhone: '081234567890' };
}

async function apiKey(name: string): Promise<string> {
  const { createApiClient } = await t.ok(`mutation($n: String!) { createApiClient(name: $n, channel: EXTERNAL_APP) { key } }`, { n: name }, su);
  return createApiClient.key;
}

describe('rate limits live in PostgreSQL', () => {
  test('two limiters on one database (two processes) share one count', async () => {
    const poolA = new pg.Pool({ connectionString: t.dbUrl, max: 2 });
    const poolB = new pg.Pool({ connectionString: t.dbUrl, max: 2 });
    try {
      const a = new RateLimit(poolA, { name: 'shared-test', points: 4, durationSeconds: 60 });
      const b = new RateLimit(poolB, { name: 'shared-test', points: 4, durationSeconds: 60 });
      const taken = await Promise.all([a, b, a, b, a, b].map((l) => l.take('k')));
      expect(taken.filter((w) => w === null)).toHaveLength(4);
      expect(taken.filter((w) => w !== null).every((w) => w! > 0 && w! <= 60)).toBe(true);
      const [{ points }] = await t.app.db.query(`SELECT points FROM rate_limit WHERE key = 'shared-test:k'`);
      expect(points).toBe(6);
    } finally {
      await Promise.all([poolA.end(), poolB.end()]);
    }
  });

  test('when PostgreSQL does not answer, each process falls back to its own in-memory count with the same limit', async () => {
    const dead = new pg.Pool({ connectionString: `postgres://postgres@127.0.0.1:${await freePort()}/none`, connectionTimeoutMillis: 500 });
    try {
      const limit = new RateLimit(dead, { name: 'dead', points: 3, durationSeconds: 60 });
      const taken = [];
      for (let i = 0; i < 5; i++) taken.push(await limit.take('k'));
      expect(taken.map((w) => w === null)).toEqual([true, true, true, false, false]);
      await expect(limit.check('k', 'tries')).rejects.toMatchObject({ extensions: { code: 'RATE_LIMITED' } });
    } finally {
      await dead.end();
    }
  });
});

describe('idempotency keys belong to their caller', () => {
  test('two public addresses with the same key and the same text get two complaints with their own access codes', async () => {
    const key = 'shared-key-0001';
    const input = complaint('Lampu jalan mati di gang Melati');
    const a = await submit(input, key, { address: '198.51.100.31' });
    const b = await submit(input, key, { address: '198.51.100.32' });
    expect(a.replayed).toBe(false);
    expect(b.replayed).toBe(false);
    expect(b.trackingCode).not.toBe(a.trackingCode);
    expect(b.accessCode).not.toBe(a.accessCode);
    // B's code opens B's complaint, not A's.
    expect(codeOf(await post(TRACK, { tc: a.trackingCode, ac: b.accessCode }))).toBe('NOT_FOUND');
    expect((await post(TRACK, { tc: b.trackingCode, ac: b.accessCode })).data!.trackComplaint.title).toBe('Lampu jalan mati di gang Melati');
    // Each caller's retry is its own replay.
    expect(await submit(input, key, { address: '198.51.100.31' })).toEqual({ ...a, replayed: true });
    expect(await submit(input, key, { address: '198.51.100.32' })).toEqual({ ...b, replayed: true });
    const [{ n }] = await t.app.db.query(`SELECT count(*)::int AS n FROM complaint WHERE "idempotencyKey" = $1`, [key]);
    expect(n).toBe(2);
  });

  test('a key someone else used first never makes a genuine submission fail', async () => {
    const key = 'taken-first-0002';
    // An attacker who guessed the key submits other text first, from another address, as staff and as an app.
    await submit(complaint('Isi palsu dari penyerang'), key, { address: '203.0.113.66' });
    await submit(complaint('Isi palsu lewat petugas'), key, { token: await t.login('petugas.rw') });
    await submit(complaint('Isi palsu lewat aplikasi'), key, { apiKey: await apiKey('Aplikasi penyerang') });
    const genuine = await submit(complaint('Pengaduan warga yang asli'), key, { address: '198.51.100.33' });
    expect(genuine.replayed).toBe(false);
    expect((await post(TRACK, { tc: genuine.trackingCode, ac: genuine.accessCode })).data!.trackComplaint.title).toBe('Pengaduan warga yang asli');
    // Staff and the public with one key: separate complaints too.
    const staff = await submit(complaint('Pengaduan warga yang asli'), key, { token: await t.login('admin.tengah') });
    expect(staff.replayed).toBe(false);
    expect(staff.trackingCode).not.toBe(genuine.trackingCode);
    const rows = await t.app.db.query(`SELECT "idempotencyScope" FROM complaint WHERE "idempotencyKey" = $1 ORDER BY id`, [key]);
    expect(rows.map((r: { idempotencyScope: string }) => r.idempotencyScope.split(':')[0])).toEqual(['public', 'user', 'client', 'public', 'user']);
  });

  test('the same caller reusing its key for other text is still a conflict', async () => {
    const key = 'own-key-00003';
    await submit(complaint('Sampah menumpuk di pasar'), key, { address: '198.51.100.34' });
    expect(codeOf(await post(SUBMIT, { input: complaint('Sampah menumpuk di terminal'), key }, { address: '198.51.100.34' }))).toBe('CONFLICT');
  });
});

describe('the satisfaction survey resists stuffing', () => {
  const sheet = (opdId: string) => ({ i: { opdId, answers: [4, 4, 4, 4, 4, 4, 4, 4, 4] } });
  let opds: Record<string, string>;
  beforeAll(async () => {
    const { opds: list } = await t.ok(`{ opds(perPage: 1000) { items { id code } } }`, {}, su);
    opds = Object.fromEntries(list.items.map((o: { id: string; code: string }) => [o.code, o.id]));
  });
  const responses = async (opdId: string) => (await t.app.db.query(`SELECT count(*)::int AS n FROM survey_response WHERE "opdId" = $1`, [opdId]))[0].n;

  test('one sheet per address and Opd in 24 hours (relaxed ×10 in test mode like every limit); another Opd or address is not affected', async () => {
    const perDay = t.app.services.limits.surveySheet.limit;
    expect(perDay).toBe(10);
    const codes: string[] = [];
    for (let i = 0; i < perDay + 3; i++) codes.push(codeOf(await post(SURVEY, sheet(opds.DINSOS), { address: '198.51.100.40' })) ?? 'OK');
    expect(codes).toEqual([...Array(perDay).fill('OK'), 'RATE_LIMITED', 'RATE_LIMITED', 'RATE_LIMITED']);
    expect(await responses(opds.DINSOS)).toBe(perDay);
    const refused = await post(SURVEY, sheet(opds.DINSOS), { address: '198.51.100.40' });
    expect(refused.errors![0].extensions!.retryAfterSeconds).toBeGreaterThan(23 * 3600);
    expect(refused.data).toBeNull();
    expect((await post(SURVEY, sheet(opds.DISPERKIM), { address: '198.51.100.40' })).errors).toBeUndefined();
    expect((await post(SURVEY, sheet(opds.DINSOS), { address: '198.51.100.41' })).errors).toBeUndefined();
    expect(await responses(opds.DINSOS)).toBe(perDay + 1);
  });

  test('rotating IPv6 addresses inside one /64 does not escape it; a refused sheet does not use up the day', async () => {
    const perDay = t.app.services.limits.surveySheet.limit;
    const bad = await post(SURVEY, { i: { opdId: opds.DISPERKIM, answers: [4, 4] } }, { address: '2001:db8:77:1::1' });
    expect(codeOf(bad)).toBe('BAD_USER_INPUT');
    const codes: string[] = [];
    for (let i = 0; i < perDay + 1; i++)
      codes.push(codeOf(await post(SURVEY, sheet(opds.DISPERKIM), { address: `2001:db8:77:1::${(i + 2).toString(16)}` })) ?? 'OK');
    expect(codes).toEqual([...Array(perDay).fill('OK'), 'RATE_LIMITED']);
  });

  test('by default (no TRUST_PROXY) a forged X-Forwarded-For does not buy more sheets', async () => {
    const strict = await startTestApp();
    try {
      const { opds: list } = await strict.ok(`{ opds(perPage: 1000) { items { id code } } }`, {}, await strict.login('superadmin'));
      const dinsos = list.items.find((o: { code: string }) => o.code === 'DINSOS').id;
      const codes: string[] = [];
      for (let i = 0; i < 12; i++) {
        const res = await fetch(`${strict.url}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-forwarded-for': `203.0.113.${i + 1}` },
          body: JSON.stringify({ query: SURVEY, variables: sheet(dinsos) }),
        });
        codes.push(codeOf((await res.json()) as GqlResult) ?? 'OK');
      }
      expect(codes).toEqual([...Array(10).fill('OK'), 'RATE_LIMITED', 'RATE_LIMITED']);
    } finally {
      await strict.stop();
    }
  });

  test('a kiosk or app with an API key is limited per key, not per address and Opd', async () => {
    const key = await apiKey('Kiosk SKM Dinas Sosial');
    const before = await responses(opds.DINSOS);
    for (let i = 0; i < 15; i++) expect((await post(SURVEY, sheet(opds.DINSOS), { address: '198.51.100.40', apiKey: key })).errors).toBeUndefined();
    expect(await responses(opds.DINSOS)).toBe(before + 15);
  });
});

describe('a lost access code can be asked for again, and strangers cannot take that away', () => {
  const RENEW = `mutation($tc: String!) { renewAccessCode(trackingCode: $tc) }`;
  test('a stranger who knows the tracking code uses up only their own address’s two requests; the reporter’s own address still gets one; six a day from all addresses', async () => {
    const { trackingCode } = await submit(complaint('Kode akses hilang'), `renew-${Date.now()}`, { address: '203.0.113.70' });
    const renew = (address: string) => post(RENEW, { tc: trackingCode }, { address });
    const stranger = [await renew('198.51.100.1'), await renew('198.51.100.1'), await renew('198.51.100.1'), await renew('198.51.100.1')];
    expect(stranger.map((r) => codeOf(r) ?? r.data.renewAccessCode)).toEqual([true, true, 'RATE_LIMITED', 'RATE_LIMITED']);
    // The refused ones took nothing from the complaint's day: the reporter's address is served.
    expect((await renew('203.0.113.70')).data.renewAccessCode).toBe(true);
    // Many addresses together stop at six a day, so the reporter's phone gets no more than six codes.
    const many = [];
    for (const address of ['198.51.100.2', '198.51.100.3', '198.51.100.4', '198.51.100.5']) many.push(await renew(address));
    expect(many.map((r) => codeOf(r) ?? r.data.renewAccessCode)).toEqual([true, true, true, 'RATE_LIMITED']);
  });
});
