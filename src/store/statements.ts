/**
 * The livechat statements every visitor message runs, compiled once per dialect (prepared.ts):
 * looking up the visitor, the room and the agent, inserting the message and bumping the room, and a returning visitor's registration. Services run
 * them with `tx.x`; the SQL stays here, in the store.
 */
import { arg, prepare } from './prepared.ts';

export const messageIdTakenQ = prepare((db) => db.selectFrom('messages').select('_id').where('_id', '=', arg('id')));
export const insertMessageQ = prepare((db) =>
  db
    .insertInto('messages')
    .values({
      _id: arg('_id'),
      rid: arg('rid'),
      msg: arg('msg'),
      t: arg('t'),
      u_id: arg('u_id'),
      u_username: arg('u_username'),
      u_name: arg('u_name'),
      token: arg('token'),
      ts: arg('ts'),
      edited_at: arg('edited_at'),
      edited_by_id: arg('edited_by_id'),
      edited_by_username: arg('edited_by_username'),
      updated_at: arg('updated_at'),
      file: arg('file'),
      attachments: arg('attachments'),
      transfer_data: arg('transfer_data'),
    })
    .returning('seq'),
);
export const bumpRoomQ = prepare((db) =>
  db
    .updateTable('rooms')
    .set((eb) => ({ msgs: eb('msgs', '+', 1), last_message_at: arg('now'), updated_at: arg('now') }))
    .where('_id', '=', arg('rid')),
);

export const visitorByTokenQ = prepare((db) => db.selectFrom('visitors').selectAll().where('token', '=', arg('token')));
/** A returning visitor's registration (livechat/visitor, the widget on every page load). */
export const updateVisitorDataQ = prepare((db) =>
  db
    .updateTable('visitors')
    .set({
      name: arg('name'),
      department: arg('department'),
      emails: arg('emails'),
      phones: arg('phones'),
      custom_fields: arg('custom_fields'),
      ip: arg('ip'),
      user_agent: arg('user_agent'),
      host: arg('host'),
      updated_at: arg('updated_at'),
    })
    .where('_id', '=', arg('id')),
);
export const roomByIdQ = prepare((db) => db.selectFrom('rooms').selectAll().where('_id', '=', arg('rid')));
export const visitorRoomQ = prepare((db) =>
  db.selectFrom('rooms').selectAll().where('_id', '=', arg('rid')).where('visitor_token', '=', arg('token')),
);
export const userByIdQ = prepare((db) => db.selectFrom('users').selectAll().where('_id', '=', arg('id')));
