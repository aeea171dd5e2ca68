/**
 * Forms under version control (issue 14 point 1): process owners and the quality lead create a
 * form-js form, save drafts of it and publish them; a published version never changes (a
 * trigger guards it, migration 20261203_58), and the one in force is what new tasks use
 * (store.ts says which version a running task keeps). Publishing also deploys the form to the
 * engine, so that on Camunda a user task's formId finds it too.
 */
import type { Clock } from '../../clock.js';
import type { Db } from '../../db/index.js';
import { ConflictError, FormInvalidError, InputError, NotFoundError } from '../../errors.js';
import type { ProcessEngine } from '../../engine/port.js';
import { audit } from '../audit/index.js';
import type { User } from '../org/index.js';
import { authorize, may } from '../policy.js';
import { FORM_ID, schemaProblems } from './schema.js';
import { formVersions, listForms, type FormSummary, type FormVersionRecord } from './store.js';
import { sha } from '../../engine/resources.js';

export type { FormSummary } from './store.js';

/** A form as the editor reads it: its versions, the draft and the version in force (with their schemas), and whether the reader may edit. */
export interface FormDetail {
  formId: string;
  title: string;
  versions: FormVersionRecord[];
  draft: { number: number; schema: unknown } | null;
  published: { number: number; schema: unknown } | null;
  may: { edit: boolean };
}

/** The forms service. */
export class FormService {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly engine: ProcessEngine,
  ) {}

  /** Every form with its latest version and the one in force. */
  list(): Promise<FormSummary[]> {
    return listForms(this.db);
  }

  /** One form with its versions (404 when there is none). */
  async read(user: User, formId: string): Promise<FormDetail> {
    const form = await this.db('form').where({ form_id: formId }).first();
    if (!form) throw new NotFoundError('Formuläret finns inte');
    const versions = await formVersions(this.db, formId);
    const draft = versions.find((v) => v.state === 'draft');
    const published = versions.find((v) => v.state === 'published');
    return {
      formId,
      title: form.title,
      versions: versions.map(({ id: _id, schema: _schema, ...v }) => v),
      draft: draft ? { number: draft.number, schema: draft.schema } : null,
      published: published ? { number: published.number, schema: published.schema } : null,
      may: { edit: may(user, 'form.edit') },
    };
  }

  /** Creates a form with its first version, a draft (409 when the id is taken, 422 for a schema the product would not run). */
  async create(user: User, input: { formId: string; title: string; schema: unknown }): Promise<FormDetail> {
    authorize(user, 'form.edit');
    if (!FORM_ID.test(input.formId)) throw new InputError('Formulärets id är ogiltigt', [{ field: 'formId', message: 'bokstäver, siffror, - och _' }]);
    requireValid(input.formId, input.schema);
    const now = this.clock.now();
    await this.db.transaction(async (tx) => {
      const inserted = await tx('form')
        .insert({ form_id: input.formId, title: input.title.trim(), created_by: user.username, created_at: now })
        .onConflict('form_id')
        .ignore()
        .returning('form_id');
      if (!inserted.length) throw new ConflictError('Det finns redan ett formulär med det id:t');
      await tx('form_version').insert(versionRow(input.formId, 1, input.schema, user.username, now));
      await audit(tx, now, user.username, 'create', 'form', input.formId);
    });
    return this.read(user, input.formId);
  }

  /** Saves the form's draft (a new one after the version in force, or over the open one) and, if given, its title. */
  async saveDraft(user: User, formId: string, input: { title?: string; schema: unknown }): Promise<FormDetail> {
    authorize(user, 'form.edit');
    if (!(await this.db('form').where({ form_id: formId }).first('form_id'))) throw new NotFoundError('Formuläret finns inte');
    requireValid(formId, input.schema);
    const now = this.clock.now();
    const content = JSON.stringify(input.schema, null, 2);
    await this.db.transaction(async (tx) => {
      // one writer at a time per form: the draft's number is the next one
      await tx('form').where({ form_id: formId }).forUpdate().first('form_id');
      const n = await tx('form_version')
        .where({ form_id: formId, state: 'draft' })
        .update({ schema: content, checksum: sha(content), author: user.username, updated_at: now });
      if (!n) {
        const latest = await tx('form_version').where({ form_id: formId }).max('number as n').first<{ n: number | null } | undefined>();
        await tx('form_version').insert(versionRow(formId, Number(latest?.n ?? 0) + 1, input.schema, user.username, now));
      }
      if (input.title?.trim()) await tx('form').where({ form_id: formId }).update({ title: input.title.trim() });
      await audit(tx, now, user.username, 'save-draft', 'form', formId);
    });
    return this.read(user, formId);
  }

  /** Publishes the draft: it is in force from now on for new tasks, the one before it superseded (409 without a draft). */
  async publish(user: User, formId: string): Promise<FormDetail> {
    authorize(user, 'form.edit');
    if (!(await this.db('form').where({ form_id: formId }).first('form_id'))) throw new NotFoundError('Formuläret finns inte');
    const draft = await this.db('form_version').where({ form_id: formId, state: 'draft' }).first();
    if (!draft) throw new ConflictError('Formuläret har inget utkast att publicera');
    // the engine first (as for a process version): on Camunda a task's formId must find it
    await this.engine.deploy([{ name: `${formId}.form`, content: draft.schema }]);
    const now = this.clock.now();
    await this.db.transaction(async (tx) => {
      await tx('form_version').where({ form_id: formId, state: 'published' }).update({ state: 'superseded', updated_at: now });
      const n = await tx('form_version')
        .where({ id: draft.id, state: 'draft' })
        .update({ state: 'published', published_by: user.username, published_at: now, updated_at: now });
      if (n !== 1) throw new ConflictError('Utkastet har redan publicerats');
      await audit(tx, now, user.username, 'publish', 'form', formId);
    });
    return this.read(user, formId);
  }
}

/** Refuses (422, the problems as field errors) a schema the product would not run. */
function requireValid(formId: string, schema: unknown): void {
  const errors = schemaProblems(formId, schema);
  if (errors.length) throw new FormInvalidError('Formuläret godtas inte', errors);
}

function versionRow(formId: string, number: number, schema: unknown, author: string, now: Date) {
  const content = JSON.stringify(schema, null, 2);
  return { form_id: formId, number, state: 'draft' as const, schema: content, checksum: sha(content), author, created_at: now, updated_at: now };
}
