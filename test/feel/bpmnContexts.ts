/**
 * Variable contexts for the BPMN corpus of the FEEL differential: per process, the variables
 * that really exist where its expressions are evaluated, written by hand from the forms
 * (bpmn/forms/*.form: field keys and option values) and the workers' outputs (workers/*.ts:
 * their zod output schemas). Each process has two or three contexts so that both branches of
 * a condition and the absent/null cases (a form field left empty, an optional worker output
 * not given) are seen.
 */
type Ctx = Record<string, unknown>;

const action = (title: string, ownerRole: string, dueDate: string) => ({ title, ownerRole, dueDate });
const actions = [action('Ny rutin för nattbemanning', 'enhetschef', '2026-04-15'), action('Utbildning i dokumentation', 'kvalitetsutvecklare', '2026-05-01')];

const arshjulOccurrence = {
  occurrenceId: 'occ-2026-03',
  dutyId: 'duty-egenkontroll',
  caseNumber: 'AH-2026-0003',
  title: 'Egenkontroll av läkemedelshantering',
  description: 'Stickprov på tre enheter',
  role: 'enhetschef',
  unitId: 'unit-ost',
  dueAt: '2026-03-16T07:00:00.000Z',
  deadlineAt: '2026-03-31T15:00:00.000Z',
};
const controlOccurrence = {
  occurrenceId: 'ik-2026-1',
  controlId: 'ctrl-journal',
  title: 'Journalgranskning',
  role: 'kvalitetsutvecklare',
  unitId: 'unit-vast',
  period: '2026-Q1',
  opensAt: '2026-03-02T07:00:00.000Z',
  dueAt: '2026-03-31T15:00:00.000Z',
};

/** The contexts of each process id, by name. */
export const processContexts: Record<string, Record<string, Ctx>> = {
  'arshjul-uppgift': {
    gaps: { ...arshjulOccurrence, whatWasDone: 'Stickprov gjort', result: 'brister', comment: 'Två avvikelser', actions },
    noGaps: { ...arshjulOccurrence, whatWasDone: 'Stickprov gjort', result: 'utan-brister', actions: null },
    noActionsField: { ...arshjulOccurrence, result: 'brister' },
  },
  arshjul: {
    planned: {
      year: 2026,
      yearTaken: false,
      occurrences: [arshjulOccurrence, { ...arshjulOccurrence, occurrenceId: 'occ-2026-04', caseNumber: 'AH-2026-0004' }],
      occurrenceCount: 2,
      nextYearAt: '2027-01-01T00:00:00.000Z',
      occurrence: arshjulOccurrence,
    },
    taken: { year: 2026, yearTaken: true, occurrences: [], occurrenceCount: 0, nextYearAt: '2027-01-01T00:00:00.000Z' },
  },
  atgard: {
    done: {
      actionNumber: 'AT-2026-0012',
      ownerRole: 'enhetschef',
      actionDueAt: '2026-04-15T15:00:00.000Z',
      outcome: 'genomford',
      whatWasDone: 'Rutinen är beslutad',
      effectFollowUpDate: '2026-09-01',
      effectFollowUpAt: '2026-09-01T07:00:00.000Z',
    },
    notDone: {
      actionNumber: 'AT-2026-0013',
      ownerRole: 'kvalitetsutvecklare',
      actionDueAt: '2026-04-15T15:00:00.000Z',
      outcome: 'ej-genomford',
      whatWasDone: '',
    },
  },
  avvikelse: {
    lexSarah: { caseNumber: 'AV-2026-0101', severity: '3', probability: '2', consequence: '3', route: 'lex-sarah', lexMaria: null, actions },
    mas: { caseNumber: 'AV-2026-0102', severity: '2', route: 'mas', lexMaria: 'ja', masComment: 'Anmäls', actions: [] },
    level3: { caseNumber: 'AV-2026-0103', severity: '1', route: 'none', lexMaria: 'nej' },
  },
  'folja-upp': {
    continues: {
      followUpAt: '2026-09-01T07:00:00.000Z',
      followUpDueAt: '2026-09-15T15:00:00.000Z',
      goalsMet: 'delvis',
      continueInsats: 'ja',
      nextFollowUpDate: '2027-03-01',
    },
    ends: { followUpAt: '2026-09-01T07:00:00.000Z', followUpDueAt: '2026-09-15T15:00:00.000Z', goalsMet: 'ja', continueInsats: 'nej' },
  },
  'genomfora-insatser': {
    notExecuted: {
      providerUnitId: 'unit-hemtjanst',
      decidedAt: '2026-03-02T08:00:00.000Z',
      notExecutedDeadlineAt: '2026-06-02T08:00:00.000Z',
      notExecutedReportDueAt: '2026-07-31T15:00:00.000Z',
      notExecutedQuarter: '2026-Q2',
    },
    noProvider: { providerUnitId: null, decidedAt: '2026-03-02T08:00:00.000Z' },
  },
  huvudprocess: {
    granted: { caseNumber: 'HP-2026-0044', inflow: 'ansokan', isChild: false, decision: 'bifall', executedAt: '2026-03-20' },
    partly: { caseNumber: 'HP-2026-0045', inflow: 'anmalan', isChild: true, decision: 'delvis' },
    rejected: { caseNumber: 'HP-2026-0046', decision: 'avslag', executedAt: null },
  },
  internkontroll: {
    deviation: {
      year: 2026,
      occurrences: [controlOccurrence],
      controlCount: 1,
      yearEndAt: '2026-12-31T15:00:00.000Z',
      occurrence: controlOccurrence,
      controlResult: 'avvikelse',
      actions,
      reportDueAt: '2027-01-31T15:00:00.000Z',
    },
    ok: {
      year: 2026,
      occurrences: [],
      controlCount: 0,
      yearEndAt: '2026-12-31T15:00:00.000Z',
      occurrence: { ...controlOccurrence, unitId: null },
      controlResult: 'utan-anmarkning',
      actions: null,
    },
  },
  'lex-maria': {
    toIvo: {
      caseNumber: 'LM-2026-0007',
      seriousHarm: 'ja',
      investigationKind: 'handelseanalys',
      reportToIvo: 'ja',
      decidedAt: '2026-03-02T08:00:00.000Z',
      followUpAt: '2026-09-02T08:00:00.000Z',
      ivoReportDueDate: '2026-05-04T15:00:00.000Z',
      actions,
    },
    notToIvo: { caseNumber: 'LM-2026-0008', investigationKind: 'utredning', reportToIvo: 'nej', followUpAt: '2026-09-02T08:00:00.000Z', actions: null },
  },
  'lex-sarah': {
    serious: {
      caseNumber: 'LS-2026-0003',
      assessment: 'allvarligt',
      followUpAt: '2026-09-02T08:00:00.000Z',
      ivoReportDueDate: '2026-03-16T15:00:00.000Z',
      investigationAttached: false,
      investigationToIvoDueDate: '2026-05-04T15:00:00.000Z',
      actions,
    },
    misconduct: { caseNumber: 'LS-2026-0004', assessment: 'missforhallande', followUpAt: '2026-09-02T08:00:00.000Z', investigationAttached: true, actions: [] },
    none: { caseNumber: 'LS-2026-0005', assessment: 'ej-missforhallande', followUpAt: '2026-09-02T08:00:00.000Z' },
  },
  myndighetsutovning: {
    childReport: {
      caseNumber: 'MU-2026-0019',
      inflow: 'anmalan',
      isChild: true,
      receivedAt: '2026-03-02T08:00:00.000Z',
      protectionAssessmentDueAt: '2026-03-02T23:59:59.000Z',
      preliminaryAssessmentDueAt: '2026-03-16T15:00:00.000Z',
      openInvestigation: 'ja',
      investigationDueAt: '2026-06-02T15:00:00.000Z',
      extensionReviewAt: '2026-05-19T08:00:00.000Z',
      investigationDeadlineKind: 'legal',
    },
    adultApplication: {
      caseNumber: 'MU-2026-0020',
      inflow: 'ansokan',
      isChild: false,
      receivedAt: '2026-03-02T08:00:00.000Z',
      openInvestigation: 'nej',
      investigationDueAt: '2026-06-02T15:00:00.000Z',
    },
  },
  riskanalys: {
    fits: { risksFit: true, priorities: 'Bemanning först', actions },
    refit: { risksFit: false, actions: null },
  },
  synpunkt: {
    deviation: {
      caseNumber: 'SY-2026-0031',
      receivedAt: '2026-03-02T08:00:00.000Z',
      feedbackDueAt: '2026-03-16T15:00:00.000Z',
      concernsMyUnit: 'ja',
      possibleLexSarah: 'ja',
      isDeviation: 'ja',
      actions,
    },
    forward: {
      caseNumber: 'SY-2026-0032',
      receivedAt: '2026-03-02T08:00:00.000Z',
      feedbackDueAt: '2026-03-16T15:00:00.000Z',
      concernsMyUnit: 'nej',
      forwardToUnitId: 'unit-vast',
      possibleLexSarah: 'nej',
      isDeviation: 'nej',
      actions: null,
    },
  },
};
