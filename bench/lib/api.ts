/**
 * Sets a running Omnihook up through its public API, as an operator and the widget would:
 * admin login, an available agent, visitors with open rooms, the Webhooks-page settings.
 */
import { Pool } from 'undici';
import type { Dispatcher } from 'undici';
import { messageText } from './stats.ts';

export const ADMIN_PASS = 'bench-admin-pass-1';

export interface BenchRoom {
  token: string;
  rid: string;
}

/** One visitor message, `POST livechat/message` as Rocket.Chat's widget sends it; throws on a non-200. */
export async function postVisitorMessage(pool: Dispatcher, room: BenchRoom, i: number): Promise<void> {
  const res = await pool.request({
    method: 'POST',
    path: '/api/v1/livechat/message',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ token: room.token, rid: room.rid, msg: messageText(i) }),
  });
  const text = await res.body.text();
  if (res.statusCode !== 200) throw new Error(`HTTP ${res.statusCode}: ${text.slice(0, 200)}`);
}

export class Api {
  readonly pool: Pool;
  private auth: Record<string, string> = {};

  constructor(readonly origin: string) {
    this.pool = new Pool(origin, { connections: 16 });
  }

  async call<T = Record<string, unknown>>(
    method: 'GET' | 'POST',
    path: string,
    body?: unknown,
    auth = true,
  ): Promise<T> {
    const res = await this.pool.request({
      method,
      path,
      headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...(auth ? this.auth : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.body.text();
    if (res.statusCode !== 200) throw new Error(`${method} ${path} -> ${res.statusCode}: ${text.slice(0, 300)}`);
    return JSON.parse(text) as T;
  }

  async login(user: string, password: string): Promise<{ userId: string; authToken: string }> {
    const r = await this.call<{ data: { userId: string; authToken: string } }>(
      'POST',
      '/api/v1/login',
      { user, password },
      false,
    );
    return r.data;
  }

  async loginAdmin(): Promise<void> {
    const { userId, authToken } = await this.login('admin', ADMIN_PASS);
    this.auth = { 'x-user-id': userId, 'x-auth-token': authToken };
  }

  /** Creates an agent, logs in as them and sets them available (rooms are then served). */
  async availableAgent(username = 'bench-agent'): Promise<void> {
    const password = 'bench-agent-pass-1';
    await this.call('POST', '/api/v1/users.create', {
      username,
      password,
      name: 'Bench Agent',
      email: `${username}@example.com`,
      roles: ['livechat-agent'],
    });
    const agent = await this.login(username, password);
    const res = await this.pool.request({
      method: 'POST',
      path: '/api/v1/livechat/agent.status',
      headers: { 'content-type': 'application/json', 'x-user-id': agent.userId, 'x-auth-token': agent.authToken },
      body: JSON.stringify({ status: 'available' }),
    });
    const text = await res.body.text();
    if (res.statusCode !== 200) throw new Error(`agent.status -> ${res.statusCode}: ${text}`);
  }

  async setting(id: string, value: string | boolean | number): Promise<void> {
    await this.call('POST', `/api/v1/settings/${id}`, { value });
  }

  /** Registers `n` visitors and opens one room each, `concurrency` at a time. */
  async visitorsWithRooms(n: number, prefix: string, concurrency = 8): Promise<BenchRoom[]> {
    const rooms: BenchRoom[] = new Array<BenchRoom>(n);
    let next = 0;
    const one = async () => {
      for (let i = next++; i < n; i = next++) {
        const token = `${prefix}-${i}`;
        await this.call('POST', '/api/v1/livechat/visitor', { visitor: { token, name: `Visitor ${i}` } }, false);
        const r = await this.call<{ room: { _id: string } }>(
          'GET',
          `/api/v1/livechat/room?token=${encodeURIComponent(token)}`,
          undefined,
          false,
        );
        rooms[i] = { token, rid: r.room._id };
      }
    };
    await Promise.all(Array.from({ length: concurrency }, one));
    return rooms;
  }

  /** Number of messages the API returns for a room (up to 1000), as the widget reads them. */
  async historyCount(room: BenchRoom): Promise<number> {
    const r = await this.call<{ messages: unknown[] }>(
      'GET',
      `/api/v1/livechat/messages.history/${room.rid}?token=${encodeURIComponent(room.token)}&limit=1000`,
      undefined,
      false,
    );
    return r.messages.length;
  }

  close(): Promise<void> {
    return this.pool.close();
  }
}
