/**
 * The output schemas of /api/v1: what leaves the server, named, so the OpenAPI document lists
 * them under components.schemas and the web app's types are generated from them
 * (web/src/contract.gen.ts). Parsing a reply with its schema is the presenter: keys a schema
 * does not name are dropped, instants become ISO strings. Input schemas are in schemas.ts.
 */
import { z } from 'zod';
import { ROLE_ACTIONS } from '../domain/policy.js';

/** The named output schemas, in the order the document lists them. */
export const outputs = z.registry<{ id: string; description?: string }>();
const named = <T extends z.ZodType>(id: string, schema: T, description?: string): T => {
  outputs.add(schema, { id, ...(description ? { description } : {}) });
  return schema;
};

/** An instant as an ISO 8601 string (services hand out Dates or strings). */
const instant = z.preprocess((v) => (v instanceof Date ? v.toISOString() : v), z.string());
const nullableInstant = z.preprocess((v) => (v instanceof Date ? v.toISOString() : (v ?? null)), z.string().nullable());
const id = z.string();

export const Health = named('Health', z.object({ status: z.literal('ok'), engine: z.string(), database: z.string() }));

const RoleAssignment = named('RoleAssignment', z.object({ role: z.string(), nodeId: z.string().nullable(), nodeName: z.string().optional() }));
export const Session = named(
  'Session',
  z.object({
    username: z.string(),
    displayName: z.string(),
    csrfToken: z.string().describe('Send as X-CSRF-Token on every POST, PUT and DELETE of this session'),
  }),
);
/** The actions decided by roles alone (src/domain/policy.ts), as the web app gates pages and buttons by them. */
export const NotificationSettings = named(
  'NotificationSettings',
  z.object({
    email: z.string().nullable(),
    newTasks: z.enum(['immediate', 'digest', 'off']),
    deadlineDays: z.number().int(),
    mailEnabled: z.boolean(),
  }),
  "One's own notification choices; mailEnabled: whether this installation sends e-mail at all",
);
const RoleActionName = named('RoleAction', z.enum(ROLE_ACTIONS), "An action of src/domain/policy.ts decided by the user's roles alone");
export const Me = named(
  'Me',
  z.object({ username: z.string(), displayName: z.string(), roles: z.array(RoleAssignment), may: z.array(RoleActionName), csrfToken: z.string() }),
);
export const OrgNode = named(
  'OrgNode',
  z.object({ id, name: z.string(), type: z.enum(['committee', 'administration', 'area', 'unit']), parentId: z.string().nullable() }),
);
export const OrgRole = named(
  'OrgRole',
  z.object({
    role: z.string(),
    levels: z.array(z.enum(['committee', 'administration', 'area', 'unit'])),
    holders: z.array(z.object({ username: z.string(), displayName: z.string(), nodeId: z.string(), nodeName: z.string() })),
  }),
  'A role of the organisation (a candidate group of user tasks): the levels it is held at and who holds it where',
);
export const Option = named('Option', z.object({ label: z.string(), value: z.string() }), 'A choice in a list: what is shown and what is sent');

const Routine = named(
  'Routine',
  z.object({
    id,
    title: z.string(),
    kind: z.string(),
    ownerRole: z.string(),
    decidedBy: z.string().nullable(),
    adoptedOn: z.string().nullable(),
    nextReviewOn: z.string().nullable(),
    followUpBy: z.string(),
    version: z.number().int(),
    reviewOverdue: z.boolean(),
  }),
  'A routine; adoptedOn, decidedBy and nextReviewOn are null until its first version is adopted',
);
export const ProcessRoutine = named(
  'ProcessRoutine',
  Routine.extend({ elementIds: z.array(z.string()) }),
  'A routine of a process and the activities it is linked to',
);
const Link = z.object({ processId: z.string(), elementId: z.string() });
export const RoutineWithText = named(
  'RoutineWithText',
  Routine.extend({
    body: z.string().describe('The text in force as sanitised HTML'),
    decisionLevel: z.string(),
    validFrom: z.string().nullable(),
    reviewIntervalMonths: z.number().int(),
    links: z.array(Link),
    readConfirmed: z.boolean().nullable().describe('Whether you confirmed reading the version in force (null: none in force)'),
  }),
);
export const RoutineRef = named('RoutineRef', z.object({ id, number: z.number().int() }), 'A routine and one of its versions');
export const RoutineVersion = named(
  'RoutineVersion',
  z.object({
    number: z.number().int(),
    state: z.enum(['draft', 'review', 'adopted', 'superseded']),
    bodyHtml: z.string(),
    changeNote: z.string(),
    author: z.string(),
    createdAt: instant,
    adoptedBy: z.string().nullable(),
    adoptedRole: z.string().nullable(),
    adoptedOn: z.string().nullable(),
    decisionRef: z.string().nullable(),
    reviewers: z.array(z.string()),
    comments: z.array(z.object({ author: z.string(), body: z.string(), at: instant })),
  }),
);
export const RoutineHead = named(
  'RoutineHead',
  z.object({
    id,
    title: z.string(),
    kind: z.string(),
    ownerRole: z.string(),
    decisionLevel: z.string(),
    reviewIntervalMonths: z.number().int(),
    version: z.number().int().nullable(),
    adoptedOn: z.string().nullable(),
    validFrom: z.string().nullable(),
    nextReviewOn: z.string().nullable(),
    reviewOverdue: z.boolean(),
  }),
);
export const RegisterEntry = named(
  'RegisterEntry',
  RoutineHead.extend({ decidedBy: z.string().nullable(), processIds: z.array(z.string()) }),
  'A routine in force, in the register',
);
export const DiffPart = named('DiffPart', z.object({ value: z.string(), added: z.boolean(), removed: z.boolean() }), 'A run of words of a version diff');
export const RoutineAttachment = named(
  'RoutineAttachment',
  z.object({ id: z.number().int(), fileName: z.string(), contentType: z.string(), size: z.number().int(), uploadedBy: z.string(), uploadedAt: instant }),
);
export const AttachmentFile = named('AttachmentFile', RoutineAttachment.extend({ dataBase64: z.string() }), 'An attachment with its bytes as base64');
export const ReadConfirmation = named('ReadConfirmation', z.object({ version: z.number().int(), confirmedAt: instant }));
export const UnreadSummary = named(
  'UnreadSummary',
  z.object({
    version: z.number().int(),
    staff: z.number().int(),
    confirmed: z.number().int(),
    unread: z.array(z.object({ username: z.string(), displayName: z.string() })),
  }),
  'Who at your units (and below) has not confirmed reading the version in force',
);

export const ProcessDefinition = named(
  'ProcessDefinition',
  z.object({
    processId: z.string(),
    name: z.string(),
    version: z.number().int(),
    key: z.string(),
    adoptedAt: z.string().nullable(),
    group: z.enum(['ledning', 'huvud', 'stod']),
    ownerRole: z.string(),
    startable: z.boolean(),
    owned: z.boolean(),
    openInstances: z.number().int(),
    openTasks: z.number().int(),
    overdueTasks: z.number().int(),
  }),
);
export const Activity = named(
  'Activity',
  z.object({
    elementId: z.string(),
    name: z.string().nullable(),
    type: z.string(),
    role: z.string(),
    routines: z.array(Routine),
    waiting: z.number().int(),
    overdue: z.number().int(),
  }),
);
/** A form-js schema, as deployed. */
export const FormSchema = named('FormSchema', z.record(z.string(), z.unknown()), 'A form-js form (its JSON as deployed)');
export const Xml = named('Xml', z.object({ xml: z.string() }));

export const Started = named('Started', z.object({ key: z.string(), processId: z.string(), version: z.number().int() }));
export const CommandPending = named(
  'CommandPending',
  z.object({ commandId: z.string(), state: z.literal('pending'), location: z.string() }),
  'Accepted; the engine has not applied it yet: follow `location`',
);
export const CommandState = named(
  'CommandState',
  z.object({
    id: z.string(),
    kind: z.string(),
    state: z.enum(['pending', 'done', 'failed']),
    attempts: z.number().int(),
    result: z.unknown(),
    createdAt: instant,
    finishedAt: nullableInstant,
  }),
);

const page = <T extends z.ZodType>(item: T) => ({
  items: z.array(item),
  total: z.number().int(),
  totalExact: z.boolean(),
  hasMore: z.boolean(),
  page: z.number().int(),
  pageSize: z.number().int(),
});
const InstanceSummary = named(
  'InstanceSummary',
  z.object({
    key: z.string(),
    processId: z.string(),
    caseNumber: z.string().nullable(),
    unitId: z.string().nullable(),
    unitName: z.string().nullable(),
    state: z.enum(['ACTIVE', 'COMPLETED', 'TERMINATED']),
    startedAt: instant,
    endedAt: nullableInstant,
    waitingSince: nullableInstant,
  }),
);
export const InstancePage = named(
  'InstancePage',
  z.object(page(InstanceSummary)),
  'A page; `total` is counted up to 100 rows past it (`totalExact` false: more than `total`)',
);
const HistoryEntry = named(
  'HistoryEntry',
  z.object({
    elementId: z.string(),
    name: z.string().nullable(),
    elementType: z.string(),
    state: z.string(),
    startedAt: instant,
    endedAt: nullableInstant,
  }),
);
const Incident = named('Incident', z.object({ key: z.string(), elementId: z.string(), errorType: z.string(), errorMessage: z.string(), state: z.string() }));
const InstanceTask = named(
  'InstanceTask',
  z.object({
    key: z.string(),
    name: z.string().nullable(),
    elementId: z.string(),
    state: z.string(),
    assignee: z.string().nullable(),
    completedAt: nullableInstant,
    completedBy: z.string().nullable(),
  }),
);
/** The facts of the e-service's personal-data notice (GDPR art. 13); the texts are the web app's. */
export const PrivacyNotice = named(
  'PrivacyNotice',
  z.object({
    /** The municipality (MUNICIPALITY_NAME), when configured. */
    municipality: z.string().nullable(),
    /** The controller (personuppgiftsansvarig): the committee at the top of the organisation tree. */
    controller: z.string(),
    /** How to reach the data protection officer (DPO_CONTACT), when configured. */
    dataProtectionOfficer: z.string().nullable(),
  }),
);

export const Instance = named(
  'Instance',
  z.object({
    key: z.string(),
    processId: z.string(),
    version: z.number().int(),
    processDefinitionKey: z.string(),
    state: z.string(),
    startedAt: instant,
    endedAt: nullableInstant,
    variables: z.record(z.string(), z.unknown()),
    /** The field groups of the case the reader is shown (src/domain/visibility/policy.ts), in the table's order. */
    fieldGroups: z.array(z.string()),
    activeElements: z.array(z.string()),
    history: z.array(HistoryEntry),
    incidents: z.array(Incident),
    tasks: z.array(InstanceTask),
    mayRetry: z.boolean(),
  }),
);

export const Task = named(
  'Task',
  z.object({
    key: z.string(),
    name: z.string().nullable(),
    processInstanceKey: z.string(),
    processId: z.string(),
    elementId: z.string(),
    state: z.enum(['open', 'completing', 'completed', 'canceled']),
    assignee: z.string().nullable(),
    candidateGroups: z.array(z.string()),
    dueDate: nullableInstant,
    followUpDate: nullableInstant,
    priority: z.number().int(),
    createdAt: instant,
    completedAt: nullableInstant,
    unitId: z.string().nullable(),
    unitName: z.string().nullable(),
    formId: z.string().nullable(),
    caseNumber: z.string().nullable(),
    /** Whose the task was when someone else (a manager) took it from them; null otherwise. */
    takenFrom: z.string().nullable(),
  }),
);
export const TaskPage = named('TaskPage', z.object(page(Task)), 'A page; `total` is counted up to 100 rows past it (`totalExact` false: more than `total`)');
export const TaskCounts = named(
  'TaskCounts',
  z.object({
    open: z.number().int(),
    overdue: z.number().int(),
    dueSoon: z.number().int(),
    assignedToMe: z.number().int(),
    /** Open tasks that were yours until someone else took them over. */
    takenFromMe: z.number().int(),
  }),
);
const Deadline = named('Deadline', z.object({ kind: z.enum(['legal', 'local']), title: z.string(), basis: z.string() }), 'The rule behind a due date');
export const TaskDetail = named(
  'TaskDetail',
  Task.extend({
    deadline: Deadline.nullable(),
    routines: z.array(Routine),
    /** Claimed by someone else, and the user may take it over (enhetschef or admin at its unit or above). */
    mayTakeOver: z.boolean(),
  }),
);
export const TaskForm = named('TaskForm', z.object({ schema: z.unknown(), data: z.record(z.string(), z.unknown()), draftSavedAt: nullableInstant }));
export const TaskContext = named(
  'TaskContext',
  z.object({
    timeline: z.array(
      z.object({ elementId: z.string(), name: z.string().nullable(), type: z.string(), state: z.string(), startedAt: instant, endedAt: nullableInstant }),
    ),
    earlier: z.array(
      z.object({
        taskKey: z.string().nullable(),
        name: z.string().nullable(),
        completedAt: nullableInstant,
        completedBy: z.string().nullable(),
        fields: z.array(z.object({ key: z.string(), label: z.string(), value: z.unknown(), text: z.string().optional() })),
      }),
    ),
  }),
);
export const Draft = named('Draft', z.object({ variables: z.record(z.string(), z.unknown()), savedAt: instant }));

export const Published = named('Published', z.object({ key: z.string().nullable() }), 'The message key (null when a start event took it at once)');
export const Deployment = named(
  'Deployment',
  z.object({
    key: z.string(),
    processes: z.array(
      z.object({ processId: z.string(), name: z.string().nullable().optional(), version: z.number().int(), key: z.string(), resourceName: z.string() }),
    ),
    forms: z.array(z.object({ formId: z.string(), version: z.number().int(), key: z.string() })),
  }),
);
export const RiskMatrix = named(
  'RiskMatrix',
  z.object({ id: z.number().int(), size: z.union([z.literal(4), z.literal(5)]), greenMax: z.number().int(), yellowMax: z.number().int() }),
);
export const Receipt = named('Receipt', z.object({ receipt: z.string() }), 'The receipt number of a submission (nothing of what was sent)');
export const ProblemDescription = named('ProblemDescription', z.object({ type: z.string(), title: z.string(), status: z.number().int(), about: z.string() }));

export const LintProblem = named(
  'LintProblem',
  z.object({ elementId: z.string().nullable(), rule: z.string(), message: z.string(), category: z.enum(['error', 'warn']) }),
);
const versionState = z.enum(['draft', 'review', 'adopted', 'published', 'superseded']);
export const ProcessVersion = named(
  'ProcessVersion',
  z.object({
    processId: z.string(),
    number: z.number().int(),
    state: versionState,
    basedOn: z.number().int().nullable(),
    author: z.string(),
    changeNote: z.string(),
    createdAt: instant,
    updatedAt: instant,
    submittedAt: nullableInstant,
    adoption: z
      .object({
        adoptedBy: z.string(),
        role: z.string(),
        decisionLevel: z.string(),
        decidedBy: z.string().nullable(),
        decisionDate: z.string(),
        decisionReference: z.string().nullable(),
        adoptedAt: instant,
      })
      .nullable(),
    publication: z.object({ definitionKey: z.string(), engineVersion: z.number().int().nullable(), publishedAt: instant }).nullable(),
  }),
  'A version of a process: draft → review → adopted → published (superseded by a later one); the adoption record and the engine definition once published',
);
export const ProcessVersionDetail = named(
  'ProcessVersionDetail',
  ProcessVersion.extend({
    xml: z.string(),
    reviewers: z.array(z.object({ username: z.string(), verdict: z.enum(['approved', 'changes']).nullable(), decidedAt: nullableInstant })),
    comments: z.array(z.object({ id: z.number().int(), author: z.string(), text: z.string(), replyTo: z.number().int().nullable(), createdAt: instant })),
    decisionLevel: z.object({ level: z.string(), decidedBy: z.string(), role: z.string() }),
    lint: z.array(LintProblem),
    may: z.object({
      edit: z.boolean(),
      comment: z.boolean(),
      submit: z.boolean(),
      withdraw: z.boolean().describe('Take it out of review, back to a draft'),
      publish: z.boolean(),
      adopt: z.boolean(),
      draft: z.boolean().describe('Open a new draft of the process (or import one), once no draft or review is open: its owner'),
    }),
  }),
  'A version with its model, review, lint problems, who adopts it and what you may do with it',
);
const diffElement = z.object({ elementId: z.string(), type: z.string(), name: z.string().nullable() });
export const VersionDiff = named(
  'VersionDiff',
  z.object({
    added: z.array(diffElement),
    removed: z.array(diffElement),
    changed: z.array(diffElement.extend({ before: z.object({ type: z.string(), name: z.string().nullable() }) })),
  }),
  'Elements added, removed and changed (same id; another type, name, flows, attributes or extensions) between two versions',
);
export const DeviationCount = named(
  'DeviationCount',
  z.object({ elementId: z.string().nullable(), deviations: z.number().int(), feedback: z.number().int() }),
  'How many avvikelser and synpunkter opened in the period name this activity as where it happened (elementId null: the process, no activity); figures only',
);

// ---- the process map (issue 14 point 3) ----
const processKind = z.enum(['ledning', 'huvud', 'stod']);
export const ProcessRecord = named(
  'ProcessRecord',
  z.object({
    processId: z.string(),
    name: z.string(),
    kind: processKind,
    parentId: z.string().nullable(),
    ownerRole: z.string(),
    leaderRole: z.string().nullable(),
    executable: z.boolean(),
    position: z.number().int(),
    description: z.string(),
    origin: z.enum(['bundled', 'created', 'imported']),
    createdBy: z.string(),
    createdAt: instant,
    updatedAt: instant,
  }),
  'A process on the map: its kind, place in the hierarchy (parent), owner and process leader, and whether the engine runs it (executable) or it only describes (descriptive)',
);
const MapActivity = named(
  'MapActivity',
  z.object({
    elementId: z.string(),
    name: z.string().nullable(),
    type: z.string(),
    scopeId: z.string().nullable().describe('The embedded sub-process the activity is inside'),
    role: z.string().describe('Who performs it: the user task’s candidate groups, else its lane, else the process owner'),
    calls: z.string().nullable().describe('The process a call activity calls'),
    routines: z.array(z.object({ id: z.string(), title: z.string(), kind: z.string(), reviewOverdue: z.boolean() })),
  }),
);
const MapProcess = named(
  'MapProcess',
  ProcessRecord.omit({ createdBy: true, createdAt: true, updatedAt: true }).extend({
    version: z.object({ number: z.number().int(), state: z.string() }).nullable(),
    adoptedOn: z.string().nullable(),
    calledBy: z.array(z.string()),
    calledOnly: z.boolean().describe('Only ever called from other processes: drawn inside their steps, not beside them'),
    childIds: z.array(z.string()).describe('The processes placed under this one (its sub-processes), in order'),
    activities: z.array(MapActivity).describe('In the order the flows run them'),
  }),
);
export const ProcessMap = named(
  'ProcessMap',
  z.object({
    levels: z
      .array(z.object({ kind: processKind, processIds: z.array(z.string()) }))
      .describe('Lednings-, huvud- and stödprocesser: the processes at the top of each'),
    processes: z.array(MapProcess),
  }),
  'The process map as a tree: levels → processes (childIds: sub-processes) → activities (scopeId: inside a sub-process; calls: a called process) → routines',
);
const ImportSummary = named(
  'ImportSummary',
  z.object({
    name: z.string().nullable(),
    strippedAttributes: z.number().int(),
    strippedExtensions: z.number().int(),
    foreignNamespaces: z.array(z.string()),
    hasDiagram: z.boolean(),
    activities: z.number().int(),
  }),
  'What an import kept and stripped of another tool’s BPMN file',
);
export const ProcessCreated = named('ProcessCreated', z.object({ record: ProcessRecord, version: z.number().int(), import: ImportSummary.nullable() }));
export const ProcessImported = named('ProcessImported', z.object({ version: ProcessVersionDetail, import: ImportSummary }));

// ---- forms (issue 14 point 1) ----
const formState = z.enum(['draft', 'published', 'superseded']);
export const FormSummary = named(
  'FormSummary',
  z.object({
    formId: z.string(),
    title: z.string(),
    latestVersion: z.number().int(),
    state: formState,
    publishedVersion: z.number().int().nullable(),
    updatedAt: instant,
  }),
  'A form with its latest version and the version in force',
);
export const FormDetail = named(
  'FormDetail',
  z.object({
    formId: z.string(),
    title: z.string(),
    versions: z.array(
      z.object({
        number: z.number().int(),
        state: formState,
        author: z.string(),
        createdAt: instant,
        updatedAt: instant,
        publishedBy: z.string().nullable(),
        publishedAt: nullableInstant,
      }),
    ),
    draft: z.object({ number: z.number().int(), schema: z.unknown() }).nullable(),
    published: z.object({ number: z.number().int(), schema: z.unknown() }).nullable(),
    may: z.object({ edit: z.boolean() }),
  }),
  'A form with its versions, its draft and the version in force (with their form-js schemas)',
);

// ---- administration (issue 15 point 1) ----------------------------------------------------
const nodeTypes = z.enum(['committee', 'administration', 'area', 'unit']);
export const AdminNode = named(
  'AdminNode',
  z.object({
    id,
    name: z.string(),
    type: nodeTypes,
    parentId: z.string().nullable(),
    active: z.boolean(),
    provider: z.enum(['lov', 'contract']).nullable(),
    manageable: z.boolean(),
  }),
  'A node of the organisation as the administration shows it; `manageable`: the user administers it (admin at it or above)',
);
const day = z.iso.date();
export const Person = named(
  'Person',
  z.object({
    id: z.number().int(),
    username: z.string(),
    displayName: z.string(),
    email: z.string().nullable(),
    active: z.boolean(),
    assignments: z.array(z.object({ role: z.string(), nodeId: z.string(), validFrom: day.nullable(), validTo: day.nullable() })),
    substitutes: z.array(z.object({ id: z.string(), substitute: z.string(), substituteName: z.string(), validFrom: day, validTo: day })),
  }),
  'A person: their role assignments (periods in Swedish days, both included; null: open) and who stands in for them when',
);
export const RoleDefinition = named(
  'RoleDefinition',
  z.object({ key: z.string(), name: z.string(), description: z.string(), builtIn: z.boolean(), assignments: z.number().int() }),
  'A role of the role list; `assignments`: how many assignments name it',
);
export const CsvFile = named('CsvFile', z.object({ fileName: z.string(), csv: z.string() }), 'An exported CSV file (semicolons, UTF-8 with a byte-order mark)');
export const ImportResult = named(
  'ImportResult',
  z.object({ created: z.number().int(), updated: z.number().int(), unchanged: z.number().int() }),
  "What a CSV import did (the file's rows by id or username)",
);
export const FirstStartState = named('FirstStartState', z.object({ needed: z.boolean() }), 'Whether the installation still needs its first administrator');
export const FirstStartDone = named(
  'FirstStartDone',
  z.object({ username: z.string(), nodeId: z.string() }),
  'The first administrator and the root node created',
);
const AuditEntry = named(
  'AuditEntry',
  z.object({
    id,
    at: instant,
    actor: z.string(),
    actorName: z.string().nullable(),
    action: z.string(),
    subjectType: z.string(),
    subjectKey: z.string(),
    address: z.string().nullable(),
    instanceKey: z.string().nullable(),
    caseNumber: z.string().nullable(),
    unitId: z.string().nullable(),
    unitName: z.string().nullable(),
  }),
  'One row of the audit log: who did what to which subject, when, from which client address; the case and unit the subject belongs to',
);
export const AuditPage = named('AuditPage', z.object(page(AuditEntry)), 'A page of the audit log, newest first; `total` is counted up to 100 rows past it');
export const AuditBursts = named(
  'AuditBursts',
  z.object({
    items: z.array(z.object({ actor: z.string(), actorName: z.string().nullable(), start: instant, end: instant, cases: z.number().int() })),
  }),
  'Bursts: one person reading many distinct cases within a short window (overlapping windows merged; `cases`: the most within one window)',
);
export const CsvText = named('CsvText', z.string(), 'A CSV file (semicolons, UTF-8 with a byte-order mark)');
