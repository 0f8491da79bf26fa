import type { Page } from 'playwright-core';
import { Lab } from '../integration/lifecycle/helpers';
import { consoleSuite } from './support/browser';

/**
 * axe-core, injected into the page, finds no serious or critical WCAG violations on the
 * inbox, a complaint, the recording form and the dashboard (contrast of the app bar and the
 * status chips among them).
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
