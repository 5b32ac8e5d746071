/**
 * Staff transcripts by email (issue 13), received by a real smtp-server on loopback: ours
 * (`livechat/transcript/:rid/email`, now) and Rocket.Chat's request on close
 * (`livechat/transcript/:rid`), sent after the close commits, its outcome kept on the request.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, createStaff, makeApp } from '../helpers/app.ts';
import type { Session, TestApp } from '../helpers/app.ts';
import { startSmtp, useSmtp } from '../helpers/smtp.ts';
import type { LocalSmtp } from '../helpers/smtp.ts';
import { availableAgent, newVisitor, openRoom, setSetting } from '../helpers/livechat.ts';

async function waitFor<T>(fn: () => T | undefined | Promise<T | undefined>, ms = 5000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 25));
  }
}

describe('staff transcripts by email', () => {
  let t: TestApp;
  let smtp: LocalSmtp;
  let port = 0;
  const inbox = () => smtp.inbox;
  let agent: Session & { username: string };
  let other: Session & { username: string };

  beforeAll(async () => {
    t = await makeApp();
    smtp = await startSmtp();
    port = smtp.port;
    await useSmtp(t, smtp);
    agent = await availableAgent(t, 'tr-agent');
    other = await createStaff(t, 'tr-other', ['livechat-agent']);
  });
  afterAll(async () => {
    await smtp.close();
    await t.close();
  });

  async function chat(token: string): Promise<string> {
    await newVisitor(t, token);
    const rid = (await openRoom(t, token)).room._id;
    await call(t, {
      method: 'POST',
      url: '/api/v1/livechat/message',
      payload: { token, rid, msg: 'Where is my order &amp; invoice?' },
    });
    await call(t, {
      method: 'POST',
      url: '/api/v1/chat.sendMessage',
      as: agent,
      payload: { message: { rid, msg: 'On its way.' } },
    });
    await call(t, {
      method: 'POST',
      url: '/api/v1/livechat/room.note',
      as: agent,
      payload: { rid, msg: 'NOTE-ONLY-STAFF' },
    });
    return rid;
  }

  it('emails the transcript now, text and HTML, without notes', async () => {
    const rid = await chat('tok-tr-now');
    const url = `/api/v1/livechat/transcript/${rid}/email`;
    const r = await call(t, {
      method: 'POST',
      url,
      as: agent,
      payload: { email: 'boss@example.com', subject: 'Order chat' },
    });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ success: true });
    const mail = inbox().find((m) => m.to.includes('boss@example.com'))!;
    expect(mail.data).toContain('Subject: Order chat');
    expect(mail.data).toContain('Visitor tok-tr-now: Where is my order & invoice?');
    expect(mail.data).toContain('Content-Type: text/html');
    expect(mail.data).not.toContain('NOTE-ONLY-STAFF');

    expect((await call(t, { method: 'POST', url, payload: { email: 'x@example.com' } })).status).toBe(401);
    const foreign = await call(t, { method: 'POST', url, as: other, payload: { email: 'x@example.com' } });
    expect(foreign.status).toBe(403);
    const bad = await call(t, { method: 'POST', url, as: agent, payload: { email: 'nope' } });
    expect(bad.body.errorType).toBe('error-invalid-email');
    const extra = await call(t, {
      method: 'POST',
      url,
      as: agent,
      payload: { email: 'x@example.com', cc: 'y@example.com' },
    });
    expect(extra.status).toBe(400);
  });

  it('sends a requested transcript when the chat closes, and records the outcome', async () => {
    const rid = await chat('tok-tr-close');
    const req = await call(t, {
      method: 'POST',
      url: `/api/v1/livechat/transcript/${rid}`,
      as: agent,
      payload: { email: 'visitor-close@example.com', subject: 'Your conversation' },
    });
    expect(req.status).toBe(200);
    expect(inbox().some((m) => m.to.includes('visitor-close@example.com'))).toBe(false);
    await call(t, {
      method: 'POST',
      url: '/api/v1/livechat/room.closeByUser',
      as: agent,
      payload: { rid, comment: 'CLOSING-COMMENT-STAFF' },
    });
    const mail = await waitFor(() => inbox().find((m) => m.to.includes('visitor-close@example.com')));
    expect(mail.data).toContain('Subject: Your conversation');
    expect(mail.data).toContain('-- The chat was closed --');
    expect(mail.data).not.toContain('CLOSING-COMMENT-STAFF');
    const view = await waitFor(async () => {
      const r = await call(t, { method: 'GET', url: `/api/v1/livechat/transcript/${rid}`, as: agent });
      const tr = (r.body.transcript as { transcriptRequest: { status?: string } }).transcriptRequest;
      return tr.status === 'sent' ? tr : undefined;
    });
    expect(view).toMatchObject({ status: 'sent', sentAt: expect.any(String), email: 'visitor-close@example.com' });
    expect(inbox().filter((m) => m.to.includes('visitor-close@example.com'))).toHaveLength(1);
  });

  it('a request whose mail fails records the failure; an unreachable SMTP answers 502', async () => {
    const rid = await chat('tok-tr-fail');
    await call(t, {
      method: 'POST',
      url: `/api/v1/livechat/transcript/${rid}`,
      as: agent,
      payload: { email: 'nobody@example.com', subject: '' },
    });
    await setSetting(t, 'SMTP_Port', 1);
    try {
      const now = await call(t, {
        method: 'POST',
        url: `/api/v1/livechat/transcript/${rid}/email`,
        as: agent,
        payload: { email: 'x@example.com' },
      });
      expect(now.status).toBe(502);
      expect(now.body.errorType).toBe('error-sending-transcript');
      await call(t, { method: 'POST', url: '/api/v1/livechat/room.closeByUser', as: agent, payload: { rid } });
      const tr = await waitFor(async () => {
        const r = await call(t, { method: 'GET', url: `/api/v1/livechat/transcript/${rid}`, as: agent });
        const x = (r.body.transcript as { transcriptRequest: { status?: string; error?: string } }).transcriptRequest;
        return x.status === 'failed' ? x : undefined;
      });
      expect(tr.error).toContain('could not be sent');
    } finally {
      await setSetting(t, 'SMTP_Port', port);
    }
  });
});
