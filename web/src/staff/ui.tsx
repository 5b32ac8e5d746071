/** Small form and feedback pieces shared by the staff pages: labelled fields, toasts, errors. */
import { createContext, useCallback, useContext, useEffect, useId, useRef, useState } from 'react';
import type { InputHTMLAttributes, ReactNode, SelectHTMLAttributes, TextareaHTMLAttributes } from 'react';
import { errorText } from '../api.ts';
import { t } from '../i18n/index.ts';

export function Field({
  label,
  hint,
  children,
}: {
  label: string;
  hint?: string;
  children: (id: string, hintId?: string) => ReactNode;
}) {
  const id = useId();
  const hintId = hint ? `${id}-hint` : undefined;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {children(id, hintId)}
      {hint && (
        <small id={hintId} className="hint">
          {hint}
        </small>
      )}
    </div>
  );
}

export function TextField({
  label,
  hint,
  ...rest
}: { label: string; hint?: string } & InputHTMLAttributes<HTMLInputElement>) {
  return (
    <Field label={label} hint={hint}>
      {(id, hintId) => <input id={id} aria-describedby={hintId} {...rest} />}
    </Field>
  );
}

export function SelectField({
  label,
  hint,
  children,
  ...rest
}: { label: string; hint?: string } & SelectHTMLAttributes<HTMLSelectElement>) {
  return (
    <Field label={label} hint={hint}>
      {(id, hintId) => (
        <select id={id} aria-describedby={hintId} {...rest}>
          {children}
        </select>
      )}
    </Field>
  );
}

export function TextArea({
  label,
  hint,
  ...rest
}: { label: string; hint?: string } & TextareaHTMLAttributes<HTMLTextAreaElement>) {
  return (
    <Field label={label} hint={hint}>
      {(id, hintId) => <textarea id={id} aria-describedby={hintId} {...rest} />}
    </Field>
  );
}

export function Check({ label, ...rest }: { label: string } & InputHTMLAttributes<HTMLInputElement>) {
  return (
    <label className="check">
      <input type="checkbox" {...rest} /> {label}
    </label>
  );
}

export function ErrorText({ error }: { error: unknown }) {
  if (!error) return null;
  return (
    <p className="error" role="alert">
      {errorText(error)}
    </p>
  );
}

interface Toast {
  id: number;
  text: string;
  kind: 'success' | 'error';
}
const ToastContext = createContext<(text: string, kind?: Toast['kind']) => void>(() => undefined);

/** Toasts like Rocket.Chat's ("Saved", "It works"), announced to screen readers. */
export function ToastProvider({ children }: { children: ReactNode }) {
  const [toasts, setToasts] = useState<Toast[]>([]);
  const next = useRef(1);
  const push = useCallback((text: string, kind: Toast['kind'] = 'success') => {
    const id = next.current++;
    setToasts((t) => [...t, { id, text, kind }]);
    setTimeout(() => setToasts((t) => t.filter((x) => x.id !== id)), kind === 'error' ? 8000 : 4000);
  }, []);
  return (
    <ToastContext.Provider value={push}>
      {children}
      <div className="toasts" role="status" aria-live="polite">
        {toasts.map((t) => (
          <div key={t.id} className={`toast toast-${t.kind}`}>
            {t.text}
          </div>
        ))}
      </div>
    </ToastContext.Provider>
  );
}

export const useToast = () => useContext(ToastContext);

/** Loads data, reloads on demand; keeps the last good data while reloading. */
export function useLoad<T>(
  load: () => Promise<T>,
  deps: unknown[],
): { data: T | undefined; error: unknown; reload: () => void } {
  const [data, setData] = useState<T>();
  const [error, setError] = useState<unknown>();
  const [tick, setTick] = useState(0);
  useEffect(() => {
    let live = true;
    load().then(
      (d) => {
        if (!live) return;
        setData(d);
        setError(undefined);
      },
      (e: unknown) => live && setError(e),
    );
    return () => {
      live = false;
    };
  }, [...deps, tick]);
  const reload = useCallback(() => setTick((t) => t + 1), []);
  return { data, error, reload };
}

export function when(iso: string | null | undefined): string {
  if (!iso) return '';
  return new Date(iso).toLocaleString();
}

/** datetime-local (local time, no zone) -> ISO in UTC, as the API wants. */
export const toIso = (local: string) => (local ? new Date(local).toISOString() : undefined);

/**
 * A wide table's horizontal scroller. Keyboard users must be able to scroll it too, so it takes
 * focus (WCAG 2.1.1) and is named for screen readers as the region it is.
 */
export function TableScroll({
  label,
  wide = false,
  children,
}: {
  label: string;
  /** Wide tables keep their columns and scroll on a phone instead of squeezing. */
  wide?: boolean;
  children: ReactNode;
}) {
  return (
    <div className={wide ? 'table-scroll' : 'table-region'} role="region" aria-label={label} tabIndex={0}>
      {children}
    </div>
  );
}

/**
 * The Edit and Delete buttons of a list row, named for the row ("Edit Sales") so a screen reader
 * and a test can tell rows apart. Row-specific actions go between them; no onDelete, no Delete.
 */
export function EditDeleteCell({
  name,
  onEdit,
  onDelete,
  children,
}: {
  name: string;
  onEdit: () => void;
  onDelete?: () => void;
  children?: ReactNode;
}) {
  return (
    <td className="row-actions">
      <button type="button" onClick={onEdit} aria-label={t('common.editName', { name })}>
        {t('common.edit')}
      </button>
      {children}
      {onDelete && (
        <button type="button" className="danger" onClick={onDelete} aria-label={t('common.deleteName', { name })}>
          {t('common.delete')}
        </button>
      )}
    </td>
  );
}
