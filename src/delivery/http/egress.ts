/**
 * Egress policy, pure: which addresses a webhook may reach. The connect-time guard
 * (guarded-connect.ts) resolves the host and asks `checkAddress` about every candidate before a
 * socket is opened, so the address we check is the address we connect to (no DNS-rebinding gap).
 *
 * Addresses are compared as integers (IPv4 32-bit, IPv6 128-bit). IPv6 forms that embed an IPv4
 * address (IPv4-mapped ::ffff:a.b.c.d, NAT64 64:ff9b::/96) are judged by the IPv4 address inside,
 * since that is where the packets end up. Odd IPv4 spellings (2130706433, 0177.0.0.1, 0x7f.1)
 * never reach here: the WHATWG URL parser normalises them to dotted quads, and undici connects to
 * what the URL parser produced.
 */
import { isIP } from 'node:net';

export type Family = 4 | 6;

export interface ParsedIp {
  family: Family;
  value: bigint;
}

export interface Cidr {
  family: Family;
  base: bigint;
  bits: number;
}

export type BlockReason =
  'unspecified' | 'loopback' | 'private' | 'link-local' | 'cgnat' | 'multicast' | 'reserved' | 'unique-local';

export type AddressVerdict = { allowed: true } | { allowed: false; reason: BlockReason };

/** Parses a literal IPv4 or IPv6 address (brackets and a zone id are tolerated); undefined if not one. */
export function parseIp(text: string): ParsedIp | undefined {
  let s = text.trim();
  if (s.startsWith('[') && s.endsWith(']')) s = s.slice(1, -1);
  const zone = s.indexOf('%');
  if (zone >= 0) s = s.slice(0, zone);
  const family = isIP(s);
  if (family === 4) return { family: 4, value: v4ToBigInt(s) };
  if (family === 6) return { family: 6, value: v6ToBigInt(s) };
  return undefined;
}

function v4ToBigInt(s: string): bigint {
  return s.split('.').reduce((acc, part) => (acc << 8n) | BigInt(Number(part)), 0n);
}

function v6ToBigInt(s: string): bigint {
  // A trailing dotted quad (::ffff:1.2.3.4) becomes two hex groups first.
  let text = s;
  const lastColon = text.lastIndexOf(':');
  const tail = text.slice(lastColon + 1);
  if (tail.includes('.')) {
    const v4 = v4ToBigInt(tail);
    text = `${text.slice(0, lastColon + 1)}${(v4 >> 16n).toString(16)}:${(v4 & 0xffffn).toString(16)}`;
  }
  const [head = '', rest] = text.split('::');
  const headGroups = head === '' ? [] : head.split(':');
  const tailGroups = rest === undefined || rest === '' ? [] : rest.split(':');
  const missing = 8 - headGroups.length - tailGroups.length;
  const groups = rest === undefined ? headGroups : [...headGroups, ...Array<string>(missing).fill('0'), ...tailGroups];
  return groups.reduce((acc, g) => (acc << 16n) | BigInt(parseInt(g, 16)), 0n);
}

export function parseCidr(text: string): Cidr | undefined {
  const [addr = '', bitsText] = text.trim().split('/');
  const ip = parseIp(addr);
  if (!ip) return undefined;
  const max = ip.family === 4 ? 32 : 128;
  const bits = bitsText === undefined ? max : Number(bitsText);
  if (!Number.isInteger(bits) || bits < 0 || bits > max || (bitsText !== undefined && !/^\d+$/.test(bitsText)))
    return undefined;
  return { family: ip.family, base: ip.value & mask(ip.family, bits), bits };
}

function mask(family: Family, bits: number): bigint {
  const width = family === 4 ? 32n : 128n;
  const all = (1n << width) - 1n;
  return bits === 0 ? 0n : (all << (width - BigInt(bits))) & all;
}

export function inCidr(ip: ParsedIp, cidr: Cidr): boolean {
  return ip.family === cidr.family && (ip.value & mask(cidr.family, cidr.bits)) === cidr.base;
}

function table(entries: [string, BlockReason][]): [Cidr, BlockReason][] {
  return entries.map(([c, r]) => [parseCidr(c)!, r]);
}

const BLOCKED_V4 = table([
  ['0.0.0.0/8', 'unspecified'], // "this network"; 0.0.0.0 reaches the local host on Linux
  ['10.0.0.0/8', 'private'],
  ['100.64.0.0/10', 'cgnat'],
  ['127.0.0.0/8', 'loopback'],
  ['169.254.0.0/16', 'link-local'], // cloud metadata (169.254.169.254) lives here
  ['172.16.0.0/12', 'private'],
  ['192.0.0.0/24', 'reserved'],
  ['192.0.2.0/24', 'reserved'],
  ['192.168.0.0/16', 'private'],
  ['198.18.0.0/15', 'reserved'],
  ['198.51.100.0/24', 'reserved'],
  ['203.0.113.0/24', 'reserved'],
  ['224.0.0.0/4', 'multicast'],
  ['240.0.0.0/4', 'reserved'], // includes 255.255.255.255
]);

const BLOCKED_V6 = table([
  ['::/128', 'unspecified'],
  ['::1/128', 'loopback'],
  ['::/96', 'reserved'], // deprecated IPv4-compatible addresses
  ['100::/64', 'reserved'],
  ['2001:db8::/32', 'reserved'],
  ['fc00::/7', 'unique-local'],
  ['fe80::/10', 'link-local'],
  ['fec0::/10', 'private'], // deprecated site-local
  ['ff00::/8', 'multicast'],
]);

const MAPPED = parseCidr('::ffff:0:0/96')!;
const NAT64 = parseCidr('64:ff9b::/96')!;

/** The IPv4 address an IPv6 address stands for, when it embeds one. */
export function embeddedV4(ip: ParsedIp): ParsedIp | undefined {
  if (ip.family !== 6) return undefined;
  if (inCidr(ip, MAPPED) || inCidr(ip, NAT64)) return { family: 4, value: ip.value & 0xffffffffn };
  return undefined;
}

/** Is this address a public one a webhook may reach (before the allow-list is consulted)? */
export function classifyAddress(ip: ParsedIp): AddressVerdict {
  const target = embeddedV4(ip) ?? ip;
  const blocked = target.family === 4 ? BLOCKED_V4 : BLOCKED_V6;
  for (const [cidr, reason] of blocked) if (inCidr(target, cidr)) return { allowed: false, reason };
  return { allowed: true };
}

/** EGRESS_ALLOWLIST, parsed: exact hostnames (case-insensitive) and CIDRs. */
export interface Allowlist {
  hosts: ReadonlySet<string>;
  cidrs: readonly Cidr[];
}

export function parseAllowlist(entries: readonly string[]): Allowlist {
  const hosts = new Set<string>();
  const cidrs: Cidr[] = [];
  for (const raw of entries) {
    const entry = raw.trim().toLowerCase();
    if (entry === '') continue;
    const cidr = parseCidr(entry);
    if (cidr) cidrs.push(cidr);
    else hosts.add(entry);
  }
  return { hosts, cidrs };
}

/**
 * The decision for one resolved address of `hostname`. An allow-listed hostname admits whatever
 * it resolves to (the admin vouched for the name); an allow-listed CIDR admits addresses in it.
 */
export function checkAddress(hostname: string, address: string, allow: Allowlist): AddressVerdict {
  const ip = parseIp(address);
  if (!ip) return { allowed: false, reason: 'reserved' };
  const verdict = classifyAddress(ip);
  if (verdict.allowed) return verdict;
  if (allow.hosts.has(hostname.toLowerCase().replace(/^\[|\]$/g, ''))) return { allowed: true };
  const forms = [ip, embeddedV4(ip)].filter((x): x is ParsedIp => x !== undefined);
  if (allow.cidrs.some((c) => forms.some((f) => inCidr(f, c)))) return { allowed: true };
  return verdict;
}

/** Raised by the guarded connector; classified as error class 'ssrf'. */
export class EgressRefusedError extends Error {
  readonly code = 'ERR_EGRESS_REFUSED';
  constructor(hostname: string, address: string, reason: BlockReason) {
    super(`refused to connect to ${hostname} (${address}): ${reason} address; add it to EGRESS_ALLOWLIST to allow`);
    this.name = 'EgressRefusedError';
  }
}
