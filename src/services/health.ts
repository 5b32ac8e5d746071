/**
 * Health for load balancers and supervisors, and the store's verdict on an error. The HTTP layer
 * may not import the store (docs/architecture.md), so it asks here.
 */
import type { Services } from './container.ts';
import { AppError } from '../domain/errors.ts';
import { isStoreUnavailable, STORE_RETRY_AFTER_SECONDS } from '../store/errors.ts';

export { isStoreUnavailable, STORE_RETRY_AFTER_SECONDS };

/**
 * Resolves when the store answers one bounded round trip (the store's own timeouts bound it);
 * throws error-unavailable otherwise.
 */
export async function checkReady(s: Services): Promise<void> {
  try {
    await s.store.ping();
  } catch (err) {
    if (err instanceof AppError) throw err;
    throw new AppError('error-unavailable', 'The database is not answering');
  }
}
