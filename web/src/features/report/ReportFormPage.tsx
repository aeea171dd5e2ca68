/**
 * A start form: the short forms of Rapportera (every signed-in person) and the start of a process
 * by hand (/start, for those the process lets start it), then a receipt with the case number
 * (the registration step gives it; the page waits a few seconds for it).
 */
import { Button, Tile } from '@carbon/react';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { ApiError, isPending } from '../../api.js';
import { Forbidden } from '../../app/Forbidden.js';
import { FormMessage, FormView, type FormHandle } from '../../shared/FormView.js';
import { Loading, Notice, PageTitle } from '../../shared/ui.js';
import { useStart, useStartable, useStartForm, waitForCaseNumber } from './queries.js';
import { REPORTABLE } from './ReportPage.js';
import { TAKES_WHERE, WherePicker, whereVariables, type Where } from './WherePicker.js';

function StartForm({ processId }: { processId: string }) {
  const { t } = useTranslation();
  const what = (REPORTABLE as readonly string[]).includes(processId) ? t(`report.${processId}`) : processId;
  const loaded = useStartForm(processId);
  const start = useStart(processId);
  const formRef = useRef<FormHandle>(null);
  const [error, setError] = useState<{ text: string; fields: { field: string; message: string }[] }>();
  const [receipt, setReceipt] = useState<{ key: string; caseNumber?: string; waiting: boolean }>();
  const [where, setWhere] = useState<Where>({ processId: '', elementId: '' });
  const takesWhere = TAKES_WHERE.includes(processId);

  if (receipt) {
    return (
      <>
        <PageTitle>{t('report.receiptTitle')}</PageTitle>
        <Notice kind="success" text={t('report.receipt')}>
          <p id="receipt" aria-live="polite">
            {receipt.caseNumber ? t('report.caseNumber', { number: receipt.caseNumber }) : receipt.waiting ? t('app.loading') : t('report.caseNumberPending')}
          </p>
        </Notice>
        <p>
          {receipt.key && (
            <>
              <Link className="cds--link" to={`/instances/${receipt.key}`}>
                {t('report.follow')}
              </Link>{' '}
              ·{' '}
            </>
          )}
          <Link className="cds--link" to="/">
            {t('report.toInbox')}
          </Link>
        </p>
      </>
    );
  }
  if (!loaded.data) return <Loading error={loaded.error} />;
  const submit = async () => {
    const data = formRef.current!.submit();
    if (!data) return setError({ text: t('task.invalid'), fields: [] });
    try {
      const { units: _units, ...variables } = data;
      const r = await start.mutateAsync(takesWhere ? { ...variables, ...whereVariables(where) } : variables);
      // accepted, and the server is still starting it: it will, the case shows in the lists then
      if (isPending(r)) return setReceipt({ key: '', waiting: false });
      setReceipt({ key: r.key, waiting: true });
      setReceipt({ key: r.key, caseNumber: await waitForCaseNumber(r.key), waiting: false });
    } catch (e) {
      if (e instanceof ApiError && e.fields.length) formRef.current!.showErrors(e.fields);
      setError({ text: e instanceof ApiError ? e.detail : t('app.unknownError'), fields: e instanceof ApiError ? e.fields : [] });
    }
  };
  return (
    <>
      <PageTitle>{t('report.formTitle', { what })}</PageTitle>
      <Tile className="card">
        <FormView ref={formRef} schema={loaded.data.schema} data={loaded.data.data} />
        {takesWhere && <WherePicker value={where} onChange={setWhere} />}
        <FormMessage text={error?.text} fields={error?.fields} form={formRef.current} />
        <Button onClick={submit} disabled={start.isPending}>
          {t('task.submit')}
        </Button>
      </Tile>
    </>
  );
}

/** Rapportera's forms: avvikelse, lex Sarah, lex Maria and synpunkt, open to every signed-in person. */
export function ReportFormPage() {
  const { processId = '' } = useParams();
  return <StartForm processId={processId} />;
}

/** Starting a process by hand: only for those the process lets start it. */
export function StartFormPage() {
  const { processId = '' } = useParams();
  const startable = useStartable(processId);
  if (startable.data === undefined) return <Loading error={startable.error} />;
  return startable.data ? <StartForm processId={processId} /> : <Forbidden />;
}
