/**
 * A routine (rutin, riktlinje …): the version in force (sanitised HTML from the server), who
 * decided it and when, "used in these steps", attachments, läst och förstått, the version history
 * with a word diff between two versions, and for managers who at their units has not read it.
 */
import { Button, Tag, Tile } from '@carbon/react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { api } from '../../api.js';
import { Loading, PageTitle } from '../../shared/ui.js';
import { useMe } from '../session/queries.js';

function VersionDiff({ id, from, to }: { id: string; from: number; to: number }) {
  const { t } = useTranslation();
  const { data } = useQuery({ queryKey: ['routines', id, 'diff', from, to], queryFn: () => api.routineDiff(id, from, to) });
  if (!data) return null;
  return (
    <p className="routine-diff" aria-label={t('routine.diff', { from, to })}>
      {data.map((p, i) => (p.added ? <ins key={i}>{p.value}</ins> : p.removed ? <del key={i}>{p.value}</del> : <span key={i}>{p.value}</span>))}
    </p>
  );
}

async function download(id: string, attachmentId: number) {
  const f = await api.routineAttachment(id, attachmentId);
  const bytes = Uint8Array.from(atob(f.dataBase64), (c) => c.charCodeAt(0));
  const url = URL.createObjectURL(new Blob([bytes], { type: f.contentType }));
  const a = document.createElement('a');
  a.href = url;
  a.download = f.fileName;
  a.click();
  URL.revokeObjectURL(url);
}

export function RoutinePage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const { data: me } = useMe();
  const [diffFrom, setDiffFrom] = useState<number | null>(null);
  const { data: r, error } = useQuery({ queryKey: ['routines', id], queryFn: () => api.routine(id) });
  const { data: versions } = useQuery({ queryKey: ['routines', id, 'versions'], queryFn: () => api.routineVersions(id) });
  const { data: attachments } = useQuery({ queryKey: ['routines', id, 'attachments'], queryFn: () => api.routineAttachments(id) });
  const managers = !!me?.may.includes('routine.unread');
  const { data: unread } = useQuery({ queryKey: ['routines', id, 'unread'], queryFn: () => api.routineUnread(id), enabled: managers && !!r?.adoptedOn });
  const confirm = useMutation({ mutationFn: () => api.confirmRoutineRead(id), onSuccess: () => qc.invalidateQueries({ queryKey: ['routines', id] }) });
  if (!r) return <Loading error={error} />;
  const current = r.adoptedOn ? r.version : null;
  return (
    <>
      <PageTitle>{r.title}</PageTitle>
      <Tile className="card">
        <p className="muted">
          {r.adoptedOn
            ? t('routine.full', {
                kind: t(`routine.kind.${r.kind}`, { defaultValue: r.kind }),
                version: r.version,
                decidedBy: r.decidedBy,
                adopted: r.adoptedOn,
                owner: r.ownerRole,
                followUp: r.followUpBy,
                review: r.nextReviewOn,
              })
            : t('routine.notAdopted')}
          {r.reviewOverdue && (
            <>
              {' '}
              <Tag type="red" size="sm">
                {t('routine.overdue')}
              </Tag>
            </>
          )}
        </p>
        {/* sanitised on the server (src/domain/routines/html.ts) */}
        <div className="routine-body" dangerouslySetInnerHTML={{ __html: r.body }} />
        {r.readConfirmed === false && me?.may.includes('routine.confirmRead') && (
          <Button kind="primary" onClick={() => confirm.mutate()} disabled={confirm.isPending}>
            {t('routine.confirmRead')}
          </Button>
        )}
        {r.readConfirmed === true && (
          <p>
            <Tag type="green">{t('routine.confirmed')}</Tag>
          </p>
        )}
        {unread && (
          <p>
            {t('routine.unreadCount', { count: unread.unread.length, staff: unread.staff })}
            {unread.unread.length > 0 && `: ${unread.unread.map((u) => u.displayName).join(', ')}`}
          </p>
        )}
        <h2>{t('routine.usedIn')}</h2>
        {r.links.length ? (
          <ul>
            {r.links.map((l) => (
              <li key={`${l.processId}/${l.elementId}`}>
                <Link className="cds--link" to={`/processer/${encodeURIComponent(l.processId)}`}>
                  {l.processId}
                </Link>{' '}
                · {l.elementId}
              </li>
            ))}
          </ul>
        ) : (
          <p className="muted">{t('routine.noLinks')}</p>
        )}
        <h2>{t('routine.attachments')}</h2>
        {attachments?.length ? (
          <ul>
            {attachments.map((a) => (
              <li key={a.id}>
                <Button kind="ghost" size="sm" onClick={() => void download(id, a.id)}>
                  {a.fileName}
                </Button>{' '}
                ({Math.ceil(a.size / 1024)} kB)
              </li>
            ))}
          </ul>
        ) : (
          <p className="muted">{t('routine.noAttachments')}</p>
        )}
        <h2>{t('routine.history')}</h2>
        <ul>
          {versions?.map((v) => (
            <li key={v.number}>
              {t('routine.versionLine', {
                number: v.number,
                state: t(`routine.state.${v.state}`),
                note: v.changeNote || t('app.none'),
                by: v.adoptedBy ?? v.author,
                on: v.adoptedOn ?? v.createdAt.slice(0, 10),
              })}
              {current !== null && v.number !== current && (
                <Button kind="ghost" size="sm" onClick={() => setDiffFrom(v.number)}>
                  {t('routine.compare')}
                </Button>
              )}
            </li>
          ))}
        </ul>
        {diffFrom !== null && current !== null && <VersionDiff id={id} from={Math.min(diffFrom, current)} to={Math.max(diffFrom, current)} />}
        <p>
          {me?.may.includes('routine.create') && (
            <Link className="cds--link" to={`/rutiner/${encodeURIComponent(id)}/redigera`}>
              {t('routine.edit')}
            </Link>
          )}{' '}
          <Button kind="ghost" onClick={() => navigate(-1)}>
            {t('app.back')}
          </Button>
        </p>
      </Tile>
    </>
  );
}
