/** Every activity of every model in bpmn/ has at least one demo routine, with an owner and a review date. */
import { beforeAll, describe, expect, it } from 'vitest';
import { bundledResources } from '../../../src/bootstrap.js';
import { DEMO_ROUTINES } from '../../../src/domain/routines/demo.js';
import { activitiesOf } from '../../../src/domain/routines/index.js';

describe('demo routines', () => {
  let activities: Map<string, string[]>;
  beforeAll(async () => {
    activities = await activitiesOf(bundledResources());
  });

  it('finds the activities of every model', () => {
    expect(activities.get('lex-sarah')).toContain('Task_ReportToIvo');
    expect(activities.get('myndighetsutovning')).toEqual(expect.arrayContaining(['SubProcess_Investigation', 'Task_Investigate']));
    expect(activities.size).toBeGreaterThanOrEqual(14);
  });

  it('link a routine to every activity of every process', () => {
    const covered = new Set<string>();
    for (const r of DEMO_ROUTINES) {
      for (const [processId, which] of Object.entries(r.links)) {
        for (const id of which === '*' ? (activities.get(processId) ?? []) : which) covered.add(`${processId}/${id}`);
      }
    }
    const missing = [...activities].flatMap(([p, ids]) => ids.map((id) => `${p}/${id}`)).filter((x) => !covered.has(x));
    expect(missing).toEqual([]);
  });

  it('name only activities that exist, and have an owner, a decision and a later review date', () => {
    for (const r of DEMO_ROUTINES) {
      expect(r.ownerRole).toMatch(/\S/);
      expect(r.decidedBy).toMatch(/\S/);
      expect(r.nextReviewOn > r.adoptedOn).toBe(true);
      for (const [processId, which] of Object.entries(r.links)) {
        expect(activities.has(processId)).toBe(true);
        if (which !== '*') for (const id of which) expect(activities.get(processId)).toContain(id);
      }
    }
  });
});
