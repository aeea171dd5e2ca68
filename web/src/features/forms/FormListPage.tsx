/** The forms (issue 14.1): every form with its latest version and the one in force; process owners and the quality lead create new ones here. */
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow, Tag } from '@carbon/react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { Loading, PageTitle } from '../../shared/ui.js';
import { mayOpen } from '../session/access.js';
import { useSession } from '../session/session.js';
import { NewForm } from './NewForm.js';
import { useForms } from './queries.js';

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
