import { seedDemoComplaints } from '../../../server/seed/demo-complaints';
import { replayMismatches } from '../../../server/modules/complaints/complaint-replay';
import { Complaint, ComplaintEvent } from '../../../server/modules/complaints/complaint.entity';
import { codeOf, startTestApp } from '../../support/test-app';

test('production mode: internal errors reach the client without message, stack or SQL; security headers and CORS are set', async () => {
  const t = await startTestApp({ mode: 'production', tokenSecret: 'p'.repeat(40), corsOrigins: ['https://lapor.magelangkota.go.id'], exposeSqlCount: false });
  try {
    const token = await t.login('admin.tengah');
    const res = await fetch(`${t.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: 'https://lapor.magelangkota.go.id', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query: '{ me { username } }' }),
    });
    expect(res.headers.get('access-control-allow-origin')).toBe('https://lapor.magelangkota.go.id');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('x-frame-options')).toBe('DENY');
    expect(res.headers.get('x-powered-by')).toBeNull();
    const other = await fetch(`${t.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: 'https://evil.example' },
      body: '{"query":"{ __typename }"}',
    });
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
    const body = (await res.json()) as any;
    expect(body.extensions?.sqlStatements).toBeUndefined();
    // Field suggestions are off in production ("Did you mean …" would map the schema for an attacker).
    const typo = await t.gql('{ complaintz { total } }', {}, token);
    expect(typo.errors?.[0]?.message).not.toMatch(/Did you mean/);
    // Break the database under the running server: the client learns nothing internal.
    await t.app.db.query(`ALTER TABLE complaint RENAME TO complaint_gone`);
    const broken = await t.gql('{ complaints { total } }', {}, token);
    await t.app.db.query(`ALTER TABLE complaint_gone RENAME TO complaint`);
    expect(broken.errors?.[0]).toMatchObject({ message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } });
    expect(Object.keys(broken.errors![0].extensions!)).toEqual(['code']);
    expect(JSON.stringify(broken)).not.toMatch(/complaint_gone|SELECT|relation|stack/i);
  } finally {
    await t.stop();
  }
});

test('public submission and login are rate-limited per source', async () => {
  const t = await startTestApp();
  try {
    const submit = 'mutation($i: ComplaintInput!) { submitComplaint(input: $i) { trackingCode } }';
    const input = { title: 'Lampu jalan mati', description: 'Lampu jalan di gang mati sejak seminggu.', reporterPhone: '081234567890' };
    const codes: (string | undefined)[] = [];
    for (let i = 0; i < 60; i++) codes.push(codeOf(await t.gql(submit, { i: input })));
    expect(codes.slice(0, 50).every((c) => c === undefined)).toBe(true);
    expect(codes.slice(50)).toContain('RATE_LIMITED');
  } finally {
    await t.stop();
  }
});

test('replaying every demo complaint’s events rebuilds exactly the stored row', async () => {
  const t = await startTestApp({ sweepIntervalMs: 0 });
  try {
    const made = await seedDemoComplaints(t.app.services, t.app.db, 120);
    expect(made).toBe(120);
    const rows = await t.app.db.getRepository(Complaint).find();
    const events = await t.app.db.getRepository(ComplaintEvent).find({ order: { id: 'ASC' } });
    const mismatched = rows.filter(
      (row) =>
        replayMismatches(
          row,
          events.filter((e) => e.complaintId === row.id),
        ).length > 0,
    );
    console.log(`audit: ${rows.length} demo complaints, ${events.length} events, ${mismatched.length} mismatches`);
    expect(rows.length).toBe(120);
    expect(mismatched.map((r) => r.trackingCode)).toEqual([]);
  } finally {
    await t.stop();
  }
});
