/**
 * The web UI: login, inbox, task form (form-js), lex Sarah report (start form), and an
 * instance's diagram (bpmn-js) with its current position. Talks to /api/v1 only.
 */
import { Form } from '@bpmn-io/form-js';
import NavigatedViewer from 'bpmn-js/lib/NavigatedViewer';
import { api, ApiError, type Routine, type Task } from './api.js';

const main = document.getElementById('main')!;
const nav = document.getElementById('nav')!;

const esc = (s: unknown) => String(s ?? '').replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const fmtDate = (iso: string | null) => (iso ? new Date(iso).toLocaleDateString('sv-SE', { timeZone: 'Europe/Stockholm' }) : '–');

function page(title: string, html: string): void {
  document.title = `${title} – Kvalitetshjulet`;
  main.innerHTML = `<h1>${esc(title)}</h1>${html}`;
  main.focus();
}

function dueClass(iso: string | null): string {
  if (!iso) return '';
  const ms = new Date(iso).getTime() - Date.now();
  return ms < 0 ? 'late' : ms < 2 * 86400_000 ? 'soon' : '';
}

async function renderNav(): Promise<void> {
  const me = await api.me().catch(() => undefined);
  const counts = me ? await api.taskCounts().catch(() => undefined) : undefined;
  const inboxLabel = counts ? `Inkorg (${counts.open})${counts.overdue ? ` <span class="late">${counts.overdue} försenade</span>` : ''}` : 'Inkorg';
  nav.innerHTML = me
    ? `<span class="muted">${esc(me.displayName)}</span><a href="#/">${inboxLabel}</a><a href="#/start/lex-sarah">Rapportera lex Sarah</a><a href="#/start/avvikelse">Rapportera avvikelse</a><a href="#/start/lex-maria">Rapportera lex Maria</a><a href="#/start/synpunkt">Registrera synpunkt</a><button class="secondary" id="logout">Logga ut</button>`
    : '';
  document.getElementById('logout')?.addEventListener('click', async () => {
    await api.logout();
    location.hash = '#/login';
  });
}

function loginPage(): void {
  page('Logga in', `<form class="card" id="login">
    <label for="username">Användarnamn</label><input type="text" id="username" name="username" autocomplete="username" required>
    <label for="password">Lösenord</label><input type="password" id="password" name="password" autocomplete="current-password" required>
    <p id="login-error" class="error" role="alert"></p>
    <button type="submit">Logga in</button></form>
    <p><a href="#/e-tjanst">Lämna en synpunkt eller ett klagomål utan att logga in</a></p>`);
  document.getElementById('login')!.addEventListener('submit', async (e) => {
    e.preventDefault();
    const f = new FormData(e.target as HTMLFormElement);
    try {
      await api.login(String(f.get('username')), String(f.get('password')));
      location.hash = '#/';
    } catch {
      document.getElementById('login-error')!.textContent = 'Fel användarnamn eller lösenord.';
    }
  });
}

const DUE_FILTERS: [string, string][] = [['', 'Alla'], ['overdue', 'Försenade'], ['soon', 'Förfaller inom två dagar']];
const SORTS: [string, string][] = [['due', 'Förfallodag'], ['priority', 'Prioritet'], ['created', 'Senast skapade']];

async function inboxPage(query: URLSearchParams, notice?: string): Promise<void> {
  const due = query.get('due') ?? '';
  const sort = query.get('sort') ?? 'due';
  const pageNo = Math.max(1, Number(query.get('page') ?? 1) || 1);
  const { items, total, pageSize } = await api.tasks({ due, sort, page: pageNo });
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const link = (p: number) => `#/?${new URLSearchParams({ ...(due ? { due } : {}), sort, page: String(p) })}`;
  const options = (all: [string, string][], current: string) => all.map(([v, l]) => `<option value="${esc(v)}"${v === current ? ' selected' : ''}>${esc(l)}</option>`).join('');
  const rows = items.map((t: Task) => `<tr>
      <td><a href="#/tasks/${esc(t.key)}">${esc(t.name)}</a></td><td>${esc(t.caseNumber ?? '')}</td><td>${esc(t.unitName ?? '')}</td>
      <td class="${dueClass(t.dueDate)}">${fmtDate(t.dueDate)}</td><td>${fmtDate(t.createdAt)}</td></tr>`).join('');
  page('Inkorg', `${notice ? `<p class="notice">${esc(notice)}</p>` : ''}
    <p><a class="button" href="#/start/lex-sarah">Rapportera missförhållande (lex Sarah)</a></p>
    <form id="inbox-filter" class="filters"><label for="due">Visa</label><select id="due" name="due">${options(DUE_FILTERS, due)}</select>
    <label for="sort">Sortera efter</label><select id="sort" name="sort">${options(SORTS, sort)}</select>
    <button type="submit" class="secondary">Visa</button></form>
    <table><caption class="muted">Uppgifter du kan arbeta med (${total})</caption>
    <thead><tr><th scope="col">Uppgift</th><th scope="col">Ärende</th><th scope="col">Enhet</th><th scope="col">Förfaller</th><th scope="col">Skapad</th></tr></thead>
    <tbody>${rows || '<tr><td colspan="5">Inga öppna uppgifter.</td></tr>'}</tbody></table>
    <nav aria-label="Sidor" class="pager">${pageNo > 1 ? `<a href="${link(pageNo - 1)}">Föregående</a>` : ''}
    <span class="muted">Sida ${pageNo} av ${pages}</span>${pageNo < pages ? `<a href="${link(pageNo + 1)}">Nästa</a>` : ''}</nav>`);
  document.getElementById('inbox-filter')!.addEventListener('submit', (e) => {
    e.preventDefault();
    const f = new FormData(e.target as HTMLFormElement);
    location.hash = `#/?${new URLSearchParams({ ...(f.get('due') ? { due: String(f.get('due')) } : {}), sort: String(f.get('sort') ?? 'due'), page: '1' })}`;
  });
}

async function showForm(container: HTMLElement, schema: unknown, data: Record<string, unknown>, onSubmit: (vars: Record<string, unknown>) => Promise<void>): Promise<void> {
  const form = new Form({ container });
  await form.importSchema(schema as never, data);
  const errorBox = document.createElement('div');
  errorBox.className = 'error';
  errorBox.setAttribute('role', 'alert');
  const submit = document.createElement('button');
  submit.type = 'button';
  submit.textContent = 'Skicka';
  container.after(errorBox, submit);
  submit.addEventListener('click', async () => {
    // form-js validates in the browser first; the server checks the same form again.
    const result = form.submit() as { data: Record<string, unknown>; errors: Record<string, unknown> };
    if (Object.keys(result.errors).length) {
      errorBox.textContent = 'Formuläret är inte korrekt ifyllt: se de markerade fälten.';
      return;
    }
    submit.disabled = true;
    try {
      await onSubmit(result.data);
    } catch (e) {
      errorBox.textContent = e instanceof ApiError ? [e.detail, ...e.fields.map((f) => `${f.field}: ${f.message}`)].join(' · ') : 'Något gick fel.';
    } finally {
      submit.disabled = false;
    }
  });
}

async function taskPage(key: string): Promise<void> {
  const task = await api.task(key);
  const { schema, data } = await api.taskForm(key);
  page(task.name ?? 'Uppgift', `<div class="layout"><section class="card" aria-label="Formulär"><div id="form"></div></section>
    <aside class="card" aria-label="Om ärendet"><p><strong>Ärende:</strong> ${esc(task.caseNumber ?? '–')}</p>
    <p><strong>Enhet:</strong> ${esc(task.unitName ?? '–')}</p><p><strong>Förfaller:</strong> <span class="${dueClass(task.dueDate)}">${fmtDate(task.dueDate)}</span></p>
    <p><a href="#/instances/${esc(task.processInstanceKey)}">Visa processen</a></p>
    <h2>Rutiner för steget</h2>${routineList(task.routines ?? [])}</aside></div>`);
  await showForm(document.getElementById('form')!, schema, data, async (vars) => {
    await api.complete(key, vars);
    location.hash = '#/?done=1';
  });
}

const KIND: Record<string, string> = { rutin: 'Rutin', riktlinje: 'Riktlinje', policy: 'Policy', handbok: 'Handbok', 'vagledande-bestammelser': 'Vägledande bestämmelser' };

function routineList(routines: Routine[]): string {
  if (!routines.length) return '<p class="muted">Ingen rutin är kopplad till steget.</p>';
  return `<ul class="routines">${routines.map((r) => `<li><a href="#/routines/${esc(r.id)}">${esc(r.title)}</a>
    <br><span class="muted">${esc(KIND[r.kind] ?? r.kind)} · ansvarig ${esc(r.ownerRole)} · fastställd ${esc(r.adoptedOn)} · revideras ${esc(r.nextReviewOn)}</span>
    ${r.reviewOverdue ? '<br><span class="late">Revisionen är försenad</span>' : ''}</li>`).join('')}</ul>`;
}

async function routinePage(id: string): Promise<void> {
  const r = await api.routine(id);
  page(r.title, `<section class="card"><p class="muted">${esc(KIND[r.kind] ?? r.kind)}, version ${esc(r.version)}. Beslutad av ${esc(r.decidedBy)} ${esc(r.adoptedOn)}.
    Ansvarig: ${esc(r.ownerRole)}. Följs upp av: ${esc(r.followUpBy)}. Revideras senast ${esc(r.nextReviewOn)}${r.reviewOverdue ? ' <span class="late">(försenad)</span>' : ''}.</p>
    <p>${esc(r.body ?? '')}</p><p><a href="javascript:history.back()">Tillbaka</a></p></section>`);
}

async function startPage(processId: string): Promise<void> {
  const [schema, units] = await Promise.all([api.startForm(processId), api.units()]);
  page('Rapportera missförhållande (lex Sarah)', `<section class="card"><div id="form"></div></section>`);
  const options = units.filter((u) => u.type === 'unit').map((u) => ({ label: u.name, value: u.id }));
  await showForm(document.getElementById('form')!, schema, { units: options }, async (vars) => {
    const r = await api.start(processId, vars);
    page('Din rapport är mottagen', `<p class="notice">Din rapport är mottagen och har skickats till enhetschefen. Tack för att du rapporterade.</p>
      <p><a href="#/instances/${esc(r.key)}">Följ rapporten</a> · <a href="#/">Till inkorgen</a></p>`);
  });
}

async function instancePage(key: string): Promise<void> {
  const inst = await api.instance(key);
  const { xml } = await api.processXml(inst.processId);
  const history = inst.history.map((h) => `<li>${esc(h.elementId)} <span class="muted">(${esc(h.state.toLowerCase())})</span></li>`).join('');
  page(`Process: ${inst.processId}`, `<p>Status: <strong>${esc(inst.state)}</strong></p><div class="diagram" id="diagram" role="img" aria-label="Processdiagram med aktuell position"></div>
    <section class="card"><h2>Historik</h2><ol>${history}</ol></section>`);
  const viewer = new NavigatedViewer({ container: '#diagram' });
  await viewer.importXML(xml);
  const canvas = viewer.get('canvas') as { zoom(v: string): void; addMarker(id: string, cls: string): void };
  canvas.zoom('fit-viewport');
  for (const id of inst.activeElements) canvas.addMarker(id, 'active-marker');
}

/**
 * The public e-service (no login): synpunkter, klagomål och beröm from brukare, anhöriga and
 * citizens, in plain language. Anonymous is allowed; the answer is a receipt number, and
 * nothing the person wrote goes into the address.
 */
async function publicPage(): Promise<void> {
  const units = await api.publicUnits();
  const radio = (name: string, value: string, label: string, checked = false) =>
    `<label class="choice"><input type="radio" name="${name}" value="${value}"${checked ? ' checked' : ''}> ${esc(label)}</label>`;
  page('Lämna en synpunkt eller ett klagomål', `<form class="card" id="eservice" novalidate>
    <p>Här kan du som får stöd av oss, är anhörig eller bor i kommunen berätta vad du tycker. Du behöver inte logga in och du får vara anonym.
    Skriv inte personnummer.</p>
    <fieldset><legend>Vad vill du lämna?</legend>
      ${radio('kind', 'klagomal', 'Ett klagomål – något har inte blivit bra', true)}${radio('kind', 'synpunkt', 'En synpunkt eller ett förslag')}${radio('kind', 'berom', 'Beröm')}
    </fieldset>
    <label for="senderType">Vem är du?</label>
    <select id="senderType" name="senderType"><option value="brukare">Jag får stöd eller omsorg</option><option value="anhorig">Anhörig eller närstående</option>
      <option value="medborgare">Jag bor eller verkar i kommunen</option><option value="annan">Annan</option></select>
    <label for="unitId">Vilken verksamhet gäller det?</label>
    <select id="unitId" name="unitId" aria-describedby="unitId-error"><option value="">Välj verksamhet</option>${units.map((u) => `<option value="${esc(u.value)}">${esc(u.label)}</option>`).join('')}</select>
    <p class="error" id="unitId-error"></p>
    <label for="description">Berätta vad det gäller</label>
    <textarea id="description" name="description" rows="6" maxlength="4000" aria-describedby="description-error"></textarea>
    <p class="error" id="description-error"></p>
    <label class="choice"><input type="checkbox" id="anonymous" name="anonymous"> Jag vill vara anonym (då kan vi inte svara dig)</label>
    <label for="contactDetails">Hur når vi dig? (frivilligt)</label>
    <input type="text" id="contactDetails" name="contactDetails" maxlength="300" autocomplete="tel">
    <p class="error" id="form-error" role="alert"></p>
    <button type="submit">Skicka</button></form>`);
  const form = document.getElementById('eservice') as HTMLFormElement;
  const anonymous = document.getElementById('anonymous') as HTMLInputElement;
  const contact = document.getElementById('contactDetails') as HTMLInputElement;
  anonymous.addEventListener('change', () => { contact.disabled = anonymous.checked; if (anonymous.checked) contact.value = ''; });
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const f = new FormData(form);
    for (const id of ['unitId-error', 'description-error', 'form-error']) document.getElementById(id)!.textContent = '';
    const body: Record<string, unknown> = {
      kind: f.get('kind'), senderType: f.get('senderType'), unitId: f.get('unitId'), description: String(f.get('description') ?? ''), anonymous: anonymous.checked,
      ...(anonymous.checked || !contact.value.trim() ? {} : { contactDetails: contact.value.trim() }),
    };
    try {
      const { receipt } = await api.submitSynpunkt(body);
      page('Tack!', `<div class="card"><p>Vi har tagit emot det du skrev. Ditt kvittonummer är <strong id="receipt">${esc(receipt)}</strong>.</p>
        <p>Spara numret om du vill fråga om ärendet. ${anonymous.checked ? '' : 'Vi hör av oss inom 14 arbetsdagar.'}</p></div>`);
    } catch (err) {
      const fields = err instanceof ApiError ? err.fields : [];
      for (const x of fields) {
        const el = document.getElementById(`${x.field}-error`);
        if (el) el.textContent = x.field === 'unitId' ? 'Välj vilken verksamhet det gäller.' : 'Skriv vad det gäller.';
      }
      document.getElementById('form-error')!.textContent = err instanceof ApiError && err.status === 429
        ? 'Du har skickat många gånger på kort tid. Vänta en stund och försök igen.'
        : 'Något behöver rättas innan du kan skicka.';
    }
  });
}

async function route(): Promise<void> {
  const hash = location.hash || '#/';
  if (hash.startsWith('#/e-tjanst')) {
    nav.innerHTML = '';
    return publicPage().catch(() => page('Något gick fel', '<p class="error">E-tjänsten går inte att nå just nu. Försök igen senare.</p>'));
  }
  await renderNav();
  try {
    if (hash.startsWith('#/login')) return loginPage();
    let m: RegExpExecArray | null;
    if ((m = /^#\/tasks\/(\d+)/.exec(hash))) return await taskPage(m[1]!);
    if ((m = /^#\/start\/([\w-]+)/.exec(hash))) return await startPage(m[1]!);
    if ((m = /^#\/instances\/(\d+)/.exec(hash))) return await instancePage(m[1]!);
    if ((m = /^#\/routines\/([\w-]+)/.exec(hash))) return await routinePage(m[1]!);
    const query = new URLSearchParams(hash.split('?')[1] ?? '');
    return await inboxPage(query, query.has('done') ? 'Uppgiften är slutförd.' : undefined);
  } catch (e) {
    if (e instanceof ApiError && e.status === 401) {
      location.hash = '#/login';
      return;
    }
    page('Något gick fel', `<p class="error">${esc(e instanceof ApiError ? e.detail : 'Okänt fel')}</p>`);
  }
}

window.addEventListener('hashchange', () => void route());
void route();
