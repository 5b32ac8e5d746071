/**
 * The answers that used to be documented as "{ success: true, ... }" or as open objects (webhook
 * endpoints and deliveries, the visitor's room.close and room.survey, trigger save and delete,
 * appearance save): their success schemas name every field, and real answers, with deliveries
 * and attempts present, validate against the document the server serves.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Ajv } from 'ajv';
import type { ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { call, makeApp } from '../helpers/app.ts';
import type { Session, TestApp } from '../helpers/app.ts';
import { availableAgent, newVisitor, openRoom } from '../helpers/livechat.ts';
import { startReceiver } from '../helpers/receiver.ts';
import type { Receiver } from '../helpers/receiver.ts';
import { runWorker, waitForDelivery } from '../helpers/deliveries.ts';

const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;

interface Schema {
  $ref?: string;
  type?: string;
  properties?: Record<string, unknown>;
  additionalProperties?: unknown;
}
interface Doc {
  paths: Record<
    string,
    Record<string, { responses: Record<string, { content?: Record<string, { schema: Schema }> }> }>
  >;
  components: { schemas: Record<string, Schema> };
}

/** The operations this file is about, and the fields each success answer must name. */
const PRECISE: Array<[method: string, path: string, fields: string[]]> = [
  ['get', '/api/v1/webhooks/endpoints', ['success', 'endpoints']],
  ['get', '/api/v1/webhooks/endpoints/{_id}', ['success', 'endpoint']],
  ['post', '/api/v1/webhooks/endpoints/{_id}/resume', ['success', 'due', 'endpoint']],
  ['post', '/api/v1/webhooks/endpoints/{_id}/recover', ['success', 'recovered', 'arriveLate']],
  ['post', '/api/v1/webhooks/endpoints/{_id}/test', ['success', 'eventId', 'deliveryId']],
  ['get', '/api/v1/webhooks/egress-check', ['success', 'allowed', 'message', 'allowlist']],
  ['get', '/api/v1/webhooks/deliveries', ['deliveries', 'count', 'offset', 'total', 'success']],
  ['get', '/api/v1/webhooks/deliveries/{_id}', ['delivery', 'arriveLate', 'success']],
  ['post', '/api/v1/webhooks/deliveries/{_id}/replay', ['delivery', 'success']],
  ['get', '/api/v1/webhooks/rooms/{rid}/deliveries', ['deliveries', 'total', 'success']],
  ['post', '/api/v1/webhooks/rooms/{rid}/deliveries/resend', ['resent', 'arriveLate', 'success']],
  ['post', '/api/v1/livechat/room.close', ['success', 'rid', 'comment']],
  ['post', '/api/v1/livechat/room.survey', ['success', 'rid', 'data']],
  ['post', '/api/v1/livechat/triggers', ['success']],
  ['delete', '/api/v1/livechat/triggers/{_id}', ['success']],
  ['post', '/api/v1/livechat/appearance', ['success']],
  ['post', '/api/v1/livechat/business-hours.remove', ['success']],
];

describe('precise success answers', () => {
  let t: TestApp;
  let rx: Receiver;
  let doc: Doc;
  let ajv: Ajv;

  beforeAll(async () => {
    t = await makeApp({ env: { EGRESS_ALLOWLIST: '127.0.0.1/32' } });
    rx = await startReceiver();
    // an available agent, so a visitor's room is served (room.close needs an open room)
    await availableAgent(t, 'precise-agent');
    doc = (await t.app.inject({ method: 'GET', url: '/api/docs/json' })).json() as Doc;
    ajv = new Ajv({ strict: false, allErrors: true });
    addFormats(ajv);
    ajv.addSchema({ ...(doc as object), $id: 'doc' });
  });
  afterAll(async () => {
    await rx?.close();
    await t?.close();
  });

  const escape = (s: string) => s.replace(/~/g, '~0').replace(/\//g, '~1');
  const successSchema = (method: string, path: string): Schema => {
    const s = doc.paths[path]?.[method]?.responses['200']?.content?.['application/json']?.schema;
    expect(s, `${method.toUpperCase()} ${path} has a JSON success schema`).toBeDefined();
    return s!;
  };
  const validators = new Map<string, ValidateFunction>();
  /** Calls a route, expects 200, and validates the body against the document's success schema. */
  async function check(
    method: 'GET' | 'POST' | 'DELETE',
    url: string,
    path: string,
    opts: { as?: Session; payload?: Record<string, unknown>; query?: Record<string, string> } = {},
  ): Promise<Record<string, unknown>> {
    const r = await call(t, { method, url, as: opts.as, payload: opts.payload, query: opts.query });
    expect(r.status, `${method} ${url}: ${r.res.body}`).toBe(200);
    const key = `${method} ${path}`;
    let v = validators.get(key);
    if (!v) {
      successSchema(method.toLowerCase(), path);
      const pointer = `doc#/paths/${escape(path)}/${method.toLowerCase()}/responses/200/content/${escape('application/json')}/schema`;
      v = ajv.compile({ $ref: pointer });
      validators.set(key, v);
    }
    expect(v(r.body), `${key} against its schema: ${JSON.stringify(v.errors)}\n${r.res.body.slice(0, 800)}`).toBe(true);
    return r.body;
  }

  it('names every field of these answers, no longer "success and anything"', () => {
    for (const [method, path, fields] of PRECISE) {
      const s = successSchema(method, path);
      const where = `${method.toUpperCase()} ${path}`;
      expect(Object.keys(s.properties ?? {}).sort(), where).toEqual([...fields].sort());
      expect(s.additionalProperties, `${where} is not an open object`).not.toBe(true);
    }
    // endpoint and delivery items are the named components, with the attention fields
    const list = successSchema('get', '/api/v1/webhooks/endpoints').properties!.endpoints as { items: Schema };
    expect(list.items.$ref).toBe('#/components/schemas/Endpoint');
    const deliveries = successSchema('get', '/api/v1/webhooks/deliveries').properties!.deliveries as { items: Schema };
    expect(deliveries.items.$ref).toBe('#/components/schemas/Delivery');
    expect(Object.keys(doc.components.schemas.EndpointHealth!.properties!)).toEqual(
      expect.arrayContaining(['failed', 'consecutiveFailures', 'blockedByEgress']),
    );
    expect(Object.keys(doc.components.schemas.Delivery!.properties!)).toEqual(
      expect.arrayContaining(['waitingFor', 'updatedAt']),
    );
  });

  it('webhook endpoints and deliveries answer what the document says, with attempts present', async () => {
    const created = await call(t, {
      method: 'POST',
      url: '/api/v1/webhooks/endpoints',
      as: t.admin,
      payload: { url: rx.url, events: ['LivechatSessionStart', 'Message'], description: 'Schema CRM' },
    });
    expect(created.status).toBe(200);
    const endpointId = (created.body.endpoint as { _id: string })._id;
    const test = await check(
      'POST',
      `/api/v1/webhooks/endpoints/${endpointId}/test`,
      '/api/v1/webhooks/endpoints/{_id}/test',
      {
        as: t.admin,
        payload: { type: 'Message' },
      },
    );
    const deliveryId = test.deliveryId as string;
    // one real attempt to the receiver, so the delivery carries an attempt with its headers
    const worker = runWorker(t);
    try {
      await waitForDelivery(t.services, test.eventId as string, (d) => d.status === 'succeeded', 60_000);
    } finally {
      await worker.stop();
    }

    const list = await check('GET', '/api/v1/webhooks/endpoints', '/api/v1/webhooks/endpoints', { as: t.admin });
    const mine = (list.endpoints as { _id: string; health: Record<string, unknown> }[]).find(
      (e) => e._id === endpointId,
    )!;
    expect(mine.health).toMatchObject({ failed: 0, consecutiveFailures: 0, blockedByEgress: false });
    await check('GET', `/api/v1/webhooks/endpoints/${endpointId}`, '/api/v1/webhooks/endpoints/{_id}', { as: t.admin });
    await check('POST', `/api/v1/webhooks/endpoints/${endpointId}/resume`, '/api/v1/webhooks/endpoints/{_id}/resume', {
      as: t.admin,
    });
    await check('GET', '/api/v1/webhooks/egress-check', '/api/v1/webhooks/egress-check', {
      as: t.admin,
      query: { url: 'http://10.1.2.3/hook' },
    });

    // a room with deliveries: the visitor opens it and writes
    await newVisitor(t, 'precise-visitor');
    const { room } = await openRoom(t, 'precise-visitor');
    const sent = await call(t, {
      method: 'POST',
      url: '/api/v1/livechat/message',
      payload: { token: 'precise-visitor', rid: room._id, msg: 'hello' },
    });
    expect(sent.status).toBe(200);

    const all = await check('GET', '/api/v1/webhooks/deliveries', '/api/v1/webhooks/deliveries', { as: t.admin });
    expect((all.deliveries as unknown[]).length).toBeGreaterThan(0);
    await check('GET', `/api/v1/webhooks/deliveries/${deliveryId}`, '/api/v1/webhooks/deliveries/{_id}', {
      as: t.admin,
    });
    await check(
      'POST',
      `/api/v1/webhooks/deliveries/${deliveryId}/replay`,
      '/api/v1/webhooks/deliveries/{_id}/replay',
      {
        as: t.admin,
      },
    );
    const inRoom = await check(
      'GET',
      `/api/v1/webhooks/rooms/${room._id}/deliveries`,
      '/api/v1/webhooks/rooms/{rid}/deliveries',
      {
        as: t.admin,
      },
    );
    const ids = (inRoom.deliveries as { _id: string }[]).map((d) => d._id);
    expect(ids.length).toBeGreaterThan(0);
    await check(
      'POST',
      `/api/v1/webhooks/rooms/${room._id}/deliveries/resend`,
      '/api/v1/webhooks/rooms/{rid}/deliveries/resend',
      {
        as: t.admin,
        payload: { deliveryIds: ids },
      },
    );
    await check(
      'POST',
      `/api/v1/webhooks/endpoints/${endpointId}/recover`,
      '/api/v1/webhooks/endpoints/{_id}/recover',
      {
        as: t.admin,
        payload: { since: '2000-01-01T00:00:00Z' },
      },
    );
  });

  it("the visitor's room.close and room.survey, trigger save and delete, appearance save", async () => {
    await newVisitor(t, 'precise-closer');
    const { room } = await openRoom(t, 'precise-closer');
    const closed = await check('POST', '/api/v1/livechat/room.close', '/api/v1/livechat/room.close', {
      payload: { rid: room._id, token: 'precise-closer' },
    });
    expect(closed).toMatchObject({ rid: room._id, comment: expect.any(String), success: true });
    const survey = await check('POST', '/api/v1/livechat/room.survey', '/api/v1/livechat/room.survey', {
      payload: { rid: room._id, token: 'precise-closer', data: [{ name: 'satisfaction', value: '5' }] },
    });
    expect(survey).toEqual({ rid: room._id, data: { satisfaction: '5' }, success: true });

    await check('POST', '/api/v1/livechat/triggers', '/api/v1/livechat/triggers', {
      as: t.admin,
      payload: {
        name: 'precise',
        description: '',
        enabled: true,
        runOnce: false,
        conditions: [{ name: 'chat-opened-by-visitor', value: null }],
        actions: [{ name: 'send-message', params: { sender: 'queue', msg: 'Hi' } }],
      },
    });
    await check('DELETE', '/api/v1/livechat/triggers/no-such-trigger', '/api/v1/livechat/triggers/{_id}', {
      as: t.admin,
    });
    await check('POST', '/api/v1/livechat/appearance', '/api/v1/livechat/appearance', {
      as: t.admin,
      payload: [{ _id: 'Livechat_title', value: 'Precise' }] as unknown as Record<string, unknown>,
    });
  });
});
