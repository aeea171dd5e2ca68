/** One person (issue 15.1): details, role assignments at nodes with periods, and substitutes. */
import { Button, Select, SelectItem, Stack, TextInput, Toggle } from '@carbon/react';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router-dom';
import { adminApi } from '../../api.js';
import { Loading, Notice, PageTitle, StatusLine, useErrorText } from '../../shared/ui.js';
import { AdminNav } from './AdminNav.js';
import { treeOrder, useAdminChange, useNodes, usePeople, useRoles, type Person } from './queries.js';

export function PersonPage() {
  const { t } = useTranslation();
  const { id } = useParams();
  const { data, error } = usePeople();
  const person = data?.find((p) => String(p.id) === id);
  if (!data) return <Loading error={error} />;
  if (!person) return <PageTitle>{t('app.notFound')}</PageTitle>;
  return (
    <>
      <PageTitle>{person.displayName}</PageTitle>
      <AdminNav />
      <Details key={`d${person.id}`} person={person} />
      <Assignments key={`a${person.id}`} person={person} />
      <Substitutes person={person} />
    </>
  );
}

function Details({ person }: { person: Person }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const [displayName, setDisplayName] = useState(person.displayName);
  const [email, setEmail] = useState(person.email ?? '');
  const [active, setActive] = useState(person.active);
  const save = useAdminChange(() => adminApi.updatePerson(person.id, { displayName, email: email.trim() || null, active }));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate(undefined);
  };
  return (
    <form onSubmit={submit} noValidate className="admin-form">
      <h2>{t('admin.person.details')}</h2>
      <Stack gap={5}>
        <TextInput id="detail-username" labelText={t('admin.people.username')} value={person.username} readOnly />
        <TextInput
          id="detail-name"
          labelText={t('admin.people.displayName')}
          value={displayName}
          maxLength={200}
          onChange={(e) => setDisplayName(e.target.value)}
        />
        <TextInput
          id="detail-email"
          type="email"
          labelText={t('admin.people.email')}
          value={email}
          maxLength={254}
          onChange={(e) => setEmail(e.target.value)}
        />
        <Toggle
          id="detail-active"
          labelA={t('admin.no')}
          labelB={t('admin.yes')}
          labelText={t('admin.person.activeToggle')}
          toggled={active}
          onToggle={setActive}
        />
        <div>
          <Button type="submit" disabled={save.isPending}>
            {t('admin.save')}
          </Button>
        </div>
        {save.isError && <Notice kind="error" text={errorText(save.error)} />}
        <StatusLine text={save.isSuccess ? t('admin.saved') : ''} />
      </Stack>
    </form>
  );
}

type Row = Person['assignments'][number];

function Assignments({ person }: { person: Person }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const roles = useRoles().data ?? [];
  const nodes = treeOrder((useNodes().data ?? []).filter((n) => n.active || person.assignments.some((a) => a.nodeId === n.id)));
  const [rows, setRows] = useState<Row[]>(person.assignments);
  const set = (i: number, patch: Partial<Row>) => setRows(rows.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  const save = useAdminChange(() => adminApi.setAssignments(person.id, { assignments: rows }));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate(undefined);
  };
  return (
    <form onSubmit={submit} noValidate className="admin-form">
      <h2>{t('admin.person.assignments')}</h2>
      <Stack gap={5}>
        {rows.map((r, i) => (
          <fieldset key={i} className="admin-row">
            <legend className="cds--visually-hidden">{`${t('admin.person.role')} ${i + 1}`}</legend>
            <Select id={`assignment-${i}-role`} labelText={t('admin.person.role')} value={r.role} onChange={(e) => set(i, { role: e.target.value })}>
              {roles.map((role) => (
                <SelectItem key={role.key} value={role.key} text={role.name} />
              ))}
            </Select>
            <Select id={`assignment-${i}-node`} labelText={t('admin.person.node')} value={r.nodeId} onChange={(e) => set(i, { nodeId: e.target.value })}>
              {nodes.map(({ node, depth }) => (
                <SelectItem key={node.id} value={node.id} text={`${'  '.repeat(depth)}${node.name}`} />
              ))}
            </Select>
            <TextInput
              id={`assignment-${i}-from`}
              labelText={t('admin.person.from')}
              value={r.validFrom ?? ''}
              maxLength={10}
              onChange={(e) => set(i, { validFrom: e.target.value || null })}
            />
            <TextInput
              id={`assignment-${i}-to`}
              labelText={t('admin.person.to')}
              value={r.validTo ?? ''}
              maxLength={10}
              onChange={(e) => set(i, { validTo: e.target.value || null })}
            />
            <Button kind="ghost" size="sm" onClick={() => setRows(rows.filter((_, j) => j !== i))}>
              {t('admin.remove')}
            </Button>
          </fieldset>
        ))}
        <div>
          <Button
            kind="tertiary"
            size="sm"
            disabled={!roles.length || !nodes.length}
            onClick={() => setRows([...rows, { role: roles[0]!.key, nodeId: nodes[0]!.node.id, validFrom: null, validTo: null }])}
          >
            {t('admin.person.addAssignment')}
          </Button>
        </div>
        <div>
          <Button type="submit" disabled={save.isPending}>
            {t('admin.person.saveAssignments')}
          </Button>
        </div>
        {save.isError && <Notice kind="error" text={errorText(save.error)} />}
        <StatusLine text={save.isSuccess ? t('admin.saved') : ''} />
      </Stack>
    </form>
  );
}

function Substitutes({ person }: { person: Person }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const [substitute, setSubstitute] = useState('');
  const [validFrom, setValidFrom] = useState('');
  const [validTo, setValidTo] = useState('');
  const add = useAdminChange(() => adminApi.addSubstitute(person.id, { substitute, validFrom, validTo }));
  const remove = useAdminChange((id: string) => adminApi.removeSubstitute(person.id, id));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    add.mutate(undefined, { onSuccess: () => setSubstitute('') });
  };
  return (
    <section className="admin-form">
      <h2>{t('admin.person.substitutes')}</h2>
      <p>{t('admin.person.substitutesIntro')}</p>
      {person.substitutes.length ? (
        <ul>
          {person.substitutes.map((s) => (
            <li key={s.id}>
              {s.substituteName} ({s.substitute}), {t('admin.person.period', { from: s.validFrom, to: s.validTo })}{' '}
              <Button kind="ghost" size="sm" onClick={() => remove.mutate(s.id)}>
                {t('admin.remove')}
              </Button>
            </li>
          ))}
        </ul>
      ) : (
        <p>{t('admin.person.noSubstitutes')}</p>
      )}
      <form onSubmit={submit} noValidate>
        <Stack gap={5}>
          <TextInput
            id="substitute-username"
            labelText={t('admin.person.substitute')}
            value={substitute}
            maxLength={100}
            onChange={(e) => setSubstitute(e.target.value)}
          />
          <TextInput id="substitute-from" labelText={t('admin.person.from')} value={validFrom} maxLength={10} onChange={(e) => setValidFrom(e.target.value)} />
          <TextInput id="substitute-to" labelText={t('admin.person.to')} value={validTo} maxLength={10} onChange={(e) => setValidTo(e.target.value)} />
          <div>
            <Button type="submit" disabled={add.isPending || !substitute || !validFrom || !validTo}>
              {t('admin.person.addSubstitute')}
            </Button>
          </div>
          {(add.isError || remove.isError) && <Notice kind="error" text={errorText(add.error ?? remove.error)} />}
        </Stack>
      </form>
    </section>
  );
}
