/**
 * Notifications by e-mail (issue 15 point 4), through a real SMTP server run as its own process
 * (scripts/smtp-sink.ts): a new task reaches those who may work on it and want it at once, with
 * a link and the kind of task and nothing about the case; a digest goes out once a day; a
 * deadline reminder once per task; settings are one's own, checked and audited.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ControlledClock } from '../../src/clock.js';
import { apiSetups, useApi } from '../support/api.js';
import { LEX_SARAH_FORMS as FORMS, LEX_SARAH_REPORT as REPORT } from '../support/lexSarah.js';
import { startSmtpSink, type Delivered, type SmtpSink } from '../support/smtpSink.js';
import { advanceTo } from '../support/factories.js';
import { waitFor } from '../support/waits.js';
import { caseRows } from '../../src/domain/caseCore.js';

describe.each(apiSetups())('notifications by e-mail on $name', (setup) => {
  // Thursday 25 March 2027, 09:00 in Stockholm: after the digest hour (07:00)
  const clock = new ControlledClock(new Date('2027-03-25T09:00:00+01:00'));
  let sink: SmtpSink;
  const env: Record<string, string> = { PUBLIC_BASE_URL: 'https://kvh.example.se', MAIL_POLL_MS: '50', NOTIFICATION_CHECK_MS: '3600000' };
  // (registered before useApi's: the app starts with the sink's address)
  beforeAll(async () => {
    sink = await startSmtpSink();
    env.SMTP_URL = sink.url;
  });
  const ctx = useApi(setup, clock, env);
  afterAll(async () => {
    await sink?.stop();
  });
  const { as, completeAs, taskFor } = ctx;
  const to = (address: string) => async () => (await sink.messages()).filter((m) => m.to.includes(address));
  /** Waits until `address` has `n` messages, and returns them. */
  const delivered = (address: string, n: number) =>
    waitFor(`${n} message(s) to ${address}`, async () => ((await to(address)()).length >= n ? to(address)() : undefined));
  const dispatched = () => ctx.services.mailer!.round();

  it('answers each person with their own settings, refuses a bad address without changing anything, and audits a change', async () => {
    const erik = await as('enhetschef');
    expect((await erik.get('/api/v1/me/notifications').expect(200)).body).toEqual({ email: null, newTasks: 'immediate', deadlineDays: 2, mailEnabled: true });
    const bad = await erik.put('/api/v1/me/notifications').send({ email: 'inte en adress', newTasks: 'digest', deadlineDays: 2 }).expect(400);
    expect(bad.body.errors).toEqual([expect.objectContaining({ field: 'email' })]);
    expect(JSON.stringify(bad.body)).not.toContain('inte en adress');
    expect((await erik.get('/api/v1/me/notifications').expect(200)).body.newTasks).toBe('immediate');
    await erik.put('/api/v1/me/notifications').send({ email: 'erik@kvh.test', newTasks: 'immediate', deadlineDays: 2 }).expect(200);
    await (await as('utredare')).put('/api/v1/me/notifications').send({ email: 'ulf@kvh.test', newTasks: 'digest', deadlineDays: 7 }).expect(200);
    await (await as('enhetschef')).put('/api/v1/me/notifications').send({ newTasks: 'immediate', deadlineDays: 2 }).expect(400); // email is required (null for none)
    const audit = await ctx.t.db('audit_log').where({ action: 'notifications.settings' }).orderBy('id');
    expect(audit.map((a) => a.actor)).toEqual(['enhetschef', 'utredare']);
    // another person's settings are not theirs to read: the route has no user parameter at all
    expect((await (await as('utredare')).get('/api/v1/me/notifications').expect(200)).body.email).toBe('ulf@kvh.test');
  });

  it('tells those who may work on a new task at once, with a link and the kind of task, and nothing about the case', async () => {
    const started = await (await as('medarbetare')).post('/api/v1/process-instances').send({ processId: 'lex-sarah', variables: REPORT }).expect(201);
    const key = started.body.key as string;
    const task = await taskFor('enhetschef', key, 'Task_ImmediateMeasures');
    const [mail] = (await delivered('erik@kvh.test', 1)) as [Delivered];
    expect(mail.subject).toBe('Ny uppgift: Vidta omedelbara åtgärder');
    expect(mail.text).toContain(`https://kvh.example.se/#/tasks/${task.key}`);
    const caseNumber = (await caseRows(ctx.t.db, 'lex-sarah').where({ process_instance_key: key }).first()).case_number as string;
    for (const secret of [REPORT.description, REPORT.location, REPORT.affectedPersons, REPORT.immediateActionsTaken, caseNumber, 'Solrosen']) {
      expect(mail.raw).not.toContain(secret);
    }
    // the utredare wants a digest, not a message per task; nobody else has an address
    await completeAs('enhetschef', key, 'Task_ImmediateMeasures', FORMS.Task_ImmediateMeasures!);
    await taskFor('utredare', key, 'Task_Investigate');
    await dispatched();
    expect(await to('ulf@kvh.test')()).toEqual([]);
    expect((await sink.messages()).length).toBe(1);

    // the day's digest: once, however often the schedule runs
    await ctx.services.notificationSchedule.check();
    const [digest] = (await delivered('ulf@kvh.test', 1)) as [Delivered];
    expect(digest.subject).toBe('Kvalitetshjulet: 1 ny uppgift');
    expect(digest.text).toContain('https://kvh.example.se/#/');
    await ctx.services.notificationSchedule.check();
    await dispatched();
    expect((await to('ulf@kvh.test')()).length).toBe(1);

    // a deadline within the utredare's seven days (the IVO report: two arbetsdagar, Monday 29 March): one reminder per task
    await completeAs('utredare', key, 'Task_Investigate', FORMS.Task_Investigate!);
    await completeAs('socialchef', key, 'Task_Assess', FORMS.Task_Assess!);
    const ivo = await taskFor('utredare', key, 'Task_ReportToIvo');
    expect(ivo.dueDate).not.toBeNull();
    await ctx.services.notificationSchedule.check();
    await ctx.services.notificationSchedule.check();
    const mails = await delivered('ulf@kvh.test', 2);
    await dispatched();
    expect((await to('ulf@kvh.test')()).length).toBe(2);
    const reminder = mails.find((m) => m.subject.startsWith('Sista dag'))!;
    expect(reminder.subject).toBe(`Sista dag närmar sig: ${ivo.name}`);
    expect(reminder.text).toContain(`https://kvh.example.se/#/tasks/${ivo.key}`);
    expect(reminder.raw).not.toContain(caseNumber);
    // and every queued message was sent
    expect(Number((await ctx.t.db('mail_outbox').whereNot({ state: 'sent' }).count({ n: '*' }))[0]!.n)).toBe(0);
  });

  it('says when a new task is an escalation, and sends it at once to a person who chose the digest', async () => {
    // last in this file: it moves the clock a month on
    await (await as('verksamhetschef')).put('/api/v1/me/notifications').send({ email: 'vera@kvh.test', newTasks: 'digest', deadlineDays: 0 }).expect(200);
    const { engine } = ctx.services;
    const { key } = await engine.startInstance('synpunkt', {
      kind: 'klagomal',
      channel: 'telefon',
      senderType: 'anhorig',
      unitId: 'hemtjanst-solrosen',
      anonymous: false,
      description: 'Hemtjänsten kom inte på morgonen.',
      contactDetails: 'Ring efter kl. 16',
    });
    await engine.completeUserTask((await taskFor('enhetschef', key, 'Task_Triage')).key, { concernsMyUnit: 'ja', possibleLexSarah: 'nej' });
    await engine.completeUserTask((await taskFor('enhetschef', key, 'Task_Investigate')).key, { investigation: 'Schemat ändrades.', isDeviation: 'nej' });
    await taskFor('enhetschef', key, 'Task_Feedback');
    // 14 arbetsdagar pass without feedback: the verksamhetschef gets the escalation
    await advanceTo(engine, new Date(clock.now().getTime() + 30 * 86_400_000));
    ctx.forgetSessions(); // a month on, the sessions have expired
    const escalated = await taskFor('verksamhetschef', key, 'Task_Escalated');
    const [mail] = (await delivered('vera@kvh.test', 1)) as [Delivered];
    expect(mail.subject).toBe('Eskalerad uppgift: Se till att avsändaren får återkoppling');
    expect(mail.text).toContain('något inte blev gjort i tid');
    expect(mail.text).toContain(`https://kvh.example.se/#/tasks/${escalated.key}`);
    expect(mail.raw).not.toContain('Hemtjänsten kom inte');
    expect(Number((await ctx.t.db('mail_outbox').where({ kind: 'task.escalation' }).count({ n: '*' }))[0]!.n)).toBe(1);
  });
});
