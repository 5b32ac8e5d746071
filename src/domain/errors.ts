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
  'invalid-token': 400, // unknown visitor token
  'invalid-room': 400,
  'error-invalid-room': 400, // livechat/room.join's id for an unknown room (Rocket.Chat's)
  'room-closed': 400,
  'error-invalid-message': 400,
  'error-message-size-exceeded': 400,
  'error-invalid-email': 400,
  'error-invalid-email-address': 400, // offline form: Livechat_validate_offline_email refused it (Rocket.Chat's id)
  'error-invalid-user': 400,
  'error-user-not-found': 400,
  'error-username-taken': 400,
  'error-email-taken': 400,
  'error-action-not-allowed': 400, // e.g. leaving the app without an active admin (Rocket.Chat's id)
  'error-invalid-password': 400, // users.updateOwnBasicInfo: the current password is wrong
  'error-invalid-department': 400,
  'error-invalid-agent': 400,
  'error-invalid-inquiry': 400,
  'error-inquiry-taken': 400,
  'error-forwarding-chat': 400,
  'error-invalid-setting': 400,
  'error-invalid-url': 400,
  'error-webhook-not-configured': 400,
  'error-webhook-test-failed': 400,
  'error-invalid-endpoint': 404,
  'error-invalid-delivery': 404,
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
  'error-tags-must-be-assigned-before-closing-chat': 400, // the department requires a tag
  'error-invalid-offline-message': 404, // ours: unknown offline message id
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
