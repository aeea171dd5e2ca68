/**
 * What of FEEL the embedded engine cannot run as Zeebe does, found on feelin's parse tree (the
 * FEEL differential, test/feel, shows each case): an expression that does not parse, the
 * built-ins `and()`/`or()` (feelin reads them as keywords), and constructs that feelin runs
 * but FEEL-Scala does not parse (Zeebe would refuse the model). Used by the lint rule
 * `kvh/feel-supported`; messages in Swedish.
 */
import { parseExpression } from 'feelin';
import { builtins } from './builtins.js';
import { evaluateFeel, FeelEvaluationFailure } from './evaluate.js';
import { escapeLineBreaks } from './source.js';

interface Node {
  name: string;
  from: number;
  to: number;
  type: { isError: boolean };
  firstChild: Node | null;
  nextSibling: Node | null;
  parent: Node | null;
}

const NOT_FUNCTIONS = /(?:^|[^\w\s.])\s*(and|or)\s*\(/;

/** Built-ins feelin has and FEEL-Scala 1.21 lacks (the differential: FEEL-Scala gives null). */
const ONLY_IN_FEELIN = new Set(['is']);

/** Swedish descriptions of what in `expression` (no leading `=`) is not supported; [] if all is. */
export function feelProblems(expression: string): string[] {
  const keyword = NOT_FUNCTIONS.exec(expression);
  if (keyword) return [`FEEL-funktionen "${keyword[1]}()" stöds inte av den inbyggda motorn (använd "${keyword[1] === 'and' ? 'all' : 'any'}()")`];
  if (!parses(expression)) return [`FEEL-uttrycket "${expression.trim()}" kan inte tolkas`];
  const source = escapeLineBreaks(expression);
  const tree = parseExpression(source, { ...builtins }, undefined) as unknown as { topNode: Node };
  const problems = new Set<string>();
  let broken = false;
  walk(tree.topNode, (n) => {
    // feelin evaluates past a syntax error (its parser recovers); FEEL-Scala does not.
    if (n.type.isError) broken = true;
    const problem = construct(n, source);
    if (problem) problems.add(problem);
  });
  if (broken) return [`FEEL-uttrycket "${expression.trim()}" kan inte tolkas`];
  return [...problems].map((p) => `${p} stöds inte av den inbyggda motorn`);
}

/** Whether our FEEL layer parses the expression (evaluated without variables; only a parse failure counts). */
function parses(expression: string): boolean {
  try {
    evaluateFeel(expression, {}, new Date(0));
    return true;
  } catch (e) {
    return !(e instanceof FeelEvaluationFailure && e.message.startsWith('failed to parse'));
  }
}

function walk(n: Node, visit: (n: Node) => void): void {
  visit(n);
  for (let c = n.firstChild; c; c = c.nextSibling) walk(c, visit);
}

/** The construct a node is, when FEEL-Scala cannot parse it. */
function construct(n: Node, src: string): string | undefined {
  const text = src.slice(n.from, n.to);
  switch (n.name) {
    case 'NumericLiteral':
      return /e/i.test(text) ? `FEEL-tal med exponent ("${text}")` : undefined;
    case 'FunctionInvocation': {
      if (n.firstChild && n.firstChild.name !== 'VariableName')
        return 'FEEL-anrop av en funktion som inte anges med sitt namn (via en sökväg eller ett funktionsuttryck)';
      const name = n.firstChild ? src.slice(n.firstChild.from, n.firstChild.to).trim() : '';
      return ONLY_IN_FEELIN.has(name) ? `FEEL-funktionen "${name}()", som Zeebes FEEL-motor saknar,` : undefined;
    }
    case 'InstanceOfExpression': {
      if (/</.test(src.slice(n.firstChild?.to ?? n.from, n.to))) return 'FEEL-typer med parametrar efter "instance of"';
      // `a < b instance of T`, `a between b and c instance of T`, `a in b instance of T`: FEEL-Scala does not parse them.
      const p = n.parent?.name === 'PositiveUnaryTest' ? n.parent.parent : n.parent;
      return p?.name === 'Comparison' ? 'FEEL-"instance of" direkt efter en jämförelse, "between" eller "in" (sätt parenteser runt jämförelsen)' : undefined;
    }
    case 'Comparison':
      return n.firstChild?.name === 'Comparison' ? 'FEEL-jämförelse av en jämförelse (t.ex. "a < b = true")' : undefined;
    case 'Interval':
      return intervalAsOperand(n) ? `FEEL-intervallet "${text}" som operand (utanför "in" och funktionsargument)` : undefined;
    default:
      return undefined;
  }
}

const RANGE_OPERAND = new Set(['PathExpression', 'FilterExpression', 'InstanceOfExpression', 'ArithmeticExpression', 'IterationContext', 'Comparison']);

function intervalAsOperand(n: Node): boolean {
  let p = n.parent;
  while (p && (p.name === 'SimplePositiveUnaryTest' || p.name === 'PositiveUnaryTest')) p = p.parent;
  if (!p || !RANGE_OPERAND.has(p.name)) return false;
  // `x in [1..5]` is fine: the range is the test of `in`.
  if (p.name === 'Comparison') return p.firstChild?.nextSibling?.name !== 'in';
  // `for`/`some`/`every` over a range literal: FEEL-Scala does not parse it (`for i in 1..3` it does).
  return true;
}
