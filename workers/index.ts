/** Every job worker of the product. A test checks this list against the job types in bpmn/. */
import type { WorkerDefinition } from './registry.js';

export const allWorkers: WorkerDefinition[] = [];
