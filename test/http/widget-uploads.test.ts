/**
 * `livechat/upload/:rid` as the widget sends it (multipart `file`, x-visitor-token only): limits
 * from settings, durable storage, served back only to the room's visitor and its agents, the
 * file message live on DDP and recorded as a Message event for the CRM.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, createStaff, makeApp } from '../helpers/app.ts';
import type { TestApp } from '../helpers/app.ts';
import { availableAgent, newVisitor, openRoom, roomEvents, setSetting } from '../helpers/livechat.ts';
import { ddpConnect, listen } from '../e2e/ddp-helpers.ts';

const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

describe('widget uploads', () => {
  let t: TestApp;
  let base: string;
  let rid: string;
  let agent: Awaited<ReturnType<typeof availableAgent>>;
  beforeAll(async () => {
    t = await makeApp();
    base = (await listen(t)).replace('ws://', 'http://').replace('/websocket', '');
    agent = await availableAgent(t, 'up-agent');
    await newVisitor(t, 'tok-up');
    rid = (await openRoom(t, 'tok-up')).room._id;
  });
  afterAll(async () => t.close());

  async function upload(token: string, room: string, body: Buffer, type: string, name: string) {
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(body)], { type }), name);
    const res = await fetch(`${base}/api/v1/livechat/upload/${room}`, {
      method: 'POST',
      headers: { 'x-visitor-token': token },
      body: form,
    });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  }

  it('stores an image, streams the file message and records it for the CRM', async () => {
    const ddp = await ddpConnect(`${base.replace('http', 'ws')}/websocket`);
    await ddp.handshake('tok-up');
    ddp.sub('s1', 'stream-room-messages', rid, 'tok-up');
    await ddp.waitFor((f) => f.msg === 'ready');
    const r = await upload('tok-up', rid, PNG, 'image/png', 'dot.png');
    expect(r.status).toBe(200);
    const message = r.body.message as {
      _id: string;
      file: { _id: string };
      attachments: { image_url: string; title_link: string }[];
    };
    expect(message.file).toMatchObject({ name: 'dot.png', type: 'image/png', size: PNG.length });
    // Rocket.Chat 6+ also answers the list of the message's files
    expect((r.body.message as { files?: unknown }).files).toEqual([message.file]);
    const url = message.attachments[0]!.image_url;
    expect(url).toMatch(/^\/file-upload\/[A-Za-z0-9]+\/dot\.png$/);
    expect(message.attachments[0]).toMatchObject({ title: 'dot.png', title_link: url, image_type: 'image/png' });

    const live = await ddp.waitFor((f) => f.msg === 'changed' && JSON.stringify(f).includes('/file-upload/'));
    expect((live.fields as { args: { attachments: unknown[] }[] }).args[0]!.attachments).toHaveLength(1);
    ddp.close();

    const ev = (await roomEvents(t, rid)).filter((e) => e.type === 'Message').pop()!;
    const crmMsg = (ev.body.messages as Record<string, unknown>[])[0]!;
    expect(crmMsg).toMatchObject({
      _id: message._id,
      file: { _id: message.file._id, name: 'dot.png' },
      attachments: [{ title_link: url }],
    });
    // history shows it too (after a reload)
    const h = await call(t, { method: 'GET', url: `/api/v1/livechat/messages.history/${rid}?token=tok-up` });
    expect((h.body.messages as { attachments?: unknown[] }[])[0]!.attachments).toHaveLength(1);

    // served to the visitor (widget cookies or ?token) and to the serving agent, to nobody else
    const get = (path: string, headers: Record<string, string> = {}) => fetch(`${base}${path}`, { headers });
    const byCookie = await get(url, { cookie: `rc_is_widget=t; rc_rid=${rid}; rc_token=tok-up; rc_room_type=l` });
    expect(byCookie.status).toBe(200);
    expect(byCookie.headers.get('content-type')).toBe('image/png');
    expect(byCookie.headers.get('x-content-type-options')).toBe('nosniff');
    expect(Buffer.from(await byCookie.arrayBuffer()).equals(PNG)).toBe(true);
    expect((await get(`${url}?token=tok-up`)).status).toBe(200);
    expect((await get(url, { 'x-user-id': agent.userId, 'x-auth-token': agent.authToken })).status).toBe(200);
    expect((await get(url)).status).toBe(403);
    await newVisitor(t, 'tok-other');
    expect((await get(`${url}?token=tok-other`)).status).toBe(403);
    expect((await get(url, { cookie: `rc_rid=${rid}; rc_token=tok-other` })).status).toBe(403);
    const outsider = await createStaff(t, 'outsider', ['livechat-agent']);
    expect((await get(url, { 'x-user-id': outsider.userId, 'x-auth-token': outsider.authToken })).status).toBe(403);
    expect((await get('/file-upload/NoSuchFile123/x.png?token=tok-up')).status).toBe(404);
  });

  it('refuses types and sizes outside the settings with the reasons the widget shows', async () => {
    const type = await upload('tok-up', rid, Buffer.from('<html></html>'), 'text/html', 'page.html');
    expect(type.status).toBe(400);
    expect(type.body).toMatchObject({
      success: false,
      reason: 'error-type-not-allowed',
      errorType: 'error-type-not-allowed',
    });
    await setSetting(t, 'FileUpload_MaxFileSize', 1024);
    try {
      const big = await upload('tok-up', rid, Buffer.alloc(5000, 1), 'image/png', 'big.png');
      expect(big.status).toBe(400);
      expect(big.body).toMatchObject({ reason: 'error-size-not-allowed', sizeAllowed: '1 KB' });
    } finally {
      await setSetting(t, 'FileUpload_MaxFileSize', 10 * 1024 * 1024);
    }
    await setSetting(t, 'Livechat_fileupload_enabled', false);
    expect((await upload('tok-up', rid, PNG, 'image/png', 'a.png')).body.errorType).toBe('error-file-upload-disabled');
    await setSetting(t, 'Livechat_fileupload_enabled', true);
    // Rocket.Chat answers 403 to a missing or unknown token and to a room that is not the token's
    for (const [token, room] of [
      ['tok-other', rid],
      ['nobody', rid],
      ['tok-up', 'NoSuchRoom1234'],
    ]) {
      const r = await upload(token!, room!, PNG, 'image/png', 'a.png');
      expect([r.status, r.body.errorType]).toEqual([403, 'error-unauthorized']);
    }
    const form = new FormData();
    form.append('file', new Blob([PNG], { type: 'image/png' }), 'a.png');
    const bare = await fetch(`${base}/api/v1/livechat/upload/${rid}`, { method: 'POST', body: form });
    expect(bare.status).toBe(403);
  });

  it('serves active content as an inert download', async () => {
    await setSetting(t, 'FileUpload_MediaTypeWhiteList', '');
    const svg = await upload(
      'tok-up',
      rid,
      Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'),
      'image/svg+xml',
      '../../evil.svg',
    );
    await setSetting(t, 'FileUpload_MediaTypeWhiteList', 'image/*,audio/*,video/*,application/pdf,text/plain');
    const m = svg.body.message as { file: { name: string }; attachments: Record<string, string>[] };
    expect(m.file.name).toBe('evil.svg');
    expect(m.attachments[0]).not.toHaveProperty('image_url');
    const res = await fetch(`${base}${m.attachments[0]!.title_link}?token=tok-up`);
    expect(res.headers.get('content-type')).toBe('application/octet-stream');
    expect(res.headers.get('content-disposition')).toMatch(/^attachment;/);
    expect(res.headers.get('content-security-policy')).toContain('sandbox');
  });

  it('"remove my data" removes the files too', async () => {
    await newVisitor(t, 'tok-gone');
    const room = (await openRoom(t, 'tok-gone')).room._id;
    await upload('tok-gone', room, PNG, 'image/png', 'x.png');
    // Rocket.Chat refuses while the room is open (visitor-has-open-rooms): close it first
    await call(t, { method: 'POST', url: '/api/v1/livechat/room.close', payload: { rid: room, token: 'tok-gone' } });
    const gone = await call(t, { method: 'DELETE', url: '/api/v1/livechat/visitor/tok-gone', payload: {} });
    expect(gone.status).toBe(200);
    const left = await t.services.db.selectFrom('uploads').select('_id').where('rid', '=', room).execute();
    expect(left).toHaveLength(0);
  });
});
