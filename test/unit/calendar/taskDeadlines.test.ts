/**
 * The mapping from user tasks to the deadline rules behind their due dates is complete and
 * true to the models: every user task with a due date in bpmn/ has an entry naming the variable
 * the model reads, every entry is such a task, and the choice of rule follows the variables.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEADLINE_RULES } from '../../../src/domain/calendar/rules.js';
import { deadlineRuleOf, shownDeadlineOf, TASK_DEADLINES } from '../../../src/domain/calendar/taskDeadlines.js';
import { parseBpmn } from '../../../src/engine/model.js';

const BPMN_DIR = path.resolve(import.meta.dirname, '../../../bpmn');

async function dueDatedTasks(): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const file of readdirSync(BPMN_DIR).filter((f) => f.endsWith('.bpmn'))) {
    for (const m of await parseBpmn(readFileSync(path.join(BPMN_DIR, file), 'utf8'))) {
      for (const e of m.elements.values()) if (e.type === 'userTask' && e.userTask?.dueDate) out.set(`${m.processId}/${e.id}`, e.userTask.dueDate);
    }
  }
  return out;
}

describe('task deadlines', () => {
  it('has an entry for every user task with a due date, reading the same variable', async () => {
    const tasks = await dueDatedTasks();
    expect(tasks.size).toBeGreaterThan(10);
    for (const [task, dueDate] of tasks) {
      expect(TASK_DEADLINES[task], task).toBeDefined();
      expect(`=${TASK_DEADLINES[task]!.dueDateVariable}`, task).toBe(dueDate);
    }
    expect(Object.keys(TASK_DEADLINES).filter((k) => !tasks.has(k))).toEqual([]);
  });

  it('names only rules that exist', () => {
    const ids = new Set(DEADLINE_RULES.map((r) => r.id));
    for (const s of Object.values(TASK_DEADLINES)) {
      const named = s.rule === null ? [] : typeof s.rule === 'string' ? [s.rule] : [s.rule.legal, s.rule.local];
      for (const id of named) expect(ids.has(id), id).toBe(true);
      if (s.rule === null) expect(s.note).toBeTruthy();
    }
  });

  it('chooses the rule by the variables, and none for a date set by hand', () => {
    expect(deadlineRuleOf('myndighetsutovning', 'Task_ProtectionAssessment', {})).toBe('skyddsbedomning');
    expect(deadlineRuleOf('myndighetsutovning', 'Task_Investigate', { investigationDeadlineKind: 'legal' })).toBe('utredning-barn');
    expect(deadlineRuleOf('myndighetsutovning', 'Task_Investigate', { investigationDeadlineKind: 'local' })).toBe('utredning-vuxen');
    expect(deadlineRuleOf('myndighetsutovning', 'Task_Investigate', { investigationDeadlineKind: 'legal', extend: 'ja' })).toBeUndefined();
    expect(deadlineRuleOf('atgard', 'Task_Implement', {})).toBeUndefined();
    expect(deadlineRuleOf('lex-sarah', 'Task_ImmediateMeasures', {})).toBeUndefined();
  });

  it('describes the dates computed outside the rules: IVO reports and synpunkt feedback, not those set by hand', () => {
    expect(shownDeadlineOf('lex-sarah', 'Task_ReportToIvo')).toMatchObject({ kind: 'local', title: 'Anmälan till IVO (lex Sarah)' });
    expect(shownDeadlineOf('lex-sarah', 'Task_SendInvestigation')).toMatchObject({ kind: 'legal', basis: expect.stringContaining('SOSFS 2011:5') });
    expect(shownDeadlineOf('lex-maria', 'Task_ReportToIvo')).toMatchObject({ kind: 'local' });
    expect(shownDeadlineOf('synpunkt', 'Task_Feedback')).toMatchObject({ kind: 'local', basis: expect.stringContaining('14 arbetsdagar') });
    expect(shownDeadlineOf('atgard', 'Task_Implement')).toBeUndefined();
    // an entry with a rule is described by the rule, never by `shown`
    expect(shownDeadlineOf('myndighetsutovning', 'Task_ProtectionAssessment')).toBeUndefined();
  });
});
