/** Policy for risk analysis: who sets the risk matrix that later analyses use. */
import { holdsAny } from '../org/roles.js';
import { roleRule } from '../rule.js';

const MATRIX_OWNERS = ['admin', 'kvalitetsledare'];

export const riskRules = {
  'risk.matrix.set': roleRule('Endast admin och kvalitetsledare får ändra riskmatrisen', (user) => holdsAny(user, MATRIX_OWNERS)),
};
