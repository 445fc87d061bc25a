import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';
import { parseTrustProxy } from './trust-proxy.js';

const problemOf = (raw: string): string => {
  const parsed = parseTrustProxy(raw);
  return 'problem' in parsed ? parsed.problem : '';
};

describe('CAREBRIDGE_TRUST_PROXY', () => {
  it('trusts nobody when unset, and says so as behindProxy', () => {
    expect(loadConfig({}, '/x')).toMatchObject({ trustProxy: false, behindProxy: false });
  });

  it("takes the proxy's addresses, CIDRs and range names as Fastify's list", () => {
    expect(loadConfig({ CAREBRIDGE_TRUST_PROXY: '10.0.0.5, 192.168.0.0/16,loopback,fd00::/8' }, '/x')).toMatchObject({
      trustProxy: ['10.0.0.5', '192.168.0.0/16', 'loopback', 'fd00::/8'],
      behindProxy: true,
    });
  });

  it('takes a hop count but believes only proxies on private or loopback addresses', () => {
    const parsed = parseTrustProxy('1');
    if (!('value' in parsed) || typeof parsed.value !== 'function') throw new Error('a hop count gives a trust function');
    const trusts = parsed.value;
    expect(trusts('127.0.0.1', 0)).toBe(true);
    expect(trusts('10.1.2.3', 0)).toBe(true);
    expect(trusts('::ffff:172.17.0.2', 0)).toBe(true);
    // A client that reaches the server directly from the internet cannot name its own address.
    expect(trusts('203.0.113.7', 0)).toBe(false);
    // Only as many hops as configured.
    expect(trusts('10.1.2.3', 1)).toBe(false);
  });

  it('refuses "trust everyone" and malformed entries, naming each', () => {
    expect(problemOf('true')).toMatch(/would believe any client/);
    expect(problemOf('*')).toMatch(/would believe any client/);
    expect(problemOf('0.0.0.0/0')).toMatch(/"0.0.0.0\/0" trusts every address/);
    expect(problemOf('::/0')).toMatch(/"::\/0" trusts every address/);
    expect(problemOf('0')).toMatch(/hop count must be from 1 to 10/);
    const bad = problemOf('10.0.0.300,proxy.local,10.0.0.0/33,,::1');
    expect(bad).toContain('"10.0.0.300" is not an IP address or CIDR');
    expect(bad).toContain('"proxy.local" is not an IP address or CIDR');
    expect(bad).toContain('"10.0.0.0/33" has a prefix length that is not 0 to 32');
    expect(bad).toContain('an empty entry between commas');
    expect(bad).not.toContain('"::1" is not');
  });

  it('stops the configuration with the problem listed beside the others', () => {
    try {
      loadConfig({ CAREBRIDGE_TRUST_PROXY: 'everyone', PORT: 'eighty' }, '/x');
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(ConfigError);
      expect([...(e as ConfigError).problems].sort()).toEqual([expect.stringMatching(/^CAREBRIDGE_TRUST_PROXY: "everyone" is not an IP address or CIDR/), expect.stringMatching(/^PORT/)]);
    }
  });
});
