/**
 * A new form (issue 14.1): a title and an id (proposed from the title), made as an empty draft.
 * The form list opens it in the editor; the modeler (pick-or-create in its properties panel)
 * links it to the task instead (`onCreated`).
 */
import { Button, Form, TextInput, Tile } from '@carbon/react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { ApiError } from '../../api.js';
import { Notice } from '../../shared/ui.js';
import { useFormCommands } from './queries.js';

/** A form id from a title: lower case, a–z, digits and hyphens (å, ä, ö as a, a, o). */
const idOf = (title: string) =>
  title
    .toLowerCase()
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 100);

/** A new form; by default it opens in the editor as an empty draft, else `onCreated` gets its id. */
export function NewForm({ onCreated, heading = true }: { onCreated?: (formId: string) => void; heading?: boolean }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [title, setTitle] = useState('');
  const [formId, setFormId] = useState('');
  const [touched, setTouched] = useState(false);
  const [failure, setFailure] = useState<string>();
  const { create } = useFormCommands(formId);
  const id = touched ? formId : idOf(title);
  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    try {
      const made = await create.mutateAsync({ formId: id, title, schema: { id, type: 'default', components: [] } });
      if (onCreated) onCreated(made.formId);
      else await navigate(`/formular/${encodeURIComponent(made.formId)}`);
    } catch (err) {
      setFailure(err instanceof ApiError ? [err.detail, ...err.fields.map((f) => f.message)].join(' ') : t('app.unknownError'));
    }
  };
  return (
    <Tile className="card">
      {heading && <h2 className="cds--type-heading-03">{t('forms.new')}</h2>}
      <Form onSubmit={(e) => void submit(e)} aria-label={t('forms.new')}>
        <TextInput id="form-title" labelText={t('forms.newTitle')} value={title} maxLength={200} required onChange={(e) => setTitle(e.target.value)} />
        <TextInput
          id="form-id"
          labelText={t('forms.newId')}
          helperText={t('forms.newIdHelp')}
          value={id}
          maxLength={100}
          required
          onChange={(e) => {
            setTouched(true);
            setFormId(e.target.value);
          }}
        />
        {failure && <Notice kind="error" text={failure} />}
        <Button type="submit" className="actions" disabled={!title.trim() || !id || create.isPending}>
          {onCreated ? t('forms.createAndLink') : t('forms.create')}
        </Button>
      </Form>
    </Tile>
  );
}
