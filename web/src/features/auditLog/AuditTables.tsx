/** Loggkontroll's tables: the log rows (paged on the server) and the bursts. */
import { Button, Table, TableBody, TableCell, TableContainer, TableHead, TableHeader, TableRow } from '@carbon/react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AuditQuery } from '../../api.js';
import { fmtDateTime } from '../../i18n/index.js';
import { Loading } from '../../shared/ui.js';
import { useAuditBursts, useAuditLog, type AuditEntry } from './queries.js';

const PAGE_SIZE = 50;

/** A page of log rows for the filters and view, with the pager. */
export function EntryTable({ query }: { query: AuditQuery }) {
  const { t } = useTranslation();
  const [page, setPage] = useState(1);
  const key = JSON.stringify(query);
  useEffect(() => setPage(1), [key]);
  const { data, error } = useAuditLog(query, page, true);
  if (!data) return <Loading error={error} />;
  if (!data.items.length) return <p>{t('auditLog.empty')}</p>;
  const pages = Math.max(1, Math.ceil(data.total / PAGE_SIZE));
  const action = (e: AuditEntry) => t(`auditLog.actions.${e.action}`, { defaultValue: e.action });
  return (
    <>
      <TableContainer>
        <Table aria-label={t('auditLog.table')} size="sm">
          <TableHead>
            <TableRow>
              <TableHeader>{t('auditLog.at')}</TableHeader>
              <TableHeader>{t('auditLog.who')}</TableHeader>
              <TableHeader>{t('auditLog.action')}</TableHeader>
              <TableHeader>{t('auditLog.subject')}</TableHeader>
              <TableHeader>{t('auditLog.case')}</TableHeader>
              <TableHeader>{t('auditLog.unitCol')}</TableHeader>
              <TableHeader>{t('auditLog.address')}</TableHeader>
            </TableRow>
          </TableHead>
          <TableBody>
            {data.items.map((e) => (
              <TableRow key={e.id}>
                <TableCell>{fmtDateTime(e.at)}</TableCell>
                <TableCell>
                  {e.actorName ?? e.actor} <code>{e.actor}</code>
                </TableCell>
                <TableCell>{action(e)}</TableCell>
                <TableCell>
                  {e.subjectType} <code>{e.subjectKey}</code>
                </TableCell>
                <TableCell>{e.caseNumber ?? ''}</TableCell>
                <TableCell>{e.unitName ?? e.unitId ?? ''}</TableCell>
                <TableCell>{e.address ?? ''}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </TableContainer>
      <nav aria-label={t('auditLog.pages')} className="pager">
        {page > 1 && (
          <Button kind="ghost" size="sm" onClick={() => setPage(page - 1)}>
            {t('auditLog.previous')}
          </Button>
        )}
        <span className="muted">{t(data.totalExact ? 'auditLog.pageOf' : 'auditLog.pageOfMore', { page, pages })}</span>
        {data.hasMore && (
          <Button kind="ghost" size="sm" onClick={() => setPage(page + 1)}>
            {t('auditLog.next')}
          </Button>
        )}
      </nav>
    </>
  );
}

/** The bursts for the filters; a person's row filters the log by her. */
export function BurstTable({
  query,
  windowMinutes,
  minCases,
  onPerson,
}: {
  query: AuditQuery;
  windowMinutes: number;
  minCases: number;
  onPerson: (p: string) => void;
}) {
  const { t } = useTranslation();
  const { data, error } = useAuditBursts(query, windowMinutes, minCases, true);
  if (!data) return <Loading error={error} />;
  if (!data.items.length) return <p>{t('auditLog.empty')}</p>;
  return (
    <TableContainer>
      <Table aria-label={t('auditLog.burstsTable')} size="sm">
        <TableHead>
          <TableRow>
            <TableHeader>{t('auditLog.who')}</TableHeader>
            <TableHeader>{t('auditLog.start')}</TableHeader>
            <TableHeader>{t('auditLog.end')}</TableHeader>
            <TableHeader>{t('auditLog.cases')}</TableHeader>
            <TableHeader>
              <span className="cds--visually-hidden">{t('auditLog.showPerson')}</span>
            </TableHeader>
          </TableRow>
        </TableHead>
        <TableBody>
          {data.items.map((b) => (
            <TableRow key={`${b.actor}-${b.start}`}>
              <TableCell>
                {b.actorName ?? b.actor} <code>{b.actor}</code>
              </TableCell>
              <TableCell>{fmtDateTime(b.start)}</TableCell>
              <TableCell>{fmtDateTime(b.end)}</TableCell>
              <TableCell>{b.cases}</TableCell>
              <TableCell>
                <Button kind="ghost" size="sm" onClick={() => onPerson(b.actor)}>
                  {t('auditLog.showPerson')}
                </Button>
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </TableContainer>
  );
}
