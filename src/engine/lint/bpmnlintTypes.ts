/**
 * The slice of bpmnlint's API we use (bpmnlint ships CommonJS without TypeScript entry
 * types; its own `lib/types.d.ts` describes the same shapes).
 */

/** A bpmn-moddle element as rules see it. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type ModdleElement = any;

export interface Reporter {
  report(id: string, message: string, context?: Record<string, unknown>): void;
}

export interface RuleDefinition {
  meta?: { documentation?: { url?: string } };
  check: (node: ModdleElement, reporter: Reporter) => boolean | void;
}

export type RuleFactory = (config?: unknown) => RuleDefinition;

export type RuleConfig = 'off' | 'warn' | 'error' | 'info' | [string, unknown?];

export interface LintConfig {
  extends?: string | string[];
  rules?: Record<string, RuleConfig>;
}

export interface Resolver {
  resolveRule(pkg: string, ruleName: string): RuleFactory | Promise<RuleFactory>;
  resolveConfig(pkg: string, configName: string): LintConfig | Promise<LintConfig>;
}

export interface LintReport {
  id?: string;
  message: string;
  category: 'error' | 'warn' | 'info' | 'rule-error';
}

export interface BpmnLinter {
  lint(root: ModdleElement, config?: LintConfig): Promise<Record<string, LintReport[]>>;
}

export interface LinterConstructor {
  new (options: { config?: LintConfig; resolver: Resolver }): BpmnLinter;
}
