import { createHash, timingSafeEqual } from 'node:crypto';

/** Constant-time comparison of two secrets, whatever their lengths (both are hashed first). */
export function sameSecret(given: string, expected: string): boolean {
  return timingSafeEqual(createHash('sha256').update(given).digest(), createHash('sha256').update(expected).digest());
}
