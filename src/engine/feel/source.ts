/**
 * Rewrites a FEEL expression, on feelin's own parse tree, into one that feelin evaluates as
 * FEEL-Scala evaluates the original (each rule found by the FEEL differential, test/feel):
 * - string literals are decoded as FEEL-Scala decodes them (`\'` is `'`, `\uXXXX` stays as
 *   written, a line break may stand in the literal) and re-encoded for feelin;
 * - `- 5` (a blank after the minus) is the number -5 (feelin: NaN);
 * - `+ - * / **` and unary `-` go through a helper that computes numbers as FEEL-Scala
 *   (number.ts); a number literal whose text a double does not keep (`1.50`, `1.0`, more than
 *   15 digits) becomes a FeelDecimal (`kvhNum("1.50")`), except as a bound of `for i in a..b`;
 *   a list index, a `for` range bound and the arguments of feelin's own numeric built-ins are
 *   handed to feelin as doubles (`kvhPlain`);
 * - `x in tests` goes through a membership helper (`kvhIn`, operators.ts), a range literal
 *   and a unary test `< e` through `kvhRange` (ranges.ts), `= e` through `kvhEqualTest`, so
 *   numbers compare exactly there as FEEL-Scala does (`1/3 in (0.3333333333333333)` is false);
 * - `for i in a..b` counts from a by 1 towards b without passing it, as FEEL-Scala
 *   (`kvhForRange`: `1..1.5` is [1]; feelin's own loop never ends on a fraction);
 * - `x instance of number` is true for a FeelDecimal too; `a + b instance of T` tests `a + b`
 *   (FEEL-Scala's precedence; feelin would test only b);
 * - `<`, `>`, `<=`, `>=` between values of different types, `=` between a list and a non-list,
 *   and `between` go through helpers (`operators.ts`) with FEEL-Scala's results;
 * - `if` takes the `then` branch only for `true`; `some`/`every` are three-valued (null when
 *   no item decides and one is null);
 * - `x in v` is false when the value v is null; `x instance of Null` is false;
 * - a range literal used as a value (not in `in` or as an argument) is null;
 * - a variable that has the name of a function called in the expression is renamed, so the
 *   call still reaches the function (FEEL-Scala keeps functions and variables apart).
 */
import { parseExpression } from 'feelin';
import { parseNum } from './number.js';
import { temporalNode } from './temporal.js';

/** The syntax-node surface of lezer's trees that the rewrite uses. */
interface Node {
  name: string;
  from: number;
  to: number;
  firstChild: Node | null;
  nextSibling: Node | null;
  parent: Node | null;
}

/** A rewritten expression, and the variables it expects under new names (old → new). */
export interface Rewritten {
  source: string;
  renamed: Map<string, string>;
}

/** Rewrites `expression` (see the module comment) for feelin, given the names in scope. */
export function rewrite(original: string, variables: Record<string, unknown>): Rewritten {
  const expression = escapeLineBreaks(original);
  const tree = parseExpression(expression, variables, undefined) as unknown as { topNode: Node };
  const text = (n: Node) => expression.slice(n.from, n.to);
  const callees = new Set<string>();
  walk(tree.topNode, (n) => {
    const callee = n.name === 'FunctionInvocation' ? n.firstChild : null;
    if (callee?.name === 'VariableName') callees.add(norm(text(callee)));
  });
  const renamed = new Map<string, string>();
  for (const name of callees) {
    if (name in variables && typeof variables[name] !== 'function') renamed.set(name, `kvhVar${renamed.size}`);
  }
  const emit = (n: Node): string => {
    const out = special(n, emit, text, renamed) ?? splice(n, emit, expression);
    return plainPosition(n, text) && !PLAIN_NODES.has(n.name) ? `kvhPlain(${out})` : out;
  };
  return { source: emit(tree.topNode), renamed };
}

function walk(n: Node, visit: (n: Node) => void): void {
  visit(n);
  for (let c = n.firstChild; c; c = c.nextSibling) walk(c, visit);
}

const norm = (name: string) => name.replace(/\s+/g, ' ').trim();

/** The node's children, comments left out. */
function children(n: Node): Node[] {
  const out: Node[] = [];
  for (let c = n.firstChild; c; c = c.nextSibling) if (!COMMENTS.has(c.name)) out.push(c);
  return out;
}

const COMMENTS = new Set(['LineComment', 'BlockComment']);

/** The node's source with each child replaced by its rewrite. */
function splice(n: Node, emit: (n: Node) => string, src: string): string {
  let out = '';
  let at = n.from;
  for (let c = n.firstChild; c; c = c.nextSibling) {
    out += src.slice(at, c.from) + emit(c);
    at = c.to;
  }
  return out + src.slice(at, n.to);
}

type Emit = (n: Node) => string;

function special(n: Node, emit: Emit, text: (n: Node) => string, renamed: Map<string, string>): string | undefined {
  const temporal = temporalNode(n, emit, text); // temporal constructors and `in [list]` (temporal.ts)
  if (temporal !== undefined) return temporal;
  switch (n.name) {
    case 'StringLiteral':
      return feelinLiteral(scalaString(text(n)));
    case 'NumericLiteral':
      return numericLiteral(n, text);
    case 'Comparison':
      return comparison(n, emit, text);
    case 'ArithmeticExpression': {
      const inst = trailingInstance(n);
      if (inst) return instanceOf(arith(n, emit, text, inst), inst, text);
      const [left, op, right] = children(n);
      if (left?.name === 'ArithOp' && text(left) === '-' && op && !right) return `kvhNeg(${emit(op)})`;
      if (!left || op?.name !== 'ArithOp' || !right) return undefined;
      return `kvhArith("${text(op)}", ${emit(left)}, ${emit(right)})`;
    }
    case 'IfExpression': {
      const [, cond, , then, , otherwise] = children(n);
      return cond && then && otherwise ? `if kvhIsTrue(${emit(cond)}) then ${emit(then)} else ${emit(otherwise)}` : undefined;
    }
    case 'QuantifiedExpression': {
      const [kind, contexts, , cond] = children(n);
      if (!kind || !contexts || !cond) return undefined;
      return `${text(kind) === 'every' ? 'kvhEvery' : 'kvhSome'}(for ${emit(contexts)} return ${emit(cond)})`;
    }
    // FEEL-Scala 1.21 knows no type Null: `x instance of Null` is false.
    case 'InstanceOfExpression':
      return n.firstChild ? instanceOf(emit(n.firstChild), n, text) : undefined;
    case 'Interval':
      return valuePosition(n) ? 'null' : interval(n, emit, text);
    case 'SimplePositiveUnaryTest':
      return compareTest(n, emit, text);
    case 'IterationContext': {
      const [a, dots, b] = children(n);
      return a && dots?.name === '..' && b ? `kvhForRange(${emit(a)}, ${emit(b)})` : undefined;
    }
    case 'FilterExpression': {
      const [target, , cond] = children(n);
      if (!target || !cond) return undefined;
      const test = becomesCall(cond) ? `(${emit(cond)}) = true` : INDEX_NODES.has(cond.name) ? `kvhPlain(${emit(cond)})` : emit(cond);
      return `kvhFilterTarget(${emit(target)})[${test}]`;
    }
    case 'VariableName': {
      const alias = renamed.get(norm(text(n)));
      const isCallee = n.parent?.name === 'FunctionInvocation' && n.parent.firstChild?.from === n.from;
      return alias && !isCallee ? alias : undefined;
    }
    default:
      return undefined;
  }
}

/**
 * FEEL-Scala binds `instance of` looser than arithmetic (`1 + 2 instance of number` is true),
 * feelin tighter (`1 + (2 instance of number)`): the `instance of` at the end of an
 * arithmetic's right spine, if any, is taken out to test the whole arithmetic.
 */
function trailingInstance(n: Node): Node | undefined {
  const right = children(n)[2];
  if (!right || children(n)[1]?.name !== 'ArithOp') return undefined;
  if (right.name === 'InstanceOfExpression') return right;
  return right.name === 'ArithmeticExpression' ? trailingInstance(right) : undefined;
}

/** The arithmetic n with its trailing `instance of` (inst) replaced by that test's operand. */
function arith(n: Node, emit: Emit, text: (n: Node) => string, inst: Node): string {
  const [left, op, right] = children(n) as [Node, Node, Node];
  const operand = right.name === 'InstanceOfExpression' ? emit(right.firstChild!) : arith(right, emit, text, inst);
  return `kvhArith("${text(op)}", ${emit(left)}, ${operand})`;
}

/** `value instance of T` for the type of inst: true for a FeelDecimal as a number; no type Null in FEEL-Scala 1.21. */
function instanceOf(value: string, inst: Node, text: (n: Node) => string): string {
  const type = text(inst)
    .slice(inst.firstChild!.to - inst.from)
    .replace(/\s+/g, ' ')
    .trim();
  if (type === 'instance of Null') return 'false';
  return type === 'instance of number' ? `kvhIsNumber(${value})` : `(${value}) ${type}`;
}

function comparison(n: Node, emit: Emit, text: (n: Node) => string): string | undefined {
  const c = children(n);
  const op = c[1];
  if (!op || !c[0] || !c[2]) return undefined;
  if (op.name === 'CompareOp') {
    const sym = text(op);
    const helper = sym === '=' || sym === '!=' ? 'kvhEquals' : 'kvhCompare';
    return `${helper}("${sym}", ${emit(c[0])}, ${emit(c[2])})`;
  }
  if (op.name === 'between' && c[4]) return `kvhBetween(${emit(c[0])}, ${emit(c[2])}, ${emit(c[4])})`;
  if (op.name !== 'in') return undefined;
  // `x in v` with v a value (not a test): FEEL-Scala gives false, not null, when v is null.
  const test = c[2].name === 'PositiveUnaryTest' ? c[2].firstChild : null;
  if (test && test.to === c[2].to && VALUE_NODES.has(test.name)) return `kvhIn(${emit(c[0])}, kvhInTarget(${emit(test)}))`;
  if (c[2].name === 'PositiveUnaryTest') return `kvhIn(${emit(c[0])}, ${emit(c[2])})`;
  // `x in (t1, t2)`: the tests as a list, as feelin hands them to its membership test
  const tests = c.find((t) => t.name === 'PositiveUnaryTests');
  return tests ? `kvhIn(${emit(c[0])}, [${children(tests).map(emit).join(', ')}])` : undefined;
}

/** A range literal as `kvhRange(start, end, start included, end included)`: number bounds keep their decimal (ranges.ts). */
function interval(n: Node, emit: Emit, text: (n: Node) => string): string | undefined {
  const c = children(n);
  if (c.length !== 5) return undefined;
  return `kvhRange(${emit(c[1]!)}, ${emit(c[3]!)}, ${text(c[0]!) === '['}, ${text(c[4]!) === ']'})`;
}

/** A unary test `< e` as the range feelin makes of it, `= e` / `!= e` as a test function (operators.ts). */
function compareTest(n: Node, emit: Emit, text: (n: Node) => string): string | undefined {
  const [op, e] = children(n);
  if (op?.name !== 'CompareOp' || !e) return undefined;
  const value = emit(e);
  switch (text(op)) {
    case '<':
      return `kvhRange(null, ${value}, false, false)`;
    case '<=':
      return `kvhRange(null, ${value}, false, true)`;
    case '>':
      return `kvhRange(${value}, null, false, false)`;
    case '>=':
      return `kvhRange(${value}, null, true, false)`;
    default:
      return `kvhEqualTest("${text(op)}", ${value})`;
  }
}

/** A number literal as feelin reads it, or a FeelDecimal where the double would lose its text (see the header). */
function numericLiteral(n: Node, text: (n: Node) => string): string {
  const literal = text(n).replace(/\s+/g, '');
  if (n.parent?.name === 'IterationContext' || plainPosition(n, text)) return literal;
  return typeof parseNum(literal) === 'number' ? literal : `kvhNum("${literal}")`;
}

/** Filter bodies that feelin may take as a list index. */
const INDEX_NODES = new Set([
  'NumericLiteral',
  'VariableName',
  'FunctionInvocation',
  'ArithmeticExpression',
  'PathExpression',
  'ParenthesizedExpression',
  'IfExpression',
]);

/** Nodes that never give a FeelDecimal where a double is needed. */
const PLAIN_NODES = new Set(['NumericLiteral', 'StringLiteral', 'BooleanLiteral', 'null', 'Context', 'DateTimeLiteral']);

/** feelin's built-ins (and ours) that read their number arguments as JS numbers; FEEL-Scala's result does not depend on the scale. */
const PLAIN_ARGS = new Set([
  'sublist',
  'insert before',
  'remove',
  'mode',
  'stddev',
  'odd',
  'even',
  'date',
  'time',
  'date and time',
  'partition',
  'cycle',
  'substring',
  'string join',
  'repeat',
]);

/** Whether a node is a bound of a `for` range or an argument of a PLAIN_ARGS call: feelin reads it as a double. */
function plainPosition(n: Node, text: (n: Node) => string): boolean {
  const p = n.parent;
  if (!p || !/^[A-Z]/.test(n.name)) return false; // value nodes only, not `[`, `..`, `(`
  if (p.name === 'IterationContext' && children(p).some((c) => c.name === '..')) return true;
  const call = p.name === 'PositionalParameters' ? p.parent : p.name === 'NamedParameter' && n.name !== 'ParameterName' ? p.parent?.parent : null;
  const callee = call?.name === 'FunctionInvocation' || call?.name === 'DateTimeLiteral' ? call.firstChild : null;
  return !!callee && (callee.name === 'VariableName' || callee.name === 'DateTimeConstructor') && PLAIN_ARGS.has(norm(text(callee)));
}

const VALUE_NODES = new Set(['VariableName', 'PathExpression', 'FunctionInvocation', 'FilterExpression', 'null']);

/** Whether the rewrite turns a node into a helper call (feelin then reads a filter as an index). */
function becomesCall(n: Node): boolean {
  if (n.name === 'QuantifiedExpression') return true;
  const op = n.name === 'Comparison' ? children(n)[1] : null;
  return op?.name === 'CompareOp' || op?.name === 'between';
}

/**
 * Line breaks inside string literals as `\n` / `\r` escapes: FEEL-Scala allows a literal to
 * span lines, feelin's parser does not.
 */
export function escapeLineBreaks(src: string): string {
  let out = '';
  let mode: 'code' | 'string' | 'line' | 'block' = 'code';
  for (let i = 0; i < src.length; i++) {
    const ch = src[i]!;
    const two = src.slice(i, i + 2);
    if (mode === 'string') {
      if (ch === '\\') {
        out += two;
        i++;
        continue;
      }
      if (ch === '"') mode = 'code';
      out += ch === '\n' ? '\\n' : ch === '\r' ? '\\r' : ch;
      continue;
    }
    if (mode === 'code') mode = ch === '"' ? 'string' : two === '//' ? 'line' : two === '/*' ? 'block' : 'code';
    else if (mode === 'line' && ch === '\n') mode = 'code';
    else if (mode === 'block' && two === '*/') {
      out += two;
      i++;
      mode = 'code';
      continue;
    }
    out += ch;
  }
  return out;
}

/** Whether a range literal stands where FEEL-Scala takes it as a value (it gives null there). */
function valuePosition(n: Node): boolean {
  let p = n.parent;
  while (p && (p.name === 'SimplePositiveUnaryTest' || p.name === 'PositiveUnaryTest')) p = p.parent;
  return !!p && ['Expression', 'ContextEntry', 'List'].includes(p.name);
}

/** A FEEL string literal's value as FEEL-Scala 1.21 reads it. */
function scalaString(literal: string): string {
  const body = literal.slice(1, -1);
  let out = '';
  for (let i = 0; i < body.length; i++) {
    const ch = body[i]!;
    if (ch !== '\\' || i === body.length - 1) {
      out += ch;
      continue;
    }
    const next = body[++i]!;
    const simple: Record<string, string> = { '"': '"', '\\': '\\', n: '\n', r: '\r', t: '\t', "'": "'" };
    out += simple[next] ?? `\\${next}`;
  }
  return out;
}

/** A string as a feelin string literal. */
function feelinLiteral(value: string): string {
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n').replace(/\r/g, '\\r').replace(/\t/g, '\\t')}"`;
}
