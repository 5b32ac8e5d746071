/** Who may see which live event. Pure, so the rules are tested without sockets. */
import type { LiveEvent } from '../domain/live-events.ts';
import { visitorView } from '../domain/visibility.ts';

export type Viewer =
  | { kind: 'visitor'; token: string }
  | { kind: 'staff'; userId: string; seeAllRooms: boolean; seeDeliveries: boolean; departments: ReadonlySet<string> };

export function visibleTo(viewer: Viewer, e: LiveEvent): boolean {
  if (viewer.kind === 'visitor') {
    // An internal note never reaches a visitor, not even their own room's.
    if (e.kind === 'message' && !visitorView(e.message)) return false;
    const roomEvent =
      e.kind === 'message' ||
      e.kind === 'message-deleted' ||
      e.kind === 'room' ||
      e.kind === 'typing' ||
      e.kind === 'queue';
    return roomEvent && e.audience.visitorToken === viewer.token;
  }
  switch (e.kind) {
    case 'message':
    case 'message-deleted':
    case 'room':
    case 'typing':
      return (
        viewer.seeAllRooms ||
        e.audience.servedById === viewer.userId ||
        e.audience.previousServedById === viewer.userId ||
        // A queued room (nobody serves it) is seen by the agents who may take its inquiry, so its
        // queue row shows the first message live and a new chat can ring with what the visitor wrote.
        (!e.audience.servedById && (!e.audience.departmentId || viewer.departments.has(e.audience.departmentId)))
      );
    case 'inquiry':
      return viewer.seeAllRooms || !e.inquiry.department || viewer.departments.has(e.inquiry.department);
    case 'agent-status':
      return viewer.seeAllRooms || e.agentId === viewer.userId;
    case 'delivery':
      return viewer.seeDeliveries;
    case 'queue':
      return false; // a visitor's place in the queue: agents see the queue itself (inquiry events)
  }
}

/** What a visitor may learn of a live event: no other ids than their own room's. */
export function forViewer(viewer: Viewer, e: LiveEvent): Record<string, unknown> {
  const { audience: _audience, ...rest } = e as LiveEvent & { audience?: unknown };
  // A typing signal names its room: a console with several chats open must know which one.
  if (e.kind === 'typing') return { ...rest, rid: e.audience.rid };
  // The visitor's own room: its id says which chat waits (a widget may hold an older one too).
  if (e.kind === 'queue') return { ...rest, rid: e.audience.rid };
  if (viewer.kind === 'visitor' && e.kind === 'message') {
    const message = visitorView(e.message);
    // visibleTo already refused notes; an empty frame is the safe answer if a caller skipped it
    return message ? { kind: e.kind, message } : { kind: 'noop' };
  }
  if (viewer.kind === 'visitor' && e.kind === 'room') {
    const { crmData: _crm, ...room } = e.room;
    return { kind: e.kind, action: e.action, room };
  }
  return rest;
}
