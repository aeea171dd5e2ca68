/**
 * A task: the form (form-js) with the routines for the step beside it, the case's context
 * (what earlier steps recorded, the timeline), the diagram with the current step marked, the
 * due date and whether it is a legal time limit or a local target. Drafts are saved on the
 * server; the server's field errors are shown at the fields.
 */
import { useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { api, ApiError, isPending } from '../api.js';
import { Diagram } from '../components/Diagram.js';
import { FormMessage, FormView, type FormHandle } from '../components/FormView.js';
import { Loading, PageTitle, RoutineList, dueClass, showValue, useLoad } from '../components/common.js';
import { useSession } from '../components/session.js';
import { fmtDate, fmtDateTime } from '../i18n/index.js';

export function TaskPage() {
  const { key = '' } = useParams();
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { me, refreshCounts } = useSession();
  const loaded = useLoad(async () => {
    const [task, form] = await Promise.all([api.task(key), api.taskForm(key)]);
    const [context, xml] = await Promise.all([api.taskContext(key).catch(() => undefined), api.processXml(task.processId).then((r) => r.xml).catch(() => undefined)]);
    return { task, form, context, xml };
  }, [key]);
  const formRef = useRef<FormHandle>(null);
  const [message, setMessage] = useState<{ kind: 'error' | 'notice'; text: string; fields?: { field: string; message: string }[] }>();
  const [busy, setBusy] = useState(false);
  const markers = useMemo(() => (loaded.data ? { [loaded.data.task.elementId]: ['active-marker'] } : {}), [loaded.data]);

  if (!loaded.data) return <Loading error={loaded.error} />;
  const { task, form, context, xml } = loaded.data;

  const submit = async () => {
    const data = formRef.current!.submit();
    if (!data) {
      setMessage({ kind: 'error', text: t('task.invalid') });
      return;
    }
    setBusy(true);
    try {
      const r = await api.complete(key, data);
      refreshCounts();
      // accepted but not yet done in the engine: the inbox shows it as being completed
      await navigate(isPending(r) ? '/?completing=1' : '/?done=1');
    } catch (e) {
      if (e instanceof ApiError && e.fields.length) formRef.current!.showErrors(e.fields);
      setMessage({ kind: 'error', text: e instanceof ApiError ? (e.fields.length ? t('task.serverInvalid') : e.detail) : t('app.unknownError'), fields: e instanceof ApiError ? e.fields : [] });
    } finally {
      setBusy(false);
    }
  };
  const saveDraft = async () => {
    try {
      await api.saveDraft(key, formRef.current!.data());
      setMessage({ kind: 'notice', text: t('task.draftSaved', { time: fmtDateTime(new Date().toISOString()) }) });
    } catch (e) {
      setMessage({ kind: 'error', text: e instanceof ApiError ? e.detail : t('app.unknownError'), fields: e instanceof ApiError ? e.fields : [] });
    }
  };

  return (
    <>
      <PageTitle>{task.name ?? ''}</PageTitle>
      <div className="layout">
        <section className="card" aria-label={t('task.form')}>
          {form.draftSavedAt && <p className="muted">{t('task.draftFrom', { time: fmtDateTime(form.draftSavedAt) })}</p>}
          {task.state === 'completing' && <p className="notice" role="status">{t('task.completing')}</p>}
          {task.assignee && task.assignee !== me.username && <p className="muted">{t('task.claimHint', { name: task.assignee })}</p>}
          <FormView ref={formRef} schema={form.schema} data={form.data} />
          <FormMessage kind={message?.kind} text={message?.text} fields={message?.fields} form={formRef.current} />
          <div className="actions">
            <button type="button" onClick={submit} disabled={busy || task.state === 'completing'}>{t('task.submit')}</button>
            <button type="button" className="secondary" onClick={saveDraft}>{t('task.saveDraft')}</button>
          </div>
        </section>
        <aside className="card" aria-label={t('task.about')}>
          <dl className="facts">
            <dt>{t('task.case')}</dt><dd>{task.caseNumber ?? t('app.none')}</dd>
            <dt>{t('task.unit')}</dt><dd>{task.unitName ?? t('app.none')}</dd>
            <dt>{t('task.due')}</dt>
            <dd><span className={dueClass(task.dueDate)}>{fmtDate(task.dueDate)}</span>
              {task.dueDate && <><br /><span className="muted">{task.deadline ? `${t(task.deadline.kind === 'legal' ? 'task.legal' : 'task.local')}: ${task.deadline.title}` : ''}</span>
                {task.deadline && <><br /><small className="muted">{task.deadline.basis}</small></>}</>}
            </dd>
          </dl>
          <p><Link to={`/instances/${task.processInstanceKey}`}>{t('task.showProcess')}</Link></p>
          <h2>{t('task.routines')}</h2>
          <RoutineList routines={task.routines ?? []} />
        </aside>
      </div>
      {xml && <Diagram xml={xml} label={t('task.diagram')} markers={markers} height={360} />}
      {context && (
        <div className="layout two">
          <section className="card" aria-labelledby="ctx-h">
            <h2 id="ctx-h">{t('task.context')}</h2>
            {context.earlier.length === 0 && <p className="muted">{t('task.noContext')}</p>}
            {context.earlier.map((e) => (
              <details key={e.taskKey ?? 'start'} open={context.earlier.length <= 2}>
                <summary>{e.name} <span className="muted">{fmtDateTime(e.completedAt)}{e.completedBy ? ` ${t('task.by', { name: e.completedBy })}` : ''}</span></summary>
                <dl className="facts">{e.fields.map((f) => <div key={f.key}><dt>{f.label}</dt><dd>{f.text ?? showValue(f.value)}</dd></div>)}</dl>
              </details>
            ))}
          </section>
          <section className="card" aria-labelledby="tl-h">
            <h2 id="tl-h">{t('task.timeline')}</h2>
            <ol className="timeline">
              {context.timeline.map((e, i) => <li key={`${e.elementId}-${i}`}><span className="muted">{fmtDateTime(e.startedAt)}</span> {e.name ?? e.elementId}{e.state === 'ACTIVE' ? ` (${t('instance.states.ACTIVE')})` : ''}</li>)}
            </ol>
          </section>
        </div>
      )}
    </>
  );
}
