import { startTestApp, type TestApp } from '../support/test-app';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.stop());

test('admin.tengah logs in and me returns its Opd and permissions', async () => {
  const token = await t.login('admin.tengah');
  const { me } = await t.ok('{ me { username role opd { name regionCode } permissions } }', {}, token);
  expect(me.username).toBe('admin.tengah');
  expect(me.opd.regionCode).toBe('33.71.03');
  expect(me.permissions).toContain('COMPLAINT_FORWARD');
  expect(me.permissions).not.toContain('COMPLAINT_RESPOND');
});
