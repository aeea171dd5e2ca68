/**
 * Loggkontroll (issue 15.5): the audit log of the reviewer's part of the organisation, filtered
 * by person, case number, unit and period, in four views (every row; reads outside the reader's
 * units; reads of one's own case; bursts), with a CSV export of what is shown.
 */
import { Button, NumberInput, Select, SelectItem, Stack, Tab, TabList, TabPanel, TabPanels, Tabs, TextInput } from '@carbon/react';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { auditApi, type AuditQuery } from '../../api.js';
import { useOrgUnits } from '../governance/queries.js';
import { PageTitle } from '../../shared/ui.js';
import { BurstTable, EntryTable } from './AuditTables.js';

const VIEWS = ['all', 'outside-unit', 'own-case', 'bursts'] as const;
type View = (typeof VIEWS)[number];
const TAB_LABEL: Record<View, string> = { all: 'all', 'outside-unit': 'outside', 'own-case': 'own', bursts: 'bursts' };

export function AuditLogPage() {
  const { t } = useTranslation();
  const [applied, setApplied] = useState<AuditQuery>({});
  const [view, setView] = useState<View>('all');
  const [windowMinutes, setWindowMinutes] = useState(10);
  const [minCases, setMinCases] = useState(10);
  const query: AuditQuery = view === 'bursts' ? applied : { ...applied, view };
  return (
    <>
      <PageTitle>{t('auditLog.title')}</PageTitle>
      <p>{t('auditLog.intro')}</p>
      <Filters onApply={setApplied} />
      <Tabs selectedIndex={VIEWS.indexOf(view)} onChange={({ selectedIndex }) => setView(VIEWS[selectedIndex] ?? 'all')}>
        <TabList aria-label={t('auditLog.tabs')}>
          {VIEWS.map((v) => (
            <Tab key={v}>{t(`auditLog.views.${TAB_LABEL[v]}`)}</Tab>
          ))}
        </TabList>
        <TabPanels>
          {VIEWS.map((v) => (
            <TabPanel key={v}>
              {v === view && (
                <Stack gap={5}>
                  <p>{t(`auditLog.viewHelp.${TAB_LABEL[v]}`, { min: minCases, minutes: windowMinutes })}</p>
                  {v === 'bursts' ? (
                    <>
                      <div className="audit-burst-settings">
                        <NumberInput
                          id="audit-window"
                          label={t('auditLog.windowMinutes')}
                          min={1}
                          max={1440}
                          value={windowMinutes}
                          onChange={(_e, { value }) => setWindowMinutes(Number(value) || 10)}
                        />
                        <NumberInput
                          id="audit-min-cases"
                          label={t('auditLog.minCases')}
                          min={2}
                          max={1000}
                          value={minCases}
                          onChange={(_e, { value }) => setMinCases(Number(value) || 10)}
                        />
                      </div>
                      <BurstTable query={applied} windowMinutes={windowMinutes} minCases={minCases} onPerson={(person) => setApplied({ ...applied, person })} />
                    </>
                  ) : (
                    <>
                      <p>
                        <a className="cds--link" href={auditApi.exportHref(query)} download="loggkontroll.csv">
                          {t('auditLog.export')}
                        </a>{' '}
                        <span className="muted">{t('auditLog.exportHelp')}</span>
                      </p>
                      <EntryTable query={query} />
                    </>
                  )}
                </Stack>
              )}
            </TabPanel>
          ))}
        </TabPanels>
      </Tabs>
    </>
  );
}

/** The filters; applied together with "Visa". */
function Filters({ onApply }: { onApply: (q: AuditQuery) => void }) {
  const { t } = useTranslation();
  const units = useOrgUnits().data ?? [];
  const [person, setPerson] = useState('');
  const [caseNumber, setCaseNumber] = useState('');
  const [unitId, setUnitId] = useState('');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    onApply({ person: person.trim(), caseNumber: caseNumber.trim(), unitId, from, to });
  };
  const clear = () => {
    for (const set of [setPerson, setCaseNumber, setUnitId, setFrom, setTo]) set('');
    onApply({});
  };
  return (
    <form onSubmit={submit} className="audit-filters" aria-label={t('auditLog.filters')}>
      <TextInput id="audit-person" labelText={t('auditLog.person')} value={person} maxLength={100} onChange={(e) => setPerson(e.target.value)} />
      <TextInput id="audit-case" labelText={t('auditLog.caseNumber')} value={caseNumber} maxLength={40} onChange={(e) => setCaseNumber(e.target.value)} />
      <Select id="audit-unit" labelText={t('auditLog.unit')} value={unitId} onChange={(e) => setUnitId(e.target.value)}>
        <SelectItem value="" text={t('auditLog.anyUnit')} />
        {units.map((u) => (
          <SelectItem key={u.id} value={u.id} text={u.name} />
        ))}
      </Select>
      <TextInput id="audit-from" type="date" labelText={t('auditLog.from')} value={from} onChange={(e) => setFrom(e.target.value)} />
      <TextInput id="audit-to" type="date" labelText={t('auditLog.to')} value={to} onChange={(e) => setTo(e.target.value)} />
      <div className="audit-filter-buttons">
        <Button type="submit" size="md">
          {t('auditLog.apply')}
        </Button>
        <Button type="button" kind="ghost" size="md" onClick={clear}>
          {t('auditLog.clear')}
        </Button>
      </div>
    </form>
  );
}
