/**
 * Policy for forms under version control (issue 14 point 1): everyone signed in reads the forms
 * (a task's form is read by whoever works it); the process owners — the roles that own some
 * process of the catalogue — the quality lead, who maintains the process map with them
 * (DOMAIN.md §2), and admin create, draft and publish them: who may change a process may
 * change the forms it links (governance/policy.ts).
 */
import { holdsAny } from '../org/roles.js';
import { ownerRoles } from '../processes/catalogue.js';
import { everyone, roleRule } from '../rule.js';

/** Asked at each request: the owner roles include those the organisation's process records name (an enhetschef owning a process). */
const editors = () => [...ownerRoles(), 'kvalitetsledare', 'admin'];

export const formRules = {
  /** The list of forms, a form and its versions: everyone signed in. */
  'form.read': everyone(),
  /** Create a form, save its draft, publish it: process owners, the quality lead, admin. */
  'form.edit': roleRule('Endast processägare och kvalitetsledare får ändra formulär', (user) => holdsAny(user, editors())),
};
