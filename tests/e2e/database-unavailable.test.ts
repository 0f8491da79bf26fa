import { Client } from 'pg';
import type { Page, Request, Response } from 'playwright-core';
import { consoleSuite } from './support/browser';

/**
 * When the database cannot serve a request for a moment (here: another session holds a lock
 * on the complaint table longer than the server's lock_timeout), the server answers
 * SERVICE_UNAVAILABLE with HTTP 503. The console tries reads again by itself, so a list
 * still shows its data; it never repeats a write by itself, but says the change was not
 * saved and keeps what the user typed, so that saving again once the database is back works.
 */
const suite = consoleSuite({ demoComplaints: 20, env: { DB_LOCK_TIMEOUT_MS: '300' } });

const STEP = 30_000;
const NOT_SAVED = 'Perubahan belum tersimpan: server sedang sibuk. Coba lagi.';
const UNREACHABLE = 'Perubahan mungkin belum tersimpan: server tidak dapat dihubungi. Periksa data lalu coba lagi.';

/** Holds ACCESS EXCLUSIVE on `complaint` from a connection of its own until released. */
const lockComplaints = async (): Promise<() => Promise<void>> => {
  const db = new Client({ connectionString: suite.t.dbUrl });
  await db.connect();
  await db.query('BEGIN');
  await db.query('LOCK TABLE complaint IN ACCESS EXCLUSIVE MODE');
  return async () => {
    await db.query('ROLLBACK');
    await db.end();
  };
};

const operationOf = (request: Request): string | undefined => {
  if (request.method() !== 'POST' || !request.url().endsWith('/graphql')) return undefined;
  try {
    return (JSON.parse(request.postData() ?? '{}') as { operationName?: string }).operationName;
  } catch {
    return undefined;
  }
};

/** The HTTP statuses of every answer to `operation`, in order. */
const recordStatuses = (page: Page, operation: string): number[] => {
  const statuses: number[] = [];
  page.on('response', (response: Response) => {
    if (operationOf(response.request()) === operation) statuses.push(response.status());
  });
  return statuses;
};

const answered = (page: Page, operation: string, status: number) =>
  page.waitForResponse((response) => operationOf(response.request()) === operation && response.status() === status, { timeout: STEP });

const notification = (page: Page, text: string) => page.locator('.MuiSnackbarContent-message', { hasText: text });

test('a list opened while the database is locked still shows its complaints: the read is tried again', async () => {
  const page = await suite.session('admin.tengah');
  page.setDefaultTimeout(STEP);
  const statuses = recordStatuses(page, 'complaints');
  const release = await lockComplaints();
  try {
    await page.goto(`${suite.t.url}/admin/#/complaints`);
    const refused = await answered(page, 'complaints', 503);
    expect(refused.headers()['retry-after']).toMatch(/^\d+$/);
    expect((await refused.json()).errors[0].extensions.code).toBe('SERVICE_UNAVAILABLE');
  } finally {
    await release();
  }
  await page.locator('[data-tracking-code]').first().waitFor();
  expect(await page.locator('[data-tracking-code]').count()).toBeGreaterThan(0);
  // The list controller does not retry (react-query retry is off): the 200 after the 503 is the retry link's.
  expect(statuses.indexOf(200)).toBeGreaterThan(statuses.indexOf(503));
  expect(await page.getByText('Server sedang sibuk').count()).toBe(0);
}, 120_000);

test('a complaint saved while the database is locked is not recorded, the form keeps it, and saving again records it once', async () => {
  const page = await suite.session('admin.tengah');
  page.setDefaultTimeout(STEP);
  await page.goto(`${suite.t.url}/admin/#/complaints/create`);
  const title = page.locator('input[name="title"]');
  const description = page.locator('textarea[name="description"]');
  const typedTitle = 'Lampu jalan Jl. Tidar padam sepekan';
  const typedDescription = 'Sudah satu minggu lampu penerangan jalan di depan SD Tidar 2 padam, jalan gelap dan rawan.';
  await title.fill(typedTitle);
  await description.fill(typedDescription);
  await page.locator('input[name="reporterName"]').fill('Bambang Wijaya');
  await page.locator('input[name="reporterPhone"]').fill('081298765432');

  const attempts = recordStatuses(page, 'submitComplaint');
  const release = await lockComplaints();
  try {
    await page.locator('button[type="submit"]').click();
    await notification(page, NOT_SAVED).waitFor();
    // Nothing was tried again behind the user's back: one request, refused.
    expect(attempts).toEqual([503]);
  } finally {
    await release();
  }
  expect(await title.inputValue()).toBe(typedTitle);
  expect(await description.inputValue()).toBe(typedDescription);
  expect(await page.locator('input[name="reporterName"]').inputValue()).toBe('Bambang Wijaya');

  await page.locator('button[type="submit"]').click();
  const trackingCode = page.locator('[role="dialog"] [data-testid="tracking-code"]');
  await trackingCode.waitFor();
  expect(attempts).toEqual([503, 200]);
  const code = await trackingCode.getAttribute('data-value');
  const admin = await suite.t.login('admin.tengah');
  const found = await suite.t.ok<{ complaints: { items: { trackingCode: string; title: string }[] } }>(
    'query($q: String) { complaints(filter: { q: $q }) { items { trackingCode title } } }',
    { q: 'Lampu jalan Jl. Tidar' },
    admin,
  );
  expect(found.complaints.items).toEqual([{ trackingCode: code, title: typedTitle }]);
}, 120_000);

test('forwarding while the database is locked or the server unreachable keeps the dialog and the note; it goes through after', async () => {
  const admin = await suite.t.login('admin.tengah');
  const submitted = await suite.t.ok<{ submitComplaint: { complaint: { id: string } } }>(
    `mutation($input: ComplaintInput!) { submitComplaint(input: $input) { complaint { id } } }`,
    {
      input: {
        title: 'Bantuan PKH belum cair',
        description: 'Sudah tiga bulan bantuan PKH keluarga kami belum diterima padahal terdaftar.',
        reporterName: 'Siti Aminah',
        reporterPhone: '081234567890',
      },
    },
    admin,
  );
  const complaintId = submitted.submitComplaint.complaint.id;
  await suite.t.ok('mutation($id: ID!) { verifyComplaint(id: $id) { id } }', { id: complaintId }, admin);

  const page = await suite.session('admin.tengah');
  page.setDefaultTimeout(STEP);
  await page.goto(`${suite.t.url}/admin/#/complaints/${encodeURIComponent(complaintId)}/show`);

  await page.locator('[data-action="FORWARD"]').click();
  const dialog = page.locator('[data-testid="action-dialog-FORWARD"]');
  await dialog.waitFor();
  await dialog.getByLabel('Unit tujuan').fill('Dinas Sosial');
  await page
    .getByRole('option', { name: /Dinas Sosial/ })
    .first()
    .click();
  const note = dialog.locator('textarea[name="note"]');
  const typedNote = 'Mohon ditindaklanjuti bersama pendamping PKH kelurahan.';
  await note.fill(typedNote);

  const attempts = recordStatuses(page, 'forwardComplaint');
  const release = await lockComplaints();
  try {
    await dialog.locator('[data-testid="action-submit"]').click();
    await notification(page, NOT_SAVED).waitFor();
    expect(attempts).toEqual([503]);
  } finally {
    await release();
  }
  await dialog.locator('[data-testid="action-problem"]', { hasText: NOT_SAVED }).waitFor();
  expect(await note.inputValue()).toBe(typedNote);

  // No answer at all (the connection drops): the console cannot know, and says so.
  await page.route('**/graphql', async (route) => (operationOf(route.request()) === 'forwardComplaint' ? route.abort('connectionreset') : route.fallback()));
  await dialog.locator('[data-testid="action-submit"]').click();
  await notification(page, UNREACHABLE).waitFor();
  expect(await note.inputValue()).toBe(typedNote);
  await page.unrouteAll();

  await dialog.locator('[data-testid="action-submit"]').click();
  await dialog.waitFor({ state: 'detached' });
  await page.locator('[data-testid="complaint-status"] [data-status="FORWARDED"]').waitFor();
  const forwarded = await suite.t.ok<{ complaint: { status: string; events: { type: string }[] } }>(
    'query($id: ID!) { complaint(id: $id) { status events { type } } }',
    { id: complaintId },
    admin,
  );
  expect(forwarded.complaint.status).toBe('FORWARDED');
  expect(forwarded.complaint.events.filter((e) => e.type === 'FORWARDED')).toHaveLength(1);
}, 120_000);
