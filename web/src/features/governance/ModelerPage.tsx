/**
 * The modeler for process owners (issue 14 point 1): a draft of a process in the Camunda 8
 * modeler with its properties panel, a lint panel fed live (debounced) by POST
 * /processes/{id}/lint — the rules its versions are held to — and the save of the draft (PUT)
 * with its routine links (PUT /routines/{id}/links for each routine whose links in this process
 * changed).
 */
import { Button, TextArea, Tile } from '@carbon/react';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { api, ApiError, type Schemas } from '../../api.js';
import { Loading, Notice, PageTitle } from '../../shared/ui.js';
import { NewForm } from '../forms/NewForm.js';
import { useForms } from '../forms/queries.js';
import type { FormChoice, ModelerLinks } from './modeler/panelEntries.js';
import { useOrgRoles, useOrgUnits, useRoutineChoices, useVersion, useVersionMutation } from './queries.js';
import { byElement, changedRoutines } from './routineLinks.js';
import { useModeler } from './useModeler.js';

type LintProblem = Schemas['LintProblem'];
const LINT_DELAY_MS = 700;
/** The organisation's levels, highest first. */
const LEVELS = ['committee', 'administration', 'area', 'unit'] as const;

export function ModelerPage() {
  const { processId = '', number: n = '' } = useParams();
  const number = Number(n);
  const { t } = useTranslation();
  const version = useVersion(processId, number);
  const roles = useOrgRoles();
  const units = useOrgUnits();
  const routines = useRoutineChoices(processId);
  const forms = useForms();
  // the properties panel's "new form": the page shows NewForm while `creating` waits for its answer
  const creating = useRef<(formId: string | undefined) => void>(undefined);
  const [newForm, setNewForm] = useState(false);
  const [madeForm, setMadeForm] = useState<string>();
  // the panel's form choices: one array, brought up to date in place when the forms are read again
  // (new links would rebuild the modeler and lose the unsaved edits)
  const formChoices = useRef<FormChoice[]>([]);
  const formsRead = useRef<unknown>(undefined);
  if (forms.data && formsRead.current !== forms.data) {
    formsRead.current = forms.data;
    formChoices.current.splice(0, Infinity, ...forms.data.map((f) => ({ formId: f.formId, title: f.title, published: f.publishedVersion !== null })));
  }
  const formsLoaded = forms.data !== undefined;
  const [note, setNote] = useState<string>();
  const [problems, setProblems] = useState<LintProblem[]>();
  const [dirty, setDirty] = useState(false);
  const [saved, setSaved] = useState<string>();
  const [failed, setFailed] = useState<string>();
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  const saveLinks = useRef<Map<string, string[]>>(new Map());

  const links = useMemo<ModelerLinks | undefined>(() => {
    if (!roles.data || !units.data || !routines.data || !formsLoaded) return undefined;
    const present = new Set(units.data.map((u) => u.type));
    const initial = byElement(routines.data.linked);
    saveLinks.current = new Map(initial);
    const choices = formChoices.current;
    return {
      roles: roles.data.map((r) => ({ role: r.role, levels: r.levels.map((l) => t(`governance.level.${l}`)).join(', ') })),
      levels: LEVELS.filter((l) => present.has(l)).map((level) => ({ level, name: t(`governance.level.${level}`) })),
      forms: choices,
      createForm: () =>
        new Promise<string | undefined>((resolve) => {
          creating.current = (formId) => {
            creating.current = undefined;
            setNewForm(false);
            // the panel offers it at once (the forms are read again after the creation, in place)
            if (formId && !choices.some((f) => f.formId === formId)) choices.push({ formId, title: formId, published: false });
            setMadeForm(formId);
            resolve(formId);
          };
          setNewForm(true);
        }),
      routines: routines.data.all.map((r) => ({ id: r.id, title: r.title })),
      linked: new Map([...initial].map(([k, v]) => [k, [...v]])),
      changed: () => setDirty(true),
      texts: {
        role: t('governance.candidateRole'),
        noRole: t('governance.noRole'),
        routines: t('governance.routines'),
        addRoutine: t('governance.addRoutine'),
        choose: t('governance.chooseRoutine'),
        level: t('governance.orgLevel'),
        anyLevel: t('governance.anyLevel'),
        form: t('governance.form'),
        noForm: t('governance.noForm'),
        newForm: t('governance.newForm'),
        draftForm: t('governance.draftForm'),
      },
    };
  }, [roles.data, units.data, routines.data, formsLoaded, t]);

  const lintNow = useRef<() => void>(() => undefined);
  const onChange = useCallback(() => {
    setDirty(true);
    clearTimeout(timer.current);
    timer.current = setTimeout(() => lintNow.current(), LINT_DELAY_MS);
  }, []);
  const xml = version.data?.xml;
  const m = useModeler(xml, links, onChange);
  lintNow.current = () => {
    // the live lint is for whoever may edit the draft (the server's rule); a reader sees the saved version's problems
    if (!version.data?.may.edit) return;
    void m
      .save()
      .then((model) => api.lintModel(processId, model))
      .then(setProblems)
      .catch(() => undefined);
  };
  useEffect(() => () => clearTimeout(timer.current), []);
  useEffect(() => {
    if (version.data) setProblems((p) => p ?? version.data.lint);
  }, [version.data]);

  const save = useVersionMutation(processId, async () => {
    const model = await m.save();
    const saved = await api.saveProcessVersion(processId, number, model, note ?? version.data?.changeNote ?? '');
    if (links) {
      for (const [routineId, elements] of changedRoutines(saveLinks.current, links.linked)) {
        const routine = await api.routine(routineId);
        const others = routine.links.filter((l) => l.processId !== processId);
        await api.setRoutineLinks(routineId, [...others, ...elements.map((elementId) => ({ processId, elementId }))]);
      }
      saveLinks.current = new Map([...links.linked].map(([k, v]) => [k, [...v]]));
    }
    return saved;
  });
  const onSave = () => {
    setFailed(undefined);
    save.mutate(undefined, {
      onSuccess: (v) => {
        setProblems(v.lint);
        setDirty(false);
        setSaved(new Date().toISOString());
      },
      onError: (e) => setFailed(e instanceof ApiError ? e.detail : t('app.error')),
    });
  };

  if (!version.data) return <Loading error={version.error} />;
  const v = version.data;
  const errors = (problems ?? []).filter((p) => p.category === 'error');
  return (
    <>
      <PageTitle>{t('governance.modelerTitle', { number: v.number, process: processId })}</PageTitle>
      <p>
        <Link className="cds--link" to={`/processer/${processId}/versioner?v=${v.number}`}>
          {t('governance.backToVersions')}
        </Link>
      </p>
      {!v.may.edit && <Notice kind="info" text={t('governance.readOnly')} />}
      {madeForm && (
        <>
          <Notice kind="success" text={t('governance.formMade', { formId: madeForm })} />
          {/* not inside the notice: Carbon's inline notification allows no interactive children */}
          <p>
            <Link className="cds--link" to={`/formular/${encodeURIComponent(madeForm)}`} target="_blank" rel="noopener">
              {t('governance.openForm')}
            </Link>
          </p>
        </>
      )}
      {newForm && (
        <section aria-labelledby="new-form-h" className="new-form">
          <h2 id="new-form-h">{t('governance.newFormTitle')}</h2>
          <NewForm heading={false} onCreated={(formId) => creating.current?.(formId)} />
          <Button kind="ghost" size="sm" onClick={() => creating.current?.(undefined)}>
            {t('governance.cancelNewForm')}
          </Button>
        </section>
      )}
      {m.error && <Notice kind="error" title={t('governance.importFailed')} text={m.error} />}
      <div className="modeler">
        <div className="modeler-canvas" ref={m.canvas} role="group" aria-roledescription="diagram" aria-label={t('governance.canvas')} />
        <div className="modeler-panel" ref={m.panel} aria-label={t('governance.properties')} role="region" />
      </div>
      <div className="layout">
        <section aria-labelledby="lint-h">
          <Tile className="card">
            <h2 id="lint-h">{t('governance.lint')}</h2>
            <div aria-live="polite" data-testid="lint-panel">
              {problems === undefined ? (
                <p className="muted">{t('app.loading')}</p>
              ) : problems.length === 0 ? (
                <p className="muted">{t('governance.lintClean')}</p>
              ) : (
                <>
                  <p>{t('governance.lintCount', { errors: errors.length, warnings: problems.length - errors.length })}</p>
                  <ul className="lint-list">
                    {problems.map((p, i) => (
                      <li key={`${p.rule}-${p.elementId ?? ''}-${i}`} className={`lint-${p.category}`}>
                        <strong>{p.category === 'error' ? t('governance.error') : t('governance.warning')}</strong>{' '}
                        {p.elementId ? (
                          <Button kind="ghost" size="sm" className="linkish" onClick={() => m.focus(p.elementId!)}>
                            {p.elementId}
                          </Button>
                        ) : null}{' '}
                        {p.message} <span className="muted">({p.rule})</span>
                      </li>
                    ))}
                  </ul>
                </>
              )}
            </div>
          </Tile>
        </section>
        <aside aria-labelledby="save-h">
          <Tile className="card">
            <h2 id="save-h">{t('governance.save')}</h2>
            <TextArea
              id="change-note"
              labelText={t('governance.changeNote')}
              value={note ?? v.changeNote}
              onChange={(e) => {
                setNote(e.target.value);
                setDirty(true);
              }}
              maxCount={2000}
              disabled={!v.may.edit}
            />
            <Button onClick={onSave} disabled={!v.may.edit || save.isPending || !m.ready}>
              {t('governance.saveDraft')}
            </Button>
            <p className="muted" aria-live="polite">
              {dirty ? t('governance.unsaved') : saved ? t('governance.saved') : ''}
            </p>
            {failed && <Notice kind="error" title={t('governance.saveFailed')} text={failed} />}
          </Tile>
        </aside>
      </div>
    </>
  );
}
