/**
 * omnichannel/contacts*: Rocket.Chat 7's contact API (apps/meteor/app/livechat/server/api/v1/
 * contact.ts, ee/.../api/contacts.ts for block/unblock), validated with Rocket.Chat's own schemas
 * (packages/rest-typings/src/v1/omnichannel.ts) so a rejection reads as Rocket.Chat's does:
 * "must have required property 'name' [invalid-params]". One route is ours: contacts.verifyChannel,
 * where Rocket.Chat verifies through its Enterprise Apps-Engine hook.
 */
import { Type } from '@sinclair/typebox';
import type { TSchema, Static } from '@sinclair/typebox';
import type { FastifySchemaValidationError } from 'fastify/types/schema.js';
import type { RouteRegistrar } from '../schemas.ts';
import { Paging, paging, staffSecurity } from '../schemas.ts';
import { currentUser, needPermission } from '../plugins/auth.ts';
import { AppError } from '../../domain/errors.ts';
import { plainError } from '../../domain/contacts.ts';
import { parseSort } from '../../services/contacts.ts';

const tags = ['omnichannel-contacts'];

/** Rocket.Chat joins its validator's messages: "<message>\n <message> [invalid-params]". */
function rcErrors(errors: FastifySchemaValidationError[]): Error {
  return new AppError('invalid-params', errors.map((e) => e.message ?? 'is invalid').join('\n '));
}

/** A raw JSON schema (Rocket.Chat's, keyword for keyword), typed for the handler. */
function raw<T>(schema: Record<string, unknown>): TSchema & { static: T } {
  return Type.Unsafe<T>(schema) as TSchema & { static: T };
}

const str = { type: 'string', maxLength: 1000 };
const strList = { type: 'array', items: { type: 'string', maxLength: 320 }, uniqueItems: true, maxItems: 100 };
const customFields = { type: 'object', nullable: true, maxProperties: 200 };
const association = {
  type: 'object',
  properties: {
    visitorId: { type: 'string', maxLength: 64 },
    source: {
      type: 'object',
      properties: { type: { type: 'string', maxLength: 64 }, id: { type: 'string', maxLength: 256 } },
      required: ['type'],
    },
  },
  required: ['visitorId', 'source'],
};
type Association = { visitorId: string; source: { type: string; id?: string } };

const CreateBody = raw<{
  name: string;
  emails: string[];
  phones: string[];
  customFields?: Record<string, unknown> | null;
  contactManager?: string | null;
}>({
  type: 'object',
  properties: {
    name: str,
    emails: strList,
    phones: strList,
    customFields,
    contactManager: { ...str, nullable: true },
  },
  required: ['name', 'emails', 'phones'],
  additionalProperties: false,
});

const UpdateBody = raw<{
  contactId: string;
  name?: string;
  emails?: string[] | null;
  phones?: string[] | null;
  customFields?: Record<string, unknown> | null;
  contactManager?: string | null;
  wipeConflicts?: boolean | null;
}>({
  type: 'object',
  properties: {
    contactId: str,
    name: str,
    emails: { ...strList, nullable: true },
    phones: { ...strList, nullable: true },
    customFields,
    contactManager: { ...str, nullable: true },
    wipeConflicts: { type: 'boolean', nullable: true },
  },
  required: ['contactId'],
  additionalProperties: false,
});

const ConflictsBody = raw<{
  contactId: string;
  name?: string;
  customFields?: Record<string, unknown> | null;
  contactManager?: string | null;
  wipeConflicts?: boolean | null;
}>({
  type: 'object',
  properties: {
    contactId: str,
    name: str,
    customFields,
    contactManager: { ...str, nullable: true },
    wipeConflicts: { type: 'boolean', nullable: true },
  },
  required: ['contactId'],
  additionalProperties: false,
});

const ContactIdQuery = raw<{ contactId: string }>({
  type: 'object',
  properties: { contactId: { ...str, minLength: 1 } },
  required: ['contactId'],
  additionalProperties: false,
});

const SearchQuery = Type.Object(
  {
    searchText: Type.Optional(Type.String({ maxLength: 1000 })),
    unknown: Type.Optional(Type.Boolean()),
    sort: Type.Optional(Type.String({ maxLength: 200 })),
    ...Paging,
  },
  { additionalProperties: false },
);

const HistoryQuery = Type.Object(
  {
    contactId: Type.String({ maxLength: 1000 }),
    source: Type.Optional(Type.String({ maxLength: 64 })),
    sort: Type.Optional(Type.String({ maxLength: 200 })),
    ...Paging,
  },
  { additionalProperties: false },
);

const ExistenceQuery = raw<{ contactId?: string; email?: string; phone?: string }>({
  oneOf: [
    {
      type: 'object',
      properties: { contactId: { ...str, minLength: 1 } },
      required: ['contactId'],
      additionalProperties: false,
    },
    {
      type: 'object',
      properties: { email: { type: 'string', format: 'email', minLength: 1, maxLength: 320 } },
      required: ['email'],
      additionalProperties: false,
    },
    {
      type: 'object',
      properties: { phone: { ...str, minLength: 1 } },
      required: ['phone'],
      additionalProperties: false,
    },
  ],
});

const BlockBody = raw<{ visitor: Association }>({
  type: 'object',
  properties: { visitor: association },
  required: ['visitor'],
  additionalProperties: false,
});

const DeleteBody = raw<{ contactId: string }>({
  type: 'object',
  properties: { contactId: str },
  required: ['contactId'],
  additionalProperties: false,
});

const VerifyBody = raw<{ contactId: string; visitor: Association; field: 'email' | 'phone'; value: string }>({
  type: 'object',
  properties: {
    contactId: str,
    visitor: association,
    field: { type: 'string', enum: ['email', 'phone'] },
    value: { ...str, minLength: 1 },
  },
  required: ['contactId', 'visitor', 'field', 'value'],
  additionalProperties: false,
});

/** Rocket.Chat's removeEmpty: null (and undefined) fields are dropped before the update. */
function present<T extends Record<string, unknown>>(o: T): { [K in keyof T]?: Exclude<T[K], null> } {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== null && v !== undefined)) as {
    [K in keyof T]?: Exclude<T[K], null>;
  };
}

const notFound = () => plainError('error-resource-not-found', 'Resource not found');

export const contactRoutes: RouteRegistrar = (app, s) => {
  const base = { tags, security: staffSecurity };
  const opts = <B extends TSchema | undefined, Q extends TSchema | undefined>(
    summary: string,
    parts: { body?: B; querystring?: Q },
  ) => ({ schema: { ...base, summary, ...parts }, schemaErrorFormatter: rcErrors });

  app.post(
    '/api/v1/omnichannel/contacts',
    { preValidation: needPermission('create-livechat-contact'), ...opts('Create a contact', { body: CreateBody }) },
    async (request) => {
      const b = present(request.body as Static<typeof CreateBody>);
      const contactId = await s.contacts.create({ ...b, name: b.name!, emails: b.emails!, phones: b.phones! });
      return { contactId, success: true };
    },
  );

  app.post(
    '/api/v1/omnichannel/contacts.update',
    {
      preValidation: needPermission('update-livechat-contact'),
      ...opts('Edit a contact; it is known from then on', { body: UpdateBody }),
    },
    async (request) => {
      const { contactId, ...rest } = present(request.body as Static<typeof UpdateBody>);
      const contact = await s.contacts.update(contactId!, rest);
      return { contact, success: true };
    },
  );

  app.post(
    '/api/v1/omnichannel/contacts.conflicts',
    {
      preValidation: needPermission('update-livechat-contact'),
      ...opts('Resolve conflicting fields', { body: ConflictsBody }),
    },
    async (request) => {
      const { contactId, ...rest } = present(request.body as Static<typeof ConflictsBody>);
      const result = await s.contacts.resolveConflicts(contactId!, rest);
      return { result, success: true };
    },
  );

  app.get(
    '/api/v1/omnichannel/contacts.get',
    { preValidation: needPermission('view-livechat-contact'), ...opts('One contact', { querystring: ContactIdQuery }) },
    async (request) => {
      const contact = await s.contacts.get((request.query as Static<typeof ContactIdQuery>).contactId);
      if (!contact) throw notFound();
      return { contact, success: true };
    },
  );

  app.get(
    '/api/v1/omnichannel/contacts.search',
    {
      preValidation: needPermission('view-livechat-contact'),
      ...opts('Contacts by name, email or phone; known ones unless unknown=true', { querystring: SearchQuery }),
    },
    async (request) => {
      const qy = request.query as Static<typeof SearchQuery>;
      const { count, offset } = paging(qy);
      const sort = parseSort(qy.sort, { name: 'name', createdAt: 'created_at', _updatedAt: 'updated_at' } as const, {
        column: 'name',
        dir: 'asc',
      });
      const { contacts, total } = await s.contacts.search({
        searchText: qy.searchText,
        unknown: qy.unknown ?? false,
        count,
        offset,
        sort,
      });
      return { contacts, count, offset, total, success: true };
    },
  );

  app.get(
    '/api/v1/omnichannel/contacts.checkExistence',
    {
      preValidation: needPermission('view-livechat-contact'),
      ...opts('Whether a contact exists, by id, email or phone', { querystring: ExistenceQuery }),
    },
    async (request) => ({
      exists: await s.contacts.exists(request.query as Static<typeof ExistenceQuery>),
      success: true,
    }),
  );

  app.get(
    '/api/v1/omnichannel/contacts.history',
    {
      preValidation: needPermission('view-livechat-contact-history'),
      ...opts('The contact’s closed chats, newest first', { querystring: HistoryQuery }),
    },
    async (request) => {
      const qy = request.query as Static<typeof HistoryQuery>;
      const { count, offset } = paging(qy);
      const sort = parseSort(qy.sort, { closedAt: 'closed_at' } as const, { column: 'closed_at', dir: 'desc' });
      const { history, total } = await s.contacts.history(qy.contactId, {
        source: qy.source,
        count,
        offset,
        sortAsc: sort.dir === 'asc',
      });
      return { history, count: history.length, offset, total, success: true };
    },
  );

  app.get(
    '/api/v1/omnichannel/contacts.channels',
    {
      preValidation: needPermission('view-livechat-contact'),
      ...opts('The contact’s channels, one per name', { querystring: ContactIdQuery }),
    },
    async (request) => ({
      channels: await s.contacts.channels((request.query as Static<typeof ContactIdQuery>).contactId),
      success: true,
    }),
  );

  for (const [path, permission, blocked] of [
    ['contacts.block', 'block-livechat-contact', true],
    ['contacts.unblock', 'unblock-livechat-contact', false],
  ] as const) {
    app.post(
      `/api/v1/omnichannel/${path}`,
      {
        preValidation: needPermission(permission),
        ...opts(blocked ? 'Block a channel and close its open chat' : 'Unblock a channel', { body: BlockBody }),
      },
      async (request) => {
        const { visitor } = request.body as Static<typeof BlockBody>;
        await s.contacts.setBlocked(currentUser(request), visitor, blocked);
        return { success: true };
      },
    );
  }

  app.post(
    '/api/v1/omnichannel/contacts.delete',
    {
      preValidation: needPermission('delete-livechat-contact'),
      ...opts('Remove a contact with no chats, and its visitors', { body: DeleteBody }),
    },
    async (request) => {
      try {
        await s.contacts.remove((request.body as Static<typeof DeleteBody>).contactId);
      } catch (err) {
        // Rocket.Chat: an unknown contact is a 404; any other refusal reads error-invalid-contact
        if (!(err instanceof AppError)) throw err;
        if (err.code === 'error-contact-not-found')
          throw plainError('error-resource-not-found', 'error-contact-not-found');
        throw plainError('error-invalid-contact');
      }
      return { success: true };
    },
  );

  app.post(
    '/api/v1/omnichannel/contacts.verifyChannel',
    {
      preValidation: needPermission('update-livechat-contact'),
      ...opts('Ours: verify a channel by email or phone; contacts verified alike merge', { body: VerifyBody }),
    },
    async (request) => {
      const contact = await s.contacts.verifyChannel(request.body as Static<typeof VerifyBody>);
      return { contact, success: true };
    },
  );
};
