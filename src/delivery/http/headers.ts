/**
 * The request headers of one attempt, and their redacted copy for the attempt log. Pure.
 */
import { signatureHeader } from './sign.ts';
import type { SigningSecrets } from './sign.ts';
import { RESERVED_HEADERS, TOKEN_HEADER } from '../../domain/endpoint-rules.ts';

export { TOKEN_HEADER };
export const REDACTED = '[redacted]';

/** Names whose values are credentials in practice: never stored in the attempt log. */
const SENSITIVE = /(authorization|cookie|token|secret|signature|password|api[-_]?key|^x-.*-key$)/i;

export interface HeaderInput {
  eventId: string;
  body: string;
  now: number;
  userAgent: string;
  secrets: SigningSecrets;
  /** The Webhooks-page token (Livechat_secret_token); '' sends no token header. */
  legacyToken: string;
  custom: Record<string, unknown> | null;
}

export function buildHeaders(input: HeaderInput): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(input.custom ?? {})) {
    const lower = name.toLowerCase();
    if (typeof value !== 'string' || RESERVED_HEADERS.has(lower) || !/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(name))
      continue;
    if (/[\r\n]/.test(value)) continue;
    headers[lower] = value;
  }
  const timestamp = Math.floor(input.now / 1000);
  headers['content-type'] = 'application/json';
  headers['user-agent'] = input.userAgent;
  headers['webhook-id'] = input.eventId;
  headers['webhook-timestamp'] = String(timestamp);
  const signature = signatureHeader(input.secrets, input.eventId, timestamp, input.body, input.now);
  if (signature) headers['webhook-signature'] = signature;
  if (input.legacyToken !== '') headers[TOKEN_HEADER] = input.legacyToken;
  return headers;
}

export function redactHeaders(headers: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) out[name] = SENSITIVE.test(name) ? REDACTED : value;
  return out;
}
