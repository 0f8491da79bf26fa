import type { IncomingMessage } from 'node:http';
import { loadConfig, ConfigError } from '../../server/config';
import { addressKey, clientAddress } from '../../server/core/client-address';

function request(peer: string, forwardedFor?: string): IncomingMessage {
  return { socket: { remoteAddress: peer }, headers: forwardedFor ? { 'x-forwarded-for': forwardedFor } : {} } as unknown as IncomingMessage;
}

describe('TRUST_PROXY', () => {
  test('by default no proxy is trusted: X-Forwarded-For is ignored, even from loopback', () => {
    const config = loadConfig({ APP_MODE: 'test' });
    expect(config.trustProxy).toEqual([]);
    expect(clientAddress(request('127.0.0.1', '203.0.113.9'), config)).toBe('127.0.0.1');
    expect(clientAddress(request('::ffff:10.0.0.5', '203.0.113.9'), config)).toBe('10.0.0.5');
  });

  test('a named proxy’s X-Forwarded-For is believed, up to the first address it does not trust', () => {
    const config = loadConfig({ APP_MODE: 'test', TRUST_PROXY: 'loopback, 10.0.0.0/8' });
    expect(config.trustProxy).toEqual(['loopback', '10.0.0.0/8']);
    expect(clientAddress(request('127.0.0.1', '203.0.113.9'), config)).toBe('203.0.113.9');
    // Through two trusted hops.
    expect(clientAddress(request('127.0.0.1', '203.0.113.9, 10.1.2.3'), config)).toBe('203.0.113.9');
    // A client that writes its own X-Forwarded-For in front gets the address the trusted proxy saw.
    expect(clientAddress(request('127.0.0.1', '1.2.3.4, 198.51.100.7'), config)).toBe('198.51.100.7');
    // From a peer that is not a named proxy, the header is ignored.
    expect(clientAddress(request('198.51.100.1', '203.0.113.9'), config)).toBe('198.51.100.1');
  });

  test('a single address is trusted exactly', () => {
    const config = loadConfig({ APP_MODE: 'test', TRUST_PROXY: '127.0.0.1' });
    expect(clientAddress(request('127.0.0.1', '203.0.113.9'), config)).toBe('203.0.113.9');
    expect(clientAddress(request('127.0.0.2', '203.0.113.9'), config)).toBe('127.0.0.2');
  });

  test('hop counts, true and malformed entries are refused naming TRUST_PROXY', () => {
    for (const bad of ['true', '1', '*', '10.0.0.0/99', 'proxy.example.com', '300.1.1.1']) {
      expect(() => loadConfig({ APP_MODE: 'test', TRUST_PROXY: bad })).toThrow(ConfigError);
      expect(() => loadConfig({ APP_MODE: 'test', TRUST_PROXY: bad })).toThrow(/TRUST_PROXY/);
    }
  });
});

test('an IPv6 client is keyed by its /64, so rotating inside it does not escape a limit', () => {
  expect(addressKey('2001:db8:1:2::1')).toBe('2001:db8:1:2::/64');
  expect(addressKey('2001:db8:1:2:ffff:eeee:dddd:cccc')).toBe('2001:db8:1:2::/64');
  expect(addressKey('2001:db8:1:3::1')).not.toBe(addressKey('2001:db8:1:2::1'));
  expect(addressKey('::ffff:192.0.2.1')).toBe('192.0.2.1');
  expect(addressKey(undefined)).toBe('unknown');
  expect(addressKey('garbage')).toBe('unknown');
});
