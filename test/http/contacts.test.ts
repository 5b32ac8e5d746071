/**
 * Contacts, Rocket.Chat 7's model (issue 14): conformance with Rocket.Chat's omnichannel/contacts*
 * routes (apps/meteor/app/livechat/server/api/v1/contact.ts and its end-to-end tests): each
 * route's success shape and each rejection Rocket.Chat makes, plus the model itself: a visitor
 * belongs to a contact, contacts merge on verified channels, a blocked channel starts no chat,
 * and the CRM payload carries the contact. On both dialects.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, createStaff, makeApp } from '../helpers/app.ts';
import type { Session, TestApp } from '../helpers/app.ts';
import { newVisitor, openRoom, roomEvents } from '../helpers/livechat.ts';
import { postgresAvailable } from '../helpers/db.ts';

const pgUp = await postgresAvailable();
interface ContactBody {
  _id: string;
  name: string;
  unknown: boolean;
  phones?: { phoneNumber: string }[];
  conflictingFields?: { field: string; value: string }[];
  lastChat?: { _id: string };
  channels: { name: string; blocked: boolean; verified: boolean; field?: string; lastChat?: { _id: string } }[];
}

const FORBIDDEN = 'User does not have the permissions required for this action [error-unauthorized]';

describe.each([
  { dialect: 'sqlite' as const, run: true },
  { dialect: 'postgres' as const, run: pgUp },
])('omnichannel/contacts ($dialect)', ({ dialect, run }) => {
  let t: TestApp;
  let agent: Session & { username: string };
  let plain: Session & { username: string };

  const post = (url: string, payload: unknown, as: Session = t.admin) =>
    call(t, { method: 'POST', url: `/api/v1/${url}`, payload: payload as Record<string, unknown>, as });
  const get = (url: string, as: Session = t.admin) => call(t, { method: 'GET', url: `/api/v1/${url}`, as });
  const create = async (body: Record<string, unknown>) => {
    const r = await post('omnichannel/contacts', body);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    return r.body.contactId as string;
  };
  const contactOf = async (visitorId: string) =>
    (
      await t.services.db
        .selectFrom('visitors')
        .select('contact_id')
        .where('_id', '=', visitorId)
        .executeTakeFirstOrThrow()
    ).contact_id as string;

  beforeAll(async () => {
    if (!run) return;
    t = await makeApp({ dialect });
    agent = await createStaff(t, 'c-agent', ['livechat-agent']);
    plain = await createStaff(t, 'c-plain', ['user']);
  });
  afterAll(async () => {
    if (run) await t.close();
  });

  it.skipIf(!run)('POST omnichannel/contacts creates a known contact; contacts.get answers its shape', async () => {
    const id = await create({
      name: 'Ada Lovelace',
      emails: ['ada@example.com'],
      phones: ['+4420'],
      contactManager: agent.userId,
    });
    expect(id).toEqual(expect.any(String));
    const r = await get(`omnichannel/contacts.get?contactId=${id}`);
    expect(r.status).toBe(200);
    expect(r.body.success).toBe(true);
    const c = r.body.contact as Record<string, unknown>;
    expect(c).toMatchObject({
      _id: id,
      name: 'Ada Lovelace',
      emails: [{ address: 'ada@example.com' }],
      phones: [{ phoneNumber: '+4420' }],
      contactManager: agent.userId,
      unknown: false,
      channels: [],
      customFields: {},
    });
    expect(c.createdAt).toEqual(expect.any(String));
    expect(c).not.toHaveProperty('lastChat');
  });

  it.skipIf(!run)('create: Rocket.Chat’s validation messages and the contact manager check', async () => {
    const missing = await post('omnichannel/contacts', { emails: [], phones: [] });
    expect(missing.status).toBe(400);
    expect(missing.body).toMatchObject({
      success: false,
      error: "must have required property 'name' [invalid-params]",
      errorType: 'invalid-params',
    });
    expect((await post('omnichannel/contacts', { name: 'x', phones: [] })).body.error).toBe(
      "must have required property 'emails' [invalid-params]",
    );
    expect((await post('omnichannel/contacts', { name: 'x', emails: 'a', phones: [] })).body.error).toBe(
      'must be array [invalid-params]',
    );
    expect((await post('omnichannel/contacts', { name: 'x', emails: [{ a: 1 }], phones: [] })).body.error).toBe(
      'must be string [invalid-params]',
    );
    expect((await post('omnichannel/contacts', { name: 'x', emails: [], phones: [], extra: 1 })).body.error).toBe(
      'must NOT have additional properties [invalid-params]',
    );
    const badManager = await post('omnichannel/contacts', {
      name: 'x',
      emails: [],
      phones: [],
      contactManager: 'nobody',
    });
    expect(badManager.status).toBe(400);
    expect(badManager.body.error).toBe('error-contact-manager-not-found');
    const notAgent = await post('omnichannel/contacts', {
      name: 'x',
      emails: [],
      phones: [],
      contactManager: plain.userId,
    });
    expect(notAgent.body.error).toBe('error-contact-manager-not-found');
    const custom = await post('omnichannel/contacts', {
      name: 'x',
      emails: [],
      phones: [],
      customFields: { nope: '1' },
    });
    expect(custom.body.error).toBe('Custom field nope is not allowed');
  });

  it.skipIf(!run)('permissions: a user without the contact permissions is refused as Rocket.Chat refuses', async () => {
    for (const r of [
      await post('omnichannel/contacts', { name: 'x', emails: [], phones: [] }, plain),
      await post('omnichannel/contacts.update', { contactId: 'x' }, plain),
      await get('omnichannel/contacts.get?contactId=x', plain),
      await get('omnichannel/contacts.search', plain),
      await get('omnichannel/contacts.checkExistence?contactId=x', plain),
      await get('omnichannel/contacts.history?contactId=x', plain),
      await get('omnichannel/contacts.channels?contactId=x', plain),
      await post('omnichannel/contacts.block', { visitor: { visitorId: 'v', source: { type: 'api' } } }, plain),
      await post('omnichannel/contacts.unblock', { visitor: { visitorId: 'v', source: { type: 'api' } } }, plain),
      await post('omnichannel/contacts.delete', { contactId: 'x' }, plain),
      await post('omnichannel/contacts.conflicts', { contactId: 'x' }, plain),
    ]) {
      expect(r.status).toBe(403);
      expect(r.body.error).toBe(FORBIDDEN);
    }
    // an agent may view and edit contacts, but not delete them
    expect((await get('omnichannel/contacts.search', agent)).status).toBe(200);
    expect((await post('omnichannel/contacts.delete', { contactId: 'x' }, agent)).status).toBe(403);
    const anon = await call(t, { method: 'GET', url: '/api/v1/omnichannel/contacts.search' });
    expect(anon.status).toBe(401);
  });

  it.skipIf(!run)('contacts.update: fields replace, unknown becomes false, errors as Rocket.Chat', async () => {
    const id = await create({ name: 'Before', emails: ['b@example.com'], phones: [] });
    const r = await post('omnichannel/contacts.update', {
      contactId: id,
      name: 'After',
      emails: ['after@example.com'],
      phones: ['123'],
      contactManager: agent.userId,
    });
    expect(r.status).toBe(200);
    expect(r.body.contact).toMatchObject({
      _id: id,
      name: 'After',
      emails: [{ address: 'after@example.com' }],
      phones: [{ phoneNumber: '123' }],
      contactManager: agent.userId,
      unknown: false,
    });
    const unknown = await post('omnichannel/contacts.update', { contactId: 'nope', name: 'x' });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error).toBe('error-contact-not-found');
    expect((await post('omnichannel/contacts.update', { contactId: id, contactManager: 'nobody' })).body.error).toBe(
      'error-contact-manager-not-found',
    );
    expect((await post('omnichannel/contacts.update', { name: 'x' })).body.error).toBe(
      "must have required property 'contactId' [invalid-params]",
    );
    expect((await post('omnichannel/contacts.update', { contactId: id, unknown: true })).body.error).toBe(
      'must NOT have additional properties [invalid-params]',
    );
    expect((await post('omnichannel/contacts.update', { contactId: id, phones: 'x' })).body.error).toBe(
      'must be array [invalid-params]',
    );
  });

  it.skipIf(!run)('custom fields follow the registry: required, regexp, not allowed, legacy kept', async () => {
    const save = (field: string, required: boolean) =>
      post('livechat/custom-fields.save', {
        customFieldId: null,
        customFieldData: {
          field,
          label: `Field ${field}`,
          scope: 'visitor',
          visibility: 'visible',
          regexp: '^[0-9]+$',
          required,
        },
      });
    expect((await save('cf1', true)).status).toBe(200);
    expect((await save('cf2', false)).status).toBe(200);
    expect(
      (await post('omnichannel/contacts', { name: 'x', emails: [], phones: [], customFields: {} })).body.error,
    ).toBe('Invalid value for Field cf1 field');
    expect(
      (await post('omnichannel/contacts', { name: 'x', emails: [], phones: [], customFields: { cf1: 'abc' } })).body
        .error,
    ).toBe('Invalid value for Field cf1 field');
    const id = await create({ name: 'cf', emails: [], phones: [], customFields: { cf1: '1', cf2: '2' } });
    expect((await post('livechat/custom-fields.delete', { customFieldId: 'cf2' })).status).toBe(200);
    // cf2 is legacy now: kept, not updated, no error; an unregistered key it never had is refused
    const upd = await post('omnichannel/contacts.update', { contactId: id, customFields: { cf1: '5', cf2: '9' } });
    expect(upd.status).toBe(200);
    expect((upd.body.contact as { customFields: unknown }).customFields).toEqual({ cf1: '5', cf2: '2' });
    const bad = await post('omnichannel/contacts.update', { contactId: id, customFields: { cf1: '5', cf3: 'x' } });
    expect(bad.body.error).toBe('Custom field cf3 is not allowed');
    expect((await post('livechat/custom-fields.delete', { customFieldId: 'cf1' })).status).toBe(200);
  });

  it.skipIf(!run)('contacts.get: 404 Resource not found, and the contactId requirement', async () => {
    const r = await get('omnichannel/contacts.get?contactId=invalid');
    expect(r.status).toBe(404);
    expect(r.body).toMatchObject({ success: false, error: 'Resource not found' });
    expect((await get('omnichannel/contacts.get')).body.error).toBe(
      "must have required property 'contactId' [invalid-params]",
    );
  });

  it.skipIf(!run)('a registered visitor belongs to a new unknown contact with one api channel', async () => {
    const v = await newVisitor(t, 'tok-c1', { email: 'one@example.com' });
    const contactId = await contactOf(v._id);
    const { room } = await openRoom(t, 'tok-c1');
    const r = await get(`omnichannel/contacts.get?contactId=${contactId}`);
    const c = r.body.contact as ContactBody;
    expect(c).toMatchObject({ name: 'Visitor tok-c1', unknown: true, emails: [{ address: 'one@example.com' }] });
    expect(c.channels).toHaveLength(1);
    expect(c.channels[0]).toMatchObject({
      name: 'api',
      verified: false,
      blocked: false,
      visitor: { visitorId: v._id, source: { type: 'api' } },
      lastChat: { _id: room._id },
    });
    expect(c.lastChat?._id).toBe(room._id);
    // registering again adds no second channel
    await newVisitor(t, 'tok-c1', { phone: '555-1' });
    const again = (await get(`omnichannel/contacts.get?contactId=${contactId}`)).body.contact as ContactBody;
    expect(again.channels).toHaveLength(1);
    expect(again.phones).toEqual([{ phoneNumber: '555-1' }]);
    const ch = await get(`omnichannel/contacts.channels?contactId=${contactId}`);
    expect(ch.body.channels).toHaveLength(1);
    expect((await get('omnichannel/contacts.channels?contactId=invalid')).body).toEqual({
      channels: [],
      success: true,
    });
    expect((await get('omnichannel/contacts.channels')).body.error).toBe(
      "must have required property 'contactId' [invalid-params]",
    );
  });

  it.skipIf(!run)('a visitor with the email of a pre-created contact joins that contact', async () => {
    const id = await create({ name: 'Known Person', emails: ['known@example.com'], phones: [] });
    const v = await newVisitor(t, 'tok-c2', { email: 'Known@Example.com', name: 'Someone Else' });
    expect(await contactOf(v._id)).toBe(id);
    const c = (await get(`omnichannel/contacts.get?contactId=${id}`)).body.contact as ContactBody;
    // a known contact keeps its name; the visitor's goes to the conflicts
    expect(c.name).toBe('Known Person');
    expect(c.conflictingFields).toEqual([{ field: 'name', value: 'Someone Else' }]);
    const resolved = await post('omnichannel/contacts.conflicts', { contactId: id, name: 'Someone Else' });
    expect(resolved.status).toBe(200);
    expect(resolved.body.result).toMatchObject({ _id: id, name: 'Someone Else' });
    expect((resolved.body.result as Record<string, unknown>).conflictingFields).toBeUndefined();
    expect((await post('omnichannel/contacts.conflicts', { contactId: 'nope' })).body.error).toBe(
      'error-contact-not-found',
    );
  });

  it.skipIf(!run)('contacts.checkExistence: by id, email or phone, exactly one of them', async () => {
    const id = await create({ name: 'Exists', emails: ['exists@example.com'], phones: ['+1999'] });
    const ask = async (qs: string) => (await get(`omnichannel/contacts.checkExistence?${qs}`)).body;
    expect(await ask(`contactId=${id}`)).toEqual({ exists: true, success: true });
    expect(await ask('contactId=invalid')).toEqual({ exists: false, success: true });
    expect(await ask('email=EXISTS@example.com')).toEqual({ exists: true, success: true });
    expect(await ask('email=invalid@example.com')).toEqual({ exists: false, success: true });
    expect(await ask(`phone=${encodeURIComponent('+1999')}`)).toEqual({ exists: true, success: true });
    expect(await ask('phone=000')).toEqual({ exists: false, success: true });
    const none = await get('omnichannel/contacts.checkExistence');
    expect(none.status).toBe(400);
    expect(none.body.error).toContain("must have required property 'contactId'");
    expect(none.body.error).toContain('must match exactly one schema in oneOf [invalid-params]');
    const many = await get(`omnichannel/contacts.checkExistence?contactId=${id}&phone=1`);
    expect(many.body.error).toContain('must NOT have additional properties');
  });

  it.skipIf(!run)('the look-up keys follow the emails and phones; a returning visitor changes nothing', async () => {
    const id = await create({ name: 'Keyed', emails: ['old@keys.example', 'kept@keys.example'], phones: ['+1555'] });
    const exists = async (qs: string) =>
      (await get(`omnichannel/contacts.checkExistence?${qs}`)).body.exists as boolean;
    const upd = await post('omnichannel/contacts.update', {
      contactId: id,
      emails: ['kept@keys.example', 'new@keys.example'],
      phones: ['+1666'],
    });
    expect(upd.status, JSON.stringify(upd.body)).toBe(200);
    expect(await exists('email=old@keys.example')).toBe(false);
    expect(await exists('email=KEPT@keys.example')).toBe(true);
    expect(await exists('email=new@keys.example')).toBe(true);
    expect(await exists(`phone=${encodeURIComponent('+1555')}`)).toBe(false);
    expect(await exists(`phone=${encodeURIComponent('+1666')}`)).toBe(true);

    // a visitor registering again with the data it gave before leaves its contact as it was
    const token = `keys-${dialect}`;
    const v = { name: 'Rita Returning', email: 'rita@keys.example' };
    const rita = await newVisitor(t, token, v);
    const contactId = await contactOf(rita._id);
    const row = () =>
      t.services.db.selectFrom('contacts').selectAll().where('_id', '=', contactId).executeTakeFirstOrThrow();
    const first = await row();
    await new Promise((r) => setTimeout(r, 5));
    await newVisitor(t, token, v);
    expect(await row()).toEqual(first);
    await newVisitor(t, token, { ...v, email: 'rita.two@keys.example' });
    expect(await exists('email=rita.two@keys.example')).toBe(true);
    expect(await exists('email=rita@keys.example')).toBe(true);
  });

  it.skipIf(!run)('contacts.search: known by default, unknown on request, by name, email or phone', async () => {
    const id = await create({ name: 'Zed Searchable', emails: ['zed@search.example'], phones: ['+77777'] });
    const all = await get('omnichannel/contacts.search');
    expect(all.status).toBe(200);
    expect(all.body).toMatchObject({ success: true, count: 50, offset: 0 });
    expect((all.body.contacts as { unknown: boolean }[]).every((c) => !c.unknown)).toBe(true);
    const unknown = await get('omnichannel/contacts.search?unknown=true');
    expect((unknown.body.contacts as { unknown: boolean }[]).length).toBeGreaterThan(0);
    expect((unknown.body.contacts as { unknown: boolean }[]).every((c) => c.unknown)).toBe(true);
    // contains, case-insensitive, as Rocket.Chat's regular expression search
    for (const text of ['zed@search.example', '+77777', 'Zed Searchable', 'zed sEARCH']) {
      const r = await get(`omnichannel/contacts.search?searchText=${encodeURIComponent(text)}`);
      expect(r.body.total).toBe(1);
      expect((r.body.contacts as { _id: string }[])[0]!._id).toBe(id);
    }
    expect((await get('omnichannel/contacts.search?searchText=invalid-none')).body).toMatchObject({
      contacts: [],
      total: 0,
    });
    expect((await get('omnichannel/contacts.search?bogus=1')).body.error).toBe(
      'must NOT have additional properties [invalid-params]',
    );
  });

  it.skipIf(!run)('contacts.history: closed chats only, newest first, filtered by source', async () => {
    await newVisitor(t, 'tok-c3');
    const { room: r1 } = await openRoom(t, 'tok-c3');
    const close = await call(t, {
      method: 'POST',
      url: '/api/v1/livechat/room.close',
      payload: { rid: r1._id, token: 'tok-c3' },
    });
    expect(close.status, JSON.stringify(close.body)).toBe(200);
    const { room: r2 } = await openRoom(t, 'tok-c3');
    const contactId = await contactOf((await t.services.livechat.visitors.get('tok-c3'))._id);
    const h = await get(`omnichannel/contacts.history?contactId=${contactId}`);
    expect(h.status).toBe(200);
    expect(h.body).toMatchObject({ success: true, total: 1, count: 1, offset: 0 });
    const entry = (h.body.history as Record<string, unknown>[])[0]!;
    expect(entry._id).toBe(r1._id);
    expect(entry).toHaveProperty('closedAt');
    expect(entry).toHaveProperty('closer', 'visitor');
    expect(entry).toHaveProperty('source');
    expect((h.body.history as { _id: string }[]).some((x) => x._id === r2._id)).toBe(false);
    const other = await get(`omnichannel/contacts.history?contactId=${contactId}&source=sms`);
    expect(other.body).toMatchObject({ history: [], total: 0 });
    const fresh = await create({ name: 'No history', emails: [], phones: [] });
    expect((await get(`omnichannel/contacts.history?contactId=${fresh}`)).body).toMatchObject({
      history: [],
      total: 0,
    });
    const missing = await get('omnichannel/contacts.history?contactId=invalid');
    expect(missing.status).toBe(400);
    expect(missing.body.error).toBe('error-contact-not-found');
  });

  it.skipIf(!run)('contacts.block closes the open chat and refuses a new one; unblock lets it start', async () => {
    const v = await newVisitor(t, 'tok-c4');
    const { room } = await openRoom(t, 'tok-c4');
    const association = { visitorId: v._id, source: { type: 'api' } };
    const blocked = await post('omnichannel/contacts.block', { visitor: association });
    expect(blocked.status).toBe(200);
    expect(blocked.body).toEqual({ success: true });
    const contactId = await contactOf(v._id);
    const c = (await get(`omnichannel/contacts.get?contactId=${contactId}`)).body.contact as ContactBody;
    expect(c.channels[0]?.blocked).toBe(true);
    const closed = await t.services.db
      .selectFrom('rooms')
      .selectAll()
      .where('_id', '=', room._id)
      .executeTakeFirstOrThrow();
    expect(closed.open).toBe(0);
    const last = await t.services.db
      .selectFrom('messages')
      .select('msg')
      .where('rid', '=', room._id)
      .orderBy('seq', 'desc')
      .executeTakeFirstOrThrow();
    expect(last.msg).toBe('This channel has been blocked');
    const refused = await call(t, { method: 'GET', url: '/api/v1/livechat/room?token=tok-c4' });
    expect(refused.status).toBe(400);
    expect(refused.body).toMatchObject({ success: false, error: 'error-contact-channel-blocked' });

    expect(
      (await post('omnichannel/contacts.block', { visitor: { ...association, visitorId: 'invalid' } })).body.error,
    ).toBe('error-contact-not-found');
    expect(
      (await post('omnichannel/contacts.block', { visitor: { ...association, source: { type: 'sms' } } })).body.error,
    ).toBe('error-contact-not-found');
    expect((await post('omnichannel/contacts.block', {})).body.error).toBe(
      "must have required property 'visitor' [invalid-params]",
    );
    expect((await post('omnichannel/contacts.block', { visitor: { source: { type: 'api' } } })).body.error).toBe(
      "must have required property 'visitorId' [invalid-params]",
    );
    expect((await post('omnichannel/contacts.unblock', { visitor: { visitorId: v._id } })).body.error).toBe(
      "must have required property 'source' [invalid-params]",
    );
    expect((await post('omnichannel/contacts.unblock', { visitor: { visitorId: v._id, source: {} } })).body.error).toBe(
      "must have required property 'type' [invalid-params]",
    );

    expect((await post('omnichannel/contacts.unblock', { visitor: association })).status).toBe(200);
    const after = (await get(`omnichannel/contacts.get?contactId=${contactId}`)).body.contact as ContactBody;
    expect(after.channels[0]?.blocked).toBe(false);
    expect((await openRoom(t, 'tok-c4')).newRoom).toBe(true);
  });

  it.skipIf(!run)('verifying channels merges contacts verified on the same email', async () => {
    const a = await newVisitor(t, 'tok-c5', { email: 'same@example.com', name: 'Sam A' });
    const b = await newVisitor(t, 'tok-c6', { email: 'same@example.com', name: 'Sam B' });
    const ca = await contactOf(a._id);
    const cb = await contactOf(b._id);
    expect(ca).not.toBe(cb);
    const verify = (contactId: string, visitorId: string) =>
      post('omnichannel/contacts.verifyChannel', {
        contactId,
        visitor: { visitorId, source: { type: 'api' } },
        field: 'email',
        value: 'same@example.com',
      });
    const first = await verify(ca, a._id);
    expect(first.status).toBe(200);
    expect((first.body.contact as { channels: unknown[] }).channels).toHaveLength(1);
    const second = await verify(cb, b._id);
    expect(second.status).toBe(200);
    const merged = second.body.contact as ContactBody;
    expect(merged._id).toBe(cb);
    expect(merged.channels).toHaveLength(2);
    expect(merged.channels.every((c) => c.verified && c.field === 'email')).toBe(true);
    expect(merged.conflictingFields).toEqual([{ field: 'name', value: 'Sam A' }]);
    expect(await contactOf(a._id)).toBe(cb);
    expect((await get(`omnichannel/contacts.get?contactId=${ca}`)).status).toBe(404);
    expect((await verify('nope', a._id)).body.error).toBe('error-invalid-contact');
  });

  it.skipIf(!run)('contacts.delete: refused with chats, 404 unknown, removes a chat-less contact', async () => {
    const withChat = await contactOf((await t.services.livechat.visitors.get('tok-c1'))._id);
    const refused = await post('omnichannel/contacts.delete', { contactId: withChat });
    expect(refused.status).toBe(400);
    expect(refused.body.error).toBe('error-invalid-contact');
    const unknown = await post('omnichannel/contacts.delete', { contactId: 'nope' });
    expect(unknown.status).toBe(404);
    expect(unknown.body.error).toBe('error-contact-not-found');
    const v = await newVisitor(t, 'tok-c7');
    const id = await contactOf(v._id);
    const ok = await post('omnichannel/contacts.delete', { contactId: id });
    expect(ok.status).toBe(200);
    expect(ok.body).toEqual({ success: true });
    expect((await get(`omnichannel/contacts.get?contactId=${id}`)).status).toBe(404);
    expect(await t.services.livechat.visitors.find('tok-c7')).toBeUndefined();
  });

  it.skipIf(!run)('the CRM payload gains contactId and channels; the visitor part is unchanged', async () => {
    const v = await newVisitor(t, 'tok-c8', { email: 'crm@example.com' });
    const { room } = await openRoom(t, 'tok-c8');
    const [start] = await roomEvents(t, room._id);
    const contactId = await contactOf(v._id);
    expect(start!.body.contactId).toBe(contactId);
    expect(start!.body.contact).toMatchObject({
      _id: contactId,
      channels: [{ name: 'api', visitor: { visitorId: v._id, source: { type: 'api' } } }],
    });
    const visitor = start!.body.visitor as Record<string, unknown>;
    expect(Object.keys(visitor)).not.toContain('contactId');
    expect(visitor).toMatchObject({ _id: v._id, token: 'tok-c8' });
  });
});
