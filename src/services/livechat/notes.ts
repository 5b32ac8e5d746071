/**
 * Internal notes: staff-only messages in a chat (issue 13). Stored in `messages` with
 * t = 'livechat_note', so the console's history and live stream show them in order with the
 * conversation; domain/visibility.ts keeps them from every visitor path (SSE, DDP, history,
 * transcript) and payloads.ts from the CRM (system messages are never sent).
 */
import type { LivechatDeps } from './deps.ts';
import { roomById } from './deps.ts';
import { insertMessage } from './messages.ts';
import { inTx } from '../tx.ts';
import { fail } from '../../domain/errors.ts';
import type { Message, User } from '../../domain/models.ts';
import { NOTE_MESSAGE_TYPE } from '../../domain/visibility.ts';
import { toMessage } from '../../store/mappers.ts';

/**
 * Who may write one: as for sending a message (the serving agent, or staff who act on any room),
 * but a closed chat takes notes too: writing down what happened after the fact notifies no one.
 */
export async function addNote(
  deps: LivechatDeps,
  user: User,
  input: { rid: string; msg: string },
  canActOnAnyRoom: boolean,
): Promise<Message> {
  if (input.msg.trim().length === 0) fail('error-invalid-message', 'The note is empty');
  const max = deps.settings.get('Message_MaxAllowedSize');
  if (input.msg.length > max)
    fail('error-message-size-exceeded', `The note exceeds ${max} characters`, { maxSize: max });
  return inTx(deps.store, async (tx) => {
    const room = await roomById(tx, input.rid);
    if (room.served_by_id !== user._id && !canActOnAnyRoom) fail('error-not-allowed', 'You are not serving this room');
    // No room event: a note is not part of the conversation the CRM receives.
    const row = await insertMessage(tx, deps, room, {
      msg: input.msg,
      t: NOTE_MESSAGE_TYPE,
      u: { _id: user._id, username: user.username, name: user.name },
    });
    return toMessage(row);
  });
}
