/**
 * The timed actions of presence (issue 11) on a test clock, with the webhooks each one sends to a
 * real receiver: Livechat_agent_leave_action none / forward / close, and
 * Livechat_auto_transfer_chat_timeout to the next agent or back to the queue.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { call, createStaff } from '../helpers/app.ts';
import { newVisitor, openRoom, roomEvents, setSetting } from '../helpers/livechat.ts';
import { configureWebhook, runWorker } from '../helpers/deliveries.ts';
import { startReceiver } from '../helpers/receiver.ts';
import type { Receiver } from '../helpers/receiver.ts';
import { closeStream, makeClockApp, onlineAgent, tickAfter } from '../helpers/presence.ts';
import type { ClockApp } from '../helpers/presence.ts';

const GRACE_MS = 30_000;
const LEAVE_MS = 60_000; // Livechat_agent_leave_action_timeout's default

describe('presence actions', () => {
  let t: ClockApp;
  let rx: Receiver;
  let worker: ReturnType<typeof runWorker>;
  beforeEach(async () => {
    t = await makeClockApp({ env: { EGRESS_ALLOWLIST: '127.0.0.1/32' } });
    rx = await startReceiver();
    await configureWebhook(t.services, rx.url);
    worker = runWorker(t);
  });
  afterEach(async () => {
    await worker.stop();
    await rx.close();
    await t.close();
  });

  /**
   * The webhook types the receiver got for a room, once `n` distinct events arrived. Deliveries
   * are at least once (a clock jump can expire a lease in flight), so a receiver dedupes by
   * webhook-id, as CRMs are told to.
   */
  async function received(rid: string, n: number): Promise<string[]> {
    let types: string[] = [];
    await expect
      .poll(() => {
        const seen = new Map<string, string>();
        for (const r of rx.requests) {
          const b = JSON.parse(r.body) as { type: string; _id?: string };
          if (b._id === rid) seen.set(String(r.headers['webhook-id']), b.type);
        }
        types = [...seen.values()];
        return types.length;
      })
      .toBeGreaterThanOrEqual(n);
    return types;
  }

  /** Agent `a` serves a new room, then their console goes away and stays away past grace and timeout. */
  async function leaveWithRoom(token: string) {
    const a = await createStaff(t, `a-${token}`, ['livechat-agent']);
    const stream = await onlineAgent(t, a);
    await newVisitor(t, token);
    const { room } = await openRoom(t, token);
    expect(room.servedBy?._id).toBe(a.userId);
    await closeStream(t, stream, a.userId);
    await tickAfter(t, GRACE_MS); // now away
    return { a, room };
  }

  it('none: the open chats stay with the agent who went away', async () => {
    const { a, room } = await leaveWithRoom('v-none');
    await tickAfter(t, LEAVE_MS * 10);
    expect((await openRoom(t, 'v-none')).room.servedBy?._id).toBe(a.userId);
    expect((await roomEvents(t, room._id)).map((e) => e.type)).toEqual([
      'LivechatSessionStart',
      'LivechatSessionTaken',
    ]);
  });

  it('forward: after the timeout the chat goes to another agent (Taken, Forwarded), once', async () => {
    await setSetting(t, 'Livechat_agent_leave_action', 'forward');
    const b = await createStaff(t, 'bea', ['livechat-agent']);
    const { a, room } = await leaveWithRoom('v-fwd');
    await onlineAgent(t, b);
    await tickAfter(t, LEAVE_MS - 1_000);
    expect((await openRoom(t, 'v-fwd')).room.servedBy?._id).toBe(a.userId); // not yet
    await tickAfter(t, 1_000);
    expect((await openRoom(t, 'v-fwd')).room.servedBy?._id).toBe(b.userId);
    await tickAfter(t, LEAVE_MS); // nothing more to do
    const types = ['LivechatSessionStart', 'LivechatSessionTaken', 'LivechatSessionTaken', 'LivechatSessionForwarded'];
    expect((await roomEvents(t, room._id)).map((e) => e.type)).toEqual(types);
    expect(await received(room._id, 4)).toEqual(types);
    const fwd = (await roomEvents(t, room._id))[3]!.body as { oldServedBy?: { _id: string }; agent?: { _id: string } };
    expect(fwd.oldServedBy?._id).toBe(a.userId);
    expect(fwd.agent?._id).toBe(b.userId);
    // the chat's own record names both ends, as an agent's forward does (transferData)
    const th = await call(t, { method: 'GET', url: `/api/v1/livechat/transfer.history/${room._id}`, as: t.admin });
    expect(th.status).toBe(200);
    expect(th.body.history).toEqual([
      expect.objectContaining({ transferredBy: expect.objectContaining({ _id: a.userId }), scope: 'agent' }),
    ]);
    expect((th.body.history as { transferredTo?: { _id: string } }[])[0]!.transferredTo?._id).toBe(b.userId);
  });

  it('forward with nobody else online: back to the queue (Queued, Forwarded)', async () => {
    await setSetting(t, 'Livechat_agent_leave_action', 'forward');
    const { room } = await leaveWithRoom('v-fwdq');
    await tickAfter(t, LEAVE_MS);
    expect((await openRoom(t, 'v-fwdq')).room.servedBy).toBeUndefined();
    const types = ['LivechatSessionStart', 'LivechatSessionTaken', 'LivechatSessionQueued', 'LivechatSessionForwarded'];
    expect(await received(room._id, 4)).toEqual(types);
  });

  it('close: the chat is closed with Livechat_agent_leave_comment (LivechatSession)', async () => {
    await setSetting(t, 'Livechat_agent_leave_action', 'close');
    await setSetting(t, 'Livechat_agent_leave_comment', 'Agent went offline');
    const { a, room } = await leaveWithRoom('v-close');
    await tickAfter(t, LEAVE_MS);
    const info = await call(t, { method: 'GET', url: `/api/v1/rooms.info?roomId=${room._id}`, as: t.admin });
    expect(info.body.room).toMatchObject({ open: false, closer: 'user', closedBy: { _id: a.userId } });
    const types = ['LivechatSessionStart', 'LivechatSessionTaken', 'LivechatSession'];
    expect(await received(room._id, 3)).toEqual(types);
    const closing = JSON.parse(rx.requests.find((r) => r.body.includes('"LivechatSession"'))!.body) as {
      messages: { msg: string; closingMessage?: boolean }[];
    };
    expect(closing.messages.at(-1)).toMatchObject({ msg: 'Agent went offline', closingMessage: true });
  });

  it('auto-transfer: an unanswered chat goes to the next agent once; an answered one stays', async () => {
    await setSetting(t, 'Livechat_auto_transfer_chat_timeout', 60);
    const a = await createStaff(t, 'amy', ['livechat-agent']);
    const b = await createStaff(t, 'ben', ['livechat-agent']);
    await onlineAgent(t, a);
    await newVisitor(t, 'v-auto');
    const { room } = await openRoom(t, 'v-auto');
    expect(room.servedBy?._id).toBe(a.userId); // ben is not online yet
    await newVisitor(t, 'v-answered');
    const answered = (await openRoom(t, 'v-answered')).room;
    const reply = await call(t, {
      method: 'POST',
      url: '/api/v1/chat.sendMessage',
      as: a,
      payload: { message: { rid: answered._id, msg: 'Hello, how can I help?' } },
    });
    expect(reply.status).toBe(200);
    await onlineAgent(t, b);
    await tickAfter(t, 59_000);
    expect((await openRoom(t, 'v-auto')).room.servedBy?._id).toBe(a.userId);
    await tickAfter(t, 1_000);
    expect((await openRoom(t, 'v-auto')).room.servedBy?._id).toBe(b.userId);
    await tickAfter(t, 600_000); // ben does not answer either: Rocket.Chat moves a room once
    expect((await openRoom(t, 'v-auto')).room.servedBy?._id).toBe(b.userId);
    expect((await openRoom(t, 'v-answered')).room.servedBy?._id).toBe(a.userId);
    const types = ['LivechatSessionStart', 'LivechatSessionTaken', 'LivechatSessionTaken', 'LivechatSessionForwarded'];
    expect(await received(room._id, 4)).toEqual(types);
  });

  it('auto-transfer in manual routing: back to the queue (Queued)', async () => {
    await setSetting(t, 'Livechat_Routing_Method', 'Manual_Selection');
    await setSetting(t, 'Livechat_auto_transfer_chat_timeout', 30);
    const a = await createStaff(t, 'ali', ['livechat-agent']);
    await onlineAgent(t, a);
    await newVisitor(t, 'v-manual');
    const { room } = await openRoom(t, 'v-manual');
    const q = await call(t, { method: 'GET', url: '/api/v1/livechat/inquiries.queued', as: a });
    const inquiryId = (q.body.inquiries as { _id: string }[])[0]!._id;
    const take = await call(t, {
      method: 'POST',
      url: '/api/v1/livechat/inquiries.take',
      as: a,
      payload: { inquiryId },
    });
    expect(take.status).toBe(200);
    await tickAfter(t, 30_000);
    expect((await openRoom(t, 'v-manual')).room.servedBy).toBeUndefined();
    const types = ['LivechatSessionStart', 'LivechatSessionQueued', 'LivechatSessionTaken', 'LivechatSessionQueued'];
    expect(await received(room._id, 4)).toEqual(types);
  });
});
