/**
 * Processkarta: the organisation's processes as lednings-, huvud- and stödprocesser, each with
 * its owner role, version, adopted date, open cases and overdue tasks.
 */
import { Tile } from '@carbon/react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { fmtDate } from '../../i18n/index.js';
import { Loading, PageTitle } from '../../shared/ui.js';
import { useDefinitions } from './queries.js';

const GROUPS = ['ledning', 'huvud', 'stod'] as const;

export function ProcessMapPage() {
  const { t } = useTranslation();
  const { data, error } = useDefinitions();
  if (!data) return <Loading error={error} />;
  return (
    <>
      <PageTitle>{t('map.title')}</PageTitle>
      <p>{t('map.intro')}</p>
      {GROUPS.map((g) => {
        const defs = data.filter((d) => d.group === g).sort((a, b) => a.name.localeCompare(b.name, 'sv'));
        if (!defs.length) return null;
        return (
          <section key={g} className={`group group-${g}`} aria-labelledby={`g-${g}`}>
            <h2 id={`g-${g}`}>{t(`map.group.${g}`)}</h2>
            <ul className="process-cards">
              {defs.map((d) => (
                <li key={d.processId}>
                  <Tile className="card">
                    <h3>
                      <Link className="cds--link" to={`/processer/${encodeURIComponent(d.processId)}`}>
                        {d.name}
                      </Link>
                    </h3>
                    <dl className="facts compact">
                      <dt>{t('map.owner')}</dt>
                      <dd>{d.ownerRole}</dd>
                      <dt>{t('map.version')}</dt>
                      <dd>{d.version}</dd>
                      <dt>{t('map.adopted')}</dt>
                      <dd>{fmtDate(d.adoptedAt)}</dd>
                      <dt>{t('map.open')}</dt>
                      <dd>{d.openInstances}</dd>
                      <dt>{t('map.overdue')}</dt>
                      <dd className={d.overdueTasks ? 'late' : ''}>{d.overdueTasks}</dd>
                    </dl>
                  </Tile>
                </li>
              ))}
            </ul>
          </section>
        );
      })}
    </>
  );
}
