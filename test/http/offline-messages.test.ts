/** Offline messages reach a human: emailed through a real smtp-server, stored, listed, handled (both dialects). */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, createStaff, makeApp } from '../helpers/app.ts';
import type { Session, TestApp } from '../helpers/app.ts';
import { startSmtp, useSmtp } from '../helpers/smtp.ts';
import type { LocalSmtp } from '../helpers/smtp.ts';
import { setSetting } from '../helpers/livechat.ts';
import { dialects } from '../helpers/db.ts';
import { startLoopbackDns } from '../helpers/dns-server.ts';
import type { LoopbackDns } from '../helpers/dns-server.ts';

interface Listed {
  _id: string;
  name: string;
  email: string;
  message: string;
  department: { _id: string; name: string } | null;
  mailTo: string | null;
  mailStatus: string;
  handledAt: string | null;
  handledBy: string | null;
  createdAt: string;
}

for (const dialect of await dialects()) {
  describe(`offline messages (${dialect})`, () => {
    let t: TestApp;
    let smtp: LocalSmtp;
    let manager: Session;
    let agent: Session;
    const inbox = () => smtp.inbox;
    let port = 0;

    const leave = (payload: Record<string, unknown>) =>
      call(t, { method: 'POST', url: '/api/v1/livechat/offline.message', payload });
    const list = async (as: Session, query = '') => {
      const r = await call(t, { method: 'GET', url: `/api/v1/livechat/offline-messages${query}`, as });
      return { ...r, messages: (r.body.messages ?? []) as Listed[] };
    };

    beforeAll(async () => {
      t = await makeApp({ dialect });
      smtp = await startSmtp();
      port = smtp.port;
      await useSmtp(t, smtp);
      await setSetting(t, 'Livechat_offline_email', 'support@omnihook.test');
      manager = await createStaff(t, 'off-manager', ['livechat-manager']);
      agent = await createStaff(t, 'off-agent', ['livechat-agent']);
    });
    afterAll(async () => {
      await smtp.close();
      await t.close();
    });

    it("emails Livechat_offline_email with the visitor's message and Reply-To the visitor, and stores it", async () => {
      const r = await leave({ name: 'Vera Visitor', email: 'vera@example.com', message: 'Tom &amp; Jerry, call me' });
      expect(r.status).toBe(200);
      await t.services.offlineMessages.idle();
      expect(inbox()).toHaveLength(1);
      const mail = inbox()[0]!;
      expect(mail.to).toEqual(['support@omnihook.test']);
      expect(mail.data).toMatch(/^Reply-To: .*<?vera@example\.com>?/m);
      expect(mail.data).toContain('Subject: Livechat offline message from Vera Visitor');
      expect(mail.data).toContain('Tom & Jerry, call me');

      const { status, messages, body } = await list(manager);
      expect(status).toBe(200);
      expect(body).toMatchObject({ success: true, total: 1, count: 1, offset: 0 });
      expect(messages[0]).toMatchObject({
        name: 'Vera Visitor',
        email: 'vera@example.com',
        message: 'Tom & Jerry, call me',
        department: null,
        mailTo: 'support@omnihook.test',
        mailStatus: 'sent',
        handledAt: null,
      });
      // the webhook still fires: the event is recorded in the same commit
      const events = await t.services.db
        .selectFrom('events')
        .select('type')
        .where('type', '=', 'LivechatOfflineMessage')
        .execute();
      expect(events).toHaveLength(1);
    });

    it("uses the department's email when it has one", async () => {
      const d = await call(t, {
        method: 'POST',
        url: '/api/v1/livechat/department',
        as: t.admin,
        payload: {
          department: {
            enabled: true,
            name: 'Sales',
            email: 'sales@omnihook.test',
            showOnRegistration: true,
            showOnOfflineForm: true,
          },
        },
      });
      expect(d.status).toBe(200);
      const deptId = (d.body.department as { _id: string })._id;
      const r = await leave({ name: 'Sam', email: 'sam@example.com', message: 'pricing?', department: deptId });
      expect(r.status).toBe(200);
      await t.services.offlineMessages.idle();
      expect(inbox().at(-1)!.to).toEqual(['sales@omnihook.test']);
      const { messages } = await list(manager);
      expect(messages[0]).toMatchObject({
        name: 'Sam',
        department: { _id: deptId, name: 'Sales' },
        mailStatus: 'sent',
      });
    });

    it('SMTP down: the visitor still gets 200 and the row says not emailed', async () => {
      await setSetting(t, 'SMTP_Port', 1);
      try {
        const before = inbox().length;
        const r = await leave({ name: 'Dora', email: 'dora@example.com', message: 'anyone?' });
        expect(r.status).toBe(200);
        expect(r.body).toMatchObject({ success: true });
        await t.services.offlineMessages.idle();
        expect(inbox()).toHaveLength(before);
        const { messages } = await list(manager);
        expect(messages[0]).toMatchObject({ name: 'Dora', mailStatus: 'failed' });
      } finally {
        await setSetting(t, 'SMTP_Port', port);
      }
    });

    it('no address configured: stored with mailStatus none', async () => {
      await setSetting(t, 'Livechat_offline_email', '');
      try {
        const r = await leave({ name: 'Nina', email: 'nina@example.com', message: 'hello' });
        expect(r.status).toBe(200);
        const { messages } = await list(manager);
        expect(messages[0]).toMatchObject({ name: 'Nina', mailStatus: 'none', mailTo: null });
      } finally {
        await setSetting(t, 'Livechat_offline_email', 'support@omnihook.test');
      }
    });

    it('marks handled and reopens; handled=false lists only the open ones', async () => {
      const { messages } = await list(manager);
      const target = messages.find((m) => m.name === 'Vera Visitor')!;
      const r = await call(t, {
        method: 'POST',
        url: `/api/v1/livechat/offline-messages/${target._id}/handled`,
        as: manager,
        payload: { handled: true },
      });
      expect(r.status).toBe(200);
      const after = await list(manager);
      expect(after.messages.find((m) => m._id === target._id)).toMatchObject({
        handledAt: expect.any(String),
        handledBy: 'off-manager',
      });
      const open = await list(manager, '?handled=false');
      expect(open.messages.map((m) => m._id)).not.toContain(target._id);
      expect(open.body.total).toBe(after.messages.length - 1);
      const done = await list(manager, '?handled=true');
      expect(done.messages.map((m) => m._id)).toEqual([target._id]);
      const paged = await list(manager, '?count=1&offset=1');
      expect(paged.messages).toHaveLength(1);
      expect(paged.messages[0]!._id).toBe(after.messages[1]!._id);

      const reopen = await call(t, {
        method: 'POST',
        url: `/api/v1/livechat/offline-messages/${target._id}/handled`,
        as: manager,
        payload: { handled: false },
      });
      expect(reopen.status).toBe(200);
      expect((await list(manager)).messages.find((m) => m._id === target._id)!.handledAt).toBeNull();
    });

    it('permission matrix: managers and admins only', async () => {
      const { messages } = await list(manager);
      const id = messages[0]!._id;
      const who: [string, Session | undefined, number][] = [
        ['anonymous', undefined, 401],
        ['agent', agent, 403],
        ['manager', manager, 200],
        ['admin', t.admin, 200],
      ];
      for (const [name, as, status] of who) {
        const get = await call(t, { method: 'GET', url: '/api/v1/livechat/offline-messages', as });
        expect(get.status, `GET ${name}`).toBe(status);
        const post = await call(t, {
          method: 'POST',
          url: `/api/v1/livechat/offline-messages/${id}/handled`,
          as,
          payload: { handled: true },
        });
        expect(post.status, `POST ${name}`).toBe(status);
      }
    });

    it('bad input answers stable 4xx codes', async () => {
      const cases: [string, Parameters<typeof call>[1], number, string][] = [
        [
          'unknown id',
          { method: 'POST', url: '/api/v1/livechat/offline-messages/NoSuchId/handled', payload: { handled: true } },
          404,
          'error-invalid-offline-message',
        ],
        [
          'bad id',
          { method: 'POST', url: '/api/v1/livechat/offline-messages/bad%20id/handled', payload: { handled: true } },
          400,
          'invalid-params',
        ],
        [
          'missing handled',
          { method: 'POST', url: '/api/v1/livechat/offline-messages/NoSuchId/handled', payload: {} },
          400,
          'invalid-params',
        ],
        [
          'handled not boolean',
          { method: 'POST', url: '/api/v1/livechat/offline-messages/NoSuchId/handled', payload: { handled: 'maybe' } },
          400,
          'invalid-params',
        ],
        ['bad count', { method: 'GET', url: '/api/v1/livechat/offline-messages?count=-1' }, 400, 'invalid-params'],
        [
          'bad handled filter',
          { method: 'GET', url: '/api/v1/livechat/offline-messages?handled=perhaps' },
          400,
          'invalid-params',
        ],
      ];
      for (const [name, req, status, code] of cases) {
        const r = await call(t, { ...req, as: manager });
        expect(r.status, name).toBe(status);
        expect(r.body.errorType, name).toBe(code);
      }
    });
  });
}

// Livechat_validate_offline_email: the check the offline form runs before its transaction, against
// a DNS server on loopback (no query leaves the machine).
describe('offline messages: Livechat_validate_offline_email', () => {
  let t: TestApp;
  let dnsServer: LoopbackDns;
  beforeAll(async () => {
    t = await makeApp();
    dnsServer = await startLoopbackDns({ 'mail-ok.test': ['mx1.mail-ok.test'] });
    t.services.offlineMessages.useMxResolver(dnsServer.resolver);
  });
  afterAll(async () => {
    await dnsServer.close();
    await t.close();
  });

  const check = async (email: string) => {
    try {
      await t.services.offlineMessages.checkEmail(email);
      return 'ok';
    } catch (err) {
      return (err as { code?: string }).code;
    }
  };

  it('is off by default: nothing is checked and no DNS question is asked', async () => {
    expect(t.services.settings.get('Livechat_validate_offline_email')).toBe(false);
    expect(await check('vera@nowhere.test')).toBe('ok');
    expect(dnsServer.asked).toEqual([]);
  });

  it("when on, refuses a malformed address or a domain without MX with Rocket.Chat's id", async () => {
    await setSetting(t, 'Livechat_validate_offline_email', true);
    expect(await check('vera@mail-ok.test')).toBe('ok');
    expect(await check('Vera@MAIL-OK.test')).toBe('ok');
    expect(await check('vera@nowhere.test')).toBe('error-invalid-email-address');
    expect(await check('vera@localhost')).toBe('error-invalid-email-address');
    expect(await check('vera@-bad-.test')).toBe('error-invalid-email-address');
    expect(await check('not-an-address')).toBe('error-invalid-email-address');
    // malformed addresses are refused before any lookup
    expect(dnsServer.asked).toEqual(['mail-ok.test', 'mail-ok.test', 'nowhere.test']);
    await setSetting(t, 'Livechat_validate_offline_email', false);
    expect(await check('vera@nowhere.test')).toBe('ok');
  });

  it('acts on livechat/offline.message: refused without MX, stored with one', async () => {
    await setSetting(t, 'Livechat_validate_offline_email', true);
    const send = (email: string) =>
      t.app.inject({
        method: 'POST',
        url: '/api/v1/livechat/offline.message',
        payload: { name: 'Vera', email, message: 'Call me' },
      });
    const bad = await send('vera@nowhere.test');
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ success: false, errorType: 'error-invalid-email-address' });
    const ok = await send('vera@mail-ok.test');
    expect(ok.statusCode).toBe(200);
    const stored = await t.services.offlineMessages.list({ offset: 0, count: 50 });
    expect(stored.messages.map((m) => m.email)).toEqual(['vera@mail-ok.test']);
    await setSetting(t, 'Livechat_validate_offline_email', false);
  });
});
