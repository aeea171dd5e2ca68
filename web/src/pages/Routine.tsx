import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router-dom';
import { api } from '../api.js';
import { Loading, PageTitle, useLoad } from '../components/common.js';

export function RoutinePage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { data: r, error } = useLoad(() => api.routine(id), [id]);
  if (!r) return <Loading error={error} />;
  return (
    <>
      <PageTitle>{r.title}</PageTitle>
      <section className="card">
        <p className="muted">
          {t('routine.full', { kind: t(`routine.kind.${r.kind}`, { defaultValue: r.kind }), version: r.version, decidedBy: r.decidedBy, adopted: r.adoptedOn, owner: r.ownerRole, followUp: r.followUpBy, review: r.nextReviewOn })}
          {r.reviewOverdue && <> <span className="late">({t('routine.overdue')})</span></>}
        </p>
        <div className="routine-body">{(r.body ?? '').split(/\n{2,}/).map((p, i) => <p key={i}>{p}</p>)}</div>
        <p><button type="button" className="linkish" onClick={() => navigate(-1)}>{t('app.back')}</button></p>
      </section>
    </>
  );
}
