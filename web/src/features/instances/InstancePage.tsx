/**
 * An instance for managers: the diagram with the path taken and the current position, the
 * history, the tasks, the variables the reader may see (the server cuts them to her field groups,
 * named here), and incidents with a retry button for those allowed (admin, kvalitetsledare).
 */
import { Button, Tile } from '@carbon/react';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { fmtDateTime } from '../../i18n/index.js';
import { Diagram } from '../../shared/Diagram.js';
import { showValue } from '../../shared/format.js';
import { Loading, PageTitle, StatusLine, useErrorText } from '../../shared/ui.js';
import { useInstance, useRetryIncident } from './queries.js';

export function InstancePage() {
  const { key = '' } = useParams();
  const { t } = useTranslation();
  const errorText = useErrorText();
  const [notice, setNotice] = useState<{ kind: 'success' | 'error'; text: string }>({ kind: 'success', text: '' });
  const loaded = useInstance(key);
  const retry = useRetryIncident(key);
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
        <dt>{t('instance.process')}</dt>
        <dd>
          <Link className="cds--link" to={`/processer/${encodeURIComponent(inst.processId)}`}>
            {inst.processId}
          </Link>{' '}
          (v{inst.version})
        </dd>
        <dt>{t('instance.state')}</dt>
        <dd>
          <strong>{state(inst.state)}</strong>
        </dd>
        <dt>{t('instance.started')}</dt>
        <dd>{fmtDateTime(inst.startedAt)}</dd>
        {inst.endedAt && (
          <>
            <dt>{t('instance.ended')}</dt>
            <dd>{fmtDateTime(inst.endedAt)}</dd>
          </>
        )}
      </dl>
      <div id="diagram">
        <Diagram xml={xml} label={t('instance.diagram')} markers={markers} />
      </div>
      <StatusLine kind={notice.kind} text={notice.text} />
      <section aria-labelledby="inc-h">
        <Tile className="card">
          <h2 id="inc-h">{t('instance.incidents')}</h2>
          {inst.incidents.length === 0 ? (
            <p className="muted">{t('instance.noIncidents')}</p>
          ) : (
            <ul>
              {inst.incidents.map((i) => (
                <li key={i.key}>
                  <strong>{inst.history.find((h) => h.elementId === i.elementId)?.name ?? i.elementId}</strong>: {i.errorType} – {i.errorMessage} (
                  {state(i.state)}){' '}
                  {inst.mayRetry && i.state === 'ACTIVE' && (
                    <Button
                      kind="tertiary"
                      size="sm"
                      disabled={retry.isPending}
                      onClick={async () => {
                        try {
                          await retry.mutateAsync(i.key);
                          setNotice({ kind: 'success', text: t('instance.retried') });
                        } catch (e) {
                          setNotice({ kind: 'error', text: errorText(e) });
                        }
                      }}
                    >
                      {t('instance.retry')}
                    </Button>
                  )}
                </li>
              ))}
            </ul>
          )}
        </Tile>
      </section>
      <div className="layout two">
        <section aria-labelledby="hist-h">
          <Tile className="card">
            <h2 id="hist-h">{t('instance.history')}</h2>
            <ol className="timeline">
              {inst.history.map((h, i) => (
                <li key={`${h.elementId}-${i}`}>
                  {h.name ?? h.elementId}{' '}
                  <span className="muted">
                    ({state(h.state)}) {fmtDateTime(h.startedAt)}
                    {h.endedAt ? ` – ${fmtDateTime(h.endedAt)}` : ''}
                  </span>
                </li>
              ))}
            </ol>
          </Tile>
        </section>
        <section aria-labelledby="var-h">
          <Tile className="card">
            <h2 id="var-h">{t('instance.variables')}</h2>
            <p className="muted" id="field-groups">
              {inst.fieldGroups.length
                ? t('instance.shownGroups', { groups: inst.fieldGroups.map((g) => t(`instance.groups.${g}`, { defaultValue: g })).join(', ') })
                : t('instance.noGroups')}
            </p>
            <dl className="facts">
              {visibleVariables.map(([k, v]) => (
                <div key={k}>
                  <dt>{k}</dt>
                  <dd>{showValue(v)}</dd>
                </div>
              ))}
            </dl>
            {inst.tasks && inst.tasks.length > 0 && (
              <>
                <h3>{t('instance.tasks')}</h3>
                <ul>
                  {inst.tasks.map((tk) => (
                    <li key={tk.key}>
                      {tk.name}{' '}
                      <span className="muted">
                        ({t(`instance.taskStates.${tk.state}`, { defaultValue: tk.state })}
                        {tk.completedAt ? `, ${fmtDateTime(tk.completedAt)}` : ''})
                      </span>
                    </li>
                  ))}
                </ul>
              </>
            )}
          </Tile>
        </section>
      </div>
    </>
  );
}
