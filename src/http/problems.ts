/**
 * The kinds of problem the API answers (RFC 9457, application/problem+json), each with a stable
 * `type` URI: `/api/v1/problems/<kind>`, a reference relative to the server that answered, which
 * serves the kind's description there (GET, no login). A client branches on `type`, never on the
 * Swedish `detail`. A new kind is added here, and nowhere else.
 */
export const PROBLEMS = {
  'input-invalid': {
    status: 400,
    title: 'Felaktig begäran',
    about: 'The request did not match the schema; `errors` names each field (never what was sent). Nothing was changed.',
  },
  'json-invalid': { status: 400, title: 'Ogiltig JSON', about: 'The body is not JSON. Nothing was changed.' },
  'model-invalid': {
    status: 400,
    title: 'Modellen godtas inte',
    about: 'A deployed model or form broke a lint rule; `errors` names each problem. Nothing was deployed.',
  },
  unauthenticated: { status: 401, title: 'Inte inloggad', about: 'No valid session: log in with POST /api/v1/session.' },
  forbidden: { status: 403, title: 'Åtkomst nekad', about: 'Logged in, but your roles do not allow this.' },
  'csrf-rejected': {
    status: 403,
    title: 'Begäran kunde inte verifieras',
    about: 'A changing request with a session cookie needs the X-CSRF-Token header from POST /session or GET /me, and may not come from another site.',
  },
  'not-found': { status: 404, title: 'Finns inte', about: 'No such resource, or none you may see.' },
  conflict: {
    status: 409,
    title: 'Konflikt',
    about: 'The resource exists but its state does not allow this now (a task already completed, an incident already resolved).',
  },
  'task-claimed': {
    status: 409,
    title: 'Uppgiften är tagen av någon annan',
    about:
      'The task is claimed by another person: only they complete it or save drafts of it. A manager who may assign at its unit takes it over first (POST …/assignment to oneself), and the previous assignee is told. Nothing was changed.',
  },
  'payload-too-large': { status: 413, title: 'För stor begäran', about: 'The body is larger than any legitimate request to this route.' },
  'unsupported-media-type': { status: 415, title: 'Medietypen stöds inte', about: 'Send application/json.' },
  'idempotency-key-reused': {
    status: 422,
    title: 'Kan inte behandlas',
    about: 'This Idempotency-Key was used for another request: use a fresh key per user action.',
  },
  'reference-unknown': {
    status: 422,
    title: 'Okänd hänvisning',
    about: 'The request points to a process or activity that is not on the process map; `errors` names the field. Nothing was changed.',
  },
  'bpmn-unreadable': {
    status: 422,
    title: 'Filen kan inte importeras',
    about: 'The uploaded file is not a BPMN 2.0 model with one process (or it is too large); `errors` says why, never quoting the file. Nothing was changed.',
  },
  'assignee-ineligible': {
    status: 422,
    title: 'Personen kan inte få uppgiften',
    about:
      "The assignee does not exist, or holds none of the task's candidate roles at its unit or a unit above it; `errors` names the field. Nothing was changed.",
  },
  'form-invalid': {
    status: 422,
    title: 'Formuläret godtas inte',
    about: 'A form-js schema broke a rule of what the product runs; `errors` names each problem. Nothing was saved.',
  },
  'org-invalid': {
    status: 422,
    title: 'Organisationsändringen godtas inte',
    about:
      'The change would break the organisation (a node moved under itself or its own descendant, an inactive or unknown node, a role not on the role list), or a CSV file has bad rows; `errors` names each row and field, never quoting the value. Nothing was changed.',
  },
  'too-many-requests': { status: 429, title: 'För många förfrågningar', about: 'Rate limited: try again after the time in the RateLimit header.' },
  'login-locked': {
    status: 429,
    title: 'Inloggningen är tillfälligt spärrad',
    about:
      'Too many failed log-ins for this account or from this address in a short time: the detail says when to try again, and so does the Retry-After header (seconds). A correct password is refused too until then.',
  },
  internal: { status: 500, title: 'Internt fel', about: 'A fault on the server; the detail carries an error id that the log has with its stack.' },
  unavailable: { status: 503, title: 'Tjänsten är inte tillgänglig', about: 'The process engine or the database does not answer: try again later.' },
} as const satisfies Record<string, { status: number; title: string; about: string }>;

export type ProblemKind = keyof typeof PROBLEMS;

/** The `type` of a kind. */
export const problemType = (kind: ProblemKind) => `/api/v1/problems/${kind}`;

/** The kind for a status when nothing more specific is known. */
export function kindOfStatus(status: number): ProblemKind {
  const k = (Object.keys(PROBLEMS) as ProblemKind[]).find((p) => PROBLEMS[p].status === status);
  return k ?? (status >= 500 ? 'internal' : 'input-invalid');
}
