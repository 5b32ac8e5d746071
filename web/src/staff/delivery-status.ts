/** A delivery's status as a person reads it, in the chosen language (the API keeps its codes). */
import { t } from '../i18n/index.ts';
import type { MessageKey } from '../i18n/index.ts';

const TEXT: Record<string, MessageKey> = {
  pending: 'deliveries.pending',
  succeeded: 'deliveries.succeeded',
  failed: 'deliveries.failed',
};

export function deliveryStatusText(status: string): string {
  const key = TEXT[status];
  return key ? t(key) : status;
}
