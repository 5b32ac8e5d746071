/**
 * Two validators: bodies are checked strictly (a number where a string belongs is a 400, not
 * silently coerced), while query strings and path params coerce, since on the wire they are text.
 * Both refuse a NUL character in any string or key: PostgreSQL cannot store one in text, and no
 * client has a reason to send one.
 */
import { Ajv } from 'ajv';
import type { Options } from 'ajv';
import addFormatsModule from 'ajv-formats';
import type { FastifySchemaCompiler } from 'fastify';

// ajv-formats ships CommonJS; under NodeNext its default export is the module object.
const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;

const base: Options = { allErrors: false, useDefaults: true, removeAdditional: false, strict: false };
const strictAjv = addFormats(new Ajv({ ...base, coerceTypes: false }));
const coercingAjv = addFormats(new Ajv({ ...base, coerceTypes: 'array' }));
for (const ajv of [strictAjv, coercingAjv]) ajv.addKeyword('example');

/** The JSON-pointer path of the first string or key holding a NUL character, else undefined. */
export function findNul(value: unknown, path = '', depth = 0): string | undefined {
  if (typeof value === 'string') return value.includes('\u0000') ? path : undefined;
  if (value === null || typeof value !== 'object' || depth > 64) return undefined;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = findNul(value[i], `${path}/${i}`, depth + 1);
      if (found !== undefined) return found;
    }
    return undefined;
  }
  for (const [key, v] of Object.entries(value)) {
    if (key.includes('\u0000')) return path;
    const found = findNul(v, `${path}/${key}`, depth + 1);
    if (found !== undefined) return found;
  }
  return undefined;
}

type Validate = ReturnType<FastifySchemaCompiler<object>> & { errors?: unknown; schemaEnv?: unknown };
type Ctx = { parentData: Record<string, unknown>; parentDataProperty: string };

// Compiled validators by part and schema text. Fastify hands the compiler its own copy of each
// route's schema for every app, which Ajv's cache (by object) misses: without this, every app
// built in one process (the test suite builds hundreds) compiled and kept all of them again.
const compiled = new Map<string, ReturnType<Ajv['compile']>>();

function compileOnce(schema: object, httpPart: string | undefined): ReturnType<Ajv['compile']> {
  const body = httpPart === 'body';
  const key = `${body ? 'body' : 'text'}:${JSON.stringify(schema)}`;
  let check = compiled.get(key);
  if (!check) {
    check = (body ? strictAjv : coercingAjv).compile(schema);
    compiled.set(key, check);
  }
  return check;
}

export const validatorCompiler: FastifySchemaCompiler<object> = ({ schema, httpPart }) => {
  const check = compileOnce(schema, httpPart);
  // Fastify hands Ajv validators (those with schemaEnv) the request as parent, so Ajv may replace
  // the root value: pass it on, and scan the value as it stands afterwards.
  const validate = ((data: unknown, ctx?: Ctx) => {
    if (!(ctx ? check(data, ctx as unknown as Parameters<typeof check>[1]) : check(data))) {
      validate.errors = check.errors;
      return false;
    }
    const at = findNul(ctx ? ctx.parentData[ctx.parentDataProperty] : data);
    if (at !== undefined) {
      validate.errors = [
        { instancePath: at, schemaPath: '#', keyword: 'nul', params: {}, message: 'must not contain NUL characters' },
      ];
      return false;
    }
    validate.errors = null;
    return true;
  }) as Validate;
  validate.schemaEnv = check.schemaEnv;
  return validate;
};
