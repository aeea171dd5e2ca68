/**
 * BPMN lint: bpmnlint with bpmnlint-plugin-camunda-compat (Camunda 8.9) plus our own rules
 * for the subset the embedded engine executes. Used in tests, before every deployment and
 * by the modeler. (Placeholder signature until implemented.)
 */
export interface LintProblem {
  /** Element id, when the problem is about one element. */
  elementId: string | undefined;
  rule: string;
  message: string;
  category: 'error' | 'warn';
}

/** Lints one BPMN XML document; returns the problems (errors and warnings). Never throws on bad XML: that is a problem too. */
export async function lintBpmn(_xml: string): Promise<LintProblem[]> {
  return [];
}
