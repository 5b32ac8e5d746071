/**
 * Business hours in Rocket.Chat's shapes (apps/meteor/app/livechat/imports/server/rest/
 * businessHours.ts): GET livechat/business-hour (the default one, or a custom one by _id and
 * type; null when there is none), POST livechat/business-hours.save and .remove (Rocket.Chat's
 * REST form of the older methods livechat:saveBusinessHour / livechat:removeBusinessHour: the
 * same arguments, timezoneName and departmentsToApplyBusinessHour included), and GET
 * livechat/business-hours (Enterprise there: apps/meteor/ee/app/livechat-enterprise/server/api/
 * business-hours.ts, paged, by name). Save answers the saved business hour besides `success`.
 * Rocket.Chat's permission is view-livechat-business-hours; until the permission table has it,
 * managers' view-livechat-manager guards every route.
 */
import { Type } from '@sinclair/typebox';
import type { RouteRegistrar } from '../schemas.ts';
import { Id, Paging, paging, staffSecurity } from '../schemas.ts';
import { needPermission } from '../plugins/auth.ts';
import { fail } from '../../domain/errors.ts';
import { WEEKDAYS } from '../../domain/business-hours.ts';
import type { BusinessHourType } from '../../domain/business-hours.ts';

const tags = ['livechat business hours'];
const guard = needPermission('view-livechat-manager');
const loose = { additionalProperties: true };

const TypeName = Type.Union([Type.Literal('default'), Type.Literal('custom')]);
const Time = Type.String({ pattern: '^([01][0-9]|2[0-3]):[0-5][0-9]$', description: 'HH:mm, wall clock' });

const WorkDayBody = Type.Object(
  {
    day: Type.Union(WEEKDAYS.map((d) => Type.Literal(d))),
    open: Type.Boolean(),
    start: Time,
    finish: Time,
  },
  // Rocket.Chat's form sends more (code, utc, cron): accepted and ignored
  loose,
);

const SaveBody = Type.Object(
  {
    _id: Type.Optional(Id),
    type: Type.Optional(TypeName),
    name: Type.Optional(Type.String({ maxLength: 256 })),
    active: Type.Optional(Type.Boolean()),
    timezoneName: Type.Optional(Type.String({ maxLength: 64 })),
    timezone: Type.Optional(
      Type.Union([Type.String({ maxLength: 64 }), Type.Object({ name: Type.String({ maxLength: 64 }) }, loose)]),
    ),
    workHours: Type.Array(WorkDayBody, { minItems: 1, maxItems: 7 }),
    departmentsToApplyBusinessHour: Type.Optional(
      Type.Union([Type.String({ maxLength: 20_000 }), Type.Array(Id, { maxItems: 500 })]),
    ),
  },
  loose,
);

const BusinessHour = Type.Object(
  {
    _id: Type.String(),
    name: Type.String(),
    active: Type.Boolean(),
    type: TypeName,
    timezone: Type.Object({ name: Type.String(), utc: Type.String() }, loose),
    workHours: Type.Array(Type.Object({}, loose)),
  },
  loose,
);

/** Rocket.Chat's `sort` JSON for the list: only by name, {"name":1} or {"name":-1}. */
function descendingByName(raw: string | undefined): boolean {
  if (raw === undefined) return false;
  let o: unknown;
  try {
    o = JSON.parse(raw);
  } catch {
    fail('invalid-params', 'sort must be JSON, e.g. {"name":1}');
  }
  if (typeof o !== 'object' || o === null || Array.isArray(o)) fail('invalid-params', 'sort must be a JSON object');
  const entries = Object.entries(o);
  if (entries.length === 0) return false;
  const [key, dir] = entries[0]!;
  if (entries.length > 1 || key !== 'name' || (dir !== 1 && dir !== -1))
    fail('invalid-params', 'Business hours sort by name only: {"name":1} or {"name":-1}');
  return dir === -1;
}

function departmentIds(v: string | string[] | undefined): string[] | undefined {
  if (v === undefined) return undefined;
  const ids = (Array.isArray(v) ? v : v.split(',')).map((s) => s.trim()).filter(Boolean);
  if (ids.length > 500) fail('invalid-params', 'At most 500 departments');
  return ids;
}

export const livechatBusinessHourRoutes: RouteRegistrar = (app, s) => {
  app.get(
    '/api/v1/livechat/business-hour',
    {
      preValidation: guard,
      schema: {
        tags,
        security: staffSecurity,
        summary: 'One business hour: the default one, or a custom one by _id',
        description:
          'Without type (or type=default) the global schedule; type=custom with _id a department schedule and its ' +
          'departments. `businessHour` is null when there is none, as Rocket.Chat answers.',
        querystring: Type.Object({ _id: Type.Optional(Id), type: Type.Optional(Type.String({ maxLength: 32 })) }),
        response: {
          200: Type.Object(
            { businessHour: Type.Union([BusinessHour, Type.Null()]), success: Type.Literal(true) },
            loose,
          ),
        },
      },
    },
    async (request) => {
      const { _id, type } = request.query;
      // Rocket.Chat answers null for a type it does not know
      const known = type === undefined || type === 'default' || type === 'custom';
      const businessHour = known ? await s.businessHours.get(_id, type as BusinessHourType | undefined) : null;
      return { businessHour, success: true as const };
    },
  );

  app.get(
    '/api/v1/livechat/business-hours',
    {
      preValidation: guard,
      schema: {
        tags,
        security: staffSecurity,
        summary: 'Every business hour, by name; name filters (contains, any case)',
        description: 'The default schedule (empty name) comes first; each custom one lists its departments.',
        querystring: Type.Object({
          name: Type.Optional(Type.String({ maxLength: 256 })),
          sort: Type.Optional(Type.String({ maxLength: 256 })),
          ...Paging,
        }),
        response: {
          200: Type.Object(
            {
              businessHours: Type.Array(BusinessHour),
              count: Type.Integer(),
              offset: Type.Integer(),
              total: Type.Integer(),
              success: Type.Literal(true),
            },
            loose,
          ),
        },
      },
    },
    async (request) => {
      const { count, offset } = paging(request.query);
      const descending = descendingByName(request.query.sort);
      const { businessHours, total } = await s.businessHours.list({
        name: request.query.name,
        offset,
        count,
        descending,
      });
      return { businessHours, count: businessHours.length, offset, total, success: true as const };
    },
  );

  app.post(
    '/api/v1/livechat/business-hours.save',
    {
      preValidation: guard,
      schema: {
        tags,
        security: staffSecurity,
        summary: 'Save a business hour (the default one, or a custom one)',
        description:
          'type default edits the global schedule; type custom creates one (no _id) or updates it, with its name ' +
          '(unique) and the departments that follow it (departmentsToApplyBusinessHour, comma-separated ids or a ' +
          'list; a department leaves any schedule it followed before). Each weekday is open or closed, start and ' +
          'finish HH:mm in the time zone (timezoneName, an IANA name); a finish before the start runs past ' +
          'midnight, 23:59 means the end of the day. A weekday not sent is closed.',
        body: SaveBody,
        response: { 200: Type.Object({ businessHour: BusinessHour, success: Type.Literal(true) }, loose) },
      },
    },
    async (request) => {
      const b = request.body;
      const tz = b.timezoneName ?? (typeof b.timezone === 'string' ? b.timezone : b.timezone?.name);
      if (!tz) fail('invalid-params', 'timezoneName is required');
      const businessHour = await s.businessHours.save({
        _id: b._id,
        type: b.type ?? 'default',
        name: b.name,
        active: b.active,
        timezone: tz,
        workHours: b.workHours.map((d) => ({ day: d.day, open: d.open, start: d.start, finish: d.finish })),
        departments: departmentIds(b.departmentsToApplyBusinessHour),
      });
      return { businessHour, success: true as const };
    },
  );

  app.post(
    '/api/v1/livechat/business-hours.remove',
    {
      preValidation: guard,
      schema: {
        tags,
        security: staffSecurity,
        summary: 'Remove a custom business hour',
        description: 'Its departments follow the default schedule again. The default one cannot be removed.',
        body: Type.Object({ _id: Id, type: Type.Optional(TypeName) }),
        response: { 200: Type.Object({ success: Type.Literal(true) }, { description: 'Done' }) },
      },
    },
    async (request) => {
      await s.businessHours.remove(request.body._id, request.body.type ?? 'custom');
      return { success: true as const };
    },
  );
};
