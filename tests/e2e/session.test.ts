import type { GqlResult } from '../support/test-app';
import { waitFor } from '../integration/lifecycle/helpers';
import { consoleSuite } from './support/browser';

/**
 * A session the server ends (signed out elsewhere, deactivated, expired) ends in the open
 * console at once: the live socket is closed with 4401 and the console goes to the login
 * page without waiting for a click. Signing out in the console revokes the token on the server.
 */
const suite = consoleSuite();

const meWith = async (token: string): Promise<GqlResult> => {
  const res = await fetch(`${suite.t.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query: '{ me { username } }' }),
  });
  return (await res.json()) as GqlResult;
};

test('signed out everywhere from another device: the open console goes to the login page by itself', async () => {
  const page = await suite.session('walikota');
  await page.locator('[data-live-status="live"]').waitFor();
  const other = await suite.t.login('walikota');
  expect((await suite.t.gql('mutation { logoutEverywhere }', {}, other)).data).toEqual({ logoutEverywhere: true });
  await page.waitForURL((url) => url.hash.includes('login'));
  await page.getByText('Sesi Anda telah berakhir (keluar, kedaluwarsa, atau akun Anda diubah)').waitFor();
  expect(await page.evaluate(() => localStorage.getItem('lapor.admin.token'))).toBeNull();
});

test('signing out in the console revokes its token on the server', async () => {
  const page = await suite.session('staf.dinsos');
  const token = (await page.evaluate(() => localStorage.getItem('lapor.admin.token')))!;
  expect((await meWith(token)).data?.me.username).toBe('staf.dinsos');
  await page.locator('button[aria-label="Profile"], .RaUserMenu-userButton, [aria-label="Profil"]').first().click();
  await page.getByRole('menuitem', { name: /Keluar|Logout/ }).click();
  await page.waitForURL((url) => url.hash.includes('login'));
  // The revocation is sent as the console leaves: wait for it.
  await waitFor(async () => (await meWith(token)).errors?.[0]?.extensions?.code === 'UNAUTHENTICATED', 'the token to be revoked');
});
