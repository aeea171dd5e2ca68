/** The modeler's save writes the links of exactly the routines whose activities in the process changed (issue 14 point 1.3). */
import { describe, expect, it } from 'vitest';
import { byElement, changedRoutines } from '../../web/src/features/governance/routineLinks.js';

describe('routine links of the modeler', () => {
  it('holds the links per element and finds the routines whose elements changed', () => {
    const before = byElement([
      { id: 'r1', elementIds: ['A', 'B'] },
      { id: 'r2', elementIds: ['B'] },
      { id: 'r3', elementIds: ['C'] },
    ]);
    expect(before.get('B')).toEqual(['r1', 'r2']);
    const after = new Map(before);
    after.set('New', ['r2']); // r2 linked to the added task
    after.set('C', []); // r3 unlinked
    after.set('A', ['r1']); // unchanged
    expect(changedRoutines(before, after)).toEqual(
      new Map([
        ['r2', ['B', 'New']],
        ['r3', []],
      ]),
    );
    expect(changedRoutines(before, new Map(before)).size).toBe(0);
  });
});
