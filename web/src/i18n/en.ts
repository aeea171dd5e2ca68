/** The English catalogue (second language); same keys as sv.ts, checked by its type. */
import type { Catalogue } from './sv.js';

export const en: Catalogue = {
  app: { name: 'Kvalitetshjulet', skip: 'Skip to content', error: 'Something went wrong', unknownError: 'Unknown error', loading: 'Loading …', back: 'Back', none: '–', language: 'Language', notFound: 'Page not found' },
  nav: { label: 'Main menu', inbox: 'My tasks', inboxOverdue: '{{count}} overdue', report: 'Report', processMap: 'Process map', logout: 'Log out' },
  login: { title: 'Log in', username: 'Username', password: 'Password', submit: 'Log in', failed: 'Wrong username or password.', public: 'Leave feedback or a complaint without logging in' },
  inbox: {
    title: 'My tasks', done: 'The task is completed.', reportCta: 'Report a serious deficiency (lex Sarah)', reportAll: 'Report something else',
    filters: 'Filters', show: 'Show', all: 'All', overdue: 'Overdue', soon: 'Due within two days', sortBy: 'Sort by',
    sortDue: 'Due date', sortPriority: 'Priority', sortCreated: 'Newest', process: 'Process', allProcesses: 'All processes',
    unit: 'Unit', allUnits: 'All units', assignee: 'Assignment', anyAssignee: 'All', mine: 'Assigned to me', unassigned: 'Unassigned',
    caption: 'Tasks you can work on ({{total}})', task: 'Task', case: 'Case', due: 'Due', created: 'Created', who: 'Assigned', actions: 'Action',
    empty: 'No open tasks.', claim: 'Claim', unclaim: 'Unclaim', claimed: 'You claimed {{name}}.', unclaimed: '{{name}} is unclaimed.',
    pages: 'Pages', previous: 'Previous', next: 'Next', pageOf: 'Page {{page}} of {{pages}}', me: 'you',
  },
  task: {
    form: 'Form', about: 'About the case', case: 'Case', unit: 'Unit', due: 'Due', legal: 'Statutory time limit', local: 'Local target',
    noDeadline: 'No time limit', showProcess: 'Show the process', routines: 'Routines for this step', noRoutines: 'No routine is linked to this step.',
    submit: 'Submit', saveDraft: 'Save draft', draftSaved: 'Draft saved {{time}}.', draftFrom: 'Draft from {{time}} loaded.',
    invalid: 'The form is not filled in correctly: see the marked fields.', serverInvalid: 'The server did not accept the form:', completed: 'The task is completed.',
    context: 'Recorded earlier', noContext: 'No earlier steps with data.', timeline: 'Events in the case', diagram: 'Process diagram with the current step marked',
    claimHint: 'The task is assigned to {{name}}.', by: 'by {{name}}',
  },
  routine: { kind: { rutin: 'Routine', riktlinje: 'Guideline', policy: 'Policy', handbok: 'Handbook', 'vagledande-bestammelser': 'Guiding provisions' },
    meta: '{{kind}} · owner {{owner}} · adopted {{adopted}} · review by {{review}}', overdue: 'Review is overdue',
    full: '{{kind}}, version {{version}}. Decided by {{decidedBy}} {{adopted}}. Owner: {{owner}}. Followed up by: {{followUp}}. Review by {{review}}.', read: 'Read the routine' },
  report: {
    title: 'Report', intro: 'Choose what you want to report. It takes a few minutes, and you get a receipt with a case number.',
    'lex-sarah': 'Serious deficiency (lex Sarah)', 'lex-sarah-help': 'A deficiency, or a clear risk of one, in care.',
    avvikelse: 'Deviation', 'avvikelse-help': 'Something did not go as it should, or could have gone wrong.',
    'lex-maria': 'Healthcare injury (lex Maria)', 'lex-maria-help': 'An injury or risk of injury in health care (to the MAS).',
    synpunkt: 'Feedback or complaint', 'synpunkt-help': 'Register feedback or a complaint someone gave you.',
    formTitle: 'Report: {{what}}', receiptTitle: 'Your report has been received', receipt: 'Your report has been received and passed on. Thank you for reporting.',
    caseNumber: 'Case number: {{number}}', caseNumberPending: 'The case number is being created – find it under Follow the report.', follow: 'Follow the report', toInbox: 'To My tasks',
  },
  public: {
    title: 'Leave feedback or a complaint', intro: 'If you receive support from us, are a relative or live in the municipality, tell us what you think. You do not need to log in and you may stay anonymous. Do not write personal identity numbers.',
    what: 'What would you like to leave?', klagomal: 'A complaint – something has not been right', synpunkt: 'A comment or a suggestion', berom: 'Praise',
    who: 'Who are you?', brukare: 'I receive support or care', anhorig: 'Relative or next of kin', medborgare: 'I live or work in the municipality', annan: 'Other',
    unit: 'Which service is it about?', chooseUnit: 'Choose a service', description: 'Tell us what it is about', anonymous: 'I want to stay anonymous (then we cannot answer you)',
    contact: 'How can we reach you? (optional)', submit: 'Send', unitError: 'Choose which service it is about.', descriptionError: 'Write what it is about.',
    fixFirst: 'Something needs correcting before you can send.', tooMany: 'You have sent many times in a short while. Wait a moment and try again.',
    thanks: 'Thank you!', received: 'We have received what you wrote. Your receipt number is', keep: 'Keep the number if you want to ask about the case.', answer: 'We will get back to you within 14 working days.',
    unavailable: 'The e-service cannot be reached right now. Please try again later.',
  },
  map: {
    title: 'Process map', intro: "The organisation's processes. Choose a process to see its diagram, the routines of each step and where the cases are.",
    group: { ledning: 'Management processes', huvud: 'Core processes', stod: 'Support processes' },
    owner: 'Process owner', version: 'Version', adopted: 'Adopted', open: 'Open cases', overdue: 'Overdue tasks',
  },
  process: {
    diagram: 'Process diagram of {{name}}. Choose a step to see its routines and cases.', activity: 'Selected step', choose: 'Choose a step in the diagram or in the list.',
    role: 'Responsible role', waiting: 'Cases at this step', overdue: 'Overdue', colour: 'Colour steps by overdue share', activities: 'Steps of the process',
    instances: 'Cases at this step', noInstances: 'No open cases at this step.', since: 'At this step since', started: 'Started', state: 'State',
  },
  instance: {
    title: 'Case {{number}}', process: 'Process', state: 'State', started: 'Started', ended: 'Ended', diagram: 'Process diagram with the path taken and the current position',
    history: 'History', variables: 'Case data', incidents: 'Incidents', noIncidents: 'No incidents.', retry: 'Retry', retried: 'The incident is resolved and the step runs again.',
    tasks: 'Tasks', entered: 'entered', left: 'left',
    taskStates: { open: 'open', completing: 'completing', completed: 'completed', canceled: 'cancelled' },
    states: { ACTIVE: 'Active', COMPLETED: 'Completed', TERMINATED: 'Terminated', RESOLVED: 'Resolved' },
  },
  formjs: {
    search: 'Search', select: 'Select', required: 'This field is required.', minLength: 'Write at least {{n}} characters.', maxLength: 'Write at most {{n}} characters.', min: 'The value must be at least {{n}}.',
    max: 'The value may be at most {{n}}.', number: 'Enter a number.', email: 'Enter a valid e-mail address.', pattern: 'The value has the wrong format.',
  },
};
