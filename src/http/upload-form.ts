/**
 * Reads an upload form (Rocket.Chat's: one file in the field `file`, text fields beside it such as
 * `description` or `msg`), for the visitor's and the agent's upload routes alike. The type is
 * checked from the part's header before any byte is buffered, the size while reading; every part
 * is consumed even after a refusal, so the answer is never stuck behind an unread body.
 */
import type { FastifyRequest } from 'fastify';
import { AppError, fail } from '../domain/errors.ts';

export interface UploadForm {
  name: string;
  type: string;
  data: Buffer;
  fields: Record<string, string>;
}

export interface UploadRules {
  maxSize: number;
  /** Throws the refusal for a type outside the whitelist. */
  checkType(type: string): void;
  /** The refusal for a file over maxSize. */
  sizeError(): never;
}

/** A multipart body the parser gave up on (cut short, bad headers): the client's fault, a 400. */
function malformed(err: unknown): AppError | Error {
  if (err instanceof AppError) return err;
  const status = (err as { statusCode?: number }).statusCode;
  if (typeof status === 'number' && status >= 400 && status < 500) return err as Error; // the error handler maps these
  return new AppError('invalid-params', 'The multipart body is malformed');
}

export async function readUploadForm(request: FastifyRequest, rules: UploadRules): Promise<UploadForm> {
  if (!request.isMultipart()) fail('invalid-params', 'Send the file as multipart/form-data in the field `file`');
  const fields: Record<string, string> = {};
  let file: Omit<UploadForm, 'fields'> | undefined;
  // The first refusal wins; reading goes on only to drain the body.
  let refusal: unknown;
  try {
    for await (const part of request.parts({ limits: { fileSize: rules.maxSize, files: 1 } })) {
      if (part.type === 'field') {
        if (typeof part.value === 'string') fields[part.fieldname] = part.value;
        continue;
      }
      if (refusal !== undefined || part.fieldname !== 'file') {
        part.file.resume();
        continue;
      }
      const type = (part.mimetype || 'application/octet-stream').toLowerCase().slice(0, 255);
      try {
        rules.checkType(type);
      } catch (err) {
        part.file.resume();
        refusal = err;
        continue;
      }
      try {
        const data = await part.toBuffer();
        if (part.file.truncated) rules.sizeError();
        file = { name: part.filename, type, data };
      } catch (err) {
        if ((err as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') {
          try {
            rules.sizeError();
          } catch (sizeErr) {
            refusal = sizeErr;
          }
        } else refusal = err;
      }
    }
  } catch (err) {
    refusal ??= err;
  }
  if (refusal !== undefined) throw malformed(refusal);
  if (!file) fail('invalid-params', 'The multipart field `file` is required');
  return { ...file, fields };
}
