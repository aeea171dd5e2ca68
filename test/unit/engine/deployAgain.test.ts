/**
 * Deploying again what is already deployed (every server start deploys the bundled models):
 * the same versions and keys come back without a new row, and without linting or parsing
 * (src/engine/embedded/deploy.ts alreadyDeployed); anything changed, or a resource whose
 * processes are no longer all the latest versions, is deployed the whole way.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ControlledClock } from '../../../src/clock.js';
import { createEmbeddedEngine } from '../../../src/engine/embedded/index.js';
import type { ProcessEngine } from '../../../src/engine/port.js';
import { chain, end, model, start, user } from '../../conformance/bpmn.js';
import { createTestDb, databaseKinds, type TestDb } from '../../support/databases.js';

const one = (id: string, task = 'a') => model(id, [start(`${id}-s`), user(`${id}-${task}`), end(`${id}-e`)], chain(`${id}-s`, `${id}-${task}`, `${id}-e`));
/** One resource with the processes of both models. */
const both = (a: string, b: string) => a.replace('</bpmn:definitions>', `${/<bpmn:process[\s\S]*<\/bpmn:process>/.exec(b)![0]}\n</bpmn:definitions>`);
const form = (title: string) => JSON.stringify({ id: 'again-form', type: 'default', schemaVersion: 16, components: [{ type: 'text', text: title, id: 't' }] });

for (const kind of databaseKinds()) {
  describe(`deploying again on ${kind}`, () => {
    let t: TestDb;
    let engine: ProcessEngine;
    const count = async () => Number((await t.db('engine_definition').count({ n: '*' }))[0]!.n);
    beforeAll(async () => {
      t = await createTestDb(kind);
      engine = createEmbeddedEngine({ db: t.db, clock: new ControlledClock(new Date('2026-03-02T08:00:00Z')), pollMs: 10 });
      await engine.start();
    });
    afterAll(async () => {
      await engine?.stop();
      await t?.destroy();
    });

    it('gives the same versions and keys for unchanged resources, and a new version for a changed one', async () => {
      const res = [
        { name: 'again.bpmn', content: one('again-p') },
        { name: 'again.form', content: form('Hej') },
      ];
      const first = await engine.deploy(res);
      const rows = await count();
      const second = await engine.deploy(res);
      expect(second.processes).toEqual(first.processes);
      expect(second.forms).toEqual(first.forms);
      expect(second.key).not.toBe(first.key);
      expect(await count()).toBe(rows);
      const changed = await engine.deploy([{ name: 'again.bpmn', content: one('again-p', 'b') }, res[1]!]);
      expect(changed.processes.map((p) => p.version)).toEqual([2]);
      expect(changed.forms).toEqual(first.forms);
      const formChanged = await engine.deploy([{ name: 'again.form', content: form('Hej då') }]);
      expect(formChanged.forms.map((f) => f.version)).toEqual([2]);
    });

    it('deploys a resource again in full when one of its processes was replaced by another resource since', async () => {
      const r = { name: 'pair.bpmn', content: both(one('pair-p'), one('pair-q')) };
      const first = await engine.deploy([r]);
      expect(first.processes.map((p) => [p.processId, p.version])).toEqual([
        ['pair-p', 1],
        ['pair-q', 1],
      ]);
      await engine.deploy([{ name: 'q-alone.bpmn', content: one('pair-q', 'b') }]);
      const again = await engine.deploy([r]);
      expect(again.processes.map((p) => [p.processId, p.version]).sort()).toEqual([
        ['pair-p', 1],
        ['pair-q', 3],
      ]);
      const started = await engine.startInstance('pair-q');
      expect(started.version).toBe(3);
    });
  });
}
