/**
 * The DDP subset the Rocket.Chat widget speaks (docs/rocketchat-widget.md, 'The DDP subset'): frame
 * parsing (strict: a frame that is not a DDP message is a protocol error) and the server frames.
 * Pure, so the wire shapes are tested without sockets.
 */
import type { Message } from '../../domain/models.ts';

export type ClientFrame =
  | { msg: 'connect'; version?: string; support?: string[] }
  | { msg: 'ping'; id?: string }
  | { msg: 'pong'; id?: string }
  | { msg: 'method'; id: string; method: string; params: unknown[] }
  | { msg: 'sub'; id: string; name: string; params: unknown[] }
  | { msg: 'unsub'; id: string };

export const SUPPORTED_VERSIONS = ['1', 'pre2', 'pre1'];

const isId = (v: unknown): v is string => typeof v === 'string' && v.length > 0 && v.length <= 128;

/** The frame, or undefined when the text is not a DDP message we accept. */
export function parseFrame(text: string): ClientFrame | undefined {
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return undefined;
  const f = v as Record<string, unknown>;
  const params = f.params === undefined ? [] : f.params;
  switch (f.msg) {
    case 'connect':
      if (f.version !== undefined && typeof f.version !== 'string') return undefined;
      return { msg: 'connect', version: f.version as string | undefined };
    case 'ping':
    case 'pong':
      return { msg: f.msg, id: typeof f.id === 'string' ? f.id.slice(0, 128) : undefined };
    case 'method':
      if (!isId(f.id) || typeof f.method !== 'string' || f.method.length > 128 || !Array.isArray(params))
        return undefined;
      return { msg: 'method', id: f.id, method: f.method, params };
    case 'sub':
      if (!isId(f.id) || typeof f.name !== 'string' || f.name.length > 128 || !Array.isArray(params)) return undefined;
      return { msg: 'sub', id: f.id, name: f.name, params };
    case 'unsub':
      if (!isId(f.id)) return undefined;
      return { msg: 'unsub', id: f.id };
    default:
      return undefined;
  }
}

/** The visitor token a widget sends in stream params: `{token, visitorToken}` (either will do). */
export function tokenOf(v: unknown): string | undefined {
  if (typeof v !== 'object' || v === null) return undefined;
  const o = v as { token?: unknown; visitorToken?: unknown };
  const t = typeof o.token === 'string' ? o.token : typeof o.visitorToken === 'string' ? o.visitorToken : undefined;
  return t && t.length <= 256 ? t : undefined;
}

/** Meteor.Error as DDP carries it in `result` and `nosub` frames. */
export function ddpError(error: string, reason: string): Record<string, unknown> {
  return { isClientSafe: true, error, reason, message: `${reason} [${error}]`, errorType: 'Meteor.Error' };
}

export type EJsonDate = { $date: number };
const ejson = (d: Date): EJsonDate => ({ $date: d.getTime() });

/**
 * A message as the stream carries it: dates as EJSON `{$date: ms}` (the SDK reads `ts.$date`;
 * an ISO string there makes the widget drop the message), the visitor token left out.
 */
export function ddpMessage(m: Message): Record<string, unknown> {
  const { token: _token, ts, _updatedAt, editedAt, ...rest } = m;
  return {
    ...rest,
    ts: ejson(ts),
    _updatedAt: ejson(_updatedAt),
    ...(editedAt ? { editedAt: ejson(editedAt) } : {}),
  };
}

/** A Meteor Streamer event: the only frame shape that carries a `stream-…` collection (§3.4). */
export function changed(collection: string, eventName: string, args: unknown[]): string {
  return JSON.stringify({ msg: 'changed', collection, id: 'id', fields: { eventName, args } });
}

export const frames = {
  connected: (session: string) => JSON.stringify({ msg: 'connected', session }),
  failed: () => JSON.stringify({ msg: 'failed', version: '1' }),
  ping: () => JSON.stringify({ msg: 'ping' }),
  pong: (id?: string) => JSON.stringify(id ? { msg: 'pong', id } : { msg: 'pong' }),
  result: (id: string, result?: unknown) =>
    JSON.stringify(result === undefined ? { msg: 'result', id } : { msg: 'result', id, result }),
  resultError: (id: string, error: Record<string, unknown>) => JSON.stringify({ msg: 'result', id, error }),
  ready: (id: string) => JSON.stringify({ msg: 'ready', subs: [id] }),
  nosub: (id: string, error?: Record<string, unknown>) =>
    JSON.stringify(error ? { msg: 'nosub', id, error } : { msg: 'nosub', id }),
  error: (reason: string) => JSON.stringify({ msg: 'error', reason }),
};
