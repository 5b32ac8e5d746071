/**
 * Files from the browser, for the widget (visitor token) and the console (staff session):
 * sending one, checking it first against the public upload settings (so a person hears "File too
 * large" before waiting for the upload; the server checks again and has the last word), and
 * fetching one with credentials in headers, never in a URL a log or a history could keep.
 */
import { ApiError, loadSession } from '../api.ts';
import type { ChatMessage } from './chat-message.ts';
import { t } from '../i18n/index.ts';

/** Who is reading or sending: the signed-in staff user, or the visitor of the room. */
export type FileAuth = { kind: 'staff' } | { kind: 'visitor'; token: string };

/** "120 KB"-style, the server's humanSize (services/livechat/uploads.ts). */
export function humanSize(bytes: number): string {
  const units = ['B', 'KB', 'MB', 'GB'];
  let n = bytes;
  let i = 0;
  while (n >= 1024 && i < units.length - 1) {
    n /= 1024;
    i++;
  }
  return `${Number.isInteger(n) ? n : n.toFixed(1)} ${units[i]}`;
}

function headers(auth: FileAuth): Record<string, string> {
  if (auth.kind === 'visitor') return { 'x-visitor-token': auth.token };
  const s = loadSession();
  return s ? { 'x-user-id': s.userId, 'x-auth-token': s.authToken } : {};
}

interface Rules {
  enabled: boolean;
  maxSize: number;
  whitelist: string;
}

let rules: Promise<Rules | undefined> | undefined;

/** The public upload settings, read once per page; undefined when they cannot be read (the server decides). */
function uploadRules(): Promise<Rules | undefined> {
  rules ??= fetch('/api/v1/settings.public?count=1000')
    .then((r) => r.json() as Promise<{ settings?: { _id: string; value: unknown }[] }>)
    .then((body) => {
      const v = new Map((body.settings ?? []).map((s) => [s._id, s.value]));
      return {
        enabled: v.get('FileUpload_Enabled') !== false && v.get('Livechat_fileupload_enabled') !== false,
        maxSize: typeof v.get('FileUpload_MaxFileSize') === 'number' ? (v.get('FileUpload_MaxFileSize') as number) : 0,
        whitelist:
          typeof v.get('FileUpload_MediaTypeWhiteList') === 'string'
            ? String(v.get('FileUpload_MediaTypeWhiteList'))
            : '',
      };
    })
    .catch(() => {
      rules = undefined; // try again next time
      return undefined;
    });
  return rules;
}

/** Rocket.Chat's whitelist rule, as the server applies it: '' accepts all; `major/*` wildcards. */
function typeAllowed(type: string, whitelist: string): boolean {
  const list = whitelist
    .split(',')
    .map((t) => t.trim().toLowerCase())
    .filter((t) => t.length > 0);
  if (list.length === 0) return true;
  const t = (type || 'application/octet-stream').toLowerCase();
  return list.some((e) => e === t || (e.endsWith('/*') && t.startsWith(e.slice(0, -1))));
}

/** The words the server would answer, before any byte is sent; undefined when the file may go. */
export async function precheck(file: File): Promise<string | undefined> {
  const r = await uploadRules();
  if (!r) return undefined;
  if (!r.enabled) return t('upload.fileUploadIsDisabled');
  if (!typeAllowed(file.type, r.whitelist)) return t('upload.thisFileTypeIs');
  if (r.maxSize > 0 && file.size > r.maxSize) return t('upload.fileTooLargeMax', { v1: humanSize(r.maxSize) });
  return undefined;
}

/** Sends one file (the visitor's livechat/upload/:rid or the agent's rooms.upload/:rid). */
export async function sendFile<M extends ChatMessage = ChatMessage>(
  auth: FileAuth,
  rid: string,
  file: File,
  description?: string,
): Promise<M> {
  const early = await precheck(file);
  if (early) throw new ApiError(400, early);
  const form = new FormData();
  if (description?.trim()) form.append('description', description.trim());
  form.append('file', file, file.name);
  const path = auth.kind === 'visitor' ? `livechat/upload/${rid}` : `rooms.upload/${rid}`;
  let res: Response;
  try {
    res = await fetch(`/api/v1/${path}`, { method: 'POST', headers: headers(auth), body: form });
  } catch {
    throw new ApiError(0, t('common.unreachable'));
  }
  let data: Record<string, unknown> = {};
  try {
    data = (await res.json()) as Record<string, unknown>;
  } catch {
    // a proxy's error page (a 413 from a proxy, say)
  }
  if (!res.ok || data.success === false) {
    const raw =
      typeof data.error === 'string' ? data.error : t('upload.uploadFailedHttpStatus', { status: res.status });
    // the server's message ends with "[code]" (Rocket.Chat's wire shape): a person needs the words only
    const message = raw.replace(/\s*\[[\w-]+\]$/, '');
    throw new ApiError(res.status, message, typeof data.errorType === 'string' ? data.errorType : undefined);
  }
  return data.message as M;
}

/** The file's bytes as an object URL the page may show or save; the caller revokes it. */
export async function fileObjectUrl(url: string, auth: FileAuth): Promise<string> {
  let res: Response;
  try {
    res = await fetch(url, { headers: headers(auth) });
  } catch {
    throw new Error(t('upload.theFileCannotBe'));
  }
  if (!res.ok) throw new Error(res.status === 403 ? t('upload.youMayNotOpen') : t('upload.theFileCannotBe'));
  return URL.createObjectURL(await res.blob());
}
