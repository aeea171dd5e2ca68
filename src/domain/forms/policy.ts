/**
 * Policy for forms under version control (issue 14 point 1): everyone signed in reads the forms
 * (a task's form is read by whoever works it); the process owners — the roles that own some
 * process of the catalogue — the quality lead, who maintains the process map with them
 * (DOMAIN.md §2), and admin create, draft and publish them. The same roles as the modeler's
 * lint (governance/policy.ts): who may change a process may change the forms it links.
 */
import { holdsAny } from '../org/roles.js';
import { PROCESS_CATALOGUE } from '../processes/catalogue.js';
import { everyone, roleRule } from '../rule.js';

const EDITORS = [...new Set(Object.values(PROCESS_CATALOGUE).map((c) => c.ownerRole)), 'kvalitetsledare', 'admin'];

export const formRules = {
  /** The list of forms, a form and its versions: everyone signed in. */
  'form.read': everyone(),
  /** Create a form, save its draft, publish it: process owners, the quality lead, admin. */
  'form.edit': roleRule('Endast processägare och kvalitetsledare får ändra formulär', (user) => holdsAny(user, EDITORS)),
};
