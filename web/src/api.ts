/**
 * Calls to the Omnihook REST API. Errors carry the server's own message (`{ success:false, error,
 * errorType }`) so forms can show it verbatim. Staff credentials live in localStorage so a reload
 * keeps the session; the server checks them on every call.
 */
import { t } from './i18n/index.ts';
export class ApiError extends Error {
  readonly status: number;
  readonly errorType: string | undefined;
  constructor(status: number, message: string, errorType?: string) {
    super(message);
    this.status = status;
    this.errorType = errorType;
  }
}

export interface Me {
  _id: string;
  username: string;
  name: string;
  roles: string[];
  statusLivechat: 'available' | 'not-available';
}

export interface Session {
  userId: string;
  authToken: string;
}

const SESSION_KEY = 'omnihook.session';

export function loadSession(): Session | null {
  try {
    const raw = localStorage.getItem(SESSION_KEY);
    return raw ? (JSON.parse(raw) as Session) : null;
  } catch {
    return null;
  }
}

export function saveSession(s: Session | null): void {
  if (s) localStorage.setItem(SESSION_KEY, JSON.stringify(s));
  else localStorage.removeItem(SESSION_KEY);
}

/** Called when the server says the session is gone (401): the app goes back to the login page. */
let onUnauthorized: () => void = () => undefined;
export function setUnauthorizedHandler(fn: () => void): void {
  onUnauthorized = fn;
}

type Query = Record<string, string | number | boolean | string[] | undefined>;

export function withQuery(path: string, query?: Query): string {
  if (!query) return path;
  const qs = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) {
    if (v === undefined || v === '') continue;
    if (Array.isArray(v)) v.forEach((x) => qs.append(k, x));
    else qs.append(k, String(v));
  }
  const s = qs.toString();
  return s ? `${path}?${s}` : path;
}

export async function api<T = Record<string, unknown>>(
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
  path: string,
  opts: { body?: unknown; query?: Query; staff?: boolean } = {},
): Promise<T> {
  const headers: Record<string, string> = {};
  const session = opts.staff === false ? null : loadSession();
  if (session) {
    headers['x-user-id'] = session.userId;
    headers['x-auth-token'] = session.authToken;
  }
  if (opts.body !== undefined) headers['content-type'] = 'application/json';
  let res: Response;
  try {
    res = await fetch(withQuery(`/api/v1/${path}`, opts.query), {
      method,
      headers,
      body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
    });
  } catch {
    throw new ApiError(0, t('common.unreachable'));
  }
  let data: Record<string, unknown> = {};
  try {
    data = (await res.json()) as Record<string, unknown>;
  } catch {
    // a proxy's HTML error page, or an empty body
  }
  if (!res.ok || data.success === false) {
    if (res.status === 401 && session) onUnauthorized();
    const message = typeof data.error === 'string' ? data.error : `HTTP ${res.status}`;
    throw new ApiError(res.status, message, typeof data.errorType === 'string' ? data.errorType : undefined);
  }
  return data as T;
}

export function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

export const isManager = (me: Me) => me.roles.some((r) => r === 'admin' || r === 'livechat-manager');
export const isAgent = (me: Me) => me.roles.includes('livechat-agent');
