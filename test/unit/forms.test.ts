/** Server-side form validation (src/domain/forms/validate.ts) on the product's own forms. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { validateAgainstForm } from '../../src/domain/forms/validate.js';

const form = (id: string) => JSON.parse(readFileSync(path.resolve(import.meta.dirname, `../../bpmn/forms/${id}.form`), 'utf8'));
const fieldsOf = (errors: { field: string }[]) => errors.map((e) => e.field).sort();

describe('form validation', () => {
  const triage = form('synpunkt-triage');
  const units = { units: ['hemtjanst-solrosen', 'vobo-linden'] };

  it('does not require a field its condition hides, and requires it when shown', () => {
    expect(validateAgainstForm(triage, { concernsMyUnit: 'ja', possibleLexSarah: 'nej' }, units)).toEqual([]);
    expect(fieldsOf(validateAgainstForm(triage, { concernsMyUnit: 'nej', possibleLexSarah: 'nej' }, units))).toEqual(['variables.forwardToUnitId']);
    expect(validateAgainstForm(triage, { concernsMyUnit: 'nej', forwardToUnitId: 'vobo-linden', possibleLexSarah: 'nej' }, units)).toEqual([]);
  });

  it('names wrong values, missing fields and unknown keys, without echoing the values', () => {
    const errors = validateAgainstForm(triage, { concernsMyUnit: 'kanske', secret: '19121212-1212' }, units);
    expect(fieldsOf(errors)).toEqual(['variables.concernsMyUnit', 'variables.possibleLexSarah', 'variables.secret']);
    expect(JSON.stringify(errors)).not.toContain('19121212');
    expect(fieldsOf(validateAgainstForm(triage, { concernsMyUnit: 'nej', forwardToUnitId: 'no-such-unit', possibleLexSarah: 'nej' }, units))).toEqual([
      'variables.forwardToUnitId',
    ]);
  });
});

describe('form validation of a dynamic list (the actions)', () => {
  const measures = form('synpunkt-measures');
  const ok = { title: 'Ny schemakontroll', ownerRole: 'enhetschef', dueDate: '2026-06-30' };

  it('accepts a list of complete items and refuses an empty list when the list is required', () => {
    expect(validateAgainstForm(measures, { immediateMeasures: 'Ringde in personal.', actions: [ok, { ...ok, ownerRole: 'mas' }] })).toEqual([]);
    expect(fieldsOf(validateAgainstForm(measures, { immediateMeasures: 'Ringde in personal.', actions: [] }))).toEqual(['variables.actions']);
  });

  it('names the item and field that is wrong, and refuses what is not a list of objects', () => {
    const errors = validateAgainstForm(measures, {
      immediateMeasures: 'x',
      actions: [ok, { title: '', ownerRole: 'vaktmastare', dueDate: '2026-06-30', extra: 1 }],
    });
    expect(fieldsOf(errors)).toEqual(['variables.actions[1].extra', 'variables.actions[1].ownerRole', 'variables.actions[1].title']);
    expect(fieldsOf(validateAgainstForm(measures, { immediateMeasures: 'x', actions: 'gör något' }))).toEqual(['variables.actions']);
    expect(fieldsOf(validateAgainstForm(measures, { immediateMeasures: 'x', actions: ['gör något'] }))).toEqual(['variables.actions[0]']);
  });
});

describe('form validation of the risks list (riskanalys)', () => {
  const identify = form('riskanalys-identify');

  it('validates each item of a dynamic list by the list’s own fields and names the item', () => {
    const ok = { risks: [{ description: 'Vikarier utan introduktion.', probability: 3, consequence: 4, causes: 'Semester.' }] };
    expect(validateAgainstForm(identify, ok)).toEqual([]);
    expect(validateAgainstForm(identify, { risks: [] })).toEqual([]);
    const bad = {
      risks: [
        { description: 'A', probability: 2, consequence: 2 },
        { description: '', probability: 7, consequence: null, secret: 'x' },
      ],
    };
    expect(fieldsOf(validateAgainstForm(identify, bad))).toEqual([
      'variables.risks[1].consequence',
      'variables.risks[1].description',
      'variables.risks[1].probability',
      'variables.risks[1].secret',
    ]);
    expect(fieldsOf(validateAgainstForm(identify, { risks: 'ingen lista' }))).toEqual(['variables.risks']);
    expect(fieldsOf(validateAgainstForm(identify, { risks: ['rad'] }))).toEqual(['variables.risks[0]']);
  });
});
