/**
 * The routes of the web app and the menu, each with its gate (features/session/access.ts). Hash
 * routes: nothing about a case goes in the path but its key. The pages with diagrams (bpmn-js)
 * and forms (form-js) load on first use, so the login page and Mina uppgifter start without
 * those libraries (a smaller first script).
 */
import { lazy, type ComponentType } from 'react';
import { ImportPage } from '../features/admin/ImportPage.js';
import { OrganisationPage } from '../features/admin/OrganisationPage.js';
import { PeoplePage } from '../features/admin/PeoplePage.js';
import { PersonPage } from '../features/admin/PersonPage.js';
import { RolesPage } from '../features/admin/RolesPage.js';
import { AuditLogPage } from '../features/auditLog/AuditLogPage.js';
import { FormListPage } from '../features/forms/FormListPage.js';
import { InboxPage } from '../features/inbox/InboxPage.js';
import { ProcessMapPage } from '../features/processes/ProcessMapPage.js';
import { ReportPage } from '../features/report/ReportPage.js';
import { NewRoutinePage } from '../features/routines/NewRoutinePage.js';
import { RegisterPage } from '../features/routines/RegisterPage.js';
import { RoutinePage } from '../features/routines/RoutinePage.js';
import { SettingsPage } from '../features/settings/SettingsPage.js';
import type { Gate } from '../features/session/access.js';

const TaskPage = lazy(() => import('../features/tasks/TaskPage.js').then((m) => ({ default: m.TaskPage })));
const ProcessPage = lazy(() => import('../features/processes/ProcessPage.js').then((m) => ({ default: m.ProcessPage })));
const InstancePage = lazy(() => import('../features/instances/InstancePage.js').then((m) => ({ default: m.InstancePage })));
// the editor brings TipTap: loaded on first use
const EditorPage = lazy(() => import('../features/routines/EditorPage.js').then((m) => ({ default: m.EditorPage })));
// form-js's editor: loaded on first use
const FormEditorPage = lazy(() => import('../features/forms/FormEditorPage.js').then((m) => ({ default: m.FormEditorPage })));
const ReportFormPage = lazy(() => import('../features/report/ReportFormPage.js').then((m) => ({ default: m.ReportFormPage })));
// the modeler brings camunda-bpmn-js and its properties panel: loaded on first use
const VersionsPage = lazy(() => import('../features/governance/VersionsPage.js').then((m) => ({ default: m.VersionsPage })));
const ModelerPage = lazy(() => import('../features/governance/ModelerPage.js').then((m) => ({ default: m.ModelerPage })));
const StartFormPage = lazy(() => import('../features/report/ReportFormPage.js').then((m) => ({ default: m.StartFormPage })));

export interface AppRoute {
  path: string;
  page: ComponentType;
  gate: Gate;
}

/** The signed-in routes (the login page and the public e-service are outside the signed-in layout). */
export const ROUTES: AppRoute[] = [
  { path: '/', page: InboxPage, gate: 'staff' },
  { path: '/tasks/:key', page: TaskPage, gate: 'staff' },
  { path: '/routines/:id', page: RoutinePage, gate: 'staff' },
  { path: '/rutiner', page: RegisterPage, gate: 'routine.read' },
  { path: '/rutiner/ny', page: NewRoutinePage, gate: 'routine.create' },
  { path: '/rutiner/:id/redigera', page: EditorPage, gate: 'routine.create' },
  { path: '/rapportera', page: ReportPage, gate: 'staff' },
  { path: '/rapportera/:processId', page: ReportFormPage, gate: 'staff' },
  // who may start a process by hand is the process's own (the definitions say `startable`): the page checks it
  { path: '/start/:processId', page: StartFormPage, gate: 'staff' },
  { path: '/processer', page: ProcessMapPage, gate: 'staff' },
  { path: '/processer/:processId', page: ProcessPage, gate: 'staff' },
  { path: '/instances/:key', page: InstancePage, gate: 'staff' },
  // who may read or edit a version is the version's own (its `may`): the pages follow it
  { path: '/processer/:processId/versioner', page: VersionsPage, gate: 'staff' },
  { path: '/processer/:processId/versioner/:number/redigera', page: ModelerPage, gate: 'staff' },
  { path: '/formular', page: FormListPage, gate: 'form.read' },
  { path: '/formular/:formId', page: FormEditorPage, gate: 'form.read' },
  { path: '/installningar', page: SettingsPage, gate: 'notifications.own' },
  // administration (issue 15.1): each list shows the part of the tree the administrator has
  { path: '/admin/organisation', page: OrganisationPage, gate: 'org.admin' },
  { path: '/admin/personer', page: PeoplePage, gate: 'org.admin' },
  { path: '/admin/personer/:id', page: PersonPage, gate: 'org.admin' },
  { path: '/admin/roller', page: RolesPage, gate: 'org.admin' },
  { path: '/admin/import', page: ImportPage, gate: 'org.admin' },
  // loggkontroll (issue 15.5): the rows are the reviewer's part of the organisation
  { path: '/loggkontroll', page: AuditLogPage, gate: 'audit.review' },
];

/** The menu: label (catalogue key), target and gate. */
export const MENU: { to: string; label: string; gate: Gate }[] = [
  { to: '/', label: 'nav.inbox', gate: 'staff' },
  { to: '/rapportera', label: 'nav.report', gate: 'staff' },
  { to: '/processer', label: 'nav.processMap', gate: 'staff' },
  { to: '/rutiner', label: 'nav.routines', gate: 'routine.read' },
  { to: '/formular', label: 'nav.forms', gate: 'form.edit' },
  { to: '/installningar', label: 'nav.settings', gate: 'notifications.own' },
  { to: '/loggkontroll', label: 'nav.auditLog', gate: 'audit.review' },
  { to: '/admin/organisation', label: 'nav.admin', gate: 'org.admin' },
];
