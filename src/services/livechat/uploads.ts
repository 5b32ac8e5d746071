/**
 * File uploads: the visitor's (the widget's `livechat/upload/:rid`) and the agent's
 * (`rooms.upload/:rid`). The bytes live in the `uploads` table, so a file is as durable as the
 * conversation on SQLite and PostgreSQL alike and several processes need no shared disk. The file
 * message (Rocket.Chat's `file` + `attachments`, URLs server-relative) is saved with its Message
 * event in one transaction and pushed live after commit, to the console and both widgets.
 */
import type { LivechatDeps } from './deps.ts';
import { roomById, visitorByToken, visitorRoom } from './deps.ts';
import type { Tx } from '../tx.ts';
import { insertMessage } from './messages.ts';
import { recordRoomEvent } from '../events.ts';
import { inTx } from '../tx.ts';
import { newId } from '../../domain/ids.ts';
import { fail } from '../../domain/errors.ts';
import { visitorView } from '../../domain/visibility.ts';
import type { Message, MessageAttachment, MessageFile, User } from '../../domain/models.ts';
import { toMessage } from '../../store/mappers.ts';
import type { RoomRow } from '../../store/mappers.ts';

export interface StoredFile {
  _id: string;
  rid: string;
  name: string;
  type: string;
  size: number;
  data: Uint8Array;
}

/** Rocket.Chat's whitelist rule: '' accepts all; entries are exact types or `major/*`. */
export function typeAllowed(type: string, whitelist: string): boolean {
  const list = whitelist
    .split(',')
    .map((t) => t.trim().toLowerCase())
    .filter((t) => t.length > 0);
  if (list.length === 0) return true;
  const t = type.toLowerCase();
  return list.some((entry) => entry === t || (entry.endsWith('/*') && t.startsWith(entry.slice(0, -1))));
}

/** "10 MB"-style, as Rocket.Chat shows `sizeAllowed`. */
export function humanSize(bytes: number): string {
  const units = ['B', 'KB', 'MB', 'GB'];
  let n = bytes;
  let i = 0;
  while (n >= 1024 && i < units.length - 1) {
    n /= 1024;
    i++;
  }
  return `${Number.isInteger(n) ? n : n.toFixed(1)} ${units[i]}`;
}

/** A display name safe in paths and headers: no directories, no control characters. */
export function cleanFileName(name: string | undefined): string {
  const base = (name ?? '')
    .split(/[\\/]/)
    .pop()!
    // eslint-disable-next-line no-control-regex -- control characters are what is removed
    .replace(/[\u0000-\u001f\u007f"]/g, '')
    .trim();
  return (base || 'file').slice(0, 200);
}

export function fileUrl(id: string, name: string): string {
  return `/file-upload/${id}/${encodeURIComponent(name)}`;
}

/** The fields of Rocket.Chat's file attachment beyond the ones its widget reads (models.ts). */
type FileAttachment = MessageAttachment & { fileId: string; description?: string; format?: string; size?: number };

/** Rocket.Chat's parseFileIntoMessageAttachments, without thumbnails (the original is served). */
function attachmentFor(file: MessageFile, description: string | undefined): FileAttachment {
  const url = fileUrl(file._id, file.name);
  const a: FileAttachment = {
    type: 'file',
    title: file.name,
    title_link: url,
    title_link_download: true,
    fileId: file._id,
    ...(description ? { description } : {}),
  };
  const major = file.type.split('/')[0];
  // SVG can carry script: offer it as a download, never inline.
  if (major === 'image' && file.type !== 'image/svg+xml')
    return { ...a, image_url: url, image_type: file.type, image_size: file.size };
  if (major === 'audio') return { ...a, audio_url: url, audio_type: file.type, audio_size: file.size };
  if (major === 'video') return { ...a, video_url: url, video_type: file.type, video_size: file.size };
  const dot = file.name.lastIndexOf('.');
  return { ...a, format: dot > 0 ? file.name.slice(dot + 1).toLowerCase() : '', size: file.size };
}

export interface NewFile {
  name: string;
  type: string;
  data: Buffer;
  /** Optional text with the file (Rocket.Chat's `description`, or `msg`). */
  description?: string;
}

function agentMaySend(room: RoomRow, user: User, canActOnAnyRoom: boolean): RoomRow {
  if (room.open !== 1) fail('room-closed', 'Room closed');
  if (room.served_by_id !== user._id && !canActOnAnyRoom) fail('error-not-allowed', 'You are not serving this room');
  return room;
}

export class UploadsService {
  constructor(private readonly deps: LivechatDeps) {}

  /** Settings gate, checked before any byte is read. */
  limits(): { maxSize: number; whitelist: string } {
    const st = this.deps.settings;
    if (!st.get('FileUpload_Enabled') || !st.get('Livechat_fileupload_enabled'))
      fail('error-file-upload-disabled', 'File upload is disabled');
    return { maxSize: st.get('FileUpload_MaxFileSize'), whitelist: st.get('FileUpload_MediaTypeWhiteList') };
  }

  checkType(type: string): void {
    if (!typeAllowed(type, this.limits().whitelist)) {
      fail('error-type-not-allowed', 'This file type is not allowed', { reason: 'error-type-not-allowed' });
    }
  }

  sizeError(): never {
    const max = this.limits().maxSize;
    // Worded for people: both UIs show the server's message as it is.
    fail('error-size-not-allowed', `File too large (max ${humanSize(max)})`, {
      reason: 'error-size-not-allowed',
      sizeAllowed: humanSize(max),
    });
  }

  /**
   * The visitor's open room, checked before the upload is read. Refusals are 403, as Rocket.Chat's
   * livechat/upload answers an unknown token, another visitor's room or a closed one.
   */
  async checkRoom(token: string, rid: string): Promise<void> {
    const visitor = await this.deps.db
      .selectFrom('visitors')
      .select('_id')
      .where('token', '=', token)
      .executeTakeFirst();
    if (!visitor) fail('error-unauthorized', 'Unknown visitor token');
    const room = await this.deps.db
      .selectFrom('rooms')
      .select('open')
      .where('_id', '=', rid)
      .where('visitor_token', '=', token)
      .executeTakeFirst();
    if (!room) fail('error-unauthorized', 'Not your conversation');
    if (room.open !== 1) fail('error-unauthorized', 'The conversation is closed');
  }

  /** The description travels as the message text too: what Rocket.Chat's widget shows (it ignores `description`). */
  private checkDescription(text: string | undefined): string | undefined {
    const d = text?.trim();
    if (!d) return undefined;
    const max = this.deps.settings.get('Message_MaxAllowedSize');
    if (d.length > max)
      fail('error-message-size-exceeded', `The description exceeds ${max} characters`, { maxSize: max });
    return d;
  }

  /** Stores the bytes and inserts the file message; the caller records the event. */
  private async store(
    tx: Tx,
    room: RoomRow,
    sender: { _id: string; username: string; name?: string },
    input: NewFile,
    token?: string,
  ): Promise<{ message: Message; room: RoomRow }> {
    const description = this.checkDescription(input.description);
    const file: MessageFile = {
      _id: newId(),
      name: cleanFileName(input.name),
      type: input.type,
      size: input.data.length,
    };
    await tx.db
      .insertInto('uploads')
      .values({ ...file, rid: room._id, data: input.data, user_id: sender._id, created_at: this.deps.now() })
      .execute();
    const row = await insertMessage(tx, this.deps, room, {
      msg: description ?? '',
      u: sender,
      token,
      file,
      attachments: [attachmentFor(file, description)],
    });
    return { message: toMessage(row), room: row.room };
  }

  async saveVisitorFile(input: NewFile & { token: string; rid: string }): Promise<Message> {
    this.checkDescription(input.description); // before the transaction: a refusal opens none
    return inTx(this.deps.store, async (tx) => {
      const visitor = await visitorByToken(tx, input.token);
      const room = await visitorRoom(tx, input.rid, input.token);
      if (room.open !== 1) fail('room-closed', 'Room closed');
      const sender = { _id: visitor._id, username: visitor.username, name: visitor.name ?? undefined };
      const saved = await this.store(tx, room, sender, input, input.token);
      await recordRoomEvent(tx, this.deps, {
        type: 'Message',
        rid: room._id,
        messages: [saved.message],
        sender: 'visitor',
        room: saved.room,
        visitor,
      });
      return visitorView(saved.message) ?? saved.message; // the answer goes to the visitor's widget
    });
  }

  /**
   * Who may send a file: as for a text message (chat.sendMessage), the serving agent of an open
   * chat, or staff who act on any room. Checked before the upload is read, and again in the write.
   */
  async checkAgentRoom(user: User, rid: string, canActOnAnyRoom: boolean): Promise<void> {
    agentMaySend(await roomById(this.deps.db, rid), user, canActOnAnyRoom);
  }

  async saveAgentFile(user: User, input: NewFile & { rid: string }, canActOnAnyRoom: boolean): Promise<Message> {
    this.checkDescription(input.description);
    return inTx(this.deps.store, async (tx) => {
      const room = agentMaySend(await roomById(tx, input.rid), user, canActOnAnyRoom);
      const sender = { _id: user._id, username: user.username, name: user.name };
      const saved = await this.store(tx, room, sender, input);
      await recordRoomEvent(tx, this.deps, {
        type: 'Message',
        rid: room._id,
        messages: [saved.message],
        sender: 'agent',
        room: saved.room,
      });
      return saved.message;
    });
  }

  async find(id: string): Promise<StoredFile | undefined> {
    return this.deps.db
      .selectFrom('uploads')
      .select(['_id', 'rid', 'name', 'type', 'size', 'data'])
      .where('_id', '=', id)
      .executeTakeFirst();
  }
}
