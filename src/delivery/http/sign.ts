/**
 * Standard Webhooks signing, pure: `v1,<base64 HMAC-SHA256 of "id.timestamp.body">` with the key
 * being the base64 text after `whsec_`. During a rotation both secrets sign, space-separated, so a
 * receiver holding either one verifies.
 */
import { createHmac } from 'node:crypto';

export const SECRET_PREFIX = 'whsec_';

export function secretKey(secret: string): Buffer {
  const b64 = secret.startsWith(SECRET_PREFIX) ? secret.slice(SECRET_PREFIX.length) : secret;
  return Buffer.from(b64, 'base64');
}

export function signOne(secret: string, msgId: string, timestampSeconds: number, body: string): string {
  const mac = createHmac('sha256', secretKey(secret)).update(`${msgId}.${timestampSeconds}.${body}`).digest('base64');
  return `v1,${mac}`;
}

export interface SigningSecrets {
  secret: string;
  previousSecret: string | null;
  previousSecretExpiresAt: number | null;
}

/** The `webhook-signature` value, or undefined when the endpoint has no secret. */
export function signatureHeader(
  secrets: SigningSecrets,
  msgId: string,
  timestampSeconds: number,
  body: string,
  now: number,
): string | undefined {
  const parts: string[] = [];
  if (secrets.secret !== '') parts.push(signOne(secrets.secret, msgId, timestampSeconds, body));
  if (secrets.previousSecret && secrets.previousSecretExpiresAt !== null && secrets.previousSecretExpiresAt > now) {
    parts.push(signOne(secrets.previousSecret, msgId, timestampSeconds, body));
  }
  return parts.length > 0 ? parts.join(' ') : undefined;
}
