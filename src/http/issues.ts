/**
 * Input parsing for the routes: zod's issues as field errors in Swedish (zod's own Swedish
 * locale, for this parse only) that never quote the input — an unknown key is named only when
 * it looks like a field name, since a key is input too (issue 13, point 7).
 */
import { z } from 'zod';
import { InputError, type FieldError } from '../errors.js';

const swedish = z.locales.sv().localeError;
const fieldName = (k: string) => /^[A-Za-z_][\w.-]{0,99}$/.test(k);

/** The field errors of a failed parse, `prefix` before each path (`query.state`). */
function fieldErrors(issues: z.core.$ZodIssue[], prefix = ''): FieldError[] {
  return issues.map((i) => {
    const field =
      [prefix, ...i.path.map((p) => (typeof p === 'number' || fieldName(String(p)) ? String(p) : '(nyckel)'))].filter(Boolean).join('.') || '(body)';
    if (i.code === 'unrecognized_keys') {
      const named = i.keys.filter(fieldName);
      return { field, message: named.length === i.keys.length ? `okända nycklar: ${named.join(', ')}` : 'okända nycklar' };
    }
    return { field, message: i.message };
  });
}

/** Parses input with a zod schema; a failure is a 400 naming the fields. */
export function parseInput<T extends z.ZodType>(schema: T, input: unknown, prefix = ''): z.infer<T> {
  const r = schema.safeParse(input, { error: swedish });
  if (!r.success) throw new InputError('Ogiltig indata', fieldErrors(r.error.issues, prefix));
  return r.data;
}
