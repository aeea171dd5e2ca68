import type { ProcessEngine } from '../../src/engine/port.js';

/** On a shared broker, leaves nothing running for the next test file (timers, jobs). */
export async function cancelActive(engine: ProcessEngine): Promise<void> {
  for (const i of await engine.listProcessInstances({ state: 'ACTIVE' })) {
    if (!i.parentProcessInstanceKey) await engine.cancelInstance(i.key).catch(() => undefined);
  }
}
