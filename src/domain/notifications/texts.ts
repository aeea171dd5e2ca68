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

/** A new task the person may work on. */
export function newTaskText(baseUrl: string, task: { key: string; name: string | null; dueDate: Date | null }): MailText {
  const name = task.name ?? 'Uppgift';
  const due = task.dueDate ? `\nSista dag: ${day(task.dueDate)}.` : '';
  return {
    subject: `Ny uppgift: ${name}`,
    body: `Det finns en ny uppgift som du kan arbeta med: ${name}.${due}\n\nÖppna uppgiften: ${link(baseUrl, task.key)}${FOOTER}`,
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
