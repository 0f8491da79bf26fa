import type { Page } from 'playwright-core';
import { Lab } from '../integration/lifecycle/helpers';
import { consoleSuite, logIn } from './support/browser';

/**
 * axe-core, injected into the page, finds no serious or critical WCAG violations on the
 * inbox, a complaint, the recording form and the dashboard (contrast of the app bar and the
 * status chips among them), on the inbox and a complaint in the dark theme too, and on the
 * sign-in form in both colour schemes.
 */
const suite = consoleSuite({ demoComplaints: 30 });

interface Violation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

const seriousViolations = async (page: Page): Promise<string[]> => {
  await page.addScriptTag({ path: require.resolve('axe-core/axe.min.js') });
  const violations: Violation[] = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(ctx: Document, opts: object): Promise<{ violations: Violation[] }> } }).axe;
    const result = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] } });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target })) }));
  });
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) =>
        `${v.impact} ${v.id} (${v.help}): ${v.nodes
          .map((n) => n.target.join(' '))
          .slice(0, 5)
          .join(', ')}`,
    );
};

/** Page settled: no progress indicator, and no toast half-way through its animation. */
const settle = async (page: Page) => {
  await page.waitForFunction(() => !document.querySelector('header .MuiCircularProgress-root'));
  await page.addStyleTag({ content: '*, *::before, *::after { transition: none !important; animation: none !important; }' });
};

test('no serious or critical axe violations on the inbox, a complaint, the recording form and the dashboard', async () => {
  const lab = await Lab.on(suite.t);
  const c = await lab.forwarded('DINSOS', { title: 'Jalan berlubang di depan SD Negeri Kemirirejo' });

  const head = await suite.session('kepala.dinsos');
  await head.goto(`${suite.t.url}/admin/#/myInbox`);
  await head.locator('[data-tracking-code]').first().waitFor();
  await settle(head);
  expect(await seriousViolations(head)).toEqual([]);

  await head.goto(`${suite.t.url}/admin/#/complaints/${c.id}/show`);
  await head.locator('[data-testid="complaint-status"]').waitFor();
  await head.locator('[data-action]').first().waitFor();
  await settle(head);
  expect(await seriousViolations(head)).toEqual([]);

  const admin = await suite.session('admin.tengah');
  await admin.goto(`${suite.t.url}/admin/#/complaints/create`);
  await admin.locator('input[name="title"]').waitFor();
  await settle(admin);
  expect(await seriousViolations(admin)).toEqual([]);

  await admin.goto(`${suite.t.url}/admin/#/`);
  await admin.locator('[data-testid="dashboard"][data-state="ready"]').waitFor();
  await settle(admin);
  expect(await seriousViolations(admin)).toEqual([]);
}, 180_000);

test('no serious or critical axe violations on the inbox and a complaint in the dark theme', async () => {
  const lab = await Lab.on(suite.t);
  const c = await lab.forwarded('DINSOS', { title: 'Drainase meluap di Jalan Sudirman' });
  const context = await suite.context();
  // The theme the user picked with the app bar's button, as react-admin keeps it.
  await context.addInitScript(() => localStorage.setItem('RaStore.theme', JSON.stringify('dark')));
  const head = await logIn(context, suite.t, 'kepala.dinsos');
  await head.goto(`${suite.t.url}/admin/#/myInbox`);
  await head.locator('[data-tracking-code]').first().waitFor();
  // Dark indeed: the page's background is dark.
  const background = await head.evaluate(() => getComputedStyle(document.body).backgroundColor);
  expect(background).toMatch(/^rgb\((\d{1,2}), \1, \1\)$/);
  await settle(head);
  expect(await seriousViolations(head)).toEqual([]);

  await head.goto(`${suite.t.url}/admin/#/complaints/${c.id}/show`);
  await head.locator('[data-testid="complaint-status"]').waitFor();
  await head.locator('[data-action]').first().waitFor();
  await settle(head);
  expect(await seriousViolations(head)).toEqual([]);
}, 180_000);

test('no serious or critical axe violations on the sign-in form, light and dark, also with its error shown', async () => {
  const page = await (await suite.context()).newPage();
  await page.goto(`${suite.t.url}/admin/`);
  await page.locator('#signin-form input[name="username"]').waitFor();
  expect(await seriousViolations(page)).toEqual([]);
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.locator('#signin-form input[name="username"]').fill('walikota');
  await page.locator('#signin-form input[name="password"]').fill('salah');
  await page.locator('#signin-form button[type="submit"]').click();
  await page.locator('#signin-error:not(:empty)').waitFor();
  expect(await seriousViolations(page)).toEqual([]);
});
