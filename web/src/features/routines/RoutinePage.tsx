/** A routine (rutin, riktlinje …): who decided it and when, who owns and follows it up, and its text. */
import { Button, Tag, Tile } from '@carbon/react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router-dom';
import { api } from '../../api.js';
import { Loading, PageTitle } from '../../shared/ui.js';

export function RoutinePage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { data: r, error } = useQuery({ queryKey: ['routines', id], queryFn: () => api.routine(id) });
  if (!r) return <Loading error={error} />;
  return (
    <>
      <PageTitle>{r.title}</PageTitle>
      <Tile className="card">
        <p className="muted">
          {t('routine.full', { kind: t(`routine.kind.${r.kind}`, { defaultValue: r.kind }), version: r.version, decidedBy: r.decidedBy, adopted: r.adoptedOn, owner: r.ownerRole, followUp: r.followUpBy, review: r.nextReviewOn })}
          {r.reviewOverdue && <> <Tag type="red" size="sm">{t('routine.overdue')}</Tag></>}
        </p>
        <div className="routine-body">{(r.body ?? '').split(/\n{2,}/).map((p, i) => <p key={i}>{p}</p>)}</div>
        <p><Button kind="ghost" onClick={() => navigate(-1)}>{t('app.back')}</Button></p>
      </Tile>
    </>
  );
}
