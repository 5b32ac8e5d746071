/**
 * The top bar's notification controls: "Enable notifications" (the browser only asks for the
 * permission after a click) and a per-user mute for the tones and desktop notifications.
 */
import { useAttention } from './notify.ts';

export function NotifyControls() {
  const [state, attention] = useAttention();
  return (
    <div className="notify-controls">
      {state.permission === 'default' && (
        <button
          type="button"
          className="ghost"
          aria-label="Enable notifications"
          onClick={() => void attention.enableNotifications()}
        >
          <span className="wide-only">Enable notifications</span>
          <span className="narrow-only">Notify</span>
        </button>
      )}
      {state.permission === 'denied' && (
        <span className="muted small" title="Allow notifications for this site in the browser's settings">
          Notifications blocked
        </span>
      )}
      <button
        type="button"
        className="ghost"
        aria-label="Mute notifications"
        aria-pressed={state.muted}
        title={state.muted ? 'Tones and notifications are off' : 'Tones and notifications are on'}
        onClick={() => attention.setMuted(!state.muted)}
      >
        {state.muted ? 'Muted' : 'Mute'}
      </button>
    </div>
  );
}
