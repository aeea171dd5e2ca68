/**
 * The visibility table (src/domain/visibility/policy.ts) is well formed: each variable in one
 * field group of its case type, the groups a role, the starter or a task gets exist, every
 * bundled process has a case type, every field of every bundled process's forms is named in a
 * group (the most restricted group's fallback is for what the table really does not know), and
 * admin reads no case type. What each role reads over HTTP is the table test's
 * (test/api/authorisation.api.test.ts).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROCESS_CATALOGUE } from '../../src/domain/processes/catalogue.js';
import { caseVisibility, groupOf, UNKNOWN_CASE, VISIBILITY, visibleVariables } from '../../src/domain/visibility/index.js';

const BPMN = path.resolve(import.meta.dirname, '../../bpmn');

/** The keys of a form's fields (form-js components, nested ones included). */
function formKeys(formId: string): string[] {
  const walk = (cs: { key?: string; components?: unknown[] }[] = []): string[] =>
    cs.flatMap((c) => [...(c.key ? [c.key] : []), ...walk(c.components as { key?: string; components?: unknown[] }[])]);
  const form = JSON.parse(readFileSync(path.join(BPMN, 'forms', `${formId}.form`), 'utf8')) as { components: { key?: string }[] };
  return walk(form.components);
}

describe('the visibility table', () => {
  it('puts each variable in at most one group of its type, and names only groups the type has', () => {
    for (const v of [...VISIBILITY, UNKNOWN_CASE]) {
      const names = Object.values(v.groups).flat();
      expect(
        names.filter((n, i) => names.indexOf(n) !== i),
        v.type,
      ).toEqual([]);
      const groups = Object.keys(v.groups);
      const used = [...v.starter, ...v.participant, ...v.readers.flatMap((r) => r.groups), ...Object.values(v.tasks).flat()];
      expect(
        used.filter((g) => !groups.includes(g)),
        v.type,
      ).toEqual([]);
      // every way in gives something: an empty list would list a case whose page is refused
      for (const list of [v.starter, v.participant, ...v.readers.map((r) => r.groups), ...Object.values(v.tasks)])
        expect(list.length, v.type).toBeGreaterThan(0);
    }
  });

  it('gives every bundled process a case type, and each process one type', () => {
    expect(Object.keys(PROCESS_CATALOGUE).filter((p) => caseVisibility(p) === UNKNOWN_CASE)).toEqual([]);
    const processes = VISIBILITY.flatMap((v) => v.processes);
    expect(processes.filter((p, i) => processes.indexOf(p) !== i)).toEqual([]);
    expect(caseVisibility('en-process-ingen-kanner')).toBe(UNKNOWN_CASE);
  });

  it("names every field of a bundled process's forms in a group of its type", () => {
    const unnamed: string[] = [];
    for (const processId of Object.keys(PROCESS_CATALOGUE)) {
      const v = caseVisibility(processId);
      const named = new Set(Object.values(v.groups).flat());
      const xml = readFileSync(path.join(BPMN, `${processId}.bpmn`), 'utf8');
      for (const [, formId] of xml.matchAll(/formId="([^"]+)"/g))
        for (const key of formKeys(formId!)) if (!named.has(key) && v.type !== 'quality-work') unnamed.push(`${processId} ${formId}: ${key}`);
    }
    expect(unnamed).toEqual([]);
  });

  it('gives admin no case type', () => {
    expect(VISIBILITY.flatMap((v) => v.readers.filter((r) => r.role === 'admin').map(() => v.type))).toEqual([]);
  });

  it('puts a variable it does not know into the most restricted group, which the reporter of a lex Sarah does not read', () => {
    const v = caseVisibility('lex-sarah');
    expect(groupOf(v, 'ettOkantFalt')).toBe('assessment');
    expect(groupOf(v, 'description')).toBe('report');
    const reporter = { visibility: v, groups: new Set(v.starter) };
    expect(visibleVariables(reporter, { description: 'x', caseNumber: 'LS-2027-0001', assessmentMotivation: 'y', ettOkantFalt: 'z' })).toEqual({
      description: 'x',
      caseNumber: 'LS-2027-0001',
    });
  });
});
