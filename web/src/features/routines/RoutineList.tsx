/** The routines for a step: title (a link to the routine), kind, owner, dates, and whether its review is overdue. */
import { Tag } from '@carbon/react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { Routine } from '../../api.js';

export function RoutineList({ routines }: { routines: Routine[] }) {
  const { t } = useTranslation();
  if (!routines.length) return <p className="muted">{t('task.noRoutines')}</p>;
  return (
    <ul className="routines">
      {routines.map((r) => (
        <li key={r.id}>
          <Link className="cds--link" to={`/routines/${encodeURIComponent(r.id)}`}>
            {r.title}
          </Link>
          <br />
          <span className="muted">
            {t('routine.meta', {
              kind: t(`routine.kind.${r.kind}`, { defaultValue: r.kind }),
              owner: r.ownerRole,
              adopted: r.adoptedOn,
              review: r.nextReviewOn,
            })}
          </span>
          {r.reviewOverdue && (
            <>
              <br />
              <Tag type="red" size="sm">
                {t('routine.overdue')}
              </Tag>
            </>
          )}
        </li>
      ))}
    </ul>
  );
}
