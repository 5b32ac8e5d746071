/**
 * Pick a user by typing part of a name, username or e-mail (a typeahead over users.list), so
 * nobody has to remember exact usernames. An ARIA combobox: arrows move, Enter picks, Escape closes.
 */
import { useEffect, useId, useRef, useState } from 'react';
import { api } from '../api.ts';
import type { StaffUser } from './types.ts';
import { t } from '../i18n/index.ts';

export function UserPicker({
  label,
  onPick,
  exclude = [],
  placeholder = t('userPicker.placeholder'),
}: {
  label: string;
  onPick: (u: StaffUser) => void;
  /** ids already chosen (e.g. the current agents), left out of the suggestions */
  exclude?: string[];
  placeholder?: string;
}) {
  const id = useId();
  const [text, setText] = useState('');
  const [found, setFound] = useState<StaffUser[]>([]);
  /** the text the suggestions are for: until it matches the input, we are still searching */
  const [foundFor, setFoundFor] = useState('');
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const [error, setError] = useState<string>();
  const box = useRef<HTMLDivElement>(null);
  const excluded = exclude.join(',');

  useEffect(() => {
    const q = text.trim();
    if (!q) {
      setFound([]);
      return;
    }
    let live = true;
    // a short pause so each keystroke does not cost a request
    const timer = setTimeout(() => {
      api<{ users: StaffUser[] }>('GET', 'users.list', { query: { text: q, count: 10 } }).then(
        (r) => {
          if (!live) return;
          setFound(r.users.filter((u) => u.active && !excluded.split(',').includes(u._id)));
          setFoundFor(q);
          setActive(0);
          setError(undefined);
        },
        (e: unknown) => live && setError(e instanceof Error ? e.message : String(e)),
      );
    }, 150);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [text, excluded]);

  useEffect(() => {
    const close = (e: MouseEvent) => {
      if (box.current && !box.current.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener('mousedown', close);
    return () => document.removeEventListener('mousedown', close);
  }, []);

  const pick = (u: StaffUser) => {
    onPick(u);
    setText('');
    setFound([]);
    setOpen(false);
  };
  const shown = open && text.trim() !== '';
  return (
    <div className="field multiselect" ref={box}>
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        role="combobox"
        aria-expanded={shown}
        aria-controls={`${id}-list`}
        aria-autocomplete="list"
        aria-activedescendant={shown && found[active] ? `${id}-${found[active]._id}` : undefined}
        autoComplete="off"
        value={text}
        placeholder={placeholder}
        onChange={(e) => {
          setText(e.target.value);
          setOpen(true);
        }}
        onFocus={() => setOpen(true)}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown') setActive((a) => Math.min(a + 1, found.length - 1));
          else if (e.key === 'ArrowUp') setActive((a) => Math.max(a - 1, 0));
          else if (e.key === 'Escape') setOpen(false);
          else if (e.key === 'Enter') {
            e.preventDefault();
            const u = found[active];
            if (u) pick(u);
          } else return;
          e.preventDefault();
        }}
      />
      {shown && (
        <ul className="multiselect-list list" id={`${id}-list`} role="listbox" aria-label={`${label} suggestions`}>
          {found.map((u, i) => (
            <li
              key={u._id}
              id={`${id}-${u._id}`}
              role="option"
              aria-selected={i === active}
              // the styles sheet has no option rule; the active row is marked here
              style={{ cursor: 'pointer', background: i === active ? '#e8f2ff' : undefined }}
              onMouseDown={(e) => e.preventDefault()}
              onClick={() => pick(u)}
            >
              <span>
                <strong>{u.name || u.username}</strong> <span className="muted">@{u.username}</span>
              </span>
              <span className="muted small">{u.emails?.[0]?.address ?? ''}</span>
            </li>
          ))}
          {found.length === 0 && (
            <li className="muted">
              {error ?? (foundFor === text.trim() ? t('userPicker.none') : t('common.searching'))}
            </li>
          )}
        </ul>
      )}
    </div>
  );
}
