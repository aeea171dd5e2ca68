/**
 * A process's versions (issue 14 point 2): the list with their states and adoption records; a
 * new draft from the latest; for the chosen version its review (reviewers, the comments thread
 * with answers), what the user may do with it (open in the modeler, send for review, take it out
 * of review, publish: the version's `may`, which the server decides) and the visual diff against
 * another version; a BPMN file imported as the next draft (VersionActions.tsx).
 */
import {
  Button,
  Checkbox,
  Select,
  SelectItem,
  Table,
  TableBody,
  TableCell,
  TableContainer,
  TableHead,
  TableHeader,
  TableRow,
  Tag,
  TextArea,
  Tile,
} from '@carbon/react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import { api, isPending, type Schemas } from '../../api.js';
import { fmtDate, fmtDateTime } from '../../i18n/index.js';
import { Loading, Notice, PageTitle, useErrorText } from '../../shared/ui.js';
import { DiffView } from './DiffView.js';
import { ImportResult, ImportVersion, useOutcome, WithdrawButton, type Begin } from './VersionActions.js';
import { useOrgRoles, useVersion, useVersionMutation, useVersions } from './queries.js';

type Version = Schemas['ProcessVersion'];
type Detail = Schemas['ProcessVersionDetail'];
const STATE_TAG: Record<Version['state'], 'gray' | 'blue' | 'purple' | 'green' | 'cool-gray'> = {
  draft: 'gray',
  review: 'blue',
  adopted: 'purple',
  published: 'green',
  superseded: 'cool-gray',
};

export function VersionsPage() {
  const { processId = '' } = useParams();
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const list = useVersions(processId);
  // whether the user may open a draft is the process's own (its owner): the newest version's `may` says it
  const newest = useVersion(processId, list.data?.[0]?.number ?? 0);
  const chosen = Number(params.get('v') ?? 0) || list.data?.[0]?.number || 0;
  const [status, begin] = useOutcome();
  const [imported, setImported] = useState<Schemas['ProcessImported']>();
  const errorText = useErrorText();
  const create = useVersionMutation(processId, () => api.createProcessVersion(processId, ''));

  if (!list.data) return <Loading error={list.error} />;
  const mayDraft = newest.data?.may.draft ?? false;
  const openDraft = list.data.some((v) => v.state === 'draft' || v.state === 'review');
  return (
    <>
      <PageTitle>{t('governance.versionsTitle', { process: processId })}</PageTitle>
      <p>
        <Link className="cds--link" to={`/processer/${processId}`}>
          {t('governance.backToProcess')}
        </Link>
      </p>
      {mayDraft && !openDraft && (
        <Button
          size="sm"
          disabled={create.isPending}
          onClick={() => {
            const say = begin();
            create.mutate(undefined, {
              onSuccess: (v) => {
                say(t('governance.created', { number: v.number }));
                setParams({ v: String(v.number) });
              },
              onError: (e) => say(errorText(e)),
            });
          }}
        >
          {t('governance.newDraft')}
        </Button>
      )}
      {mayDraft && !openDraft && (
        <ImportVersion
          processId={processId}
          begin={begin}
          done={(r, say) => {
            setImported(r.imported);
            say(r.error ?? '');
            if (r.imported) setParams({ v: String(r.imported.version.number) });
          }}
        />
      )}
      {status && <Notice kind="info" text={status} />}
      {imported && <ImportResult imported={imported} />}
      <TableContainer className="table">
        <Table size="sm">
          <TableHead>
            <TableRow>
              <TableHeader scope="col">{t('governance.version')}</TableHeader>
              <TableHeader scope="col">{t('governance.state')}</TableHeader>
              <TableHeader scope="col">{t('governance.author')}</TableHeader>
              <TableHeader scope="col">{t('governance.adoptedBy')}</TableHeader>
              <TableHeader scope="col">{t('governance.decision')}</TableHeader>
              <TableHeader scope="col">{t('governance.publishedAt')}</TableHeader>
              <TableHeader scope="col">{t('governance.changeNote')}</TableHeader>
            </TableRow>
          </TableHead>
          <TableBody>
            {list.data.map((v) => (
              <TableRow key={v.number} isSelected={v.number === chosen} data-testid={`version-${v.number}`}>
                <TableCell>
                  <Button kind="ghost" size="sm" className="linkish" aria-pressed={v.number === chosen} onClick={() => setParams({ v: String(v.number) })}>
                    {t('governance.versionN', { number: v.number })}
                  </Button>
                </TableCell>
                <TableCell>
                  <Tag type={STATE_TAG[v.state]} size="sm">
                    {t(`governance.states.${v.state}`)}
                  </Tag>
                </TableCell>
                <TableCell>
                  {v.author} · {fmtDate(v.createdAt)}
                </TableCell>
                <TableCell>{v.adoption ? `${v.adoption.adoptedBy} (${v.adoption.role}) · ${v.adoption.decisionDate}` : '–'}</TableCell>
                <TableCell>{v.adoption ? [v.adoption.decidedBy, v.adoption.decisionReference].filter(Boolean).join(', ') || '–' : '–'}</TableCell>
                <TableCell>{v.publication ? fmtDateTime(v.publication.publishedAt) : '–'}</TableCell>
                <TableCell>{v.changeNote || '–'}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </TableContainer>
      {chosen > 0 && (
        <VersionDetail processId={processId} number={chosen} others={list.data.filter((v) => v.number !== chosen).map((v) => v.number)} begin={begin} />
      )}
    </>
  );
}

/** `begin` puts an action's outcome on the page (the form that did it goes once the version's state changes). */
function VersionDetail({ processId, number, others, begin }: { processId: string; number: number; others: number[]; begin: Begin }) {
  const { t } = useTranslation();
  const loaded = useVersion(processId, number);
  const [other, setOther] = useState(0);
  if (!loaded.data) return <Loading error={loaded.error} />;
  const v = loaded.data;
  const compare = other || others.find((o) => o < number) || 0;
  return (
    <div className="layout">
      <section aria-labelledby="version-h">
        <Tile className="card">
          <h2 id="version-h">
            {t('governance.versionN', { number: v.number })} · {t(`governance.states.${v.state}`)}
          </h2>
          <dl className="facts compact">
            <dt>{t('governance.decisionLevel')}</dt>
            <dd>
              {v.decisionLevel.decidedBy} ({t(`governance.level.${v.decisionLevel.level}`)})
            </dd>
            <dt>{t('governance.basedOn')}</dt>
            <dd>{v.basedOn ? t('governance.versionN', { number: v.basedOn }) : '–'}</dd>
            <dt>{t('governance.lintErrors')}</dt>
            <dd>{v.lint.filter((p) => p.category === 'error').length}</dd>
          </dl>
          {v.may.edit && (
            <p>
              <Link className="cds--btn cds--btn--primary cds--btn--sm" to={`/processer/${processId}/versioner/${v.number}/redigera`}>
                {t('governance.openModeler')}
              </Link>
            </p>
          )}
          {v.may.submit && <SubmitForm version={v} begin={begin} />}
          {v.may.withdraw && <WithdrawButton version={v} begin={begin} />}
          {v.may.publish && <PublishButton version={v} begin={begin} />}
          <h3>{t('governance.compare')}</h3>
          {others.length === 0 ? (
            <p className="muted">{t('governance.nothingToCompare')}</p>
          ) : (
            <>
              <Select id="compare-with" labelText={t('governance.compareWith')} value={String(compare)} onChange={(e) => setOther(Number(e.target.value))}>
                {others.map((o) => (
                  <SelectItem key={o} value={String(o)} text={t('governance.versionN', { number: o })} />
                ))}
              </Select>
              {compare > 0 && <DiffView processId={processId} number={v.number} other={compare} />}
            </>
          )}
        </Tile>
      </section>
      <aside aria-labelledby="review-h">
        <Tile className="card">
          <h2 id="review-h">{t('governance.review')}</h2>
          {v.reviewers.length === 0 ? (
            <p className="muted">{t('governance.noReviewers')}</p>
          ) : (
            <ul data-testid="reviewers">
              {v.reviewers.map((r) => (
                <li key={r.username}>
                  {r.username}: {r.verdict ? t(`governance.verdict.${r.verdict}`) : t('governance.verdict.pending')}
                  {r.decidedAt ? ` · ${fmtDateTime(r.decidedAt)}` : ''}
                </li>
              ))}
            </ul>
          )}
          <Comments version={v} />
        </Tile>
      </aside>
    </div>
  );
}

function SubmitForm({ version, begin }: { version: Detail; begin: Begin }) {
  const { t } = useTranslation();
  const roles = useOrgRoles();
  const [chosen, setChosen] = useState<string[]>([]);
  const [status, setStatus] = useState<{ kind: 'error'; text: string }>();
  const errorText = useErrorText();
  const submit = useVersionMutation(version.processId, () => api.submitProcessVersion(version.processId, version.number, chosen));
  const people = [...new Map((roles.data ?? []).flatMap((r) => r.holders.map((h) => [h.username, { ...h, role: r.role }] as const))).values()].filter(
    (p) => p.username !== version.author,
  );
  return (
    <fieldset className="reviewers-choice">
      <legend>{t('governance.chooseReviewers')}</legend>
      {people.map((p) => (
        <Checkbox
          key={p.username}
          id={`reviewer-${p.username}`}
          labelText={`${p.displayName} (${p.username})`}
          checked={chosen.includes(p.username)}
          onChange={(_e, { checked }) => setChosen((c) => (checked ? [...c, p.username] : c.filter((u) => u !== p.username)))}
        />
      ))}
      <Button
        size="sm"
        disabled={chosen.length === 0 || submit.isPending}
        // mutateAsync: the outcome is said even though this form goes when the version's state changes
        onClick={() => {
          const say = begin();
          submit.mutateAsync().then(
            (r) => say(isPending(r) ? t('governance.submitPending') : t('governance.submitted')),
            (e: unknown) => setStatus({ kind: 'error', text: errorText(e) }),
          );
        }}
      >
        {t('governance.submit')}
      </Button>
      {status && <Notice kind={status.kind} text={status.text} />}
    </fieldset>
  );
}

function PublishButton({ version, begin }: { version: Detail; begin: Begin }) {
  const { t } = useTranslation();
  const [status, setStatus] = useState<{ kind: 'error'; text: string }>();
  const errorText = useErrorText();
  const publish = useVersionMutation(version.processId, () => api.publishProcessVersion(version.processId, version.number));
  return (
    <>
      <Button
        size="sm"
        kind="secondary"
        disabled={publish.isPending}
        onClick={() => {
          const say = begin();
          publish.mutateAsync().then(
            () => say(t('governance.published')),
            (e: unknown) => setStatus({ kind: 'error', text: errorText(e) }),
          );
        }}
      >
        {t('governance.publish')}
      </Button>
      {status && <Notice kind={status.kind} text={status.text} />}
    </>
  );
}

function Comments({ version }: { version: Detail }) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const [replyTo, setReplyTo] = useState<number>();
  const [error, setError] = useState('');
  const errorText = useErrorText();
  const send = useVersionMutation(version.processId, () => api.commentProcessVersion(version.processId, version.number, text, replyTo));
  const top = version.comments.filter((c) => c.replyTo === null);
  const answers = (id: number) => version.comments.filter((c) => c.replyTo === id);
  return (
    <>
      <h3>{t('governance.comments')}</h3>
      {top.length === 0 ? (
        <p className="muted">{t('governance.noComments')}</p>
      ) : (
        <ul className="comments" data-testid="comments">
          {top.map((c) => (
            <li key={c.id}>
              <p>
                <strong>{c.author}</strong> <span className="muted">{fmtDateTime(c.createdAt)}</span>
              </p>
              <p>{c.text}</p>
              {answers(c.id).length > 0 && (
                <ul className="answers">
                  {answers(c.id).map((a) => (
                    <li key={a.id}>
                      <strong>{a.author}</strong> <span className="muted">{fmtDateTime(a.createdAt)}</span>
                      <p>{a.text}</p>
                    </li>
                  ))}
                </ul>
              )}
              {version.may.comment && (
                <Button kind="ghost" size="sm" onClick={() => setReplyTo(c.id)} aria-pressed={replyTo === c.id}>
                  {t('governance.answer')}
                </Button>
              )}
            </li>
          ))}
        </ul>
      )}
      {version.may.comment && (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            setError('');
            send.mutate(undefined, {
              onSuccess: () => {
                setText('');
                setReplyTo(undefined);
              },
              onError: (err) => setError(errorText(err)),
            });
          }}
        >
          <TextArea
            id="comment-text"
            labelText={replyTo ? t('governance.answerLabel') : t('governance.commentLabel')}
            value={text}
            onChange={(e) => setText(e.target.value)}
            maxCount={4000}
          />
          <Button type="submit" size="sm" disabled={!text.trim() || send.isPending}>
            {replyTo ? t('governance.sendAnswer') : t('governance.sendComment')}
          </Button>
          {error && <Notice kind="error" text={error} />}
        </form>
      )}
    </>
  );
}
