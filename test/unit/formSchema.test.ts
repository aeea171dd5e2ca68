/** The schema check of forms saved in the database (src/domain/forms/schema.ts): every bundled form passes it, and its refusals name fields, not content. */
import { describe, expect, it } from 'vitest';
import { bundledResources } from '../../src/bootstrap.js';
import { schemaProblems, titleOf } from '../../src/domain/forms/schema.js';

describe('form schemas', () => {
  it('admits every bundled form as it is', () => {
    const forms = bundledResources().filter((r) => r.name.endsWith('.form'));
    expect(forms.length).toBeGreaterThan(50);
    for (const f of forms) {
      const schema = JSON.parse(f.content) as { id: string };
      expect({ form: f.name, problems: schemaProblems(schema.id, schema) }).toEqual({ form: f.name, problems: [] });
    }
  });

  it('refuses what is no form-js schema, and names a field only by a key that looks like one', () => {
    expect(schemaProblems('a', [])).toEqual([{ field: 'schema', message: 'ska vara ett form-js-schema (ett objekt)' }]);
    expect(schemaProblems('a', { id: 'a' })).toEqual([{ field: 'schema.components', message: 'ska vara en lista med fält' }]);
    const secret = 'Anna Andersson 19121212-1212';
    const problems = schemaProblems('a', { id: 'a', components: [{ type: 'script', key: secret, text: secret }] });
    expect(problems).toEqual([{ field: 'schema.components', message: 'ett fält: fälttypen stöds inte' }]);
    // a dynamic list's items have keys of their own
    const list = (path: string) => ({ type: 'dynamiclist', path, components: [{ type: 'textfield', key: 'what' }] });
    expect(schemaProblems('a', { id: 'a', components: [list('one'), list('two')] })).toEqual([]);
  });

  it('titles a bundled form by its first heading', () => {
    expect(titleOf('x', { components: [{ type: 'text', text: '## Vidta åtgärder\n\nText' }] })).toBe('Vidta åtgärder');
    expect(titleOf('x', { components: [] })).toBe('x');
    expect(titleOf('arshjul-task', { components: [{ type: 'text', text: '## {{title}}' }] })).toBe('arshjul-task');
  });
});
