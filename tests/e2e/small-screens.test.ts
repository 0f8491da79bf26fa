import type { Locator, Page } from 'playwright-core';
import { Lab } from '../integration/lifecycle/helpers';
import { PHONE, consoleSuite, screenshot } from './support/browser';

/**
 * The console on a 390 px phone: the inbox, the complaint list, a complaint and the
 * recording form never scroll sideways; lists become two-line items that keep status and
 * deadline on screen; an action dialog takes the whole screen.
 */
const suite = consoleSuite({ demoComplaints: 30 });
const WIDTH = PHONE.viewport.width;

const pageWidth = (page: Page) => page.evaluate(() => document.scrollingElement!.scrollWidth);

/** Inside the viewport horizontally (and rendered). */
const expectOnScreen = async (locator: Locator) => {
  await locator.waitFor();
  const box = await locator.boundingBox();
  expect(box).not.toBeNull();
  expect(box!.x).toBeGreaterThanOrEqual(0);
  expect(box!.x + box!.width).toBeLessThanOrEqual(WIDTH);
};

test('at 390 px the inbox, the complaint list, a complaint and the recording form fit the screen', async () => {
  const lab = await Lab.on(suite.t);
  const c = await lab.forwarded('DINSOS', { title: 'Lampu penerangan jalan mati di Jalan Pahlawan dekat pertigaan' });

  const head = await suite.session('kepala.dinsos', { phone: true });
  // Newest first: the complaint forwarded just now is on the first page.
  await head.goto(`${suite.t.url}/admin/#/myInbox?sort=createdAt&order=DESC`);
  const item = head.locator('[data-testid="complaint-compact"]', { has: head.locator(`[data-tracking-code="${c.trackingCode}"]`) });
  await item.waitFor();
  // The compact list, not the six-column table.
  expect(await head.locator('#main-content table').count()).toBe(0);
  expect(await pageWidth(head)).toBeLessThanOrEqual(WIDTH);
  await expectOnScreen(item.locator(`[data-status="${c.status}"]`));
  await expectOnScreen(item.locator('[data-deadline]'));
  await screenshot(head, 'phone-inbox');

  // The complaint: header, status and deadline on screen, nothing wider than the phone.
  await item.click();
  await head.locator('[data-testid="complaint-status"]').waitFor();
  expect(await pageWidth(head)).toBeLessThanOrEqual(WIDTH);
  await expectOnScreen(head.locator(`[data-testid="complaint-status"] [data-status="${c.status}"]`));
  await expectOnScreen(head.locator('[data-testid="complaint-status"] [data-deadline]'));
  await screenshot(head, 'phone-complaint');

  // An action dialog takes the whole screen.
  await head.locator('[data-action="ACCEPT"]').click();
  const dialog = head.locator('[data-testid="action-dialog-ACCEPT"] .MuiDialog-paper');
  await dialog.waitFor();
  const box = await dialog.boundingBox();
  expect(box).toMatchObject({ x: 0, width: WIDTH });
  expect(await pageWidth(head)).toBeLessThanOrEqual(WIDTH);
  await expectOnScreen(head.locator('[data-testid="action-submit"]'));

  const admin = await suite.session('admin.tengah', { phone: true });
  await admin.goto(`${suite.t.url}/admin/#/complaints`);
  await admin.locator('[data-testid="complaint-compact"]').first().waitFor();
  expect(await pageWidth(admin)).toBeLessThanOrEqual(WIDTH);
  await expectOnScreen(admin.locator('[data-testid="complaint-compact"] [data-status]').first());

  await admin.goto(`${suite.t.url}/admin/#/complaints/create`);
  await admin.locator('input[name="title"]').waitFor();
  expect(await pageWidth(admin)).toBeLessThanOrEqual(WIDTH);
  await expectOnScreen(admin.locator('input[name="title"]'));
  await expectOnScreen(admin.locator('#main-content button[type="submit"]'));
  await screenshot(admin, 'phone-record');
}, 180_000);
