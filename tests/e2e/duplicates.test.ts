import { Lab } from '../integration/lifecycle/helpers';
import { consoleSuite } from './support/browser';

/**
 * The recording form warns of similar recent reports as the title is typed; on a new report
 * the admin sees its likely duplicates and merges it into the original.
 */
const suite = consoleSuite();

test('recording warns of a similar report; verifying, the admin merges the duplicate into it', async () => {
  const lab = await Lab.on(suite.t);
  const original = await lab.submit('admin.tengah', { title: 'Lampu PJU mati di Jl. Tentara Pelajar depan masjid' });
  const dup = await lab.submit('admin.tengah', { title: 'PJU mati Jl. Tentara Pelajar depan masjid' });

  const page = await suite.session('admin.tengah');
  await page.goto(`${suite.t.url}/admin/#/complaints/create`);
  await page.locator('input[name="title"]').fill('Lampu PJU mati di Jl. Tentara Pelajar');
  const warning = page.locator('[data-testid="similar-while-recording"]');
  await warning.waitFor();
  await warning.locator(`[data-candidate="${original.complaint.id}"]`).waitFor();
  await expect(warning.innerText()).resolves.toContain('Isi mirip');

  await page.goto(`${suite.t.url}/admin/#/complaints/${dup.complaint.id}/show`);
  await page.locator(`[data-testid="possible-duplicates"] [data-candidate="${original.complaint.id}"]`).waitFor();
  await page.locator('[data-testid="complaint-actions"] [data-action="MERGE"]').click();
  const dialog = page.locator('[data-testid="action-dialog-MERGE"]');
  // The likeliest duplicate is preselected.
  const into = dialog.locator('input[id="intoId"], input[name="intoId"]').first();
  await page.waitForFunction(([el, code]) => (el as HTMLInputElement).value.includes(code as string), [
    await into.elementHandle(),
    original.trackingCode,
  ] as const);
  await dialog.locator('textarea[name="reason"]').fill('Lokasi sama, dilaporkan dua kali');
  await dialog.locator('[data-testid="action-submit"]').click();
  await dialog.waitFor({ state: 'detached' });
  await page.locator('[data-testid="merged-into"]', { hasText: original.trackingCode }).waitFor();
  expect((await lab.complaint('admin.tengah', dup.complaint.id, 'status duplicateOfId')).duplicateOfId).toBe(original.complaint.id);

  await page.goto(`${suite.t.url}/admin/#/complaints/${original.complaint.id}/show`);
  await page.locator('[data-testid="merged-here"]', { hasText: dup.trackingCode }).waitFor();
});
