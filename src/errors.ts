/**
 * The closed set of errors the application raises on purpose. Each has a stable
 * code and an HTTP status; one handler maps them to problem+json (RFC 9457).
 */
export interface FieldError {
  path: string;
  message: string;
  /** The schema rule broken (ajv's keyword: required, minimum, pattern…), so a client can say it in its reader's language. */
  rule?: string;
  /** The rule's bound (minimum, maxLength…) or the expected form (pattern: decimal or code; format: date, uuid…). */
  limit?: number | string;
}

export interface RowError {
  row: number;
  column: string;
  message: string;
}

export type ErrorCode =
  | 'validation_failed'
  | 'import_failed'
  | 'not_found'
  | 'version_conflict'
  | 'idempotency_conflict'
  | 'conflict'
  | 'unauthenticated'
  | 'forbidden'
  | 'rate_limited'
  | 'payload_too_large'
  | 'unavailable';

const STATUS: Record<ErrorCode, number> = {
  validation_failed: 400,
  import_failed: 400,
  not_found: 404,
  version_conflict: 409,
  idempotency_conflict: 409,
  conflict: 409,
  unauthenticated: 401,
  forbidden: 403,
  rate_limited: 429,
  payload_too_large: 413,
  unavailable: 503,
};

const TITLE: Record<ErrorCode, string> = {
  validation_failed: 'The request is not valid',
  import_failed: 'The file has rows that cannot be imported',
  not_found: 'Not found',
  version_conflict: 'The record was changed by someone else',
  idempotency_conflict: 'This idempotency key was used with a different body',
  conflict: 'Conflict',
  unauthenticated: 'Sign-in required',
  forbidden: 'Not allowed',
  rate_limited: 'Too many attempts',
  payload_too_large: 'The request body is too large',
  unavailable: 'The database is not available right now',
};

export class AppError extends Error {
  readonly status: number;
  readonly title: string;
  constructor(
    readonly code: ErrorCode,
    readonly detail: string,
    readonly extra: { errors?: FieldError[]; rowErrors?: RowError[]; currentVersion?: number; retryAfterSeconds?: number } = {},
  ) {
    super(detail);
    this.status = STATUS[code];
    this.title = TITLE[code];
  }
}

/** An error as RFC 9457 problem+json: what the API answers, and what a failed job keeps for its owner. */
export interface ProblemBody {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance?: string;
  errors?: FieldError[];
  rowErrors?: RowError[];
  currentVersion?: number;
}

export const problem = (status: number, code: string, title: string, detail: string): ProblemBody => ({
  type: `https://carebridge.example/problems/${code}`,
  title,
  status,
  detail,
});

export function problemOf(error: AppError): ProblemBody {
  const body = problem(error.status, error.code, error.title, error.detail);
  if (error.extra.errors !== undefined) body.errors = error.extra.errors;
  if (error.extra.rowErrors !== undefined) body.rowErrors = error.extra.rowErrors;
  if (error.extra.currentVersion !== undefined) body.currentVersion = error.extra.currentVersion;
  return body;
}

export const notFound = (entity: string, id: string): AppError => new AppError('not_found', `No ${entity} with id "${id}".`);

export const invalid = (errors: FieldError[]): AppError =>
  new AppError('validation_failed', errors.map((e) => `${e.path}: ${e.message}`).join('; '), { errors });
