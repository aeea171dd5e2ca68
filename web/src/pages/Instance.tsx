/**
 * An instance for managers: the diagram with the path taken and the current position, the
 * history, the tasks, the variables the reader may see, and incidents with a retry button for
 * those allowed (admin, kvalitetsledare).
 */
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { api, ApiError } from '../api.js';
import { Diagram } from '../components/Diagram.js';
import { Loading, PageTitle, showValue, useLoad } from '../components/common.js';
import { fmtDateTime } from '../i18n/index.js';

export function InstancePage() {
  const { key = '' } = useParams();
  const { t } = useTranslation();
  const [notice, setNotice] = useState('');
  const loaded = useLoad(async () => {
    const inst = await api.instance(key);
    const { xml } = await api.processXml(inst.processId);
    return { inst, xml };
  }, [key]);
  const markers = useMemo(() => {
    const m: Record<string, string[]> = {};
    if (!loaded.data) return m;
    for (const h of loaded.data.inst.history) if (h.state !== 'ACTIVE') m[h.elementId] = ['path-marker'];
    for (const id of loaded.data.inst.activeElements) m[id] = ['active-marker'];
    for (const i of loaded.data.inst.incidents) if (i.state === 'ACTIVE') m[i.elementId] = ['incident-marker'];
    return m;
  }, [loaded.data]);
  if (!loaded.data) return <Loading error={loaded.error} />;
  const { inst, xml } = loaded.data;
  const caseNumber = typeof inst.variables.caseNumber === 'string' ? inst.variables.caseNumber : inst.key;
  const visibleVariables = Object.entries(inst.variables).filter(([k, v]) => k !== 'units' && v !== null && typeof v !== 'object');
  const state = (s: string) => t(`instance.states.${s}`, { defaultValue: s });
  return (
    <>
      <PageTitle>{t('instance.title', { number: caseNumber })}</PageTitle>
      <dl className="facts inline">
        <dt>{t('instance.process')}</dt><dd><Link to={`/processer/${encodeURIComponent(inst.processId)}`}>{inst.processId}</Link> (v{inst.version})</dd>
        <dt>{t('instance.state')}</dt><dd><strong>{state(inst.state)}</strong></dd>
        <dt>{t('instance.started')}</dt><dd>{fmtDateTime(inst.startedAt)}</dd>
        {inst.endedAt && <><dt>{t('instance.ended')}</dt><dd>{fmtDateTime(inst.endedAt)}</dd></>}
      </dl>
      <div id="diagram"><Diagram xml={xml} label={t('instance.diagram')} markers={markers} /></div>
      <p role="status" className={notice ? 'notice' : 'sr-only'}>{notice}</p>
      <section className="card" aria-labelledby="inc-h">
        <h2 id="inc-h">{t('instance.incidents')}</h2>
        {inst.incidents.length === 0 ? <p className="muted">{t('instance.noIncidents')}</p> : (
          <ul>
            {inst.incidents.map((i) => (
              <li key={i.key}>
                <strong>{inst.history.find((h) => h.elementId === i.elementId)?.name ?? i.elementId}</strong>: {i.errorType} – {i.errorMessage} ({state(i.state)}){' '}
                {inst.mayRetry && i.state === 'ACTIVE' && (
                  <button type="button" className="secondary small" onClick={async () => {
                    try {
                      await api.retryIncident(i.key);
                      setNotice(t('instance.retried'));
                      loaded.reload();
                    } catch (e) {
                      setNotice(e instanceof ApiError ? e.detail : t('app.unknownError'));
                    }
                  }}>{t('instance.retry')}</button>
                )}
              </li>
            ))}
          </ul>
        )}
      </section>
      <div className="layout two">
        <section className="card" aria-labelledby="hist-h">
          <h2 id="hist-h">{t('instance.history')}</h2>
          <ol className="timeline">
            {inst.history.map((h, i) => (
              <li key={`${h.elementId}-${i}`}>{h.name ?? h.elementId} <span className="muted">({state(h.state)}) {fmtDateTime(h.startedAt)}{h.endedAt ? ` – ${fmtDateTime(h.endedAt)}` : ''}</span></li>
            ))}
          </ol>
        </section>
        <section className="card" aria-labelledby="var-h">
          <h2 id="var-h">{t('instance.variables')}</h2>
          <dl className="facts">{visibleVariables.map(([k, v]) => <div key={k}><dt>{k}</dt><dd>{showValue(v)}</dd></div>)}</dl>
          {inst.tasks && inst.tasks.length > 0 && (
            <>
              <h3>{t('instance.tasks')}</h3>
              <ul>{inst.tasks.map((tk) => <li key={tk.key}>{tk.name} <span className="muted">({t(`instance.taskStates.${tk.state}`, { defaultValue: tk.state })}{tk.completedAt ? `, ${fmtDateTime(tk.completedAt)}` : ''})</span></li>)}</ul>
            </>
          )}
        </section>
      </div>
    </>
  );
}
