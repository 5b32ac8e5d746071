/** A signing secret is shown once: the server keeps it, but only admins can reveal it again. */
export function SecretNotice({ secret, onClose }: { secret: string; onClose: () => void }) {
  return (
    <div className="notice" role="alert">
      <p>
        <strong>Copy this signing secret now.</strong> It is shown only once; use it to verify the{' '}
        <code>webhook-signature</code> header.
      </p>
      <p>
        <code className="secret" data-testid="secret">
          {secret}
        </code>{' '}
        <button type="button" onClick={() => void navigator.clipboard?.writeText(secret)}>
          Copy
        </button>{' '}
        <button type="button" onClick={onClose}>
          Done
        </button>
      </p>
    </div>
  );
}
