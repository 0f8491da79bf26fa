import { Lab, waitFor } from '../integration/lifecycle/helpers';
import { sweepOnce } from '../../server/modules/complaints/complaint.sweep';
import { DEMO_PASSWORD } from '../../server/seed/seed';
import { consoleSuite, logIn } from './support/browser';

/**
 * The inbox badge and the live notifications count only what happened after the user
 * logged in and last looked: a fresh login shows nothing, nor does the deadline sweep that
 * marks complaints late; a complaint forwarded to the unit afterwards shows on the badge,
 * and the badge leads to the inbox with that complaint first. Where the user last looked is
 * kept per user, so a change made while they were signed out counts when they come back.
 */
const suite = consoleSuite({ demoComplaints: 60 });

/** Every notification the page shows, from the start, in order. */
const RECORD_TOASTS = () => {
  const seen: string[] = [];
  (window as unknown as { __toasts: string[] }).__toasts = seen;
  new MutationObserver(() => {
    for (const el of Array.from(document.querySelectorAll('.MuiSnackbarContent-message'))) {
      const text = (el.textContent ?? '').trim();
      if (text && !el.hasAttribute('data-recorded')) {
        el.setAttribute('data-recorded', '');
        seen.push(text);
      }
    }
  }).observe(document, { childList: true, subtree: true, characterData: true });
};

test('a fresh login shows no badge or toast; a change after it does, and the badge leads to it', async () => {
  const lab = await Lab.on(suite.t);
  // Waiting at the intake before the login: a change to it later is news.
  const c = await lab.verified({ title: 'Saluran air tersumbat di RT 02 RW 05 Kedungsari' });
  // Open complaints whose deadline has passed unnoticed: the sweep will mark them late.
  await suite.t.app.db.query(
    `UPDATE complaint SET "dueAt" = now() - interval '2 hours', "overdueNotified" = false
      WHERE id IN (SELECT id FROM complaint WHERE status IN ('FORWARDED', 'IN_PROGRESS') AND "currentOpdId" = $1 ORDER BY id LIMIT 5)`,
    [lab.opd.DINSOS],
  );

  const context = await suite.context();
  await context.addInitScript(RECORD_TOASTS);
  const page = await logIn(context, suite.t, 'kepala.dinsos');
  await page.locator('[data-live-status="live"]').waitFor();
  const badge = page.locator('[data-testid="inbox-badge"]');
  await badge.waitFor();

  // The clock's doing while the user is logged in: late marks are not news.
  const swept = await sweepOnce(suite.t.app.db, suite.t.app.services.org, suite.t.app.services.complaints);
  expect(swept.overdue).toBeGreaterThan(0);

  // A colleague forwards a complaint to the unit: the one change that counts. Changes arrive
  // in commit order, so once it shows, the sweep's changes have been handled.
  await lab.must('admin.tengah', 'forwardComplaint', { id: c.id, opdId: lab.opd.DINSOS });
  await waitFor(async () => (await badge.getAttribute('data-count')) !== '0', 'the badge to count the forward', 20_000);
  expect(await badge.getAttribute('data-count')).toBe('1');
  const toasts: string[] = await page.evaluate(() => (window as unknown as { __toasts: string[] }).__toasts);
  expect(toasts).toHaveLength(1);
  expect(toasts[0].startsWith(`${c.trackingCode} diteruskan ke `)).toBe(true);

  // The badge leads to the inbox, the forwarded complaint first and highlighted.
  await page.locator('a[href="#/myInbox"]').click();
  const changed = page.locator('[data-testid="inbox-changed"]');
  await changed.waitFor();
  const first = changed.locator('[data-tracking-code]').first();
  expect(await first.getAttribute('data-tracking-code')).toBe(c.trackingCode);
  await changed.locator('[data-testid="new-badge"]').first().waitFor();
  // Looked at: the badge is cleared.
  await waitFor(async () => (await badge.getAttribute('data-count')) === '0', 'the badge to clear', 10_000);
}, 180_000);

test('where the user last looked survives signing out and in, and reloads: only what changed since counts', async () => {
  const lab = await Lab.on(suite.t);
  const [seen, whileAway, later] = await Promise.all([
    lab.verified({ title: 'Lampu jalan padam di Jalan Pahlawan' }),
    lab.verified({ title: 'Sampah menumpuk di pasar Rejowinangun' }),
    lab.verified({ title: 'Trotoar rusak di Jalan Tidar' }),
  ]);
  const forward = (c: { id: string }) => lab.must('admin.tengah', 'forwardComplaint', { id: c.id, opdId: lab.opd.DINSOS });

  const context = await suite.context();
  const page = await logIn(context, suite.t, 'kepala.dinsos');
  await page.locator('[data-live-status="live"]').waitFor();
  const badge = page.locator('[data-testid="inbox-badge"]');
  await badge.waitFor();
  const count = () => badge.getAttribute('data-count');

  // Signed in: a change counts, and the user looks at it in the inbox.
  await forward(seen);
  await waitFor(async () => (await count()) === '1', 'the badge to count the first forward', 20_000);
  await page.locator('a[href="#/myInbox"]').click();
  await page.locator('[data-testid="inbox-changed"]').waitFor();
  await waitFor(async () => (await count()) === '0', 'the badge to clear', 10_000);

  // Signed out, a colleague forwards another one.
  await page.locator('[aria-label^="Profil"]').first().click();
  await page.getByRole('menuitem', { name: /Keluar|Logout/ }).click();
  await page.waitForURL((url) => url.hash.includes('login'));
  await forward(whileAway);

  // Signed in again: exactly that change counts, not the one already looked at.
  await page.locator('input[name="username"]').fill('kepala.dinsos');
  await page.locator('input[name="password"]').fill(DEMO_PASSWORD);
  await page.locator('button[type="submit"]').click();
  await page.waitForURL((url) => !url.hash.includes('login'));
  await waitFor(async () => (await count()) === '1', 'the badge to count the forward made while signed out', 20_000);
  await page.waitForTimeout(1500);
  expect(await count()).toBe('1');
  await page.locator('a[href="#/myInbox"]').click();
  const changed = page.locator('[data-testid="inbox-changed"]');
  await changed.waitFor();
  expect(await changed.locator('[data-tracking-code]').first().getAttribute('data-tracking-code')).toBe(whileAway.trackingCode);
  await waitFor(async () => (await count()) === '0', 'the badge to clear', 10_000);

  // A reload elsewhere in the console counts nothing old: once a newer change shows, the count is 1.
  await page.goto(`${suite.t.url}/admin/#/complaints`);
  await page.reload();
  await page.locator('[data-live-status="live"]').waitFor();
  await forward(later);
  await waitFor(async () => (await count()) === '1', 'the badge to count the newest forward', 20_000);
  await page.waitForTimeout(1500);
  expect(await count()).toBe('1');
  // Not looked at yet: it still counts after another reload, and the inbox then shows it as new.
  await page.reload();
  await page.locator('[data-live-status="live"]').waitFor();
  await waitFor(async () => (await count()) === '1', 'the unseen change to count again after the reload', 20_000);
  await page.locator('a[href="#/myInbox"]').click();
  await changed.waitFor();
  expect(await changed.locator('[data-tracking-code]').first().getAttribute('data-tracking-code')).toBe(later.trackingCode);
}, 180_000);
