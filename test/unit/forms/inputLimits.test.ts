/**
 * The size of what a form admits and its patterns (issue 13, point 7): lists and texts have
 * maximums, the largest legitimate submission of every bundled form fits the body limit,
 * every bundled form passes the deployment's form check, and patterns outside the admitted
 * subset are refused without being run.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { BODY_LIMITS } from '../../../src/http/bodyLimits.js';
import { DEFAULT_LIST_MAX, listMax, textMax } from '../../../src/domain/forms/limits.js';
import { formProblems } from '../../../src/domain/forms/lint.js';
import { patternProblem, testPattern } from '../../../src/domain/forms/pattern.js';
import { fields, validateAgainstForm } from '../../../src/domain/forms/validate.js';

const FORMS = path.resolve(import.meta.dirname, '../../../bpmn/forms');
const forms = readdirSync(FORMS)
  .filter((f) => f.endsWith('.form'))
  .map((f) => ({ file: f, schema: JSON.parse(readFileSync(path.join(FORMS, f), 'utf8')) }));
const form = (id: string) => forms.find((f) => f.schema.id === id)!.schema;

interface C {
  type: string;
  key?: string;
  components?: C[];
  values?: { value: unknown }[];
  validate?: { maxLength?: number; maxItems?: number };
}

/** Bytes of the largest JSON a field admits (3 bytes a character: any UTF-8 character of the BMP). */
function largest(f: C): number {
  const k = (f.key ?? '').length + 4;
  if (f.type === 'dynamiclist') return k + listMax(f) * (2 + fields({ components: f.components }).reduce((n, x) => n + largest(x as C), 0));
  if (['textfield', 'textarea', 'datetime'].includes(f.type)) return k + 3 * textMax(f) + 2;
  if (['checklist', 'taglist'].includes(f.type)) return k + (f.values ?? []).reduce((n, v) => n + JSON.stringify(v.value).length + 1, 2);
  if (['select', 'radio'].includes(f.type)) return k + Math.max(40, ...(f.values ?? []).map((v) => 3 * JSON.stringify(v.value).length)); // 40: a unit id
  return k + 30; // a number, a boolean
}

describe('form limits', () => {
  it('refuses a list of 3,000 actions on "Besluta åtgärder" by its length, without checking 3,000 items', () => {
    const actions = Array.from({ length: 3000 }, () => ({ title: 'x', ownerRole: 'nobody', dueDate: 'no' }));
    const errors = validateAgainstForm(form('avvikelse-actions'), { actions });
    expect(errors).toEqual([{ field: 'variables.actions', message: `högst ${DEFAULT_LIST_MAX} rader` }]);
    const ok = Array.from({ length: DEFAULT_LIST_MAX }, () => ({ title: 'Ny rutin', ownerRole: 'enhetschef', dueDate: '2027-05-01' }));
    expect(validateAgainstForm(form('avvikelse-actions'), { actions: ok })).toEqual([]);
  });

  it('bounds texts the form leaves open, and values of a type it does not know', () => {
    const open = {
      components: [
        { type: 'textarea', key: 'note' },
        { type: 'textfield', key: 'name' },
        { type: 'filepicker', key: 'file' },
      ],
    };
    expect(validateAgainstForm(open, { note: 'x'.repeat(10_001), name: 'x'.repeat(1_001), file: { nested: 'x' } }).map((e) => e.message)).toEqual([
      'högst 10000 tecken',
      'högst 1000 tecken',
      'ska vara ett enkelt värde',
    ]);
    expect(validateAgainstForm(open, { note: 'x'.repeat(10_000), name: 'x'.repeat(1_000), file: 'x' })).toEqual([]);
  });

  it("has every bundled form's largest legitimate submission under the body limit", () => {
    const sizes = forms.map((f) => ({ id: f.schema.id as string, bytes: fields(f.schema).reduce((n, x) => n + largest(x as C), 20) }));
    const max = sizes.reduce((a, s) => (s.bytes > a.bytes ? s : a));
    expect(max.bytes).toBeGreaterThan(10_000);
    expect(max.bytes, max.id).toBeLessThan(BODY_LIMITS.default);
  });

  it("passes every bundled form through the deployment's form check", () => {
    expect(forms.flatMap((f) => formProblems(f.schema).map((p) => `${f.file}: ${p}`))).toEqual([]);
  });
});

describe('form patterns', () => {
  it.each(['(a)\\1', '(?=a)a', '(?<!a)b', 'x'.repeat(301), '(unclosed'])('refuses %s (no linear-time engine can run it, or it is no pattern)', (p) => {
    expect(patternProblem(p)).toBeDefined();
    expect(testPattern(p, `${'a'.repeat(27)}!`)).toBeUndefined();
  });

  // RegExp backtracks exponentially on these (`^(a+)+$`: 5.2 s on 28 characters); RE2 does not
  // backtrack, so they are admitted and answered: the value does not match.
  it.each(['^(a+)+$', '(a|aa)*b', '^(\\w+\\s?)*$', '(x{1,5}){2,}$', '.*a.*b.*c.*d'])('admits %s and tests it with RE2, not RegExp', (p) => {
    expect(patternProblem(p)).toBeUndefined();
    expect(testPattern(p, `${'a'.repeat(40_000)}!`)).toBe(false);
  });

  it('reads \\uXXXX as JavaScript does', () => {
    expect(testPattern('^\\u00e5\\u00c4$', 'åÄ')).toBe(true);
  });

  it.each([
    ['^\\d{6}-\\d{4}$', '121212-1212'],
    ['^[A-ZÅÄÖ]{2}-\\d{4}-\\d{4}$', 'LS-2027-0001'],
    ['^(\\+46|0)\\d{9}$', '0701234567'],
    ['^[^@\\s]+@[^@\\s]+$', 'a@b.se'],
    ['^(ja|nej)?$', 'ja'],
  ])('admits %s and runs it', (p, v) => {
    expect(patternProblem(p)).toBeUndefined();
    expect(testPattern(p, v)).toBe(true);
    expect(testPattern(p, `${v} x`)).toBe(false);
  });

  it('refuses a form to deploy whose pattern or limits cannot be bounded, naming the field', () => {
    const f = {
      components: [
        { type: 'textfield', key: 'code', validate: { pattern: '(a)\\1' } },
        { type: 'textarea', key: 'note', validate: { maxLength: 10_000_000 } },
        { type: 'dynamiclist', path: 'rows', validate: { maxItems: 5000 }, components: [] },
      ],
    };
    expect(formProblems(f)).toEqual([
      expect.stringMatching(/^fältet code: mönstret använder bakåtreferenser/),
      expect.stringMatching(/^fältet note: maxLength/),
      expect.stringMatching(/^fältet rows: maxItems/),
    ]);
  });
});
