/**
 * Rapportera: for every signed-in person, the short start forms of avvikelse, lex Sarah,
 * lex Maria and synpunkt (registered on someone's behalf), and a receipt with the case number
 * (the registration step gives it; the page waits a few seconds for it).
 */
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { api, ApiError, isPending } from '../api.js';
import { FormMessage, FormView, type FormHandle } from '../components/FormView.js';
import { Loading, PageTitle, useLoad } from '../components/common.js';

export const REPORTABLE = ['lex-sarah', 'avvikelse', 'lex-maria', 'synpunkt'] as const;

export function ReportPage() {
  const { t } = useTranslation();
  return (
    <>
      <PageTitle>{t('report.title')}</PageTitle>
      <p>{t('report.intro')}</p>
      <ul className="choices">
        {REPORTABLE.map((p) => (
          <li key={p} className="card">
            <Link to={`/rapportera/${p}`} className="big">{t(`report.${p}`)}</Link>
            <p className="muted">{t(`report.${p}-help`)}</p>
          </li>
        ))}
      </ul>
    </>
  );
}

async function waitForCaseNumber(key: string): Promise<string | undefined> {
  for (let i = 0; i < 20; i++) {
    const inst = await api.instance(key).catch(() => undefined);
    const n = inst?.variables.caseNumber;
    if (typeof n === 'string' && n) return n;
    await new Promise((r) => setTimeout(r, 300));
  }
  return undefined;
}

export function ReportFormPage() {
  const { processId = '' } = useParams();
  const { t } = useTranslation();
  const what = (REPORTABLE as readonly string[]).includes(processId) ? t(`report.${processId}`) : processId;
  const loaded = useLoad(async () => {
    const [schema, units] = await Promise.all([api.startForm(processId), api.units()]);
    return { schema, data: { units: units.filter((u) => u.type === 'unit').map((u) => ({ label: u.name, value: u.id })) } };
  }, [processId]);
  const formRef = useRef<FormHandle>(null);
  const [error, setError] = useState<{ text: string; fields: { field: string; message: string }[] }>();
  const [receipt, setReceipt] = useState<{ key: string; caseNumber?: string; waiting: boolean }>();
  const [busy, setBusy] = useState(false);

  if (receipt) {
    return (
      <>
        <PageTitle>{t('report.receiptTitle')}</PageTitle>
        <div className="notice">
          <p>{t('report.receipt')}</p>
          <p id="receipt" aria-live="polite">{receipt.caseNumber ? t('report.caseNumber', { number: receipt.caseNumber }) : receipt.waiting ? t('app.loading') : t('report.caseNumberPending')}</p>
        </div>
        <p>{receipt.key && <><Link to={`/instances/${receipt.key}`}>{t('report.follow')}</Link> · </>}<Link to="/">{t('report.toInbox')}</Link></p>
      </>
    );
  }
  if (!loaded.data) return <Loading error={loaded.error} />;
  const submit = async () => {
    const data = formRef.current!.submit();
    if (!data) return setError({ text: t('task.invalid'), fields: [] });
    setBusy(true);
    try {
      const { units: _units, ...variables } = data;
      const r = await api.start(processId, variables);
      // accepted, and the server is still starting it: it will, the case shows in the lists then
      if (isPending(r)) return setReceipt({ key: '', waiting: false });
      setReceipt({ key: r.key, waiting: true });
      const caseNumber = await waitForCaseNumber(r.key);
      setReceipt({ key: r.key, caseNumber, waiting: false });
    } catch (e) {
      if (e instanceof ApiError && e.fields.length) formRef.current!.showErrors(e.fields);
      setError({ text: e instanceof ApiError ? e.detail : t('app.unknownError'), fields: e instanceof ApiError ? e.fields : [] });
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <PageTitle>{t('report.formTitle', { what })}</PageTitle>
      <section className="card">
        <FormView ref={formRef} schema={loaded.data.schema} data={loaded.data.data} />
        <FormMessage text={error?.text} fields={error?.fields} form={formRef.current} />
        <button type="button" onClick={submit} disabled={busy}>{t('task.submit')}</button>
      </section>
    </>
  );
}
