/**
 * Internal notes and staff-only comments (issue 13): `livechat/room.note` and what a visitor
 * never receives (SSE, DDP, history, transcript, CRM payload); visitor text stored as typed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { request } from 'undici';
import { SMTPServer } from 'smtp-server';
import { call, createStaff, makeApp } from '../helpers/app.ts';
import type { Session, TestApp } from '../helpers/app.ts';
import { availableAgent, newVisitor, openRoom, roomEvents, setSetting } from '../helpers/livechat.ts';
import { ddpConnect, events } from '../e2e/ddp-helpers.ts';

type Msg = { _id: string; msg: string; t?: string };

/** Reads an SSE stream until `until` matches an event; returns every message event before it. */
async function sseUntil(base: string, query: string, act: () => Promise<void>, until: (m: Msg) => boolean) {
  const ac = new AbortController();
  const res = await request(`${base}/api/v1/stream?${query}`, { signal: ac.signal });
  res.body.setEncoding('utf8');
  const seen: Msg[] = [];
  let buf = '';
  let acted = false;
  await new Promise<void>((resolve) => {
    res.body.on('data', (chunk: string) => {
      buf += chunk;
      let i;
      while ((i = buf.indexOf('\n\n')) >= 0) {
        const block = buf.slice(0, i);
        buf = buf.slice(i + 2);
        const ev = /^event: (.*)$/m.exec(block)?.[1];
        const data = JSON.parse(/^data: (.*)$/m.exec(block)?.[1] ?? '{}') as { message?: Msg };
        if (ev === 'ready' && !acted) {
          acted = true;
          void act();
        }
        if (ev === 'message' && data.message) {
          seen.push(data.message);
          if (until(data.message)) resolve();
        }
      }
    });
    res.body.on('error', () => undefined);
  });
  ac.abort();
  return seen;
}

const note = (t: TestApp, as: Session | undefined, payload: unknown) =>
  call(t, { method: 'POST', url: '/api/v1/livechat/room.note', as, payload: payload as Record<string, unknown> });

describe('internal notes', () => {
  let t: TestApp;
  let base: string;
  let ws: string;
  const inbox: string[] = [];
  let smtp: SMTPServer;
  beforeAll(async () => {
    t = await makeApp();
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    const addr = t.app.server.address();
    const port = typeof addr === 'object' && addr ? addr.port : 0;
    base = `http://127.0.0.1:${port}`;
    ws = `ws://127.0.0.1:${port}/websocket`;
    smtp = new SMTPServer({
      disabledCommands: ['STARTTLS', 'AUTH'],
      onData: (stream, _s, cb) => {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          inbox.push(Buffer.concat(chunks).toString('utf8'));
          cb();
        });
      },
    });
    await new Promise<void>((r) => smtp.listen(0, '127.0.0.1', () => r()));
    await setSetting(t, 'SMTP_Host', '127.0.0.1');
    await setSetting(t, 'SMTP_Port', (smtp.server.address() as { port: number }).port);
    await setSetting(t, 'SMTP_From', 'chat@omnihook.test');
    await setSetting(t, 'Livechat_enable_transcript', true);
  });
  afterAll(async () => {
    await new Promise<void>((r) => smtp.close(() => r()));
    await t.close();
  });

  it('reaches staff, never the visitor: SSE, DDP, history, message/:tmid, transcript, CRM', async () => {
    const agent = await availableAgent(t, 'note-agent');
    await newVisitor(t, 'tok-note');
    const { room } = await openRoom(t, 'tok-note');
    expect(room.servedBy?._id).toBe(agent.userId);

    const dd = await ddpConnect(ws);
    await dd.handshake('tok-note');
    dd.sub('ddp-2', 'stream-room-messages', room._id, 'tok-note');
    await dd.waitFor((f) => f.msg === 'ready');

    let noteId = '';
    const addNoteThenReply = async () => {
      const r = await note(t, agent, { rid: room._id, msg: 'VIP customer, be kind' });
      expect(r.status).toBe(200);
      expect(r.body.message).toMatchObject({ t: 'livechat_note', msg: 'VIP customer, be kind', rid: room._id });
      noteId = (r.body.message as Msg)._id;
      await call(t, {
        method: 'POST',
        url: '/api/v1/chat.sendMessage',
        as: agent,
        payload: { message: { rid: room._id, msg: 'after the note' } },
      });
    };
    // Events reach a stream in publish order: once the later reply arrived, the note would have too.
    const visitorSaw = await sseUntil(base, 'token=tok-note', addNoteThenReply, (m) => m.msg === 'after the note');
    expect(visitorSaw.map((m) => m.msg)).toEqual(['after the note']);
    await dd.waitFor((f) => JSON.stringify(f).includes('after the note'));
    expect(JSON.stringify(events(dd, 'stream-room-messages'))).not.toContain('VIP');
    dd.close();

    // the staff stream does carry notes
    const staffSaw = await sseUntil(
      base,
      `userId=${agent.userId}&authToken=${agent.authToken}`,
      async () => {
        await note(t, agent, { rid: room._id, msg: 'second note' });
      },
      (m) => m.msg === 'second note',
    );
    expect(staffSaw.at(-1)).toMatchObject({ t: 'livechat_note', msg: 'second note' });

    const visitorHistory = await call(t, {
      method: 'GET',
      url: `/api/v1/livechat/messages.history/${room._id}?token=tok-note&limit=1`,
    });
    // the page is filled from what the visitor may see: the newest visible message, not a note
    expect((visitorHistory.body.messages as Msg[]).map((m) => m.msg)).toEqual(['after the note']);
    const staffHistory = await call(t, {
      method: 'GET',
      url: `/api/v1/livechat/messages.history/${room._id}`,
      as: agent,
    });
    expect((staffHistory.body.messages as Msg[]).map((m) => m.msg)).toContain('VIP customer, be kind');
    const one = await call(t, {
      method: 'GET',
      url: `/api/v1/livechat/message/${noteId}?token=tok-note&rid=${room._id}`,
    });
    expect(one.status).toBe(400);
    expect(one.body.errorType).toBe('error-invalid-message');

    await call(t, {
      method: 'POST',
      url: '/api/v1/livechat/room.closeByUser',
      as: agent,
      payload: { rid: room._id, comment: 'internal: refund approved' },
    });
    const mailed = await call(t, {
      method: 'POST',
      url: '/api/v1/livechat/transcript',
      payload: { token: 'tok-note', rid: room._id, email: 'vera@example.com' },
    });
    expect(mailed.status).toBe(200);
    expect(inbox.at(-1)).toContain('after the note');
    expect(inbox.at(-1)).not.toContain('VIP');
    expect(inbox.at(-1)).not.toContain('refund');

    // CRM: the closing comment stays the closingMessage message; notes are not sent
    const closed = (await roomEvents(t, room._id)).find((e) => e.type === 'LivechatSession')!;
    const sent = closed.body.messages as { msg: string; closingMessage?: boolean }[];
    expect(sent.at(-1)).toMatchObject({ msg: 'internal: refund approved', closingMessage: true });
    expect(JSON.stringify(closed.body)).not.toContain('VIP');
  });

  it('shows the visitor forward and close lines without their comments', async () => {
    const a = await availableAgent(t, 'fwd-a');
    await newVisitor(t, 'tok-fwd');
    const { room } = await openRoom(t, 'tok-fwd');
    const b = await availableAgent(t, 'fwd-b');
    const from = room.servedBy!._id === a.userId ? a : b;
    const to = from === a ? b : a;
    const visitorSaw = await sseUntil(
      base,
      'token=tok-fwd',
      async () => {
        await call(t, {
          method: 'POST',
          url: '/api/v1/livechat/room.forward',
          as: from,
          payload: { roomId: room._id, userId: to.userId, comment: 'angry about invoice 42' },
        });
        await call(t, {
          method: 'POST',
          url: '/api/v1/livechat/room.closeByUser',
          as: to,
          payload: { rid: room._id, comment: 'wrote off invoice 42' },
        });
      },
      (m) => m.t === 'livechat-close',
    );
    expect(visitorSaw.map((m) => [m.t, m.msg])).toEqual([
      ['livechat_transfer_history', ''],
      ['livechat-close', ''],
    ]);
    const history = await call(t, {
      method: 'GET',
      url: `/api/v1/livechat/messages.history/${room._id}?token=tok-fwd`,
    });
    expect(JSON.stringify(history.body)).not.toContain('invoice');
    const staff = await call(t, { method: 'GET', url: `/api/v1/livechat/messages.history/${room._id}`, as: to });
    expect(JSON.stringify(staff.body)).toContain('angry about invoice 42');
    expect(JSON.stringify(staff.body)).toContain('wrote off invoice 42');
  });
});

// Its own app: routing must hand the room to this agent, not to one left available by another test.
describe('room.note permissions', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await makeApp();
  });
  afterAll(async () => t.close());

  it('permission matrix: serving agent, managers and admins may; others may not', async () => {
    const agent = await availableAgent(t, 'perm-agent');
    await newVisitor(t, 'tok-perm');
    const { room } = await openRoom(t, 'tok-perm');
    expect(room.servedBy?._id).toBe(agent.userId);
    const other = await createStaff(t, 'perm-other', ['livechat-agent']);
    const manager = await createStaff(t, 'perm-manager', ['livechat-manager']);
    const plain = await createStaff(t, 'perm-plain', ['user']);
    const cases: [string, Session | undefined, number, string | undefined][] = [
      ['anonymous', undefined, 401, 'unauthorized'],
      ['plain user', plain, 403, 'error-unauthorized'],
      ['agent not serving', other, 403, 'error-not-allowed'],
      ['serving agent', agent, 200, undefined],
      ['manager', manager, 200, undefined],
      ['admin', t.admin, 200, undefined],
    ];
    for (const [who, as, status, errorType] of cases) {
      const r = await note(t, as, { rid: room._id, msg: `note by ${who}` });
      expect([who, r.status, r.body.errorType]).toEqual([who, status, errorType]);
    }
    // a closed chat still takes notes from its agent
    await call(t, { method: 'POST', url: '/api/v1/livechat/room.closeByUser', as: agent, payload: { rid: room._id } });
    expect((await note(t, agent, { rid: room._id, msg: 'follow-up done' })).status).toBe(200);
  });

  it('rejects bad input with stable codes', async () => {
    const agent = await availableAgent(t, 'bad-agent');
    await newVisitor(t, 'tok-bad');
    const { room } = await openRoom(t, 'tok-bad');
    await setSetting(t, 'Message_MaxAllowedSize', 50);
    const cases: [unknown, string][] = [
      [{ rid: room._id, msg: '   ' }, 'error-invalid-message'],
      [{ rid: room._id, msg: 'x'.repeat(51) }, 'error-message-size-exceeded'],
      [{ rid: room._id }, 'invalid-params'],
      [{ msg: 'no room' }, 'invalid-params'],
      [{ rid: room._id, msg: 5 }, 'invalid-params'],
      [{ rid: room._id, msg: 'hi', t: 'livechat-close' }, 'invalid-params'],
      [{ rid: 'no-such-room', msg: 'hi' }, 'invalid-room'],
    ];
    for (const [payload, code] of cases) {
      const r = await note(t, agent, payload);
      expect([payload, r.status, r.body.errorType]).toEqual([payload, 400, code]);
    }
    await setSetting(t, 'Message_MaxAllowedSize', 5000);
  });
});

describe('text as typed', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await makeApp();
  });
  afterAll(async () => t.close());

  it("decodes the Rocket.Chat widget's HTML entities once, on receipt", async () => {
    const typed = `Tom & Jerry <b>x</b> "q" it's 5 > 3`;
    // what Rocket.Chat's widget posts for it (escapeHTML), and a literal entity typed after escaping
    const posted = 'Tom &amp; Jerry &lt;b&gt;x&lt;/b&gt; &quot;q&quot; it&#x27;s 5 &gt; 3';
    const agent = await availableAgent(t, 'typed-agent');
    await newVisitor(t, 'tok-typed');
    const { room } = await openRoom(t, 'tok-typed');
    const sent = await call(t, {
      method: 'POST',
      url: '/api/v1/livechat/message',
      payload: { token: 'tok-typed', rid: room._id, msg: posted },
    });
    // the visitor's copy is escaped again, as Rocket.Chat's widget renders HTML (decisions.md)
    expect((sent.body.message as Msg).msg).toBe(posted);
    const literal = await call(t, {
      method: 'POST',
      url: '/api/v1/livechat/message',
      payload: { token: 'tok-typed', rid: room._id, msg: 'I typed &amp;lt; once' },
    });
    // decoded exactly once: "&amp;lt;" was the widget's escape of the typed "&lt;"
    expect((literal.body.message as Msg).msg).toBe('I typed &amp;lt; once');
    const mid = (sent.body.message as Msg)._id;
    const edited = await call(t, {
      method: 'PUT',
      url: `/api/v1/livechat/message/${mid}`,
      payload: { token: 'tok-typed', rid: room._id, msg: `${posted} !` },
    });
    expect((edited.body.message as Msg).msg).toBe(`${posted} !`);
    const staff = await call(t, { method: 'GET', url: `/api/v1/livechat/messages.history/${room._id}`, as: agent });
    expect((staff.body.messages as Msg[]).map((m) => m.msg)).toEqual(['I typed &lt; once', `${typed} !`]);
    const mine = await call(t, {
      method: 'GET',
      url: `/api/v1/livechat/messages.history/${room._id}?token=tok-typed`,
    });
    expect((mine.body.messages as Msg[]).map((m) => m.msg)).toEqual(['I typed &amp;lt; once', `${posted} !`]);
    // an agent's markup reaches the visitor escaped too: nothing typed becomes HTML in a widget
    await call(t, {
      method: 'POST',
      url: '/api/v1/chat.sendMessage',
      as: agent,
      payload: { message: { rid: room._id, msg: '<img src=x onerror=alert(1)>' } },
    });
    const after = await call(t, {
      method: 'GET',
      url: `/api/v1/livechat/messages.history/${room._id}?token=tok-typed&limit=1`,
    });
    expect((after.body.messages as Msg[])[0]!.msg).toBe('&lt;img src=x onerror=alert(1)&gt;');
    const crm = (await roomEvents(t, room._id)).filter((e) => e.type === 'Message');
    expect((crm[0]!.body.messages as Msg[])[0]!.msg).toBe(typed);
  });
});
