/**
 * Canned responses in the composer: a trailing `!word` lists the matching responses (click one to
 * insert it), and `!shortcut` followed by a space is replaced by its text as one types.
 * It only reads and rewrites the composer's text, so Chat.tsx mounts it with two lines.
 */
import { useEffect } from 'react';
import { api } from '../api.ts';
import { useLoad } from './ui.tsx';

export interface Canned {
  _id: string;
  shortcut: string;
  text: string;
  scope: 'global' | 'department';
  departmentId?: string;
}

const TRAILING = /(^|\s)!([\w.-]*)$/;
const TYPED = /(^|\s)!([\w.-]+)\s$/;

export function CannedPicker({ text, onChange }: { text: string; onChange: (text: string) => void }) {
  const list = useLoad(
    () =>
      api<{ cannedResponses: Canned[] }>('GET', 'canned-responses', { query: { count: 1000 } }).then(
        (r) => r.cannedResponses,
      ),
    [],
  );
  const all = list.data ?? [];

  // `!shortcut ` (with the space) expands in place; anything else is left as typed
  useEffect(() => {
    const m = TYPED.exec(text);
    const hit = m && all.find((c) => c.shortcut === m[2]);
    if (m && hit) onChange(text.slice(0, m.index + m[1]!.length) + hit.text);
  }, [text, all, onChange]);

  const m = TRAILING.exec(text);
  if (!m) return null;
  const word = m[2]!.toLowerCase();
  const matches = all.filter((c) => c.shortcut.toLowerCase().startsWith(word)).slice(0, 8);
  const insert = (c: Canned) => onChange(text.slice(0, m.index + m[1]!.length) + c.text);
  return (
    // a zero-width anchor first in the composer row; the list floats above the composer
    <div style={{ position: 'relative', width: 0, alignSelf: 'stretch', order: -1 }}>
      <div className="canned-picker" role="group" aria-label="Canned responses" style={PANEL}>
        {matches.length === 0 ? (
          <span className="muted small">No canned response starts with “!{m[2]}”</span>
        ) : (
          matches.map((c) => (
            <button
              key={c._id}
              type="button"
              className="ghost"
              style={{ textAlign: 'left' }}
              onClick={() => insert(c)}
              title={c.text}
            >
              <strong>!{c.shortcut}</strong> <span className="muted small">{c.text.slice(0, 60)}</span>
            </button>
          ))
        )}
      </div>
    </div>
  );
}

const PANEL = {
  position: 'absolute',
  left: 0,
  bottom: 'calc(100% + 0.75rem)',
  width: 'min(28rem, calc(100vw - 2rem))',
  display: 'flex',
  flexDirection: 'column',
  alignItems: 'stretch',
  gap: '0.25rem',
  padding: '0.5rem',
  background: 'var(--bg, #fff)',
  border: '1px solid var(--line, #ccc)',
  borderRadius: '6px',
  boxShadow: '0 4px 12px rgba(0,0,0,0.12)',
  zIndex: 5,
} as const;
