import { Lab } from '../integration/lifecycle/helpers';
import { consoleSuite } from './support/browser';

/**
 * A late complaint of Dinas Sosial reaches the coordinator's head (Diskominsta) in the console:
 * the "Eskalasi" view lists it with the reason, and the head sends a reminder from its page;
 * the superadmin finds the escalation rules under Pengaturan.
 */
const suite = consoleSuite();

test('the coordinator’s head finds the late complaint under Eskalasi and reminds the unit', async () => {
  const lab = await Lab.on(suite.t);
  const c = await lab.forwarded('DINSOS', { title: 'Eskalasi konsol: bantuan lansia terlambat' });
  const later = lab.services.complaints.withClock(() => new Date(Date.now() + 30 * 86_400_000));
  await later.markOverdue((await lab.stored(c.id)).row);

  const page = await suite.session('kepala.diskominsta');
  await page.goto(`${suite.t.url}/admin/#/escalations`);
  const row = page.locator('[data-testid="escalations"] tbody tr', { hasText: c.trackingCode });
  await row.waitFor();
  await expect(row.innerText()).resolves.toMatch(/Melewati batas waktu tanggapan/);
  await row.click();

  await page.locator('[data-testid="complaint-actions"] [data-action="REMIND"]').click();
  const dialog = page.locator('[data-testid="action-dialog-REMIND"]');
  await dialog.locator('textarea[name="note"]').fill('Mohon dijawab hari ini, sudah lewat batas.');
  await dialog.locator('[data-testid="action-submit"]').click();
  await dialog.waitFor({ state: 'detached' });
  await page.locator('[data-testid="timeline"]', { hasText: 'Mohon dijawab hari ini' }).waitFor();
  const events = await lab.events(c.id, 'type actorId');
  expect(events.at(-1)).toEqual({ type: 'REMINDED', actorId: lab.user['kepala.diskominsta'].id });
});

test('the superadmin sees the coordinator rule under Aturan Eskalasi', async () => {
  const page = await suite.session('superadmin');
  await page.goto(`${suite.t.url}/admin/#/escalationRules`);
  await page.locator('#main-content tbody tr', { hasText: 'Koordinator' }).filter({ hasText: 'Dinas Komunikasi' }).waitFor();
});
