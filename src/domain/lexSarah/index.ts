/** Lex Sarah: case records and deadlines (public surface of the context). */
export * from './types.js';
export { closeCase, getCaseByInstance, listCaseNotifications, notifyCommittee, recordDecision, recordIvoReport, registerCase } from './service.js';
