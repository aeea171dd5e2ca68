/** The organisation's administration (issue 15 point 1), as one service: the tree, people, the role list, CSV, the first start. */
import type { Clock } from '../../clock.js';
import type { Db } from '../../db/index.js';
import { OrgCsv } from './csv.js';
import { FirstStart } from './firstStart.js';
import type { OrgService } from './index.js';
import { People } from './people.js';
import { RoleList } from './roleList.js';
import { OrgTree } from './tree.js';

/** The parts of the administration. */
export class OrgAdmin {
  readonly tree: OrgTree;
  readonly people: People;
  readonly roles: RoleList;
  readonly csv: OrgCsv;
  readonly firstStart: FirstStart;

  constructor(db: Db, clock: Clock, org: OrgService, opts: { passwordHashCost: number; firstStart: boolean; setupToken: string | undefined }) {
    this.tree = new OrgTree(db, clock, org);
    this.people = new People(db, clock, org, opts.passwordHashCost);
    this.roles = new RoleList(db, clock, org);
    this.csv = new OrgCsv(db, clock, org, this.people);
    this.firstStart = new FirstStart(db, clock, opts.firstStart, opts.passwordHashCost, opts.setupToken);
  }
}
