/**
 * Rocket.Chat's analytics routes (livechat/analytics/overview, agent-overview, the dashboards'
 * totalizers and per-agent/per-department charts), written from its handlers and validators:
 * apps/meteor/app/livechat/imports/server/rest/dashboards.ts,
 * apps/meteor/app/livechat/server/lib/analytics/dashboards.ts,
 * apps/meteor/server/services/omnichannel-analytics/{OverviewData,AgentData}.ts and
 * packages/rest-typings/src/v1/omnichannel.ts. A scripted morning on a test clock, every figure
 * checked against what the script implies, on both dialects.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, createStaff } from '../helpers/app.ts';
import type { Session } from '../helpers/app.ts';
import { makeClockApp } from '../helpers/presence.ts';
import type { ClockApp } from '../helpers/presence.ts';
import { availableAgent, newVisitor, openRoom, setSetting } from '../helpers/livechat.ts';
import { postgresAvailable } from '../helpers/db.ts';

const pgUp = await postgresAvailable();
const DAY = 24 * 3600 * 1000;
/** Yesterday 10:00 UTC: the whole script stays inside one UTC day and one hour of it. */
const T0 = Math.floor(Date.now() / DAY) * DAY - DAY + 10 * 3600 * 1000;
const dayOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const iso = (ms: number) => encodeURIComponent(new Date(ms).toISOString());

describe.each([
  { dialect: 'sqlite' as const, run: true },
  { dialect: 'postgres' as const, run: pgUp },
])('Rocket.Chat analytics ($dialect)', ({ dialect, run }) => {
  let t: ClockApp;
  let ann: Session & { username: string };
  let bob: Session & { username: string };
  let mia: Session & { username: string };
  let salesId = '';
  let range = '';
  const get = (url: string, as?: Session) => call(t, { method: 'GET', url: `/api/v1/livechat/analytics/${url}`, as });
  const totalizers = async (path: string, extra = '') => {
    const r = await get(`dashboards/${path}?${range}${extra}`, mia);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.success).toBe(true);
    return Object.fromEntries(
      (r.body.totalizers as { title: string; value: unknown }[]).map((x) => [x.title, x.value]),
    );
  };

  beforeAll(async () => {
    if (!run) return;
    let now = T0;
    t = await makeClockApp({ dialect, clock: { now: () => now, advance: (ms) => void (now += ms) } });
    await setSetting(t, 'Livechat_Routing_Method', 'Manual_Selection');
    const dep = await call(t, {
      method: 'POST',
      url: '/api/v1/livechat/department',
      as: t.admin,
      payload: { department: { enabled: true, name: 'Sales', showOnRegistration: true, showOnOfflineForm: true } },
    });
    salesId = (dep.body.department as { _id: string })._id;
    ann = await availableAgent(t, 'ann');
    bob = await availableAgent(t, 'bob');
    await call(t, {
      method: 'POST',
      url: `/api/v1/livechat/department/${salesId}/agents`,
      as: t.admin,
      payload: { upsert: [{ agentId: ann.userId, username: 'ann' }], remove: [] },
    });
    mia = await createStaff(t, 'mia', ['livechat-manager']);

    const at = (ms: number) => t.clock.advance(T0 + ms - t.clock.now());
    const visitorSays = async (token: string, rid: string, msg: string) => {
      const r = await call(t, { method: 'POST', url: '/api/v1/livechat/message', payload: { token, rid, msg } });
      expect(r.status).toBe(200);
    };
    const agentSays = async (as: Session, rid: string, msg: string) => {
      const r = await call(t, {
        method: 'POST',
        url: '/api/v1/chat.sendMessage',
        as,
        payload: { message: { rid, msg } },
      });
      expect(r.status).toBe(200);
    };
    const take = async (as: Session, rid: string) => {
      const q = await call(t, { method: 'GET', url: '/api/v1/livechat/inquiries.queued', as });
      const inquiry = (q.body.inquiries as { _id: string; rid: string }[]).find((i) => i.rid === rid);
      const r = await call(t, {
        method: 'POST',
        url: '/api/v1/livechat/inquiries.take',
        as,
        payload: { inquiryId: inquiry?._id },
      });
      expect(r.status, JSON.stringify(r.body)).toBe(200);
    };
    const close = async (as: Session, rid: string) => {
      const r = await call(t, {
        method: 'POST',
        url: '/api/v1/livechat/room.closeByUser',
        as,
        payload: { rid, comment: 'done' },
      });
      expect(r.status).toBe(200);
    };
    const start = async (token: string, department?: string) => {
      await newVisitor(t, token, department ? { department } : {});
      return (await openRoom(t, token)).room._id;
    };

    // Room A (Sales): taken at 10 s, answered at 20 s and 40 s (after the visitor's 30 s), closed at 100 s.
    const a = await start('va', salesId);
    await visitorSays('va', a, 'hello');
    at(10_000);
    await take(ann, a);
    at(20_000);
    await agentSays(ann, a, 'hi');
    at(30_000);
    await visitorSays('va', a, 'a question');
    at(40_000);
    await agentSays(ann, a, 'an answer');
    at(100_000);
    await close(ann, a);
    // Room B (no department): taken by Bob 30 s after it started, answered at 60 s, left open.
    at(200_000);
    const b = await start('vb');
    await visitorSays('vb', b, 'hello');
    at(230_000);
    await take(bob, b);
    at(260_000);
    await agentSays(bob, b, 'hi');
    // Room C (Sales): taken at 10 s, answered at 20 s, then the visitor goes silent for 4000 s
    // (past Livechat_visitor_inactivity_timeout, 3600 s) and Ann closes it: abandoned.
    at(300_000);
    const c = await start('vc', salesId);
    await visitorSays('vc', c, 'hello');
    at(310_000);
    await take(ann, c);
    at(320_000);
    await agentSays(ann, c, 'hi');
    at(400_000);
    // Room D (no department): nobody takes it.
    const d = await start('vd');
    await visitorSays('vd', d, 'anyone?');
    at(4_320_000);
    await close(ann, c);
    range = `start=${iso(T0 - 3600_000)}&end=${iso(T0 + 2 * 3600_000)}`;
  });
  afterAll(async () => t?.close());

  const messagesOf = async (departmentId?: string) => {
    let q = t.services.db.selectFrom('rooms').select((eb) => eb.fn.sum<number>('msgs').as('n'));
    if (departmentId) q = q.where('department_id', '=', departmentId);
    return Number((await q.executeTakeFirst())?.n ?? 0);
  };

  it.runIf(run)('conversation-totalizers: conversations, open, on hold, messages, visitors', async () => {
    const all = await get(`dashboards/conversation-totalizers?${range}`, mia);
    expect(all.status).toBe(200);
    expect((all.body.totalizers as { title: string }[]).map((x) => x.title)).toEqual([
      'Total_conversations',
      'Open_conversations',
      'On_Hold_conversations',
      'Total_messages',
      'Total_visitors',
    ]);
    const v = await totalizers('conversation-totalizers');
    expect(v).toEqual({
      Total_conversations: 4,
      Open_conversations: 2,
      On_Hold_conversations: 0,
      Total_messages: await messagesOf(),
      Total_visitors: 4,
    });
    expect(v.Total_messages as number).toBeGreaterThanOrEqual(9);
    const sales = await totalizers('conversation-totalizers', `&departmentId=${salesId}`);
    expect(sales).toMatchObject({
      Total_conversations: 2,
      Open_conversations: 0,
      Total_messages: await messagesOf(salesId),
    });
  });

  it.runIf(run)('productivity-totalizers: response, first response, reaction and waiting as HH:MM:SS', async () => {
    // response avg per room: A (20+10)/2, B 60, C 20 -> 31.67; first response (20+60+20)/3; reaction (10+30+10)/3;
    // waiting: mean of Sales (20) and no department (60).
    expect(await totalizers('productivity-totalizers')).toEqual({
      Avg_response_time: '00:00:32',
      Avg_first_response_time: '00:00:33',
      Avg_reaction_time: '00:00:17',
      Avg_of_waiting_time: '00:00:40',
    });
  });

  it.runIf(run)('chats-totalizers: abandoned chats, their share by department, chat duration', async () => {
    // Sales: 1 of 2 abandoned (50 %), no department: 0 of 2 -> mean 25 %; duration: Sales (100 + 4020) / 2.
    expect(await totalizers('chats-totalizers')).toEqual({
      Total_abandoned_chats: 1,
      Avg_of_abandoned_chats: '25%',
      Avg_of_chat_duration_time: '00:34:20',
    });
    await setSetting(t, 'Livechat_visitor_inactivity_timeout', 5000);
    expect(await totalizers('chats-totalizers')).toMatchObject({
      Total_abandoned_chats: 0,
      Avg_of_abandoned_chats: '0%',
    });
    await setSetting(t, 'Livechat_visitor_inactivity_timeout', 3600);
  });

  it.runIf(run)('agents-productivity-totalizers: busiest hour, available time, service time', async () => {
    // service time: A 30 s and C 10 s (Sales 20), B 30 s -> 25 s.
    expect(await totalizers('agents-productivity-totalizers')).toEqual({
      Busiest_time: '10AM - 11AM',
      Avg_of_available_service_time: '00:00:00',
      Avg_of_service_time: '00:00:25',
    });
  });

  it.runIf(run)('charts: chats per agent (username keys) and per department (name keys)', async () => {
    const agents = await get(`dashboards/charts/chats-per-agent?${range}`, mia);
    expect(agents.status).toBe(200);
    // Rocket.Chat's closed pass replaces the row without onhold.
    expect(agents.body).toEqual({ ann: { open: 0, closed: 2 }, bob: { open: 1, closed: 0, onhold: 0 }, success: true });
    const deps = await get(`dashboards/charts/chats-per-department?${range}`, mia);
    expect(deps.body).toEqual({ Sales: { open: 0, closed: 2 }, success: true });
    const salesOnly = await get(`dashboards/charts/chats-per-agent?${range}&departmentId=${salesId}`, mia);
    expect(salesOnly.body).toEqual({ ann: { open: 0, closed: 2 }, success: true });
  });

  it.runIf(run)('overview: Conversations and Productivity as a bare array', async () => {
    const day = dayOf(T0);
    const conv = await get(`overview?name=Conversations&from=${day}&to=${day}`, mia);
    expect(conv.status).toBe(200);
    expect(conv.body).toEqual([
      { title: 'Total_conversations', value: 4 },
      { title: 'Open_conversations', value: 2 },
      { title: 'On_Hold_conversations', value: 0 },
      { title: 'Total_messages', value: await messagesOf() },
      { title: 'Busiest_day', value: new Date(T0).toLocaleDateString('en-US', { weekday: 'long', timeZone: 'UTC' }) },
      { title: 'Conversations_per_day', value: '4.00' },
      { title: 'Busiest_time', value: '10AM - 11AM' },
    ]);
    const twoDays = await get(`overview?name=Conversations&from=${dayOf(T0 - DAY)}&to=${day}`, mia);
    expect((twoDays.body as unknown as { title: string; value: unknown }[])[5]).toEqual({
      title: 'Conversations_per_day',
      value: '2.00',
    });
    const prod = await get(`overview?name=Productivity&from=${day}&to=${day}`, mia);
    expect(prod.body).toEqual([
      { title: 'Avg_response_time', value: '00:00:32' },
      { title: 'Avg_first_response_time', value: '00:00:33' },
      { title: 'Avg_reaction_time', value: '00:00:17' },
    ]);
    const before = await get(`overview?name=Conversations&from=${dayOf(T0 - DAY)}&to=${dayOf(T0 - DAY)}`, mia);
    expect(before.body).toMatchObject([
      { title: 'Total_conversations', value: 0 },
      { title: 'Open_conversations', value: 0 },
      { title: 'On_Hold_conversations', value: 0 },
      { title: 'Total_messages', value: 0 },
      { title: 'Busiest_day', value: '-' },
      { title: 'Conversations_per_day', value: '0.00' },
      { title: 'Busiest_time', value: '-' },
    ]);
  });

  it.runIf(run)('agent-overview: each of the seven figures per agent, in Rocket.Chat order', async () => {
    const day = dayOf(T0);
    const figure = async (name: string) => {
      const r = await get(`agent-overview?name=${name}&from=${day}&to=${day}`, mia);
      expect(r.status).toBe(200);
      expect(r.body.success).toBe(true);
      return r.body as { head: { name: string }[]; data: { name: string; value: unknown }[] };
    };
    const conv = await figure('Total_conversations');
    expect(conv.head).toEqual([{ name: 'Agent' }, { name: '%_of_conversations' }]);
    expect(conv.data).toEqual([
      { name: 'ann', value: '66.67%' },
      { name: 'bob', value: '33.33%' },
    ]);
    expect((await figure('Avg_chat_duration')).data).toEqual([{ name: 'ann', value: '00:34:20' }]);
    expect((await figure('Total_messages')).data).toEqual([
      { name: 'ann', value: 3 },
      { name: 'bob', value: 1 },
    ]);
    expect((await figure('Avg_first_response_time')).data).toEqual([
      { name: 'ann', value: '00:00:20' },
      { name: 'bob', value: '00:01:00' },
    ]);
    expect((await figure('Best_first_response_time')).data).toEqual([
      { name: 'ann', value: '00:00:20' },
      { name: 'bob', value: '00:01:00' },
    ]);
    expect((await figure('Avg_response_time')).data).toEqual([
      { name: 'ann', value: '00:00:18' },
      { name: 'bob', value: '00:01:00' },
    ]);
    const reaction = await figure('Avg_reaction_time');
    expect(reaction.head[1]).toEqual({ name: 'Avg_reaction_time' });
    expect(reaction.data).toEqual([
      { name: 'ann', value: '00:00:10' },
      { name: 'bob', value: '00:00:30' },
    ]);
    const earlier = await get(`agent-overview?name=Total_messages&from=${dayOf(T0 - DAY)}&to=${dayOf(T0 - DAY)}`, mia);
    expect(earlier.body).toEqual({ head: [{ name: 'Agent' }, { name: 'Total_messages' }], data: [], success: true });
    const sales = await get(
      `agent-overview?name=Total_conversations&from=${day}&to=${day}&departmentId=${salesId}`,
      mia,
    );
    expect((sales.body as unknown as AgentData).data).toEqual([{ name: 'ann', value: '100.00%' }]);
  });

  it.runIf(run)("rejections: Rocket.Chat's validation, texts and permissions", async () => {
    // dashboards: start and end are required, and must be dates
    for (const path of [
      'conversation-totalizers',
      'agents-productivity-totalizers',
      'chats-totalizers',
      'productivity-totalizers',
      'charts/chats-per-agent',
      'charts/chats-per-department',
    ]) {
      const missing = await get(`dashboards/${path}?start=${iso(T0)}`, mia);
      expect(missing.status, path).toBe(400);
      expect(missing.body.success).toBe(false);
      const bad = await get(`dashboards/${path}?start=not-a-date&end=${iso(T0)}`, mia);
      expect(bad.status, path).toBe(400);
      expect(String(bad.body.error)).toContain('The "start" query parameter must be a valid date.');
      const badEnd = await get(`dashboards/${path}?start=${iso(T0)}&end=nope`, mia);
      expect(String(badEnd.body.error)).toContain('The "end" query parameter must be a valid date.');
      expect((await get(`dashboards/${path}?${range}`)).status, path).toBe(401);
      expect((await get(`dashboards/${path}?${range}`, ann)).status, path).toBe(403);
      expect((await get(`dashboards/${path}?${range}`, t.admin)).status, path).toBe(200);
    }
    for (const path of ['overview', 'agent-overview']) {
      const day = dayOf(T0);
      const name = path === 'overview' ? 'Conversations' : 'Total_conversations';
      // an empty name is Rocket.Chat's invalid-chart-name
      const empty = await get(`${path}?name=&from=${day}&to=${day}`, mia);
      expect(empty.status, path).toBe(400);
      expect(empty.body.errorType).toBe('invalid-chart-name');
      // name, from and to are required
      expect((await get(`${path}?from=${day}&to=${day}`, mia)).status, path).toBe(400);
      expect((await get(`${path}?name=${name}&from=${day}`, mia)).status, path).toBe(400);
      // an unknown name or an unreadable day: an empty success
      expect((await get(`${path}?name=invalid-chart-name&from=${day}&to=${day}`, mia)).body).toEqual({ success: true });
      expect((await get(`${path}?name=${name}&from=yesterday&to=${day}`, mia)).body).toEqual({ success: true });
      expect((await get(`${path}?name=${name}&from=${day}&to=${day}`)).status, path).toBe(401);
      expect((await get(`${path}?name=${name}&from=${day}&to=${day}`, bob)).status, path).toBe(403);
    }
  });
});

interface AgentData {
  head: { name: string }[];
  data: { name: string; value: unknown }[];
}
