/** Policy for retention (gallring): who sets how long each process's cases are kept. */
import { holdsAny } from '../org/roles.js';
import { roleRule } from '../rule.js';

export const retentionRules = {
  'retention.rule.set': roleRule('Endast admin får ändra gallringsregler', (user) => holdsAny(user, ['admin'])),
};
