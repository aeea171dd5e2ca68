/**
 * The Zeebe adapter's pure parts (its behaviour against a broker is the conformance and API
 * suites), and the rule that only src/engine/zeebe talks to Camunda's SDK.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { elementTypeName, parseJson, zeebeDate } from '../../src/engine/zeebe/records.js';

describe('Zeebe records', () => {
  it('keeps int64 keys exact: integers beyond 2^53 become strings, small numbers stay numbers', () => {
    const v = parseJson('{"processInstanceKey": 9007199254740993, "version": 3, "ratio": 0.5, "name": "x"}') as Record<string, unknown>;
    expect(v).toEqual({ processInstanceKey: '9007199254740993', version: 3, ratio: 0.5, name: 'x' });
  });

  it("maps Zeebe's element types to bpmn-moddle's names", () => {
    expect(elementTypeName('SERVICE_TASK')).toBe('serviceTask');
    expect(elementTypeName('START_EVENT')).toBe('startEvent');
    expect(elementTypeName('EVENT_BASED_GATEWAY')).toBe('eventBasedGateway');
    expect(elementTypeName('EVENT_SUB_PROCESS')).toBe('subProcess');
    expect(elementTypeName('MULTI_INSTANCE_BODY')).toBe('multiInstanceBody');
    expect(elementTypeName('TASK')).toBe('task');
  });

  it('reads the dates Zeebe writes, with or without a region', () => {
    expect(zeebeDate('2026-03-04T08:00Z[Etc/UTC]')?.toISOString()).toBe('2026-03-04T08:00:00.000Z');
    expect(zeebeDate('2026-03-03T08:00Z')?.toISOString()).toBe('2026-03-03T08:00:00.000Z');
    expect(zeebeDate('2026-06-01T10:00+02:00[Europe/Stockholm]')?.toISOString()).toBe('2026-06-01T08:00:00.000Z');
    expect(zeebeDate('')).toBeNull();
    expect(zeebeDate(null)).toBeNull();
    expect(zeebeDate('not a date')).toBeNull();
  });
});

describe('architecture', () => {
  it('only src/engine/zeebe imports @camunda8/*', () => {
    const root = path.resolve(import.meta.dirname, '../..');
    const offenders: string[] = [];
    const walk = (dir: string) => {
      for (const name of readdirSync(dir)) {
        const p = path.join(dir, name);
        if (statSync(p).isDirectory()) walk(p);
        else if (/\.(ts|mjs|js)$/.test(name) && /from '@camunda8\//.test(readFileSync(p, 'utf8'))) offenders.push(path.relative(root, p));
      }
    };
    for (const d of ['src', 'workers', 'web/src', 'test', 'bench', 'scripts']) walk(path.join(root, d));
    expect(offenders.every((p) => p.startsWith(path.join('src', 'engine', 'zeebe')))).toBe(true);
    expect(offenders.length).toBeGreaterThan(0);
  });
});
