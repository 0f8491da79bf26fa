import { startApp, type RunningApp } from '../../../server/app/bootstrap';
import { startLocalSmtp, type LocalSmtp } from '../../support/local-smtp';
import { codeOf, expectError, Lab } from './helpers';

/**
 * Notification templates the superadmin edits (issue #18, section 3): the built-in texts, a
 * preview with example values, refusals by field, an edit used by every message written after
 * it in every process (the overrides are read in the writing transaction), a reset, the audit
 * trail; and the default channels of staff who never chose their own.
 */
let lab: Lab;
let smtp: LocalSmtp;
let other: RunningApp | null = null;
const TRACKING = 'https://lapor.uji.test/lacak?kode={kode}';

beforeAll(async () => {
  smtp = await startLocalSmtp();
  lab = await Lab.start({
    notifications: { smtp: smtp.config(), trackingUrl: TRACKING, dispatchIntervalMs: 0, maxAttempts: 3, backoffMs: 0, batchSize: 10, quietHours: null },
  });
});
afterAll(async () => {
  await other?.stop();
  await lab?.stop();
  await smtp?.stop();
});
beforeEach(async () => {
  await drain();
  smtp.received = [];
});

async function drain(): Promise<void> {
  for (let i = 0; i < 20; i++) {
    const r = await lab.services.dispatcher.dispatchOnce();
    if (r.sent + r.failed + r.dead === 0) return;
  }
}

const TEMPLATE = 'template audience subject body defaultSubject defaultBody customized placeholders { name required sample } updatedAt';
const LIST = `{ notificationTemplates { ${TEMPLATE} } }`;
const UPDATE = `mutation($t: NotificationTemplate!, $i: NotificationTemplateInput!) { updateNotificationTemplate(template: $t, input: $i) { ${TEMPLATE} } }`;
const RESET = `mutation($t: NotificationTemplate!) { resetNotificationTemplate(template: $t) { ${TEMPLATE} } }`;
const PREVIEW = `query($t: NotificationTemplate!, $i: NotificationTemplateInput) { previewNotificationTemplate(template: $t, input: $i) { subject body } }`;
const AUDIT = `query($f: AuditFilter) { auditEntries(filter: $f, perPage: 100, sortField: "createdAt", sortOrder: ASC) { items { kind action entityLabel changes { field before after } } } }`;

interface Row {
  template: string;
  channel: string;
  recipient: string;
  subject: string;
  body: string;
}

/** The staff messages of a complaint, by recipient and channel. */
async function staffRows(complaintId: string): Promise<Row[]> {
  return lab.t.app.db.query(
    `SELECT n.template, n.channel, u.username AS recipient, n.subject, n.body FROM notification n JOIN app_user u ON u.id = n."recipientUserId"
      WHERE n."complaintId" = $1 ORDER BY n.id`,
    [Number(complaintId)],
  );
}

/** A GraphQL request to the second server process, with the token the first one signs (the same secret). */
async function onOther(username: string, query: string, variables: Record<string, unknown>): Promise<any> {
  const res = await fetch(`${other!.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${await lab.token(username)}` },
    body: JSON.stringify({ query, variables }),
  });
  const r = (await res.json()) as { data?: any; errors?: unknown[] };
  if (r.errors?.length) throw new Error(JSON.stringify(r.errors));
  return r.data;
}

test('only the superadmin lists, previews and edits templates; each shows its built-in text and the only placeholders it may name', async () => {
  for (const who of ['kepala.dinsos', 'admin.tengah', 'walikota']) {
    expect(codeOf(await lab.gql(who, LIST))).toBe('FORBIDDEN');
    expect(codeOf(await lab.gql(who, PREVIEW, { t: 'FORWARDED_TO_UNIT' }))).toBe('FORBIDDEN');
    expect(codeOf(await lab.gql(who, UPDATE, { t: 'FORWARDED_TO_UNIT', i: { subject: 'x', body: 'y' } }))).toBe('FORBIDDEN');
    expect(codeOf(await lab.gql(who, RESET, { t: 'FORWARDED_TO_UNIT' }))).toBe('FORBIDDEN');
  }
  const all: any[] = (await lab.ok('superadmin', LIST)).notificationTemplates;
  expect(all.map((t) => t.template)).not.toContain('WEBHOOK_EVENT');
  expect(all.every((t) => !t.customized && t.subject === t.defaultSubject && t.body === t.defaultBody)).toBe(true);
  const forward = all.find((t) => t.template === 'FORWARDED_TO_UNIT');
  expect([forward.audience, forward.subject, forward.placeholders.map((p: any) => p.name)]).toEqual([
    'STAFF',
    '[{kode}] Pengaduan diteruskan ke unit Anda',
    ['kode', 'judul', 'batas', 'instruksi'],
  ]);
  const code = all.find((t) => t.template === 'ACCESS_CODE_TO_REPORTER');
  expect(code.placeholders.filter((p: any) => p.required).map((p: any) => p.name)).toEqual(['kode_akses']);
  // No staff template offers the reporter's name or an access code.
  for (const t of all.filter((x) => x.audience === 'STAFF')) {
    expect(t.placeholders.map((p: any) => p.name)).not.toEqual(expect.arrayContaining(['nama_pelapor']));
    expect(t.placeholders.map((p: any) => p.name)).not.toContain('kode_akses');
  }

  // The preview fills the text now, or the text being edited, with example values; an empty line's placeholder takes it away.
  const now = (await lab.ok('superadmin', PREVIEW, { t: 'FORWARDED_TO_UNIT' })).previewNotificationTemplate;
  expect(now.subject).toBe('[MGL-2612-00042] Pengaduan diteruskan ke unit Anda');
  expect(now.body).toBe(
    'Pengaduan MGL-2612-00042 "Lampu jalan padam di Jalan Ikhlas" diteruskan ke unit Anda.\nBatas tanggapan: 8 Desember 2026 16.00 WIB.\nInstruksi: Cek lokasi bersama lurah setempat.',
  );
  const edited = (
    await lab.ok('superadmin', PREVIEW, {
      t: 'RECEIVED_TO_REPORTER',
      i: { subject: 'Diterima: {judul}', body: 'Halo {nama_pelapor}\nKode akses: {kode_akses}\nLacak di {tautan}' },
    })
  ).previewNotificationTemplate;
  expect(edited).toEqual({
    subject: 'Diterima: Lampu jalan padam di Jalan Ikhlas',
    body: 'Halo Siti Aminah\nKode akses: K7QX2M9PRD\nLacak di https://lapor.uji.test/lacak?kode=MGL-2612-00042',
  });
  expectError(await lab.gql('superadmin', PREVIEW, { t: 'FORWARDED_TO_UNIT', i: { subject: 'Baru', body: 'Untuk {pelapor}' } }), 'BAD_USER_INPUT', [
    'input.body',
  ]);
});

test('refusals name the field, and nothing is stored', async () => {
  const cases: [string, { subject: string; body: string }, string][] = [
    ['FORWARDED_TO_UNIT', { subject: '[{kode}] Baru', body: 'Pengaduan {kode} dari {nama_pelapor}' }, 'input.body'],
    ['ASSIGNED_TO_STAFF', { subject: '[{kode}] {nomor_hp}', body: 'Tugas {kode}' }, 'input.subject'],
    ['ACCESS_CODE_TO_REPORTER', { subject: '[{kode}] Kode akses baru', body: 'Kode baru dikirim terpisah. {tautan}' }, 'input.body'],
    ['RECEIVED_TO_REPORTER', { subject: '[{kode}] Diterima', body: 'Pengaduan {kode} diterima.' }, 'input.body'],
    ['RECEIVED_TO_REPORTER', { subject: 'Kode {kode_akses}', body: 'Kode akses: {kode_akses}' }, 'input.subject'],
    ['CLOSED_TO_REPORTER', { subject: '', body: 'Selesai' }, 'input.subject'],
    ['WEBHOOK_EVENT', { subject: 'x', body: 'y' }, 'template'],
  ];
  for (const [t, i, field] of cases) expectError(await lab.gql('superadmin', UPDATE, { t, i }), 'BAD_USER_INPUT', [field]);
  const all: any[] = (await lab.ok('superadmin', LIST)).notificationTemplates;
  expect(all.filter((t) => t.customized)).toEqual([]);
});

test('an edit is used by every message written after it, in every server process; a reset goes back; both are audited', async () => {
  const before = await lab.forwarded('DINSOS');
  const subject = '[{kode}] Tugas baru untuk unit Anda';
  const body = 'Mohon tindak lanjuti {kode} "{judul}" paling lambat {batas}.\nInstruksi: {instruksi}';
  const saved = (await lab.ok('superadmin', UPDATE, { t: 'FORWARDED_TO_UNIT', i: { subject, body: `${body}\r\n` } })).updateNotificationTemplate;
  expect([saved.customized, saved.subject, saved.body, saved.defaultSubject]).toEqual([true, subject, body, '[{kode}] Pengaduan diteruskan ke unit Anda']);

  // A second server process on the same database, whose first message comes right after the edit committed.
  other = await startApp({ ...lab.t.app.config, port: 0, seedDemo: false });
  const c = await lab.verified({ title: 'Rumah tidak layak huni di Kramat' });
  await onOther('admin.tengah', `mutation($id: ID!, $o: ID!) { forwardComplaint(id: $id, opdId: $o) { id } }`, { id: c.id, o: lab.opd.DINSOS });
  const [row] = (await staffRows(c.id)).filter((r) => r.template === 'FORWARDED_TO_UNIT' && r.recipient === 'kepala.dinsos');
  expect(row.subject).toBe(`[${c.trackingCode}] Tugas baru untuk unit Anda`);
  expect(row.body).toMatch(
    new RegExp(`^Mohon tindak lanjuti ${c.trackingCode} "Rumah tidak layak huni di Kramat" paling lambat \\d+ \\w+ \\d{4} \\d{2}\\.\\d{2} WIB\\.$`),
  );
  // What was written before the edit stays as it was.
  const [old] = (await staffRows(before.id)).filter((r) => r.template === 'FORWARDED_TO_UNIT');
  expect(old.subject).toBe(`[${before.trackingCode}] Pengaduan diteruskan ke unit Anda`);

  // Edited again, then reset, each through the first process; the second writes with what is stored now.
  await lab.ok('superadmin', UPDATE, { t: 'FORWARDED_TO_UNIT', i: { subject: '[{kode}] Segera', body } });
  const reset = (await lab.ok('superadmin', RESET, { t: 'FORWARDED_TO_UNIT' })).resetNotificationTemplate;
  expect([reset.customized, reset.subject, reset.body]).toEqual([false, reset.defaultSubject, reset.defaultBody]);
  const after = await lab.verified();
  await onOther('admin.tengah', `mutation($id: ID!, $o: ID!) { forwardComplaint(id: $id, opdId: $o, note: "Cek data DTKS") { id } }`, {
    id: after.id,
    o: lab.opd.DINSOS,
  });
  const [back] = (await staffRows(after.id)).filter((r) => r.template === 'FORWARDED_TO_UNIT' && r.recipient === 'kepala.dinsos');
  expect(back.subject).toBe(`[${after.trackingCode}] Pengaduan diteruskan ke unit Anda`);
  expect(back.body).toContain('Instruksi: Cek data DTKS');
  // Resetting what has no text of its own changes nothing and records nothing.
  await lab.ok('superadmin', RESET, { t: 'FORWARDED_TO_UNIT' });

  const trail = (await lab.ok('superadmin', AUDIT, { f: { kind: 'NOTIFY_TEMPLATE' } })).auditEntries.items;
  expect(trail.map((e: any) => [e.action, e.entityLabel])).toEqual([
    ['CREATE', 'FORWARDED_TO_UNIT'],
    ['UPDATE', 'FORWARDED_TO_UNIT'],
    ['DELETE', 'FORWARDED_TO_UNIT'],
  ]);
  expect(trail[1].changes).toEqual([{ field: 'subject', before: subject, after: '[{kode}] Segera' }]);
});

test('an edited receipt still carries the access code: sent in the e-mail, masked in the console, gone once delivered', async () => {
  await lab.ok('superadmin', UPDATE, {
    t: 'RECEIVED_TO_REPORTER',
    i: { subject: '[{kode}] Terima kasih, {judul}', body: 'Halo {nama_pelapor},\n\nNomor: {kode}\nKode akses Anda: {kode_akses}\nLacak: {tautan}' },
  });
  try {
    const { complaint, trackingCode, accessCode } = await lab.submit('admin.tengah', {
      title: 'Sampah menumpuk',
      reporterName: 'Siti Aminah',
      reporterEmail: 'siti@contoh.id',
    });
    const LIST_ONE = `query($f: NotificationFilter) { notifications(filter: $f) { items { template subject body status } } }`;
    const [shown] = (await lab.ok('superadmin', LIST_ONE, { f: { complaintId: complaint.id } })).notifications.items;
    expect(shown.subject).toBe(`[${trackingCode}] Terima kasih, Sampah menumpuk`);
    expect(shown.body).not.toContain(accessCode);
    await drain();
    expect(smtp.received.map((m) => m.subject)).toEqual([`[${trackingCode}] Terima kasih, Sampah menumpuk`]);
    expect(smtp.received[0].body).toContain(
      `Halo Siti Aminah,\n\nNomor: ${trackingCode}\nKode akses Anda: ${accessCode}\nLacak: https://lapor.uji.test/lacak?kode=${trackingCode}`,
    );
    const [{ body }] = await lab.t.app.db.query(`SELECT body FROM notification WHERE "complaintId" = $1 AND template = 'RECEIVED_TO_REPORTER'`, [
      Number(complaint.id),
    ]);
    expect(body).not.toContain(accessCode);
  } finally {
    await lab.ok('superadmin', RESET, { t: 'RECEIVED_TO_REPORTER' });
  }
});

test('default staff channels: set by the superadmin, followed by those who never chose, not by those who chose their own', async () => {
  const SETTINGS = `{ notificationSettings { defaultStaffChannels available } }`;
  const SET = `mutation($c: [NotificationChannel!]!) { setDefaultStaffChannels(channels: $c) { defaultStaffChannels available } }`;
  const PREFS = `{ myNotificationPreferences { chosen usesDefault defaults } }`;
  const MINE = `mutation($c: [NotificationChannel!]) { setMyNotificationChannels(channels: $c) { chosen usesDefault } }`;
  expect((await lab.ok('superadmin', SETTINGS)).notificationSettings).toEqual({ defaultStaffChannels: [], available: ['EMAIL'] });
  expect(codeOf(await lab.gql('kepala.dinsos', SET, { c: ['EMAIL'] }))).toBe('FORBIDDEN');
  for (const bad of [['WHATSAPP'], ['IN_CONSOLE']]) expectError(await lab.gql('superadmin', SET, { c: bad }), 'BAD_USER_INPUT', ['channels']);
  expect((await lab.ok('superadmin', SET, { c: ['EMAIL', 'EMAIL'] })).setDefaultStaffChannels.defaultStaffChannels).toEqual(['EMAIL']);
  try {
    // kepala.dinsos never chose: the default applies. kepala.disperkim chooses none of their own.
    expect((await lab.ok('kepala.dinsos', PREFS)).myNotificationPreferences).toEqual({ chosen: ['EMAIL'], usesDefault: true, defaults: ['EMAIL'] });
    expect((await lab.ok('kepala.disperkim', MINE, { c: [] })).setMyNotificationChannels).toEqual({ chosen: [], usesDefault: false });
    const toDinsos = await lab.forwarded('DINSOS');
    const toDisperkim = await lab.forwarded('DISPERKIM');
    const channels = async (id: string, who: string) =>
      (await staffRows(id)).filter((r) => r.template === 'FORWARDED_TO_UNIT' && r.recipient === who).map((r) => r.channel);
    expect(await channels(toDinsos.id, 'kepala.dinsos')).toEqual(['IN_CONSOLE', 'EMAIL']);
    expect(await channels(toDisperkim.id, 'kepala.disperkim')).toEqual(['IN_CONSOLE']);
    // Back to the default: they follow it again.
    expect((await lab.ok('kepala.disperkim', MINE, { c: null })).setMyNotificationChannels).toEqual({ chosen: ['EMAIL'], usesDefault: true });
    const again = await lab.forwarded('DISPERKIM');
    expect(await channels(again.id, 'kepala.disperkim')).toEqual(['IN_CONSOLE', 'EMAIL']);
    await drain();
    expect(smtp.received.map((m) => m.subject).sort()).toEqual(
      [`[${toDinsos.trackingCode}] Pengaduan diteruskan ke unit Anda`, `[${again.trackingCode}] Pengaduan diteruskan ke unit Anda`].sort(),
    );
  } finally {
    await lab.ok('superadmin', SET, { c: [] });
  }
  const trail = (await lab.ok('superadmin', AUDIT, { f: { kind: 'NOTIFY_SETTINGS', action: 'UPDATE' } })).auditEntries.items;
  expect(trail.map((e: any) => [e.action, e.changes])).toEqual([
    ['UPDATE', [{ field: 'defaultStaffChannels', before: [], after: ['EMAIL'] }]],
    ['UPDATE', [{ field: 'defaultStaffChannels', before: ['EMAIL'], after: [] }]],
  ]);
});
