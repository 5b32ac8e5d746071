/**
 * Request log lines (issue 17): one line per request, written when the response is finished,
 * with method, URL (secrets redacted), status and duration; the SSE stream's lines at debug only;
 * the readable format for terminals. Lines are read back through a pino destination stream.
 */
import { Writable } from 'node:stream';
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/http/app.ts';
import { createLogger, resolveLogFormat } from '../../src/config/logger.ts';
import { ConfigError, loadConfig } from '../../src/config/index.ts';
import { loggableUrl } from '../../src/http/plugins/request-log.ts';
import { makeApp } from '../helpers/app.ts';
import type { TestApp } from '../helpers/app.ts';
import { until } from '../helpers/until.ts';

interface Line {
  level: number;
  msg: string;
  http?: { method: string; url: string; status: number; ms: number };
}

function capture(format: 'json' | 'pretty', level: 'info' | 'debug' = 'debug') {
  const chunks: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _enc, done) {
      chunks.push(chunk.toString());
      done();
    },
  });
  const logger = createLogger({ level, format, destination });
  const text = () => chunks.join('');
  const lines = () =>
    text()
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as Line);
  return { logger, text, lines };
}

describe('request log', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await makeApp();
  });
  afterAll(async () => t.close());

  it('writes one line per request: method, URL without secrets, status, ms', async () => {
    const log = capture('json', 'info');
    const app: FastifyInstance = await buildApp(t.services, { logger: log.logger });
    await app.ready();
    try {
      await app.inject({ method: 'GET', url: '/api/info?token=s3cret-visitor&count=5' });
      await app.inject({ method: 'GET', url: '/api/v1/me', headers: t.admin.headers });
      await app.inject({ method: 'GET', url: '/no/such/route?authToken=s3cret-auth' });
      const lines = log.lines().filter((l) => l.http);
      expect(lines.map((l) => [l.http!.method, l.http!.url, l.http!.status])).toEqual([
        ['GET', '/api/info?token=[redacted]&count=5', 200],
        ['GET', '/api/v1/me', 200],
        ['GET', '/no/such/route?authToken=[redacted]', 404],
      ]);
      for (const l of lines) {
        expect(l.level).toBe(30);
        expect(typeof l.http!.ms).toBe('number');
        expect(l.msg).toBe(`${l.http!.method} ${l.http!.url} ${l.http!.status} ${l.http!.ms}ms`);
      }
      // Fastify's own "incoming request" / "request completed" / "Route ... not found" are gone
      expect(log.text()).not.toMatch(/incoming request|request completed|not found/);
      expect(log.text()).not.toContain('s3cret');
      expect(log.lines()).toHaveLength(3);
    } finally {
      await app.close();
    }
  });

  it('logs SSE stream connections at debug, never at info', async () => {
    const log = capture('json', 'debug');
    const app: FastifyInstance = await buildApp(t.services, { logger: log.logger });
    await app.listen({ port: 0, host: '127.0.0.1' });
    try {
      const { port } = app.server.address() as { port: number };
      for (let i = 0; i < 3; i++) {
        // a reconnecting client: open the stream, read its first event, go away
        const ac = new AbortController();
        const r = await request(`http://127.0.0.1:${port}/api/v1/stream`, {
          headers: t.admin.headers,
          signal: ac.signal,
        });
        expect(r.statusCode).toBe(200);
        for await (const chunk of r.body) if (String(chunk).includes('ready')) break;
        ac.abort();
        await r.body.text().catch(() => undefined);
      }
      await request(`http://127.0.0.1:${port}/api/info`).then((r) => r.body.text());
      await until('three stream lines', () => log.lines().filter((l) => l.http?.url === '/api/v1/stream').length === 3);
      const stream = log.lines().filter((l) => l.http?.url === '/api/v1/stream');
      expect(stream.every((l) => l.level === 20)).toBe(true);
      const info = log.lines().filter((l) => l.level >= 30 && l.http);
      expect(info.map((l) => l.http!.url)).toEqual(['/api/info']);
    } finally {
      await app.close();
    }
  });

  it('prints readable lines in the pretty format', async () => {
    const log = capture('pretty', 'info');
    const app: FastifyInstance = await buildApp(t.services, { logger: log.logger });
    await app.ready();
    try {
      await app.inject({ method: 'GET', url: '/api/info' });
      await until('a line', () => log.text().includes('\n'));
      const line = log.text().trim().split('\n').at(-1)!;
      expect(line).toMatch(/^\[\d\d:\d\d:\d\d\.\d{3}\] INFO: GET \/api\/info 200 [\d.]+ms/);
      expect(line).not.toContain('"http"');
      expect(line).not.toContain('\u001b['); // no colour codes outside a terminal
    } finally {
      await app.close();
    }
  });

  it('redacts secret-looking query values and :token path segments only', () => {
    expect(loggableUrl('/api/v1/stream?userId=u1&authToken=abc', '/api/v1/stream')).toBe(
      '/api/v1/stream?userId=u1&authToken=[redacted]',
    );
    expect(loggableUrl('/x?password=p&rc_token=t&api_key=k&q=hello', undefined)).toBe(
      '/x?password=[redacted]&rc_token=[redacted]&api_key=[redacted]&q=hello',
    );
    expect(loggableUrl('/api/v1/livechat/visitor/abc?x=1', '/api/v1/livechat/visitor/:token')).toBe(
      '/api/v1/livechat/visitor/[redacted]?x=1',
    );
    expect(loggableUrl('/plain', undefined)).toBe('/plain');
  });

  it('LOG_FORMAT: pretty on a terminal, JSON otherwise, unless set; bad values refused', () => {
    expect(resolveLogFormat('auto', true)).toBe('pretty');
    expect(resolveLogFormat('auto', false)).toBe('json');
    expect(resolveLogFormat('json', true)).toBe('json');
    expect(resolveLogFormat('pretty', false)).toBe('pretty');
    expect(loadConfig({}).logFormat).toBe('auto');
    expect(loadConfig({ LOG_FORMAT: 'JSON' }).logFormat).toBe('json');
    expect(() => loadConfig({ LOG_FORMAT: 'fancy' })).toThrow(ConfigError);
    expect(() => loadConfig({ LOG_FORMAT: 'fancy' })).toThrow(/LOG_FORMAT must be pretty, json or auto/);
  });
});
