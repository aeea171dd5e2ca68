/** Roller (issue 15.1): the role list, and a role of the organisation's own. */
import { Button, Stack, Table, TableBody, TableCell, TableHead, TableHeader, TableRow, Tag, TextInput } from '@carbon/react';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { adminApi } from '../../api.js';
import { Loading, Notice, PageTitle, useErrorText } from '../../shared/ui.js';
import { AdminNav } from './AdminNav.js';
import { useAdminChange, useRoles } from './queries.js';

export function RolesPage() {
  const { t } = useTranslation();
  const { data, error } = useRoles();
  return (
    <>
      <PageTitle>{t('admin.roles.title')}</PageTitle>
      <AdminNav />
      <p>{t('admin.roles.intro')}</p>
      <NewRole />
      {!data ? (
        <Loading error={error} />
      ) : (
        <Table aria-label={t('admin.roles.title')}>
          <TableHead>
            <TableRow>
              <TableHeader>{t('admin.roles.name')}</TableHeader>
              <TableHeader>{t('admin.roles.key')}</TableHeader>
              <TableHeader>{t('admin.roles.description')}</TableHeader>
              <TableHeader>{t('admin.roles.holders')}</TableHeader>
            </TableRow>
          </TableHead>
          <TableBody>
            {data.map((r) => (
              <TableRow key={r.key}>
                <TableCell>
                  {r.name}{' '}
                  <Tag size="sm" type={r.builtIn ? 'gray' : 'teal'}>
                    {r.builtIn ? t('admin.roles.builtIn') : t('admin.roles.own')}
                  </Tag>
                </TableCell>
                <TableCell>
                  <code>{r.key}</code>
                </TableCell>
                <TableCell>{r.description}</TableCell>
                <TableCell>{r.assignments}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </>
  );
}

function NewRole() {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const [key, setKey] = useState('');
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const create = useAdminChange(() => adminApi.createRole({ key, name, description }));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate(undefined, { onSuccess: () => (setKey(''), setName(''), setDescription('')) });
  };
  return (
    <form onSubmit={submit} noValidate className="admin-form">
      <h2>{t('admin.roles.newRole')}</h2>
      <Stack gap={5}>
        <TextInput id="role-key" labelText={t('admin.roles.key')} value={key} maxLength={40} onChange={(e) => setKey(e.target.value)} />
        <TextInput id="role-name" labelText={t('admin.roles.name')} value={name} maxLength={100} onChange={(e) => setName(e.target.value)} />
        <TextInput
          id="role-description"
          labelText={t('admin.roles.description')}
          value={description}
          maxLength={500}
          onChange={(e) => setDescription(e.target.value)}
        />
        <div>
          <Button type="submit" disabled={create.isPending || !key || !name}>
            {t('admin.roles.create')}
          </Button>
        </div>
        {create.isError && <Notice kind="error" text={errorText(create.error)} />}
      </Stack>
    </form>
  );
}
