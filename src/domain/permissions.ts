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
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof PERMISSIONS;

export function hasPermission(roles: readonly Role[], permission: Permission): boolean {
  const allowed: readonly Role[] = PERMISSIONS[permission];
  return roles.some((r) => allowed.includes(r));
}
