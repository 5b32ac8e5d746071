/**
 * Permissions by role, with Rocket.Chat's permission names where Rocket.Chat has them.
 * The names not in Rocket.Chat (webhook endpoints, deliveries) are ours and say so.
 */
import type { Role } from './models.ts';

const MANAGERS: readonly Role[] = ['admin', 'livechat-manager'];
const STAFF: readonly Role[] = ['admin', 'livechat-manager', 'livechat-agent'];

export const PERMISSIONS = {
  'view-livechat-manager': MANAGERS,
  'view-livechat-webhooks': MANAGERS,
  'manage-livechat-agents': MANAGERS,
  'manage-livechat-managers': ['admin'],
  'manage-livechat-departments': MANAGERS,
  'view-livechat-departments': STAFF,
  'view-l-room': STAFF,
  'view-livechat-rooms': MANAGERS, // every room, not only one's own
  'view-livechat-queue': STAFF,
  'take-inquiry-from-queue': STAFF,
  'transfer-livechat-guest': STAFF,
  'close-livechat-room': STAFF,
  'close-others-livechat-room': MANAGERS,
  'edit-omnichannel-contact': STAFF,
  // contacts (Rocket.Chat 7): block/unblock as Rocket.Chat's defaults (admin, manager, monitor, agent)
  'create-livechat-contact': STAFF,
  'update-livechat-contact': STAFF,
  'view-livechat-contact': STAFF,
  'view-livechat-contact-history': STAFF,
  'delete-livechat-contact': MANAGERS,
  'block-livechat-contact': STAFF,
  'unblock-livechat-contact': STAFF,
  'send-omnichannel-chat-transcript': STAFF, // livechat/transcript/:rid, and ours: download, email
  'create-user': ['admin'],
  'view-user-administration': ['admin'],
  'edit-other-user-info': ['admin'],
  'edit-other-user-password': ['admin'],
  'edit-other-user-active-status': ['admin'],
  'delete-user': ['admin'],
  'edit-privileged-setting': ['admin'],
  // canned responses and tags (Rocket.Chat's names)
  'view-canned-responses': STAFF,
  'save-canned-responses': MANAGERS,
  'remove-canned-responses': MANAGERS,
  'manage-livechat-tags': MANAGERS,
  // ours: the webhook machinery beyond Rocket.Chat's single URL
  'manage-webhook-endpoints': MANAGERS,
  'view-webhook-deliveries': MANAGERS,
  'reveal-webhook-secret': ['admin'],
  // issue 14: who edits the permission table itself (Rocket.Chat's permissions.update)
  'access-permissions': ['admin'],
  // issue 14: custom fields on the room and visitor info (Rocket.Chat's names and defaults)
  'view-livechat-room-customfields': STAFF,
  'edit-livechat-room-customfields': STAFF,
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof PERMISSIONS;

/** The defaults above; an admin's edits (store table `permissions`) override them per id. */
export function hasPermission(roles: readonly Role[], permission: Permission): boolean {
  return hasPermissionIn(PERMISSIONS, roles, permission);
}

/** Roles by permission id, as edited: every id of PERMISSIONS is present. */
export type PermissionTable = Readonly<Record<string, readonly string[]>>;

export function hasPermissionIn(table: PermissionTable, roles: readonly string[], permission: Permission): boolean {
  const allowed = table[permission] ?? PERMISSIONS[permission];
  return roles.some((r) => allowed.includes(r));
}

export function isPermission(id: string): id is Permission {
  return Object.prototype.hasOwnProperty.call(PERMISSIONS, id);
}

/**
 * The role ids permissions.update accepts: Rocket.Chat's built-in roles. Only admin and the
 * livechat roles are ever held here; the others are accepted (and stored) so a script that sets a
 * Rocket.Chat role list unchanged does not fail on `user` or `livechat-monitor`.
 */
export const KNOWN_ROLES: readonly string[] = [
  'admin',
  'moderator',
  'leader',
  'owner',
  'user',
  'bot',
  'app',
  'guest',
  'anonymous',
  'livechat-agent',
  'livechat-manager',
  'livechat-monitor',
];
