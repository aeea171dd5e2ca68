/**
 * Mina uppgifter: the tasks the user may work on (theirs and their groups'), filtered, sorted
 * and paged on the server; claim and unclaim in the row. Filters live in the address (not
 * personal data: process, unit, due, sort, page), so back and reload keep them.
 */
import { Button, Select, SelectItem, Table, TableBody, TableCell, TableContainer, TableHead, TableHeader, TableRow, Tag } from '@carbon/react';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import type { Task } from '../../api.js';
import { fmtDate } from '../../i18n/index.js';
import { dueClass } from '../../shared/format.js';
import { Loading, PageTitle, StatusLine, useErrorText } from '../../shared/ui.js';
import { useSession } from '../session/session.js';
import { useAssign, useFilterOptions, useTasks } from './queries.js';

const FILTER_KEYS = ['due', 'sort', 'processId', 'unitId', 'assignee'] as const;
type FilterKey = (typeof FILTER_KEYS)[number];

export function InboxPage() {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const { me } = useSession();
  const [params, setParams] = useSearchParams();
  const q = Object.fromEntries(FILTER_KEYS.map((k) => [k, params.get(k) ?? ''])) as Record<FilterKey, string>;
  const page = Math.max(1, Number(params.get('page') ?? 1) || 1);
  const [notice, setNotice] = useState<{ kind: 'success' | 'error'; text: string }>({
    kind: 'success',
    text: params.has('done') ? t('inbox.done') : params.has('completing') ? t('inbox.completingNotice') : '',
  });
  const tasks = useTasks({ ...q, sort: q.sort || 'due', page });
  const options = useFilterOptions();
  const assign = useAssign();
  const [defs, units] = options.data ?? [[], []];
  const processNames = useMemo(() => new Map(defs.map((d) => [d.processId, d.name])), [defs]);

  const go = (changes: Record<string, string>) => {
    const next = new URLSearchParams();
    for (const k of FILTER_KEYS) {
      const v = changes[k] ?? q[k];
      if (v) next.set(k, v);
    }
    next.set('page', changes.page ?? '1');
    setParams(next);
  };
  const claim = async (task: Task, assignee: string | null) => {
    try {
      await assign.mutateAsync({ key: task.key, assignee });
      setNotice({ kind: 'success', text: t(assignee ? 'inbox.claimed' : 'inbox.unclaimed', { name: task.name ?? '' }) });
    } catch (e) {
      setNotice({ kind: 'error', text: errorText(e) });
    }
  };

  const select = (name: FilterKey, label: string, choices: [string, string][]) => (
    <Select id={`f-${name}`} name={name} labelText={label} size="md" defaultValue={q[name]} key={`${name}-${q[name]}`}>
      {choices.map(([v, l]) => (
        <SelectItem key={v} value={v} text={l} />
      ))}
    </Select>
  );

  const data = tasks.data;
  // the total is counted up to a cap: past it, "fler än" that many (whole) pages
  const pages = !data ? 1 : data.totalExact ? Math.max(1, Math.ceil(data.total / data.pageSize)) : Math.floor(data.total / data.pageSize);
  const rowLabel = (what: string, task: Task) => `${what}: ${task.name ?? ''} ${task.caseNumber ?? ''}`;
  return (
    <>
      <PageTitle>{t('inbox.title')}</PageTitle>
      <StatusLine kind={notice.kind} text={notice.text} />
      <p className="cta">
        <Button as={Link} to="/rapportera/lex-sarah">
          {t('inbox.reportCta')}
        </Button>
        <Link className="cds--link" to="/rapportera">
          {t('inbox.reportAll')}
        </Link>
      </p>
      <form
        className="filters"
        aria-label={t('inbox.filters')}
        onSubmit={(e) => {
          e.preventDefault();
          const f = new FormData(e.currentTarget);
          go(Object.fromEntries(FILTER_KEYS.map((k) => [k, String(f.get(k) ?? '')])));
        }}
      >
        {select('due', t('inbox.show'), [
          ['', t('inbox.all')],
          ['overdue', t('inbox.overdue')],
          ['soon', t('inbox.soon')],
        ])}
        {select('processId', t('inbox.process'), [['', t('inbox.allProcesses')], ...defs.map((d): [string, string] => [d.processId, d.name])])}
        {select('unitId', t('inbox.unit'), [['', t('inbox.allUnits')], ...units.filter((u) => u.type === 'unit').map((u): [string, string] => [u.id, u.name])])}
        {select('assignee', t('inbox.assignee'), [
          ['', t('inbox.anyAssignee')],
          ['me', t('inbox.mine')],
          ['unassigned', t('inbox.unassigned')],
        ])}
        {select('sort', t('inbox.sortBy'), [
          ['due', t('inbox.sortDue')],
          ['priority', t('inbox.sortPriority')],
          ['created', t('inbox.sortCreated')],
        ])}
        <Button type="submit" kind="secondary">
          {t('inbox.show')}
        </Button>
      </form>
      {!data ? (
        <Loading error={tasks.error} />
      ) : (
        <>
          <TableContainer className="table">
            <Table size="md" useZebraStyles={false}>
              <caption className="table-caption">{t(data.totalExact ? 'inbox.caption' : 'inbox.captionMore', { total: data.total })}</caption>
              <TableHead>
                <TableRow>
                  <TableHeader scope="col">{t('inbox.task')}</TableHeader>
                  <TableHeader scope="col">{t('inbox.case')}</TableHeader>
                  <TableHeader scope="col">{t('inbox.process')}</TableHeader>
                  <TableHeader scope="col">{t('inbox.unit')}</TableHeader>
                  <TableHeader scope="col">{t('inbox.due')}</TableHeader>
                  <TableHeader scope="col">{t('inbox.created')}</TableHeader>
                  <TableHeader scope="col">{t('inbox.who')}</TableHeader>
                  <TableHeader scope="col">{t('inbox.actions')}</TableHeader>
                </TableRow>
              </TableHead>
              <TableBody>
                {data.items.length === 0 && (
                  <TableRow>
                    <TableCell colSpan={8}>{t('inbox.empty')}</TableCell>
                  </TableRow>
                )}
                {data.items.map((task) => (
                  <TableRow key={task.key}>
                    <TableCell>
                      <Link className="cds--link" to={`/tasks/${task.key}`}>
                        {task.name}
                      </Link>
                      {task.state === 'completing' && (
                        <>
                          {' '}
                          <Tag type="gray" size="sm">
                            {t('inbox.completing')}
                          </Tag>
                        </>
                      )}
                      {task.takenFrom === me.username && task.assignee !== me.username && (
                        <>
                          {' '}
                          <Tag type="warm-gray" size="sm">
                            {t('inbox.takenFromYou')}
                          </Tag>
                        </>
                      )}
                    </TableCell>
                    <TableCell>{task.caseNumber ?? ''}</TableCell>
                    <TableCell>{processNames.get(task.processId) ?? task.processId}</TableCell>
                    <TableCell>{task.unitName ?? ''}</TableCell>
                    <TableCell className={dueClass(task.dueDate)}>{fmtDate(task.dueDate)}</TableCell>
                    <TableCell>{fmtDate(task.createdAt)}</TableCell>
                    <TableCell>{task.assignee === me.username ? t('inbox.me') : (task.assignee ?? '')}</TableCell>
                    <TableCell>
                      {task.state === 'completing' ? null : task.assignee === me.username ? (
                        <Button kind="tertiary" size="sm" onClick={() => claim(task, null)} aria-label={rowLabel(t('inbox.unclaim'), task)}>
                          {t('inbox.unclaim')}
                        </Button>
                      ) : (
                        !task.assignee && (
                          <Button kind="tertiary" size="sm" onClick={() => claim(task, me.username)} aria-label={rowLabel(t('inbox.claim'), task)}>
                            {t('inbox.claim')}
                          </Button>
                        )
                      )}
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </TableContainer>
          <nav aria-label={t('inbox.pages')} className="pager">
            {page > 1 && (
              <Button kind="ghost" size="sm" onClick={() => go({ page: String(page - 1) })}>
                {t('inbox.previous')}
              </Button>
            )}
            <span className="muted">{t(data.totalExact ? 'inbox.pageOf' : 'inbox.pageOfMore', { page, pages })}</span>
            {data.hasMore && (
              <Button kind="ghost" size="sm" onClick={() => go({ page: String(page + 1) })}>
                {t('inbox.next')}
              </Button>
            )}
          </nav>
        </>
      )}
    </>
  );
}
