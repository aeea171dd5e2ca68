/**
 * The bundled models say which user tasks are an escalation, a routine to review or a report to
 * write (the `notice` task header the notification e-mails read), and the texts say so.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseBpmn } from '../../src/engine/model.js';
import { newTaskText, noticeOf } from '../../src/domain/notifications/texts.js';
import { BPMN_DIR } from '../../src/paths.js';

const headersOf = async (file: string, elementId: string) => {
  const [model] = await parseBpmn(readFileSync(path.join(BPMN_DIR, file), 'utf8'));
  return model!.elements.get(elementId)!.headers;
};

describe('notices of new tasks', () => {
  it.each([
    ['synpunkt.bpmn', 'Task_Escalated', 'escalation'],
    ['rutin-oversyn.bpmn', 'Task_ReviewRoutine', 'routine-review'],
    ['internkontroll.bpmn', 'Task_YearEndReport', 'report'],
    ['synpunkt.bpmn', 'Task_Feedback', undefined],
  ])('%s %s is %s', async (file, elementId, notice) => {
    expect(noticeOf(await headersOf(file, elementId))).toBe(notice);
  });

  it('names the kind in the subject and the body, and a plain task as new', () => {
    const task = { key: '42', name: 'Se över rutinen', dueDate: null };
    expect(newTaskText('https://kvh.test', { ...task, notice: 'routine-review' }).subject).toBe('Rutin att se över: Se över rutinen');
    expect(newTaskText('https://kvh.test', { ...task, notice: 'report' }).body).toMatch(/^Det är dags att skriva en rapport: /);
    expect(newTaskText('https://kvh.test', task).subject).toBe('Ny uppgift: Se över rutinen');
    expect(noticeOf({ notice: 'något annat' })).toBeUndefined();
  });
});
