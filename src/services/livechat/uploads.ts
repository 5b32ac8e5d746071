/**
 * Visitor file uploads (the widget's `livechat/upload/:rid`). The bytes live in the `uploads`
 * table, so a file is as durable as the conversation on SQLite and PostgreSQL alike and several
 * processes need no shared disk. The file message (Rocket.Chat's `file` + `attachments`, URLs
 * server-relative) is saved with its Message event in one transaction and pushed live after commit.
 */
import type { LivechatDeps } from './deps.ts';
import { visitorByToken, visitorRoom } from './deps.ts';
import { insertMessage } from './messages.ts';
import { recordRoomEvent } from '../events.ts';
import { inTx } from '../tx.ts';
import { newId } from '../../domain/ids.ts';
import { fail } from '../../domain/errors.ts';
import type { Message, MessageAttachment, MessageFile } from '../../domain/models.ts';
import { toMessage } from '../../store/mappers.ts';

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

function attachmentFor(file: MessageFile): MessageAttachment {
  const url = fileUrl(file._id, file.name);
  const a: MessageAttachment = { type: 'file', title: file.name, title_link: url, title_link_download: true };
  const major = file.type.split('/')[0];
  // SVG can carry script: offer it as a download, never inline.
  if (major === 'image' && file.type !== 'image/svg+xml')
    Object.assign(a, { image_url: url, image_type: file.type, image_size: file.size });
  if (major === 'audio') Object.assign(a, { audio_url: url, audio_type: file.type, audio_size: file.size });
  if (major === 'video') Object.assign(a, { video_url: url, video_type: file.type, video_size: file.size });
  return a;
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
      fail('error-type-not-allowed', 'File type is not accepted', { reason: 'error-type-not-allowed' });
    }
  }

  sizeError(): never {
    const max = this.limits().maxSize;
    fail('error-size-not-allowed', `File exceeds the allowed size of ${humanSize(max)}`, {
      reason: 'error-size-not-allowed',
      sizeAllowed: humanSize(max),
    });
  }

  /** The visitor's open room, checked before the upload is read. */
  async checkRoom(token: string, rid: string): Promise<void> {
    await visitorByToken(this.deps.db, token);
    const room = await visitorRoom(this.deps.db, rid, token);
    if (room.open !== 1) fail('room-closed', 'Room closed');
  }

  async saveVisitorFile(input: {
    token: string;
    rid: string;
    name: string;
    type: string;
    data: Buffer;
  }): Promise<Message> {
    return inTx(this.deps.store, async (tx) => {
      const visitor = await visitorByToken(tx, input.token);
      const room = await visitorRoom(tx, input.rid, input.token);
      if (room.open !== 1) fail('room-closed', 'Room closed');
      const file: MessageFile = {
        _id: newId(),
        name: cleanFileName(input.name),
        type: input.type,
        size: input.data.length,
      };
      await tx.db
        .insertInto('uploads')
        .values({ ...file, rid: room._id, data: input.data, user_id: visitor._id, created_at: this.deps.now() })
        .execute();
      const row = await insertMessage(tx, this.deps, room, {
        msg: '',
        u: { _id: visitor._id, username: visitor.username, name: visitor.name ?? undefined },
        token: input.token,
        file,
        attachments: [attachmentFor(file)],
      });
      const message = toMessage(row);
      await recordRoomEvent(tx, this.deps, { type: 'Message', rid: room._id, messages: [message], sender: 'visitor' });
      return message;
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
