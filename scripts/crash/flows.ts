/**
 * What the crash suite does with our real processes (bpmn/*.bpmn): how each kind of case is
 * started (as the demo user whose role may, with a start form's required fields and a unique
 * marker in one free-text field, so its instances can be counted afterwards), and how each user
 * task on the way is completed (by whom, with what). Chosen so the walks go several steps deep
 * and pass every kind of command the issue names:
 * - starts: lex Sarah, avvikelse, riskanalys, huvudprocessen, internkontroll (POST /process-instances);
 * - publishes: the public e-service (a message start), and the workers that publish a linked
 *   lex Sarah report (synpunkt triaged as possible lex Sarah; avvikelse of severity 1–2 in SoL);
 * - call-activity starts: atgard from lex Sarah, avvikelse, riskanalys; huvudprocessen's four phases;
 * - timer firings with the server's real clock (no clock control exists for a server process):
 *   atgard's effect follow-up on today's date, huvudprocessen's follow-up on today's date, and an
 *   internkontroll plan for a past year (every quarterly control and the year-end report are due);
 *   cycles and timer starts, which our processes lack, come from the suite's own model (timers.ts).
 */
import type { Rng } from '../rng.js';

/** A date `days` from today in Stockholm, `YYYY-MM-DD`. */
function day(days = 0): string {
  return new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm' }).format(new Date(Date.now() + days * 86_400_000));
}

export interface FlowStart {
  /** The flow's name in the figures. */
  flow: string;
  processId: string;
  /** `public`: the e-service (no login, a message start); else a start as `user`. */
  via: 'public' | 'start';
  user?: string;
  variables: Record<string, unknown>;
  markerField: string;
  marker: string | number;
  /** How many completions the walk goes to (a third of the cases stop after 0–1: more instances per minute). */
  maxSteps: number;
}

type Vars = Record<string, unknown>;
const action = (title: string): Vars => ({ title, ownerRole: 'enhetschef', dueDate: day(30) });

/** Who completes each user task we walk, and with what (by `processId/elementId`). */
export const TASKS: Record<string, { user: string; vars: (rng: Rng) => Vars }> = {
  'lex-sarah/Task_ImmediateMeasures': {
    user: 'enhetschef',
    vars: () => ({ immediateMeasures: 'Rutinen gicks igenom.', measuresTakenAt: `${day(0)}T08:00+01:00`, clientSafe: true }),
  },
  'lex-sarah/Task_Investigate': {
    user: 'utredare',
    vars: () => ({
      chairAndDirectorInformed: true,
      whatHappened: 'Medicin gavs inte.',
      whyItHappened: 'Listan saknades.',
      affectedPersonView: 'Orolig.',
      causes: 'Brist i rutinen.',
      howToPrevent: 'Ny rutin.',
      actionsTaken: 'Lista införd.',
    }),
  },
  'lex-sarah/Task_Assess': { user: 'socialchef', vars: () => ({ assessment: 'missforhallande', assessmentMotivation: 'Brist i omsorgen.' }) },
  'lex-sarah/Task_ActionPlan': { user: 'enhetschef', vars: () => ({ actionPlan: 'Signeringslista införs.', actions: [action('Signeringslista')] }) },
  'atgard/Task_Implement': {
    user: 'enhetschef',
    vars: (rng) =>
      rng() < 0.75
        ? { outcome: 'genomford', whatWasDone: 'Gjort.', effectFollowUpDate: day(0) }
        : { outcome: 'ej-genomford', whatWasDone: 'Ersätts av annan åtgärd.' },
  },
  'atgard/Task_FollowUpEffect': { user: 'enhetschef', vars: () => ({ effective: 'ja', effectComment: 'Fungerar.' }) },
  'synpunkt/Task_Triage': {
    user: 'enhetschef',
    vars: (rng) =>
      rng() < 0.35 ? { concernsMyUnit: 'ja', possibleLexSarah: 'ja', linkedProcess: 'lex-sarah' } : { concernsMyUnit: 'ja', possibleLexSarah: 'nej' },
  },
  'synpunkt/Task_Investigate': { user: 'enhetschef', vars: () => ({ investigation: 'Schemafel.', isDeviation: 'nej' }) },
  'synpunkt/Task_Feedback': { user: 'enhetschef', vars: () => ({ feedbackGiven: 'ja', feedbackGivenAt: day(0), feedbackSummary: 'Återkopplat.' }) },
  'avvikelse/Task_Assess': {
    user: 'enhetschef',
    vars: (rng) => ({
      immediateMeasures: 'Planen uppdaterad.',
      severity: rng() < 0.4 ? '2' : '3',
      probability: '2',
      consequence: '1',
      analysis: 'Rutin saknades.',
    }),
  },
  'avvikelse/Task_Actions': { user: 'enhetschef', vars: () => ({ actions: [action('Rutin för uppdatering')] }) },
  'riskanalys/Task_Identify': { user: 'enhetschef', vars: () => ({ risks: [{ description: 'Larmet når inte fram', probability: 3, consequence: 4 }] }) },
  'riskanalys/Task_Decide': { user: 'verksamhetschef', vars: () => ({ priorities: 'Larmet först.', actions: [action('Testa larmet')] }) },
  'myndighetsutovning/Task_Screen': { user: 'handlaggare', vars: () => ({ openInvestigation: 'ja', screeningReasoning: 'En ansökan utreds.' }) },
  'myndighetsutovning/Task_Investigate': {
    user: 'handlaggare',
    vars: () => ({ investigationSummary: 'Behov av omvårdnad.', childViewRecorded: 'ej-tillampligt', proposal: 'bifall' }),
  },
  'myndighetsutovning/Task_Communicate': { user: 'handlaggare', vars: () => ({ communicatedOn: day(0), partyResponse: 'Inga synpunkter.' }) },
  'myndighetsutovning/Task_Decide': {
    user: 'myndighetschef',
    vars: () => ({ decision: 'bifall', insats: 'Hemtjänst', followUpDate: day(0), decisionReasoning: 'Behovet styrkt.' }),
  },
  'genomfora-insatser/Task_Order': { user: 'handlaggare', vars: () => ({ providerUnitId: 'hemtjanst-solrosen', orderText: 'Hjälp morgon och kväll.' }) },
  'genomfora-insatser/Task_Plan': { user: 'enhetschef', vars: () => ({ plannedWithClient: 'ja', planSummary: 'Två besök om dagen.' }) },
  'genomfora-insatser/Task_Start': { user: 'enhetschef', vars: () => ({ executedOn: day(0) }) },
  'folja-upp/Task_FollowUp': { user: 'handlaggare', vars: () => ({ goalsMet: 'ja', evaluation: 'Fungerar väl.', continueInsats: 'nej' }) },
  'avsluta-arende/Task_CloseCase': { user: 'handlaggare', vars: () => ({ closeReason: 'malen-uppnadda', closingSummary: 'Avslutas.' }) },
  'internkontroll/Task_Vor': {
    user: 'kvalitetsledare',
    vars: () => ({
      controlPoints: [{ what: 'Delegationsbeslut', how: 'Stickprov', frequency: 'quarterly', documentation: 'Protokoll', role: 'kvalitetsledare' }],
    }),
  },
  'internkontroll/Task_Adopt': { user: 'namndsekreterare', vars: () => ({ adoptedBy: 'Socialnämnden', adoptedOn: day(-1), decisionParagraph: '§ 12' }) },
  'internkontroll/Task_Control': { user: 'kvalitetsledare', vars: () => ({ controlResult: 'ok', controlComment: 'Utan anmärkning.' }) },
  'internkontroll/Task_YearEndReport': { user: 'kvalitetsledare', vars: () => ({ reportSummary: 'Kontrollerna utan anmärkning.', reportedOn: day(0) }) },
};

/** Internkontroll plans are for past years (all their timers are due); the year is the marker, so each is used once. */
const PAST_YEARS = Array.from({ length: 25 }, (_, i) => 2001 + i);

/** The next case to start, drawn with the seeded `rng`; `n` makes the marker unique. */
export function nextStart(rng: Rng, n: number, runId: string): FlowStart {
  const maxSteps = rng() < 0.33 ? Math.floor(rng() * 2) : 40;
  return { ...drawStart(rng, n, runId), maxSteps };
}

function drawStart(rng: Rng, n: number, runId: string): Omit<FlowStart, 'maxSteps'> {
  const marker = `crash-${runId}-${n}`;
  const occurredAt = `${day(-1)}T10:00+01:00`;
  const r = rng();
  if (r < 0.04 && PAST_YEARS.length) {
    const year = PAST_YEARS.splice(Math.floor(rng() * PAST_YEARS.length), 1)[0]!;
    return {
      flow: 'internkontroll',
      processId: 'internkontroll',
      via: 'start',
      user: 'kvalitetsledare',
      variables: { year },
      markerField: 'year',
      marker: year,
    };
  }
  if (r < 0.14) {
    return {
      flow: 'huvudprocess',
      processId: 'huvudprocess',
      via: 'start',
      user: 'handlaggare',
      markerField: 'description',
      marker,
      variables: { inflow: 'ansokan', isChild: false, law: 'sol', unitId: 'bistandsenheten', clientReference: `VS-${n}`, description: marker },
    };
  }
  if (r < 0.36) {
    return {
      flow: 'lex-sarah',
      processId: 'lex-sarah',
      via: 'start',
      user: 'medarbetare',
      markerField: 'description',
      marker,
      variables: { unitId: 'hemtjanst-solrosen', occurredAt, location: 'Rum 3', description: marker, affectedPersons: 'En brukare' },
    };
  }
  if (r < 0.62) {
    return {
      flow: 'e-service',
      processId: 'synpunkt',
      via: 'public',
      markerField: 'description',
      marker,
      variables: { kind: 'klagomal', senderType: 'anhorig', unitId: 'hemtjanst-solrosen', description: marker, anonymous: false },
    };
  }
  if (r < 0.82) {
    return {
      flow: 'avvikelse',
      processId: 'avvikelse',
      via: 'start',
      user: 'medarbetare',
      markerField: 'description',
      marker,
      variables: { unitId: 'hemtjanst-solrosen', area: 'sol', category: 'dokumentation', occurredAt, description: marker },
    };
  }
  return {
    flow: 'riskanalys',
    processId: 'riskanalys',
    via: 'start',
    user: 'enhetschef',
    markerField: 'subject',
    marker,
    variables: { unitId: 'hemtjanst-solrosen', occasion: 'planned-change', subject: marker },
  };
}
