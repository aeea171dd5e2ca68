/** The decision levels of process adoption (governance/policy.ts) and the element diff of two versions. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { diffVersions } from '../../src/domain/governance/diff.js';
import { decisionLevel } from '../../src/domain/governance/policy.js';
import type { User } from '../../src/domain/org/index.js';
import { may } from '../../src/domain/policy.js';
import { BPMN_DIR } from '../../src/paths.js';

const user = (role: string, nodeId: string): User => ({ id: 1, username: role, displayName: role, roles: [{ role, nodeId, nodeName: nodeId }] });

describe('process adoption', () => {
  it('is decided by the nämnd for ledningsprocesser, the förvaltningschef for huvud- and stödprocesser, an area chef for their own sub-processes', () => {
    expect(decisionLevel('internkontroll')).toMatchObject({ level: 'committee', role: 'namndsekreterare', decidedBy: 'Socialnämnden' });
    expect(decisionLevel('lex-sarah')).toMatchObject({ level: 'administration', role: 'socialchef' });
    expect(decisionLevel('huvudprocess')).toMatchObject({ level: 'administration', role: 'socialchef' });
    expect(decisionLevel('avvikelse')).toMatchObject({ level: 'area', role: 'verksamhetschef' });
    expect(decisionLevel('myndighetsutovning')).toMatchObject({ level: 'area', role: 'myndighetschef' });
  });

  it("lets only the level's role at a node of the level adopt (not admin, not the role elsewhere)", () => {
    const levelNodes = ['socialforvaltningen'];
    expect(may(user('socialchef', 'socialforvaltningen'), 'processVersion.adopt', { processId: 'lex-sarah', levelNodes })).toBe(true);
    expect(may(user('socialchef', 'aldreomsorg'), 'processVersion.adopt', { processId: 'lex-sarah', levelNodes })).toBe(false);
    expect(may(user('admin', 'socialforvaltningen'), 'processVersion.adopt', { processId: 'lex-sarah', levelNodes })).toBe(false);
    expect(may(user('namndsekreterare', 'socialforvaltningen'), 'processVersion.adopt', { processId: 'lex-sarah', levelNodes })).toBe(false);
  });

  it('diffs two models element by element: added, removed, changed', async () => {
    const xml = readFileSync(path.join(BPMN_DIR, 'lex-sarah.bpmn'), 'utf8');
    const renamed = xml.replace('name="Bedöm rapporten"', 'name="Bedöm rapporten (delegat)"');
    expect(await diffVersions('lex-sarah', xml, xml)).toEqual({ added: [], removed: [], changed: [] });
    const d = await diffVersions('lex-sarah', xml, renamed);
    expect(d.changed).toEqual([
      { elementId: 'Task_Assess', type: 'userTask', name: 'Bedöm rapporten (delegat)', before: { type: 'userTask', name: 'Bedöm rapporten' } },
    ]);
    await expect(diffVersions('lex-sarah', xml, '<nope')).rejects.toMatchObject({ errors: [{ field: 'to', message: 'modellen är inte giltig BPMN' }] });
  });
});
