/** Inställningar (issue 15.4): one's e-mail address and what one is told by e-mail. */
import { Button, NumberInput, RadioButton, RadioButtonGroup, Stack, TextInput } from '@carbon/react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../../api.js';
import { Loading, Notice, PageTitle, StatusLine, useErrorText } from '../../shared/ui.js';

type NewTasks = 'immediate' | 'digest' | 'off';
const KEY = ['me', 'notifications'] as const;

export function SettingsPage() {
  const { t } = useTranslation();
  const { data, error } = useQuery({ queryKey: KEY, queryFn: api.myNotifications });
  if (!data) return <Loading error={error} />;
  return (
    <>
      <PageTitle>{t('settings.title')}</PageTitle>
      <p>{t('settings.intro')}</p>
      {!data.mailEnabled && <Notice kind="info" text={t('settings.mailOff')} />}
      <SettingsForm initial={data} />
    </>
  );
}

function SettingsForm({ initial }: { initial: { email: string | null; newTasks: NewTasks; deadlineDays: number } }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const qc = useQueryClient();
  const [email, setEmail] = useState(initial.email ?? '');
  const [newTasks, setNewTasks] = useState<NewTasks>(initial.newTasks);
  const [deadlineDays, setDeadlineDays] = useState(initial.deadlineDays);
  const save = useMutation({
    mutationFn: () => api.setMyNotifications({ email: email.trim() || null, newTasks, deadlineDays }),
    onSuccess: (d) => qc.setQueryData(KEY, d),
  });
  const fieldError = (field: string) => (save.error instanceof ApiError ? save.error.fields.find((f) => f.field === field)?.message : undefined);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate();
  };
  return (
    <form onSubmit={submit} className="settings-form" noValidate>
      <Stack gap={6}>
        <TextInput
          id="settings-email"
          type="email"
          labelText={t('settings.email')}
          helperText={t('settings.emailHelp')}
          value={email}
          maxLength={254}
          invalid={Boolean(fieldError('email'))}
          invalidText={fieldError('email')}
          onChange={(e) => setEmail(e.target.value)}
        />
        <RadioButtonGroup
          legendText={t('settings.newTasks')}
          name="settings-new-tasks"
          orientation="vertical"
          valueSelected={newTasks}
          onChange={(v) => setNewTasks(v as NewTasks)}
        >
          {(['immediate', 'digest', 'off'] as const).map((v) => (
            <RadioButton key={v} id={`settings-new-tasks-${v}`} labelText={t(`settings.${v}`)} value={v} />
          ))}
        </RadioButtonGroup>
        <NumberInput
          id="settings-deadline-days"
          label={t('settings.deadlineDays')}
          min={0}
          max={30}
          step={1}
          value={deadlineDays}
          onChange={(_e, { value }) => setDeadlineDays(Number(value))}
        />
        <div>
          <Button type="submit" disabled={save.isPending}>
            {t('settings.save')}
          </Button>
        </div>
        {save.isError && <Notice kind="error" text={errorText(save.error)} />}
        <StatusLine text={save.isSuccess ? t('settings.saved') : ''} />
      </Stack>
    </form>
  );
}
