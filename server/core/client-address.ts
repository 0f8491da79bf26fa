import type { IncomingMessage } from 'node:http';
import ipaddr from 'ipaddr.js';
import proxyaddr from 'proxy-addr';

export type TrustProxy = (address: string, hop: number) => boolean;

const NAMED = new Set(['loopback', 'linklocal', 'uniquelocal']);

/**
 * The proxies whose X-Forwarded-For is believed (TRUST_PROXY: comma-separated addresses, CIDRs
 * or express's names loopback, linklocal, uniquelocal); empty trusts none. A hop count or `true`
 * is refused: it would believe any sender that is far enough away.
 */
export function parseTrustProxy(raw: string | undefined): string[] {
  const list = (raw ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  for (const entry of list) {
    if (NAMED.has(entry)) continue;
    const [addr, bits] = entry.split('/');
    const valid = ipaddr.IPv4.isValidFourPartDecimal(addr) || ipaddr.IPv6.isValid(addr);
    if (!valid || (bits !== undefined && !/^\d{1,3}$/.test(bits))) {
      throw new Error(`TRUST_PROXY: "${entry}" is not an address, a CIDR or one of ${[...NAMED].join(', ')}`);
    }
  }
  try {
    proxyaddr.compile(list);
  } catch (err) {
    throw new Error(`TRUST_PROXY: ${(err as Error).message}`, { cause: err });
  }
  return list;
}

const compiled = new WeakMap<readonly string[], TrustProxy>();

export function trustProxy(config: { trustProxy: readonly string[] }): TrustProxy {
  let fn = compiled.get(config.trustProxy);
  if (!fn) {
    fn = config.trustProxy.length ? proxyaddr.compile([...config.trustProxy]) : () => false;
    compiled.set(config.trustProxy, fn);
  }
  return fn;
}

/**
 * The address a request comes from, as rate limits and public idempotency scopes key it: the
 * socket's peer, or the forwarded address a trusted proxy names. IPv4-mapped IPv6 becomes IPv4,
 * and an IPv6 address becomes its /64, which one subscriber holds whole (rotating inside it
 * must not escape a limit).
 */
export function clientAddress(req: IncomingMessage, config: { trustProxy: readonly string[] }): string {
  let address: string;
  try {
    address = proxyaddr(req as Parameters<typeof proxyaddr>[0], trustProxy(config));
  } catch {
    return 'unknown';
  }
  return addressKey(address);
}

export function addressKey(address: string | undefined): string {
  if (!address || !ipaddr.isValid(address)) return 'unknown';
  let ip = ipaddr.parse(address);
  if (ip.kind() === 'ipv6' && (ip as ipaddr.IPv6).isIPv4MappedAddress()) ip = (ip as ipaddr.IPv6).toIPv4Address();
  if (ip.kind() === 'ipv4') return ip.toString();
  const parts = (ip as ipaddr.IPv6).parts.slice(0, 4).map((p) => p.toString(16));
  return `${parts.join(':')}::/64`;
}
