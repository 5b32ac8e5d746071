/**
 * The CRM payload's contact (store/contacts.ts contactForPayload), on every dialect: one prepared
 * statement gives the same id, name and channels, in the same order, as reading the contact and
 * its channels apart; a change committed before an event shows in the next read, and a change in
 * the event's own transaction shows in it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dialects, openTestStore } from '../helpers/db.ts';
import type { TestStore } from '../helpers/db.ts';
import {
  channelsOf,
  contactForPayload,
  contactRow,
  disableContact,
  insertChannel,
  insertContact,
  saveContact,
  setChannelBlocked,
  setChannelVerified,
} from '../../src/store/contacts.ts';
import type { ContactData } from '../../src/domain/contacts.ts';
import { newId } from '../../src/domain/ids.ts';

const NOW = 1_700_000_000_000;

const data = (name: string): ContactData => ({
  name,
  emails: ['ann@example.com'],
  phones: [],
  unknown: false,
  customFields: {},
  conflictingFields: [],
});

describe.each(await dialects())('payload contact on %s', (dialect) => {
  let ts: TestStore;
  beforeAll(async () => {
    ts = await openTestStore(dialect);
  });
  afterAll(async () => ts.cleanup());

  const read = (id: string | null) => ts.store.transact((_trx, x) => contactForPayload(x, id));

  it('matches the contact and its channels read apart, in order', async () => {
    const db = ts.store.db;
    const id = newId();
    await insertContact(ts.store.exec, id, data('Ann'), NOW);
    const v1 = newId();
    const v2 = newId();
    await insertChannel(
      ts.store.exec,
      id,
      { visitorId: v2, source: { type: 'widget' } },
      { type: 'widget' },
      'widget',
      NOW + 2,
    );
    await insertChannel(
      ts.store.exec,
      id,
      { visitorId: v1, source: { type: 'api', id: 'app-1' } },
      { type: 'api', id: 'app-1' },
      'api',
      NOW + 1,
    );
    await setChannelVerified(db, { visitorId: v2, source: { type: 'widget' } }, { field: 'email', value: 'a@x' }, NOW);
    await setChannelBlocked(db, { visitorId: v1, source: { type: 'api', id: 'app-1' } }, true);

    const got = await read(id);
    const row = (await contactRow(ts.store.exec, id))!;
    const channels = await channelsOf(db, [id]);
    expect(got?._id).toBe(id);
    expect(got?.name).toBe(row.name);
    expect(got?.channels.map((c) => c.visitor.visitorId)).toEqual(channels.map((c) => c.visitor_id));
    expect(got?.channels).toEqual([
      {
        name: 'api',
        verified: false,
        visitor: { visitorId: v1, source: { type: 'api', id: 'app-1' } },
        blocked: true,
        details: { type: 'api', id: 'app-1' },
      },
      {
        name: 'widget',
        verified: true,
        visitor: { visitorId: v2, source: { type: 'widget' } },
        blocked: false,
        field: 'email',
        value: 'a@x',
        verifiedAt: new Date(NOW),
        details: { type: 'widget' },
      },
    ]);
  });

  it('a contact without channels, none, and a disabled one', async () => {
    const db = ts.store.db;
    const id = newId();
    await insertContact(ts.store.exec, id, data('Bo'), NOW);
    expect(await read(id)).toEqual({ _id: id, name: 'Bo', channels: [] });
    expect(await read(null)).toBeUndefined();
    expect(await read('no-such-contact')).toBeUndefined();
    await disableContact(db, id, NOW);
    expect(await read(id)).toBeUndefined();
  });

  it('shows a change committed before, and one made in the same transaction', async () => {
    const id = newId();
    await insertContact(ts.store.exec, id, data('Cy'), NOW);
    expect((await read(id))?.name).toBe('Cy');
    await saveContact(ts.store.exec, id, data('Cyrus'), NOW + 1);
    expect((await read(id))?.name).toBe('Cyrus');
    const inside = await ts.store.transact(async (_trx, x) => {
      await saveContact(x, id, data('Cyril'), NOW + 2);
      await insertChannel(x, id, { visitorId: 'v-new', source: { type: 'widget' } }, { type: 'widget' }, 'w', NOW);
      return contactForPayload(x, id);
    });
    expect(inside?.name).toBe('Cyril');
    expect(inside?.channels.map((c) => c.visitor.visitorId)).toEqual(['v-new']);
  });
});
