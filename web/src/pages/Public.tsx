/**
 * The public e-service (no login): synpunkter, klagomål och beröm from brukare, anhöriga and
 * citizens, in plain language. Anonymous is allowed; the answer is a receipt number, and
 * nothing the person wrote goes into the address.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../api.js';
import { Loading, PageTitle, useLoad } from '../components/common.js';

export function PublicPage() {
  const { t } = useTranslation();
  const units = useLoad(() => api.publicUnits(), []);
  const [anonymous, setAnonymous] = useState(false);
  const [errors, setErrors] = useState<{ unitId?: string; description?: string; form?: string }>({});
  const [receipt, setReceipt] = useState<string>();

  if (receipt) {
    return (
      <>
        <PageTitle>{t('public.thanks')}</PageTitle>
        <div className="card"><p>{t('public.received')} <strong id="receipt">{receipt}</strong>.</p><p>{t('public.keep')} {anonymous ? '' : t('public.answer')}</p></div>
      </>
    );
  }
  if (units.error) return <><PageTitle>{t('app.error')}</PageTitle><p className="error">{t('public.unavailable')}</p></>;
  if (!units.data) return <Loading error={undefined} />;
  const radio = (value: string) => (
    <label className="choice" key={value}><input type="radio" name="kind" value={value} defaultChecked={value === 'klagomal'} /> {t(`public.${value}`)}</label>
  );
  return (
    <>
      <PageTitle>{t('public.title')}</PageTitle>
      <form className="card" noValidate onSubmit={async (e) => {
        e.preventDefault();
        const f = new FormData(e.currentTarget);
        const contact = String(f.get('contactDetails') ?? '').trim();
        const body: Record<string, unknown> = {
          kind: f.get('kind'), senderType: f.get('senderType'), unitId: f.get('unitId'), description: String(f.get('description') ?? ''), anonymous,
          ...(anonymous || !contact ? {} : { contactDetails: contact }),
        };
        setErrors({});
        try {
          setReceipt((await api.submitSynpunkt(body)).receipt);
        } catch (err) {
          const fields = err instanceof ApiError ? err.fields : [];
          setErrors({
            unitId: fields.some((x) => x.field === 'unitId') ? t('public.unitError') : undefined,
            description: fields.some((x) => x.field === 'description') ? t('public.descriptionError') : undefined,
            form: err instanceof ApiError && err.status === 429 ? t('public.tooMany') : t('public.fixFirst'),
          });
        }
      }}>
        <p>{t('public.intro')}</p>
        <fieldset><legend>{t('public.what')}</legend>{['klagomal', 'synpunkt', 'berom'].map(radio)}</fieldset>
        <label htmlFor="senderType">{t('public.who')}</label>
        <select id="senderType" name="senderType">
          {['brukare', 'anhorig', 'medborgare', 'annan'].map((v) => <option key={v} value={v}>{t(`public.${v}`)}</option>)}
        </select>
        <label htmlFor="unitId">{t('public.unit')}</label>
        <select id="unitId" name="unitId" aria-describedby="unitId-error" aria-invalid={!!errors.unitId}>
          <option value="">{t('public.chooseUnit')}</option>
          {units.data.map((u) => <option key={u.value} value={u.value}>{u.label}</option>)}
        </select>
        <p className="error" id="unitId-error">{errors.unitId}</p>
        <label htmlFor="description">{t('public.description')}</label>
        <textarea id="description" name="description" rows={6} maxLength={4000} aria-describedby="description-error" aria-invalid={!!errors.description} />
        <p className="error" id="description-error">{errors.description}</p>
        <label className="choice"><input type="checkbox" id="anonymous" name="anonymous" checked={anonymous} onChange={(e) => setAnonymous(e.target.checked)} /> {t('public.anonymous')}</label>
        <label htmlFor="contactDetails">{t('public.contact')}</label>
        <input type="text" id="contactDetails" name="contactDetails" maxLength={300} autoComplete="tel" disabled={anonymous} key={String(anonymous)} />
        <p className="error" role="alert">{errors.form}</p>
        <button type="submit">{t('public.submit')}</button>
      </form>
    </>
  );
}
