/**
 * A bound on the element activations of one command, so that a model that loops without a
 * wait state (script tasks, gateways, a parallel gateway feeding back into itself) ends in an
 * incident instead of running forever.
 *
 * Zeebe itself has no such limit: it processes such a loop forever, in batches of records,
 * and the partition stays responsive between batches. Here one command is one database
 * transaction with the instance row locked: an endless loop would never commit, never answer
 * the caller, and grow in memory (on PGlite it froze the whole server). So past the limit every
 * further activation in the command raises an incident (errorType UNKNOWN) on its element
 * instead of running it; the command commits, the instance can be inspected, and resolving
 * the incident runs the element again — another bounded batch.
 */
import type { ElementDef } from '../model.js';

/**
 * Activations allowed in one command. Our product's flows do far fewer: the most in one
 * command across `test/workers` is 40 (measured 2026-12-02 over their 309 commands), and a
 * sequential multi-instance over 200 script tasks needs about 200. A parallel multi-instance over more than ~1,000
 * items would reach it too; each element past the limit then waits in an incident.
 */
export const MAX_ACTIVATIONS_PER_COMMAND = 1_000;

/** Counts the activations of one command. */
export class ActivationBudget {
  private used = 0;

  constructor(private readonly limit = MAX_ACTIVATIONS_PER_COMMAND) {}

  /** Counts one activation; true when it is over the limit (the activation must not run). */
  spend(): boolean {
    this.used++;
    return this.used > this.limit;
  }

  /** The incident message for an element whose activation was stopped. */
  message(def: ElementDef): string {
    return (
      `Expected to activate element '${def.id}', but the command already activated ${this.limit} elements ` +
      `(the limit of one command in the embedded engine). The process likely loops without a wait state ` +
      `(e.g. through script tasks or gateways). Fix the model or its variables, then resolve the incident to continue for another ${this.limit} activations.`
    );
  }
}
