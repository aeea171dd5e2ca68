/**
 * The visual diff of two versions (issue 14 point 2): the later version's diagram with added and
 * changed elements marked, the earlier one's with removed elements marked (canvas markers), a
 * legend, and the same difference as lists (the diagram is not the only way to read it).
 */
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Diagram } from '../../shared/Diagram.js';
import { Loading } from '../../shared/ui.js';
import { useDiff } from './queries.js';

export function DiffView({ processId, number, other }: { processId: string; number: number; other: number }) {
  const { t } = useTranslation();
  const loaded = useDiff(processId, number, other);
  const markers = useMemo(() => {
    const to: Record<string, string[]> = {};
    const from: Record<string, string[]> = {};
    for (const e of loaded.data?.diff.added ?? []) to[e.elementId] = ['diff-added'];
    for (const e of loaded.data?.diff.changed ?? []) to[e.elementId] = ['diff-changed'];
    for (const e of loaded.data?.diff.removed ?? []) from[e.elementId] = ['diff-removed'];
    return { to, from };
  }, [loaded.data]);
  if (!loaded.data) return <Loading error={loaded.error} />;
  const { diff, to, from } = loaded.data;
  const kinds = [
    ['added', diff.added],
    ['changed', diff.changed],
    ['removed', diff.removed],
  ] as const;
  return (
    <div className="version-diff" data-testid="version-diff">
      <ul className="diff-legend" aria-label={t('governance.legend')}>
        {kinds.map(([k]) => (
          <li key={k}>
            <span className={`legend-swatch diff-${k}-swatch`} aria-hidden="true" /> {t(`governance.diff.${k}`)}
          </li>
        ))}
      </ul>
      <h4>{t('governance.diffTo', { number: to.number })}</h4>
      <Diagram xml={to.xml} label={t('governance.diffDiagram', { number: to.number })} markers={markers.to} height={380} />
      <h4>{t('governance.diffFrom', { number: from.number })}</h4>
      <Diagram xml={from.xml} label={t('governance.diffDiagram', { number: from.number })} markers={markers.from} height={380} />
      {kinds.map(([k, list]) => (
        <div key={k}>
          <h4>
            {t(`governance.diff.${k}`)} ({list.length})
          </h4>
          {list.length === 0 ? (
            <p className="muted">{t('app.none')}</p>
          ) : (
            <ul data-testid={`diff-${k}`}>
              {list.map((e) => (
                <li key={e.elementId}>
                  {e.name ?? e.elementId} <span className="muted">({e.elementId})</span>
                </li>
              ))}
            </ul>
          )}
        </div>
      ))}
    </div>
  );
}
