/**
 * The SSRF-safe undici Agent: a custom `connect` resolves the hostname itself, checks every
 * candidate address against the egress policy, and hands undici's own connector the checked
 * address (keeping the original name for TLS SNI and certificate checks). Because the socket is
 * opened to the address we checked, a DNS answer that changes between check and use (rebinding)
 * cannot slip through. Redirects are never followed: undici 7 only follows them through an
 * interceptor, which we do not install.
 */
import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import { Agent, buildConnector } from 'undici';
import { EgressRefusedError, checkAddress, parseAllowlist } from './egress.ts';
import type { Allowlist } from './egress.ts';

export interface EgressAgentOptions {
  allowlist: readonly string[];
  /** Sockets kept per origin; the worker caps concurrency itself. */
  connections?: number;
  connectTimeoutMs?: number;
}

/** Picks the first resolved address the policy admits, or throws EgressRefusedError / a DNS error. */
export async function resolveChecked(hostname: string, allow: Allowlist): Promise<string> {
  const literal = isIP(hostname) !== 0;
  const addresses = literal ? [{ address: hostname }] : await lookup(hostname, { all: true, verbatim: true });
  let refusal: EgressRefusedError | undefined;
  for (const { address } of addresses) {
    const verdict = checkAddress(hostname, address, allow);
    if (verdict.allowed) return address;
    refusal ??= new EgressRefusedError(hostname, address, verdict.reason);
  }
  throw refusal ?? new EgressRefusedError(hostname, '(no address)', 'reserved');
}

export function createEgressAgent(opts: EgressAgentOptions): Agent {
  const allow = parseAllowlist(opts.allowlist);
  const base = buildConnector({ timeout: opts.connectTimeoutMs ?? 10_000 });
  const connect: buildConnector.connector = (options, callback) => {
    resolveChecked(options.hostname, allow).then(
      (address) => base({ ...options, hostname: address }, callback),
      (err: Error) => callback(err, null),
    );
  };
  return new Agent({
    connect,
    connections: opts.connections ?? 32,
    keepAliveTimeout: 30_000,
    pipelining: 1,
  });
}
