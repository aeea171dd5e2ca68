/** The published register (issue 14.4): every routine in force, searchable by title, text and process; a new routine for those who may start one. */
import { Search, Table, TableBody, TableCell, TableHead, TableHeader, TableRow, Tag } from '@carbon/react';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { api } from '../../api.js';
import { Loading, PageTitle } from '../../shared/ui.js';
import { mayOpen } from '../session/access.js';
import { useMe } from '../session/queries.js';

export function RegisterPage() {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const { data, error } = useQuery({ queryKey: ['routine-register', q], queryFn: () => api.routineRegister(q) });
  const me = useMe();
  return (
    <>
      <PageTitle>{t('register.title')}</PageTitle>
      <p>{t('register.intro')}</p>
      {me.data && mayOpen(me.data, 'routine.create') && (
        <p>
          <Link className="cds--btn cds--btn--primary cds--btn--sm" to="/rutiner/ny">
            {t('register.new')}
          </Link>
        </p>
      )}
      <Search labelText={t('register.search')} placeholder={t('register.search')} value={q} onChange={(e) => setQ(e.target.value)} />
      {!data ? (
        <Loading error={error} />
      ) : (
        <Table aria-label={t('register.title')}>
          <TableHead>
            <TableRow>
              <TableHeader>{t('register.routine')}</TableHeader>
              <TableHeader>{t('register.kind')}</TableHeader>
              <TableHeader>{t('register.owner')}</TableHeader>
              <TableHeader>{t('register.adopted')}</TableHeader>
              <TableHeader>{t('register.review')}</TableHeader>
              <TableHeader>{t('register.processes')}</TableHeader>
            </TableRow>
          </TableHead>
          <TableBody>
            {data.map((r) => (
              <TableRow key={r.id}>
                <TableCell>
                  <Link className="cds--link" to={`/routines/${encodeURIComponent(r.id)}`}>
                    {r.title}
                  </Link>
                </TableCell>
                <TableCell>{t(`routine.kind.${r.kind}`, { defaultValue: r.kind })}</TableCell>
                <TableCell>{r.ownerRole}</TableCell>
                <TableCell>{r.adoptedOn}</TableCell>
                <TableCell>
                  {r.nextReviewOn}
                  {r.reviewOverdue && (
                    <>
                      {' '}
                      <Tag type="red" size="sm">
                        {t('routine.overdue')}
                      </Tag>
                    </>
                  )}
                </TableCell>
                <TableCell>{r.processIds.join(', ')}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
      {data && !data.length && <p className="muted">{t('register.none')}</p>}
    </>
  );
}
