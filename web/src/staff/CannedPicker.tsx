/**
 * Canned responses in the composer: a trailing `!word` lists the matching responses (click one to
 * insert it), and `!shortcut` followed by a space is replaced by its text as one types.
 * A word matches a shortcut's start or a tag's start (`!billing` lists every billing response);
 * shortcut matches come first. It only reads and rewrites the composer's text, so Chat.tsx
 * mounts it with two lines.
 */
import { useEffect } from 'react';
import { api } from '../api.ts';
import { useLoad } from './ui.tsx';
import { t } from '../i18n/index.ts';

export interface Canned {
  _id: string;
  shortcut: string;
  text: string;
  scope: 'global' | 'department';
  departmentId?: string;
  tags?: string[];
}

/** The responses `word` finds: shortcut prefix first, then tag prefix (tags' words too). */
export function matchCanned(all: readonly Canned[], word: string, limit = 8): Canned[] {
  const w = word.toLowerCase();
  const byShortcut = all.filter((c) => c.shortcut.toLowerCase().startsWith(w));
  const byTag = all.filter(
    (c) =>
      !byShortcut.includes(c) &&
      (c.tags ?? []).some((t) =>
        t
          .toLowerCase()
          .split(/[\s_.-]+/)
          .concat(t.toLowerCase())
          .some((part) => part.startsWith(w)),
      ),
  );
  return [...byShortcut, ...byTag].slice(0, limit);
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
  const matches = matchCanned(all, m[2]!);
  const insert = (c: Canned) => onChange(text.slice(0, m.index + m[1]!.length) + c.text);
  return (
    // a zero-width anchor first in the composer row; the list floats above the composer
    <div style={{ position: 'relative', width: 0, alignSelf: 'stretch', order: -1 }}>
      <div className="canned-picker" role="group" aria-label={t('canned.title')} style={PANEL}>
        {matches.length === 0 ? (
          <span className="muted small">{t('canned.noMatch', { prefix: `!${m[2]}` })}</span>
        ) : (
          matches.map((c) => (
            <button key={c._id} type="button" className="ghost" style={ITEM} onClick={() => insert(c)} title={c.text}>
              <span>
                <strong>!{c.shortcut}</strong> <span className="muted small">{c.text.slice(0, 60)}</span>
              </span>
              {(c.tags ?? []).length > 0 && (
                <span className="chips">
                  {(c.tags ?? []).map((t) => (
                    <span key={t} className="chip small">
                      {t}
                    </span>
                  ))}
                </span>
              )}
            </button>
          ))
        )}
      </div>
    </div>
  );
}

// one response per row: its shortcut and text, then its tags on their own line
const ITEM = {
  textAlign: 'left',
  display: 'flex',
  flexDirection: 'column',
  alignItems: 'flex-start',
  gap: '0.2rem',
} as const;

const PANEL = {
  position: 'absolute',
  left: 0,
  bottom: 'calc(100% + 0.75rem)',
  // the composer starts about 2 rem from the screen's edge inside its card: leave room both sides
  width: 'min(28rem, calc(100vw - 5rem))',
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
