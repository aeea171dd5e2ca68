/**
 * The e-mails' texts (Swedish). They name the kind of task, its deadline and a link to it, and
 * nothing about the case: no case number, no names, no answers. Personal data about a client
 * never leaves in an e-mail (DESIGN.md; issue 15 point 4); the link leads to the task page,
 * which checks who is signed in.
 */

/** A message's subject and plain-text body. */
export interface MailText {
  subject: string;
  body: string;
}

const day = (d: Date) => new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm' }).format(d);
const link = (baseUrl: string, taskKey: string) => `${baseUrl.replace(/\/+$/, '')}/#/tasks/${encodeURIComponent(taskKey)}`;
const FOOTER = '\n\nDu får det här meddelandet från Kvalitetshjulet. Vad du får, och hur ofta, väljer du under Inställningar.';

/**
 * What kind of new task a model says it is (the user task's `notice` header): an escalation (a
 * deadline passed and the task came to a manager), a routine to review, a report to write.
 * Any other task is just new.
 */
export const NOTICES = ['escalation', 'routine-review', 'report'] as const;
export type Notice = (typeof NOTICES)[number];
export const noticeOf = (headers: Record<string, string> | undefined): Notice | undefined => NOTICES.find((n) => n === headers?.notice);

const OPENING: Record<Notice | 'new', { subject: string; body: string }> = {
  new: { subject: 'Ny uppgift', body: 'Det finns en ny uppgift som du kan arbeta med' },
  escalation: { subject: 'Eskalerad uppgift', body: 'En uppgift har kommit till dig eftersom något inte blev gjort i tid' },
  'routine-review': { subject: 'Rutin att se över', body: 'Det är dags att se över en rutin som du ansvarar för' },
  report: { subject: 'Rapport att skriva', body: 'Det är dags att skriva en rapport' },
};

/** A new task the person may work on, by its kind (a new task, an escalation, a routine to review, a report to write). */
export function newTaskText(baseUrl: string, task: { key: string; name: string | null; dueDate: Date | null; notice?: Notice }): MailText {
  const name = task.name ?? 'Uppgift';
  const due = task.dueDate ? `\nSista dag: ${day(task.dueDate)}.` : '';
  const opening = OPENING[task.notice ?? 'new'];
  return {
    subject: `${opening.subject}: ${name}`,
    body: `${opening.body}: ${name}.${due}\n\nÖppna uppgiften: ${link(baseUrl, task.key)}${FOOTER}`,
  };
}

/** A task whose deadline is near. */
export function deadlineText(baseUrl: string, task: { key: string; name: string | null; dueDate: Date }): MailText {
  const name = task.name ?? 'Uppgift';
  return {
    subject: `Sista dag närmar sig: ${name}`,
    body: `Uppgiften ${name} ska vara klar senast ${day(task.dueDate)}.\n\nÖppna uppgiften: ${link(baseUrl, task.key)}${FOOTER}`,
  };
}

/** The daily digest: how many new tasks, and the inbox. */
export function digestText(baseUrl: string, count: number): MailText {
  const what = count === 1 ? '1 ny uppgift' : `${count} nya uppgifter`;
  return {
    subject: `Kvalitetshjulet: ${what}`,
    body: `Sedan förra sammanfattningen har det kommit ${what} som du kan arbeta med.\n\nMina uppgifter: ${baseUrl.replace(/\/+$/, '')}/#/${FOOTER}`,
  };
}
