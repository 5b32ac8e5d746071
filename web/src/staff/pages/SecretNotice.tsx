/** A signing secret is shown once: the server keeps it, but only admins can reveal it again. */
import { t } from '../../i18n/index.ts';
import { tRich } from '../../i18n/rich.tsx';
export function SecretNotice({ secret, onClose }: { secret: string; onClose: () => void }) {
  return (
    <div className="notice" role="alert">
      <p>
        <strong>{t('secret.copyNow')}</strong> {/* i18n-ignore: a header name */}
        {tRich('secret.shownOnce', { header: <code>webhook-signature</code> })}
      </p>
      <p>
        <code className="secret" data-testid="secret">
          {secret}
        </code>{' '}
        <button type="button" onClick={() => void navigator.clipboard?.writeText(secret)}>
          {t('common.copy')}
        </button>{' '}
        <button type="button" onClick={onClose}>
          {t('common.done')}
        </button>
      </p>
    </div>
  );
}
