/**
 * Deviations back to the process (issue 14 point 5): the avvikelser and synpunkter that name a
 * step of this process, counted over a chosen period, as badges on the diagram (top left of the
 * step) and as a line of text for those who do not see the diagram. Figures only; the server
 * counts at the units the user may see.
 */
import { Checkbox, TextInput } from '@carbon/react';
import { useQuery } from '@tanstack/react-query';
import { useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api.js';
import type { Overlay } from '../../shared/Diagram.js';

const isoDay = (d: Date) => `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** The period's controls and the diagram's badges for `processId` (the last twelve months by default). */
export function useDeviationOverlays(processId: string): { controls: ReactNode; overlays: Overlay[] } {
  const { t } = useTranslation();
  const [shown, setShown] = useState(true);
  const [from, setFrom] = useState(() => {
    const d = new Date();
    d.setFullYear(d.getFullYear() - 1);
    return isoDay(d);
  });
  const [to, setTo] = useState(() => isoDay(new Date()));
  const valid = DAY.test(from) && DAY.test(to) && from <= to;
  const counts = useQuery({
    queryKey: ['deviation-counts', processId, from, to],
    queryFn: () => api.deviationCounts(processId, from, to),
    enabled: shown && valid,
  });
  const rows = useMemo(() => (shown && valid ? (counts.data ?? []) : []), [counts.data, shown, valid]);
  const overlays = useMemo<Overlay[]>(
    () =>
      rows
        .filter((r): r is typeof r & { elementId: string } => r.elementId !== null)
        .map((r) => ({
          elementId: r.elementId,
          position: { top: -12, left: -8 },
          html: `<span class="ov-dev" data-testid="deviations-${r.elementId}" title="${t('deviations.count', r)}">${r.deviations + r.feedback}</span>`,
        })),
    [rows, t],
  );
  const sum = (k: 'deviations' | 'feedback') => rows.reduce((n, r) => n + r[k], 0);
  const unplaced = rows.filter((r) => r.elementId === null).reduce((n, r) => n + r.deviations + r.feedback, 0);
  const controls = (
    <fieldset className="deviation-period">
      <Checkbox id="deviations-shown" labelText={t('deviations.overlay')} checked={shown} onChange={(_e, { checked }) => setShown(checked)} />
      {shown && (
        <>
          <TextInput id="deviations-from" type="date" size="sm" labelText={t('deviations.from')} value={from} onChange={(e) => setFrom(e.target.value)} />
          <TextInput
            id="deviations-to"
            type="date"
            size="sm"
            labelText={t('deviations.to')}
            value={to}
            onChange={(e) => setTo(e.target.value)}
            invalid={!valid}
            invalidText={t('deviations.badPeriod')}
          />
          <p className="muted" aria-live="polite" id="deviations-total">
            {counts.data && valid ? t('deviations.total', { deviations: sum('deviations'), feedback: sum('feedback'), unplaced }) : ''}
          </p>
        </>
      )}
    </fieldset>
  );
  return { controls, overlays };
}
