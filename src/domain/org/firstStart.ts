/**
 * The first start in production (issue 15 point 1): without demo data and with no user at all,
 * the web app asks for the organisation's root node and the first administrator. Protected by a
 * one-time token — SETUP_TOKEN, or a random one made at start and written to the server's log —
 * because the server may already face the internet: whoever can read the log (or set the
 * environment) is the one who runs the installation. Loopback-only was rejected: behind a reverse
 * proxy every request comes from loopback. Only one request ever succeeds: the `installation` row's
 * primary key lets one of two concurrent calls win (the other waits for its commit and gets 409),
 * and once a user exists the endpoint answers 409.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Clock } from '../../clock.js';
import type { Db } from '../../db/index.js';
import { ConflictError, ForbiddenError, NotFoundError } from '../../errors.js';
import { audit } from '../audit/index.js';
import type { NodeType } from './index.js';
import { hashPassword } from './passwords.js';
import { slug } from './tree.js';

export interface FirstStartInput {
  token: string;
  root: { id?: string | undefined; name: string; type: NodeType };
  admin: { username: string; displayName: string; email?: string | null | undefined; password: string };
}

const digest = (s: string) => createHash('sha256').update(s).digest();

/** The first start. */
export class FirstStart {
  private token: string | undefined;

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    /** False with demo data: the demo users exist and there is nothing to set up. */
    private readonly enabled: boolean,
    private readonly passwordHashCost: number,
    configuredToken: string | undefined,
  ) {
    this.token = configuredToken;
  }

  /** Whether the installation still needs its first administrator. */
  async needed(): Promise<boolean> {
    if (!this.enabled) return false;
    const [user, done] = await Promise.all([this.db('app_user').first('id'), this.db('installation').first('id')]);
    return !user && !done;
  }

  /** At start: the token to write to the log when one is needed and none is configured (else undefined). */
  async issueToken(): Promise<string | undefined> {
    if (!(await this.needed())) return undefined;
    if (this.token) return undefined;
    this.token = randomBytes(24).toString('base64url');
    return this.token;
  }

  /** Creates the root node and the first administrator (admin at the root); 409 once done, 403 with a wrong token. */
  async complete(input: FirstStartInput): Promise<{ username: string; nodeId: string }> {
    if (!this.enabled) throw new NotFoundError('Installationen har ingen första start');
    if (!(await this.needed())) throw new ConflictError('Installationen är redan gjord');
    if (!this.token || !timingSafeEqual(digest(input.token), digest(this.token))) throw new ForbiddenError('Fel engångskod');
    const hash = await hashPassword(input.admin.password, this.passwordHashCost);
    const nodeId = input.root.id ?? slug(input.root.name);
    const now = this.clock.now();
    await this.db.transaction(async (tx) => {
      const won = await tx('installation').insert({ id: 1, set_up_at: now, set_up_by: input.admin.username }).onConflict('id').ignore().returning('id');
      if (!won.length || (await tx('app_user').first('id'))) throw new ConflictError('Installationen är redan gjord');
      await tx('org_node').insert({ id: nodeId, name: input.root.name, type: input.root.type, parent_id: null });
      const [u] = await tx('app_user')
        .insert({ username: input.admin.username, display_name: input.admin.displayName, email: input.admin.email ?? null, password_hash: hash })
        .returning('id');
      await tx('role_assignment').insert({ user_id: u!.id, role: 'admin', node_id: nodeId });
      await audit(tx, now, input.admin.username, 'setup.completed', 'org_node', nodeId, { userId: u!.id });
    });
    this.token = undefined;
    return { username: input.admin.username, nodeId };
  }
}
