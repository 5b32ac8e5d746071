/**
 * Business hours over HTTP, in Rocket.Chat's shapes (livechat/business-hour, business-hours,
 * business-hours.save / .remove), their rejections, and what they change: livechat/config says
 * online: false and routing gives nobody a chat outside hours; a new chat is refused
 * (no-agent-online) unless Livechat_accept_chats_with_no_agents lets it wait in the queue. The
 * services read a fixed clock (Wednesday 2026-06-10 14:00 in Berlin), so nothing depends on the
 * wall clock. On both dialects.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, createStaff } from '../helpers/app.ts';
import type { Session } from '../helpers/app.ts';
import { postgresAvailable } from '../helpers/db.ts';
import { makeClockApp } from '../helpers/presence.ts';
import type { ClockApp } from '../helpers/presence.ts';
import { availableAgent, newVisitor, setSetting } from '../helpers/livechat.ts';
import { WEEKDAYS } from '../../src/domain/business-hours.ts';
import type { Weekday } from '../../src/domain/business-hours.ts';

const pgUp = await postgresAvailable();
const NOW = Date.parse('2026-06-10T12:00:00Z'); // a Wednesday, 14:00 in Berlin
const TZ = 'Europe/Berlin';

/** Work hours open on the given days only. */
function days(open: Partial<Record<Weekday, [string, string]>>) {
  return WEEKDAYS.map((day) => {
    const w = open[day];
    return w ? { day, open: true, start: w[0], finish: w[1] } : { day, open: false, start: '08:00', finish: '20:00' };
  });
}
const OPEN_NOW = days({ Wednesday: ['09:00', '17:00'] });
const CLOSED_NOW = days({ Wednesday: ['15:00', '17:00'], Thursday: ['09:00', '17:00'] });

interface WorkHour {
  day: string;
  open: boolean;
  code: number;
  start: { time: string; utc: { dayOfWeek: string; time: string }; cron: { dayOfWeek: string; time: string } };
  finish: { time: string };
}
interface BusinessHour {
  _id: string;
  name: string;
  type: string;
  active: boolean;
  timezone: { name: string; utc: string };
  workHours: WorkHour[];
  departments?: { _id: string; name: string }[];
}

describe.each([
  { dialect: 'sqlite' as const, run: true },
  { dialect: 'postgres' as const, run: pgUp },
])('business hours ($dialect)', ({ dialect, run }) => {
  let t: ClockApp;
  let manager: Session;
  let agentOnly: Session;
  let defaultId: string;

  beforeAll(async () => {
    if (!run) return;
    t = await makeClockApp({ dialect, clock: { now: () => NOW, advance: () => undefined } });
    manager = await createStaff(t, 'boss', ['livechat-manager']);
    agentOnly = await createStaff(t, 'plain', ['livechat-agent']);
  });
  afterAll(async () => {
    // the waiting visitors' queue places are told after a short debounce: stop it before the store closes
    (t?.services.hub as { stop?: () => void } | undefined)?.stop?.();
    await t?.close();
  });

  const save = (payload: Record<string, unknown>, as: Session = manager) =>
    call(t, { method: 'POST', url: '/api/v1/livechat/business-hours.save', as, payload });
  const saveDefault = (workHours: unknown, extra: Record<string, unknown> = {}) =>
    save({ type: 'default', timezoneName: TZ, workHours, ...extra });
  const config = async (q = '') =>
    (await call(t, { method: 'GET', url: `/api/v1/livechat/config${q}` })).body.config as { online: boolean };
  const room = (token: string) =>
    call(t, { method: 'GET', url: `/api/v1/livechat/room?token=${encodeURIComponent(token)}` });

  it.runIf(run)('answers the default business hour in Rocket.Chat shape', async () => {
    const r = await call(t, { method: 'GET', url: '/api/v1/livechat/business-hour', as: manager });
    expect(r.status).toBe(200);
    const bh = r.body.businessHour as BusinessHour;
    defaultId = bh._id;
    expect(bh).toMatchObject({ name: '', type: 'default', active: true });
    expect(bh.workHours.map((w) => [w.day, w.code, w.open])).toEqual(
      WEEKDAYS.map((d, i) => [d, i + 1, d !== 'Saturday' && d !== 'Sunday']),
    );
    expect(bh.workHours[0]!.start.time).toBe('08:00');
    // type=default by name answers the same one; a custom type without _id, or an unknown type, null
    const byType = await call(t, { method: 'GET', url: '/api/v1/livechat/business-hour?type=default', as: manager });
    expect((byType.body.businessHour as BusinessHour)._id).toBe(defaultId);
    for (const q of ['type=custom', 'type=weekly', 'type=custom&_id=nope'])
      expect((await call(t, { method: 'GET', url: `/api/v1/livechat/business-hour?${q}`, as: manager })).body).toEqual({
        businessHour: null,
        success: true,
      });
  });

  it.runIf(run)('saves the default schedule with times in UTC and the zone offset', async () => {
    const r = await saveDefault(OPEN_NOW);
    expect(r.status).toBe(200);
    const bh = r.body.businessHour as BusinessHour;
    expect(bh._id).toBe(defaultId);
    expect(bh.timezone).toEqual({ name: TZ, utc: '+02:00' });
    const wed = bh.workHours.find((w) => w.day === 'Wednesday')!;
    expect(wed).toMatchObject({ open: true, start: { time: '09:00', utc: { dayOfWeek: 'Wednesday', time: '07:00' } } });
    expect(bh.workHours.filter((w) => w.open).map((w) => w.day)).toEqual(['Wednesday']);
  });

  it.runIf(run)('refuses bad input and callers without the permission', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ type: 'default', timezoneName: 'Mars/Olympus', workHours: OPEN_NOW }, 'error-invalid-timezone'],
      [{ type: 'default', workHours: OPEN_NOW }, 'invalid-params'],
      [
        {
          type: 'default',
          timezoneName: TZ,
          workHours: [{ day: 'Monday', open: true, start: '09:00', finish: '09:00' }],
        },
        'error-business-hour-finish-time-equals-start-time',
      ],
      [
        {
          type: 'default',
          timezoneName: TZ,
          workHours: [{ day: 'Monday', open: true, start: '9:00', finish: '17:00' }],
        },
        'invalid-params',
      ],
      [
        {
          type: 'default',
          timezoneName: TZ,
          workHours: [{ day: 'Funday', open: true, start: '09:00', finish: '17:00' }],
        },
        'invalid-params',
      ],
      [{ type: 'custom', timezoneName: TZ, workHours: OPEN_NOW }, 'error-business-hour-name-required'],
      [
        { type: 'custom', name: 'x', timezoneName: TZ, workHours: OPEN_NOW, _id: 'unknown' },
        'error-invalid-business-hour',
      ],
      [
        { type: 'custom', name: 'x', timezoneName: TZ, workHours: OPEN_NOW, departmentsToApplyBusinessHour: 'nope' },
        'error-department-not-found',
      ],
      [{ type: 'default', _id: 'other', timezoneName: TZ, workHours: OPEN_NOW }, 'error-invalid-business-hour'],
    ];
    for (const [payload, code] of cases) {
      const r = await save(payload);
      expect([payload, r.status, r.body.errorType]).toEqual([payload, 400, code]);
    }
    const anon = await call(t, { method: 'GET', url: '/api/v1/livechat/business-hour' });
    expect(anon.status).toBe(401);
    for (const url of ['/api/v1/livechat/business-hour', '/api/v1/livechat/business-hours'])
      expect((await call(t, { method: 'GET', url, as: agentOnly })).status).toBe(403);
    expect((await save({ type: 'default', timezoneName: TZ, workHours: OPEN_NOW }, agentOnly)).status).toBe(403);
    const rm = await call(t, {
      method: 'POST',
      url: '/api/v1/livechat/business-hours.remove',
      as: manager,
      payload: { _id: defaultId, type: 'default' },
    });
    expect([rm.status, rm.body.errorType]).toEqual([400, 'error-invalid-business-hour']);
  });

  it.runIf(run)('outside hours: config offline, a new chat refused, or queued when chats may wait', async () => {
    const agent = await availableAgent(t, 'alice');
    await setSetting(t, 'Livechat_enable_business_hours', true);
    expect((await saveDefault(CLOSED_NOW)).status).toBe(200);
    expect((await config()).online).toBe(false);
    await newVisitor(t, 'late-1');
    const refused = await room('late-1');
    expect([refused.status, refused.body.errorType, refused.body.error]).toEqual([
      400,
      'no-agent-online',
      'Sorry, no online agents [no-agent-online]',
    ]);
    // the refusal left nothing behind
    const rooms = await t.services.db.selectFrom('rooms').select('_id').where('visitor_token', '=', 'late-1').execute();
    expect(rooms).toEqual([]);

    await setSetting(t, 'Livechat_accept_chats_with_no_agents', true);
    expect((await config()).online).toBe(true);
    const queued = await room('late-1');
    expect(queued.status).toBe(200);
    const rid = (queued.body.room as { _id: string; servedBy?: unknown })._id;
    expect((queued.body.room as { servedBy?: unknown }).servedBy).toBeUndefined();
    await t.services.presence.tick();
    const stillQueued = await t.services.db
      .selectFrom('rooms')
      .select('served_by_id')
      .where('_id', '=', rid)
      .executeTakeFirstOrThrow();
    expect(stillQueued.served_by_id).toBeNull();

    // the hours open: the queue is handed out on the next round, and config says online
    await setSetting(t, 'Livechat_accept_chats_with_no_agents', false);
    expect((await saveDefault(OPEN_NOW)).status).toBe(200);
    expect((await config()).online).toBe(true);
    await t.services.presence.tick();
    const served = await t.services.db
      .selectFrom('rooms')
      .select('served_by_id')
      .where('_id', '=', rid)
      .executeTakeFirstOrThrow();
    expect(served.served_by_id).toBe(agent.userId);
  });

  it.runIf(run)('a department follows its own schedule; the others the default one', async () => {
    const bob = await availableAgent(t, 'bob');
    await setSetting(t, 'Livechat_enable_business_hours', true);
    const dep = await call(t, {
      method: 'POST',
      url: '/api/v1/livechat/department',
      as: manager,
      payload: {
        department: { enabled: true, name: 'Night shift', showOnRegistration: true, showOnOfflineForm: false },
        agents: [{ agentId: bob.userId, username: 'bob' }],
      },
    });
    expect(dep.status).toBe(200);
    const depId = (dep.body.department as { _id: string })._id;
    expect((await saveDefault(CLOSED_NOW)).status).toBe(200);
    const custom = await save({
      type: 'custom',
      name: 'Night',
      timezoneName: 'America/New_York', // 08:00 there
      workHours: days({ Wednesday: ['07:00', '09:00'] }),
      departmentsToApplyBusinessHour: depId,
    });
    expect(custom.status).toBe(200);
    const bh = custom.body.businessHour as BusinessHour;
    expect(bh).toMatchObject({ type: 'custom', name: 'Night', timezone: { name: 'America/New_York', utc: '-04:00' } });
    expect(bh.departments).toEqual([{ _id: depId, name: 'Night shift' }]);
    // the name is unique
    const dup = await save({ type: 'custom', name: 'Night', timezoneName: TZ, workHours: OPEN_NOW });
    expect([dup.status, dup.body.errorType]).toEqual([400, 'error-business-hour-name-already-in-use']);

    expect((await config()).online).toBe(false);
    expect((await config(`?department=${depId}`)).online).toBe(true);
    await newVisitor(t, 'night-1', { department: depId });
    const r = await room('night-1');
    expect(r.status).toBe(200);
    expect((r.body.room as { servedBy?: { _id: string } }).servedBy?._id).toBe(bob.userId);
    await newVisitor(t, 'day-1');
    expect((await room('day-1')).body.errorType).toBe('no-agent-online');

    // by id, with its departments; and in the list, by name after the default
    const one = await call(t, {
      method: 'GET',
      url: `/api/v1/livechat/business-hour?type=custom&_id=${bh._id}`,
      as: manager,
    });
    expect((one.body.businessHour as BusinessHour).departments).toEqual([{ _id: depId, name: 'Night shift' }]);
    const list = await call(t, { method: 'GET', url: '/api/v1/livechat/business-hours', as: manager });
    expect(list.status).toBe(200);
    expect(list.body).toMatchObject({ count: 2, offset: 0, total: 2, success: true });
    expect((list.body.businessHours as BusinessHour[]).map((b) => [b.type, b.name])).toEqual([
      ['default', ''],
      ['custom', 'Night'],
    ]);
    const desc = await call(t, {
      method: 'GET',
      url: `/api/v1/livechat/business-hours?sort=${encodeURIComponent('{"name":-1}')}&count=1`,
      as: manager,
    });
    expect(desc.body).toMatchObject({ count: 1, total: 2 });
    expect((desc.body.businessHours as BusinessHour[]).map((b) => b.name)).toEqual(['Night']);
    for (const sort of ['{"ts":1}', 'nope'])
      expect(
        (
          await call(t, {
            method: 'GET',
            url: `/api/v1/livechat/business-hours?sort=${encodeURIComponent(sort)}`,
            as: manager,
          })
        ).body.errorType,
      ).toBe('invalid-params');
    const filtered = await call(t, { method: 'GET', url: '/api/v1/livechat/business-hours?name=nig', as: manager });
    expect((filtered.body.businessHours as BusinessHour[]).map((b) => b.name)).toEqual(['Night']);

    // removed: the department follows the (closed) default again
    const rm = await call(t, {
      method: 'POST',
      url: '/api/v1/livechat/business-hours.remove',
      as: manager,
      payload: { _id: bh._id, type: 'custom' },
    });
    expect(rm.body).toEqual({ success: true });
    expect((await config(`?department=${depId}`)).online).toBe(false);
    const again = await call(t, {
      method: 'POST',
      url: '/api/v1/livechat/business-hours.remove',
      as: manager,
      payload: { _id: bh._id, type: 'custom' },
    });
    expect(again.body.errorType).toBe('error-invalid-business-hour');

    // business hours off: the schedule limits nothing
    await setSetting(t, 'Livechat_enable_business_hours', false);
    expect((await config()).online).toBe(true);
    expect((await room('day-1')).status).toBe(200);
  });
});
