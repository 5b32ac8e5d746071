/**
 * The checks of `omnihook doctor`, each a small function returning findings: what it looked at,
 * whether it is fine, and when not, what to do. A check never changes anything: no database is
 * created or migrated, no mail is sent (SMTP stops after EHLO, and AUTH when a user is set).
 */
import { existsSync } from 'node:fs';
import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import nodemailer from 'nodemailer';
import { request } from 'undici';
import type { Config } from '../config/index.ts';
import { describeStartupError, errorCode, postgresAddress } from '../config/startup-errors.ts';
import { checkAddress, parseAllowlist, parseCidr, parseIp } from '../delivery/http/egress.ts';
import type { Store } from '../store/open.ts';
import { openStore } from '../store/open.ts';
import type { Services } from '../services/container.ts';
import { describeSqlitePath, migrationState, sqliteFile } from './context.ts';
import { displayUrl, endpointName } from './output.ts';
import { readServerEgress } from '../services/server-egress.ts';
import type { ServerEgress } from '../services/server-egress.ts';
import { serverAllowlistLine } from './endpoints.ts';

export type Status = 'ok' | 'warn' | 'fail' | 'skip';

export interface Finding {
  check: 'configuration' | 'database' | 'port' | 'egress' | 'smtp';
  status: Status;
  detail: string;
  /** What to do about it (warn and fail only). */
  fix?: string;
}

/** DATABASE_URL without its password. */
export function safeDatabaseUrl(url: string): string {
  if (!url.startsWith('postgres')) return url;
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return 'postgres://...';
  }
}

/** Entries of EGRESS_ALLOWLIST that look meant as an address or CIDR but are not valid ones. */
export function suspiciousAllowlistEntries(entries: readonly string[]): string[] {
  return entries.filter((e) => {
    const looksNumeric = e.includes('/') || /^[\d.]+$/.test(e) || e.includes(':');
    return looksNumeric && parseCidr(e) === undefined;
  });
}

export function configFindings(config: Config): Finding[] {
  const out: Finding[] = [
    {
      check: 'configuration',
      status: 'ok',
      detail: `DATABASE_URL=${safeDatabaseUrl(config.databaseUrl)} HOST=${config.host} PORT=${config.port} LOG_LEVEL=${config.logLevel} LOG_FORMAT=${config.logFormat} EGRESS_ALLOWLIST=${config.egressAllowlist.join(',') || '(empty)'}`,
    },
  ];
  for (const entry of suspiciousAllowlistEntries(config.egressAllowlist))
    out.push({
      check: 'configuration',
      status: 'fail',
      detail: `EGRESS_ALLOWLIST entry "${entry}" is neither an IP address nor a CIDR, so it is taken as a hostname and allows nothing by address`,
      fix: 'write addresses as 127.0.0.1 or CIDRs as 10.0.0.0/8 (IPv6: ::1, fd00::/8)',
    });
  return out;
}

/** Opens the database read-only in spirit: a missing SQLite file is a finding, never created. */
export async function databaseFindings(config: Config): Promise<{ findings: Finding[]; store?: Store }> {
  const file = sqliteFile(config.databaseUrl);
  const where = file ? describeSqlitePath(file) : postgresAddress(config.databaseUrl);
  if (file !== undefined && !existsSync(file))
    return {
      findings: [
        {
          check: 'database',
          status: 'fail',
          detail: `no database at ${where}`,
          fix: "set DATABASE_URL to the server's database, or run doctor from the server's folder; a new installation creates it on the first start",
        },
      ],
    };
  let store: Store;
  try {
    store = await openStore(config.databaseUrl, { timeoutMs: config.databaseTimeoutMs });
  } catch (err) {
    return { findings: [{ check: 'database', status: 'fail', detail: describeStartupError(err, config) }] };
  }
  try {
    await store.ping();
  } catch (err) {
    await store.close();
    return {
      findings: [
        {
          check: 'database',
          status: 'fail',
          detail: describeStartupError(err, config),
          fix: errorCode(err) ? 'start the database or correct DATABASE_URL' : undefined,
        },
      ],
    };
  }
  const state = await migrationState(store);
  const reached: Finding = { check: 'database', status: 'ok', detail: `reachable: ${where}` };
  if (state.applied === 0) {
    await store.close();
    return {
      findings: [
        reached,
        {
          check: 'database',
          status: 'fail',
          detail: 'the database has no Omnihook tables',
          fix: 'start the server once, or run `omnihook migrate`',
        },
      ],
    };
  }
  if (state.pending.length > 0)
    return {
      store,
      findings: [
        reached,
        {
          check: 'database',
          status: 'fail',
          detail: `${state.applied} of ${state.known} migrations applied; pending: ${state.pending.join(', ')}`,
          fix: 'run `omnihook migrate`, or restart the server (it migrates at start)',
        },
      ],
    };
  return {
    store,
    findings: [reached, { check: 'database', status: 'ok', detail: `migrated (${state.known} of ${state.known})` }],
  };
}

/** Is something listening on PORT, and is it Omnihook? */
export async function portFindings(config: Config): Promise<Finding[]> {
  const host = ['0.0.0.0', '::', ''].includes(config.host) ? '127.0.0.1' : config.host;
  const base = `http://${isIP(host) === 6 ? `[${host}]` : host}:${config.port}`;
  try {
    const r = await request(`${base}/api/health/ready`, { headersTimeout: 3000, bodyTimeout: 3000 });
    const body = await r.body.text();
    if (r.statusCode === 200 && body.includes('"success"'))
      return [{ check: 'port', status: 'ok', detail: `a server answers on ${base} (ready)` }];
    if (r.statusCode === 503 && body.includes('error-unavailable'))
      return [
        {
          check: 'port',
          status: 'warn',
          detail: `the server on ${base} answers, but not ready: its database does not answer`,
          fix: 'see the database check; the server reconnects by itself',
        },
      ];
    return [
      {
        check: 'port',
        status: 'warn',
        detail: `something that is not Omnihook answers on ${base} (HTTP ${r.statusCode})`,
        fix: 'the server will not start there: set PORT to a free port, or stop what listens on it',
      },
    ];
  } catch (err) {
    if (errorCode(err) === 'ECONNREFUSED')
      return [{ check: 'port', status: 'ok', detail: `${base} is free (no server running there now)` }];
    return [
      {
        check: 'port',
        status: 'warn',
        detail: `${base}: ${errorCode(err) ?? (err as Error).message}`,
        fix: 'check HOST and PORT',
      },
    ];
  }
}

/** What the egress policy (this environment's EGRESS_ALLOWLIST) says about one URL. */
export async function egressVerdict(
  url: string,
  allowlist: readonly string[],
): Promise<{ ok: true; address: string } | { ok: false; detail: string; fix: string }> {
  let host: string;
  try {
    host = new URL(url).hostname.replace(/^\[|\]$/g, '');
  } catch {
    return { ok: false, detail: 'not a valid URL', fix: 'correct the URL on the endpoint' };
  }
  const allow = parseAllowlist(allowlist);
  let addresses: string[];
  try {
    addresses = parseIp(host) ? [host] : (await lookup(host, { all: true, verbatim: true })).map((a) => a.address);
  } catch (err) {
    return {
      ok: false,
      detail: `the host ${host} cannot be resolved (${errorCode(err) ?? 'DNS error'})`,
      fix: 'check the hostname, and that this machine can resolve it',
    };
  }
  for (const address of addresses) if (checkAddress(host, address, allow).allowed) return { ok: true, address };
  const address = addresses[0] ?? host;
  const verdict = checkAddress(host, address, allow);
  const reason = verdict.allowed ? 'refused' : verdict.reason;
  const cidr = parseIp(address)?.family === 6 ? `${address}/128` : `${address}/32`;
  const literal = parseIp(host) !== undefined;
  return {
    ok: false,
    detail: `${literal ? host : `${host} is ${address}, which`} is a ${reason} address: the egress policy refuses it`,
    fix: `if this receiver is meant to be reached, add ${cidr}${literal ? '' : ` (or ${host})`} to EGRESS_ALLOWLIST in the server's environment`,
  };
}

const sameEntries = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && [...a].sort().every((x, i) => x === [...b].sort()[i]);

/** The running server's allowlist (what it recorded at start) beside this process's. */
export function serverEgressFinding(server: ServerEgress | undefined, own: readonly string[]): Finding {
  const line = serverAllowlistLine(server);
  if (!server) return { check: 'egress', status: 'skip', detail: line };
  if (sameEntries(server.allowlist, own))
    return { check: 'egress', status: 'ok', detail: `${line} (the same as here)` };
  return {
    check: 'egress',
    status: 'warn',
    detail: `${line}; this command has ${own.length ? own.join(', ') : 'none'}`,
    fix: "run doctor with the server's environment, or give the server and the CLI the same EGRESS_ALLOWLIST",
  };
}

export async function egressFindings(s: Services): Promise<Finding[]> {
  const server = await readServerEgress(s.db);
  const out: Finding[] = [serverEgressFinding(server, s.config.egressAllowlist)];
  const endpoints = (await s.endpoints.list()).filter((e) => e.enabled && e.url !== '');
  if (endpoints.length === 0)
    return [...out, { check: 'egress', status: 'skip', detail: 'no enabled endpoint has a URL' }];
  // the server sends the deliveries: when its allowlist is known and differs from this
  // command's, the server's verdict is the finding, and this command's only a warning
  const serverDiffers = server !== undefined && !sameEntries(server.allowlist, s.config.egressAllowlist);
  for (const e of endpoints) {
    const label = `${endpointName(e)} (${displayUrl(e.url)})`;
    const v = await egressVerdict(e.url, s.config.egressAllowlist);
    if (!serverDiffers) {
      out.push(
        v.ok
          ? { check: 'egress', status: 'ok', detail: `${label}: allowed (${v.address})` }
          : { check: 'egress', status: 'fail', detail: `${label}: ${v.detail}`, fix: v.fix },
      );
      continue;
    }
    const sv = await egressVerdict(e.url, server.allowlist);
    out.push(
      sv.ok
        ? { check: 'egress', status: 'ok', detail: `${label}: allowed by the server's allowlist (${sv.address})` }
        : {
            check: 'egress',
            status: 'fail',
            detail: `${label}: with the server's allowlist: ${sv.detail}`,
            fix: sv.fix,
          },
    );
    if (v.ok !== sv.ok)
      out.push({
        check: 'egress',
        status: 'warn',
        detail: `${label}: with this command's allowlist: ${v.ok ? `allowed (${v.address})` : v.detail}`,
        fix: "a test sent from here (the Webhooks page endpoint) follows this command's allowlist",
      });
  }
  return out;
}

/** Connects to the configured SMTP server and stops after EHLO (and AUTH when a user is set). */
export async function smtpFindings(s: Services): Promise<Finding[]> {
  const host = s.settings.get('SMTP_Host');
  const port = s.settings.get('SMTP_Port');
  if (!host) {
    const needs = s.settings.get('Livechat_offline_email') !== '' || s.settings.get('Livechat_enable_transcript');
    return [
      needs
        ? {
            check: 'smtp',
            status: 'fail',
            detail: 'no SMTP server is set (SMTP_Host), but transcripts or offline-message emails are on',
            fix: 'set SMTP_Host, SMTP_Port and SMTP_From in Settings, or turn those emails off',
          }
        : { check: 'smtp', status: 'skip', detail: 'no SMTP server is set (SMTP_Host); no mail is sent' },
    ];
  }
  const user = s.settings.get('SMTP_Username');
  const transport = nodemailer.createTransport({
    host,
    port,
    secure: port === 465,
    auth: user ? { user, pass: s.settings.get('SMTP_Password') } : undefined,
    connectionTimeout: 5000,
    greetingTimeout: 5000,
    socketTimeout: 5000,
  });
  try {
    await transport.verify();
    return [
      {
        check: 'smtp',
        status: 'ok',
        detail: `${host}:${port} answered EHLO${user ? ` and accepted the login of ${user}` : ''}`,
      },
    ];
  } catch (err) {
    const code = errorCode(err);
    const response = (err as { responseCode?: number }).responseCode;
    return [
      {
        check: 'smtp',
        status: 'fail',
        detail: `${host}:${port}: ${code ?? 'error'}${response ? ` (SMTP ${response})` : ''}: ${(err as Error).message}`,
        fix:
          code === 'EAUTH'
            ? 'check SMTP_Username and SMTP_Password in Settings'
            : 'check SMTP_Host and SMTP_Port in Settings, and that the mail server accepts connections from here',
      },
    ];
  } finally {
    transport.close();
  }
}
