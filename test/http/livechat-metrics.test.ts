/**
 * Livechat metrics (/metrics) and the managers' dashboard routes, after a scripted day on a test
 * clock: a visitor waits in the queue, an agent takes the chat, answers and closes it, a second
 * visitor is left waiting. Every figure is checked against what that script implies.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, createStaff } from '../helpers/app.ts';
import type { Session } from '../helpers/app.ts';
import { makeClockApp } from '../helpers/presence.ts';
import type { ClockApp } from '../helpers/presence.ts';
import { availableAgent, newVisitor, openRoom, setSetting } from '../helpers/livechat.ts';
import { postgresAvailable } from '../helpers/db.ts';

const pgUp = await postgresAvailable();

/** The value of one sample line (`name{labels} value`), or undefined when the line is absent. */
function sample(text: string, name: string, labels = ''): number | undefined {
  const prefix = labels ? `${name}{${labels}} ` : `${name} `;
  const l = text.split('\n').find((x) => x.startsWith(prefix));
  return l === undefined ? undefined : Number(l.slice(prefix.length));
}

describe.each([
  { dialect: 'sqlite' as const, run: true },
  { dialect: 'postgres' as const, run: pgUp },
])('livechat metrics and dashboard ($dialect)', ({ dialect, run }) => {
  let t: ClockApp;
  let ann: Session & { username: string };
  let mia: Session & { username: string };
  let salesId = '';
  let dayStart = 0;
  const scrape = async () => {
    const r = await t.app.inject({ method: 'GET', url: '/metrics', remoteAddress: '127.0.0.1' });
    expect(r.statusCode).toBe(200);
    return r.body;
  };

  beforeAll(async () => {
    if (!run) return;
    t = await makeClockApp({ dialect });
    dayStart = t.clock.now() - 1000;
    await setSetting(t, 'Livechat_Routing_Method', 'Manual_Selection');
    const dep = await call(t, {
      method: 'POST',
      url: '/api/v1/livechat/department',
      as: t.admin,
      payload: { department: { enabled: true, name: 'Sales', showOnRegistration: true, showOnOfflineForm: true } },
    });
    salesId = (dep.body.department as { _id: string })._id;
    ann = await availableAgent(t, 'ann');
    await call(t, {
      method: 'POST',
      url: `/api/v1/livechat/department/${salesId}/agents`,
      as: t.admin,
      payload: { upsert: [{ agentId: ann.userId, username: 'ann' }], remove: [] },
    });
    mia = await createStaff(t, 'mia', ['livechat-manager']);
  });
  afterAll(async () => t?.close());

  it.runIf(run)('an empty day: every gauge and counter is there, at zero', async () => {
    const m = await scrape();
    expect(m).toContain('# TYPE omnihook_livechat_queue_length gauge');
    expect(sample(m, 'omnihook_livechat_queue_length', `department="${salesId}"`)).toBe(0);
    expect(sample(m, 'omnihook_livechat_queue_length', 'department=""')).toBe(0);
    expect(sample(m, 'omnihook_livechat_oldest_waiting_seconds', `department="${salesId}"`)).toBe(0);
    expect(sample(m, 'omnihook_livechat_open_chats', `department="${salesId}"`)).toBe(0);
    expect(sample(m, 'omnihook_livechat_agents_connected')).toBe(1);
    expect(sample(m, 'omnihook_livechat_agents_available')).toBe(1);
    expect(m).toContain('# TYPE omnihook_livechat_messages_total counter');
    expect(sample(m, 'omnihook_livechat_messages_total', 'sender="visitor"')).toBe(0);
    expect(sample(m, 'omnihook_livechat_first_response_seconds_count')).toBe(0);
    expect(sample(m, 'omnihook_livechat_chat_duration_seconds_bucket', 'le="+Inf"')).toBe(0);
    const d = await call(t, { method: 'GET', url: `/api/v1/livechat/dashboard?start=${iso(dayStart)}`, as: mia });
    expect(d.status).toBe(200);
    expect(d.body).toMatchObject({
      chats: { started: 0, closed: 0, open: 0, queued: 0 },
      waiting: { count: 0, oldestSince: null, oldestWaitSeconds: 0 },
      firstResponse: { avg: 0, count: 0 },
      chatDuration: { avg: 0, count: 0 },
    });
  });

  it.runIf(run)('a scripted day: waiting, taken, answered, closed, and one more left waiting', async () => {
    // 00:00 a Sales visitor opens a chat and writes; nobody takes it for 30 s.
    await newVisitor(t, 'day-1', { department: 'Sales' });
    const rid = (await openRoom(t, 'day-1')).room._id;
    await say({ token: 'day-1', rid, msg: 'hello, anyone?' });
    t.clock.advance(30_000);
    let m = await scrape();
    expect(sample(m, 'omnihook_livechat_queue_length', `department="${salesId}"`)).toBe(1);
    expect(sample(m, 'omnihook_livechat_oldest_waiting_seconds', `department="${salesId}"`)).toBe(30);
    expect(sample(m, 'omnihook_livechat_open_chats', `department="${salesId}"`)).toBe(1);
    expect(sample(m, 'omnihook_livechat_chats_started_total')).toBe(1);

    // 00:30 Ann takes it; 00:45 she answers (first response 45 s); 01:45 she closes (105 s).
    const q = await call(t, { method: 'GET', url: '/api/v1/livechat/inquiries.queued', as: ann });
    const inquiry = (q.body.inquiries as { _id: string; rid: string }[]).find((i) => i.rid === rid);
    const take = await call(t, {
      method: 'POST',
      url: '/api/v1/livechat/inquiries.take',
      as: ann,
      payload: { inquiryId: inquiry?._id },
    });
    expect(take.status).toBe(200);
    t.clock.advance(15_000);
    const sent = await call(t, {
      method: 'POST',
      url: '/api/v1/chat.sendMessage',
      as: ann,
      payload: { message: { rid, msg: 'hi, Ann here' } },
    });
    expect(sent.status).toBe(200);
    // a note is not a reply and not a chat message
    const note = await call(t, {
      method: 'POST',
      url: '/api/v1/livechat/room.note',
      as: ann,
      payload: { rid, msg: 'vip' },
    });
    expect(note.status).toBe(200);
    await say({ token: 'day-1', rid, msg: 'thanks' });
    t.clock.advance(60_000);
    const closed = await call(t, {
      method: 'POST',
      url: '/api/v1/livechat/room.closeByUser',
      as: ann,
      payload: { rid, comment: 'solved' },
    });
    expect(closed.status).toBe(200);

    // 01:45 a visitor of no department opens a chat and waits 10 s.
    await newVisitor(t, 'day-2');
    await openRoom(t, 'day-2');
    t.clock.advance(10_000);

    m = await scrape();
    expect(sample(m, 'omnihook_livechat_queue_length', `department="${salesId}"`)).toBe(0);
    expect(sample(m, 'omnihook_livechat_queue_length', 'department=""')).toBe(1);
    expect(sample(m, 'omnihook_livechat_oldest_waiting_seconds', 'department=""')).toBe(10);
    expect(sample(m, 'omnihook_livechat_open_chats', `department="${salesId}"`)).toBe(0);
    expect(sample(m, 'omnihook_livechat_open_chats', 'department=""')).toBe(1);
    expect(sample(m, 'omnihook_livechat_messages_total', 'sender="visitor"')).toBe(2);
    expect(sample(m, 'omnihook_livechat_messages_total', 'sender="agent"')).toBe(1);
    expect(sample(m, 'omnihook_livechat_chats_started_total')).toBe(2);
    expect(m).toContain('# TYPE omnihook_livechat_first_response_seconds histogram');
    expect(sample(m, 'omnihook_livechat_first_response_seconds_bucket', 'le="30"')).toBe(0);
    expect(sample(m, 'omnihook_livechat_first_response_seconds_bucket', 'le="60"')).toBe(1);
    expect(sample(m, 'omnihook_livechat_first_response_seconds_bucket', 'le="+Inf"')).toBe(1);
    expect(sample(m, 'omnihook_livechat_first_response_seconds_sum')).toBe(45);
    expect(sample(m, 'omnihook_livechat_first_response_seconds_count')).toBe(1);
    expect(sample(m, 'omnihook_livechat_chat_duration_seconds_bucket', 'le="60"')).toBe(0);
    expect(sample(m, 'omnihook_livechat_chat_duration_seconds_bucket', 'le="300"')).toBe(1);
    expect(sample(m, 'omnihook_livechat_chat_duration_seconds_sum')).toBe(105);
    expect(sample(m, 'omnihook_livechat_chat_duration_seconds_count')).toBe(1);

    const d = await call(t, { method: 'GET', url: `/api/v1/livechat/dashboard?start=${iso(dayStart)}`, as: mia });
    expect(d.status).toBe(200);
    expect(d.body).toMatchObject({
      chats: { started: 2, closed: 1, open: 1, queued: 1 },
      waiting: { count: 1, oldestWaitSeconds: 10 },
      firstResponse: { avg: 45, longest: 45, count: 1 },
      reaction: { avg: 30, count: 1 },
      chatDuration: { avg: 105, longest: 105, count: 1 },
      agentsStatus: { available: 1, away: 0, busy: 0, offline: 0, connected: 1 },
      agents: [{ username: 'ann', statusLivechat: 'available', online: true, openChats: 0 }],
      departments: [
        { _id: salesId, name: 'Sales', open: 0, queued: 0 },
        { _id: null, name: 'No department', open: 1, queued: 1 },
      ],
    });
    // a range before the day saw nothing
    const before = await call(t, {
      method: 'GET',
      url: `/api/v1/livechat/dashboard?start=${iso(dayStart - 7200_000)}&end=${iso(dayStart - 3600_000)}`,
      as: mia,
    });
    expect(before.body).toMatchObject({ chats: { started: 0, closed: 0 }, firstResponse: { count: 0 } });

    const range = `start=${iso(dayStart)}&end=${iso(t.clock.now() + 1000)}`;
    const chats = await call(t, {
      method: 'GET',
      url: `/api/v1/livechat/analytics/dashboards/charts/chats?${range}`,
      as: mia,
    });
    expect(chats.body).toEqual({ open: 0, closed: 1, queued: 1, onhold: 0, success: true });
    const sales = await call(t, {
      method: 'GET',
      url: `/api/v1/livechat/analytics/dashboards/charts/chats?${range}&departmentId=${salesId}`,
      as: mia,
    });
    expect(sales.body).toMatchObject({ open: 0, closed: 1, queued: 0 });
    const status = await call(t, {
      method: 'GET',
      url: '/api/v1/livechat/analytics/dashboards/charts/agents-status',
      as: mia,
    });
    expect(status.body).toEqual({ offline: 0, away: 0, busy: 0, available: 1, success: true });
    const timings = await call(t, {
      method: 'GET',
      url: `/api/v1/livechat/analytics/dashboards/charts/timings?${range}`,
      as: mia,
    });
    expect(timings.body).toEqual({
      response: { avg: 45, longest: 45 },
      reaction: { avg: 30, longest: 30 },
      chatDuration: { avg: 105, longest: 105 },
      success: true,
    });

    // Ann goes not-available: she leaves "available", the metrics follow at once.
    await call(t, {
      method: 'POST',
      url: '/api/v1/livechat/agent.status',
      as: ann,
      payload: { status: 'not-available' },
    });
    m = await scrape();
    expect(sample(m, 'omnihook_livechat_agents_available')).toBe(0);
    expect(sample(m, 'omnihook_livechat_agents_connected')).toBe(1);
    const after = await call(t, {
      method: 'GET',
      url: '/api/v1/livechat/analytics/dashboards/charts/agents-status',
      as: mia,
    });
    expect(after.body).toMatchObject({ offline: 1, available: 0 });
  });

  it.runIf(run)('permissions: managers and admins only', async () => {
    const urls = [
      '/api/v1/livechat/dashboard',
      `/api/v1/livechat/analytics/dashboards/charts/chats?start=${iso(dayStart)}&end=${iso(dayStart + 1000)}`,
      '/api/v1/livechat/analytics/dashboards/charts/agents-status',
      '/api/v1/livechat/analytics/dashboards/charts/timings',
    ];
    for (const url of urls) {
      expect((await call(t, { method: 'GET', url })).status, url).toBe(401);
      expect((await call(t, { method: 'GET', url, as: ann })).status, url).toBe(403);
      expect((await call(t, { method: 'GET', url, as: mia })).status, url).toBe(200);
      expect((await call(t, { method: 'GET', url, as: t.admin })).status, url).toBe(200);
    }
  });

  it.runIf(run)('bad ranges are refused with Rocket.Chat wording', async () => {
    const bad = await call(t, { method: 'GET', url: '/api/v1/livechat/dashboard?start=yesterday-ish', as: mia });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('The \\"start\\" query parameter must be a valid date.');
    const reversed = await call(t, {
      method: 'GET',
      url: `/api/v1/livechat/dashboard?start=${iso(dayStart)}&end=${iso(dayStart - 1)}`,
      as: mia,
    });
    expect(reversed.status).toBe(400);
    const tooLong = await call(t, {
      method: 'GET',
      url: `/api/v1/livechat/dashboard?start=2000-01-01T00:00:00Z&end=2010-01-01T00:00:00Z`,
      as: mia,
    });
    expect(tooLong.status).toBe(400);
    // Rocket.Chat's chart requires both bounds
    const missing = await call(t, {
      method: 'GET',
      url: '/api/v1/livechat/analytics/dashboards/charts/chats',
      as: mia,
    });
    expect(missing.status).toBe(400);
    const badDep = await call(t, {
      method: 'GET',
      url: '/api/v1/livechat/analytics/dashboards/charts/agents-status?departmentId=%27%3B--',
      as: mia,
    });
    expect(badDep.status).toBe(400);
  });

  const say = async (p: { token: string; rid: string; msg: string }) => {
    const r = await call(t, { method: 'POST', url: '/api/v1/livechat/message', payload: p });
    expect(r.status).toBe(200);
  };
});

function iso(ms: number): string {
  return encodeURIComponent(new Date(ms).toISOString());
}
