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

/** A decimal pattern (money, quantities) is named by its form; any other pattern is "a code in the expected form". */
const DECIMAL = /^\^\(0\|\[1-9\]/;

/** ajv's bound for the rules that have one. */
function limitOf(issue: AjvIssue): number | string | undefined {
  const p = issue.params;
  if (issue.keyword === 'pattern') return DECIMAL.test(String(p.pattern)) ? 'decimal' : 'code';
  if (issue.keyword === 'format') return String(p.format);
  if (issue.keyword === 'type') return String(p.type);
  const limit = p.limit ?? p.comparison;
  return typeof limit === 'number' ? limit : undefined;
}

/** ajv's English, except where it would show a regular expression to a person. */
function englishOf(issue: AjvIssue): string {
  if (issue.keyword === 'pattern') return DECIMAL.test(String(issue.params.pattern)) ? 'must be a number such as 1234.50 (digits, a dot before the decimals)' : 'is not in the expected form';
  return issue.message ?? 'is not valid';
}

interface AjvIssue {
  instancePath: string;
  keyword: string;
  message?: string;
  params: Record<string, unknown>;
}

/** Turns ajv's errors into one entry per failing path, with a message a person can act on. */
export function fieldErrors(issues: readonly AjvIssue[], part: string): FieldError[] {
  const prefix = part === 'body' ? '' : `/${part}`;
  const byPath = new Map<string, FieldError>();
  const put = (path: string, message: string, rule: string, limit?: number | string) => byPath.set(path || '/', { path: path || '/', message, rule, ...(limit === undefined ? {} : { limit }) });
  for (const issue of issues) {
    let path = prefix + issue.instancePath;
    let message = englishOf(issue);
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
      if (literals.length > 0) put(path, `must be one of ${literals.join(', ')}`, 'enum');
      else if (!byPath.has(path || '/')) put(path, message, 'anyOf');
      continue;
    }
    if (!byPath.has(path || '/')) put(path, message, issue.keyword === 'const' ? 'enum' : issue.keyword, limitOf(issue));
  }
  return [...byPath.values()];
}
