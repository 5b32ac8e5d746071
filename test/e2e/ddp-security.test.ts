/**
 * DDP abuse handling: a malformed, oversized, premature or too frequent frame closes that one
 * connection and nothing else; server pings; a silent client is dropped.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Fastify from 'fastify';
import websocket from '@fastify/websocket';
import { makeApp } from '../helpers/app.ts';
import type { TestApp } from '../helpers/app.ts';
import { newVisitor, openRoom } from '../helpers/livechat.ts';
import { DEFAULT_DDP_OPTIONS, ddpRoutes } from '../../src/http/routes/ddp.ts';
import type { TypedApp } from '../../src/http/schemas.ts';
import { ddpConnect, listen } from './ddp-helpers.ts';
import type { DdpClient } from './ddp-helpers.ts';

describe('DDP connection limits', () => {
  let t: TestApp;
  let url: string;
  let bystander: DdpClient;
  let rid: string;
  beforeAll(async () => {
    t = await makeApp();
    url = await listen(t);
    await newVisitor(t, 'tok-safe');
    rid = (await openRoom(t, 'tok-safe')).room._id;
    bystander = await ddpConnect(url);
    await bystander.handshake('tok-safe');
  });
  afterAll(async () => {
    bystander.close();
    await t.close();
  });

  async function stillServed(): Promise<void> {
    const id = `b-${Math.random()}`;
    bystander.send({ msg: 'method', method: 'livechat:setUpConnection', params: [{ token: 'tok-safe' }], id });
    await bystander.waitFor((f) => f.id === id);
  }

  it('closes on a frame that is not a DDP message (bad JSON, no msg, binary), answering in order', async () => {
    for (const bad of ['not json', '[1,2]', '{"msg":42}', '{"msg":"method","method":"x"}', Buffer.from([1, 2, 3])]) {
      const c = await ddpConnect(url);
      c.send({ msg: 'connect', version: '1' });
      c.raw(bad);
      expect(await c.closed).toBe(1007);
      expect(c.frames.map((f) => f.msg ?? 'server_id')).toEqual(['server_id', 'connected', 'error']);
    }
    await stillServed();
  });

  it('closes a connection that calls methods before connect', async () => {
    const c = await ddpConnect(url);
    c.send({ msg: 'sub', id: 's1', name: 'stream-room-messages', params: [rid, { args: [{ token: 'tok-safe' }] }] });
    expect(await c.closed).toBe(1002);
    await stillServed();
  });

  it('closes on an oversized frame (1009)', async () => {
    const c = await ddpConnect(url);
    c.raw(JSON.stringify({ msg: 'ping', id: 'x'.repeat(100 * 1024) }));
    expect(await c.closed).toBe(1009);
    await stillServed();
  });

  it('closes a connection that floods frames (1008), not the others', async () => {
    const c = await ddpConnect(url);
    for (let i = 0; i < 500; i++) c.send({ msg: 'ping' });
    expect(await c.closed).toBe(1008);
    expect(c.frames.some((f) => f.msg === 'error' && f.reason === 'too-many-requests')).toBe(true);
    await stillServed();
  });

  it('refuses subscriptions with a wrong, missing or foreign token and unknown streams', async () => {
    const c = await ddpConnect(url);
    await c.handshake('tok-other');
    c.sub('s1', 'stream-room-messages', rid, 'tok-other');
    c.send({ msg: 'sub', id: 's2', name: 'stream-room-messages', params: [rid] });
    c.sub('s3', 'stream-notify-room', `${rid}/webrtc`, 'tok-safe');
    c.sub('s4', 'stream-notify-user', rid, 'tok-safe');
    for (const id of ['s1', 's2', 's3', 's4']) {
      const f = await c.waitFor((x) => x.msg === 'nosub' && x.id === id);
      expect(f.error).toMatchObject({ error: 'not-allowed' });
    }
    c.sub('s5', 'stream-room-messages', rid, 'tok-safe');
    await c.waitFor((f) => f.msg === 'ready' && (f.subs as string[])[0] === 's5');
    c.send({ msg: 'unsub', id: 's5' });
    await c.waitFor((f) => f.msg === 'nosub' && f.id === 's5' && f.error === undefined);
    c.close();
  });
});

describe('DDP keepalive', () => {
  it('pings the client and drops one that stays silent', async () => {
    const t = await makeApp();
    const app = Fastify();
    await app.register(websocket);
    const opts = { ...DEFAULT_DDP_OPTIONS, pingIntervalMs: 100, idleTimeoutMs: 350 };
    await app.register(async (scope) => ddpRoutes(opts)(scope as unknown as TypedApp, t.services));
    await app.listen({ port: 0, host: '127.0.0.1' });
    const port = (app.server.address() as { port: number }).port;
    try {
      const c = await ddpConnect(`ws://127.0.0.1:${port}/websocket`);
      c.send({ msg: 'connect', version: '1' });
      await c.waitFor((f) => f.msg === 'ping', 2000);
      const code = await c.closed; // never answered: terminated after the idle timeout
      expect(code).toBe(1006);
    } finally {
      await app.close();
      await t.close();
    }
  });
});
