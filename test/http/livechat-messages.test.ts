import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeApp, call } from '../helpers/app.ts';
import type { TestApp } from '../helpers/app.ts';
import { availableAgent, newVisitor, openRoom, roomEvents, setSetting } from '../helpers/livechat.ts';

describe('visitor and agent messages', () => {
  let t: TestApp;
  let agent: Awaited<ReturnType<typeof availableAgent>>;
  let rid: string;
  beforeAll(async () => {
    t = await makeApp();
    agent = await availableAgent(t, 'agent');
    await newVisitor(t, 'tok-a', { email: 'A@Example.com', phone: '+1 555 0100' });
    rid = (
      await openRoom(t, 'tok-a', {
        'user-agent':
          'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36',
      })
    ).room._id;
    await newVisitor(t, 'tok-b');
  });
  afterAll(async () => t.close());

  it('registers idempotently by token and reads the visitor back', async () => {
    const again = await newVisitor(t, 'tok-a', { name: 'Renamed' });
    const got = await call(t, { method: 'GET', url: '/api/v1/livechat/visitor/tok-a' });
    expect(got.status).toBe(200);
    expect(got.body.visitor).toMatchObject({
      _id: again._id,
      name: 'Renamed',
      token: 'tok-a',
      visitorEmails: [{ address: 'a@example.com' }],
    });
    expect((got.body.visitor as { username: string }).username).toMatch(/^guest-\d+$/);
    const unknown = await call(t, { method: 'GET', url: '/api/v1/livechat/visitor/nobody' });
    expect(unknown.status).toBe(400);
    expect(unknown.body.errorType).toBe('invalid-token');
  });

  it('captures IP and user agent on the room, parsed into os and browser', async () => {
    const info = await call(t, { method: 'GET', url: `/api/v1/rooms.info?roomId=${rid}`, as: agent });
    expect(info.body.room).toMatchObject({ os: 'Linux', browser: 'Chrome 120.0.0.0' });
    expect((info.body.room as { ip: string }).ip).toBeTruthy();
  });

  it('sends, lists newest first, edits and deletes visitor messages', async () => {
    const m1 = await call(t, {
      method: 'POST',
      url: '/api/v1/livechat/message',
      payload: { token: 'tok-a', rid, msg: 'first' },
    });
    expect(m1.status).toBe(200);
    const m2 = await call(t, {
      method: 'POST',
      url: '/api/v1/chat.sendMessage',
      as: agent,
      payload: { message: { rid, msg: 'reply' } },
    });
    expect(m2.status).toBe(200);
    const hist = await call(t, { method: 'GET', url: `/api/v1/livechat/messages.history/${rid}?token=tok-a` });
    const msgs = hist.body.messages as { msg: string; ts: string }[];
    expect(msgs.map((m) => m.msg)).toEqual(['reply', 'first']);
    expect(msgs[0]!.ts).toMatch(/^\d{4}-\d\d-\d\dT/);
    const id = (m1.body.message as { _id: string })._id;
    const edit = await call(t, {
      method: 'PUT',
      url: `/api/v1/livechat/message/${id}`,
      payload: { token: 'tok-a', rid, msg: 'first (edited)' },
    });
    expect(edit.status).toBe(200);
    expect(edit.body.message).toMatchObject({ msg: 'first (edited)' });
    expect((edit.body.message as { editedAt?: string }).editedAt).toBeTruthy();
    // the visitor cannot edit the agent's message
    const agentId = (m2.body.message as { _id: string })._id;
    const foreign = await call(t, {
      method: 'PUT',
      url: `/api/v1/livechat/message/${agentId}`,
      payload: { token: 'tok-a', rid, msg: 'x' },
    });
    expect(foreign.status).toBe(400);
    const del = await call(t, {
      method: 'DELETE',
      url: `/api/v1/livechat/message/${id}`,
      payload: { token: 'tok-a', rid },
    });
    expect(del.status).toBe(200);
    expect(del.body.message).toMatchObject({ _id: id });
    const after = await call(t, { method: 'GET', url: `/api/v1/livechat/messages.history/${rid}?token=tok-a` });
    expect((after.body.messages as { msg: string }[]).map((m) => m.msg)).toEqual(['reply']);
    const types = (await roomEvents(t, rid)).map((e) => e.type).filter((x) => x === 'Message');
    expect(types).toHaveLength(3); // visitor message, agent reply, the edit
  });

  it('a visitor token never reads or writes another visitor room', async () => {
    const read = await call(t, { method: 'GET', url: `/api/v1/livechat/messages.history/${rid}?token=tok-b` });
    expect(read.status).toBe(400);
    expect(read.body.errorType).toBe('invalid-room');
    const write = await call(t, {
      method: 'POST',
      url: '/api/v1/livechat/message',
      payload: { token: 'tok-b', rid, msg: 'intrusion' },
    });
    expect(write.status).toBe(400);
    expect(write.body.errorType).toBe('invalid-room');
    const close = await call(t, {
      method: 'POST',
      url: '/api/v1/livechat/room.close',
      payload: { token: 'tok-b', rid },
    });
    expect(close.status).toBe(400);
    const agentInfo = await call(t, { method: 'GET', url: `/api/v1/livechat/agent.info/${rid}/tok-b` });
    expect(agentInfo.status).toBe(400);
  });

  it('rejects bad input with stable codes, never 500', async () => {
    const cases: [string, Parameters<typeof call>[1], number, string][] = [
      [
        'malformed JSON',
        {
          method: 'POST',
          url: '/api/v1/livechat/message',
          headers: { 'content-type': 'application/json' },
          payload: '{"token":',
        },
        400,
        'error-invalid-json',
      ],
      [
        'wrong type',
        { method: 'POST', url: '/api/v1/livechat/message', payload: { token: 'tok-a', rid, msg: 42 } },
        400,
        'invalid-params',
      ],
      [
        'missing field',
        { method: 'POST', url: '/api/v1/livechat/message', payload: { token: 'tok-a', msg: 'x' } },
        400,
        'invalid-params',
      ],
      [
        'unknown token',
        { method: 'POST', url: '/api/v1/livechat/message', payload: { token: 'ghost', rid, msg: 'x' } },
        400,
        'invalid-token',
      ],
      [
        'unknown room',
        { method: 'POST', url: '/api/v1/livechat/message', payload: { token: 'tok-a', rid: 'nope', msg: 'x' } },
        400,
        'invalid-room',
      ],
      [
        'empty message',
        { method: 'POST', url: '/api/v1/livechat/message', payload: { token: 'tok-a', rid, msg: '   ' } },
        400,
        'error-invalid-message',
      ],
      [
        'invalid email',
        {
          method: 'POST',
          url: '/api/v1/livechat/offline.message',
          payload: { name: 'n', email: 'not-an-email', message: 'm' },
        },
        400,
        'invalid-params',
      ],
      [
        'invalid visitor email',
        { method: 'POST', url: '/api/v1/livechat/visitor', payload: { visitor: { token: 'tok-c', email: 'nope' } } },
        400,
        'error-invalid-email',
      ],
      [
        'unknown department',
        {
          method: 'POST',
          url: '/api/v1/livechat/visitor',
          payload: { visitor: { token: 'tok-c', department: 'nowhere' } },
        },
        400,
        'error-invalid-department',
      ],
      [
        'body not an object',
        { method: 'POST', url: '/api/v1/livechat/visitor', payload: [1, 2] },
        400,
        'invalid-params',
      ],
      ['unknown route', { method: 'GET', url: '/api/v1/livechat/nothing-here' }, 404, 'error-not-found'],
    ];
    for (const [name, req, status, code] of cases) {
      const r = await call(t, req);
      expect({ name, status: r.status, code: r.body.errorType }).toEqual({ name, status, code });
      expect(r.body.success).toBe(false);
      expect(typeof r.body.error).toBe('string');
    }
  });

  it('an oversized message is refused (limit configurable)', async () => {
    await setSetting(t, 'Message_MaxAllowedSize', 10);
    const r = await call(t, {
      method: 'POST',
      url: '/api/v1/livechat/message',
      payload: { token: 'tok-a', rid, msg: 'x'.repeat(11) },
    });
    expect(r.status).toBe(400);
    expect(r.body.errorType).toBe('error-message-size-exceeded');
    await setSetting(t, 'Message_MaxAllowedSize', 5000);
    const big = await call(t, {
      method: 'POST',
      url: '/api/v1/livechat/message',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ token: 'tok-a', rid, msg: 'y'.repeat(2 * 1024 * 1024) }),
    });
    expect(big.status).toBe(413);
    expect(big.body.errorType).toBe('error-payload-too-large');
  });

  it('lead capture saves the email and phone on the visitor and records LeadCapture', async () => {
    await newVisitor(t, 'tok-lead');
    const r = (await openRoom(t, 'tok-lead')).room._id;
    await call(t, {
      method: 'POST',
      url: '/api/v1/livechat/message',
      payload: { token: 'tok-lead', rid: r, msg: 'hello there' },
    });
    expect((await roomEvents(t, r)).map((e) => e.type)).not.toContain('LeadCapture');
    await call(t, {
      method: 'POST',
      url: '/api/v1/livechat/message',
      payload: { token: 'tok-lead', rid: r, msg: 'mail me at lead@example.com or call 55 5555 1234' },
    });
    const v = await call(t, { method: 'GET', url: '/api/v1/livechat/visitor/tok-lead' });
    expect(v.body.visitor).toMatchObject({ visitorEmails: [{ address: 'lead@example.com' }] });
    expect((v.body.visitor as { phone?: unknown[] }).phone?.length).toBe(1);
    const lead = (await roomEvents(t, r)).find((e) => e.type === 'LeadCapture')!;
    expect(lead.body.messages).toEqual([]);
    expect(lead.body.visitor).toMatchObject({ email: [{ address: 'lead@example.com' }] });
  });

  it('registered custom fields land on the visitor or the open room; saveInfo on a closed room records LivechatEdit', async () => {
    // only registered keys are kept (issue 14, Rocket.Chat's registry): one field of each scope
    await t.services.customFields.save(null, { field: 'tier', label: 'Tier', scope: 'visitor', visibility: 'visible' });
    await t.services.customFields.save(null, { field: 'plan', label: 'Plan', scope: 'room', visibility: 'visible' });
    await newVisitor(t, 'tok-cf');
    const r = (await openRoom(t, 'tok-cf')).room._id;
    const cf = await call(t, {
      method: 'POST',
      url: '/api/v1/livechat/custom.fields',
      payload: {
        token: 'tok-cf',
        customFields: [
          { key: 'plan', value: 'gold', overwrite: true },
          { key: 'tier', value: 'vip', overwrite: true },
        ],
      },
    });
    expect(cf.status).toBe(200);
    const v = await call(t, { method: 'GET', url: '/api/v1/livechat/visitor/tok-cf' });
    expect(v.body.visitor).toMatchObject({ livechatData: { tier: 'vip' } });
    const vid = (v.body.visitor as { _id: string })._id;
    await call(t, { method: 'POST', url: '/api/v1/livechat/room.closeByUser', as: agent, payload: { rid: r } });
    const save = await call(t, {
      method: 'POST',
      url: '/api/v1/livechat/room.saveInfo',
      as: agent,
      payload: {
        guestData: { _id: vid, name: 'Known Customer' },
        roomData: { _id: r, topic: 'renewal', tags: ['sales'] },
      },
    });
    expect(save.status).toBe(200);
    const events = await roomEvents(t, r);
    const edit = events.at(-1)!;
    expect(edit.type).toBe('LivechatEdit');
    expect(edit.body).toMatchObject({
      topic: 'renewal',
      tags: ['sales'],
      customFields: { plan: 'gold' },
      visitor: { name: 'Known Customer' },
    });
  });

  it('offline message records LivechatOfflineMessage with the exact payload', async () => {
    const r = await call(t, {
      method: 'POST',
      url: '/api/v1/livechat/offline.message',
      payload: { name: 'Off Line', email: 'off@example.com', message: 'call me' },
    });
    expect(r.status).toBe(200);
    const row = await t.services.db
      .selectFrom('events')
      .select(['body'])
      .where('type', '=', 'LivechatOfflineMessage')
      .executeTakeFirstOrThrow();
    const body = JSON.parse(row.body) as Record<string, unknown>;
    expect(Object.keys(body)).toEqual(['type', 'sentAt', 'visitor', 'message']);
    expect(body).toMatchObject({
      type: 'LivechatOfflineMessage',
      visitor: { name: 'Off Line', email: 'off@example.com' },
      message: 'call me',
    });
  });

  it('config answers the full object, with guest and the open room for a known token', async () => {
    const anon = await call(t, { method: 'GET', url: '/api/v1/livechat/config' });
    const cfg = anon.body.config as Record<string, unknown>;
    expect(cfg).toMatchObject({ enabled: true, online: true });
    expect(Array.isArray(cfg.departments)).toBe(true);
    expect(typeof cfg.settings).toBe('object');
    expect(cfg).not.toHaveProperty('room');
    const known = await call(t, { method: 'GET', url: '/api/v1/livechat/config?token=tok-a' });
    expect(known.body.config).toMatchObject({
      guest: { token: 'tok-a' },
      room: { _id: rid },
      agent: { username: 'agent' },
    });
  });
});
