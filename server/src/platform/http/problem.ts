import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import type { Problem } from '../../../../contracts/common';
import { AppError, type FieldError } from './errors';

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  409: 'Conflict',
  413: 'Payload Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

export function sendProblem(reply: FastifyReply, problem: Problem) {
  return reply.status(problem.status).type('application/problem+json').send(problem);
}

export function problem(status: number, detail: string, extra: Partial<Problem> = {}): Problem {
  return {
    type: extra.code ? `https://kontor.dev/problems/${extra.code}` : 'about:blank',
    title: TITLES[status] ?? 'Error',
    status,
    detail,
    ...extra,
  };
}

/**
 * Field errors from a validation error. fastify-type-provider-zod reports zod issues ajv-style
 * (`keyword` = zod issue code, `instancePath` "/lines/0/qty", `params` = the issue's extra fields,
 * e.g. `keys` for unrecognized keys); older versions nested the zod issue under `params.issue`.
 * Paths come out dotted: "lines.0.qty".
 */
function fieldErrorsFromValidation(
  err: FastifyError & { validation?: unknown[] },
  where: string,
): FieldError[] {
  const items = (err.validation ?? []) as Array<{
    keyword?: string;
    instancePath?: string;
    message?: string;
    params?: {
      keys?: unknown;
      issue?: { path?: PropertyKey[]; message?: string; code?: string; keys?: string[] };
    };
  }>;
  const errors: FieldError[] = [];
  for (const v of items) {
    const issue = v.params?.issue;
    const base = issue?.path?.length
      ? issue.path.map(String).join('.')
      : (v.instancePath ?? '').replace(/^\//, '').replaceAll('/', '.');
    const code = issue?.code ?? v.keyword;
    const keys = issue?.keys ?? v.params?.keys;
    if (code === 'unrecognized_keys' && Array.isArray(keys)) {
      for (const key of keys.map(String)) {
        errors.push({ path: base ? `${base}.${key}` : key, message: `Unknown field "${key}"` });
      }
      continue;
    }
    errors.push({ path: base || where, message: issue?.message ?? v.message ?? 'Invalid value' });
  }
  return errors;
}

/**
 * The one error handler: AppError → its status; validation → 400 with field errors; client errors
 * Fastify raises (bad JSON, too large) → their status; anything else → 500 without internals.
 */
export function errorHandler(err: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  if (err instanceof AppError) {
    return sendProblem(
      reply,
      problem(err.status, err.message, { code: err.code, ...(err.errors ? { errors: err.errors } : {}) }),
    );
  }
  if (hasZodFastifySchemaValidationErrors(err)) {
    const where = (err as { validationContext?: string }).validationContext ?? 'body';
    const errors = fieldErrorsFromValidation(err, where);
    const list = errors.map((e) => `${e.path}: ${e.message}`).join('; ');
    return sendProblem(
      reply,
      problem(400, `The ${where} is not valid — ${list}`, { code: 'request.invalid', errors }),
    );
  }
  if (isResponseSerializationError(err)) {
    request.log.error({ err, issues: err.cause.issues }, 'response does not match its schema');
    return sendProblem(reply, problem(500, `Something went wrong on our side (request ${request.id}).`));
  }
  const status = err.statusCode ?? 500;
  if (status < 500) {
    const detail =
      err.code === 'FST_ERR_CTP_BODY_TOO_LARGE'
        ? 'The request body is too large'
        : err.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE'
          ? 'Send the body as application/json'
          : // Plugins may throw a ready problem object (the rate limiter's errorResponseBuilder).
            ((err as { detail?: unknown }).detail as string | undefined) ||
            err.message ||
            TITLES[status] ||
            'Error';
    return sendProblem(reply, problem(status, detail, err.code ? { code: err.code } : {}));
  }
  request.log.error({ err }, 'unhandled error');
  return sendProblem(reply, problem(500, `Something went wrong on our side (request ${request.id}).`));
}
