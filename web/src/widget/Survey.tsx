/**
 * After the chat ends: Rocket.Chat's satisfaction survey, the `satisfaction` item rated 1 to 5
 * with an optional comment (`additionalFeedback`), sent through `livechat/room.survey`. Shown
 * once per closed room; the visitor may skip it by simply writing again.
 */
import { useState } from 'react';
import type { CSSProperties, FormEvent } from 'react';
import { api, errorText } from '../api.ts';
import { t } from '../i18n/index.ts';

const RATINGS = [
  { value: '1', label: 'survey.veryDissatisfied' },
  { value: '2', label: 'survey.dissatisfied' },
  { value: '3', label: 'survey.neutral' },
  { value: '4', label: 'survey.satisfied' },
  { value: '5', label: 'survey.verySatisfied' },
] as const;

const row: CSSProperties = { display: 'flex', gap: '0.375rem', flexWrap: 'wrap', border: 0, padding: 0, margin: 0 };
// Each choice is a real radio (arrow keys move between them) drawn as a numbered box, at least 40 px: a finger hits it.
const box = (on: boolean, focused: boolean): CSSProperties => ({
  minWidth: '2.5rem',
  minHeight: '2.5rem',
  display: 'inline-flex',
  alignItems: 'center',
  justifyContent: 'center',
  borderRadius: '0.375rem',
  border: `2px solid ${on ? '#0b5cd5' : '#6b7280'}`, // i18n-ignore: CSS
  background: on ? '#0b5cd5' : '#fff',
  color: on ? '#fff' : '#1f2937',
  fontWeight: 700,
  cursor: 'pointer',
  // the radio itself is hidden, so its keyboard focus is drawn on the box
  outline: focused ? '3px solid #f59e0b' : 'none',
  outlineOffset: '2px',
});

export function Survey({ token, rid }: { token: string; rid: string }) {
  const [rating, setRating] = useState<string>();
  const [comment, setComment] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const [sentFor, setSentFor] = useState<string>();
  const [focused, setFocused] = useState<string>();

  if (sentFor === rid)
    return (
      <p className="wnote" role="status">
        {t('survey.thankYouForYour')}
      </p>
    );

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!rating) return;
    setBusy(true);
    setError(undefined);
    const data = [{ name: 'satisfaction', value: rating }];
    if (comment.trim()) data.push({ name: 'additionalFeedback', value: comment.trim() });
    api('POST', 'livechat/room.survey', { staff: false, body: { rid, token, data } })
      .then(
        () => setSentFor(rid),
        (err: unknown) => setError(errorText(err)),
      )
      .finally(() => setBusy(false));
  };

  const chosen = RATINGS.find((r) => r.value === rating);
  return (
    <form className="wform" onSubmit={submit} aria-label={t('survey.rateThisChat')} data-testid="survey">
      <fieldset style={row}>
        <legend style={{ fontWeight: 600, marginBottom: '0.5rem', padding: 0 }}>
          {t('survey.howSatisfiedAreYou')}
        </legend>
        {RATINGS.map((r) => (
          <label key={r.value} style={box(rating === r.value, focused === r.value)} title={t(r.label)}>
            <input
              type="radio"
              name="satisfaction"
              value={r.value}
              className="sr-only"
              checked={rating === r.value}
              onChange={() => setRating(r.value)}
              onFocus={() => setFocused(r.value)}
              onBlur={() => setFocused(undefined)}
              aria-label={`${r.value} – ${t(r.label)}`}
            />
            {r.value}
          </label>
        ))}
      </fieldset>
      <p className="small" style={{ color: '#4b5563', minHeight: '1.25em' }} aria-live="polite">
        {chosen ? t(chosen.label) : t('survey.scale')}
      </p>
      <label className="wfield">
        <span>{t('survey.commentOptional')}</span>
        <textarea rows={2} maxLength={2000} value={comment} onChange={(e) => setComment(e.target.value)} />
      </label>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <button type="submit" className="primary" disabled={busy || !rating}>
        {t('survey.sendRating')}
      </button>
    </form>
  );
}
