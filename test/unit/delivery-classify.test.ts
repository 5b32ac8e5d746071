import { describe, expect, it } from 'vitest';
import {
  AttemptTimeoutError,
  MAX_RETRY_AFTER_MS,
  classifyError,
  classifyStatus,
  parseRetryAfter,
} from '../../src/delivery/http/classify.ts';
import { EgressRefusedError } from '../../src/delivery/http/egress.ts';
import { decide } from '../../src/delivery/decide.ts';

const now = Date.parse('2025-01-01T00:00:00Z');
const custom = { goneDisables: true, now };
const builtin = { goneDisables: false, now };

describe('outcome classification', () => {
  it('counts every 2xx as success (Rocket.Chat accepts only 200)', () => {
    for (const s of [200, 201, 202, 204, 299]) expect(classifyStatus(s, {}, custom)).toEqual({ kind: 'success' });
  });

  it('treats 3xx as a failure and never follows it', () => {
    const o = classifyStatus(301, { location: 'http://elsewhere/' }, custom);
    expect(o).toMatchObject({ kind: 'retry', errorClass: 'redirect' });
    expect(o.kind === 'retry' && o.message).toContain('http://elsewhere/');
    expect(classifyStatus(308, {}, custom)).toMatchObject({ kind: 'retry', errorClass: 'redirect' });
  });

  it('disables a custom endpoint on 410, but only retries the built-in one', () => {
    expect(classifyStatus(410, {}, custom)).toMatchObject({ kind: 'disable', reason: expect.stringContaining('410') });
    expect(classifyStatus(410, {}, builtin)).toMatchObject({ kind: 'retry', errorClass: 'http' });
  });

  it('honours Retry-After on 429/502/503/504 only', () => {
    for (const s of [429, 502, 503, 504]) {
      expect(classifyStatus(s, { 'retry-after': '120' }, custom)).toEqual({
        kind: 'retry',
        errorClass: 'http',
        message: `HTTP ${s}`,
        retryAfterMs: 120_000,
      });
    }
    expect(classifyStatus(500, { 'retry-after': '120' }, custom)).toEqual({
      kind: 'retry',
      errorClass: 'http',
      message: 'HTTP 500',
    });
    expect(classifyStatus(404, {}, custom)).toMatchObject({ kind: 'retry', errorClass: 'http' });
  });

  it('parses Retry-After as seconds or an HTTP date, clamped', () => {
    expect(parseRetryAfter('0', now)).toBe(0);
    expect(parseRetryAfter('30', now)).toBe(30_000);
    expect(parseRetryAfter('999999', now)).toBe(MAX_RETRY_AFTER_MS);
    expect(parseRetryAfter(new Date(now + 90_000).toUTCString(), now)).toBe(90_000);
    expect(parseRetryAfter(new Date(now - 90_000).toUTCString(), now)).toBe(0);
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter(undefined, now)).toBeUndefined();
    expect(parseRetryAfter('-5', now)).toBeUndefined();
  });

  it('classifies transport errors, looking through `cause`', () => {
    const coded = (code: string) => Object.assign(new Error(code), { code });
    expect(classifyError(new AttemptTimeoutError(100)).errorClass).toBe('timeout');
    expect(classifyError(coded('UND_ERR_HEADERS_TIMEOUT')).errorClass).toBe('timeout');
    expect(classifyError(coded('UND_ERR_CONNECT_TIMEOUT')).errorClass).toBe('timeout');
    expect(classifyError(coded('ECONNRESET')).errorClass).toBe('connection');
    expect(classifyError(coded('ECONNREFUSED')).errorClass).toBe('connection');
    expect(classifyError(coded('UND_ERR_SOCKET')).errorClass).toBe('connection');
    expect(classifyError(coded('ENOTFOUND')).errorClass).toBe('dns');
    expect(classifyError(coded('EAI_AGAIN')).errorClass).toBe('dns');
    expect(classifyError(coded('CERT_HAS_EXPIRED')).errorClass).toBe('tls');
    expect(classifyError(coded('ERR_TLS_CERT_ALTNAME_INVALID')).errorClass).toBe('tls');
    expect(classifyError(coded('DEPTH_ZERO_SELF_SIGNED_CERT')).errorClass).toBe('tls');
    expect(classifyError(new EgressRefusedError('h', '10.0.0.1', 'private')).errorClass).toBe('ssrf');
    expect(classifyError(new TypeError('fetch failed', { cause: coded('ENOTFOUND') }))).toEqual({
      errorClass: 'dns',
      message: 'fetch failed',
    });
    expect(classifyError('weird').errorClass).toBe('connection');
  });
});

describe('decide', () => {
  const rc = { count: 2, delayMs: 1000 };
  it('succeeds, retries with the schedule, parks when spent', () => {
    expect(decide({ kind: 'success' }, 1, { kind: 'rocketchat' }, rc, now)).toMatchObject({
      status: 'succeeded',
      completedAt: now,
      endpoint: { kind: 'healthy' },
    });
    const fail = { kind: 'retry', errorClass: 'http', message: 'HTTP 500' } as const;
    expect(decide(fail, 1, { kind: 'rocketchat' }, rc, now)).toMatchObject({
      status: 'pending',
      nextAttemptAt: now + 1000,
      completedAt: null,
    });
    expect(decide(fail, 2, { kind: 'rocketchat' }, rc, now)).toMatchObject({ status: 'pending' });
    expect(decide(fail, 3, { kind: 'rocketchat' }, rc, now)).toMatchObject({ status: 'failed', completedAt: now });
  });

  it('uses Retry-After as a floor and pauses the endpoint', () => {
    const o = { kind: 'retry', errorClass: 'http', message: 'HTTP 429', retryAfterMs: 60_000 } as const;
    expect(decide(o, 1, { kind: 'rocketchat' }, rc, now)).toEqual({
      status: 'pending',
      nextAttemptAt: now + 60_000,
      completedAt: null,
      endpoint: { kind: 'failing', pauseUntil: now + 60_000 },
    });
  });

  it('parks and disables on 410', () => {
    const o = classifyStatus(410, {}, custom);
    expect(decide(o, 1, { kind: 'exponential' }, rc, now)).toMatchObject({
      status: 'failed',
      endpoint: { kind: 'disable' },
    });
  });
});
