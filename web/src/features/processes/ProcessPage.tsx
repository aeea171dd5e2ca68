/**
 * A process: its diagram with each step's live figures as overlays (cases waiting, overdue),
 * optionally coloured by overdue share; choosing a step (in the diagram or the list) shows its
 * routines, responsible role and figures, and the cases waiting there.
 */
import { Button, Checkbox, Table, TableBody, TableCell, TableContainer, TableHead, TableHeader, TableRow, Tile } from '@carbon/react';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import type { Activity } from '../../api.js';
import { fmtDate, fmtDateTime } from '../../i18n/index.js';
import { Diagram, type Overlay } from '../../shared/Diagram.js';
import { Loading, PageTitle } from '../../shared/ui.js';
import { RoutineList } from '../routines/RoutineList.js';
import { useDeviationOverlays } from './DeviationCounts.js';
import { useCasesAtStep, useProcess } from './queries.js';

/** Colour class by the share of a step's cases that are overdue. */
const shareClass = (a: Activity) => (!a.waiting ? 'share-none' : a.overdue / a.waiting >= 0.5 ? 'share-high' : a.overdue > 0 ? 'share-some' : 'share-ok');

export function ProcessPage() {
  const { processId = '' } = useParams();
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const selected = params.get('steg') ?? '';
  const [colour, setColour] = useState(false);
  const loaded = useProcess(processId);
  const instances = useCasesAtStep(processId, selected);
  const deviations = useDeviationOverlays(processId);

  const activities = useMemo(() => loaded.data?.activities ?? [], [loaded.data]);
  const overlays = useMemo<Overlay[]>(
    () =>
      activities
        .filter((a) => a.waiting || a.overdue)
        .map((a) => ({
          elementId: a.elementId,
          html: `<span class="ov-count" title="${t('process.waiting')}">${a.waiting}</span>${a.overdue ? `<span class="ov-late" title="${t('process.overdue')}">${a.overdue}</span>` : ''}`,
        })),
    [activities, t],
  );
  const allOverlays = useMemo(() => [...overlays, ...deviations.overlays], [overlays, deviations.overlays]);
  const markers = useMemo(() => {
    const m: Record<string, string[]> = {};
    for (const a of activities) m[a.elementId] = [...(colour ? [shareClass(a)] : []), ...(a.elementId === selected ? ['selected-marker'] : [])];
    return m;
  }, [activities, colour, selected]);

  if (!loaded.data) return <Loading error={loaded.error} />;
  const name = loaded.data.def?.name ?? processId;
  const current = activities.find((a) => a.elementId === selected);
  const choose = (id: string) => setParams(activities.some((a) => a.elementId === id) ? { steg: id } : {});
  return (
    <>
      <PageTitle>{name}</PageTitle>
      {loaded.data.def && (
        <p className="muted">
          {t('map.owner')}: {loaded.data.def.ownerRole} · {t('map.version')} {loaded.data.def.version} · {t('map.adopted')} {fmtDate(loaded.data.def.adoptedAt)}{' '}
          ·{' '}
          <Link className="cds--link" to={`/processer/${processId}/versioner`}>
            {t('governance.versionsLink')}
          </Link>
        </p>
      )}
      <Checkbox id="colour" labelText={t('process.colour')} checked={colour} onChange={(_e, { checked }) => setColour(checked)} />
      {deviations.controls}
      <Diagram xml={loaded.data.xml} label={t('process.diagram', { name })} overlays={allOverlays} markers={markers} onSelect={choose} />
      <div className="layout">
        <section aria-labelledby="steps-h">
          <Tile className="card">
            <h2 id="steps-h">{t('process.activities')}</h2>
            <TableContainer className="table">
              <Table size="sm">
                <TableHead>
                  <TableRow>
                    <TableHeader scope="col">{t('process.activity')}</TableHeader>
                    <TableHeader scope="col">{t('process.role')}</TableHeader>
                    <TableHeader scope="col">{t('process.waiting')}</TableHeader>
                    <TableHeader scope="col">{t('process.overdue')}</TableHeader>
                  </TableRow>
                </TableHead>
                <TableBody>
                  {activities.map((a) => (
                    <TableRow key={a.elementId} isSelected={a.elementId === selected}>
                      <TableCell>
                        <Button kind="ghost" size="sm" className="linkish" aria-pressed={a.elementId === selected} onClick={() => choose(a.elementId)}>
                          {a.name ?? a.elementId}
                        </Button>
                      </TableCell>
                      <TableCell>{a.role ?? ''}</TableCell>
                      <TableCell>{a.waiting}</TableCell>
                      <TableCell className={a.overdue ? 'late' : ''}>{a.overdue}</TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            </TableContainer>
          </Tile>
        </section>
        <aside aria-labelledby="step-h">
          <Tile className="card">
            <h2 id="step-h">{current ? (current.name ?? current.elementId) : t('process.activity')}</h2>
            {!current ? (
              <p className="muted">{t('process.choose')}</p>
            ) : (
              <>
                <dl className="facts compact">
                  <dt>{t('process.role')}</dt>
                  <dd>{current.role ?? t('app.none')}</dd>
                  <dt>{t('process.waiting')}</dt>
                  <dd>{current.waiting}</dd>
                  <dt>{t('process.overdue')}</dt>
                  <dd className={current.overdue ? 'late' : ''}>{current.overdue}</dd>
                </dl>
                <h3>{t('task.routines')}</h3>
                <RoutineList routines={current.routines} />
                <h3>{t('process.instances')}</h3>
                {!instances.data ? (
                  <Loading error={instances.error} />
                ) : instances.data.items.length === 0 ? (
                  <p className="muted">{t('process.noInstances')}</p>
                ) : (
                  <ul className="instances">
                    {instances.data.items.map((i) => (
                      <li key={i.key}>
                        <Link className="cds--link" to={`/instances/${i.key}`}>
                          {i.caseNumber ?? i.key}
                        </Link>{' '}
                        <span className="muted">
                          {i.unitName ?? ''} · {t('process.since')} {fmtDateTime(i.waitingSince ?? i.startedAt)}
                        </span>
                      </li>
                    ))}
                  </ul>
                )}
              </>
            )}
          </Tile>
        </aside>
      </div>
    </>
  );
}
