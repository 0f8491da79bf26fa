import { Lab } from '../integration/lifecycle/helpers';
import { consoleSuite, logIn } from './support/browser';

/**
 * An accepted complaint counts down to its follow-up deadline, and its finished verification
 * and response deadlines are marked done; a date and time is shown and typed day first on a
 * 24-hour WIB clock even in a browser set to American English.
 */
const suite = consoleSuite();

test('after a unit accepts, the follow-up deadline counts down; verification and first response are done', async () => {
  const lab = await Lab.on(suite.t);
  const c = await lab.forwarded('DINSOS', { title: 'Bantuan sembako lansia belum diterima' });
  const accepted = await lab.must('kepala.dinsos', 'acceptComplaint', { id: c.id });
  expect(accepted.status).toBe('IN_PROGRESS');

  const page = await suite.session('kepala.dinsos');
  await page.goto(`${suite.t.url}/admin/#/complaints/${c.id}/show`);
  await page.locator('[data-testid="complaint-status"] [data-status="IN_PROGRESS"]').waitFor();
  await page.locator('[data-testid="complaint-status"] [data-deadline]').waitFor();
  const deadlines = page.locator('[data-deadline-kind]');
  expect(
    await deadlines.evaluateAll((els) =>
      els.map((e) => `${e.getAttribute('data-deadline-kind')}:${e.querySelector('[data-deadline-done]')?.getAttribute('data-deadline-done')}`),
    ),
  ).toEqual(['VERIFY:true', 'RESPONSE:true', 'FOLLOW_UP:false', 'SETTLE:false']);
  await expect(deadlines.first().innerText()).resolves.toMatch(/selesai$/);
  // The countdown says which deadline it counts down to.
  await page.locator('[data-testid="complaint-status"] [aria-label^="Batas tindak lanjut"]').waitFor();
});

test('in an en-US browser the desk time is day first, 24-hour, WIB', async () => {
  const context = await suite.context({ locale: 'en-US' });
  const page = await logIn(context, suite.t, 'kepala.dinsos');
  await page.goto(`${suite.t.url}/admin/#/desks/create`);
  const date = page.locator('input[name="scheduledAt.date"]');
  await date.waitFor();
  // Tomorrow at 09:00 WIB by default.
  const tomorrow = new Date(Date.now() + 7 * 3600_000 + 24 * 3600_000);
  const dd = String(tomorrow.getUTCDate()).padStart(2, '0');
  const mm = String(tomorrow.getUTCMonth() + 1).padStart(2, '0');
  await expect(date.inputValue()).resolves.toBe(`${dd}/${mm}/${tomorrow.getUTCFullYear()}`);
  await expect(page.locator('input[name="scheduledAt.time"]').inputValue()).resolves.toBe('09:00');
  // Not the browser's own picker, which would show month first and AM/PM.
  expect(await date.getAttribute('type')).toBe('text');
  await expect(page.locator('[data-testid="wib-datetime-scheduledAt"]').innerText()).resolves.toMatch(/WIB/);
});
