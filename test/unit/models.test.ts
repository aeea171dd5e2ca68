import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { getModdle, lintBpmn, lintConfig } from '../../src/engine/lint/index.js';
import { allWorkers } from '../../workers/index.js';
import { JobTypes } from '../../workers/jobTypes.js';
import { PROCESS_CATALOGUE } from '../../src/domain/processes/catalogue.js';

const BPMN_DIR = path.resolve(import.meta.dirname, '../../bpmn');
const FORMS_DIR = path.join(BPMN_DIR, 'forms');
const CORE_FIELD_TYPES = new Set(['textfield', 'textarea', 'select', 'radio', 'checkbox', 'checklist', 'number', 'datetime', 'text']);

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type El = any;

interface ModelFacts {
  file: string;
  xml: string;
  processes: El[];
  jobTypes: string[];
  formIds: string[];
}

function walk(el: El, visit: (e: El) => void): void {
  visit(el);
  for (const child of el.flowElements ?? []) walk(child, visit);
}

function extensions(el: El, type: string): El[] {
  return (el.extensionElements?.values ?? []).filter((v: El) => v.$type === type);
}

async function readModel(file: string): Promise<ModelFacts> {
  const xml = readFileSync(path.join(BPMN_DIR, file), 'utf8');
  const { rootElement } = await (await getModdle()).fromXML(xml, 'bpmn:Definitions');
  const processes: El[] = rootElement.rootElements.filter((e: El) => e.$type === 'bpmn:Process');
  const jobTypes: string[] = [];
  const formIds: string[] = [];
  for (const p of processes) {
    walk(p, (e) => {
      for (const t of extensions(e, 'zeebe:TaskDefinition')) jobTypes.push(t.type);
      for (const f of extensions(e, 'zeebe:FormDefinition')) formIds.push(f.formId);
    });
  }
  return { file, xml, processes, jobTypes, formIds };
}

function readForm(file: string): El {
  return JSON.parse(readFileSync(path.join(FORMS_DIR, file), 'utf8'));
}

function allElements(p: El): El[] {
  const out: El[] = [];
  walk(p, (e) => out.push(e));
  return out;
}

describe('process models in bpmn/', () => {
  const files = readdirSync(BPMN_DIR).filter((f) => f.endsWith('.bpmn'));
  const formFiles = readdirSync(FORMS_DIR).filter((f) => f.endsWith('.form'));
  let models: ModelFacts[] = [];
  beforeAll(async () => {
    models = await Promise.all(files.map(readModel));
  });

  it('has models', () => {
    expect(files).toContain('lex-sarah.bpmn');
  });

  it.each(files)('%s is lint-clean (no errors, no warnings)', async (file) => {
    expect(await lintBpmn(readFileSync(path.join(BPMN_DIR, file), 'utf8'))).toEqual([]);
  });

  it('names each file after its one executable process', () => {
    for (const m of models) {
      expect(m.processes.map((p) => p.id)).toEqual([m.file.replace(/\.bpmn$/, '')]);
      expect(m.processes[0].isExecutable).toBe(true);
    }
  });

  it('has a worker for every job type in the models, and every worker serves some model', () => {
    const used = new Set(models.flatMap((m) => m.jobTypes));
    const served = new Set(allWorkers.map((w) => w.jobType));
    expect([...used].filter((t) => !served.has(t))).toEqual([]);
    expect([...served].filter((t) => !used.has(t))).toEqual([]);
    expect(allWorkers.length).toBe(served.size); // one worker per job type
    expect([...used].sort()).toEqual(Object.values(JobTypes).sort());
  });

  it('has a form file for every formId, and every form is used', () => {
    const referenced = new Set(models.flatMap((m) => m.formIds));
    const present = new Set(formFiles.map((f) => f.replace(/\.form$/, '')));
    expect([...referenced].filter((id) => !present.has(id))).toEqual([]);
    expect([...present].filter((id) => !referenced.has(id))).toEqual([]);
  });

  it.each(formFiles)('%s is a form-js schema with core fields and keys', (file) => {
    const form = readForm(file);
    expect(form.id).toBe(file.replace(/\.form$/, ''));
    expect(form.type).toBe('default');
    expect(typeof form.schemaVersion).toBe('number');
    expect(form.components.length).toBeGreaterThan(1);
    // a dynamic list (e.g. the actions) is one variable, a list of items with their own keys
    const check = (components: El[]) => {
      const keys: string[] = [];
      for (const c of components) {
        expect(CORE_FIELD_TYPES.has(c.type) || c.type === 'dynamiclist').toBe(true);
        if (c.type === 'text') continue;
        const key = c.type === 'dynamiclist' ? c.path : c.key;
        expect(key).toMatch(/^[a-z][A-Za-z0-9]*$/);
        expect(c.label ?? c.dateLabel).toMatch(/\S/);
        if (c.type === 'dynamiclist') check(c.components);
        keys.push(key);
      }
      expect(new Set(keys).size).toBe(keys.length);
      expect(keys.some((k) => /personnummer|ssn|personalNumber/i.test(k))).toBe(false);
    };
    check(form.components);
  });

  it('has every process on the process map (kind, owner, who may start it), and only those', () => {
    const ids = models.flatMap((m) => m.processes.map((p: El) => p.id as string)).sort();
    expect(Object.keys(PROCESS_CATALOGUE).sort()).toEqual(ids);
  });

  it('matches bpmn/.bpmnlintrc to the configuration lintBpmn uses', () => {
    expect(JSON.parse(readFileSync(path.join(BPMN_DIR, '.bpmnlintrc'), 'utf8'))).toEqual(lintConfig);
  });
});

describe('lex-sarah.bpmn', () => {
  let process: El;
  let byId: Map<string, El>;
  let xml: string;
  beforeAll(async () => {
    const m = await readModel('lex-sarah.bpmn');
    process = m.processes[0];
    xml = m.xml;
    byId = new Map(allElements(process).map((e) => [e.id, e]));
  });

  function candidateGroups(id: string): string | undefined {
    return extensions(byId.get(id), 'zeebe:AssignmentDefinition')[0]?.candidateGroups;
  }

  it('is "Lex Sarah" with a start form that asks for the unit from the UI list', () => {
    expect(process.name).toBe('Lex Sarah');
    const start = byId.get('StartEvent_Report');
    expect(extensions(start, 'zeebe:FormDefinition')[0]?.formId).toBe('lex-sarah-report');
    const unit = readForm('lex-sarah-report.form').components.find((c: El) => c.key === 'unitId');
    expect(unit).toMatchObject({ type: 'select', valuesKey: 'units', validate: { required: true } });
  });

  it('gives each user task a form, a Camunda user task and the right roles', () => {
    const userTasks = allElements(process).filter((e) => e.$type === 'bpmn:UserTask');
    for (const t of userTasks) {
      expect(extensions(t, 'zeebe:UserTask')).toHaveLength(1);
      expect(extensions(t, 'zeebe:FormDefinition')[0]?.formId).toMatch(/^lex-sarah-/);
      expect(candidateGroups(t.id)).toBeTruthy();
    }
    expect(byId.get('Task_ImmediateMeasures').name).toBe('Vidta omedelbara åtgärder');
    expect(candidateGroups('Task_ImmediateMeasures')).toBe('enhetschef');
    expect(byId.get('Task_Investigate').name).toBe('Registrera och utred');
    expect(candidateGroups('Task_Investigate')).toBe('utredare');
    expect(byId.get('Task_Assess').name).toBe('Bedöm rapporten');
    expect(candidateGroups('Task_Assess')).toBe('socialchef');
    expect(byId.get('Task_ReportToIvo').name).toMatch(/IVO/);
    expect(candidateGroups('Task_ReportToIvo')).toBe('utredare,kvalitetsledare');
    expect(candidateGroups('Task_InformCommittee')).toBe('namndsekreterare');
    expect(byId.get('Task_FollowUp').name).toBe('Följ upp åtgärdernas effekt');
  });

  it('takes due dates and the follow-up timer from calendar variables', () => {
    expect(extensions(byId.get('Task_ReportToIvo'), 'zeebe:TaskSchedule')[0]?.dueDate).toBe('=ivoReportDueDate');
    expect(extensions(byId.get('Task_SendInvestigation'), 'zeebe:TaskSchedule')[0]?.dueDate).toBe('=investigationToIvoDueDate');
    expect(byId.get('Timer_FollowUp').eventDefinitions[0].timeDate.body).toBe('=followUpAt');
  });

  it('routes each assessment value to its own flow (no default)', () => {
    const gateway = byId.get('Gateway_Assessment');
    expect(gateway.default).toBeUndefined();
    const conditions = gateway.outgoing.map((f: El) => f.conditionExpression?.body).sort();
    expect(conditions).toEqual(['=assessment = "allvarligt"', '=assessment = "ej-missforhallande"', '=assessment = "missforhallande"']);
    const radio = readForm('lex-sarah-assessment.form').components.find((c: El) => c.key === 'assessment');
    expect(radio.type).toBe('radio');
    expect(radio.values.map((v: El) => v.value)).toEqual(['ej-missforhallande', 'missforhallande', 'allvarligt']);
  });

  it('draws every flow element (DI included)', () => {
    for (const e of allElements(process)) {
      if (e.$type === 'bpmn:Process') continue;
      expect(xml).toContain(`bpmnElement="${e.id}"`);
    }
  });
});
