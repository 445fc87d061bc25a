import type { ValidateFunction } from 'ajv';
import type { FastifySchemaCompiler } from 'fastify';
import { makeAjv } from '../ajv.js';
import type { FieldError } from '../errors.js';

// Bodies are taken exactly as sent; query strings and params arrive as text, so
// they are coerced to the declared types and single values to arrays.
const bodyAjv = makeAjv(false);
const textAjv = makeAjv(true);

export const validatorCompiler: FastifySchemaCompiler<unknown> = ({ schema, httpPart }) => {
  const validate: ValidateFunction = (httpPart === 'body' ? bodyAjv : textAjv).compile(schema as object);
  return (data: unknown) => (validate(data) ? { value: data } : { error: Object.assign(new Error('validation'), { validation: validate.errors ?? [] }) });
};

interface AjvIssue {
  instancePath: string;
  keyword: string;
  message?: string;
  params: Record<string, unknown>;
}

/** Turns ajv's errors into one entry per failing path, with a message a person can act on. */
export function fieldErrors(issues: readonly AjvIssue[], part: string): FieldError[] {
  const prefix = part === 'body' ? '' : `/${part}`;
  const byPath = new Map<string, string>();
  for (const issue of issues) {
    let path = prefix + issue.instancePath;
    let message = issue.message ?? 'is not valid';
    if (issue.keyword === 'required') {
      path = `${path}/${String(issue.params.missingProperty)}`;
      message = 'is required';
    } else if (issue.keyword === 'additionalProperties') {
      path = `${path}/${String(issue.params.additionalProperty)}`;
      message = 'is not a known field';
    } else if (issue.keyword === 'const' || issue.keyword === 'enum') {
      const allowed = issue.params.allowedValue ?? issue.params.allowedValues;
      message = `must be ${Array.isArray(allowed) ? `one of ${allowed.join(', ')}` : String(allowed)}`;
    }
    // anyOf over literals reports each literal; keep the summary, not the noise.
    if (issue.keyword === 'anyOf') {
      const literals = issues.filter((i) => i.instancePath === issue.instancePath && i.keyword === 'const').map((i) => String(i.params.allowedValue));
      if (literals.length > 0) byPath.set(path || '/', `must be one of ${literals.join(', ')}`);
      else if (!byPath.has(path || '/')) byPath.set(path || '/', message);
      continue;
    }
    if (!byPath.has(path || '/')) byPath.set(path || '/', message);
  }
  return [...byPath].map(([path, message]) => ({ path, message }));
}
