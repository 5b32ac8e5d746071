/**
 * The shapes the API answers with, as JSON Schema (TypeBox), for the OpenAPI document and the
 * types generated from it. Objects allow further fields: these describe what clients may rely
 * on; a test validates real answers against them so they cannot drift from the code.
 */
import { Type } from '@sinclair/typebox';
import type { Static, TProperties, TSchema } from '@sinclair/typebox';
import { EVENT_TYPES } from '../../domain/models.ts';

/**
 * Named shapes become components of the document (`#/components/schemas/Endpoint`), referenced
 * from each answer, so the document stays small and generated clients get named types.
 */
export const MODELS: TSchema[] = [];
function model<T extends TSchema>(id: string, schema: T): T {
  const named = { ...schema, $id: id } as T;
  MODELS.push(named);
  return named;
}
/** A reference to a named shape, typed as the shape itself. */
export function ref<T extends TSchema>(schema: T) {
  return Type.Unsafe<Static<T>>({ $ref: `${String(schema.$id)}#` });
}

/**
 * A reference for a route's own response schema. Handlers answer service objects (Dates, which
 * the JSON.stringify serializer writes as ISO text), so the handler's return type is not matched
 * against the shape here; the test that validates real answers against the document checks it.
 */
export function refAnswer(schema: TSchema) {
  return Type.Unsafe<object>({ $ref: `${String(schema.$id)}#` });
}

const Str = Type.String();
const Int = Type.Integer();
const IsoDate = Type.String({ format: 'date-time' });
const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);
const ok = <P extends TProperties>(props: P, description?: string) =>
  Type.Object({ success: Type.Literal(true), ...props }, description ? { description } : {});
/** A page of a list, as Rocket.Chat answers it: the items, their count, the offset and the total. */
export const page = <T extends TSchema>(key: string, item: T) =>
  ok({ [key]: Type.Array(item.$id ? ref(item) : item), count: Int, offset: Int, total: Int });

/** The CRM event types, from the domain's one list (the web UI's EVENT_TYPES is generated from this). */
/** An item whose fields this document does not list one by one (more may come). */
export const Loose = <P extends TProperties>(props: P) => Type.Object(props, { additionalProperties: true });
/** The answer of a route that only reports it was done. */
export const Done = Type.Object({ success: Type.Literal(true) }, { description: 'Done' });

export const EventTypeSchema = model(
  'EventType',
  Type.Unsafe<(typeof EVENT_TYPES)[number]>({ type: 'string', enum: [...EVENT_TYPES] }),
);

export const StaffUser = model(
  'StaffUser',
  Type.Object({
    _id: Str,
    username: Str,
    name: Str,
    emails: Type.Optional(Type.Array(Type.Object({ address: Str, verified: Type.Boolean() }))),
    roles: Type.Array(Str),
    active: Type.Boolean(),
    statusLivechat: Type.Union([Type.Literal('available'), Type.Literal('not-available')]),
    status: Type.Optional(Str),
  }),
);

export const LoginAnswer = Type.Object({
  status: Type.Literal('success'),
  data: Type.Object({ userId: Str, authToken: Str, me: ref(StaffUser) }),
});
export const LogoutAnswer = Type.Object({
  status: Type.Literal('success'),
  data: Type.Object({ message: Str }),
});
export const MeAnswer = Type.Object({ ...StaffUser.properties, success: Type.Literal(true) });

export const EndpointHealth = model(
  'EndpointHealth',
  Type.Object({
    backlog: Int,
    oldestPendingAgeMs: Nullable(Type.Number()),
    attempts24h: Int,
    successRate24h: Nullable(Type.Number()),
    lastError: Type.Optional(
      Type.Object({
        at: IsoDate,
        statusCode: Type.Optional(Int),
        errorClass: Type.Optional(Str),
        message: Type.Optional(Str),
      }),
    ),
    failed: Type.Integer({ description: 'Deliveries parked as failed (retries spent), until replayed or recovered' }),
    consecutiveFailures: Type.Integer({ description: "Failures in the breaker's current streak (0 while healthy)" }),
    blockedByEgress: Type.Boolean({
      description: 'Failing now, and the latest failure is the egress policy refusing the address',
    }),
  }),
);

export const Endpoint = model(
  'Endpoint',
  Type.Object({
    _id: Str,
    kind: Type.Union([Type.Literal('rocketchat'), Type.Literal('custom')]),
    url: Str,
    description: Type.Optional(Str),
    events: Type.Array(ref(EventTypeSchema)),
    departmentIds: Nullable(Type.Array(Str)),
    headers: Type.Record(Str, Str),
    timeoutMs: Int,
    retry: Type.Object({
      kind: Type.Union([Type.Literal('rocketchat'), Type.Literal('exponential'), Type.Literal('list')]),
      delaysMs: Type.Optional(Type.Array(Int)),
    }),
    ordering: Type.Union([Type.Literal('room'), Type.Literal('none')]),
    rateLimitPerSecond: Nullable(Int),
    maxConcurrency: Int,
    enabled: Type.Boolean(),
    disabledReason: Type.Optional(Str),
    pausedUntil: Type.Optional(IsoDate),
    failingSince: Type.Optional(IsoDate),
    secretRotation: Type.Optional(Type.Object({ previousExpiresAt: IsoDate })),
    createdAt: IsoDate,
    _updatedAt: IsoDate,
    health: Type.Optional(ref(EndpointHealth)),
    secret: Type.Optional(Type.String({ description: 'Only in the answers to create and rotate-secret' })),
  }),
);

export const Attempt = model(
  'Attempt',
  Type.Object({
    attempt: Int,
    startedAt: Nullable(IsoDate),
    durationMs: Nullable(Int),
    statusCode: Nullable(Int),
    errorClass: Nullable(Str),
    errorMessage: Nullable(Str),
    requestHeaders: Type.Record(Str, Str),
    responseHeaders: Nullable(Type.Record(Str, Type.Unknown())),
    responseBody: Nullable(Str),
  }),
);

export const Delivery = model(
  'Delivery',
  Type.Object({
    _id: Str,
    eventId: Str,
    endpointId: Str,
    eventType: Str,
    rid: Nullable(Str),
    status: Type.Union([Type.Literal('pending'), Type.Literal('succeeded'), Type.Literal('failed')]),
    attemptCount: Int,
    nextAttemptAt: Nullable(IsoDate),
    lastStatusCode: Nullable(Int),
    lastError: Nullable(Str),
    createdAt: Nullable(IsoDate),
    updatedAt: Nullable(IsoDate),
    completedAt: Nullable(IsoDate),
    waitingFor: Nullable(
      Type.String({ description: 'The older pending delivery of its room (same endpoint) this one waits behind' }),
    ),
    event: Nullable(Type.Object({ _id: Str, type: Str, createdAt: Nullable(IsoDate), body: Type.Unknown() })),
    attempts: Type.Array(ref(Attempt)),
  }),
);

export const Department = model(
  'Department',
  Type.Object({
    _id: Str,
    name: Str,
    enabled: Type.Boolean(),
    description: Type.Optional(Str),
    email: Type.Optional(Str),
    showOnRegistration: Type.Boolean(),
    showOnOfflineForm: Type.Boolean(),
    numAgents: Int,
  }),
);

export const Agent = model(
  'Agent',
  Type.Object({
    _id: Str,
    username: Str,
    name: Str,
    statusLivechat: Type.Union([Type.Literal('available'), Type.Literal('not-available')]),
    departments: Type.Optional(Type.Array(Str)),
  }),
);

const UserRef = Type.Object({ _id: Str, username: Str, name: Type.Optional(Str) });

export const Room = model(
  'Room',
  Type.Object({
    _id: Str,
    t: Type.Literal('l'),
    fname: Str,
    open: Type.Boolean(),
    ts: IsoDate,
    lm: Type.Optional(IsoDate),
    msgs: Int,
    departmentId: Type.Optional(Str),
    v: Type.Object({ _id: Str, username: Str, token: Str }),
    servedBy: Type.Optional(Type.Object({ _id: Str, username: Str })),
    tags: Type.Optional(Type.Array(Str)),
    ip: Type.Optional(Str),
    browser: Type.Optional(Str),
    os: Type.Optional(Str),
    closedAt: Type.Optional(IsoDate),
    closedBy: Type.Optional(Type.Object({ _id: Str, username: Str })),
    topic: Type.Optional(Str),
    livechatData: Type.Optional(Type.Record(Str, Type.Unknown())),
    crmData: Type.Optional(Str),
    lastMessage: Type.Optional(
      Type.Object(
        {
          _id: Str,
          msg: Str,
          ts: IsoDate,
          u: UserRef,
          token: Type.Optional(Str),
          file: Type.Optional(Type.Object({ name: Str })),
        },
        { description: 'In the chat lists: the last plain message; token is set when the visitor wrote it' },
      ),
    ),
    waitingResponse: Type.Optional(Type.Literal(true, { description: 'The visitor spoke last, unanswered' })),
    waitingSince: Type.Optional(Type.String({ format: 'date-time', description: 'The first unanswered message' })),
    department: Type.Optional(Type.Object({ _id: Str, name: Str }, { description: 'In the chat lists' })),
  }),
);

export const Inquiry = model(
  'Inquiry',
  Type.Object({
    _id: Str,
    rid: Str,
    name: Str,
    message: Type.Optional(Str),
    status: Type.Optional(Type.Union([Type.Literal('queued'), Type.Literal('taken')])),
    ts: IsoDate,
    queuedAt: Type.Optional(IsoDate),
    department: Type.Optional(Str),
  }),
);

export const Message = model(
  'Message',
  Type.Object({
    _id: Str,
    rid: Str,
    msg: Str,
    ts: IsoDate,
    u: UserRef,
    t: Type.Optional(Str),
    token: Type.Optional(Str),
  }),
);

export const Transcript = model(
  'Transcript',
  Type.Object({
    head: Type.Object({ title: Str, facts: Type.Array(Str) }),
    lines: Type.Array(Type.Object({ when: Str, who: Type.Optional(Str), text: Str, files: Type.Array(Str) })),
    transcriptRequest: Nullable(
      Type.Object({
        email: Str,
        subject: Str,
        requestedAt: IsoDate,
        requestedBy: Type.Object({ username: Str }),
        status: Type.Optional(Type.Union([Type.Literal('sending'), Type.Literal('sent'), Type.Literal('failed')])),
        sentAt: Type.Optional(IsoDate),
        error: Type.Optional(Str),
      }),
    ),
  }),
);

export { ok };

export const Visitor = model(
  'Visitor',
  Type.Object({
    _id: Str,
    token: Str,
    username: Str,
    name: Type.Optional(Str),
    department: Type.Optional(Str),
    visitorEmails: Type.Optional(Type.Array(Type.Object({ address: Str }))),
    phone: Type.Optional(Type.Array(Type.Object({ phoneNumber: Str }))),
    livechatData: Type.Record(Str, Type.Unknown()),
    ip: Type.Optional(Str),
    host: Type.Optional(Str),
    userAgent: Type.Optional(Str),
    status: Str,
    ts: IsoDate,
  }),
);

export const Setting = model('Setting', Type.Object({ _id: Str, value: Type.Unknown() }));
