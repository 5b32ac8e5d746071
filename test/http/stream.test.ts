/** The SSE stream over a real port: who receives what, live. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { request } from 'undici';
import { makeApp, call } from '../helpers/app.ts';
import type { TestApp } from '../helpers/app.ts';
import { availableAgent, newVisitor, openRoom } from '../helpers/livechat.ts';

interface Sse {
  events: { event: string; data: Record<string, unknown> }[];
  close(): void;
  waitFor(pred: (e: { event: string; data: Record<string, unknown> }) => boolean, ms?: number): Promise<void>;
}

async function connect(base: string, query: string): Promise<Sse & { status: number }> {
  const ac = new AbortController();
  const res = await request(`${base}/api/v1/stream?${query}`, { signal: ac.signal });
  const events: Sse['events'] = [];
  let buf = '';
  const waiters: (() => void)[] = [];
  if (res.statusCode === 200) {
    res.body.setEncoding('utf8');
    res.body.on('data', (chunk: string) => {
      buf += chunk;
      let i;
      while ((i = buf.indexOf('\n\n')) >= 0) {
        const block = buf.slice(0, i);
        buf = buf.slice(i + 2);
        const ev = /^event: (.*)$/m.exec(block)?.[1];
        const data = /^data: (.*)$/m.exec(block)?.[1];
        if (ev && data) events.push({ event: ev, data: JSON.parse(data) as Record<string, unknown> });
        waiters.splice(0).forEach((w) => w());
      }
    });
    res.body.on('error', () => undefined);
  } else {
    await res.body.text();
  }
  return {
    status: res.statusCode,
    events,
    close: () => ac.abort(),
    waitFor: (pred, ms = 3000) =>
      new Promise<void>((resolve, reject) => {
        const deadline = setTimeout(
          () => reject(new Error(`timeout; got ${JSON.stringify(events.map((e) => e.event))}`)),
          ms,
        );
        const check = () => {
          if (events.some(pred)) {
            clearTimeout(deadline);
            resolve();
          } else waiters.push(check);
        };
        check();
      }),
  };
}

describe('live stream (SSE)', () => {
  let t: TestApp;
  let base: string;
  beforeAll(async () => {
    t = await makeApp();
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    const addr = t.app.server.address();
    base = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`;
  });
  afterAll(async () => t.close());

  it('delivers agent messages to the visitor and visitor messages to the agent, and nothing to others', async () => {
    const agent = await availableAgent(t, 'streamer');
    const other = await availableAgent(t, 'bystander');
    await newVisitor(t, 'sse-a');
    await newVisitor(t, 'sse-b');
    // make `other` busy first so `agent` takes sse-a... routing picks fewest open rooms; take whichever serves a
    const { room } = await openRoom(t, 'sse-a');
    const server = room.servedBy!._id === agent.userId ? agent : other;
    const idle = server === agent ? other : agent;
    const visitorA = await connect(base, 'token=sse-a');
    const visitorB = await connect(base, 'token=sse-b');
    const serving = await connect(base, `userId=${server.userId}&authToken=${server.authToken}`);
    const notServing = await connect(base, `userId=${idle.userId}&authToken=${idle.authToken}`);
    for (const s of [visitorA, visitorB, serving, notServing]) await s.waitFor((e) => e.event === 'ready');

    await call(t, {
      method: 'POST',
      url: '/api/v1/chat.sendMessage',
      as: server,
      payload: { message: { rid: room._id, msg: 'agent says hi' } },
    });
    await call(t, {
      method: 'POST',
      url: '/api/v1/livechat/message',
      payload: { token: 'sse-a', rid: room._id, msg: 'visitor says hi' },
    });
    await visitorA.waitFor((e) => e.event === 'message' && (e.data.message as { msg: string }).msg === 'agent says hi');
    await serving.waitFor(
      (e) => e.event === 'message' && (e.data.message as { msg: string }).msg === 'visitor says hi',
    );
    await new Promise((r) => setTimeout(r, 100));
    expect(visitorB.events.filter((e) => e.event === 'message')).toHaveLength(0);
    expect(notServing.events.filter((e) => e.event === 'message')).toHaveLength(0);
    // the visitor never sees audience bookkeeping or crmData
    expect(JSON.stringify(visitorA.events)).not.toContain('visitorToken');
    for (const s of [visitorA, visitorB, serving, notServing]) s.close();
  });

  it('refuses a stream without credentials or with a bad token', async () => {
    expect((await connect(base, '')).status).toBe(401);
    expect((await connect(base, 'token=never-registered')).status).toBe(400);
    expect((await connect(base, 'userId=x&authToken=y')).status).toBe(401);
  });
});
