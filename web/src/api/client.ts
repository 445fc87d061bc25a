/** The typed fetch client: same-origin cookies, the CSRF token on changes, problem+json turned into ApiError. */
export interface FieldProblem {
  path: string;
  message: string;
  /** The schema rule broken and its bound, when the problem is a schema rule (see web/src/app/forms/form-errors.ts). */
  rule?: string;
  limit?: number | string;
}

/** A problem in a row of an imported file: `row` 1-based (0 for the file), `column` the header or element. */
export interface RowProblem {
  row: number;
  column: string;
  message: string;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    readonly detail: string,
    readonly errors: FieldProblem[] = [],
    readonly rowErrors: RowProblem[] = [],
  ) {
    super(detail);
  }
}

let cachedCopies = 0;
/**
 * How many reads the service worker has answered from its saved copy (web/public/sw.js marks them): a page that
 * expects the server's fresh state (after the outbox sent its records) asks again when this grew.
 */
export const cachedCopiesServed = (): number => cachedCopies;

let csrfToken: string | null = null;
/** Set from the session answer; sent back on every unsafe request. */
export const setCsrfToken = (token: string | null): void => {
  csrfToken = token;
};

/**
 * A request to the API. `body` is sent as JSON; `file` as the raw body with its own type (imports, documents), which
 * the server judges by content. Same-origin cookies, and the CSRF token on every change.
 */
export async function api<T>(path: string, init: { method?: string; body?: unknown; file?: { data: Blob; type: string }; signal?: AbortSignal; headers?: Record<string, string> } = {}): Promise<T> {
  const method = init.method ?? 'GET';
  const headers: Record<string, string> = { accept: 'application/json', ...init.headers };
  if (init.body !== undefined) headers['content-type'] = 'application/json';
  if (init.file !== undefined) headers['content-type'] = init.file.type;
  if (method !== 'GET' && csrfToken !== null) headers['x-csrf-token'] = csrfToken;
  const body = init.file !== undefined ? init.file.data : init.body === undefined ? undefined : JSON.stringify(init.body);
  const res = await fetch(path, { method, headers, credentials: 'same-origin', ...(init.signal === undefined ? {} : { signal: init.signal }), ...(body === undefined ? {} : { body }) });
  if (res.status === 204) return undefined as T;
  if (res.headers.get('x-carebridge-cached-copy') === 'true') cachedCopies += 1;
  const text = await res.text();
  const data = parseBody(text, res.ok);
  if (!res.ok) throw problemError(res, data);
  return data as T;
}

/** A problem+json body (or none) as an ApiError. */
function problemError(res: Response, data: unknown): ApiError {
  const p = (data ?? {}) as { title?: string; detail?: string; errors?: FieldProblem[]; rowErrors?: RowProblem[] };
  return new ApiError(res.status, p.title ?? res.statusText, p.detail ?? '', p.errors ?? [], p.rowErrors ?? []);
}

/** A GET whose answer is a file (an export, a job's result), kept as it came; a failure is an ApiError as for api(). */
export async function apiBlob(path: string, signal?: AbortSignal): Promise<Blob> {
  const res = await fetch(path, { credentials: 'same-origin', ...(signal === undefined ? {} : { signal }) });
  if (!res.ok) throw problemError(res, parseBody(await res.text(), false));
  return res.blob();
}

/**
 * A success must be JSON; an error may be anything (a proxy's HTML page during
 * an outage), and still becomes an ApiError with its status rather than a parse error.
 */
function parseBody(text: string, ok: boolean): unknown {
  if (text === '') return null;
  if (ok) return JSON.parse(text);
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

/** Builds a query string from defined values; arrays repeat the key. */
export function queryString(params: Record<string, string | number | readonly string[] | undefined>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v === undefined || v === '') continue;
    if (Array.isArray(v)) for (const item of v as readonly string[]) q.append(k, item);
    else q.set(k, String(v));
  }
  const s = q.toString();
  return s === '' ? '' : `?${s}`;
}
