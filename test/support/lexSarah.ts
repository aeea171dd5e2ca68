/** Lex Sarah inputs shared by the API suite and the benchmark. */

/** A lex Sarah report as the start form takes it (Thursday 25 March 2027, Hemtjänst Solrosen). */
export const LEX_SARAH_REPORT = {
  unitId: 'hemtjanst-solrosen',
  occurredAt: '2027-03-25T08:15+01:00',
  location: 'Rum 3',
  description: 'Brukaren fick inte sin medicin.',
  affectedPersons: 'En brukare',
  immediateActionsTaken: 'Sjuksköterska kontaktades.',
};
/** What each lex Sarah user task's form is filled in with, by element id. */
export const LEX_SARAH_FORMS: Record<string, Record<string, unknown>> = {
  Task_ImmediateMeasures: { immediateMeasures: 'Rutinen gicks igenom med personalen.', measuresTakenAt: '2027-03-25T10:00+01:00', clientSafe: true },
  Task_Investigate: {
    chairAndDirectorInformed: true,
    whatHappened: 'Medicin gavs inte.',
    whyItHappened: 'Signeringslistan saknades.',
    affectedPersonView: 'Brukaren är orolig.',
    causes: 'Brister i rutinen.',
    howToPrevent: 'Ny signeringsrutin.',
    actionsTaken: 'Lista införd.',
  },
  Task_Assess: { assessment: 'allvarligt', assessmentMotivation: 'Risk för allvarlig skada.' },
};
