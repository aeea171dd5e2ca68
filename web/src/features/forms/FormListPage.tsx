/** The forms (issue 14.1): every form with its latest version and the one in force; process owners and the quality lead create new ones here. */
import { Button, Form, Table, TableBody, TableCell, TableHead, TableHeader, TableRow, Tag, TextInput, Tile } from '@carbon/react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { ApiError } from '../../api.js';
import { Loading, Notice, PageTitle } from '../../shared/ui.js';
import { mayOpen } from '../session/access.js';
import { useSession } from '../session/session.js';
import { useFormCommands, useForms } from './queries.js';

/** A form id from a title: lower case, a–z, digits and hyphens (å, ä, ö as a, a, o). */
const idOf = (title: string) =>
  title
    .toLowerCase()
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 100);

export function FormListPage() {
  const { t } = useTranslation();
  const { me } = useSession();
  const { data, error } = useForms();
  return (
    <>
      <PageTitle>{t('forms.title')}</PageTitle>
      <p>{t('forms.intro')}</p>
      {mayOpen(me, 'form.edit') && <NewForm />}
      {!data ? (
        <Loading error={error} />
      ) : (
        <Table aria-label={t('forms.title')}>
          <TableHead>
            <TableRow>
              <TableHeader>{t('forms.form')}</TableHeader>
              <TableHeader>{t('forms.id')}</TableHeader>
              <TableHeader>{t('forms.latest')}</TableHeader>
              <TableHeader>{t('forms.inForce')}</TableHeader>
            </TableRow>
          </TableHead>
          <TableBody>
            {data.map((f) => (
              <TableRow key={f.formId}>
                <TableCell>
                  <Link className="cds--link" to={`/formular/${encodeURIComponent(f.formId)}`}>
                    {f.title}
                  </Link>
                </TableCell>
                <TableCell>
                  <code>{f.formId}</code>
                </TableCell>
                <TableCell>
                  {t('forms.version', { number: f.latestVersion })}{' '}
                  <Tag type={f.state === 'draft' ? 'warm-gray' : 'green'} size="sm">
                    {t(`forms.state.${f.state}`)}
                  </Tag>
                </TableCell>
                <TableCell>{f.publishedVersion ? t('forms.version', { number: f.publishedVersion }) : t('forms.notPublished')}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </>
  );
}

/** A new form: a title and an id (proposed from the title); it opens in the editor as an empty draft. */
function NewForm() {
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
      await navigate(`/formular/${encodeURIComponent(made.formId)}`);
    } catch (err) {
      setFailure(err instanceof ApiError ? [err.detail, ...err.fields.map((f) => f.message)].join(' ') : t('app.unknownError'));
    }
  };
  return (
    <Tile className="card">
      <h2 className="cds--type-heading-03">{t('forms.new')}</h2>
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
          {t('forms.create')}
        </Button>
      </Form>
    </Tile>
  );
}
