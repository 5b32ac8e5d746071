/**
 * Builds the real app over a real store for HTTP tests, with helpers to log staff in and to
 * call routes. Nothing is mocked: requests go through Fastify's inject (or a real port).
 */
import type { FastifyInstance, InjectOptions } from 'fastify';
import { loadConfig } from '../../src/config/index.ts';
import { createServices } from '../../src/services/container.ts';
import { Hub } from '../../src/realtime/hub.ts';
import type { Services } from '../../src/services/container.ts';
import { buildApp } from '../../src/http/app.ts';
import { openTestStore } from './db.ts';
import type { Dialect } from '../../src/store/dialect.ts';

export interface TestApp {
  app: FastifyInstance;
  services: Services;
  admin: Session;
  /** The DATABASE_URL of this app's store (SQLite file), for a second process to open. */
  databaseUrl: string;
  close(): Promise<void>;
}

export interface Session {
  userId: string;
  authToken: string;
  headers: Record<string, string>;
}

export const ADMIN_PASS = 'admin-pass-123';

export async function makeApp(opts: { dialect?: Dialect; env?: Record<string, string> } = {}): Promise<TestApp> {
  const ts = await openTestStore(opts.dialect ?? 'sqlite');
  const config = loadConfig({ ADMIN_USERNAME: 'admin', ADMIN_PASS, LOG_LEVEL: 'silent', ...opts.env });
  const services = await createServices(config, ts.store, new Hub());
  await services.users.ensureAdmin(config.admin);
  const app = await buildApp(services);
  await app.ready();
  const admin = await login(app, 'admin', ADMIN_PASS);
  return {
    app,
    services,
    admin,
    databaseUrl: ts.url,
    close: async () => {
      await app.close();
      await services.queue.stop();
      services.settings.stop();
      await ts.cleanup();
    },
  };
}

export async function login(app: FastifyInstance, user: string, password: string): Promise<Session> {
  const res = await app.inject({ method: 'POST', url: '/api/v1/login', payload: { user, password } });
  if (res.statusCode !== 200) throw new Error(`login ${user} failed: ${res.body}`);
  const { userId, authToken } = res.json().data as { userId: string; authToken: string };
  return { userId, authToken, headers: { 'x-user-id': userId, 'x-auth-token': authToken } };
}

/** Creates a user with roles through the API and logs them in. */
export async function createStaff(
  t: TestApp,
  username: string,
  roles: string[],
): Promise<Session & { username: string }> {
  const password = `${username}-pass-123`;
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/v1/users.create',
    headers: t.admin.headers,
    payload: { username, password, name: username, email: `${username}@example.com`, roles },
  });
  if (res.statusCode !== 200) throw new Error(`users.create ${username}: ${res.body}`);
  return { ...(await login(t.app, username, password)), username };
}

export async function call(t: TestApp, opts: InjectOptions & { as?: Session }) {
  const { as, ...rest } = opts;
  const res = await t.app.inject({ ...rest, headers: { ...(rest.headers ?? {}), ...(as?.headers ?? {}) } });
  let body: Record<string, unknown> = {};
  try {
    body = res.json();
  } catch {
    // not JSON; tests that care read res.body
  }
  return { status: res.statusCode, body, res };
}
