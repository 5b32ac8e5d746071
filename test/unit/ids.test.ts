/** Ids: Rocket.Chat's shape, and sortable ids that follow the clock (index locality). */
import { describe, expect, it } from 'vitest';
import { newEventId, newId, newSortableId } from '../../src/domain/ids.ts';

const RC_ID = /^[23456789ABCDEFGHJKLMNPQRSTWXYZabcdefghijkmnopqrstuvwxyz]{17}$/;

describe('ids', () => {
  it('look like Rocket.Chat ids', () => {
    expect(newId()).toMatch(RC_ID);
    expect(newSortableId()).toMatch(RC_ID);
    expect(newEventId()).toMatch(/^msg_[2-9A-Za-z]{24}$/);
  });

  it('sort by creation time, byte-wise as SQLite and PostgreSQL "C" compare them', async () => {
    const a = newSortableId();
    await new Promise((r) => setTimeout(r, 3));
    const b = newSortableId();
    expect(Buffer.compare(Buffer.from(a), Buffer.from(b))).toBe(-1);
    expect(a.slice(0, 8) < b.slice(0, 8)).toBe(true);
  });

  it('stay unique within one millisecond', () => {
    const ids = Array.from({ length: 10_000 }, () => newSortableId());
    expect(new Set(ids).size).toBe(ids.length);
  });
});
