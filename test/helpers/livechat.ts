/** Livechat test helpers: a visitor with a room, an available agent, the events of a room. */
import type { TestApp, Session } from './app.ts';
import { call, createStaff } from './app.ts';

export async function newVisitor(t: TestApp, token: string, extra: Record<string, unknown> = {}) {
  const r = await call(t, {
    method: 'POST',
    url: '/api/v1/livechat/visitor',
    payload: { visitor: { token, name: `Visitor ${token}`, ...extra } },
  });
  if (r.status !== 200) throw new Error(`visitor: ${r.res.body}`);
  return r.body.visitor as { _id: string; token: string; username: string };
}

export async function openRoom(t: TestApp, token: string, headers: Record<string, string> = {}) {
  const r = await call(t, { method: 'GET', url: `/api/v1/livechat/room?token=${encodeURIComponent(token)}`, headers });
  if (r.status !== 200) throw new Error(`room: ${r.res.body}`);
  return r.body as {
    room: { _id: string; servedBy?: { _id: string; username: string }; open: boolean };
    newRoom: boolean;
  };
}

export async function availableAgent(t: TestApp, username: string): Promise<Session & { username: string }> {
  const s = await createStaff(t, username, ['livechat-agent']);
  const r = await call(t, {
    method: 'POST',
    url: '/api/v1/livechat/agent.status',
    as: s,
    payload: { status: 'available' },
  });
  if (r.status !== 200) throw new Error(`agent.status: ${r.res.body}`);
  // Routing needs a live connection too (presence.ts): hold one, as the agent's open console would.
  await t.services.presence.connect(s.userId, s.authToken, () => undefined);
  return s;
}

export async function roomEvents(t: TestApp, rid: string): Promise<{ type: string; body: Record<string, unknown> }[]> {
  const rows = await t.services.db
    .selectFrom('events')
    .select(['type', 'body'])
    .where('rid', '=', rid)
    .orderBy('seq')
    .execute();
  return rows.map((r) => ({ type: r.type, body: JSON.parse(r.body) as Record<string, unknown> }));
}

export async function setSetting(t: TestApp, id: string, value: unknown): Promise<void> {
  await t.services.settings.set(id, value);
}
