/**
 * A task: the form (form-js) with the routines for the step beside it, the case's context
 * (what earlier steps recorded, the timeline), the diagram with the current step marked, the
 * due date and whether it is a legal time limit or a local target. Drafts are saved on the
 * server; the server's field errors are shown at the fields.
 */
import { Accordion, AccordionItem, Button, ButtonSet, Tile } from '@carbon/react';
import { useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { ApiError, isPending } from '../../api.js';
import { fmtDate, fmtDateTime } from '../../i18n/index.js';
import { Diagram } from '../../shared/Diagram.js';
import { dueClass, showValue } from '../../shared/format.js';
import { FormMessage, FormView, type FormHandle } from '../../shared/FormView.js';
import { Loading, Notice, PageTitle } from '../../shared/ui.js';
import { RoutineList } from '../routines/RoutineList.js';
import { useSession } from '../session/session.js';
import { useAssign } from '../inbox/queries.js';
import { useComplete, useSaveDraft, useTaskView } from './queries.js';

type Message = { kind: 'error' | 'notice'; text: string; fields?: { field: string; message: string }[] };

export function TaskPage() {
  const { key = '' } = useParams();
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { me } = useSession();
  const view = useTaskView(key);
  const complete = useComplete(key);
  const saveDraft = useSaveDraft(key);
  const assign = useAssign();
  const formRef = useRef<FormHandle>(null);
  const [message, setMessage] = useState<Message>();
  const markers = useMemo(() => (view.data ? { [view.data.task.elementId]: ['active-marker'] } : {}), [view.data]);

  if (!view.data) return <Loading error={view.error} />;
  const { task, form, context, xml } = view.data;
  const failed = (e: unknown, invalidText?: string): Message => ({
    kind: 'error',
    text: e instanceof ApiError ? (e.fields.length && invalidText ? invalidText : e.detail) : t('app.unknownError'),
    fields: e instanceof ApiError ? e.fields : [],
  });

  const submit = async () => {
    const data = formRef.current!.submit();
    if (!data) return setMessage({ kind: 'error', text: t('task.invalid') });
    try {
      const r = await complete.mutateAsync(data);
      // accepted but not yet done in the engine: the inbox shows it as being completed
      await navigate(isPending(r) ? '/?completing=1' : '/?done=1');
    } catch (e) {
      if (e instanceof ApiError && e.fields.length) formRef.current!.showErrors(e.fields);
      setMessage(failed(e, t('task.serverInvalid')));
    }
  };
  const draft = async () => {
    try {
      await saveDraft.mutateAsync(formRef.current!.data());
      setMessage({ kind: 'notice', text: t('task.draftSaved', { time: fmtDateTime(new Date().toISOString()) }) });
    } catch (e) {
      setMessage(failed(e));
    }
  };

  // only its assignee completes a claimed task or saves drafts of it (the server answers 409 task-claimed)
  const claimedByOther = task.assignee !== null && task.assignee !== me.username;
  return (
    <>
      <PageTitle>{task.name ?? ''}</PageTitle>
      <div className="layout">
        <section aria-label={t('task.form')}>
          <Tile className="card">
            {form.draftSavedAt && <p className="muted">{t('task.draftFrom', { time: fmtDateTime(form.draftSavedAt) })}</p>}
            {task.state === 'completing' && <Notice kind="info" text={t('task.completing')} />}
            {task.takenFrom === me.username && task.assignee ? (
              <Notice kind="warning" text={t('task.takenFromYou', { name: task.assignee })} />
            ) : (
              claimedByOther && <p className="muted">{t('task.claimHint', { name: task.assignee })}</p>
            )}
            {task.mayTakeOver && (
              <p>
                <Button
                  kind="tertiary"
                  size="sm"
                  disabled={assign.isPending}
                  onClick={() =>
                    assign.mutateAsync({ key: task.key, assignee: me.username }).then(
                      () => setMessage({ kind: 'notice', text: t('task.takenOver', { name: task.assignee }) }),
                      (e: unknown) => setMessage(failed(e)),
                    )
                  }
                >
                  {t('task.takeOver')}
                </Button>
              </p>
            )}
            <FormView ref={formRef} schema={form.schema} data={form.data} />
            <FormMessage kind={message?.kind} text={message?.text} fields={message?.fields} form={formRef.current} />
            <ButtonSet className="actions">
              <Button kind="secondary" onClick={draft} disabled={saveDraft.isPending || claimedByOther}>
                {t('task.saveDraft')}
              </Button>
              <Button onClick={submit} disabled={complete.isPending || task.state === 'completing' || claimedByOther}>
                {t('task.submit')}
              </Button>
            </ButtonSet>
          </Tile>
        </section>
        <aside aria-label={t('task.about')}>
          <Tile className="card">
            <dl className="facts">
              <dt>{t('task.case')}</dt>
              <dd>{task.caseNumber ?? t('app.none')}</dd>
              <dt>{t('task.unit')}</dt>
              <dd>{task.unitName ?? t('app.none')}</dd>
              <dt>{t('task.due')}</dt>
              <dd>
                <span className={dueClass(task.dueDate)}>{fmtDate(task.dueDate)}</span>
                {task.dueDate && (
                  <>
                    <br />
                    <span className="muted">
                      {task.deadline ? `${t(task.deadline.kind === 'legal' ? 'task.legal' : 'task.local')}: ${task.deadline.title}` : ''}
                    </span>
                    {task.deadline && (
                      <>
                        <br />
                        <small className="muted">{task.deadline.basis}</small>
                      </>
                    )}
                  </>
                )}
              </dd>
            </dl>
            <p>
              <Link className="cds--link" to={`/instances/${task.processInstanceKey}`}>
                {t('task.showProcess')}
              </Link>
            </p>
            <h2>{t('task.routines')}</h2>
            <RoutineList routines={task.routines ?? []} />
          </Tile>
        </aside>
      </div>
      {xml && <Diagram xml={xml} label={t('task.diagram')} markers={markers} height={360} />}
      {context && (
        <div className="layout two">
          <section aria-labelledby="ctx-h">
            <Tile className="card">
              <h2 id="ctx-h">{t('task.context')}</h2>
              {context.earlier.length === 0 && <p className="muted">{t('task.noContext')}</p>}
              {context.earlier.length > 0 && (
                <Accordion>
                  {context.earlier.map((e) => (
                    <AccordionItem
                      key={e.taskKey ?? 'start'}
                      open={context.earlier.length <= 2}
                      title={
                        <>
                          {e.name}{' '}
                          <span className="muted">
                            {fmtDateTime(e.completedAt)}
                            {e.completedBy ? ` ${t('task.by', { name: e.completedBy })}` : ''}
                          </span>
                        </>
                      }
                    >
                      <dl className="facts">
                        {e.fields.map((f) => (
                          <div key={f.key}>
                            <dt>{f.label}</dt>
                            <dd>{f.text ?? showValue(f.value)}</dd>
                          </div>
                        ))}
                      </dl>
                    </AccordionItem>
                  ))}
                </Accordion>
              )}
            </Tile>
          </section>
          <section aria-labelledby="tl-h">
            <Tile className="card">
              <h2 id="tl-h">{t('task.timeline')}</h2>
              <ol className="timeline">
                {context.timeline.map((e, i) => (
                  <li key={`${e.elementId}-${i}`}>
                    <span className="muted">{fmtDateTime(e.startedAt)}</span> {e.name ?? e.elementId}
                    {e.state === 'ACTIVE' ? ` (${t('instance.states.ACTIVE')})` : ''}
                  </li>
                ))}
              </ol>
            </Tile>
          </section>
        </div>
      )}
    </>
  );
}
