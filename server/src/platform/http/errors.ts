/**
 * Services throw AppError with a code; one error handler maps codes to RFC 9457 responses.
 * Codes are `<domain>.<what>` (e.g. `identity.email_taken`); the kind decides the status.
 */
export type ErrorKind =
  | 'bad_request'
  | 'unauthorized'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'unprocessable'
  | 'too_many_requests';

export const STATUS_BY_KIND: Record<ErrorKind, number> = {
  bad_request: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  unprocessable: 422,
  too_many_requests: 429,
};

export interface FieldError {
  path: string;
  message: string;
}

export class AppError extends Error {
  constructor(
    readonly kind: ErrorKind,
    readonly code: string,
    message: string,
    readonly errors?: FieldError[],
  ) {
    super(message);
    this.name = 'AppError';
  }

  get status(): number {
    return STATUS_BY_KIND[this.kind];
  }
}

export const notFound = (entity: string, id: string) =>
  new AppError('not_found', `${entity}.not_found`, `${entity} ${id} does not exist or is not visible to you`);

export const staleVersion = (entity: string, id: string) =>
  new AppError(
    'conflict',
    `${entity}.stale_version`,
    `${entity} ${id} was changed by someone else in the meantime; reload it and apply your change again`,
  );

export const forbidden = (what: string) =>
  new AppError('forbidden', 'auth.forbidden', `You are not allowed to ${what}`);

/** An API token's scopes do not cover the request (its user's role might). */
export const missingScope = (scope: string) =>
  new AppError('forbidden', 'auth.token_scope', `This API token lacks the scope ${scope}`);
