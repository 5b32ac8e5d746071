/**
 * Translated sentences with markup inside ("New password of <strong>ana</strong>, shown once"):
 * the catalogue holds the whole sentence with `{name}` slots, so a translator can move the slot
 * where the language puts it, and the slots are filled with React nodes here.
 */
import { Fragment } from 'react';
import type { ReactNode } from 'react';
import { t } from './index.ts';
import type { MessageKey } from './index.ts';

export function tRich(key: MessageKey, slots: Readonly<Record<string, ReactNode>>): ReactNode {
  const text = t(key);
  const parts = text.split(/\{(\w+)\}/);
  return parts.map((part, i) =>
    i % 2 === 1 ? <Fragment key={i}>{part in slots ? slots[part] : `{${part}}`}</Fragment> : part,
  );
}
