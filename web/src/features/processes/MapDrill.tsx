/**
 * Drilling into the process map: a process's place (kind → the processes above it → it), its
 * owner, leader and state, then its activities in order — who performs each, the sub-process
 * a step calls (drill further) — and the chosen activity's routines, each opening the routine.
 */
import { Button, Tag, Tile } from '@carbon/react';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import type { Schemas } from '../../api.js';
import { fmtDate } from '../../i18n/index.js';
import type { MapIndex } from './mapIndex.js';

type MapProcess = Schemas['MapProcess'];
type MapActivity = Schemas['MapActivity'];

/** The processes above `p`, outermost first (its parents, else the first process calling it). */
function ancestors(p: MapProcess, byId: Map<string, MapProcess>): MapProcess[] {
  const out: MapProcess[] = [];
  for (let at = p, hops = 0; hops < 10; hops++) {
    const up = at.parentId ? byId.get(at.parentId) : at.calledOnly && at.calledBy[0] ? byId.get(at.calledBy[0]) : undefined;
    if (!up || out.includes(up)) break;
    out.unshift(up);
    at = up;
  }
  return out;
}

function Activities({ p, list, index, chosen }: { p: MapProcess; list: MapActivity[]; index: MapIndex; chosen: string }) {
  const { t } = useTranslation();
  const [, setParams] = useSearchParams();
  return (
    <ol className="pmap-activities">
      {list.map((a) => {
        const inner = p.activities.filter((x) => x.scopeId === a.elementId);
        const called = a.calls ? index.byId.get(a.calls) : undefined;
        const selected = a.elementId === chosen;
        return (
          <li key={a.elementId} className={selected ? 'selected' : ''}>
            <Button kind="ghost" size="sm" className="linkish" aria-pressed={selected} onClick={() => setParams({ process: p.processId, steg: a.elementId })}>
              {a.name ?? a.elementId}
            </Button>
            <span className="pmap-owner">
              {t('map.performer')}: {a.role}
            </span>
            {a.routines.length > 0 && <span className="pmap-count">{t('map.routineCount', { count: a.routines.length })}</span>}
            {called && (
              <Link className="cds--link pmap-sub" to={{ search: `?process=${encodeURIComponent(called.processId)}` }}>
                {t('map.openSub', { name: called.name })}
              </Link>
            )}
            {selected && (
              <div className="pmap-routines" role="region" aria-label={t('map.routinesOf', { name: a.name ?? a.elementId })}>
                {a.routines.length ? (
                  <ul className="routines">
                    {a.routines.map((r) => (
                      <li key={r.id}>
                        <Link className="cds--link" to={`/routines/${encodeURIComponent(r.id)}`}>
                          {r.title}
                        </Link>{' '}
                        <span className="muted">({r.kind})</span>
                        {r.reviewOverdue && (
                          <Tag size="sm" type="red">
                            {t('map.reviewOverdue')}
                          </Tag>
                        )}
                      </li>
                    ))}
                  </ul>
                ) : (
                  <p className="muted">{t('map.noRoutines')}</p>
                )}
              </div>
            )}
            {inner.length > 0 && <Activities p={p} list={inner} index={index} chosen={chosen} />}
          </li>
        );
      })}
    </ol>
  );
}

/** The drilled-in view of one process on the map. */
export function MapDrill({ process: p, index }: { process: MapProcess; index: MapIndex }) {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const heading = useRef<HTMLHeadingElement>(null);
  // a drill moves focus to what was opened (keyboard and screen reader users land on it)
  useEffect(() => heading.current?.focus(), [p.processId]);
  const up = ancestors(p, index.byId);
  const top = p.activities.filter((a) => !a.scopeId);
  return (
    <Tile className="card pmap-drill">
      <nav aria-label={t('map.breadcrumb')}>
        <ol className="pmap-crumbs">
          <li>
            <Link className="cds--link" to={{ search: '' }}>
              {t('map.title')}
            </Link>
          </li>
          <li>{t(`map.group.${(up[0] ?? p).kind}`)}</li>
          {up.map((a) => (
            <li key={a.processId}>
              <Link className="cds--link" to={{ search: `?process=${encodeURIComponent(a.processId)}` }}>
                {a.name}
              </Link>
            </li>
          ))}
          <li aria-current="page">{p.name}</li>
        </ol>
      </nav>
      <h2 ref={heading} tabIndex={-1}>
        {p.name}
      </h2>
      <dl className="facts compact">
        <dt>{t('map.owner')}</dt>
        <dd>{p.ownerRole}</dd>
        <dt>{t('map.leader')}</dt>
        <dd>{p.leaderRole ?? t('app.none')}</dd>
        <dt>{t('map.version')}</dt>
        <dd>{p.version ? `${p.version.number} · ${t(`map.state.${p.version.state}` as 'map.state.draft')}` : t('map.state.none')}</dd>
        <dt>{t('map.adopted')}</dt>
        <dd>{p.adoptedOn ? fmtDate(p.adoptedOn) : t('app.none')}</dd>
        <dt>{t('map.kind')}</dt>
        <dd>{p.executable ? t('map.executable') : t('map.descriptive')}</dd>
      </dl>
      {p.executable && p.version?.state === 'published' && (
        <p>
          <Link className="cds--link" to={`/processer/${encodeURIComponent(p.processId)}`}>
            {t('map.openDiagram', { name: p.name })}
          </Link>
        </p>
      )}
      <h3>{t('map.activitiesOf', { name: p.name })}</h3>
      {top.length ? <Activities p={p} list={top} index={index} chosen={params.get('steg') ?? ''} /> : <p className="muted">{t('map.noActivities')}</p>}
    </Tile>
  );
}
