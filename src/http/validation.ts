/**
 * Two validators: bodies are checked strictly (a number where a string belongs is a 400, not
 * silently coerced), while query strings and path params coerce, since on the wire they are text.
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

export const validatorCompiler: FastifySchemaCompiler<object> = ({ schema, httpPart }) => {
  const ajv = httpPart === 'body' ? strictAjv : coercingAjv;
  return ajv.compile(schema) as ReturnType<FastifySchemaCompiler<object>>;
};
