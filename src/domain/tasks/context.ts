/**
 * The context of a task for the person working on it: where its instance has been (the
 * timeline of elements, named from the BPMN of its version) and what earlier tasks of the
 * instance recorded (the start form — the report itself — and each completed task's form
 * fields, labelled, with the instance's values) — cut to the field groups the reader reads in the
 * case (visibility/index.ts): the fields of her groups, the timeline only with the group that holds it.
 */
import type { Db } from '../../db/index.js';
import type { ProcessEngine } from '../../engine/port.js';
import { formSchema } from '../forms/store.js';
import { empty, fields } from '../forms/validate.js';
import { completedBy, type TaskWithCompleter } from '../processes/instances.js';
import type { DefinitionModels } from '../processes/models.js';
import { groupOf, showsSteps, type CaseView } from '../visibility/index.js';

export interface TaskContext {
  timeline: { elementId: string; name: string | null; type: string; state: string; startedAt: string; endedAt: string | null }[];
  earlier: {
    taskKey: string | null;
    name: string | null;
    completedAt: string | null;
    completedBy: string | null;
    fields: { key: string; label: string; value: unknown; text?: string }[];
  }[];
}

const iso = (v: unknown) => (v ? new Date(v as string).toISOString() : null);

/** The timeline and the earlier tasks of a process instance, as far as `view` reads them. */
export async function taskContext(db: Db, engine: ProcessEngine, models: DefinitionModels, instanceKey: string, view: CaseView): Promise<TaskContext> {
  const info = await engine.getProcessInstance(instanceKey);
  const [elements, variables, model, done] = await Promise.all([
    engine.listElementInstances(instanceKey),
    engine.getVariables(instanceKey),
    models.model(info.processDefinitionKey, info.processId),
    db('user_task as t')
      .where({ 't.process_instance_key': instanceKey, 't.state': 'completed' })
      .select('t.key', 't.name', 't.form_id', 't.form_version_id', 't.completed_at', completedBy(db))
      .orderBy([
        { column: 't.completed_at', order: 'asc' },
        { column: 't.key', order: 'asc' },
      ]),
  ]);
  // each task's own form version (forms/store.ts), read once per version
  const forms = new Map<string, Promise<unknown>>();
  const form = (id: string, versionId: string | number | null) => {
    const k = `${id}\n${versionId ?? ''}`;
    return (
      forms.get(k) ??
      forms
        .set(
          k,
          formSchema(db, engine, id, versionId).catch(() => undefined),
        )
        .get(k)!
    );
  };
  // a chosen option reads as its label (the form's own, or the unit's name for the unit lists)
  const unitNames = new Map((await db('org_node').select('id', 'name')).map((n: { id: string; name: string }) => [n.id, n.name]));
  const labelled = (schema: unknown) =>
    fields(schema)
      .filter((f) => !empty(variables[f.key!]) && view.groups.has(groupOf(view.visibility, f.key!)))
      .map((f) => {
        const c = f as { key: string; label?: string; dateLabel?: string; values?: { label: string; value: unknown }[]; valuesKey?: string };
        const value = variables[c.key];
        const optionText = (v: unknown) =>
          c.values?.find((o) => o.value === v)?.label ?? (c.valuesKey === 'units' && typeof v === 'string' ? unitNames.get(v) : undefined);
        const texts = (Array.isArray(value) ? value : [value]).map(optionText);
        const text = texts.every((t) => t !== undefined) ? texts.join(', ') : undefined;
        return { key: c.key, label: c.label ?? c.dateLabel ?? c.key, value, ...(text !== undefined ? { text } : {}) };
      });
  const tasks = await Promise.all(
    (done as TaskWithCompleter<'key' | 'name' | 'form_id' | 'form_version_id' | 'completed_at'>[]).map(async (t) => ({
      taskKey: t.key,
      name: t.name ?? null,
      completedAt: iso(t.completed_at),
      completedBy: t.completed_by ?? null,
      fields: labelled(t.form_id ? await form(t.form_id, t.form_version_id ?? null) : undefined),
    })),
  );
  // The start form that began this instance (a report, a registration): what was reported.
  const start = elements.map((e) => model?.elements.get(e.elementId)).find((el) => el?.type === 'startEvent' && el.userTask?.formId);
  const reported = start
    ? {
        taskKey: null,
        name: start.name ?? null,
        completedAt: info.startedAt.toISOString(),
        completedBy:
          (
            await db('process_instance_ref as r')
              .join('app_user as u', 'u.id', 'r.started_by')
              .where('r.key', instanceKey)
              .first<{ username: string } | undefined>('u.username')
          )?.username ?? null,
        fields: labelled(await form(start.userTask!.formId!, null)),
      }
    : undefined;
  // without the timeline's group a step shows only with fields she reads (its name alone would tell where the case went)
  const steps = showsSteps(view);
  const earlier = [...(reported ? [reported] : []), ...tasks].filter((e) => steps || e.fields.length > 0);
  return {
    timeline: (steps ? elements : []).map((e) => ({
      elementId: e.elementId,
      name: model?.elements.get(e.elementId)?.name ?? null,
      type: e.elementType,
      state: e.state,
      startedAt: e.startedAt.toISOString(),
      endedAt: e.endedAt?.toISOString() ?? null,
    })),
    earlier,
  };
}
