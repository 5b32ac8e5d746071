/**
 * The settings catalogue and its documentation cannot drift: docs/rocketchat-compat.md's
 * 'Omnichannel settings' table is generated from src/domain/rc-settings.ts and must match it
 * (`UPDATE_DOCS=1 npx vitest run test/unit/rc-settings-docs.test.ts` rewrites the table), and
 * the catalogue must agree with SETTINGS, the settings Omnihook acts on.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RC_SETTINGS } from '../../src/domain/rc-settings.ts';
import type { RcSetting } from '../../src/domain/rc-settings.ts';
import { SETTINGS, isSettingId } from '../../src/domain/settings.ts';

const DOC = join(import.meta.dirname, '../../docs/rocketchat-compat.md');
const START = '<!-- rc-settings:start (generated from src/domain/rc-settings.ts) -->';
const END = '<!-- rc-settings:end -->';

function effectiveDefault(s: RcSetting): unknown {
  return isSettingId(s.id) ? SETTINGS[s.id].default : s.default;
}

function cell(s: RcSetting): string {
  const d = effectiveDefault(s);
  // long defaults (the lead-capture patterns, our offline instruction) would swamp the table
  const long = s.id.endsWith('_regex') ? "Rocket.Chat's pattern" : 'a sentence (see the source)';
  const text = typeof d === 'string' ? (d.length > 40 ? long : `'${d}'`) : JSON.stringify(d);
  return `\`${text.replace(/\|/g, '\\|')}\``;
}

function status(s: RcSetting): string {
  const label = s.status === 'not-offered' ? 'not offered' : s.status;
  const ee = s.enterprise && s.status !== 'enterprise' ? ' (Enterprise in Rocket.Chat)' : '';
  return `${label}${ee}${s.why ? `: ${s.why}` : ''}`;
}

function table(): string {
  const rows = RC_SETTINGS.map(
    (s) => `| \`${s.id}\` | ${s.type}${s.secret ? ', secret' : ''} | ${cell(s)} | ${status(s)} |`,
  );
  return ['| id | type | default | status |', '|---|---|---|---|', ...rows].join('\n');
}

describe('Rocket.Chat settings catalogue', () => {
  it('docs/rocketchat-compat.md lists every setting with its type, default and status', () => {
    const doc = readFileSync(DOC, 'utf8');
    const start = doc.indexOf(START);
    const end = doc.indexOf(END);
    expect(start, 'the generated-table markers are in the doc').toBeGreaterThan(-1);
    expect(end).toBeGreaterThan(start);
    const expected = `${START}\n${table()}\n${END}`;
    const current = doc.slice(start, end + END.length);
    if (current !== expected && process.env.UPDATE_DOCS === '1') {
      writeFileSync(DOC, doc.slice(0, start) + expected + doc.slice(end + END.length));
      return;
    }
    expect(current).toBe(expected);
  });

  it('ids are unique; select values hold the default', () => {
    const ids = RC_SETTINGS.map((s) => s.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const s of RC_SETTINGS) {
      if (s.type === 'select' && s.default !== '')
        expect([s.id, s.values]).toEqual([s.id, expect.arrayContaining([s.default])]);
      if (s.type === 'multiSelect') {
        for (const v of s.default as string[]) expect([s.id, s.values]).toEqual([s.id, expect.arrayContaining([v])]);
      }
    }
  });

  it('agrees with SETTINGS: implemented means acted on, with a matching type and default', () => {
    const ourType = { boolean: 'boolean', int: 'int', string: 'string', color: 'string', select: 'select' } as const;
    for (const s of RC_SETTINGS) {
      expect([s.id, s.status === 'implemented']).toEqual([s.id, isSettingId(s.id)]);
      if (!isSettingId(s.id)) continue;
      expect([s.id, SETTINGS[s.id].type]).toEqual([s.id, ourType[s.type as keyof typeof ourType]]);
      // a different default is a decision, and the catalogue must say so
      if (SETTINGS[s.id].default !== s.default) expect([s.id, s.why]).toEqual([s.id, expect.stringMatching(/default/)]);
    }
  });
});
