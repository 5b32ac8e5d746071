import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { Webhook } from 'standardwebhooks';
import { signOne, signatureHeader } from '../../src/delivery/http/sign.ts';
import { REDACTED, buildHeaders, redactHeaders } from '../../src/delivery/http/headers.ts';

const newSecret = () => `whsec_${randomBytes(24).toString('base64')}`;
const body = JSON.stringify({ type: 'LivechatSessionStart', _id: 'room1', messages: [] });

describe('Standard Webhooks signing', () => {
  it('produces signatures the standardwebhooks package verifies', () => {
    const secret = newSecret();
    const now = Date.now();
    const ts = Math.floor(now / 1000);
    const sig = signatureHeader(
      { secret, previousSecret: null, previousSecretExpiresAt: null },
      'msg_abc',
      ts,
      body,
      now,
    )!;
    expect(sig).toMatch(/^v1,[A-Za-z0-9+/]+=*$/);
    const headers = { 'webhook-id': 'msg_abc', 'webhook-timestamp': String(ts), 'webhook-signature': sig };
    expect(new Webhook(secret).verify(body, headers)).toEqual(JSON.parse(body));
    expect(() => new Webhook(newSecret()).verify(body, headers)).toThrow();
    expect(() => new Webhook(secret).verify(`${body} `, headers)).toThrow();
  });

  it('signs with both secrets during a rotation, and only the new one after it', () => {
    const secret = newSecret();
    const previous = newSecret();
    const now = Date.now();
    const ts = Math.floor(now / 1000);
    const rotating = { secret, previousSecret: previous, previousSecretExpiresAt: now + 60_000 };
    const sig = signatureHeader(rotating, 'msg_x', ts, body, now)!;
    expect(sig.split(' ')).toHaveLength(2);
    const headers = { 'webhook-id': 'msg_x', 'webhook-timestamp': String(ts), 'webhook-signature': sig };
    expect(() => new Webhook(secret).verify(body, headers)).not.toThrow();
    expect(() => new Webhook(previous).verify(body, headers)).not.toThrow();
    const expired = signatureHeader({ ...rotating, previousSecretExpiresAt: now - 1 }, 'msg_x', ts, body, now)!;
    expect(expired.split(' ')).toHaveLength(1);
    expect(expired).toBe(signOne(secret, 'msg_x', ts, body));
  });

  it('sends no signature without a secret', () => {
    expect(
      signatureHeader({ secret: '', previousSecret: null, previousSecretExpiresAt: null }, 'm', 1, body, 0),
    ).toBeUndefined();
  });

  it('builds headers: protocol headers win over custom ones; secrets are redacted for the log', () => {
    const secret = newSecret();
    const now = Date.now();
    const h = buildHeaders({
      eventId: 'msg_1',
      body,
      now,
      userAgent: 'Omnihook/test',
      secrets: { secret, previousSecret: null, previousSecretExpiresAt: null },
      legacyToken: 'tok',
      custom: {
        'X-Tenant': 'acme',
        'Content-Type': 'text/plain',
        'webhook-id': 'forged',
        Authorization: 'Bearer abc',
        'Bad Name': 'x',
        'X-Evil': 'a\r\nb',
      },
    });
    expect(h['content-type']).toBe('application/json');
    expect(h['webhook-id']).toBe('msg_1');
    expect(h['x-tenant']).toBe('acme');
    expect(h['x-rocketchat-livechat-token']).toBe('tok');
    expect(h).not.toHaveProperty('bad name');
    expect(h).not.toHaveProperty('x-evil');
    expect(() => new Webhook(secret).verify(body, h)).not.toThrow();
    const logged = redactHeaders(h);
    expect(logged['x-rocketchat-livechat-token']).toBe(REDACTED);
    expect(logged['webhook-signature']).toBe(REDACTED);
    expect(logged.authorization).toBe(REDACTED);
    expect(logged['x-tenant']).toBe('acme');
    expect(logged['webhook-id']).toBe('msg_1');
  });
});
