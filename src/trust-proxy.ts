import net from 'node:net';

/**
 * Which peers may speak for the client in X-Forwarded-For/-Proto, in the form
 * Fastify's `trustProxy` option takes: false (nobody: the socket's peer is the
 * client), the proxy's addresses and CIDRs, or a function of (address, hop).
 * Never `true`: believing every peer lets any client pick its own address and
 * walk past the per-address sign-in limits.
 */
export type TrustProxy = false | string[] | ((address: string, hop: number) => boolean);

/** proxy-addr's names for well-known ranges, accepted as Fastify passes them on. */
const RANGE_NAMES = ['loopback', 'linklocal', 'uniquelocal'];

/** Loopback, link-local and private ranges: where a reverse proxy counted by hops may sit. */
const PRIVATE = new net.BlockList();
for (const [address, prefix, type] of [
  ['127.0.0.0', 8, 'ipv4'],
  ['10.0.0.0', 8, 'ipv4'],
  ['172.16.0.0', 12, 'ipv4'],
  ['192.168.0.0', 16, 'ipv4'],
  ['169.254.0.0', 16, 'ipv4'],
  ['::1', 128, 'ipv6'],
  ['fc00::', 7, 'ipv6'],
  ['fe80::', 10, 'ipv6'],
] as const) {
  PRIVATE.addSubnet(address, prefix, type);
}

const isPrivate = (address: string): boolean => {
  const version = net.isIP(address);
  return version !== 0 && PRIVATE.check(address, version === 4 ? 'ipv4' : 'ipv6');
};

/** Why one comma-separated entry is not an address, a CIDR or a range name; undefined when it is. */
function entryProblem(entry: string): string | undefined {
  if (RANGE_NAMES.includes(entry)) return undefined;
  const [address = '', prefix, ...rest] = entry.split('/');
  const version = net.isIP(address);
  if (version === 0 || rest.length > 0) return `"${entry}" is not an IP address or CIDR`;
  if (prefix === undefined) return undefined;
  const bits = Number(prefix);
  const max = version === 4 ? 32 : 128;
  if (!/^\d+$/.test(prefix) || bits > max) return `"${entry}" has a prefix length that is not 0 to ${max}`;
  if (bits === 0) return `"${entry}" trusts every address; name the proxy's own address or network`;
  return undefined;
}

/**
 * Reads CAREBRIDGE_TRUST_PROXY: unset (no proxy), the proxy's addresses/CIDRs
 * and range names separated by commas (preferred), or a hop count N. A hop
 * count trusts at most N proxies and only ones on loopback, link-local or
 * private addresses, so a client reaching the server directly from a public
 * address can never forge its own address. Returns the value or a problem.
 */
export function parseTrustProxy(raw: string | undefined): { value: TrustProxy } | { problem: string } {
  const name = 'CAREBRIDGE_TRUST_PROXY';
  const text = (raw ?? '').trim();
  if (text === '') return { value: false };
  if (/^\d+$/.test(text)) {
    const hops = Number(text);
    if (hops < 1 || hops > 10) return { problem: `${name}: a hop count must be from 1 to 10; leave it unset when there is no proxy (got "${raw}")` };
    return { value: (address, hop) => hop < hops && isPrivate(address) };
  }
  if (['true', '*', 'all', 'yes'].includes(text.toLowerCase())) {
    return { problem: `${name}: "${text}" would believe any client's X-Forwarded-For; give the proxy's addresses or CIDRs (e.g. 10.0.0.5,loopback) or a hop count (got "${raw}")` };
  }
  const entries = text.split(',').map((e) => e.trim());
  const problems = entries.map((e) => (e === '' ? 'an empty entry between commas' : entryProblem(e))).filter((p): p is string => p !== undefined);
  if (problems.length > 0) return { problem: `${name}: ${problems.join('; ')}; expected the proxy's addresses or CIDRs separated by commas, loopback, linklocal, uniquelocal, or a hop count (got "${raw}")` };
  return { value: entries };
}
