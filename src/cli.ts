/**
 * The `omnihook` command. It opens the same store as the server (DATABASE_URL), so an operator
 * can inspect and act on webhooks while the server runs: SQLite's WAL lets a second process read
 * and write alongside it, and PostgreSQL is shared by design. Sends happen in the server's worker;
 * the CLI only queues them (replay, recover, test), except `serve`.
 */
import { Command, InvalidArgumentError } from 'commander';
import { ConfigError, loadConfig } from './config/index.ts';
import { migrate, openStore } from './store/open.ts';
import { createServices } from './services/container.ts';
import { Hub } from './realtime/hub.ts';
import type { Services } from './services/container.ts';
import { listDeliveries, replayDelivery } from './services/deliveries.ts';
import { sendWebhookTest } from './services/webhook-test.ts';
import { AppError } from './domain/errors.ts';
import { EVENT_TYPES } from './domain/models.ts';
import type { EventType, Role } from './domain/models.ts';
import { ROLES } from './services/users-admin.ts';
import { VERSION } from './version.ts';

async function withServices<T>(fn: (s: Services) => Promise<T>): Promise<T> {
  const config = loadConfig();
  const store = await openStore(config.databaseUrl);
  try {
    await migrate(store);
    const services = await createServices(config, store, new Hub());
    try {
      return await fn(services);
    } finally {
      services.settings.stop();
    }
  } finally {
    await store.close();
  }
}

function isoDate(value: string): number {
  const t = Date.parse(value);
  if (Number.isNaN(t)) throw new InvalidArgumentError('expected an ISO-8601 date, e.g. 2026-01-31T12:00:00Z');
  return t;
}

function positiveInt(value: string): number {
  if (!/^\d+$/.test(value)) throw new InvalidArgumentError('expected a whole number');
  return Number(value);
}

function roleList(value: string): Role[] {
  const roles = value
    .split(',')
    .map((r) => r.trim())
    .filter(Boolean);
  const bad = roles.filter((r) => !ROLES.includes(r as Role));
  if (bad.length || !roles.length) throw new InvalidArgumentError(`roles are a comma list of ${ROLES.join(', ')}`);
  return roles as Role[];
}

/** The user by username, or the same error the API gives. */
async function byUsername(s: Services, username: string) {
  return s.usersAdmin.info({ username });
}

function print(json: boolean, data: unknown, table: () => string[]): void {
  process.stdout.write(json ? `${JSON.stringify(data, null, 2)}\n` : `${table().join('\n')}\n`);
}

export function buildCli(): Command {
  const program = new Command('omnihook')
    .version(VERSION)
    .description('Omnihook livechat server and webhook operations');

  program
    .command('serve')
    .description('start the server (same as npm start)')
    .action(async () => {
      await import('./main.ts').then((m) => m.run());
    });

  program
    .command('migrate')
    .description('apply database migrations and exit')
    .action(() =>
      withServices(async () => {
        process.stdout.write('migrations applied\n');
      }),
    );

  const webhooks = program.command('webhooks').description('webhook endpoints');
  webhooks
    .command('list')
    .option('--json', 'print JSON')
    .description('list endpoints with their health')
    .action((opts: { json?: boolean }) =>
      withServices(async (s) => {
        const [endpoints, health] = await Promise.all([s.endpoints.list(), s.endpoints.health()]);
        const rows = endpoints.map((e) => ({ ...e, health: health.get(e._id) }));
        print(opts.json === true, rows, () =>
          rows.map((e) => {
            const h = e.health;
            const state = !e.enabled
              ? `disabled (${e.disabledReason ?? ''})`
              : e.pausedUntil && e.pausedUntil.getTime() > s.now()
                ? 'paused'
                : 'active';
            const rate =
              h?.successRate24h === null || h?.successRate24h === undefined
                ? '-'
                : `${Math.round(h.successRate24h * 100)}%`;
            return `${e._id}\t${e.kind}\t${state}\tbacklog=${h?.backlog ?? 0}\tsuccess24h=${rate}\t${e.url || '(no URL)'}`;
          }),
        );
      }),
    );
  webhooks
    .command('test <endpointId>')
    .option('--type <type>', `event type (${EVENT_TYPES.join(', ')})`, 'LivechatSessionStart')
    .description(
      "send a test event: the Webhooks-page endpoint ('rocketchat') synchronously, others through the worker",
    )
    .action((endpointId: string, opts: { type: string }) =>
      withServices(async (s) => {
        if (!(EVENT_TYPES as readonly string[]).includes(opts.type))
          throw new InvalidArgumentError(`unknown type ${opts.type}`);
        if (s.endpoints.isBuiltin(endpointId)) {
          const r = await sendWebhookTest(s);
          process.stdout.write(`receiver answered ${r.statusCode}\n`);
          return;
        }
        const q = await s.endpoints.sendTest(endpointId, opts.type as EventType);
        process.stdout.write(`queued delivery ${q.deliveryId} (event ${q.eventId}); the server's worker sends it\n`);
      }),
    );
  webhooks
    .command('rotate-secret <endpointId>')
    .option('--grace-seconds <n>', 'how long the old secret keeps signing', positiveInt, 86_400)
    .description('issue a new signing secret; prints it once')
    .action((endpointId: string, opts: { graceSeconds: number }) =>
      withServices(async (s) => {
        const { secret, endpoint } = await s.endpoints.rotateSecret(endpointId, opts.graceSeconds);
        process.stdout.write(`${secret}\n`);
        process.stderr.write(
          `old secret valid until ${endpoint.secretRotation?.previousExpiresAt.toISOString() ?? 'now (no grace)'}\n`,
        );
      }),
    );

  const deliveries = program.command('deliveries').description('the delivery log');
  deliveries
    .command('list')
    .option('--status <status>', 'pending | succeeded | failed')
    .option('--event-type <type>', 'e.g. LivechatSession')
    .option('--room <rid>', 'room id')
    .option('--endpoint <id>', 'endpoint id')
    .option('--since <iso>', 'created at or after', isoDate)
    .option('--until <iso>', 'created before', isoDate)
    .option('--limit <n>', 'how many, newest first', positiveInt, 50)
    .option('--json', 'print JSON')
    .action(
      (o: {
        status?: string;
        eventType?: string;
        room?: string;
        endpoint?: string;
        since?: number;
        until?: number;
        limit: number;
        json?: boolean;
      }) =>
        withServices(async (s) => {
          const { deliveries: list, total } = await listDeliveries(
            s,
            {
              status: o.status,
              eventType: o.eventType,
              roomId: o.room,
              endpointId: o.endpoint,
              since: o.since,
              until: o.until,
            },
            { count: o.limit, offset: 0 },
          );
          print(o.json === true, { deliveries: list, total }, () => [
            ['ID', 'STATUS', 'EVENT', 'ENDPOINT', 'ATTEMPTS', 'CREATED', 'LAST'].join('\t'),
            ...list.map((d) =>
              [
                d._id,
                d.status,
                d.eventType,
                d.endpointId,
                String(d.attemptCount),
                d.createdAt,
                d.lastStatusCode ?? d.lastError ?? '',
              ].join('\t'),
            ),
            `${list.length} of ${total}`,
          ]);
        }),
    );
  deliveries
    .command('replay <deliveryId>')
    .description('send a delivery again: same body, same webhook-id')
    .action((id: string) =>
      withServices(async (s) => {
        await replayDelivery(s, id);
        process.stdout.write(`delivery ${id} queued again\n`);
      }),
    );
  deliveries
    .command('recover <endpointId>')
    .requiredOption('--since <iso>', 'failed deliveries created at or after', isoDate)
    .option('--until <iso>', 'and at or before', isoDate)
    .description('re-send every failed delivery of an endpoint in a time range')
    .action((endpointId: string, o: { since: number; until?: number }) =>
      withServices(async (s) => {
        const n = await s.endpoints.recover(endpointId, o.since, o.until);
        process.stdout.write(`${n} deliveries queued again\n`);
      }),
    );
  usersCommands(program);
  return program;
}

/** `omnihook users ...`: what an admin locked out of the UI needs, on the same store. */
function usersCommands(program: Command): void {
  const users = program.command('users').description('staff users (for an admin locked out of the UI)');
  users
    .command('list')
    .option('--text <text>', 'match username, name or e-mail')
    .option('--json', 'print JSON')
    .action((o: { text?: string; json?: boolean }) =>
      withServices(async (s) => {
        const r = await s.usersAdmin.list({ text: o.text, count: 1000, offset: 0 });
        print(o.json === true, r, () => [
          ['USERNAME', 'NAME', 'EMAIL', 'ROLES', 'ACTIVE'].join('\t'),
          ...r.users.map((u) =>
            [u.username, u.name, u.emails?.[0]?.address ?? '', u.roles.join(','), u.active ? 'yes' : 'no'].join('\t'),
          ),
        ]);
      }),
    );
  users
    .command('create')
    .requiredOption('--username <username>')
    .requiredOption('--password <password>', 'at least 8 characters')
    .option('--name <name>')
    .option('--email <email>')
    .option('--roles <roles>', `comma list of ${ROLES.join(', ')}`, roleList)
    .action((o: { username: string; password: string; name?: string; email?: string; roles?: Role[] }) =>
      withServices(async (s) => {
        const u = await s.users.create(o);
        process.stdout.write(`created ${u.username} (${u._id}) with roles ${u.roles.join(',')}\n`);
      }),
    );
  users
    .command('reset-password <username>')
    .option('--password <password>', 'the new password; generated and printed once when omitted')
    .description("set a user's password (ends their sessions)")
    .action((username: string, o: { password?: string }) =>
      withServices(async (s) => {
        const u = await byUsername(s, username);
        const r = await s.usersAdmin.resetPassword(u._id, o.password);
        // printed only when generated: a password given on the command line is already known
        process.stdout.write(o.password ? `password of ${u.username} changed\n` : `${r.password}\n`);
      }),
    );
  users
    .command('set-roles <username> <roles>')
    .description(`replace a user's roles (comma list of ${ROLES.join(', ')})`)
    .action((username: string, roles: string) =>
      withServices(async (s) => {
        const u = await byUsername(s, username);
        const next = await s.usersAdmin.update(u._id, { roles: roleList(roles) });
        process.stdout.write(`${next.username}: ${next.roles.join(',')}\n`);
      }),
    );
}

export async function runCli(argv: string[]): Promise<void> {
  try {
    await buildCli().parseAsync(argv);
  } catch (err) {
    if (err instanceof AppError) {
      process.stderr.write(`omnihook: ${err.message} [${err.code}]\n`);
      process.exitCode = 1;
    } else if (err instanceof ConfigError) {
      process.stderr.write(`omnihook: invalid configuration: ${err.message}\n`);
      process.exitCode = 2;
    } else if (err instanceof InvalidArgumentError) {
      process.stderr.write(`omnihook: ${err.message}\n`);
      process.exitCode = 2;
    } else {
      throw err;
    }
  }
}

await runCli(process.argv);
