/** Personer (issue 15.1): the people one administers, and a new person. */
import { Button, Stack, Table, TableBody, TableCell, TableHead, TableHeader, TableRow, Tag, TextInput } from '@carbon/react';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { adminApi, ApiError } from '../../api.js';
import { Loading, Notice, PageTitle, useErrorText } from '../../shared/ui.js';
import { AdminNav } from './AdminNav.js';
import { useAdminChange, useNodes, usePeople } from './queries.js';

export function PeoplePage() {
  const { t } = useTranslation();
  const { data, error } = usePeople();
  const nodes = useNodes().data ?? [];
  const nodeName = (id: string) => nodes.find((n) => n.id === id)?.name ?? id;
  return (
    <>
      <PageTitle>{t('admin.people.title')}</PageTitle>
      <AdminNav />
      <p>{t('admin.people.intro')}</p>
      <NewPerson />
      {!data ? (
        <Loading error={error} />
      ) : (
        <Table aria-label={t('admin.people.title')}>
          <TableHead>
            <TableRow>
              <TableHeader>{t('admin.people.displayName')}</TableHeader>
              <TableHeader>{t('admin.people.username')}</TableHeader>
              <TableHeader>{t('admin.people.email')}</TableHeader>
              <TableHeader>{t('admin.people.roles')}</TableHeader>
            </TableRow>
          </TableHead>
          <TableBody>
            {data.map((p) => (
              <TableRow key={p.id}>
                <TableCell>
                  <Link className="cds--link" to={`/admin/personer/${p.id}`}>
                    {p.displayName}
                  </Link>{' '}
                  {!p.active && (
                    <Tag size="sm" type="warm-gray">
                      {t('admin.inactive')}
                    </Tag>
                  )}
                </TableCell>
                <TableCell>
                  <code>{p.username}</code>
                </TableCell>
                <TableCell>{p.email ?? t('app.none')}</TableCell>
                <TableCell>
                  {p.assignments.length ? p.assignments.map((a) => `${a.role} – ${nodeName(a.nodeId)}`).join(', ') : t('admin.people.none')}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </>
  );
}

function NewPerson() {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const [username, setUsername] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const create = useAdminChange(() => adminApi.createPerson({ username, displayName, email: email.trim() || null, ...(password ? { password } : {}) }));
  const fieldError = (f: string) => (create.error instanceof ApiError ? create.error.fields.find((x) => x.field === f)?.message : undefined);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate(undefined, {
      onSuccess: () => {
        setUsername('');
        setDisplayName('');
        setEmail('');
        setPassword('');
      },
    });
  };
  return (
    <form onSubmit={submit} noValidate className="admin-form">
      <h2>{t('admin.people.newPerson')}</h2>
      <Stack gap={5}>
        <TextInput
          id="person-username"
          labelText={t('admin.people.username')}
          value={username}
          maxLength={100}
          invalid={Boolean(fieldError('username'))}
          invalidText={fieldError('username')}
          onChange={(e) => setUsername(e.target.value)}
        />
        <TextInput
          id="person-name"
          labelText={t('admin.people.displayName')}
          value={displayName}
          maxLength={200}
          onChange={(e) => setDisplayName(e.target.value)}
        />
        <TextInput
          id="person-email"
          type="email"
          labelText={t('admin.people.email')}
          value={email}
          maxLength={254}
          invalid={Boolean(fieldError('email'))}
          invalidText={fieldError('email')}
          onChange={(e) => setEmail(e.target.value)}
        />
        <TextInput
          id="person-password"
          type="password"
          autoComplete="new-password"
          labelText={t('admin.people.password')}
          value={password}
          maxLength={200}
          invalid={Boolean(fieldError('password'))}
          invalidText={fieldError('password')}
          onChange={(e) => setPassword(e.target.value)}
        />
        <div>
          <Button type="submit" disabled={create.isPending || !username.trim() || !displayName.trim()}>
            {t('admin.people.create')}
          </Button>
        </div>
        {create.isError && <Notice kind="error" text={errorText(create.error)} />}
      </Stack>
    </form>
  );
}
