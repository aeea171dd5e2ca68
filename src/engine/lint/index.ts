/**
 * BPMN lint: bpmnlint with bpmnlint-plugin-camunda-compat (Camunda 8.9) plus our own rules
 * for the subset the embedded engine executes (rules/). Used in tests, before every
 * deployment and by the modeler (bpmn/.bpmnlintrc holds the same configuration). Messages in
 * Swedish (swedish.ts for the rules we do not write); rule ids as the rules name them.
 */
import { createRequire } from 'node:module';
import type { LintConfig, LintReport, LinterConstructor, ModdleElement } from './bpmnlintTypes.js';
import { memoized } from '../memo.js';
import { lintResolver } from './resolver.js';
import { lintSettings } from './settings.js';
import { swedishMessage } from './swedish.js';

export interface LintProblem {
  /** Element id, when the problem is about one element. */
  elementId: string | undefined;
  rule: string;
  message: string;
  category: 'error' | 'warn';
}

/** The lint configuration; bpmn/.bpmnlintrc must say the same (a test checks it). */
export const lintConfig: LintConfig = {
  extends: ['bpmnlint:correctness', 'plugin:camunda-compat/camunda-cloud-8-9', 'plugin:kvh/embedded'],
};

/**
 * The relaxed configuration of a descriptive process (a map with activities, owners and
 * routines, not run by the engine): BPMN correctness only, no Zeebe task definitions or engine
 * subset. Deployment always lints with `lintConfig`.
 */
const descriptiveLintConfig: LintConfig = { extends: ['bpmnlint:correctness'] };

const require = createRequire(import.meta.url);
const { Linter } = require('bpmnlint') as { Linter: LinterConstructor };

// bpmn-moddle and zeebe-bpmn-moddle are ESM without entry typings; loaded once, lazily.
interface Moddle {
  fromXML(xml: string, type?: string): Promise<{ rootElement: ModdleElement; warnings: Array<{ message: string }> }>;
}
let moddlePromise: Promise<Moddle> | undefined;

async function loadModdle(): Promise<Moddle> {
  const bpmnModdleModule: string = 'bpmn-moddle';
  const { BpmnModdle } = (await import(bpmnModdleModule)) as {
    BpmnModdle: new (packages: Record<string, unknown>) => Moddle;
  };
  const zeebe = require('zeebe-bpmn-moddle/resources/zeebe.json') as Record<string, unknown>;
  return new BpmnModdle({ zeebe });
}

/** A bpmn-moddle instance that knows the Zeebe extensions (shared, created on first use). */
export function getModdle(): Promise<Moddle> {
  moddlePromise ??= loadModdle();
  return moddlePromise;
}

/** Whether the XML declares a DOCTYPE or entities (refused before parsing: XXE, entity expansion). */
export function hasDoctypeOrEntities(xml: string): boolean {
  return /<!\s*(DOCTYPE|ENTITY)/i.test(xml);
}

function problem(rule: string, message: string, elementId?: string): LintProblem {
  return { elementId, rule, message: swedishMessage(message), category: 'error' };
}

function toProblems(results: Record<string, LintReport[]>): LintProblem[] {
  const problems: LintProblem[] = [];
  for (const [rule, reports] of Object.entries(results)) {
    for (const r of reports) {
      const category = r.category === 'warn' || r.category === 'info' ? 'warn' : 'error';
      problems.push({ elementId: r.id, rule, message: swedishMessage(r.message), category });
    }
  }
  return problems;
}

/**
 * Where the parser stopped (`line 3, column 17`). Its message quotes the text it could not
 * read — for a file that is no XML at all, the whole file — and a problem must not echo what
 * was uploaded (issue 13, point 7), so only the position is kept.
 */
function where(message: string): string {
  const line = /\bline: (\d+)/.exec(message)?.[1];
  const column = /\bcolumn: (\d+)/.exec(message)?.[1];
  return line !== undefined && column !== undefined ? ` (line ${Number(line) + 1}, column ${Number(column) + 1})` : '';
}

/** A parse warning without the text it quotes: an unknown element by its name and position, a dangling reference by its id. */
function parseWarning(message: string): string {
  const element = /^unparsable content <([\w:.-]{1,100})> detected/.exec(message)?.[1];
  if (element) return `Unknown element <${element}> in the model${where(message)}`;
  if (message.startsWith('unparsable content')) return `Unknown content in the model${where(message)}`;
  const ref = /^unresolved reference <([\w.-]{1,200})>/.exec(message);
  return ref ? `unresolved reference <${ref[1]}>` : (message.split('\n')[0] ?? 'parse warning').slice(0, 200);
}

/**
 * Lints one BPMN XML document; returns the problems (errors and warnings). Never throws on bad XML:
 * that is a problem too. The same document with the same settings gets the same answer (memoized).
 */
export function lintBpmn(xml: string, options: { descriptive?: boolean } = {}): Promise<LintProblem[]> {
  // the settings the rules read (lintSettings) are part of the key; JSON has no raw line break
  return linted(`${options.descriptive ? 'descriptive' : 'plain'} ${JSON.stringify(lintSettings())}\n${xml}`);
}

const linted = memoized(64, (key: string) => {
  const end = key.indexOf('\n');
  return lintDocument(key.slice(end + 1), { descriptive: key.startsWith('descriptive ') });
});

async function lintDocument(xml: string, options: { descriptive?: boolean }): Promise<LintProblem[]> {
  if (typeof xml !== 'string' || !xml.trim()) return [problem('xml-parse', 'The document is empty')];
  if (hasDoctypeOrEntities(xml)) {
    return [problem('xml-doctype', 'DOCTYPE and entity declarations are not allowed in BPMN documents')];
  }
  const moddle = await getModdle();
  let parsed: Awaited<ReturnType<Moddle['fromXML']>>;
  try {
    parsed = await moddle.fromXML(xml, 'bpmn:Definitions');
  } catch (e) {
    return [problem('xml-parse', `The document is not valid BPMN XML${where(e instanceof Error ? e.message : '')}`)];
  }
  // Unknown elements in a known namespace, or unresolved references: the model is broken, and
  // the rules would trip over it (they crash on dangling references), so report only these.
  const parseProblems = parsed.warnings.map((w) => problem('bpmn-parse', parseWarning(w.message)));
  if (parseProblems.length) return parseProblems;
  // A new linter each time: bpmnlint caches rule instances per linter, and some rules (e.g.
  // no-duplicate-sequence-flows) keep state in them, so a shared linter reported elements of
  // earlier documents as duplicates in later ones.
  const config = options.descriptive ? descriptiveLintConfig : lintConfig;
  const linter = new Linter({ config, resolver: lintResolver });
  return toProblems(await linter.lint(parsed.rootElement, config));
}

/** Only the errors (what blocks a deployment). */
export function lintErrors(problems: LintProblem[]): LintProblem[] {
  return problems.filter((p) => p.category === 'error');
}
