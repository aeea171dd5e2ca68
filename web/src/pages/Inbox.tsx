/**
 * Mina uppgifter: the tasks the user may work on (theirs and their groups'), filtered, sorted
 * and paged on the server; claim and unclaim in the row. Filters live in the address (not
 * personal data: process, unit, due, sort, page), so back and reload keep them.
 */
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { api, ApiError, type Task } from '../api.js';
import { Loading, PageTitle, dueClass, useLoad } from '../components/common.js';
import { fmtDate } from '../i18n/index.js';
import { useSession } from '../components/session.js';

const FILTER_KEYS = ['due', 'sort', 'processId', 'unitId', 'assignee'] as const;

export function InboxPage() {
  const { t } = useTranslation();
  const { me, refreshCounts } = useSession();
  const [params, setParams] = useSearchParams();
  const q = Object.fromEntries(FILTER_KEYS.map((k) => [k, params.get(k) ?? ''])) as Record<(typeof FILTER_KEYS)[number], string>;
  const page = Math.max(1, Number(params.get('page') ?? 1) || 1);
  const [notice, setNotice] = useState(params.has('done') ? t('inbox.done') : params.has('completing') ? t('inbox.completingNotice') : '');
  const tasks = useLoad(() => api.tasks({ ...q, sort: q.sort || 'due', page }), [params.toString()]);
  const options = useLoad(() => Promise.all([api.definitions(), api.units()]), []);
  const [defs, units] = options.data ?? [[], []];
  const processNames = useMemo(() => new Map(defs.map((d) => [d.processId, d.name])), [defs]);

  const go = (changes: Record<string, string>) => {
    const next = new URLSearchParams();
    for (const k of FILTER_KEYS) { const v = changes[k] ?? q[k]; if (v) next.set(k, v); }
    next.set('page', changes.page ?? '1');
    setParams(next);
  };
  const claim = async (task: Task, assignee: string | null) => {
    try {
      await api.assign(task.key, assignee);
      setNotice(t(assignee ? 'inbox.claimed' : 'inbox.unclaimed', { name: task.name ?? '' }));
      tasks.reload();
      refreshCounts();
    } catch (e) {
      setNotice(e instanceof ApiError ? e.detail : t('app.unknownError'));
    }
  };

  const select = (name: (typeof FILTER_KEYS)[number], label: string, choices: [string, string][]) => (
    <span className="field">
      <label htmlFor={`f-${name}`}>{label}</label>
      <select id={`f-${name}`} name={name} defaultValue={q[name]} key={`${name}-${q[name]}`}>
        {choices.map(([v, l]) => <option key={v} value={v}>{l}</option>)}
      </select>
    </span>
  );

  const data = tasks.data;
  // the total is counted up to a cap: past it, "fler än" that many (whole) pages
  const pages = !data ? 1 : data.totalExact ? Math.max(1, Math.ceil(data.total / data.pageSize)) : Math.floor(data.total / data.pageSize);
  return (
    <>
      <PageTitle>{t('inbox.title')}</PageTitle>
      <p role="status" className={notice ? 'notice' : 'sr-only'}>{notice}</p>
      <p className="cta">
        <Link className="button" to="/rapportera/lex-sarah">{t('inbox.reportCta')}</Link>{' '}
        <Link to="/rapportera">{t('inbox.reportAll')}</Link>
      </p>
      <form className="filters" aria-label={t('inbox.filters')} onSubmit={(e) => {
        e.preventDefault();
        const f = new FormData(e.currentTarget);
        go(Object.fromEntries(FILTER_KEYS.map((k) => [k, String(f.get(k) ?? '')])));
      }}>
        {select('due', t('inbox.show'), [['', t('inbox.all')], ['overdue', t('inbox.overdue')], ['soon', t('inbox.soon')]])}
        {select('processId', t('inbox.process'), [['', t('inbox.allProcesses')], ...defs.map((d): [string, string] => [d.processId, d.name])])}
        {select('unitId', t('inbox.unit'), [['', t('inbox.allUnits')], ...units.filter((u) => u.type === 'unit').map((u): [string, string] => [u.id, u.name])])}
        {select('assignee', t('inbox.assignee'), [['', t('inbox.anyAssignee')], ['me', t('inbox.mine')], ['unassigned', t('inbox.unassigned')]])}
        {select('sort', t('inbox.sortBy'), [['due', t('inbox.sortDue')], ['priority', t('inbox.sortPriority')], ['created', t('inbox.sortCreated')]])}
        <button type="submit" className="secondary">{t('inbox.show')}</button>
      </form>
      {!data ? <Loading error={tasks.error} /> : (
        <>
          <table>
            <caption className="muted">{t(data.totalExact ? 'inbox.caption' : 'inbox.captionMore', { total: data.total })}</caption>
            <thead><tr>
              <th scope="col">{t('inbox.task')}</th><th scope="col">{t('inbox.case')}</th><th scope="col">{t('inbox.process')}</th><th scope="col">{t('inbox.unit')}</th>
              <th scope="col">{t('inbox.due')}</th><th scope="col">{t('inbox.created')}</th><th scope="col">{t('inbox.who')}</th><th scope="col">{t('inbox.actions')}</th>
            </tr></thead>
            <tbody>
              {data.items.length === 0 && <tr><td colSpan={8}>{t('inbox.empty')}</td></tr>}
              {data.items.map((task) => (
                <tr key={task.key}>
                  <td><Link to={`/tasks/${task.key}`}>{task.name}</Link>{task.state === 'completing' && <> <span className="badge muted">{t('inbox.completing')}</span></>}</td>
                  <td>{task.caseNumber ?? ''}</td>
                  <td>{processNames.get(task.processId) ?? task.processId}</td>
                  <td>{task.unitName ?? ''}</td>
                  <td className={dueClass(task.dueDate)}>{fmtDate(task.dueDate)}</td>
                  <td>{fmtDate(task.createdAt)}</td>
                  <td>{task.assignee === me.username ? t('inbox.me') : task.assignee ?? ''}</td>
                  <td>
                    {task.state === 'completing' ? null : task.assignee === me.username
                      ? <button type="button" className="secondary small" onClick={() => claim(task, null)} aria-label={`${t('inbox.unclaim')}: ${task.name ?? ''} ${task.caseNumber ?? ''}`}>{t('inbox.unclaim')}</button>
                      : !task.assignee && <button type="button" className="secondary small" onClick={() => claim(task, me.username)} aria-label={`${t('inbox.claim')}: ${task.name ?? ''} ${task.caseNumber ?? ''}`}>{t('inbox.claim')}</button>}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <nav aria-label={t('inbox.pages')} className="pager">
            {page > 1 && <button type="button" className="linkish" onClick={() => go({ page: String(page - 1) })}>{t('inbox.previous')}</button>}
            <span className="muted">{t(data.totalExact ? 'inbox.pageOf' : 'inbox.pageOfMore', { page, pages })}</span>
            {data.hasMore && <button type="button" className="linkish" onClick={() => go({ page: String(page + 1) })}>{t('inbox.next')}</button>}
          </nav>
        </>
      )}
    </>
  );
}
