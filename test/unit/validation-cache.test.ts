/**
 * The request validators: one compiled validator per part and schema, however many apps hand the
 * compiler their own copies (Fastify does, one per app); the body is checked strictly, query
 * strings coerce, NUL characters are refused.
 */
import { describe, expect, it } from 'vitest';
import { validatorCompiler } from '../../src/http/validation.ts';

type V = ((data: unknown) => boolean) & { errors?: unknown; schemaEnv?: unknown };
const compile = (schema: object, httpPart: string) =>
  validatorCompiler({ schema, httpPart, method: 'POST', url: '/x' }) as unknown as V;
const schema = () => ({
  type: 'object',
  properties: { n: { type: 'number' }, s: { type: 'string' } },
  required: ['n'],
});

describe('validatorCompiler', () => {
  it('compiles a schema once per part, whatever copy of it it is given', () => {
    const a = compile(schema(), 'body');
    const b = compile(schema(), 'body');
    expect(a.schemaEnv).toBeDefined();
    expect(b.schemaEnv).toBe(a.schemaEnv);
    // the query-string validator of the same schema is another one: it coerces
    const q = compile(schema(), 'querystring');
    expect(q.schemaEnv).not.toBe(a.schemaEnv);
  });

  it('keeps each part its own rules, and refuses NUL', () => {
    const body = compile(schema(), 'body');
    const query = compile(schema(), 'querystring');
    expect(body({ n: '5' })).toBe(false);
    expect(query({ n: '5' })).toBe(true);
    expect(body({ n: 5, s: 'a\u0000b' })).toBe(false);
    expect(body.errors).toEqual([expect.objectContaining({ keyword: 'nul', instancePath: '/s' })]);
    expect(body({ n: 5, s: 'ab' })).toBe(true);
    expect(body.errors).toBeNull();
  });
});
