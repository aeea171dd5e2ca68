/**
 * The public e-service (no login): synpunkter, klagomål och beröm from brukare, anhöriga and
 * citizens, in plain language. Anonymous is allowed; the answer is a receipt number, and
 * nothing the person wrote goes into the address. Below the form: the personal-data notice
 * (GDPR art. 13) and the link to the accessibility statement.
 */
import { Button, Checkbox, Form, RadioButton, RadioButtonGroup, Select, SelectItem, Stack, TextArea, TextInput, Tile } from '@carbon/react';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../../api.js';
import { Loading, Notice, PageTitle } from '../../shared/ui.js';
import { PrivacyNotice } from './PrivacyNotice.js';

type Errors = { unitId?: string; description?: string; form?: string };

export function PublicPage() {
  const { t } = useTranslation();
  const units = useQuery({ queryKey: ['public', 'units'], queryFn: api.publicUnits, staleTime: 5 * 60_000 });
  // the services a synpunkt may name: process names only (issue 14 point 5); optional, the form works without them
  const services = useQuery({ queryKey: ['public', 'processes'], queryFn: api.publicProcesses, staleTime: 5 * 60_000 });
  const notice = useQuery({ queryKey: ['public', 'privacy-notice'], queryFn: api.publicPrivacyNotice, staleTime: 5 * 60_000 });
  const submit = useMutation({ mutationFn: (body: Record<string, unknown>) => api.submitSynpunkt(body) });
  const [anonymous, setAnonymous] = useState(false);
  const [errors, setErrors] = useState<Errors>({});
  const [receipt, setReceipt] = useState<string>();
  // one id per filled-in form: a double click or a resend after a lost answer is the same
  // submission, and the server answers it with the same receipt (issue 15 point 4)
  const [submissionId] = useState(() => crypto.randomUUID());

  if (receipt) {
    return (
      <div className="narrow">
        <PageTitle>{t('public.thanks')}</PageTitle>
        <Tile className="card">
          <p>
            {t('public.received')} <strong id="receipt">{receipt}</strong>.
          </p>
          <p>
            {t('public.keep')} {anonymous ? '' : t('public.answer')}
          </p>
        </Tile>
      </div>
    );
  }
  if (units.error)
    return (
      <>
        <PageTitle>{t('app.error')}</PageTitle>
        <Notice kind="error" text={t('public.unavailable')} />
      </>
    );
  if (!units.data) return <Loading error={undefined} />;
  return (
    <div className="narrow">
      <PageTitle>{t('public.title')}</PageTitle>
      <Tile className="card">
        <Form
          noValidate
          onSubmit={async (e) => {
            e.preventDefault();
            const f = new FormData(e.currentTarget);
            const contact = String(f.get('contactDetails') ?? '').trim();
            const service = String(f.get('concernsProcessId') ?? '');
            const body: Record<string, unknown> = {
              kind: f.get('kind'),
              senderType: f.get('senderType'),
              unitId: f.get('unitId'),
              description: String(f.get('description') ?? ''),
              anonymous,
              ...(anonymous || !contact ? {} : { contactDetails: contact }),
              ...(service ? { concernsProcessId: service } : {}),
              submissionId,
            };
            setErrors({});
            try {
              setReceipt((await submit.mutateAsync(body)).receipt);
            } catch (err) {
              const fields = err instanceof ApiError ? err.fields : [];
              setErrors({
                unitId: fields.some((x) => x.field === 'unitId') ? t('public.unitError') : undefined,
                description: fields.some((x) => x.field === 'description') ? t('public.descriptionError') : undefined,
                form: err instanceof ApiError && err.status === 429 ? t('public.tooMany') : t('public.fixFirst'),
              });
            }
          }}
        >
          <Stack gap={6}>
            <p>{t('public.intro')}</p>
            <RadioButtonGroup legendText={t('public.what')} name="kind" defaultSelected="klagomal" orientation="vertical">
              {['klagomal', 'synpunkt', 'berom'].map((v) => (
                <RadioButton key={v} id={`kind-${v}`} value={v} labelText={t(`public.${v}`)} />
              ))}
            </RadioButtonGroup>
            <Select id="senderType" name="senderType" labelText={t('public.who')}>
              {['brukare', 'anhorig', 'medborgare', 'annan'].map((v) => (
                <SelectItem key={v} value={v} text={t(`public.${v}`)} />
              ))}
            </Select>
            <Select id="unitId" name="unitId" labelText={t('public.unit')} invalid={!!errors.unitId} invalidText={errors.unitId}>
              <SelectItem value="" text={t('public.chooseUnit')} />
              {units.data.map((u) => (
                <SelectItem key={u.value} value={u.value} text={u.label} />
              ))}
            </Select>
            {!!services.data?.length && (
              <Select id="concernsProcessId" name="concernsProcessId" labelText={t('deviations.publicProcess')}>
                <SelectItem value="" text={t('deviations.noProcess')} />
                {services.data.map((p) => (
                  <SelectItem key={p.value} value={p.value} text={p.label} />
                ))}
              </Select>
            )}
            <TextArea
              id="description"
              name="description"
              labelText={t('public.description')}
              rows={6}
              maxLength={4000}
              invalid={!!errors.description}
              invalidText={errors.description}
            />
            <Checkbox
              id="anonymous"
              name="anonymous"
              labelText={t('public.anonymous')}
              checked={anonymous}
              onChange={(_e, { checked }) => setAnonymous(checked)}
            />
            <TextInput
              id="contactDetails"
              name="contactDetails"
              labelText={t('public.contact')}
              maxLength={300}
              autoComplete="tel"
              disabled={anonymous}
              key={String(anonymous)}
            />
            {errors.form && <Notice kind="error" text={errors.form} />}
            <div>
              <Button type="submit" disabled={submit.isPending}>
                {t('public.submit')}
              </Button>
            </div>
          </Stack>
        </Form>
      </Tile>
      <PrivacyNotice notice={notice.data} />
    </div>
  );
}
