/**
 * Who sees a room's live events (src/realtime/filter.ts): its visitor, its agent, managers, and,
 * while nobody serves it, the agents who may take its inquiry (issue 11: queue rows show the first
 * message live). Pure rules, so no sockets.
 */
import { describe, expect, it } from 'vitest';
import { forViewer, visibleTo } from '../../src/realtime/filter.ts';
import type { Viewer } from '../../src/realtime/filter.ts';
import type { LiveEvent, RoomAudience } from '../../src/domain/live-events.ts';

const agent = (userId: string, departments: string[] = []): Viewer => ({
  kind: 'staff',
  userId,
  seeAllRooms: false,
  seeDeliveries: false,
  departments: new Set(departments),
});
const manager: Viewer = { kind: 'staff', userId: 'm', seeAllRooms: true, seeDeliveries: true, departments: new Set() };

const typing = (audience: RoomAudience): LiveEvent => ({
  kind: 'typing',
  audience,
  username: 'guest-1',
  typing: true,
  from: 'visitor',
});

describe('live audience', () => {
  it('a served room: its agent, the previous agent and managers; no other agent', () => {
    const e = typing({ rid: 'r', visitorToken: 'tok', servedById: 'a1', previousServedById: 'a0' });
    expect(visibleTo(agent('a1'), e)).toBe(true);
    expect(visibleTo(agent('a0'), e)).toBe(true);
    expect(visibleTo(manager, e)).toBe(true);
    expect(visibleTo(agent('a2'), e)).toBe(false);
    expect(visibleTo({ kind: 'visitor', token: 'tok' }, e)).toBe(true);
    expect(visibleTo({ kind: 'visitor', token: 'other' }, e)).toBe(false);
  });

  it('a queued room without department: every agent', () => {
    const e = typing({ rid: 'r', visitorToken: 'tok' });
    expect(visibleTo(agent('a1'), e)).toBe(true);
    expect(visibleTo(agent('a2', ['d1']), e)).toBe(true);
  });

  it("a queued room of a department: that department's agents only", () => {
    const e = typing({ rid: 'r', visitorToken: 'tok', departmentId: 'd1' });
    expect(visibleTo(agent('a1', ['d1']), e)).toBe(true);
    expect(visibleTo(agent('a2', ['d2']), e)).toBe(false);
    expect(visibleTo(agent('a3'), e)).toBe(false);
    expect(visibleTo(manager, e)).toBe(true);
  });
});

describe('what a viewer receives', () => {
  it('a typing signal names its room, never the audience bookkeeping', () => {
    const e = typing({ rid: 'r1', visitorToken: 'tok', servedById: 'a1' });
    for (const viewer of [agent('a1'), { kind: 'visitor', token: 'tok' } as const]) {
      const out = forViewer(viewer, e);
      expect(out).toEqual({ kind: 'typing', rid: 'r1', username: 'guest-1', typing: true, from: 'visitor' });
    }
  });
});
