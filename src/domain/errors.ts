/**
 * The error catalogue: every error a client can see, with a stable code and its HTTP status.
 * Codes are Rocket.Chat's where Rocket.Chat has one, so its clients branch on them unchanged.
 * The wire shape is Rocket.Chat's: { success: false, error: "<message> [<code>]", errorType: code }.
 */

export const ERRORS = {
  'invalid-params': 400, // request failed schema validation
  'error-invalid-json': 400,
  'error-payload-too-large': 413,
  'error-unsupported-media-type': 415,
  unauthorized: 401, // not logged in
  'error-login-failed': 401,
  'error-too-many-requests': 429,
  'error-unauthorized': 403, // logged in, lacks the permission
  'error-not-allowed': 403, // permission fine, but not on this resource / in this state
  'error-not-found': 404, // unknown route
  'error-user-deactivated': 400, // livechat/agent.status for a deactivated agent (Rocket.Chat's id)
  'invalid-token': 400, // unknown visitor token
  'invalid-room': 400,
  'invalid-data': 400, // livechat/room.survey with no known item and value (Rocket.Chat's id)
  'error-invalid-room': 400, // livechat/room.join's id for an unknown room (Rocket.Chat's)
  'room-closed': 400,
  'error-room-already-closed': 400, // room.closeByUser on a closed room (Rocket.Chat's id)
  'error-room-cannot-be-closed-try-again': 400, // a concurrent close won the race (Rocket.Chat's id)
  This_conversation_is_already_closed: 400, // room.forward on a closed room (Rocket.Chat's id, verbatim)
  'error-not-allowed-to-close-conversation': 400, // Omnichannel_allow_visitors_to_close_conversation is off
  'error-comment-is-required': 400, // Livechat_request_comment_when_closing_conversation is on
  'error-token-param-not-provided': 400, // messages.history without a token nor a staff login (Rocket.Chat's id)
  'visitor-has-open-rooms': 400, // DELETE livechat/visitor/:token while a room is open (Rocket.Chat's id)
  'error-invalid-message': 400,
  'error-message-size-exceeded': 400,
  'message-length-exceeds-character-limit': 400, // Livechat_enable_message_character_limit (Rocket.Chat's id)
  'error-invalid-email': 400,
  'error-invalid-email-address': 400, // offline form: Livechat_validate_offline_email refused it (Rocket.Chat's id)
  'error-invalid-user': 400,
  'error-user-not-found': 400,
  'error-username-taken': 400,
  'error-email-taken': 400,
  'error-action-not-allowed': 400, // e.g. leaving the app without an active admin (Rocket.Chat's id)
  'error-invalid-password': 400, // users.updateOwnBasicInfo: the current password is wrong
  'error-invalid-department': 400,
  'invalid-chart-name': 400, // livechat/analytics overviews with an empty `name` (Rocket.Chat's id)
  'error-invalid-agent': 400,
  'error-invalid-inquiry': 400,
  'error-inquiry-taken': 400,
  'error-forwarding-chat': 400,
  'error-invalid-setting': 400,
  'invalid-setting': 400, // POST livechat/appearance with an id outside its list (Rocket.Chat's id)
  'error-invalid-url': 400,
  'error-webhook-not-configured': 400,
  'error-webhook-test-failed': 400,
  'error-invalid-endpoint': 404,
  'error-invalid-delivery': 404,
  'error-endpoint-disabled': 409, // Resume now on a disabled endpoint: enable it instead (PATCH enabled: true)
  'error-delivery-not-in-room': 400, // a room's resend names a delivery of another room
  'error-livechat-disabled': 400,
  'error-type-not-allowed': 400, // upload media type outside FileUpload_MediaTypeWhiteList
  'error-size-not-allowed': 400, // upload larger than FileUpload_MaxFileSize (details: sizeAllowed)
  'error-file-upload-disabled': 400,
  'error-invalid-file': 404,
  'agent-not-found': 400, // agent.next: nobody available
  'error-transcript-disabled': 400,
  'error-sending-transcript': 502, // the SMTP server refused or could not be reached
  'error-smtp-not-configured': 400, // mail was asked for, but no SMTP server is set (SMTP_Host)
  'error-transcript-already-requested': 400,
  'error-transcript-not-requested': 400,
  'visitor-not-found': 400, // livechat/visitors.info (Rocket.Chat's id)
  'error-invalid-shortcut': 400, // canned response shortcut already used (Rocket.Chat's id)
  'error-canned-response-not-found': 400,
  'error-invalid-tag': 400, // unknown tag id, or a name already used
  'error-invalid-trigger': 400, // livechat/triggers: a name, page-url pattern or time-on-site value a widget cannot use
  'error-tags-must-be-assigned-before-closing-chat': 400, // the department requires a tag
  'error-invalid-offline-message': 404, // ours: unknown offline message id
  // custom fields (livechat/custom-fields*, custom.field(s), room.saveInfo: Rocket.Chat's ids)
  'invalid-custom-field': 400, // custom.field(s): a key no custom field is registered under
  'error-invalid-custom-field': 400, // custom-fields.save/.delete: unknown custom field id
  'error-invalid-custom-field-name': 400,
  'error-custom-field-name-already-exists': 400,
  // permissions.listAll / permissions.update (Rocket.Chat's ids)
  'error-roomId-param-invalid': 400, // Rocket.Chat's id for a bad updatedSince, verbatim
  'error-invalid-permission': 400,
  'error-invalid-role': 400,
  // the staff directory (livechat/:rid/messages, inquiries.queuedForUser: Rocket.Chat's plain-Error ids, 400)
  'not-allowed': 400, // livechat/:rid/messages on a room the caller may not read
  'error-not-authorized': 400, // inquiries.queuedForUser with a department not the agent's; room.closeByUser on a room not served
  // departments and forwarding (issue 14, Rocket.Chat's ids)
  'error-department-not-found': 400, // PUT and the agents route for an unknown department
  'department-not-found': 400, // archive/unarchive an unknown department (Rocket.Chat's id, verbatim)
  'error-department-removal-disabled': 400, // Omnichannel_enable_department_removal is off
  'error-archived-department-cant-be-enabled': 400,
  'error-fallback-department-circular': 400,
  'error-fallback-department-not-found': 400,
  'error-forwarding-department-target-not-allowed': 400, // not in departmentsAllowedToForward
  'error-no-agents-online-in-department': 400, // a served chat forwarded where nobody can take it
  'error-invalid-status': 400, // users.setStatus: not online, away, busy or offline
  // contacts (Rocket.Chat 7's model; Rocket.Chat answers these with the bare id or text as `error`)
  'error-contact-not-found': 400,
  'error-contact-manager-not-found': 400,
  'error-invalid-custom-field-value': 400,
  'error-custom-field-not-allowed': 400,
  'error-contact-channel-blocked': 400, // a visitor on a blocked channel cannot start a chat
  'error-invalid-contact': 400,
  'error-contact-has-open-rooms': 400,
  'error-invalid-channel': 400,
  // business hours (Rocket.Chat's ids where it has them)
  'no-agent-online': 400, // a new chat outside business hours: Rocket.Chat's "Sorry, no online agents"
  'error-business-hour-finish-time-equals-start-time': 400,
  'error-business-hour-name-already-in-use': 400,
  'error-business-hour-name-required': 400, // ours: a custom business hour needs a name
  'error-invalid-business-hour': 400, // ours: unknown id, or the default one where a custom one is meant
  'error-invalid-timezone': 400, // ours: not a time zone Intl knows (IANA names)
  'error-resource-not-found': 404, // Rocket.Chat's API.v1.notFound(): "Resource not found"
  'error-conflict': 409,
  'error-unavailable': 503,
  'error-internal': 500,
} as const;

export type ErrorCode = keyof typeof ERRORS;

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly details?: Record<string, unknown>;

  constructor(code: ErrorCode, message: string, details?: Record<string, unknown>) {
    super(message);
    this.code = code;
    this.status = ERRORS[code];
    if (details) this.details = details;
  }
}

export function fail(code: ErrorCode, message: string, details?: Record<string, unknown>): never {
  throw new AppError(code, message, details);
}

export interface ErrorBody {
  success: false;
  error: string;
  errorType: ErrorCode;
  [extra: string]: unknown;
}

export function errorBody(err: AppError): ErrorBody {
  return { success: false, error: `${err.message} [${err.code}]`, errorType: err.code, ...err.details };
}
