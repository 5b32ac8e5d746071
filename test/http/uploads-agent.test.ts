/**
 * The agent's upload, Rocket.Chat's `rooms.upload/:rid`: who may (as for chat.sendMessage), the
 * settings' limits with the codes and words both UIs show, bad input, and the file message
 * reaching the visitor (DDP, history, the file itself) and the CRM's Message event.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, createStaff } from '../helpers/app.ts';
import { makeApp } from '../helpers/app.ts';
import type { Session, TestApp } from '../helpers/app.ts';
import { availableAgent, newVisitor, openRoom, roomEvents, setSetting } from '../helpers/livechat.ts';
import { ddpConnect, listen } from '../e2e/ddp-helpers.ts';

const PDF = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');

describe('agent uploads (rooms.upload/:rid)', () => {
  let t: TestApp;
  let base: string;
  let rid: string;
  let alice: Session;
  beforeAll(async () => {
    t = await makeApp();
    base = (await listen(t)).replace('ws://', 'http://').replace('/websocket', '');
    alice = await availableAgent(t, 'alice');
    await newVisitor(t, 'tok-ag');
    const opened = await openRoom(t, 'tok-ag');
    rid = opened.room._id;
    expect(opened.room.servedBy?.username).toBe('alice');
  });
  afterAll(async () => t.close());

  type Part = { field: string; value: string } | { field: string; body: Buffer; type: string; name: string };
  async function upload(as: Session | undefined, room: string, parts: Part[]) {
    const form = new FormData();
    for (const p of parts) {
      if ('value' in p) form.append(p.field, p.value);
      else form.append(p.field, new Blob([new Uint8Array(p.body)], { type: p.type }), p.name);
    }
    const res = await fetch(`${base}/api/v1/rooms.upload/${room}`, {
      method: 'POST',
      headers: as ? as.headers : {},
      body: form,
    });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  }
  const pdf = (name = 'report.pdf', body = PDF): Part => ({ field: 'file', body, type: 'application/pdf', name });
  const uploadsOf = async (room: string) =>
    (await t.services.db.selectFrom('uploads').select('_id').where('rid', '=', room).execute()).length;

  it('sends the file message to the visitor live and in history, and to the CRM', async () => {
    const ddp = await ddpConnect(`${base.replace('http', 'ws')}/websocket`);
    await ddp.handshake('tok-ag');
    ddp.sub('s1', 'stream-room-messages', rid, 'tok-ag');
    await ddp.waitFor((f) => f.msg === 'ready');

    // the description comes after the file here: every field is read, in any order
    const r = await upload(alice, rid, [pdf(), { field: 'description', value: 'Your invoice & receipt' }]);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    const message = r.body.message as {
      _id: string;
      msg: string;
      u: { username: string };
      file: { _id: string; name: string; type: string; size: number };
      attachments: Record<string, unknown>[];
    };
    expect(message.u.username).toBe('alice');
    expect(message.msg).toBe('Your invoice & receipt');
    expect(message.file).toMatchObject({ name: 'report.pdf', type: 'application/pdf', size: PDF.length });
    const url = `/file-upload/${message.file._id}/report.pdf`;
    expect(message.attachments).toEqual([
      {
        type: 'file',
        title: 'report.pdf',
        title_link: url,
        title_link_download: true,
        fileId: message.file._id,
        description: 'Your invoice & receipt',
        format: 'pdf',
        size: PDF.length,
      },
    ]);

    // Rocket.Chat's widget: live on DDP, text escaped as it expects
    const live = await ddp.waitFor((f) => f.msg === 'changed' && JSON.stringify(f).includes(url));
    const args = (live.fields as { args: { msg: string; attachments: unknown[] }[] }).args[0]!;
    expect(args.attachments).toHaveLength(1);
    expect(args.msg).toBe('Your invoice &amp; receipt');
    ddp.close();

    // the visitor reads it after a reload, and may fetch the file; a stranger may not
    const h = await call(t, { method: 'GET', url: `/api/v1/livechat/messages.history/${rid}?token=tok-ag` });
    const seen = (h.body.messages as { _id: string; attachments?: unknown[] }[]).find((m) => m._id === message._id);
    expect(seen?.attachments).toHaveLength(1);
    const file = await fetch(`${base}${url}?token=tok-ag`);
    expect(file.status).toBe(200);
    expect(file.headers.get('content-disposition')).toMatch(/^inline; filename="report.pdf"/);
    expect(Buffer.from(await file.arrayBuffer()).equals(PDF)).toBe(true);
    expect((await fetch(`${base}${url}`)).status).toBe(403);
    // Omnihook's widget sends its token as a header (fetch), never in the URL
    expect((await fetch(`${base}${url}`, { headers: { 'x-visitor-token': 'tok-ag' } })).status).toBe(200);
    await newVisitor(t, 'tok-stranger');
    expect((await fetch(`${base}${url}?token=tok-stranger`)).status).toBe(403);
    expect((await fetch(`${base}${url}`, { headers: { 'x-visitor-token': 'tok-stranger' } })).status).toBe(403);

    // the CRM's Message event carries file and attachments, as Rocket.Chat's sendToCRM does
    const ev = (await roomEvents(t, rid)).filter((e) => e.type === 'Message').pop()!;
    expect((ev.body.messages as Record<string, unknown>[])[0]).toMatchObject({
      _id: message._id,
      msg: 'Your invoice & receipt',
      agentId: alice.userId,
      file: { _id: message.file._id, name: 'report.pdf' },
      attachments: [{ title_link: url, format: 'pdf' }],
    });
  });

  it('lets the serving agent and staff who act on any room, nobody else', async () => {
    const bob = await createStaff(t, 'bob', ['livechat-agent']);
    const mona = await createStaff(t, 'mona', ['livechat-manager']);
    const plain = await createStaff(t, 'plain', ['user']);
    const before = await uploadsOf(rid);
    expect((await upload(undefined, rid, [pdf()])).body.errorType).toBe('unauthorized');
    const denied = await upload(plain, rid, [pdf()]);
    expect([denied.status, denied.body.errorType]).toEqual([403, 'error-unauthorized']);
    const other = await upload(bob, rid, [pdf()]);
    expect([other.status, other.body.errorType]).toEqual([403, 'error-not-allowed']);
    expect(await uploadsOf(rid)).toBe(before);
    expect((await upload(mona, rid, [pdf('m.pdf')])).status).toBe(200);
    expect((await upload(t.admin, rid, [pdf('a.pdf')])).status).toBe(200);
    expect((await upload(alice, 'NoSuchRoom1', [pdf()])).body.errorType).toBe('invalid-room');
    expect(await uploadsOf(rid)).toBe(before + 2);
  });

  it('refuses bad input with stable 4xx codes', async () => {
    const json = await call(t, {
      method: 'POST',
      url: `/api/v1/rooms.upload/${rid}`,
      as: alice,
      payload: { file: 'x' },
    });
    expect([json.status, json.body.errorType]).toEqual([400, 'invalid-params']);
    const noFile = await upload(alice, rid, [{ field: 'description', value: 'no file here' }]);
    expect([noFile.status, noFile.body.errorType]).toEqual([400, 'invalid-params']);
    const otherField = await upload(alice, rid, [{ ...pdf(), field: 'attachment' }]);
    expect(otherField.body.errorType).toBe('invalid-params');
    const two = await upload(alice, rid, [pdf('a.pdf'), pdf('b.pdf')]);
    expect(two.status).toBeGreaterThanOrEqual(400);
    expect(two.status).toBeLessThan(500);
    await setSetting(t, 'Message_MaxAllowedSize', 10);
    try {
      const long = await upload(alice, rid, [{ field: 'description', value: 'x'.repeat(11) }, pdf()]);
      expect(long.body.errorType).toBe('error-message-size-exceeded');
    } finally {
      await setSetting(t, 'Message_MaxAllowedSize', 5000);
    }
  });

  it('applies the size, type and on/off settings, in words a person reads', async () => {
    const before = await uploadsOf(rid);
    await setSetting(t, 'FileUpload_MaxFileSize', 1024);
    try {
      const big = await upload(alice, rid, [pdf('big.pdf', Buffer.alloc(5000, 1))]);
      expect(big.status).toBe(400);
      expect(big.body).toMatchObject({
        success: false,
        errorType: 'error-size-not-allowed',
        reason: 'error-size-not-allowed',
        sizeAllowed: '1 KB',
      });
      expect(big.body.error).toContain('File too large (max 1 KB)');
      expect((await upload(alice, rid, [pdf('small.pdf', Buffer.alloc(1024, 1))])).status).toBe(200);
    } finally {
      await setSetting(t, 'FileUpload_MaxFileSize', 10 * 1024 * 1024);
    }
    const html = await upload(alice, rid, [
      { field: 'file', body: Buffer.from('<p>'), type: 'text/html', name: 'a.html' },
    ]);
    expect(html.status).toBe(400);
    expect(html.body).toMatchObject({ errorType: 'error-type-not-allowed', reason: 'error-type-not-allowed' });
    expect(html.body.error).toContain('This file type is not allowed');
    await setSetting(t, 'FileUpload_Enabled', false);
    try {
      expect((await upload(alice, rid, [pdf()])).body.errorType).toBe('error-file-upload-disabled');
    } finally {
      await setSetting(t, 'FileUpload_Enabled', true);
    }
    expect(await uploadsOf(rid)).toBe(before + 1);
  });

  it('refuses a closed chat', async () => {
    await newVisitor(t, 'tok-closed');
    const room = (await openRoom(t, 'tok-closed')).room._id;
    const closed = await call(t, {
      method: 'POST',
      url: '/api/v1/livechat/room.closeByUser',
      as: alice,
      payload: { rid: room },
    });
    expect(closed.status).toBe(200);
    expect((await upload(alice, room, [pdf()])).body.errorType).toBe('room-closed');
    expect(await uploadsOf(room)).toBe(0);
  });
});
