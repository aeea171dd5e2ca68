/** Forms under version control (issue 14 point 1): the list, one form with its versions, a new form, its draft, publishing it. */
import { z } from 'zod';
import * as c from '../contract.js';
import * as s from '../schemas.js';
import { route } from '../route.js';

const TAG = 'Formulär';

export const formRoutes = [
  route({
    operationId: 'listForms',
    method: 'get',
    path: '/forms',
    tag: TAG,
    access: 'session',
    policy: 'form.read',
    summary: 'Every form with its latest version and the version in force, by title',
    responses: { 200: { description: 'The forms', schema: z.array(c.FormSummary) } },
    handle: async ({ sv }) => ({ status: 200, body: await sv.forms.list() }),
  }),
  route({
    operationId: 'getForm',
    method: 'get',
    path: '/forms/{formId}',
    tag: TAG,
    access: 'session',
    policy: 'form.read',
    summary: 'A form with its versions, its draft and the version in force',
    params: s.formParams,
    responses: { 200: { description: 'The form', schema: c.FormDetail } },
    problems: ['not-found'],
    handle: async ({ sv, user, params }) => ({ status: 200, body: await sv.forms.read(user, params.formId) }),
  }),
  route({
    operationId: 'createForm',
    method: 'post',
    path: '/forms',
    tag: TAG,
    access: 'session',
    policy: 'form.edit',
    summary: 'Create a form with its first version, a draft (process owners, the quality lead, admin); a schema the product would not run is refused (422)',
    body: s.formsCreateBody,
    responses: { 201: { description: 'The form', schema: c.FormDetail } },
    problems: ['conflict', 'form-invalid'],
    handle: async ({ sv, user, body }) => ({ status: 201, body: await sv.forms.create(user, body) }),
  }),
  route({
    operationId: 'saveFormDraft',
    method: 'put',
    path: '/forms/{formId}/draft',
    tag: TAG,
    access: 'session',
    policy: 'form.edit',
    summary: "Save the form's draft (a new version after the one in force, or over the open draft); a published version never changes",
    params: s.formParams,
    body: s.formsDraftBody,
    responses: { 200: { description: 'The form', schema: c.FormDetail } },
    problems: ['not-found', 'form-invalid'],
    handle: async ({ sv, user, params, body }) => ({ status: 200, body: await sv.forms.saveDraft(user, params.formId, body) }),
  }),
  route({
    operationId: 'publishForm',
    method: 'post',
    path: '/forms/{formId}/publication',
    tag: TAG,
    access: 'session',
    policy: 'form.edit',
    summary: 'Publish the draft: new tasks use it from now on, open tasks keep the version they were created with',
    params: s.formParams,
    responses: { 200: { description: 'The form', schema: c.FormDetail } },
    problems: ['not-found', 'conflict'],
    handle: async ({ sv, user, params }) => ({ status: 200, body: await sv.forms.publish(user, params.formId) }),
  }),
];
