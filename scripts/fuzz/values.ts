/**
 * The fuzz's values: well-formed ones generated from a JSON schema (the OpenAPI document's
 * request bodies and parameters) or from a form-js schema (a task's or a start form's fields),
 * and the malformed ones every string, number, list and object gets swapped for.
 */
import type { Rng } from '../rng.js';

/** One element of a list, at random. */
export const pick = <T>(rng: Rng, xs: readonly T[]): T => xs[Math.floor(rng() * xs.length)]!;
const int = (rng: Rng, lo: number, hi: number) => lo + Math.floor(rng() * (hi - lo + 1));

const WORDS = [
  'hemtjänst',
  'Åtgärd',
  'brukare',
  'enhet',
  'avvikelse',
  'ÖVRIGT',
  'ja',
  'nej',
  '2027-04-01',
  'x',
  '—',
  '😀',
  'שלום',
  '\u202e',
  'a b',
  '<b>',
  '"\'',
  '\\',
];

/** A plain string of at most `max` characters, some of them outside ASCII. */
export function text(rng: Rng, min = 0, max = 40): string {
  let s = '';
  const target = int(rng, min, Math.min(max, min + 40));
  while (s.length < target) s += pick(rng, WORDS);
  return s.slice(0, Math.max(min, target));
}

/** A JSON schema as z.toJSONSchema writes it (the subset the fuzz reads). */
export interface JsonSchema {
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: JsonSchema | boolean;
  propertyNames?: JsonSchema;
  items?: JsonSchema;
  minItems?: number;
  maxItems?: number;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  minimum?: number;
  maximum?: number;
  default?: unknown;
  $ref?: string;
}

/** A value the schema admits (as far as a generator can tell: patterns are tried, not solved). */
export function fromSchema(rng: Rng, s: JsonSchema | undefined, depth = 0): unknown {
  if (!s || depth > 6) return text(rng);
  if (s.const !== undefined) return s.const;
  if (s.enum) return pick(rng, s.enum);
  const alts = s.anyOf ?? s.oneOf;
  if (alts?.length) return fromSchema(rng, pick(rng, alts), depth + 1);
  if (s.allOf?.length) return fromSchema(rng, s.allOf[0], depth + 1);
  const type = Array.isArray(s.type) ? pick(rng, s.type) : s.type;
  switch (type) {
    case 'string':
      return stringFor(rng, s);
    case 'integer':
      return int(rng, Math.max(s.minimum ?? 0, -1e6), Math.min(s.maximum ?? 100, 1e6));
    case 'number':
      return (s.minimum ?? 0) + rng() * Math.min((s.maximum ?? 100) - (s.minimum ?? 0), 1e6);
    case 'boolean':
      return rng() < 0.5;
    case 'null':
      return null;
    case 'array':
      return Array.from({ length: int(rng, s.minItems ?? 0, Math.min(s.maxItems ?? 3, 3)) }, () => fromSchema(rng, s.items, depth + 1));
    case 'object':
      return objectFor(rng, s, depth);
    default:
      return pick(rng, [text(rng), int(rng, 0, 100), true, null]);
  }
}

function stringFor(rng: Rng, s: JsonSchema): string {
  // the patterns of our schemas: ids, keys, resource names
  if (s.pattern?.includes('(bpmn|form)')) return `${pick(rng, ['fuzz', 'lex-sarah', 'a'])}.${pick(rng, ['bpmn', 'form'])}`;
  if (s.pattern?.startsWith('^\\d')) return String(int(rng, 1, 2 ** 40));
  if (s.pattern?.startsWith('^[A-Za-z0-9._:-]')) return `fuzz-${Math.floor(rng() * 1e12)}`;
  if (s.pattern) return `p${Math.floor(rng() * 1e6)}`;
  return text(rng, s.minLength ?? 0, s.maxLength ?? 40);
}

function objectFor(rng: Rng, s: JsonSchema, depth: number): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, p] of Object.entries(s.properties ?? {})) {
    if (s.required?.includes(k) || rng() < 0.7) out[k] = fromSchema(rng, p, depth + 1);
  }
  if (!s.properties && s.additionalProperties !== false) {
    for (let i = int(rng, 0, 3); i > 0; i--) out[stringFor(rng, s.propertyNames ?? { maxLength: 12, minLength: 1 })] = fromSchema(rng, undefined, depth + 1);
  }
  return out;
}

interface FormComponent {
  type?: string;
  key?: string;
  path?: string;
  values?: { value: unknown }[];
  components?: FormComponent[];
  validate?: { maxLength?: number };
}

/** Variables a form-js schema would accept, more or less (values from its options, texts within its lengths). */
export function fromForm(rng: Rng, form: unknown, units: string[], depth = 0): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const walk = (cs: FormComponent[] | undefined) => {
    for (const c of cs ?? []) {
      if (c.type === 'dynamiclist' && c.path) {
        out[c.path] = Array.from({ length: int(rng, 1, 3) }, () => (depth < 2 ? fromForm(rng, c, units, depth + 1) : {}));
        continue;
      }
      if (c.key) out[c.key] = formValue(rng, c, units);
      if (c.type !== 'dynamiclist') walk(c.components);
    }
  };
  walk((form as { components?: FormComponent[] })?.components);
  return out;
}

function formValue(rng: Rng, c: FormComponent, units: string[]): unknown {
  switch (c.type) {
    case 'number':
      return int(rng, 0, 5);
    case 'checkbox':
      return rng() < 0.5;
    case 'datetime':
      return pick(rng, ['2027-04-01', '2027-04-01T09:00:00Z']);
    case 'select':
    case 'radio':
      return c.values?.length ? pick(rng, c.values).value : pick(rng, units.length ? units : ['x']);
    case 'checklist':
    case 'taglist':
      return c.values?.length ? [pick(rng, c.values).value] : [];
    default:
      return text(rng, 1, Math.min(c.validate?.maxLength ?? 60, 60));
  }
}

/** The malformed values a leaf is swapped for: bad characters, sizes, types and shapes. */
export function malformed(rng: Rng): { kind: string; value: unknown } {
  const deep = (n: number) => {
    let v: unknown = 'x';
    for (let i = 0; i < n; i++) v = rng() < 0.5 ? [v] : { d: v };
    return v;
  };
  const kinds: [string, () => unknown][] = [
    ['nul', () => `a\u0000b`],
    ['lone-high-surrogate', () => `x\uD800`],
    ['lone-low-surrogate', () => `\uDC00y`],
    ['huge-string', () => 'å'.repeat(int(rng, 5_000, 120_000))],
    ['long-digits', () => '9'.repeat(int(rng, 19, 400))],
    ['number', () => pick(rng, [0, -1, 1.5, 2 ** 53 + 1, -1e308, 1e308])],
    ['boolean', () => rng() < 0.5],
    ['null', () => null],
    ['object', () => ({ a: 1 })],
    ['array', () => ['a', 1]],
    ['empty-string', () => ''],
    ['deep', () => deep(int(rng, 20, 400))],
    ['huge-array', () => Array.from({ length: int(rng, 1_001, 20_000) }, (_, i) => i)],
    ['wide-object', () => Object.fromEntries(Array.from({ length: int(rng, 201, 3_000) }, (_, i) => [`k${i}`, i]))],
    ['proto', () => JSON.parse('{"__proto__": {"polluted": true}, "constructor": {"prototype": {}}}')],
    ['unicode', () => pick(rng, ['😀'.repeat(100), '\u202e\u200b\ufeff', 'e\u0301'.repeat(50), '\uffff'])],
    ['sql-ish', () => pick(rng, ["' or 1=1 --", '%', '_', '\\', '$1', '${x}', '{{x}}'])],
  ];
  const [kind, make] = pick(rng, kinds);
  return { kind, value: make() };
}

/** A path or query string value that should never be a 5xx: encodings, sizes and bytes. */
export function malformedParam(rng: Rng): { kind: string; raw: string } {
  return pick(rng, [
    { kind: 'nul', raw: 'a%00b' },
    { kind: 'lone-surrogate', raw: '%ED%A0%80' },
    { kind: 'bad-utf8', raw: '%C3%28' },
    { kind: 'bad-escape', raw: '%zz%' },
    { kind: 'long', raw: 'x'.repeat(int(rng, 201, 6_000)) },
    { kind: 'long-digits', raw: '9'.repeat(int(rng, 19, 400)) },
    { kind: 'negative', raw: '-1' },
    { kind: 'float', raw: '1.5e300' },
    { kind: 'dots', raw: '..%2F..%2Fetc' },
    { kind: 'empty', raw: '' },
    { kind: 'unicode', raw: encodeURIComponent('åäö😀\u202e') },
    { kind: 'spaces', raw: '%20%09' },
  ]);
}
