/**
 * The endpoint catalogue, the routes the app registers and the documentation cannot drift:
 * - every catalogue row marked implemented, inert or ours is a registered route, and every other
 *   row is not (read from the running app's OpenAPI document, so it is what a client can call);
 * - every registered livechat/, omnichannel/ and canned-responses route is in the catalogue;
 * - docs/rocketchat-compat.md's 'Omnichannel endpoints' table is generated from the catalogue
 *   (`UPDATE_DOCS=1 npx vitest run test/http/rc-endpoints-docs.test.ts` rewrites it).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeApp } from '../helpers/app.ts';
import type { TestApp } from '../helpers/app.ts';
import { RC_ENDPOINTS } from '../../src/domain/rc-endpoints.ts';
import type { RcEndpoint } from '../../src/domain/rc-endpoints.ts';

const DOC = join(import.meta.dirname, '../../docs/rocketchat-compat.md');
const START = '<!-- rc-endpoints:start (generated from src/domain/rc-endpoints.ts) -->';
const END = '<!-- rc-endpoints:end -->';
const METHODS = new Set(['GET', 'POST', 'PUT', 'DELETE', 'PATCH']);
// The prefixes whose every route must be catalogued: Rocket.Chat's Omnichannel namespaces.
const OMNI = /^(livechat|omnichannel|canned-responses)\b/;

/** 'GET livechat/users/:' for both `livechat/users/:type` and `/api/v1/livechat/users/{type}`. */
function key(method: string, path: string): string {
  const p = path
    .replace(/^\/api\/v1\//, '')
    .replace(/\{[^}]+\}/g, ':')
    .replace(/:[A-Za-z_]\w*/g, ':')
    .replace(/\/$/, '');
  return `${method.toUpperCase()} ${p}`;
}

const served = (e: RcEndpoint) => e.status === 'implemented' || e.status === 'inert' || e.status === 'ours';

function status(e: RcEndpoint): string {
  const label = e.status === 'not-offered' ? 'not offered' : e.status;
  const ee = e.enterprise && e.status !== 'not-offered' ? ' (Enterprise in Rocket.Chat)' : '';
  return `${label}${ee}${e.why ? `: ${e.why}` : ''}`;
}

function table(): string {
  const rows = RC_ENDPOINTS.map((e) => `| ${e.area} | \`${e.method} ${e.path}\` | ${status(e)} |`);
  return ['| area | endpoint | status |', '|---|---|---|', ...rows].join('\n');
}

describe('Rocket.Chat endpoint catalogue', () => {
  let t: TestApp;
  let registered: Set<string>;
  beforeAll(async () => {
    t = await makeApp();
    const doc = (await t.app.inject({ method: 'GET', url: '/api/docs/json' })).json() as {
      paths: Record<string, Record<string, unknown>>;
    };
    registered = new Set(
      Object.entries(doc.paths).flatMap(([path, ops]) =>
        Object.keys(ops)
          .filter((m) => METHODS.has(m.toUpperCase()) && path.startsWith('/api/v1/'))
          .map((m) => key(m, path)),
      ),
    );
  });
  afterAll(async () => t.close());

  it('rows are unique', () => {
    const keys = RC_ENDPOINTS.map((e) => key(e.method, e.path));
    expect(keys.filter((k, i) => keys.indexOf(k) !== i)).toEqual([]);
  });

  it('implemented, inert and ours rows are registered routes; the others are not', () => {
    expect(registered.size, 'the OpenAPI document lists routes').toBeGreaterThan(50);
    const wrong = RC_ENDPOINTS.filter((e) => served(e) !== registered.has(key(e.method, e.path))).map(
      (e) => `${e.method} ${e.path} is '${e.status}' but ${served(e) ? 'not registered' : 'registered'}`,
    );
    expect(wrong).toEqual([]);
  });

  it('every registered livechat/, omnichannel/ and canned-responses route is catalogued', () => {
    const known = new Set(RC_ENDPOINTS.map((e) => key(e.method, e.path)));
    const missing = [...registered].filter((k) => OMNI.test(k.split(' ')[1] ?? '') && !known.has(k));
    expect(missing).toEqual([]);
  });

  it('not-offered and inert rows say why', () => {
    const silent = RC_ENDPOINTS.filter((e) => (e.status === 'not-offered' || e.status === 'inert') && !e.why);
    expect(silent).toEqual([]);
  });

  it('docs/rocketchat-compat.md lists every endpoint with its status', () => {
    const doc = readFileSync(DOC, 'utf8');
    const start = doc.indexOf(START);
    const end = doc.indexOf(END);
    expect(start, 'the generated-table markers are in the doc').toBeGreaterThan(-1);
    expect(end).toBeGreaterThan(start);
    const expected = `${START}\n${table()}\n${END}`;
    const current = doc.slice(start, end + END.length);
    if (current !== expected && process.env.UPDATE_DOCS === '1') {
      writeFileSync(DOC, doc.slice(0, start) + expected + doc.slice(end + END.length));
      return;
    }
    expect(current).toBe(expected);
  });
});
