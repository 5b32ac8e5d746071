/**
 * Messages: saved with their Message event in one transaction (and LeadCapture when a visitor
 * message holds an email or phone number), then pushed to live clients after commit.
 */
import type { LivechatDeps } from './deps.ts';
import { audienceOf, roomById, visitorByToken, visitorRoom } from './deps.ts';
import type { VisitorsService } from './visitors.ts';
import { recordRoomEvent } from '../events.ts';
import { inTx } from '../tx.ts';
import { unescapeHtml } from './transcript.ts';
import { NOTE_MESSAGE_TYPE, visitorView } from '../../domain/visibility.ts';
import type { Tx } from '../tx.ts';
import { newSortableId } from '../../domain/ids.ts';
import { fail } from '../../domain/errors.ts';
import type { Message, MessageAttachment, MessageFile, TransferData, User } from '../../domain/models.ts';
import { toMessage } from '../../store/mappers.ts';
import type { MessageRow, RoomRow, VisitorRow } from '../../store/mappers.ts';
import { first } from '../../store/prepared.ts';
import { bumpRoomQ, insertMessageQ, messageIdTakenQ } from '../../store/statements.ts';
import { checkVisitorMessageLength } from '../appearance.ts';

export interface NewMessage {
  msg: string;
  _id?: string;
  t?: string;
  u: { _id: string; username: string; name?: string };
  token?: string;
  /** File messages (uploads.ts): stored as JSON, sent to the widget and the CRM as Rocket.Chat does. */
  file?: MessageFile;
  attachments?: MessageAttachment[];
  /** Transfer records only (routing.ts): Rocket.Chat's `transferData`. */
  transferData?: TransferData;
}

/**
 * Inserts a message and bumps the room; no event (callers record the one that fits).
 * Returns the message and the room as it now stands, so the event needs no second read.
 */
export async function insertMessage(
  tx: Tx,
  deps: LivechatDeps,
  room: RoomRow,
  m: NewMessage,
): Promise<MessageRow & { room: RoomRow }> {
  const now = deps.now();
  const row: Omit<MessageRow, 'seq'> = {
    _id: m._id ?? newSortableId(),
    rid: room._id,
    msg: m.msg,
    t: m.t ?? null,
    u_id: m.u._id,
    u_username: m.u.username,
    u_name: m.u.name ?? null,
    token: m.token ?? null,
    ts: now,
    edited_at: null,
    edited_by_id: null,
    edited_by_username: null,
    updated_at: now,
    file: m.file ? JSON.stringify(m.file) : null,
    attachments: m.attachments ? JSON.stringify(m.attachments) : null,
    transfer_data: m.transferData ? JSON.stringify(m.transferData) : null,
  };
  if (m._id) {
    const dup = await first(tx.x, messageIdTakenQ, { id: m._id });
    if (dup) fail('error-invalid-message', 'A message with this _id already exists');
  }
  const inserted = await first(tx.x, insertMessageQ, row);
  if (!inserted) throw new Error('insert into messages returned no row');
  await tx.x.run(bumpRoomQ, { now, rid: room._id });
  const full: MessageRow = { ...row, seq: inserted.seq };
  tx.after(() => deps.hub.publish({ kind: 'message', audience: audienceOf(room), message: toMessage(full) }));
  return { ...full, room: { ...room, msgs: room.msgs + 1, last_message_at: now, updated_at: now } };
}

function findAll(text: string, pattern: string, flags: string): string[] {
  try {
    return (text.match(new RegExp(pattern, flags)) ?? []).filter((s) => s.length > 0);
  } catch {
    return []; // an invalid regex cannot be saved (settings validate), but never fail a message over it
  }
}

export class MessagesService {
  constructor(
    private readonly deps: LivechatDeps,
    private readonly visitors: VisitorsService,
  ) {}

  private checkText(msg: string): void {
    if (msg.trim().length === 0) fail('error-invalid-message', 'The message is empty');
    const max = this.deps.settings.get('Message_MaxAllowedSize');
    if (msg.length > max)
      fail('error-message-size-exceeded', `The message exceeds ${max} characters`, { maxSize: max });
  }

  async sendAsVisitor(input: { token: string; rid: string; msg: string; _id?: string }): Promise<Message> {
    // Rocket.Chat's widget HTML-escapes what the visitor types: store it as typed (docs/decisions.md).
    input = { ...input, msg: unescapeHtml(input.msg) };
    this.checkText(input.msg);
    checkVisitorMessageLength(this.deps.settings, input.msg);
    return inTx(this.deps.store, async (tx) => {
      const visitor = await visitorByToken(tx, input.token);
      const room = await visitorRoom(tx, input.rid, input.token);
      if (room.open !== 1) fail('room-closed', 'Room closed');
      const row = await insertMessage(tx, this.deps, room, {
        msg: input.msg,
        _id: input._id,
        u: { _id: visitor._id, username: visitor.username, name: visitor.name ?? undefined },
        token: input.token,
      });
      const message = toMessage(row);
      await recordRoomEvent(tx, this.deps, {
        type: 'Message',
        rid: room._id,
        messages: [message],
        sender: 'visitor',
        room: row.room,
        visitor,
      });
      await this.captureLead(tx, visitor, row.room, input.msg);
      return visitorView(message) ?? message; // the answer goes to the visitor's widget
    });
  }

  /** Lead capture (Rocket.Chat semantics): only an actual match saves contacts and records LeadCapture. */
  private async captureLead(tx: Tx, visitor: VisitorRow, room: RoomRow, text: string): Promise<void> {
    const emails = findAll(text, this.deps.settings.get('Livechat_lead_email_regex'), 'gi');
    const phones = findAll(text, this.deps.settings.get('Livechat_lead_phone_regex'), 'g');
    if (emails.length === 0 && phones.length === 0) return;
    await this.visitors.addContacts(tx.db, visitor, emails, phones);
    await recordRoomEvent(tx, this.deps, { type: 'LeadCapture', rid: room._id, messages: 'none' });
  }

  async sendAsAgent(
    user: User,
    input: { rid: string; msg: string; _id?: string },
    canActOnAnyRoom: boolean,
  ): Promise<Message> {
    this.checkText(input.msg);
    return inTx(this.deps.store, async (tx) => {
      const room = await roomById(tx, input.rid);
      if (room.open !== 1) fail('room-closed', 'Room closed');
      if (room.served_by_id !== user._id && !canActOnAnyRoom)
        fail('error-not-allowed', 'You are not serving this room');
      const row = await insertMessage(tx, this.deps, room, {
        msg: input.msg,
        _id: input._id,
        u: { _id: user._id, username: user.username, name: user.name },
      });
      const message = toMessage(row);
      await recordRoomEvent(tx, this.deps, { type: 'Message', rid: room._id, messages: [message], sender: 'agent' });
      return message;
    });
  }

  /** The visitor edits one of their own messages: Message event again, now with editedAt. */
  async editAsVisitor(input: { token: string; rid: string; _id: string; msg: string }): Promise<Message> {
    input = { ...input, msg: unescapeHtml(input.msg) };
    this.checkText(input.msg);
    return inTx(this.deps.store, async (tx) => {
      const visitor = await visitorByToken(tx, input.token);
      const room = await visitorRoom(tx, input.rid, input.token);
      if (room.open !== 1) fail('room-closed', 'Room closed');
      const row = await this.ownMessage(tx, input._id, room._id, input.token);
      const now = this.deps.now();
      const patch = {
        msg: input.msg,
        edited_at: now,
        edited_by_id: visitor._id,
        edited_by_username: visitor.username,
        updated_at: now,
      };
      await tx.db.updateTable('messages').set(patch).where('_id', '=', row._id).execute();
      const message = toMessage({ ...row, ...patch });
      await recordRoomEvent(tx, this.deps, { type: 'Message', rid: room._id, messages: [message], sender: 'visitor' });
      tx.after(() => this.deps.hub.publish({ kind: 'message', audience: audienceOf(room), message }));
      return visitorView(message) ?? message;
    });
  }

  async deleteAsVisitor(input: { token: string; rid: string; _id: string }): Promise<{ _id: string; ts: Date }> {
    return inTx(this.deps.store, async (tx) => {
      await visitorByToken(tx, input.token);
      const room = await visitorRoom(tx, input.rid, input.token);
      if (room.open !== 1) fail('room-closed', 'Room closed');
      const row = await this.ownMessage(tx, input._id, room._id, input.token);
      await tx.db.deleteFrom('messages').where('_id', '=', row._id).execute();
      await tx.db
        .updateTable('rooms')
        .set((eb) => ({ msgs: eb('msgs', '-', 1) }))
        .where('_id', '=', room._id)
        .execute();
      tx.after(() => this.deps.hub.publish({ kind: 'message-deleted', audience: audienceOf(room), _id: row._id }));
      return { _id: row._id, ts: new Date(this.deps.now()) };
    });
  }

  private async ownMessage(tx: Tx, id: string, rid: string, token: string): Promise<MessageRow> {
    const row = await tx.db
      .selectFrom('messages')
      .selectAll()
      .where('_id', '=', id)
      .where('rid', '=', rid)
      .executeTakeFirst();
    if (!row || row.token !== token || row.t !== null) fail('error-invalid-message', 'Invalid message');
    return row;
  }

  /**
   * Rocket.Chat's loadMessageHistory: newest first (the widget reverses it), `end` keeps the
   * messages before that time, `offset` skips the newest ones, `limit` caps the page. `ls` (last
   * seen) only feeds Rocket.Chat's unread count, which livechat's answer drops: it filters nothing.
   */
  async history(
    rid: string,
    opts: { limit: number; offset?: number; end?: number; forVisitor?: boolean },
  ): Promise<Message[]> {
    let q = this.deps.db.selectFrom('messages').selectAll().where('rid', '=', rid);
    // Filtered in the query, so a page of `limit` is still full when notes are left out.
    if (opts.forVisitor) q = q.where((eb) => eb.or([eb('t', 'is', null), eb('t', '!=', NOTE_MESSAGE_TYPE)]));
    if (opts.end !== undefined) q = q.where('ts', '<', opts.end);
    const rows = await q
      .orderBy('seq', 'desc')
      .limit(opts.limit)
      .offset(opts.offset ?? 0)
      .execute();
    const messages = rows.map(toMessage);
    return opts.forVisitor ? messages.flatMap((m) => visitorView(m) ?? []) : messages;
  }

  async historyForVisitor(
    token: string,
    rid: string,
    opts: { limit: number; offset?: number; end?: number },
  ): Promise<Message[]> {
    await visitorByToken(this.deps.db, token);
    await visitorRoom(this.deps.db, rid, token);
    return this.history(rid, { ...opts, forVisitor: true });
  }

  /** One message of the visitor's own room (livechat/message/:tmid). */
  async visitorMessage(rid: string, token: string, id: string): Promise<Message> {
    const room = await visitorRoom(this.deps.db, rid, token);
    const row = await this.deps.db
      .selectFrom('messages')
      .selectAll()
      .where('_id', '=', id)
      .where('rid', '=', room._id)
      .executeTakeFirst();
    const message = row ? visitorView(toMessage(row)) : undefined;
    if (!message) fail('error-invalid-message', 'Invalid message');
    return message;
  }
}
