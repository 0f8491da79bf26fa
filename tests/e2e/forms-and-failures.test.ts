import type { Locator, Page, Request } from 'playwright-core';
import { consoleSuite, statusChip } from './support/browser';

/**
 * What users hit when things do not go to plan (issue 22, section 1): a form filled in wrongly
 * answers in Indonesian, next to the input, before anything is sent (and the server's own
 * refusals are shown the same way); a colleague's change while an answer is typed keeps the
 * answer and sends it on the new version; typed text survives a reload; a page that cannot
 * load says why and tries again; the not-found page has a real title.
 */
const suite = consoleSuite();

const STEP = 30_000;

const operationOf = (request: Request): string | undefined => {
  if (request.method() !== 'POST' || !request.url().endsWith('/graphql')) return undefined;
  try {
    return (JSON.parse(request.postData() ?? '{}') as { operationName?: string }).operationName;
  } catch {
    return undefined;
  }
};

/** The requests of `operation` the page sends from now on. */
const recordRequests = (page: Page, operation: string): Request[] => {
  const sent: Request[] = [];
  page.on('request', (request) => {
    if (operationOf(request) === operation) sent.push(request);
  });
  return sent;
};

/** The helper text (or error) under the input named `name`. */
const helperOf = (page: Page, name: string): Locator =>
  page.locator('.MuiFormControl-root', { has: page.locator(`[name="${name}"]`) }).locator('.MuiFormHelperText-root');

const waitForText = async (locator: Locator, expected: string) => {
  const until = Date.now() + STEP;
  for (;;) {
    const text = (await locator.count()) > 0 ? ((await locator.first().textContent()) ?? '') : '';
    if (text.includes(expected)) return text;
    if (Date.now() > until) throw new Error(`text is "${text}", expected it to contain "${expected}"`);
    await new Promise((r) => setTimeout(r, 100));
  }
};

const waitForNoText = async (locator: Locator, gone: string) => {
  const until = Date.now() + STEP;
  while ((await locator.count()) > 0 && ((await locator.first().textContent()) ?? '').includes(gone)) {
    if (Date.now() > until) throw new Error(`"${gone}" is still shown`);
    await new Promise((r) => setTimeout(r, 100));
  }
};

const drafts = (page: Page) => page.evaluate(() => Object.keys(localStorage).filter((key) => key.startsWith('lapor.admin.draft')));

interface Recorded {
  id: string;
  version: number;
}

/** A complaint recorded and verified at the central desk by admin.tengah, optionally forwarded to Dinas Sosial. */
const recordComplaint = async (title: string, forward: boolean): Promise<Recorded> => {
  const admin = await suite.t.login('admin.tengah');
  const submitted = await suite.t.ok<{ submitComplaint: { complaint: { id: string } } }>(
    `mutation($input: ComplaintInput!) { submitComplaint(input: $input) { complaint { id } } }`,
    {
      input: {
        title,
        description: 'Sudah tiga bulan bantuan PKH keluarga kami belum diterima padahal masih terdaftar.',
        reporterName: 'Siti Aminah',
        reporterPhone: '081234567890',
      },
    },
    admin,
  );
  const id = submitted.submitComplaint.complaint.id;
  const verified = await suite.t.ok<{ verifyComplaint: Recorded }>('mutation($id: ID!) { verifyComplaint(id: $id) { id version } }', { id }, admin);
  if (!forward) return verified.verifyComplaint;
  const opds = await suite.t.ok<{ opds: { items: { id: string; name: string }[] } }>(
    'query { opds(filter: { q: "Dinas Sosial" }) { items { id name } } }',
    {},
    admin,
  );
  const dinsos = opds.opds.items.find((o) => o.name === 'Dinas Sosial')!;
  const forwarded = await suite.t.ok<{ forwardComplaint: Recorded }>(
    'mutation($id: ID!, $opdId: ID!) { forwardComplaint(id: $id, opdId: $opdId) { id version } }',
    { id, opdId: dinsos.id },
    admin,
  );
  return forwarded.forwardComplaint;
};

const openComplaint = async (page: Page, id: string) => {
  await page.goto(`${suite.t.url}/admin/#/complaints/${encodeURIComponent(id)}/show`);
  await page.locator(`[data-complaint-id="${id}"]`).waitFor();
};

test('the recording form answers a 3-letter title and a 3-digit NIK in Indonesian under those inputs, before sending; the server’s refusals read the same', async () => {
  const page = await suite.session('admin.tengah');
  page.setDefaultTimeout(STEP);
  await page.goto(`${suite.t.url}/admin/#/complaints/create`);
  const submits = recordRequests(page, 'submitComplaint');

  await page.locator('input[name="title"]').fill('abc');
  await page.locator('textarea[name="description"]').fill('Sudah satu minggu lampu penerangan jalan di depan SD Tidar 2 padam.');
  await page.locator('input[name="reporterNik"]').fill('123');
  await page.locator('input[name="reporterPhone"]').fill('081298765432');
  await page.locator('button[type="submit"]').click();

  await waitForText(helperOf(page, 'title'), 'Minimal 5 karakter');
  await waitForText(helperOf(page, 'reporterNik'), 'NIK terdiri dari 16 angka');
  expect(submits).toHaveLength(0);

  // Whatever the console lets through, the server checks again: its refusal comes back per field, in Indonesian too.
  await page.locator('input[name="title"]').fill('Lampu jalan Jl. Tidar padam');
  await page.locator('input[name="reporterNik"]').fill('3371012345678901');
  await waitForNoText(helperOf(page, 'title'), 'Minimal 5 karakter');
  await waitForNoText(helperOf(page, 'reporterNik'), 'NIK terdiri dari 16 angka');
  await page.route('**/graphql', async (route) => {
    if (operationOf(route.request()) !== 'submitComplaint') return route.fallback();
    const body = JSON.parse(route.request().postData() ?? '{}') as { variables: { input: Record<string, unknown> } };
    body.variables.input.title = 'abc';
    body.variables.input.reporterNik = '123';
    return route.continue({ postData: JSON.stringify(body) });
  });
  const [answer] = await Promise.all([
    page.waitForResponse((response) => operationOf(response.request()) === 'submitComplaint'),
    page.locator('button[type="submit"]').click(),
  ]);
  const refusal = (await answer.json()) as { errors: { extensions: { code: string; problems: { field: string; message: string }[] } }[] };
  expect(refusal.errors[0].extensions.code).toBe('BAD_USER_INPUT');
  expect(refusal.errors[0].extensions.problems.map((p) => p.field).sort()).toEqual(['input.reporterNik', 'input.title']);
  await waitForText(helperOf(page, 'title'), 'Minimal 5 karakter');
  await waitForText(helperOf(page, 'reporterNik'), 'NIK terdiri dari 16 angka');
  expect(await page.locator('form').textContent()).not.toMatch(/must be|characters|digits/);
  expect(submits).toHaveLength(1);
  await page.unrouteAll();
}, 120_000);

test('a colleague’s change while the unit head types an answer: the answer stays, the dialog shows what changed, and sending again answers it', async () => {
  const complaint = await recordComplaint('Bantuan PKH belum cair', true);
  const page = await suite.session('kepala.dinsos');
  page.setDefaultTimeout(STEP);
  await openComplaint(page, complaint.id);

  await page.locator('[data-action="RESPOND"]').click();
  const dialog = page.locator('[data-testid="action-dialog-RESPOND"]');
  await dialog.waitFor();
  const answer = dialog.locator('textarea[name="answer"]');
  const typed = 'Terima kasih. Data keluarga Ibu sudah kami periksa; pencairan PKH tahap berikutnya dijadwalkan minggu depan.';
  await answer.fill(typed);

  // Meanwhile the intake admin adds a note: the complaint moves to a new version.
  const admin = await suite.t.login('admin.tengah');
  const noted = await suite.t.ok<{ addInternalNote: Recorded }>(
    'mutation($id: ID!, $note: String!) { addInternalNote(id: $id, note: $note) { id version } }',
    { id: complaint.id, note: 'Pelapor menelepon lagi menanyakan pencairan.' },
    admin,
  );
  expect(noted.addInternalNote.version).toBeGreaterThan(complaint.version);

  const responds = recordRequests(page, 'respondToComplaint');
  await dialog.locator('[data-testid="action-submit"]').click();
  const conflict = dialog.locator('[data-testid="action-conflict"]');
  await conflict.waitFor();
  expect(await conflict.getAttribute('data-version')).toBe(String(noted.addInternalNote.version));
  await conflict.locator('[data-testid="conflict-status"] [data-status="FORWARDED"]').waitFor();
  await conflict.locator('[data-testid="conflict-events"] [data-event-type="INTERNAL_NOTE"]').waitFor();
  expect(await conflict.textContent()).toContain('Teks Anda tetap di sini');
  expect(await answer.inputValue()).toBe(typed);
  expect(await drafts(page)).toHaveLength(1);

  await dialog.locator('[data-testid="action-submit"]').click();
  await dialog.waitFor({ state: 'detached' });
  await statusChip(page, 'RESPONDED').waitFor();
  expect(responds).toHaveLength(2);
  const after = await suite.t.ok<{ complaint: { status: string; answer: string; events: { type: string }[] } }>(
    'query($id: ID!) { complaint(id: $id) { status answer events { type } } }',
    { id: complaint.id },
    admin,
  );
  expect(after.complaint.status).toBe('RESPONDED');
  expect(after.complaint.answer).toBe(typed);
  expect(after.complaint.events.filter((e) => e.type === 'RESPONDED')).toHaveLength(1);
  expect(await drafts(page)).toEqual([]);
}, 180_000);

test('a note being typed survives a reload: the button says a draft waits, the dialog restores it, and sending clears it', async () => {
  const complaint = await recordComplaint('Jalan berlubang di Jl. Pemuda', false);
  const page = await suite.session('admin.tengah');
  page.setDefaultTimeout(STEP);
  await openComplaint(page, complaint.id);

  await page.locator('[data-action="NOTE"]').click();
  let dialog = page.locator('[data-testid="action-dialog-NOTE"]');
  const typed = 'Pelapor akan mengirim foto lubang jalan lewat WhatsApp petugas.';
  await dialog.locator('textarea[name="note"]').fill(typed);
  await page.waitForFunction(() => Object.keys(localStorage).some((key) => key.startsWith('lapor.admin.draft')));

  await page.reload();
  await page.locator(`[data-complaint-id="${complaint.id}"]`).waitFor();
  const button = page.locator('[data-action="NOTE"][data-draft="true"]');
  await button.waitFor();
  await button.click();
  dialog = page.locator('[data-testid="action-dialog-NOTE"]');
  await dialog.locator('[data-testid="action-draft-restored"]').waitFor();
  expect(await dialog.locator('textarea[name="note"]').inputValue()).toBe(typed);

  await dialog.locator('[data-testid="action-submit"]').click();
  await dialog.waitFor({ state: 'detached' });
  await page.locator('[data-testid="timeline"] [data-event-type="INTERNAL_NOTE"]', { hasText: typed }).waitFor();
  expect(await drafts(page)).toEqual([]);
  expect(await page.locator('[data-action="NOTE"][data-draft="true"]').count()).toBe(0);
  await page.locator('[data-action="NOTE"]').click();
  expect(await page.locator('[data-testid="action-dialog-NOTE"] textarea[name="note"]').inputValue()).toBe('');
}, 120_000);

test('offline, a complaint page says so with a retry that works once back online; an unreachable server and an unsent note say so too', async () => {
  const first = await recordComplaint('Air PDAM tidak mengalir', false);
  const second = await recordComplaint('Sampah menumpuk di pasar', false);
  const page = await suite.session('admin.tengah');
  const context = page.context();
  page.setDefaultTimeout(STEP);
  await page.goto(`${suite.t.url}/admin/#/complaints`);
  await page.locator('[data-tracking-code]').first().waitFor();

  await context.setOffline(true);
  await page.evaluate((id) => (window.location.hash = `#/complaints/${encodeURIComponent(id)}/show`), first.id);
  const problem = page.locator('[data-testid="load-error"]');
  await waitForText(problem, 'Tidak ada koneksi internet');
  expect(await problem.textContent()).toContain('Halaman ini belum dapat dimuat');
  await page.locator('[data-testid="load-retry"]').waitFor();

  await context.setOffline(false);
  // Back online the page may reload by itself; otherwise the button does it.
  await page
    .locator('[data-testid="load-retry"]')
    .click({ timeout: 2_000 })
    .catch(() => undefined);
  await page.locator(`[data-complaint-id="${first.id}"]`).waitFor();

  // Online but the server cannot be reached: said as such; the retry button alone brings the page back.
  await page.route('**/graphql', (route) => route.abort('connectionrefused'));
  await page.evaluate((id) => (window.location.hash = `#/complaints/${encodeURIComponent(id)}/show`), second.id);
  await waitForText(problem, 'Server tidak dapat dihubungi');
  await page.unrouteAll();
  await page.locator('[data-testid="load-retry"]').click();
  await page.locator(`[data-complaint-id="${second.id}"]`).waitFor();

  // A write while offline is not lost and not silently dropped: the dialog says it was not saved and keeps the note.
  await page.locator('[data-action="NOTE"]').click();
  const dialog = page.locator('[data-testid="action-dialog-NOTE"]');
  const note = dialog.locator('textarea[name="note"]');
  const typed = 'Petugas kebersihan pasar sudah dihubungi.';
  await note.fill(typed);
  await context.setOffline(true);
  await dialog.locator('[data-testid="action-submit"]').click();
  await waitForText(dialog.locator('[data-testid="action-problem"]'), 'tidak ada koneksi internet');
  expect(await note.inputValue()).toBe(typed);
  await context.setOffline(false);
  await dialog.locator('[data-testid="action-submit"]').click();
  await dialog.waitFor({ state: 'detached' });
  await page.locator('[data-testid="timeline"] [data-event-type="INTERNAL_NOTE"]', { hasText: typed }).waitFor();
}, 180_000);

test('the not-found page has the console’s title, not an i18n key', async () => {
  const page = await suite.session('admin.tengah');
  page.setDefaultTimeout(STEP);
  await page.goto(`${suite.t.url}/admin/#/halaman-yang-tidak-ada`);
  await page.getByText('Tidak ditemukan').first().waitFor();
  expect(await page.locator('#react-admin-title').textContent()).toBe('Konsol LAPOR! Pengelolaan Pengaduan');
  expect(await page.locator('body').textContent()).not.toContain('app.title');
}, 60_000);
