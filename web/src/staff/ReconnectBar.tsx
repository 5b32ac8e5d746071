/**
 * A bar across the top while the live stream is down: without it the console looks normal and
 * only a failed send reveals that nothing new arrives. It clears by itself once the stream is back
 * (the pages then reload what they show, see live.ts).
 */
import { useSyncExternalStore } from 'react';
import { useApp } from './app-context.ts';
import { t } from '../i18n/index.ts';

export function ReconnectBar() {
  const { live } = useApp();
  const status = useSyncExternalStore(
    (fn) => live.onStatus(fn),
    () => live.status,
  );
  if (status !== 'down') return null;
  return (
    <div className="reconnect-bar" role="status" aria-live="assertive">
      <span className="reconnect-spinner" aria-hidden="true" />
      {t('live.reconnecting')}
    </div>
  );
}
