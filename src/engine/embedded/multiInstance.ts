/**
 * Multi-instance bodies, as Zeebe runs them (docs: components/modeler/bpmn/multi-instance):
 * the body evaluates the input collection, holds the output collection as a local variable
 * (nulls, one per item) and starts the inner instances, all at once or one after another. Each
 * inner instance has `loopCounter`, the input element and the output element (when the output
 * element is a plain variable or path) as local variables, so a worker's result stays inside
 * its instance. When an inner instance completes, its output element goes into the collection
 * at its index and the completion condition is evaluated in its scope.
 */
import { evalCondition, evalValue, FeelError } from './feel.js';
import type { ElementDef } from '../model.js';
import { IncidentSignal, type Run, type Vars } from './run.js';
import type { ElementRow, InstanceRow } from './state.js';
import { openBoundaries } from './events.js';

interface BodyData {
  items: unknown[];
  next: number;
  completed: number;
  terminated: number;
}

/** Activates a multi-instance body: evaluates the input collection and starts the inner instances. */
export async function activateMultiInstance(run: Run, inst: InstanceRow, def: ElementDef, scopeKey: string): Promise<ElementRow> {
  const body = await run.createElement(inst, def, scopeKey, 'multiInstanceBody');
  run.schedule(async () => {
    try {
      const items = run.evalIn(body.key, def.loop!.inputCollection, 'EXTRACT_VALUE_ERROR', 'activate');
      if (!Array.isArray(items))
        throw new IncidentSignal(
          'EXTRACT_VALUE_ERROR',
          `Expected result of the expression '${def.loop!.inputCollection}' to be 'ARRAY', but was '${kindOf(items)}'.`,
          'activate',
        );
      await openBoundaries(run, body, def);
      body.data = { items, next: 0, completed: 0, terminated: 0 } satisfies BodyData;
      if (def.loop!.outputCollection)
        await run.setLocal(
          body.key,
          def.loop!.outputCollection,
          items.map(() => null),
        );
      if (!items.length) return finishBody(run, body, def);
      const n = def.loop!.sequential ? 1 : items.length;
      for (let i = 0; i < n; i++) await startInner(run, inst, def, body);
      await saveBody(run, body);
    } catch (e) {
      if (e instanceof IncidentSignal) return run.hooks.raiseIncident(body, e.errorType, e.message, e.phase);
      throw e;
    }
  });
  return body;
}

function kindOf(v: unknown): string {
  if (v === null || v === undefined) return 'NULL';
  return (typeof v === 'object' ? 'CONTEXT' : typeof v).toUpperCase();
}

/**
 * The variable an output element names when it is only a variable or a nested property
 * (`=result`, `= result.value`): Zeebe creates it, null, as a local of each inner instance.
 */
function outputElementVariable(expr: string | undefined): string | undefined {
  return /^\s*=\s*([A-Za-z_][\w]*)(\s*\.\s*[A-Za-z_][\w]*)*\s*$/.exec(expr ?? '')?.[1];
}

async function startInner(run: Run, inst: InstanceRow, def: ElementDef, body: ElementRow): Promise<void> {
  const data = body.data as unknown as BodyData;
  const i = data.next++;
  const loop = def.loop!;
  const locals: Vars = {};
  if (loop.inputElement) locals[loop.inputElement] = data.items[i];
  // Zeebe skips the null initialisation when the output element is the input element or loopCounter.
  const out = outputElementVariable(loop.outputElement);
  if (loop.outputCollection && out && out !== loop.inputElement && out !== 'loopCounter') locals[out] = null;
  locals.loopCounter = i + 1;
  await run.activate(inst, def, body.key, locals, true);
}

async function saveBody(run: Run, body: ElementRow): Promise<void> {
  run.writes.patchElement(body.key, { data: body.data });
}

function feel<T>(fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    if (e instanceof FeelError) throw new IncidentSignal('EXTRACT_VALUE_ERROR', e.message, 'complete');
    throw e;
  }
}

/**
 * An inner instance is completing (still active): its output element goes into the output
 * collection at its index, then the completion condition is evaluated in its scope. A FEEL
 * failure is an EXTRACT_VALUE_ERROR incident on the inner instance (Zeebe does the same).
 */
export async function innerCompleting(run: Run, body: ElementRow, inner: ElementRow): Promise<boolean> {
  const loop = (await run.defOf(body)).loop!;
  const data = body.data as unknown as BodyData;
  const scope = run.state.visible(inner.key);
  if (loop.outputCollection && loop.outputElement) {
    const counter = Number(run.state.variables.get(inner.key)?.get('loopCounter') ?? 1);
    const out = [...((run.state.scopeVars(body.key).get(loop.outputCollection) as unknown[]) ?? [])];
    out[counter - 1] = feel(() => evalValue(loop.outputElement!, scope, run.now));
    await run.setLocal(body.key, loop.outputCollection, out);
  }
  if (!loop.completionCondition) return false;
  // Zeebe counts the completing instance as completed and no longer active; these names win
  // over process variables of the same name.
  const counts = {
    numberOfInstances: data.next,
    numberOfActiveInstances: run.state.children(body.key).length - 1,
    numberOfCompletedInstances: data.completed + 1,
    numberOfTerminatedInstances: data.terminated,
  };
  return feel(() => evalCondition(loop.completionCondition!, { ...scope, ...counts }, run.now));
}

/** An inner instance completed: finish the body (condition met or all done) or start the next one. */
export async function innerCompleted(run: Run, body: ElementRow, inner: ElementRow, satisfied: boolean): Promise<void> {
  void inner;
  const def = await run.defOf(body);
  const inst = run.state.instances.get(body.instanceKey)!;
  const data = body.data as unknown as BodyData;
  data.completed++;
  if (satisfied) {
    for (const c of run.state.children(body.key)) await run.terminate(c);
    return finishBody(run, body, def);
  }
  if (data.completed + data.terminated >= data.items.length) return finishBody(run, body, def);
  if (def.loop!.sequential) await startInner(run, inst, def, body);
  await saveBody(run, body);
}

async function finishBody(run: Run, body: ElementRow, def: ElementDef): Promise<void> {
  const loop = def.loop!;
  const out = loop.outputCollection ? run.state.scopeVars(body.key).get(loop.outputCollection) : undefined;
  await run.hooks.closeWaits(body.key);
  await run.endElement(body, 'COMPLETED');
  if (loop.outputCollection) await run.propagate(body.scopeKey, { [loop.outputCollection]: out });
  await run.leave(body, def, def.outgoing);
}
