/**
 * docs/errors.md lists every code of the catalogue (src/domain/errors.ts) with its HTTP status, and
 * nothing the catalogue does not have: an integrator reads the codes there.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ERRORS } from '../../src/domain/errors.ts';

const doc = readFileSync(new URL('../../docs/errors.md', import.meta.url), 'utf8');
const rows = new Map([...doc.matchAll(/^\| `([^`]+)` \| (\d{3}) \|$/gm)].map((m) => [m[1]!, Number(m[2])] as const));

describe('docs/errors.md', () => {
  it('has every error code with its status', () => {
    const missing = Object.entries(ERRORS).filter(([code, status]) => rows.get(code) !== status);
    expect(missing).toEqual([]);
  });
  it('lists no code the catalogue lacks', () => {
    expect([...rows.keys()].filter((code) => !(code in ERRORS))).toEqual([]);
  });
});
