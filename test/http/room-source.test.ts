/**
 * A room's `source.type`, as Rocket.Chat decides it (isWidget): `widget` when the request carries
 * both widgets' cookies `rc_room_type=l` and `rc_is_widget=t`, `api` for a plain REST client.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, makeApp } from '../helpers/app.ts';
import type { TestApp } from '../helpers/app.ts';
import { newVisitor, openRoom } from '../helpers/livechat.ts';
import { isWidget } from '../../src/http/routes/livechat-visitor.ts';

describe('room source', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await makeApp();
  });
  afterAll(() => t?.close());

  it('is api for a REST client and widget with the widget cookies, also read back later', async () => {
    await newVisitor(t, 'tok-api');
    await newVisitor(t, 'tok-widget');
    const api = await openRoom(t, 'tok-api');
    const widget = await openRoom(t, 'tok-widget', { cookie: 'rc_room_type=l; rc_is_widget=t; other=x' });
    expect((api.room as { source?: unknown }).source).toEqual({ type: 'api' });
    expect((widget.room as { source?: unknown }).source).toEqual({ type: 'widget' });
    const info = await call(t, { method: 'GET', url: `/api/v1/rooms.info?roomId=${widget.room._id}`, as: t.admin });
    expect(info.body.room).toMatchObject({ source: { type: 'widget' } });
  });

  it('needs both cookies with their values', () => {
    expect(isWidget(undefined)).toBe(false);
    expect(isWidget('rc_is_widget=t')).toBe(false);
    expect(isWidget('rc_room_type=l;rc_is_widget=f')).toBe(false);
    expect(isWidget(' rc_is_widget=t ;rc_room_type=l')).toBe(true);
  });
});
