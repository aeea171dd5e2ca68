/**
 * A new routine (issue 14.4), from the register, for those who may start one (routine.create):
 * its title, kind, owner role and follow-up role (the organisation's roles, GET /org/roles), the
 * decision level that adopts it and its review interval — what POST /routines takes. The routine
 * starts as a draft of the author's; the page then opens it in the editor for its text.
 */
import { Button, Select, SelectItem, TextInput, Tile } from '@carbon/react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { api, ApiError } from '../../api.js';
import { Notice, PageTitle, useErrorText } from '../../shared/ui.js';

const KINDS = ['rutin', 'riktlinje', 'instruktion', 'checklista'] as const;
const LEVELS = ['namnd', 'forvaltning', 'verksamhet', 'enhet', 'mas'] as const;
type Kind = (typeof KINDS)[number];
type Level = (typeof LEVELS)[number];

export function NewRoutinePage() {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const roles = useQuery({ queryKey: ['org', 'roles'], queryFn: api.orgRoles, staleTime: 60_000 });
  const [title, setTitle] = useState('');
  const [kind, setKind] = useState<Kind>('rutin');
  const [ownerRole, setOwnerRole] = useState('');
  const [followUpBy, setFollowUpBy] = useState('');
  const [decisionLevel, setDecisionLevel] = useState<Level>('enhet');
  const [months, setMonths] = useState('12');
  const create = useMutation({
    mutationFn: () =>
      api.createRoutine({
        title,
        kind,
        ownerRole,
        decisionLevel,
        reviewIntervalMonths: Number(months),
        bodyHtml: '',
        ...(followUpBy ? { followUpBy } : {}),
      }),
    onSuccess: async (r) => {
      await qc.invalidateQueries({ queryKey: ['routine-register'] });
      void navigate(`/rutiner/${encodeURIComponent(r.id)}/redigera`);
    },
  });
  const fieldError = (field: string) =>
    create.error instanceof ApiError ? create.error.fields.find((f) => f.field === field || f.field.startsWith(`${field}.`))?.message : undefined;
  const roleNames = (roles.data ?? []).map((r) => r.role);
  return (
    <>
      <PageTitle>{t('newRoutine.title')}</PageTitle>
      <p>
        <Link className="cds--link" to="/rutiner">
          {t('newRoutine.back')}
        </Link>
      </p>
      <Tile className="card">
        <p className="muted">{t('newRoutine.intro')}</p>
        <form
          className="pmap-form"
          onSubmit={(e) => {
            e.preventDefault();
            create.mutate();
          }}
        >
          <TextInput
            id="nr-title"
            labelText={t('newRoutine.name')}
            value={title}
            maxLength={300}
            required
            invalid={!!fieldError('title')}
            invalidText={fieldError('title')}
            onChange={(e) => setTitle(e.target.value)}
          />
          <Select id="nr-kind" labelText={t('register.kind')} value={kind} onChange={(e) => setKind(e.target.value as Kind)}>
            {KINDS.map((k) => (
              <SelectItem key={k} value={k} text={t(`routine.kind.${k}`)} />
            ))}
          </Select>
          <Select
            id="nr-owner"
            labelText={t('newRoutine.owner')}
            helperText={t('newRoutine.ownerHelp')}
            value={ownerRole}
            required
            invalid={!!fieldError('ownerRole')}
            invalidText={fieldError('ownerRole')}
            onChange={(e) => setOwnerRole(e.target.value)}
          >
            <SelectItem value="" text={t('newRoutine.chooseRole')} />
            {roleNames.map((r) => (
              <SelectItem key={r} value={r} text={r} />
            ))}
          </Select>
          <Select id="nr-follow-up" labelText={t('newRoutine.followUpBy')} value={followUpBy} onChange={(e) => setFollowUpBy(e.target.value)}>
            <SelectItem value="" text={t('newRoutine.sameAsOwner')} />
            {roleNames.map((r) => (
              <SelectItem key={r} value={r} text={r} />
            ))}
          </Select>
          <Select id="nr-level" labelText={t('newRoutine.decisionLevel')} value={decisionLevel} onChange={(e) => setDecisionLevel(e.target.value as Level)}>
            {LEVELS.map((l) => (
              <SelectItem key={l} value={l} text={t(`newRoutine.level.${l}`)} />
            ))}
          </Select>
          <TextInput
            id="nr-interval"
            type="number"
            min={1}
            max={60}
            labelText={t('newRoutine.interval')}
            value={months}
            required
            invalid={!!fieldError('reviewIntervalMonths')}
            invalidText={fieldError('reviewIntervalMonths')}
            onChange={(e) => setMonths(e.target.value)}
          />
          {create.error && <Notice kind="error" text={errorText(create.error)} />}
          <Button type="submit" disabled={create.isPending || !title.trim() || !ownerRole}>
            {t('newRoutine.submit')}
          </Button>
        </form>
      </Tile>
    </>
  );
}
