/**
 * The top bar's notification controls: "Enable notifications" (the browser only asks for the
 * permission after a click) and a per-user mute for the tones and desktop notifications.
 */
import { useAttention } from './notify.ts';
import { t } from '../i18n/index.ts';

export function NotifyControls() {
  const [state, attention] = useAttention();
  return (
    <div className="notify-controls">
      {state.permission === 'default' && (
        <button
          type="button"
          className="ghost"
          aria-label={t('notify.enable')}
          onClick={() => void attention.enableNotifications()}
        >
          <span className="wide-only">{t('notify.enable')}</span>
          <span className="narrow-only">{t('notify.enableShort')}</span>
        </button>
      )}
      {state.permission === 'denied' && (
        <span className="muted small" title={t('notify.blockedHint')}>
          {t('notify.blocked')}
        </span>
      )}
      <button
        type="button"
        className="ghost"
        aria-label={t('notify.mute')}
        aria-pressed={state.muted}
        title={state.muted ? t('notify.mutedHint') : t('notify.onHint')}
        onClick={() => attention.setMuted(!state.muted)}
      >
        {state.muted ? t('notify.muted') : t('notify.muteShort')}
      </button>
    </div>
  );
}
