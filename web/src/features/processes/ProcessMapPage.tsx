/**
 * Processkarta, drawn the way the customer's documents draw theirs (Tyresö, Katrineholm):
 * ledningsprocesser across the top, the huvudprocess as a chain of arrow-shaped steps in order
 * (from the need to the need met), stödprocesser beneath. A process only ever called from
 * others is drawn inside its callers (nested under the step that calls it), not beside them;
 * sub-processes placed under a process are drawn inside it. Choosing a process drills in
 * (MapDrill: its activities, who performs each, their routines); the choice is in the address
 * (`?process=…&steg=…`), so Back and a shared link work.
 */
import { Tag } from '@carbon/react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import type { Schemas } from '../../api.js';
import { Loading, PageTitle } from '../../shared/ui.js';
import { mayOpen } from '../session/access.js';
import { useMe } from '../session/queries.js';
import { MapDrill } from './MapDrill.js';
import { NewProcessForm } from './NewProcessForm.js';
import { useMapIndex, type MapIndex } from './mapIndex.js';
import { useProcessMap } from './queries.js';

type MapProcess = Schemas['MapProcess'];

/** A link that drills into a process (keeps nothing else of the address). */
function DrillLink({ p, className }: { p: MapProcess; className?: string }) {
  const { t } = useTranslation();
  return (
    <Link className={className ?? 'cds--link'} to={{ search: `?process=${encodeURIComponent(p.processId)}` }} aria-label={t('map.drill', { name: p.name })}>
      {p.name}
    </Link>
  );
}

/** A process as a box: name, owner, state; the processes drawn inside it beneath. */
function ProcessBox({ p, index, depth = 0 }: { p: MapProcess; index: MapIndex; depth?: number }) {
  const { t } = useTranslation();
  const nested = depth < 2 ? index.inside(p) : [];
  return (
    <li className={`pmap-box pmap-kind-${p.kind}${p.executable ? '' : ' pmap-descriptive'}`}>
      <DrillLink p={p} />
      <span className="pmap-owner">
        {t('map.owner')}: {p.ownerRole}
      </span>
      {!p.executable && (
        <Tag size="sm" type="warm-gray">
          {t('map.descriptive')}
        </Tag>
      )}
      {nested.length > 0 && (
        <ul className="pmap-nested" aria-label={t('map.inside', { name: p.name })}>
          {nested.map((c) => (
            <ProcessBox key={c.processId} p={c} index={index} depth={depth + 1} />
          ))}
        </ul>
      )}
    </li>
  );
}

/** The huvudprocess as its chain of steps: each call activity (or sub-process placed under it) an arrow, in order. */
function Chain({ p, index }: { p: MapProcess; index: MapIndex }) {
  const { t } = useTranslation();
  const called = p.activities.filter((a) => a.calls && index.byId.has(a.calls)).map((a) => index.byId.get(a.calls!)!);
  const steps = called.length ? called : p.childIds.map((id) => index.byId.get(id)).filter((x): x is MapProcess => !!x);
  return (
    <div className="pmap-main">
      <h3 className="pmap-main-title">
        <DrillLink p={p} />
        <span className="pmap-owner">
          {t('map.owner')}: {p.ownerRole}
        </span>
      </h3>
      <div className="pmap-chain-wrap">
        <span className="pmap-end">{t('map.input')}</span>
        <ol className="pmap-chain" aria-label={t('map.chain', { name: p.name })}>
          {steps.map((s, i) => {
            const nested = index.inside(s);
            return (
              <li key={s.processId} className="pmap-step">
                <span className="pmap-arrow">
                  <span className="cds--visually-hidden">{t('map.step', { n: i + 1 })} </span>
                  <DrillLink p={s} className="pmap-step-link" />
                  <span className="pmap-owner">{s.ownerRole}</span>
                </span>
                {nested.length > 0 && (
                  <ul className="pmap-nested" aria-label={t('map.inside', { name: s.name })}>
                    {nested.map((c) => (
                      <ProcessBox key={c.processId} p={c} index={index} depth={1} />
                    ))}
                  </ul>
                )}
              </li>
            );
          })}
        </ol>
        <span className="pmap-end">{t('map.output')}</span>
      </div>
    </div>
  );
}

export function ProcessMapPage() {
  const { t } = useTranslation();
  const { data, error } = useProcessMap();
  const [params] = useSearchParams();
  const index = useMapIndex(data);
  const me = useMe();
  if (!data) return <Loading error={error} />;
  const level = (kind: 'ledning' | 'huvud' | 'stod') =>
    (data.levels.find((l) => l.kind === kind)?.processIds ?? []).map((id) => index.byId.get(id)).filter((p): p is MapProcess => !!p && !p.calledOnly);
  const chosen = index.byId.get(params.get('process') ?? '');
  return (
    <>
      <PageTitle>{t('map.title')}</PageTitle>
      <p>{t('map.intro')}</p>
      <div className="pmap">
        <section className="pmap-band pmap-ledning" aria-labelledby="pmap-ledning">
          <h2 id="pmap-ledning">{t('map.group.ledning')}</h2>
          <ul className="pmap-row">
            {level('ledning').map((p) => (
              <ProcessBox key={p.processId} p={p} index={index} />
            ))}
          </ul>
        </section>
        <section className="pmap-band pmap-huvud" aria-labelledby="pmap-huvud">
          <h2 id="pmap-huvud">{t('map.group.huvud')}</h2>
          {level('huvud').map((p) =>
            index.inside(p).length || p.activities.some((a) => a.calls) ? (
              <Chain key={p.processId} p={p} index={index} />
            ) : (
              <ul className="pmap-row" key={p.processId}>
                <ProcessBox p={p} index={index} />
              </ul>
            ),
          )}
        </section>
        <section className="pmap-band pmap-stod" aria-labelledby="pmap-stod">
          <h2 id="pmap-stod">{t('map.group.stod')}</h2>
          <ul className="pmap-row">
            {level('stod').map((p) => (
              <ProcessBox key={p.processId} p={p} index={index} />
            ))}
          </ul>
        </section>
      </div>
      {chosen ? <MapDrill process={chosen} index={index} /> : <p className="muted">{t('map.choose')}</p>}
      {me.data && mayOpen(me.data, 'processMap.create') && <NewProcessForm processes={data.processes} />}
    </>
  );
}
