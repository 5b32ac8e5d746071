/** A real websocket DDP client for tests: records every frame, waits for the ones a test expects. */
import { WebSocket } from 'ws';
import type { TestApp } from '../helpers/app.ts';

export type Frame = Record<string, unknown> & { msg?: string };

export interface DdpClient {
  ws: WebSocket;
  frames: Frame[];
  closed: Promise<number>;
  send(frame: unknown): void;
  raw(text: string | Buffer): void;
  waitFor(pred: (f: Frame) => boolean, ms?: number): Promise<Frame>;
  /** connect + livechat:setUpConnection, as the widget starts */
  handshake(token: string): Promise<void>;
  sub(id: string, name: string, eventName: string, token: string): void;
  close(): void;
}

export async function listen(t: TestApp): Promise<string> {
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  const addr = t.app.server.address();
  return `ws://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}/websocket`;
}

export async function ddpConnect(url: string): Promise<DdpClient> {
  const ws = new WebSocket(url);
  const frames: Frame[] = [];
  const waiters: (() => void)[] = [];
  ws.on('message', (data) => {
    frames.push(JSON.parse(data.toString()) as Frame);
    for (const w of waiters.splice(0)) w();
  });
  const closed = new Promise<number>((resolve) => ws.on('close', (code) => resolve(code)));
  ws.on('error', () => undefined);
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  const client: DdpClient = {
    ws,
    frames,
    closed,
    send: (frame) => ws.send(JSON.stringify(frame)),
    raw: (text) => ws.send(text),
    waitFor: (pred, ms = 3000) =>
      new Promise<Frame>((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`no matching frame in ${ms} ms; got ${JSON.stringify(frames).slice(0, 2000)}`)),
          ms,
        );
        const check = () => {
          const hit = frames.find(pred);
          if (hit) {
            clearTimeout(timer);
            resolve(hit);
          } else waiters.push(check);
        };
        check();
      }),
    handshake: async (token) => {
      client.send({ msg: 'connect', version: '1', support: ['1', 'pre2', 'pre1'] });
      await client.waitFor((f) => f.msg === 'connected');
      client.send({ msg: 'method', method: 'livechat:setUpConnection', params: [{ token }], id: 'ddp-1' });
      await client.waitFor((f) => f.msg === 'result' && f.id === 'ddp-1');
    },
    sub: (id, name, eventName, token) =>
      client.send({
        msg: 'sub',
        id,
        name,
        params: [eventName, { useCollection: false, args: [{ token, visitorToken: token }] }],
      }),
    close: () => ws.close(),
  };
  return client;
}

/** The `changed` frames of a collection, their first argument. */
export function events(c: DdpClient, collection: string): unknown[] {
  return c.frames
    .filter((f) => f.msg === 'changed' && f.collection === collection)
    .map((f) => ((f.fields as { args: unknown[] }).args ?? [])[0]);
}
