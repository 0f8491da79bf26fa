import { lastLooked } from '../../admin/src/live/lastLooked';

// Where each user last looked at the inbox (admin/src/live/lastLooked.ts), in a stand-in for the browser's localStorage.
const items = new Map<string, string>();
beforeAll(() => {
  Object.defineProperty(globalThis, 'localStorage', {
    configurable: true,
    value: {
      getItem: (key: string) => items.get(key) ?? null,
      setItem: (key: string, value: string) => void items.set(key, value),
      removeItem: (key: string) => void items.delete(key),
    },
  });
});
afterEach(() => {
  items.clear();
  jest.restoreAllMocks();
});

test('kept per user; nothing kept is null, and no cursor changes nothing', () => {
  expect(lastLooked.get('7')).toBeNull();
  lastLooked.set('7', 'ZjE6MTA');
  lastLooked.set('8', 'ZjE6MjA');
  lastLooked.set('7', null);
  expect([lastLooked.get('7'), lastLooked.get('8')]).toEqual(['ZjE6MTA', 'ZjE6MjA']);
});

test('forgotten after 14 days, and when what is stored is not a mark', () => {
  const now = Date.now();
  lastLooked.set('7', 'ZjE6MTA');
  jest.spyOn(Date, 'now').mockReturnValue(now + 13 * 24 * 3600_000);
  expect(lastLooked.get('7')).toBe('ZjE6MTA');
  jest.spyOn(Date, 'now').mockReturnValue(now + 14 * 24 * 3600_000 + 1000);
  expect(lastLooked.get('7')).toBeNull();
  items.set('lapor.live.lastLooked.9', 'not json');
  expect(lastLooked.get('9')).toBeNull();
});
