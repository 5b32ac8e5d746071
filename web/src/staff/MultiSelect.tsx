/**
 * A multi-select like Rocket.Chat's: the chosen options as chips in a button that opens a list of
 * checkboxes. Native checkboxes keep it keyboard- and screen-reader-friendly (Tab, Space, Escape).
 */
import { useEffect, useId, useRef, useState } from 'react';
import { t } from '../i18n/index.ts';

export interface Option {
  value: string;
  label: string;
}

export function MultiSelect({
  label,
  options,
  value,
  onChange,
  placeholder = t('common.selectOption'),
}: {
  label: string;
  options: Option[];
  value: string[];
  onChange: (v: string[]) => void;
  placeholder?: string;
}) {
  const [open, setOpen] = useState(false);
  const id = useId();
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!open) return;
    const close = (e: MouseEvent) => {
      if (box.current && !box.current.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener('mousedown', close);
    return () => document.removeEventListener('mousedown', close);
  }, [open]);
  const chosen = options.filter((o) => value.includes(o.value));
  const toggle = (v: string) =>
    onChange(
      value.includes(v)
        ? value.filter((x) => x !== v)
        : options.map((o) => o.value).filter((o) => o === v || value.includes(o)),
    );
  return (
    <div
      className="field multiselect"
      ref={box}
      onKeyDown={(e) => {
        if (e.key === 'Escape' && open) {
          e.stopPropagation();
          setOpen(false);
          (box.current?.querySelector('button') as HTMLButtonElement | null)?.focus();
        }
      }}
    >
      <span className="label" id={`${id}-label`}>
        {label}
      </span>
      <button
        type="button"
        className="multiselect-button"
        aria-haspopup="true"
        aria-expanded={open}
        aria-labelledby={`${id}-label ${id}-value`}
        onClick={() => setOpen(!open)}
      >
        <span id={`${id}-value`} className="chips">
          {chosen.length === 0 ? (
            <span className="muted">{placeholder}</span>
          ) : (
            chosen.map((o) => (
              <span key={o.value} className="chip">
                {o.label}
              </span>
            ))
          )}
        </span>
        <span aria-hidden="true">▾</span>
      </button>
      {open && (
        <div className="multiselect-list" role="group" aria-labelledby={`${id}-label`}>
          {options.map((o) => (
            <label key={o.value} className="check">
              <input type="checkbox" checked={value.includes(o.value)} onChange={() => toggle(o.value)} /> {o.label}
            </label>
          ))}
        </div>
      )}
    </div>
  );
}
