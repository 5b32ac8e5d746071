/**
 * `omnihook endpoints ...` (also `webhooks ...`, its first name): list with health, test,
 * rotate a secret.
 *
 * Egress: a test of the built-in endpoint is sent by this process, so this process's
 * EGRESS_ALLOWLIST decides; a test of a custom endpoint is queued and the server's worker sends
 * it under the server's EGRESS_ALLOWLIST. Both say which allowlist applies, and what this
 * process's allowlist thinks of the URL, because a mismatch between the two environments is the
 * usual reason a local receiver works from the server and not from the CLI (or the reverse).
 * The server's allowlist is the one it recorded at its start (services/server-egress.ts).
 */
import type { Command } from 'commander';
import { EVENT_TYPES } from '../domain/models.ts';
import type { EventType } from '../domain/models.ts';
import type { Services } from '../services/container.ts';
import type { Endpoint } from '../services/endpoints.ts';
import { sendWebhookTest } from '../services/webhook-test.ts';
import { egressCheck } from '../services/egress-check.ts';
import { readServerEgress } from '../services/server-egress.ts';
import type { ServerEgress } from '../services/server-egress.ts';
import { getDelivery } from '../services/deliveries.ts';
import { AppError } from '../domain/errors.ts';
import { choice, leaf, positiveInt } from './args.ts';
import type { JsonOpt } from './args.ts';
import { withServices } from './context.ts';
import { displayUrl, endpointName, note, print, table } from './output.ts';

/** Which allowlist this process applies, in one line. */
export function allowlistLine(allowlist: readonly string[]): string {
  return allowlist.length
    ? `egress allowlist (EGRESS_ALLOWLIST of this command): ${allowlist.join(', ')}`
    : 'egress allowlist: empty (EGRESS_ALLOWLIST is not set for this command): loopback and private addresses are refused';
}

/**
 * Which allowlist the running server applies, in one line, from what it recorded at its start
 * (services/server-egress.ts): this process cannot see the server's environment.
 */
export function serverAllowlistLine(server: ServerEgress | undefined): string {
  if (!server) return 'server allowlist: unknown (no server has started on this database since it began recording it)';
  const when = `recorded at its start ${server.recordedAt}`;
  return server.allowlist.length
    ? `server allowlist (the server's EGRESS_ALLOWLIST, ${when}): ${server.allowlist.join(', ')}`
    : `server allowlist: empty (the server's EGRESS_ALLOWLIST, ${when}): loopback and private addresses are refused`;
}

/** What an egress policy (this process's unless `allowlist` is given) says about `url`: undefined when allowed. */
export async function egressProblem(
  s: Services,
  url: string,
  allowlist: readonly string[] = s.config.egressAllowlist,
): Promise<string | undefined> {
  if (!url) return undefined;
  try {
    await egressCheck(allowlist).checkUrl(url);
    return undefined;
  } catch (err) {
    if (err instanceof AppError) return err.message.replace(/^url: /, '');
    throw err;
  }
}

export function endpointState(e: Endpoint, now: number): string {
  if (!e.enabled) return e.disabledReason ? `disabled (${e.disabledReason})` : 'disabled';
  if (e.pausedUntil && e.pausedUntil.getTime() > now) return `paused until ${e.pausedUntil.toISOString()}`;
  return 'active';
}

/** An endpoint by id, or by its name (description) when no id matches. */
export async function findEndpoint(s: Services, idOrName: string): Promise<Endpoint> {
  const all = await s.endpoints.list();
  const found =
    all.find((e) => e._id === idOrName) ?? all.find((e) => endpointName(e).toLowerCase() === idOrName.toLowerCase());
  if (!found) throw new AppError('error-invalid-endpoint', `No endpoint with id or name "${idOrName}"`);
  return found;
}

async function listEndpoints(s: Services, o: JsonOpt): Promise<void> {
  const [endpoints, health] = await Promise.all([s.endpoints.list(), s.endpoints.health()]);
  const rows = endpoints.map((e) => ({ ...e, name: endpointName(e), health: health.get(e._id) ?? null }));
  print(o.json, { endpoints: rows }, () => [
    ...table(
      ['ID', 'NAME', 'KIND', 'STATE', 'BACKLOG', 'FAILED', 'SUCCESS 24H', 'URL'],
      rows.map((e) => {
        const rate = e.health?.successRate24h;
        return [
          e._id,
          e.name,
          e.kind,
          endpointState(e, s.now()),
          e.health?.backlog ?? 0,
          e.health?.failed ?? 0,
          rate === null || rate === undefined ? '-' : `${Math.round(rate * 100)}%`,
          displayUrl(e.url),
        ];
      }),
    ),
    `${rows.length} endpoint(s)`,
  ]);
}

/** Polls the queued test delivery until its first attempt is recorded or `seconds` pass. */
async function waitForAttempt(s: Services, deliveryId: string, seconds: number) {
  const deadline = Date.now() + seconds * 1000;
  for (;;) {
    const d = await getDelivery(s, deliveryId);
    if (d.attemptCount > 0 || d.status !== 'pending' || Date.now() >= deadline) return d;
    await new Promise((r) => setTimeout(r, 250));
  }
}

async function testEndpoint(
  s: Services,
  idOrName: string,
  o: JsonOpt & { type: EventType; wait?: number },
): Promise<void> {
  const e = await findEndpoint(s, idOrName);
  const allowlist = s.config.egressAllowlist;
  const problem = await egressProblem(s, e.url);
  const server = await readServerEgress(s.db);
  const serverProblem = server ? await egressProblem(s, e.url, server.allowlist) : undefined;
  const serverJson = server ? { ...server, problem: serverProblem ?? null } : null;
  if (s.endpoints.isBuiltin(e._id)) {
    // sent from here: this process's allowlist is the one that decides; the server's is shown
    // for comparison when known (the server sends this endpoint's real events)
    if (!o.json) note(allowlistLine(allowlist));
    if (!o.json && server) note(serverAllowlistLine(server));
    const r = await sendWebhookTest(s);
    print(
      o.json,
      { endpointId: e._id, statusCode: r.statusCode, egressAllowlist: allowlist, serverEgress: serverJson },
      () => [`receiver answered ${r.statusCode}`],
    );
    return;
  }
  const q = await s.endpoints.sendTest(e._id, o.type);
  const wait = o.wait ?? 0;
  const d = wait > 0 ? await waitForAttempt(s, q.deliveryId, wait) : undefined;
  const last = d?.attempts.at(-1);
  const outcome = !d
    ? 'queued'
    : last
      ? last.statusCode !== null
        ? `answered HTTP ${last.statusCode}`
        : `failed: ${last.errorClass ?? 'error'}: ${last.errorMessage ?? ''}`
      : `no attempt within ${wait}s (is the server with its delivery worker running?)`;
  print(
    o.json,
    {
      ...q,
      endpointId: e._id,
      status: d?.status ?? 'pending',
      attempt: last ?? null,
      egress: { allowlist, source: 'EGRESS_ALLOWLIST of this command', problem: problem ?? null },
      serverEgress: serverJson,
    },
    () => [
      `queued delivery ${q.deliveryId} (event ${q.eventId}) to ${endpointName(e)}; the server's delivery worker sends it with the server's EGRESS_ALLOWLIST`,
      ...(d ? [`outcome: ${outcome}`] : []),
      serverAllowlistLine(server),
      ...(serverProblem ? [`with the server's allowlist the URL is refused: ${serverProblem}`] : []),
      allowlistLine(allowlist),
      ...(problem ? [`with this allowlist the URL would be refused: ${problem}`] : []),
    ],
  );
}

export function endpointCommands(program: Command): void {
  const endpoints = program.command('endpoints').alias('webhooks').description('webhook endpoints');
  leaf(endpoints, 'list', 'list endpoints with their state and health').action((o: JsonOpt) =>
    withServices((s) => listEndpoints(s, o)),
  );
  leaf(
    endpoints,
    'test <endpoint>',
    "send a test event to an endpoint (id or name): the Webhooks page's endpoint at once, others through the server's worker",
  )
    .addOption(choice('--type <type>', 'event type', EVENT_TYPES).default('LivechatSessionStart' satisfies EventType))
    .option('--wait <seconds>', "wait up to this long for the worker's first attempt and print it", positiveInt)
    .action((idOrName: string, o: JsonOpt & { type: EventType; wait?: number }) =>
      withServices((s) => testEndpoint(s, idOrName, o)),
    );
  leaf(endpoints, 'rotate-secret <endpoint>', 'issue a new signing secret; prints it once')
    .option('--grace-seconds <n>', 'how long the old secret keeps signing', positiveInt, 86_400)
    .action((idOrName: string, o: JsonOpt & { graceSeconds: number }) =>
      withServices(async (s) => {
        const e = await findEndpoint(s, idOrName);
        const { secret, endpoint } = await s.endpoints.rotateSecret(e._id, o.graceSeconds);
        const until = endpoint.secretRotation?.previousExpiresAt.toISOString() ?? null;
        print(o.json, { endpointId: e._id, secret, previousSecretExpiresAt: until }, () => [secret]);
        if (!o.json) note(`old secret valid until ${until ?? 'now (no grace)'}`);
      }),
    );
}
