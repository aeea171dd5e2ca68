/**
 * A form in form-js's editor (issue 14.1): the draft (or, without one, the version in force)
 * opens in the editor; saving makes or updates the draft, publishing puts it in force for new
 * tasks (open tasks keep the version they began with), and the preview shows it as the task
 * page will. Who may not edit sees the preview and the versions only.
 */
import { Button, ButtonSet, Table, TableBody, TableCell, TableHead, TableHeader, TableRow, TextInput, Tile } from '@carbon/react';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { ApiError } from '../../api.js';
import { fmtDateTime } from '../../i18n/index.js';
import { FormView } from '../../shared/FormView.js';
import { Loading, Notice, PageTitle } from '../../shared/ui.js';
import { FormBuilder, type FormBuilderHandle } from './FormBuilder.js';
import { useFormCommands, useFormDetail } from './queries.js';

type Message = { kind: 'error' | 'success'; text: string };
/** The preview starts empty (one object: the form is not re-imported on every render). */
const NO_DATA = {};

export function FormEditorPage() {
  const { formId = '' } = useParams();
  const { t } = useTranslation();
  const { data: form, error } = useFormDetail(formId);
  const { save, publish } = useFormCommands(formId);
  const builder = useRef<FormBuilderHandle>(null);
  const [title, setTitle] = useState<string>();
  const [preview, setPreview] = useState<Record<string, unknown>>();
  const [message, setMessage] = useState<Message>();
  if (!form) return <Loading error={error} />;
  const current = form.draft ?? form.published;
  const failed = (e: unknown): Message => ({
    kind: 'error',
    text: e instanceof ApiError ? [e.detail, ...e.fields.map((f) => f.message)].join(' – ') : t('app.unknownError'),
  });
  const saveDraft = async () => {
    try {
      const saved = await save.mutateAsync({ schema: builder.current!.schema(), title: title?.trim() || undefined });
      setMessage({ kind: 'success', text: t('forms.saved', { number: saved.draft?.number ?? '' }) });
    } catch (e) {
      setMessage(failed(e));
    }
  };
  const publishDraft = async () => {
    try {
      const done = await publish.mutateAsync();
      setMessage({ kind: 'success', text: t('forms.published', { number: done.published?.number ?? '' }) });
    } catch (e) {
      setMessage(failed(e));
    }
  };
  return (
    <>
      <PageTitle>{form.title}</PageTitle>
      <p>
        <Link className="cds--link" to="/formular">
          {t('forms.back')}
        </Link>
      </p>
      <p className="muted">
        <code>{form.formId}</code> ·{' '}
        {form.draft
          ? t('forms.editingDraft', { number: form.draft.number })
          : form.published
            ? t('forms.editingPublished', { number: form.published.number })
            : t('forms.notPublished')}
      </p>
      {message && <Notice kind={message.kind} text={message.text} />}
      {form.may.edit && current && (
        <Tile className="card">
          <TextInput id="form-title" labelText={t('forms.newTitle')} value={title ?? form.title} maxLength={200} onChange={(e) => setTitle(e.target.value)} />
          <FormBuilder ref={builder} schema={current.schema} label={t('forms.editor')} />
          <ButtonSet className="actions">
            <Button kind="secondary" onClick={() => void saveDraft()} disabled={save.isPending}>
              {t('forms.saveDraft')}
            </Button>
            <Button kind="tertiary" onClick={() => setPreview(builder.current!.schema())}>
              {t('forms.preview')}
            </Button>
            <Button onClick={() => void publishDraft()} disabled={!form.draft || publish.isPending}>
              {t('forms.publish')}
            </Button>
          </ButtonSet>
          {form.draft && <p className="muted">{t('forms.publishHint')}</p>}
        </Tile>
      )}
      {(preview ?? (!form.may.edit && current)) && (
        <Tile className="card form-preview">
          <h2 className="cds--type-heading-03">{t('forms.previewTitle')}</h2>
          <FormView schema={preview ?? current!.schema} data={NO_DATA} />
        </Tile>
      )}
      <Tile className="card">
        <h2 className="cds--type-heading-03">{t('forms.versions')}</h2>
        <Table aria-label={t('forms.versions')} size="sm">
          <TableHead>
            <TableRow>
              <TableHeader>{t('forms.versionCol')}</TableHeader>
              <TableHeader>{t('forms.stateCol')}</TableHeader>
              <TableHeader>{t('forms.author')}</TableHeader>
              <TableHeader>{t('forms.publishedAt')}</TableHeader>
            </TableRow>
          </TableHead>
          <TableBody>
            {form.versions.map((v) => (
              <TableRow key={v.number}>
                <TableCell>{v.number}</TableCell>
                <TableCell>{t(`forms.state.${v.state}`)}</TableCell>
                <TableCell>{v.author}</TableCell>
                <TableCell>{v.publishedAt ? `${fmtDateTime(v.publishedAt)} (${v.publishedBy ?? ''})` : t('app.none')}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </Tile>
    </>
  );
}
