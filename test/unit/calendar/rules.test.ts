/** The deadline rules as data (src/domain/calendar/rules.ts) and the quarter of an instant (src/domain/cases). */
import { describe, expect, it } from 'vitest';
import { DEADLINE_RULES, deadlineFor, ruleOn } from '../../../src/domain/calendar/rules.js';
import { quarterOf } from '../../../src/domain/cases/index.js';

describe('deadline rules', () => {
  it('takes the rule valid on the day the period starts: SoL 2001:453 before 1 July 2025, 2025:400 from it', () => {
    expect(ruleOn('forhandsbedomning-barn', '2025-06-30').basis).toContain('2001:453');
    expect(ruleOn('forhandsbedomning-barn', '2025-07-01').basis).toContain('2025:400');
    expect(() => ruleOn('forhandsbedomning-barn', '2010-01-01')).toThrow(RangeError);
  });

  it('has no two rules with the same id valid on the same day', () => {
    for (const a of DEADLINE_RULES) {
      for (const b of DEADLINE_RULES) {
        if (a === b || a.id !== b.id) continue;
        const overlap = a.validFrom <= (b.validTo ?? '9999-12-31') && b.validFrom <= (a.validTo ?? '9999-12-31');
        expect(overlap, `${a.id} ${a.validFrom}/${b.validFrom}`).toBe(false);
      }
    }
  });

  it('computes each kind of period: the same day, a legal period moved off a holiday, arbetsdagar', () => {
    // skyddsbedömning: the same day, even a Saturday
    expect(deadlineFor('skyddsbedomning', '2026-06-06T10:00:00+02:00').dueAt).toBe('2026-06-06T23:59:59+02:00');
    // förhandsbedömning: 14 days from Friday 5 June 2026 is midsommarafton → Monday 22 June
    expect(deadlineFor('forhandsbedomning-barn', '2026-06-05T10:00:00+02:00')).toMatchObject({ dueAt: '2026-06-22T23:59:59+02:00', rule: { kind: 'legal' } });
    // uppföljning: 10 arbetsdagar from Monday 1 March 2027
    expect(deadlineFor('uppfoljning-utvardering', '2027-03-01')).toMatchObject({ dueAt: '2027-03-15T23:59:59+01:00', rule: { kind: 'local' } });
  });

  it('gives the quarter of an instant in Stockholm and its last day', () => {
    expect(quarterOf(new Date('2026-12-22T00:30:00+01:00'))).toEqual({ quarter: '2026-Q4', lastDay: '2026-12-31' });
    expect(quarterOf(new Date('2026-03-31T23:30:00Z'))).toEqual({ quarter: '2026-Q2', lastDay: '2026-06-30' }); // 1 April in Stockholm
    expect(quarterOf('2028-02-29')).toEqual({ quarter: '2028-Q1', lastDay: '2028-03-31' });
  });
});
