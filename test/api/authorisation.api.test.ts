/**
 * Who may do what, as a table (issue 13 point 2): every route of /api/v1 × every role × three
 * positions in the organisation (at the case's unit, above it, elsewhere), plus a signed-in user
 * with no role and an anonymous caller. The expected answers are written out here, by hand, from
 * DOMAIN.md's rules — not computed from the policies they check.
 *
 * The resource is one lex Sarah case at Hemtjänst Solrosen, started by the demo medarbetare (who
 * is not in the table), waiting at "Vidta omedelbara åtgärder" (candidate group enhetschef).
 * Requests that would change it are made so that they cannot, or are undone at once: a start or
 * a completion with empty variables (the form refuses it after the policy allowed it: 400), a
 * draft saved and thrown away, a task taken and given back (a second case's task, claimed by the demo
 * enhetschef, answers 409 to a completion or draft by anyone else), a deployment or a message with an
 * invalid body (a role rule refuses before the body is read: 403; an allowed user gets 400). Routine
 * rows work on two routines of their own (a draft, one in review) or ask what cannot succeed (409).
 *
 * Then the sekretess table (issue 15 point 6): the same principals and the reporter × the read
 * paths that return case data (the instance list, the instance page, a task's context, a task
 * form's prefill) × four cases (lex Sarah, lex Maria, a child's care case, a complaint) → refused,
 * or exactly the field groups written for it; every answer is searched for a variable of a group
 * it should not have (a leak). Both tables share one server and one sign-in per principal.
 */
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ControlledClock } from '../../src/clock.js';
import { apiRoutes } from '../../src/http/routes/index.js';
import { signIn, until, useApi } from '../support/api.js';
import { databaseKinds } from '../support/databases.js';
import { LEX_SARAH_FORMS, LEX_SARAH_REPORT } from '../support/lexSarah.js';

/** The roles: the nine of DOMAIN.md §2 and the two of the huvudprocess's demo users. */
const TABLE_ROLES = [
  'medarbetare',
  'enhetschef',
  'verksamhetschef',
  'socialchef',
  'utredare',
  'kvalitetsledare',
  'mas',
  'namndsekreterare',
  'admin',
  'handlaggare',
  'myndighetschef',
];
type Position = 'at' | 'above' | 'elsewhere';
/** Where each position holds its role, relative to the case's unit hemtjanst-solrosen. */
const NODE: Record<Position, string> = { at: 'hemtjanst-solrosen', above: 'aldreomsorg', elsewhere: 'vobo-linden' };

interface Principal {
  name: string;
  role: string | null;
  position: Position | null;
  anonymous: boolean;
}
const PRINCIPALS: Principal[] = [
  ...TABLE_ROLES.flatMap((role) =>
    (['at', 'above', 'elsewhere'] as const).map((position) => ({ name: `${role}-${position}`, role, position, anonymous: false })),
  ),
  { name: 'utan-roll', role: null, position: null, anonymous: false },
  { name: 'anonym', role: null, position: null, anonymous: true },
];

// ---- the rules, by hand -------------------------------------------------------------------
const is = (p: Principal, ...roles: string[]) => p.role !== null && roles.includes(p.role);
const atOrAbove = (p: Principal) => p.position === 'at' || p.position === 'above';
/**
 * The lex Sarah case (issue 15 point 6): read by its starter (the demo medarbetare, not in the
 * table), by the enhetschef who takes the measures, the verksamhetschef and socialchef above her,
 * the utredare and the kvalitetsledare (SAS) who investigate and report — each at the case's unit
 * or above; and by those offered a task in it (here only the enhetschef's). Not by the medarbetare
 * at the unit (the report may be about her), the MAS, the nämndsekreterare, the myndighet's roles
 * or admin.
 */
const readsCase = (p: Principal) => atOrAbove(p) && is(p, 'enhetschef', 'verksamhetschef', 'socialchef', 'utredare', 'kvalitetsledare');
/** Who reviews the audit log (loggkontroll): the MAS, the quality lead (SAS, MAR, systemförvaltare are not in the table), enhetschef and verksamhetschef. */
const reviewsLog = (p: Principal) => is(p, 'mas', 'kvalitetsledare', 'enhetschef', 'verksamhetschef');
/** The task is offered to enhetschef at the unit (or above); nobody else sees it. */
const worksTask = (p: Principal) => is(p, 'enhetschef') && atOrAbove(p);

/** An expected answer: a status, or a status and whether a list shows the case's row. */
type Expected = number | { status: number; listed: boolean };
interface Fixture {
  instanceKey: string;
  taskKey: string;
  /** A second case's task, claimed by the demo enhetschef. */
  claimedKey: string;
  commandId: string;
  routineId: string;
  draftId: string;
  reviewId: string;
  attachmentId: number;
  /** The demo enhetschef's user id (assigned at the case's unit): the administration's person. */
  personId: number;
}
interface Row {
  /** The route's operationId (a test checks every route has a row). */
  op: string;
  /** What is asked, for the report. */
  what: string;
  send(a: request.Agent, f: Fixture, p: Principal): request.Test;
  /** Whether the answer lists the case (list rows). */
  listed?(body: unknown, f: Fixture): boolean;
  expect(p: Principal): Expected;
  /** Puts back what an allowed request changed (with the same agent). */
  undo?(a: request.Agent, f: Fixture, p: Principal): Promise<unknown>;
}

/** Signed in: `signedIn`; anonymous: 401. */
const session =
  (signedIn: (p: Principal) => Expected) =>
  (p: Principal): Expected =>
    p.anonymous ? 401 : signedIn(p);
const allow = (ok: number, who: (p: Principal) => boolean, refused = 403) => session((p) => (who(p) ? ok : refused));
const everyone = (ok: number) => session(() => ok);
const publicRoute = (status: number) => () => status;
const items = (body: unknown) => ((body as { items?: { key?: string }[] }).items ?? []).map((x) => x.key);

const ROWS: Row[] = [
  // public
  { op: 'health', what: 'GET /health', send: (a) => a.get('/api/v1/health'), expect: publicRoute(200) },
  { op: 'openapi', what: 'GET /openapi.json', send: (a) => a.get('/api/v1/openapi.json'), expect: publicRoute(200) },
  { op: 'problemKind', what: 'GET /problems/forbidden', send: (a) => a.get('/api/v1/problems/forbidden'), expect: publicRoute(200) },
  { op: 'publicUnits', what: 'GET /public/units', send: (a) => a.get('/api/v1/public/units'), expect: publicRoute(200) },
  { op: 'publicProcesses', what: 'GET /public/processes', send: (a) => a.get('/api/v1/public/processes'), expect: publicRoute(200) },
  { op: 'publicPrivacyNotice', what: 'GET /public/privacy-notice', send: (a) => a.get('/api/v1/public/privacy-notice'), expect: publicRoute(200) },
  {
    op: 'submitSynpunkt',
    what: 'POST /public/synpunkter (empty: refused by its schema, never by a role)',
    send: (a) => a.post('/api/v1/public/synpunkter').send({}),
    expect: publicRoute(400),
  },
  // a login from a fresh agent (the table's agent keeps its session); anonymous: a wrong password
  {
    op: 'login',
    what: 'POST /session (own password; anonymous: a wrong one)',
    send: (_a, _f, p) =>
      request
        .agent(app())
        .post('/api/v1/session')
        .send({ username: p.anonymous ? 'anonym' : p.name, password: p.anonymous ? 'fel' : 'demo' }),
    expect: (p) => (p.anonymous ? 401 : 200),
  },
  { op: 'logout', what: 'DELETE /session (a fresh agent)', send: () => request.agent(app()).delete('/api/v1/session'), expect: publicRoute(204) },
  // what every signed-in user reads
  { op: 'me', what: 'GET /me', send: (a) => a.get('/api/v1/me'), expect: everyone(200) },
  // one's own notification settings (issue 15.4): everyone signed in, each their own
  { op: 'myNotifications', what: 'GET /me/notifications', send: (a) => a.get('/api/v1/me/notifications'), expect: everyone(200) },
  {
    op: 'setMyNotifications',
    what: 'PUT /me/notifications',
    send: (a) => a.put('/api/v1/me/notifications').send({ email: null, newTasks: 'immediate', deadlineDays: 2 }),
    expect: everyone(200),
  },
  { op: 'listOrgNodes', what: 'GET /org/units', send: (a) => a.get('/api/v1/org/units'), expect: everyone(200) },
  { op: 'listOrgRoles', what: 'GET /org/roles', send: (a) => a.get('/api/v1/org/roles'), expect: everyone(200) },
  {
    op: 'listRoutines',
    what: 'GET /routines?processId=lex-sarah',
    send: (a) => a.get('/api/v1/routines').query({ processId: 'lex-sarah' }),
    expect: everyone(200),
  },
  { op: 'getRoutine', what: 'GET /routines/{id}', send: (a, f) => a.get(`/api/v1/routines/${f.routineId}`), expect: everyone(200) },
  // routines (issue 14.4): the register, a routine's history and files for everyone; the fixture's
  // routine in force is a demo riktlinje of lex Sarah (owner socialchef, decided by the nämnd);
  // `draftId` is a draft owned by enhetschef, `reviewId` one in review by mas-at
  {
    op: 'searchRoutineRegister',
    what: 'GET /routine-register?q=lex',
    send: (a) => a.get('/api/v1/routine-register').query({ q: 'lex' }),
    expect: everyone(200),
  },
  { op: 'listRoutineVersions', what: 'GET /routines/{id}/versions', send: (a, f) => a.get(`/api/v1/routines/${f.routineId}/versions`), expect: everyone(200) },
  {
    op: 'diffRoutineVersions',
    what: 'GET /routines/{id}/diff?from=1&to=1',
    send: (a, f) => a.get(`/api/v1/routines/${f.routineId}/diff`).query({ from: 1, to: 1 }),
    expect: everyone(200),
  },
  {
    op: 'listRoutineAttachments',
    what: 'GET /routines/{id}/attachments',
    send: (a, f) => a.get(`/api/v1/routines/${f.routineId}/attachments`),
    expect: everyone(200),
  },
  {
    op: 'getRoutineAttachment',
    what: 'GET /routines/{id}/attachments/{attachmentId}',
    send: (a, f) => a.get(`/api/v1/routines/${f.routineId}/attachments/${f.attachmentId}`),
    expect: everyone(200),
  },
  {
    op: 'getRoutineAttachment',
    what: 'GET /routines/{id}/attachments/{unknown}',
    send: (a, f) => a.get(`/api/v1/routines/${f.routineId}/attachments/999999`),
    expect: everyone(404),
  },
  // creating: the roles that own routines and the kvalitetsledare, anywhere (refused before the empty body is read)
  {
    op: 'createRoutine',
    what: 'POST /routines (empty)',
    send: (a) => a.post('/api/v1/routines').send({}),
    expect: allow(400, (p) => is(p, 'kvalitetsledare', 'socialchef', 'verksamhetschef', 'enhetschef', 'mas', 'myndighetschef')),
  },
  // drafting: the owner role (enhetschef, any node) and the kvalitetsledare
  {
    op: 'updateRoutineDraft',
    what: 'PUT /routines/{draft}/versions/1 (the same note)',
    send: (a, f) => a.put(`/api/v1/routines/${f.draftId}/versions/1`).send({ changeNote: 'Utkast' }),
    expect: allow(204, (p) => is(p, 'enhetschef', 'kvalitetsledare')),
  },
  {
    op: 'createRoutineDraft',
    what: 'POST /routines/{draft}/versions (one is open: 409)',
    send: (a, f) => a.post(`/api/v1/routines/${f.draftId}/versions`).send({}),
    expect: allow(409, (p) => is(p, 'enhetschef', 'kvalitetsledare')),
  },
  {
    op: 'importRoutineDocx',
    what: 'POST /routines/{draft}/imports (not a .docx)',
    send: (a, f) => a.post(`/api/v1/routines/${f.draftId}/imports`).send({ dataBase64: '' }),
    expect: allow(400, (p) => is(p, 'enhetschef', 'kvalitetsledare')),
  },
  {
    op: 'sendRoutineForReview',
    what: 'POST /routines/{draft}/versions/1/review (unknown reviewer)',
    send: (a, f) => a.post(`/api/v1/routines/${f.draftId}/versions/1/review`).send({ reviewers: ['ingen-sadan'] }),
    expect: allow(400, (p) => is(p, 'enhetschef', 'kvalitetsledare')),
  },
  {
    op: 'withdrawRoutineVersion',
    what: 'POST /routines/{draft}/versions/1/withdrawal (a draft, not in review)',
    send: (a, f) => a.post(`/api/v1/routines/${f.draftId}/versions/1/withdrawal`),
    expect: allow(409, (p) => is(p, 'enhetschef', 'kvalitetsledare')),
  },
  {
    op: 'setRoutineLinks',
    what: 'PUT /routines/{draft}/links (none, as before)',
    send: (a, f) => a.put(`/api/v1/routines/${f.draftId}/links`).send({ links: [] }),
    expect: allow(204, (p) => is(p, 'enhetschef', 'kvalitetsledare')),
  },
  {
    op: 'addRoutineAttachment',
    what: 'POST /routines/{draft}/attachments (an .exe)',
    send: (a, f) =>
      a.post(`/api/v1/routines/${f.draftId}/attachments`).send({ fileName: 'x.exe', contentType: 'application/octet-stream', dataBase64: 'TVo=' }),
    expect: allow(400, (p) => is(p, 'enhetschef', 'kvalitetsledare')),
  },
  // reviewing: the named reviewer only; adopting a nämnd-level routine: socialchef (it is adopted already: 409)
  {
    op: 'commentRoutineVersion',
    what: 'POST /routines/{review}/versions/1/comments',
    send: (a, f) => a.post(`/api/v1/routines/${f.reviewId}/versions/1/comments`).send({ body: 'Bra' }),
    expect: allow(204, (p) => p.name === 'mas-at'),
  },
  {
    op: 'adoptRoutineVersion',
    what: 'POST /routines/{id}/versions/1/adoption (adopted already)',
    send: (a, f) => a.post(`/api/v1/routines/${f.routineId}/versions/1/adoption`).send({ decisionRef: 'X' }),
    expect: allow(409, (p) => is(p, 'socialchef')),
  },
  // läst och förstått: anyone with a role; who has not: enhetschef and verksamhetschef
  {
    op: 'confirmRoutineRead',
    what: 'POST /routines/{id}/read-confirmation',
    send: (a, f) => a.post(`/api/v1/routines/${f.routineId}/read-confirmation`),
    expect: allow(200, (p) => p.role !== null),
  },
  {
    op: 'routineUnread',
    what: 'GET /routines/{id}/unread',
    send: (a, f) => a.get(`/api/v1/routines/${f.routineId}/unread`),
    expect: allow(200, (p) => is(p, 'enhetschef', 'verksamhetschef')),
  },
  { op: 'getRiskMatrix', what: 'GET /risk-matrix', send: (a) => a.get('/api/v1/risk-matrix'), expect: everyone(200) },
  { op: 'listProcessDefinitions', what: 'GET /process-definitions', send: (a) => a.get('/api/v1/process-definitions'), expect: everyone(200) },
  // counts at the units the user may see (the scope is tested in deviationCounts.api.test.ts): every signed-in user gets an answer
  {
    op: 'processDeviationCounts',
    what: 'GET /processes/lex-sarah/deviation-counts',
    send: (a) => a.get('/api/v1/processes/lex-sarah/deviation-counts').query({ from: '2026-01-01', to: '2026-12-31' }),
    expect: everyone(200),
  },
  {
    op: 'listActivities',
    what: 'GET /process-definitions/lex-sarah/activities',
    send: (a) => a.get('/api/v1/process-definitions/lex-sarah/activities'),
    expect: everyone(200),
  },
  {
    op: 'getStartForm',
    what: 'GET /process-definitions/lex-sarah/form',
    send: (a) => a.get('/api/v1/process-definitions/lex-sarah/form'),
    expect: everyone(200),
  },
  {
    op: 'getProcessXml',
    what: 'GET /process-definitions/lex-sarah/xml',
    send: (a) => a.get('/api/v1/process-definitions/lex-sarah/xml'),
    expect: everyone(200),
  },
  // someone else's command is nobody's business: not found, for everyone
  { op: 'getCommand', what: "GET /commands/{id} (the medarbetare's start)", send: (a, f) => a.get(`/api/v1/commands/${f.commandId}`), expect: everyone(404) },
  // the risk matrix: admin and kvalitetsledare, anywhere (the same matrix put back)
  {
    op: 'setRiskMatrix',
    what: 'PUT /risk-matrix (the values in force)',
    expect: allow(200, (p) => is(p, 'admin', 'kvalitetsledare')),
    send: (a) => a.put('/api/v1/risk-matrix').send(matrix),
  },
  // starting by hand: lex Sarah any role; internkontroll kvalitetsledare and admin; huvudprocess its handläggare, myndighetschef, admin
  {
    op: 'startInstance',
    what: 'POST /process-instances lex-sarah, empty form',
    send: (a) => a.post('/api/v1/process-instances').send({ processId: 'lex-sarah', variables: {} }),
    expect: allow(400, (p) => p.role !== null),
  },
  {
    op: 'startInstance',
    what: 'POST /process-instances internkontroll, empty form',
    send: (a) => a.post('/api/v1/process-instances').send({ processId: 'internkontroll', variables: {} }),
    expect: allow(400, (p) => is(p, 'kvalitetsledare', 'admin')),
  },
  {
    op: 'startInstance',
    what: 'POST /process-instances huvudprocess, empty form',
    send: (a) => a.post('/api/v1/process-instances').send({ processId: 'huvudprocess', variables: {} }),
    expect: allow(400, (p) => is(p, 'handlaggare', 'myndighetschef', 'admin')),
  },
  // modelling and steering: refused before the (invalid) body is read
  {
    op: 'deploy',
    what: 'POST /deployments (no resources)',
    send: (a) => a.post('/api/v1/deployments').send({ resources: [] }),
    expect: allow(400, (p) => is(p, 'admin', 'kvalitetsledare')),
  },
  { op: 'publishMessage', what: 'POST /messages (no name)', send: (a) => a.post('/api/v1/messages').send({}), expect: allow(400, (p) => is(p, 'admin')) },
  {
    op: 'resolveIncident',
    what: 'POST /incidents/{unknown}/resolution',
    send: (a) => a.post('/api/v1/incidents/999999999999/resolution').send({}),
    expect: allow(404, (p) => is(p, 'admin', 'kvalitetsledare')),
  },
  // process versions (issue 14.2): version 1 of lex Sarah is published (adopted at installation); its owner is the socialchef
  { op: 'listProcessVersions', what: 'GET /processes/lex-sarah/versions', send: (a) => a.get('/api/v1/processes/lex-sarah/versions'), expect: everyone(200) },
  {
    op: 'getProcessVersion',
    what: 'GET /processes/lex-sarah/versions/1 (published)',
    send: (a) => a.get('/api/v1/processes/lex-sarah/versions/1'),
    expect: everyone(200),
  },
  {
    op: 'getProcessVersion',
    what: 'GET /processes/lex-sarah/versions/{unknown}',
    send: (a) => a.get('/api/v1/processes/lex-sarah/versions/999'),
    expect: everyone(404),
  },
  {
    op: 'diffProcessVersions',
    what: 'GET /processes/lex-sarah/versions/1/diff/1',
    send: (a) => a.get('/api/v1/processes/lex-sarah/versions/1/diff/1'),
    expect: everyone(200),
  },
  // drafting, sending for review, commenting, publishing: the owner (socialchef) or admin; for them the request cannot succeed (no version 999; version 1 is published: 409)
  {
    op: 'createProcessVersion',
    what: 'POST /processes/lex-sarah/versions from an unknown version',
    send: (a) => a.post('/api/v1/processes/lex-sarah/versions').send({ basedOn: 999 }),
    expect: allow(400, (p) => is(p, 'socialchef', 'admin')),
  },
  {
    op: 'saveProcessVersion',
    what: 'PUT /processes/lex-sarah/versions/1 (published)',
    send: (a) => a.put('/api/v1/processes/lex-sarah/versions/1').send({ xml: '<x/>', changeNote: '' }),
    expect: allow(409, (p) => is(p, 'socialchef', 'admin')),
  },
  {
    op: 'submitProcessVersion',
    what: 'POST /processes/lex-sarah/versions/1/review (published)',
    send: (a) => a.post('/api/v1/processes/lex-sarah/versions/1/review').send({ reviewers: ['medarbetare'] }),
    expect: allow(409, (p) => is(p, 'socialchef', 'admin')),
  },
  {
    op: 'withdrawProcessVersion',
    what: 'POST /processes/lex-sarah/versions/1/withdrawal (published)',
    send: (a) => a.post('/api/v1/processes/lex-sarah/versions/1/withdrawal'),
    expect: allow(409, (p) => is(p, 'socialchef', 'admin')),
  },
  {
    op: 'commentProcessVersion',
    what: 'POST /processes/lex-sarah/versions/1/comments (published)',
    send: (a) => a.post('/api/v1/processes/lex-sarah/versions/1/comments').send({ text: 'x' }),
    expect: allow(409, (p) => is(p, 'socialchef', 'admin')),
  },
  {
    op: 'publishProcessVersion',
    what: 'POST /processes/lex-sarah/versions/1/publication (published)',
    send: (a) => a.post('/api/v1/processes/lex-sarah/versions/1/publication').send({}),
    expect: allow(409, (p) => is(p, 'socialchef', 'admin')),
  },
  // the lint panel: whoever may edit the process's draft, its owner (lex Sarah: socialchef) or admin; lex Maria's owner is the MAS
  {
    op: 'lintModel',
    what: 'POST /processes/lex-sarah/lint',
    send: (a) => a.post('/api/v1/processes/lex-sarah/lint').send({ xml: '<x/>' }),
    expect: allow(200, (p) => is(p, 'socialchef', 'admin')),
  },
  {
    op: 'lintModel',
    what: 'POST /processes/lex-maria/lint',
    send: (a) => a.post('/api/v1/processes/lex-maria/lint').send({ xml: '<x/>' }),
    expect: allow(200, (p) => is(p, 'mas', 'admin')),
  },
  // the process map (issue 14.3): the tree and records for everyone; describing a process: the process owners of each level and the quality lead;
  // placing one: its owner (lex Sarah: socialchef) and the map's keepers; making one executable: those who deploy; none of these can succeed here
  { op: 'getProcessMap', what: 'GET /process-map', send: (a) => a.get('/api/v1/process-map'), expect: everyone(200) },
  { op: 'getProcessRecord', what: 'GET /process-records/lex-sarah', send: (a) => a.get('/api/v1/process-records/lex-sarah'), expect: everyone(200) },
  {
    op: 'createProcessRecord',
    what: 'POST /process-records (empty: refused by its schema)',
    send: (a) => a.post('/api/v1/process-records').send({}),
    expect: allow(400, (p) => is(p, 'kvalitetsledare', 'admin', 'socialchef', 'myndighetschef', 'verksamhetschef', 'enhetschef', 'mas')),
  },
  {
    op: 'placeProcessRecord',
    what: 'PUT /process-records/lex-sarah (an owner role nobody holds)',
    send: (a) => a.put('/api/v1/process-records/lex-sarah').send({ ownerRole: 'ingen-sadan-roll' }),
    expect: allow(400, (p) => is(p, 'socialchef', 'kvalitetsledare', 'admin')),
  },
  {
    op: 'setProcessExecutable',
    what: 'PUT /process-records/lex-sarah/executable (not a boolean)',
    send: (a) => a.put('/api/v1/process-records/lex-sarah/executable').send({ executable: 'ja' }),
    expect: allow(400, (p) => is(p, 'kvalitetsledare', 'admin')),
  },
  {
    op: 'importProcessVersion',
    what: 'POST /processes/lex-sarah/imports (not BPMN: 422)',
    send: (a) => a.post('/api/v1/processes/lex-sarah/imports').send({ xml: 'inte bpmn' }),
    expect: allow(422, (p) => is(p, 'socialchef', 'admin')),
  },
  // forms (issue 14.1): everyone signed in reads; process owners (the catalogue's owner roles), the quality lead and admin edit, and for them the request cannot succeed
  { op: 'listForms', what: 'GET /forms', send: (a) => a.get('/api/v1/forms'), expect: everyone(200) },
  { op: 'getForm', what: 'GET /forms/lex-sarah-report', send: (a) => a.get('/api/v1/forms/lex-sarah-report'), expect: everyone(200) },
  { op: 'getForm', what: 'GET /forms/{unknown}', send: (a) => a.get('/api/v1/forms/finns-inte'), expect: everyone(404) },
  {
    op: 'createForm',
    what: "POST /forms with a schema whose id is not the form's (422)",
    send: (a) => a.post('/api/v1/forms').send({ formId: 'tabellen', title: 'Tabellen', schema: { id: 'annat', components: [] } }),
    expect: allow(422, (p) => is(p, 'socialchef', 'myndighetschef', 'verksamhetschef', 'mas', 'kvalitetsledare', 'admin')),
  },
  {
    op: 'saveFormDraft',
    what: 'PUT /forms/{unknown}/draft',
    send: (a) => a.put('/api/v1/forms/finns-inte/draft').send({ schema: { id: 'finns-inte', components: [] } }),
    expect: allow(404, (p) => is(p, 'socialchef', 'myndighetschef', 'verksamhetschef', 'mas', 'kvalitetsledare', 'admin')),
  },
  {
    op: 'publishForm',
    what: 'POST /forms/lex-sarah-report/publication (no draft: 409)',
    send: (a) => a.post('/api/v1/forms/lex-sarah-report/publication'),
    expect: allow(409, (p) => is(p, 'socialchef', 'myndighetschef', 'verksamhetschef', 'mas', 'kvalitetsledare', 'admin')),
  },
  // cases: by the visibility table (src/domain/visibility/policy.ts), written out above as readsCase; admin reads none
  {
    op: 'listInstances',
    what: 'GET /process-instances?processId=lex-sarah (lists the case?)',
    expect: session((p) => ({ status: 200, listed: readsCase(p) })),
    send: (a) => a.get('/api/v1/process-instances').query({ processId: 'lex-sarah', pageSize: 100 }),
    listed: (b, f) => items(b).includes(f.instanceKey),
  },
  {
    op: 'getInstance',
    what: 'GET /process-instances/{key}',
    send: (a, f) => a.get(`/api/v1/process-instances/${f.instanceKey}`),
    expect: allow(200, readsCase),
  },
  { op: 'getInstance', what: 'GET /process-instances/{unknown}', send: (a) => a.get('/api/v1/process-instances/999999999999'), expect: everyone(404) },
  // the task: enhetschef at the unit or above
  {
    op: 'listTasks',
    what: 'GET /tasks (lists the task?)',
    expect: session((p) => ({ status: 200, listed: worksTask(p) })),
    send: (a) => a.get('/api/v1/tasks').query({ pageSize: 100 }),
    listed: (b, f) => items(b).includes(f.taskKey),
  },
  { op: 'countTasks', what: 'GET /tasks/counts', send: (a) => a.get('/api/v1/tasks/counts'), expect: everyone(200) },
  { op: 'getTask', what: 'GET /tasks/{key}', send: (a, f) => a.get(`/api/v1/tasks/${f.taskKey}`), expect: allow(200, worksTask) },
  { op: 'getTask', what: 'GET /tasks/{unknown}', send: (a) => a.get('/api/v1/tasks/999999999999'), expect: everyone(404) },
  { op: 'getTaskForm', what: 'GET /tasks/{key}/form', send: (a, f) => a.get(`/api/v1/tasks/${f.taskKey}/form`), expect: allow(200, worksTask) },
  { op: 'getTaskContext', what: 'GET /tasks/{key}/context', send: (a, f) => a.get(`/api/v1/tasks/${f.taskKey}/context`), expect: allow(200, worksTask) },
  {
    op: 'saveDraft',
    what: 'PUT /tasks/{key}/draft',
    send: (a, f) => a.put(`/api/v1/tasks/${f.taskKey}/draft`).send({ variables: {} }),
    expect: allow(200, worksTask),
    undo: (a, f) => a.delete(`/api/v1/tasks/${f.taskKey}/draft`).expect(204),
  },
  { op: 'deleteDraft', what: 'DELETE /tasks/{key}/draft', send: (a, f) => a.delete(`/api/v1/tasks/${f.taskKey}/draft`), expect: allow(204, worksTask) },
  {
    op: 'assignTask',
    what: 'POST /tasks/{key}/assignment to oneself (given back)',
    expect: allow(200, worksTask),
    send: (a, f, p) => a.post(`/api/v1/tasks/${f.taskKey}/assignment`).send({ assignee: p.name }),
    undo: (a, f) =>
      a
        .post(`/api/v1/tasks/${f.taskKey}/assignment`)
        .send({ assignee: null })
        .expect((r) => expect([200, 202]).toContain(r.status)),
  },
  {
    // enhetschef (or admin) at the unit or above assign to others; admin is not offered the task, so refused like anyone
    op: 'assignTask',
    what: 'POST /tasks/{key}/assignment to the demo enhetschef (given back)',
    expect: allow(200, worksTask),
    send: (a, f) => a.post(`/api/v1/tasks/${f.taskKey}/assignment`).send({ assignee: 'enhetschef' }),
    undo: (a, f) =>
      a
        .post(`/api/v1/tasks/${f.taskKey}/assignment`)
        .send({ assignee: null })
        .expect((r) => expect([200, 202]).toContain(r.status)),
  },
  {
    // only to a person the task is offered to (issue 15): the medarbetare holds no candidate role, and nobody is called so
    op: 'assignTask',
    what: 'POST /tasks/{key}/assignment to the medarbetare (not offered the task: 422)',
    expect: allow(422, worksTask),
    send: (a, f) => a.post(`/api/v1/tasks/${f.taskKey}/assignment`).send({ assignee: 'medarbetare' }),
  },
  {
    op: 'assignTask',
    what: 'POST /tasks/{key}/assignment to nobody that exists (422)',
    expect: allow(422, worksTask),
    send: (a, f) => a.post(`/api/v1/tasks/${f.taskKey}/assignment`).send({ assignee: 'finns-inte' }),
  },
  {
    // a task claimed by the demo enhetschef: those who see it may not complete or draft it (409 task-claimed)
    op: 'completeTask',
    what: 'POST /tasks/{claimed}/completion (claimed by another: 409)',
    send: (a, f) => a.post(`/api/v1/tasks/${f.claimedKey}/completion`).send({ variables: {} }),
    expect: allow(409, worksTask),
  },
  {
    op: 'saveDraft',
    what: 'PUT /tasks/{claimed}/draft (claimed by another: 409)',
    send: (a, f) => a.put(`/api/v1/tasks/${f.claimedKey}/draft`).send({ variables: {} }),
    expect: allow(409, worksTask),
  },
  {
    op: 'completeTask',
    what: 'POST /tasks/{key}/completion, empty form',
    send: (a, f) => a.post(`/api/v1/tasks/${f.taskKey}/completion`).send({ variables: {} }),
    expect: allow(400, worksTask),
  },
  {
    op: 'completeTask',
    what: 'POST /tasks/{unknown}/completion',
    send: (a) => a.post('/api/v1/tasks/999999999999/completion').send({ variables: {} }),
    expect: everyone(404),
  },
  // administration (issue 15.1): admin anywhere reads the lists; a change needs admin at or above the nodes it touches
  // (admin-at holds it at the case's unit, admin-above at its area, admin-elsewhere at another unit; none at the root)
  { op: 'adminListNodes', what: 'GET /admin/nodes', send: (a) => a.get('/api/v1/admin/nodes'), expect: allow(200, (p) => is(p, 'admin')) },
  { op: 'adminCreateNode', what: 'POST /admin/nodes (empty)', send: (a) => a.post('/api/v1/admin/nodes').send({}), expect: allow(400, (p) => is(p, 'admin')) },
  {
    op: 'adminUpdateNode',
    what: 'PUT /admin/nodes/hemtjanst-solrosen (the same name)',
    send: (a) => a.put('/api/v1/admin/nodes/hemtjanst-solrosen').send({ name: 'Hemtjänst Solrosen' }),
    expect: allow(200, (p) => is(p, 'admin') && atOrAbove(p)),
  },
  { op: 'adminListPeople', what: 'GET /admin/people', send: (a) => a.get('/api/v1/admin/people'), expect: allow(200, (p) => is(p, 'admin')) },
  {
    op: 'adminCreatePerson',
    what: 'POST /admin/people (empty)',
    send: (a) => a.post('/api/v1/admin/people').send({}),
    expect: allow(400, (p) => is(p, 'admin')),
  },
  {
    op: 'adminGetPerson',
    what: 'GET /admin/people/{the unit’s enhetschef}',
    send: (a, f) => a.get(`/api/v1/admin/people/${f.personId}`),
    expect: session((p) => (!is(p, 'admin') ? 403 : atOrAbove(p) ? 200 : 404)),
  },
  {
    op: 'adminUpdatePerson',
    what: 'PUT /admin/people/{the unit’s enhetschef} (nothing to change)',
    send: (a, f) => a.put(`/api/v1/admin/people/${f.personId}`).send({}),
    expect: session((p) => (!is(p, 'admin') ? 403 : atOrAbove(p) ? 200 : 404)),
  },
  {
    op: 'adminSetAssignments',
    what: 'PUT /admin/people/{the unit’s enhetschef}/assignments (the same)',
    send: (a, f) =>
      a
        .put(`/api/v1/admin/people/${f.personId}/assignments`)
        .send({ assignments: [{ role: 'enhetschef', nodeId: 'hemtjanst-solrosen', validFrom: null, validTo: null }] }),
    expect: session((p) => (!is(p, 'admin') ? 403 : atOrAbove(p) ? 200 : 404)),
  },
  {
    op: 'adminAddSubstitute',
    what: 'POST /admin/people/{id}/substitutes (empty)',
    send: (a, f) => a.post(`/api/v1/admin/people/${f.personId}/substitutes`).send({}),
    expect: allow(400, (p) => is(p, 'admin')),
  },
  {
    op: 'adminRemoveSubstitute',
    what: 'DELETE /admin/people/{id}/substitutes/{unknown}',
    send: (a, f) => a.delete(`/api/v1/admin/people/${f.personId}/substitutes/999999`),
    expect: allow(404, (p) => is(p, 'admin')),
  },
  { op: 'adminListRoles', what: 'GET /admin/roles', send: (a) => a.get('/api/v1/admin/roles'), expect: allow(200, (p) => is(p, 'admin')) },
  { op: 'adminCreateRole', what: 'POST /admin/roles (empty)', send: (a) => a.post('/api/v1/admin/roles').send({}), expect: allow(400, (p) => is(p, 'admin')) },
  // the role list is the whole organisation's: admin at the root only (none in the table)
  { op: 'adminUpdateRole', what: 'PUT /admin/roles/mas (nothing)', send: (a) => a.put('/api/v1/admin/roles/mas').send({}), expect: allow(200, () => false) },
  {
    op: 'adminExportOrganisation',
    what: 'GET /admin/exports/organisation',
    send: (a) => a.get('/api/v1/admin/exports/organisation'),
    expect: allow(200, (p) => is(p, 'admin')),
  },
  { op: 'adminExportPeople', what: 'GET /admin/exports/people', send: (a) => a.get('/api/v1/admin/exports/people'), expect: allow(200, (p) => is(p, 'admin')) },
  {
    op: 'adminImportOrganisation',
    what: 'POST /admin/imports/organisation (empty)',
    send: (a) => a.post('/api/v1/admin/imports/organisation').send({}),
    expect: allow(400, (p) => is(p, 'admin')),
  },
  {
    op: 'adminImportPeople',
    what: 'POST /admin/imports/people (empty)',
    send: (a) => a.post('/api/v1/admin/imports/people').send({}),
    expect: allow(400, (p) => is(p, 'admin')),
  },
  // the first start: public; with demo data there is none (and an empty body is refused by its schema)
  { op: 'firstStartState', what: 'GET /setup', send: (a) => a.get('/api/v1/setup'), expect: publicRoute(200) },
  { op: 'firstStart', what: 'POST /setup (empty)', send: (a) => a.post('/api/v1/setup').send({}), expect: publicRoute(400) },
  // the log review (issue 15 point 5): the roles that do loggkontroll (of the table's: the MAS and the quality lead) and a unit's
  // managers, at any position (the rows are limited to their part of the organisation); not admin
  { op: 'listAuditLog', what: 'GET /audit-log', send: (a) => a.get('/api/v1/audit-log'), expect: allow(200, (p) => reviewsLog(p)) },
  {
    op: 'listAuditBursts',
    what: 'GET /audit-log/bursts',
    send: (a) => a.get('/api/v1/audit-log/bursts'),
    expect: allow(200, (p) => reviewsLog(p)),
  },
  { op: 'exportAuditLog', what: 'GET /audit-log/export', send: (a) => a.get('/api/v1/audit-log/export'), expect: allow(200, (p) => reviewsLog(p)) },
];

// ---- sekretess (issue 15 point 6): what each principal reads of four cases, by hand ---------
// Four cases at Hemtjänst Solrosen (the table's "at"; the care case is placed there so the positions
// hold), each moved on by the demo users to where its groups have data:
// - lex Sarah, reported by the demo medarbetare, investigated, assessed allvarligt by the socialchef
//   and reported to IVO: waiting at "Informera nämnden" (nämndsekreterare);
// - lex Maria, reported by the demo medarbetare, assessed by the MAS (risk 12): waiting at the
//   händelseanalys (utredare, mas);
// - a child's care case (huvudprocess, isChild), registered by the demo handläggare: its
//   myndighetsutövning waits at the skyddsbedömning (handläggare);
// - a complaint registered by the demo medarbetare, triaged by the enhetschef: waiting at "Utred" (enhetschef).
type CaseName = 'lexSarah' | 'lexMaria' | 'care' | 'complaint';
const CASES: CaseName[] = ['lexSarah', 'lexMaria', 'care', 'complaint'];
/** Refused, or the field groups shown. */
type Seen = 'refused' | readonly string[];
/** One variable (a form field, where the group has one) per field group of each case: present when the group is shown, absent (else a leak) when not. */
const SENTINELS: Record<CaseName, Record<string, string>> = {
  lexSarah: { report: 'description', status: 'unitId', measures: 'immediateMeasures', assessment: 'assessmentMotivation' },
  lexMaria: { report: 'patientAffected', status: 'unitId', assessment: 'assessmentComment' },
  care: { status: 'unitId', intake: 'clientReference', investigation: 'protectionAssessmentDueAt' },
  complaint: { status: 'unitId', report: 'description', handling: 'concernsMyUnit' },
};
/** The group that shows the timeline (history, tasks) of each case. */
const TIMELINE: Record<CaseName, string> = { lexSarah: 'assessment', lexMaria: 'assessment', care: 'investigation', complaint: 'handling' };
const LS_ALL = ['report', 'status', 'measures', 'assessment'];
const LM_ALL = ['report', 'status', 'measures', 'assessment'];
const CARE_ALL = ['status', 'intake', 'execution', 'investigation'];
const SY_ALL = ['status', 'handling', 'report'];
/** The reporter of the lex Sarah, lex Maria and complaint: the demo medarbetare (a row of this table only). */
const REPORTER: Principal = { name: 'medarbetare', role: 'medarbetare', position: null, anonymous: false };
const VIS_PRINCIPALS = [...PRINCIPALS, REPORTER];

/** The instance page (and the list: listed exactly when not refused). */
function readsInstance(c: CaseName, p: Principal): Seen {
  const here = atOrAbove(p);
  if (p === REPORTER) return c === 'care' ? 'refused' : c === 'complaint' ? ['status', 'report'] : ['report', 'status'];
  switch (c) {
    case 'lexSarah':
      if (here && is(p, 'enhetschef', 'verksamhetschef', 'socialchef', 'utredare', 'kvalitetsledare')) return LS_ALL;
      // offered "Informera nämnden": the status and the assessment, not the report
      if (here && is(p, 'namndsekreterare')) return ['status', 'assessment'];
      return 'refused';
    case 'lexMaria':
      // the MAS everywhere; the unit's chefs; the utredare offered the händelseanalys
      if (is(p, 'mas')) return LM_ALL;
      if (here && is(p, 'enhetschef', 'verksamhetschef', 'utredare')) return LM_ALL;
      return 'refused';
    case 'care':
      if (here && is(p, 'handlaggare', 'myndighetschef', 'socialchef')) return CARE_ALL;
      // the utförare's chefs: who, the order, the execution — not the investigation
      if (here && is(p, 'enhetschef', 'verksamhetschef')) return ['status', 'intake', 'execution'];
      return 'refused';
    case 'complaint':
      if (here && is(p, 'enhetschef', 'verksamhetschef', 'socialchef')) return SY_ALL;
      // the quality lead compiles: what kind and how it was handled, not the sender or the account
      if (here && is(p, 'kvalitetsledare')) return ['status', 'handling'];
      return 'refused';
  }
}
/** The open task's context and form: those it is offered to, with what it needs. */
function readsTask(c: CaseName, p: Principal): Seen {
  const here = atOrAbove(p) && p !== REPORTER;
  switch (c) {
    case 'lexSarah':
      return here && is(p, 'namndsekreterare') ? ['status', 'assessment'] : 'refused';
    case 'lexMaria':
      return here && is(p, 'utredare', 'mas') ? LM_ALL : 'refused';
    case 'care':
      return here && is(p, 'handlaggare') ? CARE_ALL : 'refused';
    case 'complaint':
      return here && is(p, 'enhetschef') ? SY_ALL : 'refused';
  }
}
interface VisFixture {
  instance: Record<CaseName, string>;
  task: Record<CaseName, string>;
}

let matrix: object;
let app: () => ReturnType<typeof useApi>['app'];

describe.each(databaseKinds().slice(0, 1))('route × role × position on %s', (kind) => {
  const clock = new ControlledClock(new Date('2027-03-25T09:00:00+01:00'));
  const ctx = useApi({ name: `embedded/${kind}`, kind, env: {} }, clock, { PUBLIC_FORM_RATE_LIMIT_PER_MINUTE: '10000' });
  app = () => ctx.app;
  const f = {} as Fixture;
  const v: VisFixture = { instance: {} as VisFixture['instance'], task: {} as VisFixture['task'] };
  // one signed-in agent per principal, shared by both tables (a sign-in is the dearest request)
  const agents = new Map<string, Promise<request.Agent>>();
  const agentOf = (p: Principal) => {
    if (!agents.has(p.name)) agents.set(p.name, p.anonymous ? Promise.resolve(request.agent(ctx.app)) : signIn(request.agent(ctx.app), p.name));
    return agents.get(p.name)!;
  };

  beforeAll(async () => {
    for (const p of PRINCIPALS) {
      if (p.anonymous) continue;
      await ctx.services.org.ensureUser(p.name, p.name, 'demo', p.role && p.position ? [{ role: p.role, nodeId: NODE[p.position] }] : []);
    }
    const starter = await ctx.as('medarbetare');
    const started = await starter.post('/api/v1/process-instances').send({ processId: 'lex-sarah', variables: LEX_SARAH_REPORT }).expect(201);
    f.instanceKey = started.body.key as string;
    f.taskKey = (await ctx.taskFor('enhetschef', f.instanceKey, 'Task_ImmediateMeasures')).key;
    const second = await starter.post('/api/v1/process-instances').send({ processId: 'lex-sarah', variables: LEX_SARAH_REPORT }).expect(201);
    f.claimedKey = (await ctx.taskFor('enhetschef', second.body.key as string, 'Task_ImmediateMeasures')).key;
    await (await ctx.as('enhetschef')).post(`/api/v1/tasks/${f.claimedKey}/assignment`).send({ assignee: 'enhetschef' }).expect(200);
    f.commandId = String((await ctx.t.db('outbox_command').where({ actor: 'medarbetare' }).first('id'))!.id);
    f.routineId = String(((await starter.get('/api/v1/routines').query({ processId: 'lex-sarah' }).expect(200)).body as { id: string }[])[0]!.id);
    const quality = await ctx.as('kvalitetsledare');
    const draft = { kind: 'rutin', ownerRole: 'enhetschef', decisionLevel: 'enhet', bodyHtml: '<p>Text</p>', changeNote: 'Utkast' };
    f.draftId = (
      await quality
        .post('/api/v1/routines')
        .send({ ...draft, title: 'Utkast i tabellen' })
        .expect(201)
    ).body.id as string;
    f.reviewId = (
      await quality
        .post('/api/v1/routines')
        .send({ ...draft, title: 'Granskas i tabellen' })
        .expect(201)
    ).body.id as string;
    await quality
      .post(`/api/v1/routines/${f.reviewId}/versions/1/review`)
      .send({ reviewers: ['mas-at'] })
      .expect(204);
    const png = Buffer.from('89504e470d0a1a0a', 'hex').toString('base64');
    f.attachmentId = (
      await (
        await ctx.as('socialchef')
      )
        .post(`/api/v1/routines/${f.routineId}/attachments`)
        .send({ fileName: 'a.png', contentType: 'image/png', dataBase64: png })
        .expect(201)
    ).body.id as number;
    const { size, greenMax, yellowMax } = (await starter.get('/api/v1/risk-matrix').expect(200)).body as { size: number; greenMax: number; yellowMax: number };
    matrix = { size, greenMax, yellowMax };

    // the sekretess table's four cases (above VisFixture), moved on by the demo users
    const ls = (await starter.post('/api/v1/process-instances').send({ processId: 'lex-sarah', variables: LEX_SARAH_REPORT }).expect(201)).body.key as string;
    const lm = (
      await starter
        .post('/api/v1/process-instances')
        .send({
          processId: 'lex-maria',
          variables: {
            unitId: 'hemtjanst-solrosen',
            occurredAt: '2027-03-24T20:00+01:00',
            description: 'Dubbel dos gavs.',
            patientAffected: 'Blödning.',
            immediateMeasures: 'Läkare kontaktad.',
          },
        })
        .expect(201)
    ).body.key as string;
    const sy = (
      await starter
        .post('/api/v1/process-instances')
        .send({
          processId: 'synpunkt',
          variables: {
            kind: 'klagomal',
            channel: 'telefon',
            senderType: 'anhorig',
            unitId: 'hemtjanst-solrosen',
            description: 'Hemtjänsten kom inte.',
            anonymous: false,
          },
        })
        .expect(201)
    ).body.key as string;
    const care = (
      await (
        await ctx.as('handlaggare')
      )
        .post('/api/v1/process-instances')
        .send({
          processId: 'huvudprocess',
          variables: {
            inflow: 'anmalan',
            isChild: true,
            law: 'sol',
            unitId: 'hemtjanst-solrosen',
            clientReference: '20150101-1234',
            description: 'Oro för ett barn.',
          },
        })
        .expect(201)
    ).body.key as string;
    for (const [el, vars] of Object.entries(LEX_SARAH_FORMS))
      await ctx.completeAs(el === 'Task_ImmediateMeasures' ? 'enhetschef' : el === 'Task_Investigate' ? 'utredare' : 'socialchef', ls, el, vars);
    await ctx.completeAs('utredare', ls, 'Task_ReportToIvo', { ivoReportedAt: '2027-03-30', ivoReference: 'IVO 3.5-1/2027', investigationAttached: true });
    await ctx.completeAs('mas', lm, 'Task_Assess', { seriousHarm: 'vardskada', probability: '3', consequence: '4', assessmentComment: 'Allvarlig vårdskada.' });
    await ctx.completeAs('enhetschef', sy, 'Task_Triage', { concernsMyUnit: 'ja', possibleLexSarah: 'nej' });
    v.instance = { lexSarah: ls, lexMaria: lm, care, complaint: sy };
    const careNumber = await until(async () => (await ctx.services.engine.getVariables(care)).caseNumber as string | undefined);
    v.task = {
      lexSarah: (await ctx.taskFor('namndsekreterare', ls, 'Task_InformCommittee')).key,
      lexMaria: (await ctx.taskFor('mas', lm, 'Task_EventAnalysis')).key,
      // at the table's unit: offered to the handläggare there, not the demo one (at the myndighet)
      care: (await ctx.caseTask('handlaggare-at', careNumber, 'Task_ProtectionAssessment')).key,
      complaint: (await ctx.taskFor('enhetschef', sy, 'Task_Investigate')).key,
    };
    f.personId = (await ctx.t.db('app_user').where({ username: 'enhetschef' }).first('id'))!.id;
  });

  it('every route has a row', () => {
    const covered = new Set(ROWS.map((r) => r.op));
    expect(apiRoutes.map((r) => r.operationId).filter((op) => !covered.has(op))).toEqual([]);
  });

  // one test per principal (each a few dozen requests), the whole table's figures at the end
  let cells = 0;
  const unexpected: string[] = [];
  afterAll(() => {
    console.log(
      `authorisation: ${ROWS.length} requests (${new Set(ROWS.map((r) => r.op)).size} routes) × ${PRINCIPALS.length} principals (${TABLE_ROLES.length} roles × 3 positions, no role, anonymous) = ${cells} cells, ${unexpected.length} unexpected`,
    );
  });

  it.each(PRINCIPALS.map((p) => [p.name, p] as const))('%s gets the answers written for it', async (_name, p) => {
    const agent = await agentOf(p);
    const mine: string[] = [];
    for (const row of ROWS) {
      cells++;
      const r = await row.send(agent, f, p);
      // a command may answer 202 while the engine finishes it: that is its success
      const status = r.status === 202 ? 200 : r.status;
      const want = row.expect(p);
      const wanted = typeof want === 'number' ? { status: want, listed: undefined } : want;
      const listed = row.listed && status === 200 ? row.listed(r.body, f) : undefined;
      if (status !== wanted.status || (wanted.listed !== undefined && listed !== wanted.listed)) {
        mine.push(
          `${p.name} ${row.what}: ${r.status}${listed === undefined ? '' : listed ? ' listed' : ' not listed'}, expected ${wanted.status}${wanted.listed === undefined ? '' : wanted.listed ? ' listed' : ' not listed'}`,
        );
      }
      if (row.undo && status >= 200 && status < 300) await row.undo(agent, f, p);
    }
    unexpected.push(...mine);
    expect(mine).toEqual([]);
    // and the case is as it was: open, unassigned
    expect(await ctx.t.db('user_task').where({ key: f.taskKey }).first('state', 'assignee')).toEqual({ state: 'open', assignee: null });
    expect(await ctx.t.db('user_task').where({ key: f.claimedKey }).first('state', 'assignee')).toEqual({ state: 'open', assignee: 'enhetschef' });
  });

  // the sekretess table: principal × read path × case → refused or the groups shown, each answer searched for leaks
  let visCells = 0;
  const visUnexpected: string[] = [];
  const leaks: string[] = [];
  afterAll(() => {
    console.log(
      `sekretess: ${VIS_PRINCIPALS.length} principals × 4 read paths (list, instance page, task context, task form) × ${CASES.length} cases = ${visCells} cells, ${leaks.length} leaks, ${visUnexpected.length} unexpected`,
    );
  });
  const show = (seen: Seen) => (seen === 'refused' ? 'refused' : `[${[...seen].sort().join(', ')}]`);

  it.each(VIS_PRINCIPALS.map((p) => [p.name, p] as const))('sekretess: %s reads what the visibility table gives it', async (_name, p) => {
    const agent = p === REPORTER ? await ctx.as('medarbetare') : await agentOf(p);
    const mine: string[] = [];
    const mineLeaks: string[] = [];
    const status = (r: request.Response, path: string, c: CaseName, want: Seen) => {
      visCells++;
      const ok = want === 'refused' ? (p.anonymous ? 401 : 403) : 200;
      if (r.status !== ok) mine.push(`${p.name} ${path} ${c}: ${r.status}, expected ${show(want)}`);
      if (want === 'refused' && r.status === 200) mineLeaks.push(`${p.name} ${path} ${c}: read, refused by the table`);
      return r.status === 200;
    };
    /** Every sentinel of a group not shown is absent (else a leak); those of shown groups present (`present`). */
    const search = (keys: Set<string>, path: string, c: CaseName, want: readonly string[], present: boolean) => {
      for (const [group, name] of Object.entries(SENTINELS[c])) {
        if (!want.includes(group) && keys.has(name)) mineLeaks.push(`${p.name} ${path} ${c}: ${name} (${group})`);
        if (present && want.includes(group) && !keys.has(name)) mine.push(`${p.name} ${path} ${c}: ${name} (${group}) missing`);
      }
    };
    // the list: one page of the active instances
    const listed = await agent.get('/api/v1/process-instances').query({ state: 'active', pageSize: 200 });
    for (const c of CASES) {
      const want = readsInstance(c, p);
      visCells++;
      if (p.anonymous) {
        if (listed.status !== 401) mine.push(`${p.name} list: ${listed.status}, expected 401`);
        continue;
      }
      const shown = items(listed.body).includes(v.instance[c]);
      if (shown !== (want !== 'refused')) mine.push(`${p.name} list ${c}: ${shown ? 'listed' : 'not listed'}, expected ${show(want)}`);
      if (shown && want === 'refused') mineLeaks.push(`${p.name} list ${c}: listed, refused by the table`);
    }
    for (const c of CASES) {
      // the instance page: exactly the groups, their variables, the timeline only with its group
      const want = readsInstance(c, p);
      const page = await agent.get(`/api/v1/process-instances/${v.instance[c]}`);
      if (status(page, 'instance page', c, want) && want !== 'refused') {
        const body = page.body as { fieldGroups: string[]; variables: Record<string, unknown>; history: unknown[]; tasks: unknown[] };
        if (show(body.fieldGroups) !== show(want)) mine.push(`${p.name} instance page ${c}: groups ${show(body.fieldGroups)}, expected ${show(want)}`);
        search(new Set(Object.keys(body.variables)), 'instance page', c, want, true);
        if (!want.includes(TIMELINE[c]) && (body.history.length > 0 || body.tasks.length > 0)) mineLeaks.push(`${p.name} instance page ${c}: the timeline`);
      }
      // the open task's context (earlier steps' fields) and its form's prefill
      const task = readsTask(c, p);
      const context = await agent.get(`/api/v1/tasks/${v.task[c]}/context`);
      if (status(context, 'task context', c, task) && task !== 'refused') {
        const fields = (context.body as { earlier: { fields: { key: string }[] }[] }).earlier.flatMap((e) => e.fields.map((x) => x.key));
        search(new Set(fields), 'task context', c, task, false);
      }
      const form = await agent.get(`/api/v1/tasks/${v.task[c]}/form`);
      if (status(form, 'task form', c, task) && task !== 'refused')
        search(new Set(Object.keys((form.body as { data: object }).data)), 'task form', c, task, false);
    }
    visUnexpected.push(...mine);
    leaks.push(...mineLeaks);
    expect({ unexpected: mine, leaks: mineLeaks }).toEqual({ unexpected: [], leaks: [] });
  });
});
