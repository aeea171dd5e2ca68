/**
 * The policies (src/domain/policy.ts): the only place role names are compared is a policy module,
 * and the combiner answers by each rule's kind. What each role may do over HTTP is the table
 * test's (test/api/authorisation.api.test.ts).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { User } from '../../src/domain/org/index.js';
import { ACTIONS, authorize, may, ROLE_ACTIONS, roleActionsOf, ruleOf } from '../../src/domain/policy.js';
import { ForbiddenError } from '../../src/errors.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const user = (...roles: [string, string][]): User => ({
  id: 1,
  username: 'u',
  displayName: 'U',
  roles: roles.map(([role, nodeId]) => ({ role, nodeId, nodeName: nodeId })),
});

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) return name === 'node_modules' ? [] : files(p);
    return /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) && !name.endsWith('.gen.ts') ? [p] : [];
  });
}

/** Where a decision by role name would hide: a role compared, looked up in a list, or tested with the policy helpers. */
const COMPARISONS = [
  /\.role\s*[!=]==?/,
  /[!=]==?\s*\w+\.role\b/,
  /includes\(\s*\w+\.role\s*\)/,
  /\broles\.has\(/,
  /\bholdsAny\(/,
  /\bholdsAt\(/,
  /\bhasRole\(/,
];
/** The policy modules and the helpers they share. */
const POLICY_FILES = /^src\/domain\/(\w+\/policy|policy|rule|org\/roles)\.ts$/;
/**
 * Lines outside the policy modules that name roles without deciding anything, each allowed by
 * name with its reason (a new one is a decision of the reviewers, not a rewrite that dodges the patterns).
 */
const ALLOWED: { file: string; line: string; why: string }[] = [
  {
    file: 'web/src/features/governance/modeler/panelEntries.ts',
    line: '...(current && !links.roles.some((r) => r.role === current) ? [{ value: current, label: current }] : []),',
    why: "the modeler's choice list keeps a model's candidate group that the organisation's roles lack: a value of the model, not who may do what",
  },
  {
    file: 'src/domain/org/csv.ts',
    line: "if (!roles.has(v.roll)) errors.push({ field: at(line, 'roll'), message: 'rollen finns inte i rollistan' });",
    why: "the CSV import checks that a row's role is on the role list (issue 15.1): validation of data, not who may do what",
  },
  {
    file: 'src/domain/org/csv.ts',
    line: 'const kept = was?.assignments.some((a) => a.role === v.roll && a.nodeId === v.nod);',
    why: 'the CSV import matches a row to an assignment the person already has (kept at a deactivated node): identity of a row, not who may do what',
  },
  {
    file: 'src/domain/org/people.ts',
    line: "if (!roles.has(a.role)) errors.push({ field: f('role'), message: 'rollen finns inte i rollistan' });",
    why: 'an assignment names a role of the role list (issue 15.1): validation of data, not who may do what',
  },
];
const allowed = (f: string, line: string) => ALLOWED.some((a) => a.file === f && a.line === line.trim());

describe('policies', () => {
  it('compare role names only in the policy modules (server, workers and web app)', () => {
    const offenders = ['src', 'workers', 'web/src']
      .flatMap((d) => files(path.join(ROOT, d)))
      .map((f) => path.relative(ROOT, f).split(path.sep).join('/'))
      .filter((f) => !POLICY_FILES.test(f))
      .flatMap((f) =>
        readFileSync(path.join(ROOT, f), 'utf8')
          .split('\n')
          .map((line, i) => ({ f, i, line })),
      )
      .filter(({ f, line }) => COMPARISONS.some((re) => re.test(line)) && !allowed(f, line))
      .map(({ f, i, line }) => `${f}:${i + 1}: ${line.trim()}`);
    expect(offenders).toEqual([]);
  });

  it('allows by name only lines that are there and still match a pattern (no stale allowance)', () => {
    for (const a of ALLOWED) {
      expect(
        readFileSync(path.join(ROOT, a.file), 'utf8')
          .split('\n')
          .map((l) => l.trim()),
      ).toContain(a.line);
      expect(COMPARISONS.some((re) => re.test(a.line))).toBe(true);
    }
  });

  it('role rules answer by roles, resource rules by the resource, scope rules refuse to be asked', () => {
    const ql = user(['kvalitetsledare', 'socialforvaltningen']);
    expect(may(ql, 'process.deploy')).toBe(true);
    expect(may(user(['medarbetare', 'hemtjanst-solrosen']), 'process.deploy')).toBe(false);
    expect(() => authorize(user(['mas', 'socialforvaltningen']), 'risk.matrix.set')).toThrow(ForbiddenError);
    // task.assign: enhetschef at one of the task unit's lineage
    const chef = user(['enhetschef', 'aldreomsorg']);
    expect(may(chef, 'task.assign', { unitLineage: ['hemtjanst-solrosen', 'aldreomsorg', 'socialforvaltningen'] })).toBe(true);
    expect(may(chef, 'task.assign', { unitLineage: ['gruppbostad-eken', 'funktionsstod', 'socialforvaltningen'] })).toBe(false);
    expect(may(chef, 'task.assign', { unitLineage: null })).toBe(false);
    expect(may(user(['admin', 'socialnamnden']), 'task.assign', { unitLineage: null })).toBe(true);
    // process.start: by the catalogue's startableBy
    expect(may(user(['medarbetare', 'x']), 'process.start', { processId: 'lex-sarah' })).toBe(true);
    expect(may(user(), 'process.start', { processId: 'lex-sarah' })).toBe(false);
    expect(may(ql, 'process.start', { processId: 'huvudprocess' })).toBe(false);
    expect(may(user(['admin', 'socialnamnden']), 'process.start', { processId: 'myndighetsutovning' })).toBe(false);
    expect(() => (may as (u: User, a: string) => boolean)(ql, 'task.work')).toThrow(/decided in SQL by taskScope/);
  });

  it('/me lists the role actions a user may do, and only role actions', () => {
    expect(ROLE_ACTIONS.every((a) => ruleOf(a).kind === 'role')).toBe(true);
    expect(ACTIONS.filter((a) => ruleOf(a).kind === 'role')).toEqual(ROLE_ACTIONS);
    expect(roleActionsOf(user(['medarbetare', 'hemtjanst-solrosen']))).toEqual([
      'session.read',
      'notifications.own',
      'process.view',
      'processVersion.list',
      'routine.read',
      'routine.confirmRead',
      'processMap.view',
      'form.read',
    ]);
    expect(roleActionsOf(user(['admin', 'socialnamnden'])).sort()).toEqual([
      'form.edit',
      'form.read',
      'incident.resolve',
      'message.publish',
      'notifications.own',
      'org.admin',
      'process.deploy',
      'process.view',
      'processMap.create',
      'processMap.execute',
      'processMap.view',
      'processVersion.list',
      'retention.rule.set',
      'risk.matrix.set',
      'routine.confirmRead',
      'routine.read',
      'session.read',
    ]);
  });
});
