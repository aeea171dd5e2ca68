/** Lex Sarah: case records and deadlines (public surface of the context). */
export * from './types.js';
export { decisionDeadlines, investigationToIvoDeadline, type DecisionDeadlines } from './deadlines.js';
export {
  closeCase,
  formatCaseNumber,
  getCaseByInstance,
  listCaseNotifications,
  notifyCommittee,
  recordDecision,
  recordIvoReport,
  registerCase,
} from './service.js';
