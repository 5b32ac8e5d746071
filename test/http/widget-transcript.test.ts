/** `livechat/transcript` sends the conversation through SMTP (a real smtp-server on loopback). */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SMTPServer } from 'smtp-server';
import { call, makeApp } from '../helpers/app.ts';
import type { TestApp } from '../helpers/app.ts';
import { availableAgent, newVisitor, openRoom, setSetting } from '../helpers/livechat.ts';

interface Received {
  from: string;
  to: string[];
  data: string;
  user?: string;
}

describe('transcript by email', () => {
  let t: TestApp;
  let smtp: SMTPServer;
  const inbox: Received[] = [];
  let port = 0;
  beforeAll(async () => {
    t = await makeApp();
    smtp = new SMTPServer({
      disabledCommands: ['STARTTLS'],
      allowInsecureAuth: true,
      onAuth: (auth, _session, cb) =>
        auth.username === 'mailer' && auth.password === 'smtp-secret'
          ? cb(null, { user: auth.username })
          : cb(new Error('bad credentials')),
      onData: (stream, session, cb) => {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          inbox.push({
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
            to: session.envelope.rcptTo.map((r) => r.address),
            data: Buffer.concat(chunks).toString('utf8'),
            user: session.user as string | undefined,
          });
          cb();
        });
      },
    });
    await new Promise<void>((r) => smtp.listen(0, '127.0.0.1', () => r()));
    port = (smtp.server.address() as { port: number }).port;
    await setSetting(t, 'SMTP_Host', '127.0.0.1');
    await setSetting(t, 'SMTP_Port', port);
    await setSetting(t, 'SMTP_Username', 'mailer');
    await setSetting(t, 'SMTP_Password', 'smtp-secret');
    await setSetting(t, 'SMTP_From', 'chat@omnihook.test');
  });
  afterAll(async () => {
    await new Promise<void>((r) => smtp.close(() => r()));
    await t.close();
  });

  it('emails the conversation to the visitor, visitor text as typed', async () => {
    const agent = await availableAgent(t, 'mail-agent');
    await newVisitor(t, 'tok-mail');
    const { room } = await openRoom(t, 'tok-mail');
    // the widget HTML-escapes visitor text before posting it
    await call(t, {
      method: 'POST',
      url: '/api/v1/livechat/message',
      payload: { token: 'tok-mail', rid: room._id, msg: 'Is 2 &lt; 3 &amp; &quot;ok&quot;?' },
    });
    await call(t, {
      method: 'POST',
      url: '/api/v1/chat.sendMessage',
      as: agent,
      payload: { message: { rid: room._id, msg: 'Yes, it is.' } },
    });
    await call(t, { method: 'POST', url: '/api/v1/livechat/room.closeByUser', as: agent, payload: { rid: room._id } });

    const off = await call(t, {
      method: 'POST',
      url: '/api/v1/livechat/transcript',
      payload: { token: 'tok-mail', rid: room._id, email: 'vera@example.com' },
    });
    expect(off.status).toBe(400);
    expect(off.body.errorType).toBe('error-transcript-disabled');

    await setSetting(t, 'Livechat_enable_transcript', true);
    const r = await call(t, {
      method: 'POST',
      url: '/api/v1/livechat/transcript',
      payload: { token: 'tok-mail', rid: room._id, email: 'vera@example.com' },
    });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ success: true, message: expect.any(String) });
    expect(inbox).toHaveLength(1);
    const mail = inbox[0]!;
    expect(mail).toMatchObject({ from: 'chat@omnihook.test', to: ['vera@example.com'], user: 'mailer' });
    expect(mail.data).toContain('Subject: Transcript of your conversation');
    expect(mail.data).toContain('Visitor tok-mail: Is 2 < 3 & "ok"?');
    expect(mail.data).toContain('mail-agent: Yes, it is.');
  });

  it("refuses another visitor's room, bad addresses, and reports an unreachable SMTP server", async () => {
    await newVisitor(t, 'tok-mail2');
    const mine = (await openRoom(t, 'tok-mail2')).room._id;
    const other = await call(t, {
      method: 'POST',
      url: '/api/v1/livechat/transcript',
      payload: { token: 'tok-mail2', rid: 'NotMineAtAll', email: 'x@example.com' },
    });
    expect(other.body.errorType).toBe('invalid-room');
    const bad = await call(t, {
      method: 'POST',
      url: '/api/v1/livechat/transcript',
      payload: { token: 'tok-mail2', rid: mine, email: 'nope' },
    });
    expect(bad.status).toBe(400);
    await setSetting(t, 'SMTP_Port', 1);
    try {
      const down = await call(t, {
        method: 'POST',
        url: '/api/v1/livechat/transcript',
        payload: { token: 'tok-mail2', rid: mine, email: 'x@example.com' },
      });
      expect(down.status).toBe(502);
      expect(down.body.errorType).toBe('error-sending-transcript');
    } finally {
      await setSetting(t, 'SMTP_Port', port);
    }
  });
});
