/** Small shared pieces: page heading and title, loading of data with errors, routine lists. */
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { ApiError, type Routine } from '../api.js';
import { fmtDateTime } from '../i18n/index.js';

/** The page's h1; sets the document title and moves focus to it (for screen readers). */
export function PageTitle({ children }: { children: string }) {
  const h = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    document.title = `${children} – Kvalitetshjulet`;
    h.current?.focus();
  }, [children]);
  return <h1 ref={h} tabIndex={-1}>{children}</h1>;
}

/** Loads with `load` whenever `deps` change; shows loading and errors (a 401 goes to login). */
export function useLoad<T>(load: () => Promise<T>, deps: unknown[]): { data: T | undefined; error: unknown; reload: () => void } {
  const [state, setState] = useState<{ data: T | undefined; error: unknown }>({ data: undefined, error: undefined });
  const [tick, setTick] = useState(0);
  useEffect(() => {
    let live = true;
    load().then((data) => live && setState({ data, error: undefined }), (error) => live && setState({ data: undefined, error }));
    return () => { live = false; };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [...deps, tick]);
  if (state.error instanceof ApiError && state.error.status === 401) location.hash = '#/login';
  return { ...state, reload: () => setTick((n) => n + 1) };
}

export function Loading({ error, children }: { error: unknown; children?: ReactNode }) {
  const { t } = useTranslation();
  if (error) return <><PageTitle>{t('app.error')}</PageTitle><p className="error" role="alert">{error instanceof ApiError ? error.detail : t('app.unknownError')}</p></>;
  return <p className="muted" role="status">{children ?? t('app.loading')}</p>;
}

export function RoutineList({ routines }: { routines: Routine[] }) {
  const { t } = useTranslation();
  if (!routines.length) return <p className="muted">{t('task.noRoutines')}</p>;
  return (
    <ul className="routines">
      {routines.map((r) => (
        <li key={r.id}>
          <Link to={`/routines/${encodeURIComponent(r.id)}`}>{r.title}</Link><br />
          <span className="muted">{t('routine.meta', { kind: t(`routine.kind.${r.kind}`, { defaultValue: r.kind }), owner: r.ownerRole, adopted: r.adoptedOn, review: r.nextReviewOn })}</span>
          {r.reviewOverdue && <><br /><span className="late">{t('routine.overdue')}</span></>}
        </li>
      ))}
    </ul>
  );
}

/** 'late' when past due, 'soon' within two days. */
export function dueClass(iso: string | null | undefined): string {
  if (!iso) return '';
  const ms = new Date(iso).getTime() - Date.now();
  return ms < 0 ? 'late' : ms < 2 * 86400_000 ? 'soon' : '';
}

/** A recorded value as text: dates and times in Stockholm time, yes/no as ✓/–. */
export const showValue = (v: unknown): string =>
  v === null || v === undefined ? ''
  : typeof v === 'boolean' ? (v ? '✓' : '–')
  : typeof v === 'string' && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(v) ? fmtDateTime(v)
  : typeof v === 'object' ? JSON.stringify(v) : String(v);
