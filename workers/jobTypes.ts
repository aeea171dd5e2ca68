/**
 * Job types and BPMN error codes shared by the models in bpmn/ and the workers here.
 * A test (test/unit/models.test.ts) checks that every job type in bpmn/ has a worker and
 * every worker's type is used by some model.
 */
export const JobTypes = {
  /** Registers (diarieför) a lex Sarah report: case number and case row. */
  lexSarahRegisterCase: 'lex-sarah-register-case',
  /** Records the assessment; computes the IVO report due date and the follow-up date. */
  lexSarahDecisionDeadlines: 'lex-sarah-decision-deadlines',
  /** Records the anmälan to IVO; computes the 2-month deadline for the investigation. */
  lexSarahIvoReported: 'lex-sarah-ivo-reported',
  /** Records the notification of the nämnd about an IVO report. */
  lexSarahNotifyCommittee: 'lex-sarah-notify-committee',
  /** Closes the lex Sarah case. */
  lexSarahCloseCase: 'lex-sarah-close-case',
  /** Registers a synpunkt/klagomål: case number SY-år-nummer and the feedback due date. */
  synpunktRegister: 'synpunkt-register',
  /** Forwards a synpunkt to the unit it concerns. */
  synpunktForward: 'synpunkt-forward',
  /** Records that feedback to the sender is late (the manager has been given the task). */
  synpunktEscalate: 'synpunkt-escalate',
  /** Starts a linked lex Sarah or lex Maria case from a synpunkt (message start, keyed by the synpunkt's instance). */
  synpunktReportLinked: 'synpunkt-report-linked',
  /** Closes the synpunkt after feedback to the sender. */
  synpunktClose: 'synpunkt-close',
  /** Registers an avvikelse: case number AV-år-nummer. */
  avvikelseRegister: 'avvikelse-register',
  /** Records the manager's assessment: risk score and where the avvikelse goes next. */
  avvikelseAssessed: 'avvikelse-assessed',
  /** Starts a linked lex Sarah case for an avvikelse in socialtjänst or LSS at level 1–2. */
  avvikelseReportLexSarah: 'avvikelse-report-lex-sarah',
  /** Records the actions decided for an avvikelse (each then runs in atgard.bpmn). */
  avvikelseActionsPlanned: 'avvikelse-actions-planned',
  /** Closes the avvikelse when its actions are closed (effective when every action was). */
  avvikelseClose: 'avvikelse-close',
  /** Registers an action (shared process atgard.bpmn): AT-år-nummer, owner role, due date. */
  atgardRegister: 'atgard-register',
  /** Records that an action was carried out; computes when its effect is followed up. */
  atgardImplemented: 'atgard-implemented',
  /** Closes an action with the result of the follow-up (or as not carried out). */
  atgardClose: 'atgard-close',
  /** Registers a case in huvudprocessen: AR-år-nummer; skydds- and förhandsbedömning deadlines for a report about a child. */
  huvudprocessRegister: 'huvudprocess-register',
  /** Records the decision not to open an investigation. */
  myndighetNoInvestigation: 'myndighet-no-investigation',
  /** Opens the investigation: its deadline (legal for children, local otherwise) and the extension review date. */
  myndighetOpenInvestigation: 'myndighet-open-investigation',
  /** Records an extension decision and moves the investigation task's due date. */
  myndighetExtension: 'myndighet-extension',
  /** Records the decision; a favourable one gets the 3-month ej verkställt deadline and its follow-up date. */
  myndighetDecided: 'myndighet-decided',
  /** Records the order (uppdrag) to the providing unit. */
  genomforaOrdered: 'genomfora-ordered',
  /** Records that a favourable decision was not carried out within 3 months (IVO quarterly report). */
  genomforaNotExecuted: 'genomfora-not-executed',
  /** Records the report about a decision not carried out. */
  genomforaNotExecutedReported: 'genomfora-not-executed-reported',
  /** Records the day the decision was carried out. */
  genomforaExecuted: 'genomfora-executed',
  /** Records a follow-up and, when the insats continues, the next follow-up date. */
  foljaUppRecorded: 'folja-upp-recorded',
  /** Closes the case with its reason. */
  avslutaArendeClosed: 'avsluta-arende-closed',
  /** Starts a linked lex Maria case for an avvikelse in HSL when the MAS says it is one. */
  avvikelseReportLexMaria: 'avvikelse-report-lex-maria',
  /** Registers a lex Maria case: case number LM-år-nummer. */
  lexMariaRegister: 'lex-maria-register',
  /** Records the MAS's assessment: risk score and händelseanalys or utredning. */
  lexMariaAssessed: 'lex-maria-assessed',
  /** Records the decision on anmälan to IVO; computes the IVO due date and the follow-up date. */
  lexMariaDecided: 'lex-maria-decided',
  /** Records the anmälan to IVO. */
  lexMariaIvoReported: 'lex-maria-ivo-reported',
  /** Records that (and how) the patient was informed and could give their view. */
  lexMariaPatientInformed: 'lex-maria-patient-informed',
  /** Closes the lex Maria case. */
  lexMariaClose: 'lex-maria-close',
  /** Plans a year of the årshjul: its occurrences (AH-år-nummer) and when each falls due. */
  arshjulPlan: 'arshjul-plan',
  /** Starts next year's årshjul on nyårsdagen (message start event). */
  arshjulStartNextYear: 'arshjul-start-next-year',
  /** Records that an årshjul occurrence was done, with its result. */
  arshjulRecord: 'arshjul-record',
  /** Closes a year of the årshjul. */
  arshjulYearDone: 'arshjul-year-done',
  /** Registers a risk analysis (RA-år-nummer); a yearly VoR starts from last year's open gaps. */
  riskanalysRegister: 'riskanalys-register',
  /** Scores the identified risks with the configured matrix and stores them; red ones go to internal control. */
  riskanalysScore: 'riskanalys-score',
  /** Records that the action plan was decided. */
  riskanalysDecided: 'riskanalys-decided',
  /** Closes the risk analysis. */
  riskanalysClose: 'riskanalys-close',
  /** Registers the year's internkontrollplan (IK-år-nummer) and proposes control points from red risks. */
  internkontrollRegister: 'internkontroll-register',
  /** Stores the adopted plan's control points and schedules every occurrence of every control in the year. */
  internkontrollAdopted: 'internkontroll-adopted',
  /** Records the result of one control (ok or deviation). */
  internkontrollResult: 'internkontroll-result',
  /** Counts the year's results and sets when the year-end report is due. */
  internkontrollYearEnd: 'internkontroll-year-end',
  /** Records that the year-end report went to the nämnd. */
  internkontrollClose: 'internkontroll-close',
  /** Records a reviewer's verdict on a process version (faststallelse.bpmn). */
  faststallelseRecordReview: 'faststallelse-record-review',
  /** Returns a process version in review to its author as a draft. */
  faststallelseReturnToDraft: 'faststallelse-return-to-draft',
  /** Records the adoption of a process version and publishes it through the engine. */
  faststallelseAdoptPublish: 'faststallelse-adopt-publish',
  /** Records the adoption of a routine version decided in the inbox (rutin-faststallelse.bpmn). */
  rutinFaststallelseAdopt: 'rutin-faststallelse-adopt',
  /** Returns a routine version in review to its owner as a draft. */
  rutinFaststallelseReturn: 'rutin-faststallelse-return',
} as const;

/**
 * BPMN error codes thrown by workers (caught by boundary events in the models). None of the
 * lex Sarah workers throws one: a missing case or a database failure is a technical error
 * that retries and then becomes an incident, not a business outcome.
 * @public The place for the codes `raise` (registry.ts) throws, as STYLE.md asks; empty today.
 */
export const BpmnErrorCodes = {} as const satisfies Record<string, string>;
