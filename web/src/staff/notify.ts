/**
 * What makes an agent notice (issue 11, "Never miss a message"): a tone and a desktop
 * Notification for a new chat in the queue they can take, for a chat forwarded to them and for
 * a visitor message in one of their chats that is not in view; unread counts per chat and in the
 * tab title ("(3) Omnihook"). One instance per logged-in page, fed by the shared live stream.
 *
 * Unread counts and the mute live in this browser's localStorage, per user (docs/decisions.md):
 * they are about this screen's attention, not shared state. After the stream was down, `ready`
 * reloads the chats and counts the visitor messages that arrived meanwhile from their history.
 */
import { createContext, useContext, useSyncExternalStore } from 'react';
import { api, isAgent } from '../api.ts';
import type { Me } from '../api.ts';
import type { LiveStream } from '../live.ts';
import type { Inquiry, Message, Room } from './types.ts';
import { playTone, unlockSound } from './sound.ts';
import { t } from '../i18n/index.ts';
import { setUnreadInTitle } from './page-title.ts';

export type Permission = NotificationPermission | 'unsupported';

export interface AttentionState {
  unread: Readonly<Record<string, number>>;
  total: number;
  muted: boolean;
  permission: Permission;
}

/** Per room: unread visitor messages, and the last visitor message already counted or seen. */
interface Mark {
  n: number;
  last?: string;
}

function currentPermission(): Permission {
  return typeof Notification === 'undefined' ? 'unsupported' : Notification.permission;
}

export class Attention {
  private marks: Record<string, Mark>;
  private muted: boolean;
  private readonly myRooms = new Map<string, string>(); // rid -> visitor name
  private readonly knownInquiries = new Set<string>();
  /** Rooms rung for as "new chat in queue" whose first visitor message has not come yet. */
  private readonly awaitingFirst = new Set<string>();
  private inquiriesLoaded = false;
  private viewing: string | undefined;
  private snapshot: AttentionState;
  private readonly listeners = new Set<() => void>();
  private readonly stops: (() => void)[] = [];

  constructor(
    private me: Me,
    private readonly live: LiveStream,
    /** Where a click on a notification leads: the chat, or the queue (no rid). */
    private readonly openChat: (rid?: string) => void,
  ) {
    this.marks = this.read<Record<string, Mark>>('unread', {});
    this.muted = this.read<boolean>('muted', false);
    this.snapshot = this.compute();
    this.stops.push(live.subscribe((kind, data) => this.onLive(kind, data)));
    const onVisible = () => this.clearViewed();
    document.addEventListener('visibilitychange', onVisible);
    this.stops.push(() => document.removeEventListener('visibilitychange', onVisible));
    this.render();
  }

  stop(): void {
    this.stops.splice(0).forEach((f) => f());
    setUnreadInTitle(0);
  }

  setMe(me: Me): void {
    this.me = me;
  }

  // --- React binding (useSyncExternalStore) ---
  readonly subscribe = (fn: () => void) => {
    this.listeners.add(fn);
    return () => void this.listeners.delete(fn);
  };
  readonly getSnapshot = () => this.snapshot;

  // --- what the pages and the controls call ---

  /** The chat page in front of the agent (undefined when none): its messages are read as they come. */
  setViewing(rid: string | undefined): void {
    this.viewing = rid;
    this.clearViewed();
  }

  setMuted(muted: boolean): void {
    this.muted = muted;
    this.write('muted', muted);
    this.render();
  }

  /** From a click: browsers only show the permission prompt after a user gesture. */
  async enableNotifications(): Promise<void> {
    unlockSound();
    if (typeof Notification !== 'undefined' && Notification.permission === 'default') {
      await Notification.requestPermission();
    }
    this.render();
  }

  // --- live events ---

  private onLive(kind: string, data: Record<string, unknown>): void {
    if (kind === 'ready') void this.catchUp();
    else if (kind === 'message') this.onMessage(data.message as Message);
    else if (kind === 'room') this.onRoom(data.room as Room, data.action as string);
    else if (kind === 'inquiry' && data.action === 'queued') this.onQueued(data.inquiry as Inquiry);
  }

  private onMessage(m: Message): void {
    // The first message of a chat waiting in the queue: say what the visitor wrote (same tag: it
    // replaces the "new chat" notification instead of adding one).
    if (this.awaitingFirst.has(m.rid) && m.token && !m.t) {
      this.awaitingFirst.delete(m.rid);
      this.alert(t('notify.newChat', { name: m.u.name || m.u.username }), m.msg, `inquiry-${m.rid}`, m.rid, 'none');
    }
    if (!m.token || m.t || !this.myRooms.has(m.rid)) return;
    const mark = this.mark(m.rid);
    mark.last = m._id;
    if (this.inView(m.rid)) mark.n = 0;
    else {
      mark.n += 1;
      this.alert(
        this.myRooms.get(m.rid) ?? t('notify.newMessage'),
        m.msg || t('notify.sentFile'),
        `room-${m.rid}`,
        m.rid,
        'message',
      );
    }
    this.save();
  }

  private onRoom(room: Room, action: string): void {
    const mine = room.open && room.servedBy?._id === this.me._id;
    const had = this.myRooms.has(room._id);
    if (mine) this.myRooms.set(room._id, room.fname);
    else if (had) {
      this.myRooms.delete(room._id);
      delete this.marks[room._id];
      this.save();
    }
    if (mine && !had && action === 'forwarded')
      this.alert(t('notify.forwarded', { name: room.fname }), '', `room-${room._id}`, room._id, 'chat');
  }

  private onQueued(inq: Inquiry): void {
    if (this.knownInquiries.has(inq._id)) return;
    this.knownInquiries.add(inq._id);
    if (!this.canTake()) return;
    if (!inq.message) this.awaitingFirst.add(inq.rid);
    this.alert(t('notify.queued', { name: inq.name }), inq.message ?? '', `inquiry-${inq.rid}`, undefined, 'chat');
  }

  /** Only agents who are available are rung for the queue, like Rocket.Chat's routing would. */
  private canTake(): boolean {
    return isAgent(this.me) && this.me.statusLivechat === 'available';
  }

  /** After a (re)connection: reload my chats and the queue, and count what arrived unseen. */
  private async catchUp(): Promise<void> {
    try {
      const r = await api<{ rooms: Room[] }>('GET', 'livechat/rooms', {
        query: { open: true, count: 100, agents: [this.me._id] },
      });
      this.myRooms.clear();
      for (const room of r.rooms) this.myRooms.set(room._id, room.fname);
      for (const rid of Object.keys(this.marks)) if (!this.myRooms.has(rid)) delete this.marks[rid];
      for (const room of r.rooms) {
        const last = room.lastMessage;
        const mark = this.marks[room._id];
        if (!last?.token || mark?.last === last._id) continue;
        // First sight of this chat on this screen: a baseline, not a pile of "unread" history.
        if (!mark) this.marks[room._id] = { n: 0, last: last._id };
        else if (this.inView(room._id)) this.marks[room._id] = { n: 0, last: last._id };
        else await this.countMissed(room, mark);
      }
      this.save();
      await this.catchUpQueue();
    } catch {
      // the stream will say `ready` again after the next reconnection
    }
  }

  private async countMissed(room: Room, mark: Mark): Promise<void> {
    const h = await api<{ messages: Message[] }>('GET', `livechat/messages.history/${room._id}`, {
      query: { limit: 50 },
    });
    const list = h.messages.slice().reverse(); // oldest first
    const from = list.findIndex((m) => m._id === mark.last);
    const missed = list.slice(from + 1).filter((m) => m.token && !m.t);
    if (missed.length === 0) return;
    mark.n += missed.length;
    mark.last = missed[missed.length - 1]!._id;
    this.alert(room.fname, missed[missed.length - 1]!.msg, `room-${room._id}`, room._id, 'message');
  }

  private async catchUpQueue(): Promise<void> {
    if (!isAgent(this.me)) return;
    const q = await api<{ inquiries: Inquiry[] }>('GET', 'livechat/inquiries.queued', { query: { count: 100 } });
    const first = !this.inquiriesLoaded;
    this.inquiriesLoaded = true;
    for (const inq of q.inquiries) {
      if (this.knownInquiries.has(inq._id)) continue;
      this.knownInquiries.add(inq._id);
      if (!first && this.canTake())
        this.alert(t('notify.queued', { name: inq.name }), inq.message ?? '', `inquiry-${inq.rid}`, undefined, 'chat');
    }
  }

  // --- helpers ---

  private inView(rid: string): boolean {
    return this.viewing === rid && document.visibilityState === 'visible';
  }

  private clearViewed(): void {
    const rid = this.viewing;
    if (!rid || document.visibilityState !== 'visible') return;
    const mark = this.marks[rid];
    if (mark && mark.n > 0) {
      mark.n = 0;
      this.save();
    }
  }

  private mark(rid: string): Mark {
    return (this.marks[rid] ??= { n: 0 });
  }

  private alert(title: string, body: string, tag: string, rid: string | undefined, tone: 'message' | 'chat' | 'none') {
    if (this.muted) return;
    if (tone !== 'none') playTone(tone);
    if (currentPermission() !== 'granted') return;
    try {
      const n = new Notification(title, { body, tag });
      n.onclick = () => {
        window.focus();
        this.openChat(rid);
        n.close();
      };
    } catch {
      // Chrome on Android only shows notifications from a service worker: the tone and the title remain.
    }
  }

  private save(): void {
    this.write('unread', this.marks);
    this.render();
  }

  private compute(): AttentionState {
    const unread: Record<string, number> = {};
    let total = 0;
    for (const [rid, m] of Object.entries(this.marks)) {
      if (m.n > 0) {
        unread[rid] = m.n;
        total += m.n;
      }
    }
    return { unread, total, muted: this.muted, permission: currentPermission() };
  }

  private render(): void {
    this.snapshot = this.compute();
    setUnreadInTitle(this.snapshot.total);
    for (const fn of [...this.listeners]) fn();
  }

  private key(name: string): string {
    return `omnihook.${name}.${this.me._id}`;
  }

  private read<T>(name: string, fallback: T): T {
    try {
      const raw = localStorage.getItem(this.key(name));
      return raw === null ? fallback : (JSON.parse(raw) as T);
    } catch {
      return fallback;
    }
  }

  private write(name: string, value: unknown): void {
    try {
      localStorage.setItem(this.key(name), JSON.stringify(value));
    } catch {
      // storage full or disabled: the counts still work for this page's lifetime
    }
  }
}

export const AttentionContext = createContext<Attention | null>(null);

export function useAttention(): [AttentionState, Attention] {
  const a = useContext(AttentionContext);
  if (!a) throw new Error('useAttention outside the logged-in app');
  return [useSyncExternalStore(a.subscribe, a.getSnapshot), a];
}
