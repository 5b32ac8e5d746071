/**
 * History for staff (issue 13): Rocket.Chat's livechat/visitors.info, visitors.pagesVisited,
 * visitors.chatHistory and livechat/transcript/:rid (request on close), and our transcript
 * view and download. Permission matrix, bad input, shapes. On both dialects.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, createStaff, makeApp } from '../helpers/app.ts';
import type { Session, TestApp } from '../helpers/app.ts';
import { availableAgent, newVisitor, openRoom } from '../helpers/livechat.ts';
import { postgresAvailable } from '../helpers/db.ts';

const pgUp = await postgresAvailable();

type Staff = Session & { username: string };

describe.each([
  { dialect: 'sqlite' as const, run: true },
  { dialect: 'postgres' as const, run: pgUp },
])('visitor history and transcripts ($dialect)', ({ dialect, run }) => {
  let t: TestApp;
  let alice: Staff; // serves the visitor's first chat
  let bob: Staff; // serves the visitor's second chat
  let carol: Staff; // an agent who never served this visitor
  let manager: Staff;
  let visitor: { _id: string; token: string; username: string };
  let first: string;
  let second: string;

  const get = (url: string, as?: Session) => call(t, { method: 'GET', url, as });
  const status = (as: Staff, s: 'available' | 'not-available') =>
    call(t, { method: 'POST', url: '/api/v1/livechat/agent.status', as, payload: { status: s } });

  beforeAll(async () => {
    if (!run) return;
    t = await makeApp({ dialect });
    alice = await availableAgent(t, 'h-alice');
    visitor = await newVisitor(t, 'tok-history', { email: 'vera@example.com' });
    // a page before the chat starts (no room yet), then the chat itself
    await call(t, {
      method: 'POST',
      url: '/api/v1/livechat/page.visited',
      payload: {
        token: 'tok-history',
        pageInfo: { change: 'url', title: 'Pricing', location: { href: 'https://shop.test/pricing' } },
      },
    });
    first = (await openRoom(t, 'tok-history')).room._id;
    await call(t, {
      method: 'POST',
      url: '/api/v1/livechat/message',
      payload: {
        token: 'tok-history',
        rid: first,
        msg: 'Tom &amp; Jerry &lt;b&gt;x&lt;/b&gt; &quot;q&quot; it&#x27;s 5 &gt; 3',
      },
    });
    await call(t, {
      method: 'POST',
      url: '/api/v1/chat.sendMessage',
      as: alice,
      payload: { message: { rid: first, msg: 'Hello <there>' } },
    });
    await call(t, {
      method: 'POST',
      url: '/api/v1/livechat/room.note',
      as: alice,
      payload: { rid: first, msg: 'SECRET-NOTE for colleagues' },
    });
    await call(t, {
      method: 'POST',
      url: '/api/v1/livechat/room.closeByUser',
      as: alice,
      payload: { rid: first, comment: 'CLOSE-COMMENT for colleagues' },
    });
    await status(alice, 'not-available');
    bob = await availableAgent(t, 'h-bob');
    second = (await openRoom(t, 'tok-history')).room._id;
    carol = await createStaff(t, 'h-carol', ['livechat-agent']);
    manager = await createStaff(t, 'h-manager', ['livechat-manager']);
  });
  afterAll(async () => {
    await t?.close();
  });

  it.skipIf(!run)('transcript view: text as typed, no notes, no comments, neutral system lines', async () => {
    const r = await get(`/api/v1/livechat/transcript/${first}`, alice);
    expect(r.status).toBe(200);
    const tr = r.body.transcript as {
      head: { title: string; facts: string[] };
      lines: { who?: string; text: string }[];
      transcriptRequest: unknown;
    };
    expect(tr.head.facts).toContain('Agent: h-alice');
    expect(tr.lines.map((l) => l.text)).toEqual([
      'Tom & Jerry <b>x</b> "q" it\'s 5 > 3',
      'Hello <there>',
      'The chat was closed',
    ]);
    expect(tr.lines[2]!.who).toBeUndefined();
    expect(JSON.stringify(tr)).not.toContain('SECRET-NOTE');
    expect(JSON.stringify(tr)).not.toContain('CLOSE-COMMENT');
    expect(tr.transcriptRequest).toBeNull();
  });

  it.skipIf(!run)('downloads plain text and escaped, printable HTML as attachments', async () => {
    const txt = await get(`/api/v1/livechat/transcript/${first}/download?format=txt`, manager);
    expect(txt.status).toBe(200);
    expect(txt.res.headers['content-type']).toBe('text/plain; charset=utf-8');
    expect(txt.res.headers['content-disposition']).toBe(`attachment; filename="transcript-${first}.txt"`);
    expect(txt.res.body).toContain('Visitor tok-history: Tom & Jerry <b>x</b> "q" it\'s 5 > 3');
    expect(txt.res.body).toContain('h-alice: Hello <there>');
    expect(txt.res.body).not.toContain('SECRET-NOTE');

    const html = await get(`/api/v1/livechat/transcript/${first}/download?format=html`, manager);
    expect(html.status).toBe(200);
    expect(html.res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(html.res.headers['content-disposition']).toBe(`attachment; filename="transcript-${first}.html"`);
    expect(html.res.headers['content-security-policy']).toContain("default-src 'none'");
    expect(html.res.body).toContain('Tom &amp; Jerry &lt;b&gt;x&lt;/b&gt; &quot;q&quot; it&#x27;s 5 &gt; 3');
    expect(html.res.body).not.toContain('<b>x</b>');
    expect(html.res.body).toContain('@media print');

    const bad = await get(`/api/v1/livechat/transcript/${first}/download?format=pdf`, manager);
    expect(bad.status).toBe(400);
    expect(bad.body.errorType).toBe('invalid-params');
  });

  it.skipIf(!run)('transcript permission matrix: who may read which chat', async () => {
    const url = `/api/v1/livechat/transcript/${first}`;
    expect((await get(url)).status).toBe(401);
    expect((await get(url, alice)).status).toBe(200); // served it
    expect((await get(url, bob)).status).toBe(200); // serves this visitor now: earlier chats open
    expect((await get(url, manager)).status).toBe(200);
    expect((await get(url, t.admin)).status).toBe(200);
    const carolR = await get(url, carol);
    expect(carolR.status).toBe(403);
    expect(carolR.body.errorType).toBe('error-not-allowed');
    expect((await get(`/api/v1/livechat/transcript/${first}/download`, carol)).status).toBe(403);
    const unknown = await get('/api/v1/livechat/transcript/NoSuchRoom', manager);
    expect(unknown.status).toBe(400);
    expect(unknown.body.errorType).toBe('invalid-room');
    expect((await get('/api/v1/livechat/transcript/bad%20id', manager)).status).toBe(400);
    // Alice no longer serves this visitor: Bob's open chat is not hers
    expect((await get(`/api/v1/livechat/transcript/${second}`, alice)).status).toBe(403);
  });

  it.skipIf(!run)(
    'visitors.info: Rocket.Chat shape, visitor-not-found, and agents only for their visitors',
    async () => {
      const url = `/api/v1/livechat/visitors.info?visitorId=${visitor._id}`;
      const r = await get(url, bob);
      expect(r.status).toBe(200);
      expect(r.body).toMatchObject({
        success: true,
        visitor: {
          _id: visitor._id,
          token: 'tok-history',
          name: 'Visitor tok-history',
          visitorEmails: [{ address: 'vera@example.com' }],
          livechatData: {},
        },
      });
      expect((await get(url)).status).toBe(401);
      expect((await get(url, manager)).status).toBe(200);
      expect((await get(url, carol)).status).toBe(403);
      const missing = await get('/api/v1/livechat/visitors.info?visitorId=nobody', manager);
      expect(missing.status).toBe(400);
      expect(missing.body.errorType).toBe('visitor-not-found');
      expect((await get('/api/v1/livechat/visitors.info', manager)).status).toBe(400);
    },
  );

  it.skipIf(!run)('visitors.chatHistory: the visitor rooms newest first, paginated', async () => {
    const url = `/api/v1/livechat/visitors.chatHistory/room/${second}/visitor/${visitor._id}`;
    const r = await get(url, bob);
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ success: true, count: 2, offset: 0, total: 2 });
    const history = r.body.history as {
      _id: string;
      open: boolean;
      servedBy?: { username: string };
      closedAt?: string;
    }[];
    expect(history.map((h) => h._id)).toEqual([second, first]);
    expect(history[1]).toMatchObject({ open: false, servedBy: { username: 'h-alice' }, closedAt: expect.any(String) });
    const page = await get(`${url}?count=1&offset=1`, bob);
    expect((page.body.history as { _id: string }[]).map((h) => h._id)).toEqual([first]);
    expect(page.body).toMatchObject({ count: 1, offset: 1, total: 2 });
    expect((await get(url, carol)).status).toBe(403);
    expect((await get(url)).status).toBe(401);
    const other = await newVisitor(t, 'tok-history-other');
    const mismatch = await get(`/api/v1/livechat/visitors.chatHistory/room/${second}/visitor/${other._id}`, bob);
    expect(mismatch.status).toBe(403);
    expect((await get(`${url}?count=-1`, bob)).status).toBe(400);
  });

  it.skipIf(!run)('page.visited is stored and visitors.pagesVisited answers it as navigation messages', async () => {
    const r = await call(t, {
      method: 'POST',
      url: '/api/v1/livechat/page.visited',
      payload: {
        token: 'tok-history',
        rid: second,
        pageInfo: { change: 'url', title: 'Checkout', location: { href: 'https://shop.test/checkout' } },
      },
    });
    expect(r.body).toMatchObject({
      success: true,
      page: { msg: 'Checkout - https://shop.test/checkout', navigation: { token: 'tok-history' } },
    });
    // not stored: another kind of change, an unknown visitor, an empty URL (Rocket.Chat answers success alone)
    for (const payload of [
      {
        token: 'tok-history',
        rid: second,
        pageInfo: { change: 'title', title: 'x', location: { href: 'https://x.test' } },
      },
      { token: 'nobody-here', pageInfo: { change: 'url', title: 'x', location: { href: 'https://x.test' } } },
      { token: 'tok-history', pageInfo: { change: 'url', title: 'x', location: { href: '' } } },
    ]) {
      const n = await call(t, { method: 'POST', url: '/api/v1/livechat/page.visited', payload });
      expect([n.status, n.body]).toEqual([200, { success: true }]);
    }
    // pageInfo without a location is refused by Rocket.Chat's validator
    const bad = { token: 'tok-history', pageInfo: { change: 'url', title: 'x' } };
    expect((await call(t, { method: 'POST', url: '/api/v1/livechat/page.visited', payload: bad })).status).toBe(400);

    const pages = await get(`/api/v1/livechat/visitors.pagesVisited/${second}`, bob);
    expect(pages.status).toBe(200);
    expect(pages.body).toMatchObject({ success: true, count: 1, total: 1, offset: 0 });
    expect((pages.body.pages as unknown[])[0]).toMatchObject({
      rid: second,
      t: 'livechat_navigation_history',
      msg: 'Checkout - https://shop.test/checkout',
      navigation: { page: { title: 'Checkout', location: { href: 'https://shop.test/checkout' }, change: 'url' } },
    });
    // the first chat counts the page seen before it began
    const before = await get(`/api/v1/livechat/visitors.pagesVisited/${first}`, manager);
    expect((before.body.pages as { msg: string }[]).map((p) => p.msg)).toEqual(['Pricing - https://shop.test/pricing']);
    expect((await get(`/api/v1/livechat/visitors.pagesVisited/${second}`, carol)).status).toBe(403);
    expect((await get(`/api/v1/livechat/visitors.pagesVisited/${second}`)).status).toBe(401);
  });

  it.skipIf(!run)("livechat/transcript/:rid: request on close and withdraw it, Rocket.Chat's errors", async () => {
    const url = `/api/v1/livechat/transcript/${second}`;
    const post = (as: Session | undefined, payload: Record<string, unknown>) =>
      call(t, { method: 'POST', url, as, payload });
    expect((await post(undefined, { email: 'v@example.com', subject: 'x' })).status).toBe(401);
    expect((await post(carol, { email: 'v@example.com', subject: 'x' })).status).toBe(403);
    expect((await post(bob, { email: 'v@example.com' })).status).toBe(400); // subject is required, as in Rocket.Chat
    const badEmail = await post(bob, { email: 'not-an-email', subject: 'x' });
    expect(badEmail.body.errorType).toBe('error-invalid-email');

    const none = await call(t, { method: 'DELETE', url, as: bob });
    expect(none.status).toBe(400);
    expect(none.body.errorType).toBe('error-transcript-not-requested');

    expect((await post(bob, { email: 'v@example.com', subject: 'Your chat' })).body).toEqual({ success: true });
    const again = await post(manager, { email: 'w@example.com', subject: 'x' });
    expect(again.status).toBe(400);
    expect(again.body.errorType).toBe('error-transcript-already-requested');
    const view = await get(url, bob);
    expect((view.body.transcript as { transcriptRequest: unknown }).transcriptRequest).toMatchObject({
      email: 'v@example.com',
      subject: 'Your chat',
      requestedBy: { _id: bob.userId, username: 'h-bob' },
      requestedAt: expect.any(String),
    });

    expect((await call(t, { method: 'DELETE', url, as: carol })).status).toBe(403);
    expect((await call(t, { method: 'DELETE', url, as: bob })).body).toEqual({ success: true });
    expect((await get(url, bob)).body.transcript).toMatchObject({ transcriptRequest: null });

    const closed = await call(t, {
      method: 'POST',
      url: `/api/v1/livechat/transcript/${first}`,
      as: manager,
      payload: { email: 'v@example.com', subject: 'x' },
    });
    expect(closed.status).toBe(400);
    expect(closed.body.errorType).toBe('error-invalid-room');
  });
});
