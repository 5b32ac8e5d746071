import { describe, expect, it } from 'vitest';
import { checkAddress, classifyAddress, parseAllowlist, parseCidr, parseIp } from '../../src/delivery/http/egress.ts';
import { resolveChecked } from '../../src/delivery/http/guarded-connect.ts';

const none = parseAllowlist([]);

/** The host the URL parser hands to undici: the only form the connector ever sees. */
function hostOf(url: string): string {
  return new URL(url).hostname.replace(/^\[|\]$/g, '');
}

function verdict(address: string) {
  const ip = parseIp(address);
  if (!ip) throw new Error(`not an IP: ${address}`);
  return classifyAddress(ip);
}

describe('egress address classification', () => {
  it.each([
    ['127.0.0.1', 'loopback'],
    ['127.255.1.2', 'loopback'],
    ['10.1.2.3', 'private'],
    ['172.16.0.1', 'private'],
    ['172.31.255.255', 'private'],
    ['192.168.1.1', 'private'],
    ['169.254.169.254', 'link-local'],
    ['100.64.0.1', 'cgnat'],
    ['100.127.255.254', 'cgnat'],
    ['224.0.0.1', 'multicast'],
    ['239.255.255.250', 'multicast'],
    ['0.0.0.0', 'unspecified'],
    ['255.255.255.255', 'reserved'],
    ['::', 'unspecified'],
    ['::1', 'loopback'],
    ['fc00::1', 'unique-local'],
    ['fd12:3456:789a::1', 'unique-local'],
    ['fe80::1', 'link-local'],
    ['fe80::1%eth0', 'link-local'],
    ['ff02::1', 'multicast'],
    ['::ffff:127.0.0.1', 'loopback'],
    ['::ffff:7f00:1', 'loopback'],
    ['::ffff:10.0.0.1', 'private'],
    ['::ffff:169.254.169.254', 'link-local'],
    ['64:ff9b::a9fe:a9fe', 'link-local'],
  ])('refuses %s (%s)', (address, reason) => {
    expect(verdict(address)).toEqual({ allowed: false, reason });
  });

  it.each(['8.8.8.8', '1.1.1.1', '172.32.0.1', '100.128.0.1', '192.169.0.1', '2606:4700:4700::1111', '::ffff:8.8.8.8'])(
    'admits the public address %s',
    (address) => {
      expect(verdict(address)).toEqual({ allowed: true });
    },
  );

  it('judges odd IPv4 spellings by what the WHATWG URL parser makes of them', () => {
    expect(hostOf('http://2130706433/')).toBe('127.0.0.1'); // decimal
    expect(hostOf('http://0177.0.0.1/')).toBe('127.0.0.1'); // octal
    expect(hostOf('http://0x7f.1/')).toBe('127.0.0.1'); // hex, short form
    expect(hostOf('http://[::ffff:127.0.0.1]/')).toBe('::ffff:7f00:1');
    expect(hostOf('http://[0:0:0:0:0:0:0:1]/')).toBe('::1');
    for (const url of [
      'http://2130706433/',
      'http://0177.0.0.1/',
      'http://0x7f.1/',
      'http://[::ffff:127.0.0.1]/',
      'http://[0:0:0:0:0:0:0:1]/',
    ]) {
      expect(checkAddress(hostOf(url), hostOf(url), none).allowed, url).toBe(false);
    }
    expect(checkAddress(hostOf('http://3232235777/'), hostOf('http://3232235777/'), none)).toEqual({
      allowed: false,
      reason: 'private',
    });
  });

  it('parses CIDRs and rejects nonsense', () => {
    expect(parseCidr('10.0.0.0/8')).toMatchObject({ family: 4, bits: 8 });
    expect(parseCidr('fc00::/7')).toMatchObject({ family: 6, bits: 7 });
    expect(parseCidr('127.0.0.1')).toMatchObject({ family: 4, bits: 32 });
    expect(parseCidr('10.0.0.0/33')).toBeUndefined();
    expect(parseCidr('10.0.0.0/x')).toBeUndefined();
    expect(parseCidr('example.com')).toBeUndefined();
    expect(parseIp('999.1.1.1')).toBeUndefined();
  });

  it('lets EGRESS_ALLOWLIST admit CIDRs (also for IPv4-mapped forms) and exact hostnames', () => {
    const allow = parseAllowlist(['127.0.0.1/32', ' crm.lan ', '10.20.0.0/16']);
    expect(checkAddress('127.0.0.1', '127.0.0.1', allow)).toEqual({ allowed: true });
    expect(checkAddress('::ffff:7f00:1', '::ffff:7f00:1', allow)).toEqual({ allowed: true });
    expect(checkAddress('127.0.0.2', '127.0.0.2', allow)).toEqual({ allowed: false, reason: 'loopback' });
    expect(checkAddress('crm.lan', '192.168.7.7', allow)).toEqual({ allowed: true });
    expect(checkAddress('CRM.LAN', '192.168.7.7', allow)).toEqual({ allowed: true });
    expect(checkAddress('other.lan', '192.168.7.7', allow)).toEqual({ allowed: false, reason: 'private' });
    expect(checkAddress('x', '10.20.3.4', allow)).toEqual({ allowed: true });
    expect(checkAddress('x', '10.21.3.4', allow)).toEqual({ allowed: false, reason: 'private' });
  });

  it('resolves a hostname and refuses when it points at a private address (localhost)', async () => {
    await expect(resolveChecked('localhost', none)).rejects.toMatchObject({ code: 'ERR_EGRESS_REFUSED' });
    await expect(resolveChecked('localhost', parseAllowlist(['127.0.0.0/8', '::1/128']))).resolves.toMatch(
      /^(127\.|::1$)/,
    );
    await expect(resolveChecked('localhost', parseAllowlist(['localhost']))).resolves.toBeTruthy();
    await expect(resolveChecked('169.254.169.254', none)).rejects.toThrow(/link-local/);
  });

  it('reports an unresolvable name as a DNS error, not a refusal', async () => {
    await expect(resolveChecked('no-such-host.invalid', none)).rejects.toMatchObject({
      code: expect.stringMatching(/^(ENOTFOUND|EAI_AGAIN)$/),
    });
  });
});
