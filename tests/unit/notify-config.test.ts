import { ConfigError, loadConfig } from '../../server/config';

test('NOTIFY_BATCH_SIZE sets how many messages a dispatcher claims at once; outside 1–500 the server refuses to start, naming it', () => {
  expect(loadConfig({ APP_MODE: 'test' }).notifications.batchSize).toBe(50);
  expect(loadConfig({ APP_MODE: 'test', NOTIFY_BATCH_SIZE: '100' }).notifications.batchSize).toBe(100);
  for (const bad of ['0', '501', 'banyak', '-3']) {
    expect(() => loadConfig({ APP_MODE: 'test', NOTIFY_BATCH_SIZE: bad })).toThrow(ConfigError);
    expect(() => loadConfig({ APP_MODE: 'test', NOTIFY_BATCH_SIZE: bad })).toThrow(/NOTIFY_BATCH_SIZE/);
  }
});

test('NOTIFY_CONCURRENCY sets how many batches a process sends at once while a backlog lasts; outside 1–8 the server refuses to start', () => {
  expect(loadConfig({ APP_MODE: 'test' }).notifications.lanes).toBe(2);
  expect(loadConfig({ APP_MODE: 'test', NOTIFY_CONCURRENCY: '4' }).notifications.lanes).toBe(4);
  for (const bad of ['0', '9', 'dua']) expect(() => loadConfig({ APP_MODE: 'test', NOTIFY_CONCURRENCY: bad })).toThrow(/NOTIFY_CONCURRENCY/);
});
