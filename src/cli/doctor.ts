/**
 * `omnihook doctor`: checks what usually stops a server or its webhooks (the settings, the
 * database, the port, the egress policy for every endpoint URL, the SMTP server) and prints what
 * to fix. Exit code 1 when something needs fixing, 0 when only warnings or nothing.
 *
 * Run it with the server's environment: the egress check applies this process's
 * EGRESS_ALLOWLIST, and says so. It also shows the allowlist the running server recorded at its
 * start; when the two differ, endpoints are judged by the server's (it sends the deliveries).
 */
import type { Command } from 'commander';
import { ConfigError, loadConfig } from '../config/index.ts';
import { createServices } from '../services/container.ts';
import { Hub } from '../realtime/hub.ts';
import { leaf } from './args.ts';
import type { JsonOpt } from './args.ts';
import { configFindings, databaseFindings, egressFindings, portFindings, smtpFindings } from './doctor-checks.ts';
import type { Finding, Status } from './doctor-checks.ts';
import { printJson } from './output.ts';

const LABEL: Record<Status, string> = { ok: 'ok', warn: 'WARN', fail: 'FAIL', skip: 'skip' };

export async function runChecks(): Promise<Finding[]> {
  let config;
  try {
    config = loadConfig();
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    return [
      {
        check: 'configuration',
        status: 'fail',
        detail: err.message,
        fix: 'correct that environment variable (docs/config.md)',
      },
    ];
  }
  const findings = configFindings(config);
  const db = await databaseFindings(config);
  findings.push(...db.findings, ...(await portFindings(config)));
  if (!db.store) {
    findings.push(
      { check: 'egress', status: 'skip', detail: 'needs the database' },
      { check: 'smtp', status: 'skip', detail: 'needs the database' },
    );
    return findings;
  }
  try {
    const s = await createServices(config, db.store, new Hub());
    try {
      findings.push(...(await egressFindings(s)), ...(await smtpFindings(s)));
    } finally {
      s.settings.stop();
    }
  } finally {
    await db.store.close();
  }
  return findings;
}

/** `FAIL  database       no database at ...` with its fix on the next line, under the result. */
function render(findings: Finding[]): string[] {
  const width = Math.max(...findings.map((f) => f.check.length));
  const indent = ' '.repeat(6 + width + 2);
  const lines = findings.flatMap((f) => [
    `${LABEL[f.status].padEnd(4)}  ${f.check.padEnd(width)}  ${f.detail}`,
    ...(f.fix ? [`${indent}fix: ${f.fix}`] : []),
  ]);
  const problems = findings.filter((f) => f.status === 'fail').length;
  const warnings = findings.filter((f) => f.status === 'warn').length;
  const tail = warnings ? `${warnings} warning(s)` : '';
  return [
    ...lines,
    problems ? `${problems} problem(s) to fix${tail ? `, ${tail}` : ''}` : `nothing to fix${tail ? ` (${tail})` : ''}`,
  ];
}

export function doctorCommand(program: Command): void {
  leaf(
    program,
    'doctor',
    'check the configuration, the database, the port, the egress policy of every endpoint URL and SMTP; print what to fix',
  ).action(async (o: JsonOpt) => {
    const findings = await runChecks();
    const ok = !findings.some((f) => f.status === 'fail');
    if (o.json) printJson({ ok, findings });
    else process.stdout.write(`${render(findings).join('\n')}\n`);
    if (!ok) process.exitCode = 1;
  });
}
