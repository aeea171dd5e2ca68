/** Första start (issue 15.1): with no user at all, the root node and the first administrator, with the one-time code from the server's log. */
import { Button, Select, SelectItem, Stack, TextInput } from '@carbon/react';
import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { adminApi, ApiError } from '../../api.js';
import { Notice, PageTitle, useErrorText } from '../../shared/ui.js';
import type { NodeType } from './queries.js';

export function FirstStartPage({ onDone }: { onDone: () => void }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const [token, setToken] = useState('');
  const [rootName, setRootName] = useState('');
  const [rootType, setRootType] = useState<NodeType>('committee');
  const [username, setUsername] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const create = useMutation({
    mutationFn: () =>
      adminApi.firstStart({
        token: token.trim(),
        root: { name: rootName, type: rootType },
        admin: { username, displayName, email: email.trim() || null, password },
      }),
  });
  const fieldError = (f: string) => (create.error instanceof ApiError ? create.error.fields.find((x) => x.field === f)?.message : undefined);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate();
  };
  if (create.isSuccess)
    return (
      <>
        <PageTitle>{t('admin.firstStart.title')}</PageTitle>
        <Notice kind="success" text={t('admin.firstStart.done', { username: create.data.username })} />
        <Button onClick={onDone}>{t('admin.firstStart.login')}</Button>
      </>
    );
  return (
    <>
      <PageTitle>{t('admin.firstStart.title')}</PageTitle>
      <p>{t('admin.firstStart.intro')}</p>
      <form onSubmit={submit} noValidate>
        <Stack gap={5}>
          <TextInput id="setup-token" labelText={t('admin.firstStart.token')} value={token} maxLength={200} onChange={(e) => setToken(e.target.value)} />
          <TextInput
            id="setup-root"
            labelText={t('admin.firstStart.rootName')}
            value={rootName}
            maxLength={200}
            onChange={(e) => setRootName(e.target.value)}
          />
          <Select id="setup-root-type" labelText={t('admin.firstStart.rootType')} value={rootType} onChange={(e) => setRootType(e.target.value as NodeType)}>
            {(['committee', 'administration'] as const).map((ty) => (
              <SelectItem key={ty} value={ty} text={t(`admin.types.${ty}`)} />
            ))}
          </Select>
          <TextInput
            id="setup-username"
            labelText={t('admin.people.username')}
            value={username}
            maxLength={100}
            invalid={Boolean(fieldError('admin.username'))}
            invalidText={fieldError('admin.username')}
            onChange={(e) => setUsername(e.target.value)}
          />
          <TextInput
            id="setup-name"
            labelText={t('admin.people.displayName')}
            value={displayName}
            maxLength={200}
            onChange={(e) => setDisplayName(e.target.value)}
          />
          <TextInput
            id="setup-email"
            type="email"
            labelText={t('admin.people.email')}
            value={email}
            maxLength={254}
            onChange={(e) => setEmail(e.target.value)}
          />
          <TextInput
            id="setup-password"
            type="password"
            autoComplete="new-password"
            labelText={t('admin.firstStart.password')}
            value={password}
            maxLength={200}
            invalid={Boolean(fieldError('admin.password'))}
            invalidText={fieldError('admin.password')}
            onChange={(e) => setPassword(e.target.value)}
          />
          <div>
            <Button type="submit" disabled={create.isPending}>
              {t('admin.firstStart.create')}
            </Button>
          </div>
          {create.isError && <Notice kind="error" text={errorText(create.error)} />}
        </Stack>
      </form>
    </>
  );
}
