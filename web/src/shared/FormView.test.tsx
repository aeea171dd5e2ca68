// @vitest-environment jsdom
/**
 * The form wrapper (form-js) in a DOM (jsdom: form-js renders and validates there, unlike
 * bpmn-js, whose SVG geometry jsdom lacks; see test/web/diagram.test.ts): validation messages
 * in Swedish at the field, the server's field errors shown at their fields and named by their
 * labels, drafts without the prefilled case variables.
 */
import { act, cleanup, render, screen, waitFor } from '@testing-library/react';
import { createRef } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import '../i18n/index.js';
import { FormMessage, FormView, type FormHandle } from './FormView.js';

const schema = {
  type: 'default',
  id: 'test-form',
  components: [
    { type: 'textfield', id: 'Field_what', key: 'what', label: 'Vad har hänt?', validate: { required: true } },
    { type: 'number', id: 'Field_count', key: 'count', label: 'Hur många berördes?', validate: { min: 1 } },
  ],
};

/** Renders the form and waits until form-js has drawn its fields. */
async function renderForm(data: Record<string, unknown> = {}) {
  const ref = createRef<FormHandle>();
  render(<FormView ref={ref} schema={schema} data={data} />);
  await screen.findByLabelText(/Vad har hänt\?/, undefined, { timeout: 10_000 });
  return ref;
}

const fieldOf = (label: RegExp) => screen.getByLabelText(label).closest('.fjs-form-field')!;

afterEach(cleanup);

describe('FormView', () => {
  it('given an empty required field, submit gives no data and the Swedish message is at the field', async () => {
    const form = await renderForm();
    let data: Record<string, unknown> | undefined = {};
    act(() => {
      data = form.current!.submit();
    });
    expect(data).toBeUndefined();
    await waitFor(() => expect(fieldOf(/Vad har hänt\?/).textContent).toContain('Fältet måste fyllas i.'), { timeout: 10_000 });
  });

  it('given a value below the minimum, the message names the minimum in Swedish', async () => {
    const form = await renderForm({ what: 'Ett fall', count: 0 });
    act(() => {
      form.current!.submit();
    });
    await waitFor(() => expect(fieldOf(/Hur många berördes\?/).textContent).toContain('Värdet måste vara minst 1.'), { timeout: 10_000 });
  });

  it('given a filled-in form, submit gives its data', async () => {
    const form = await renderForm({ what: 'Brukaren föll', count: 2 });
    let data: Record<string, unknown> | undefined;
    act(() => {
      data = form.current!.submit();
    });
    expect(data).toMatchObject({ what: 'Brukaren föll', count: 2 });
  });

  it("a draft has the form's own fields only, not the case's other variables", async () => {
    const form = await renderForm({ what: 'Utkast', caseNumber: 'AV-2026-1', units: [{ label: 'x', value: 'y' }] });
    const draft = form.current!.data();
    expect(Object.keys(draft).sort()).toEqual(['count', 'what']);
    expect(draft.what).toBe('Utkast');
  });

  it("shows the server's field errors at their fields (by form key) and names them by label", async () => {
    const form = await renderForm({ what: 'x' });
    // form-js may still be finishing its import (which resets its errors): shown again until they stay
    await waitFor(
      () => {
        act(() => {
          form.current!.showErrors([
            { field: 'variables.what', message: 'obligatoriskt fält' },
            { field: 'variables.other', message: 'okänt' },
          ]);
        });
        expect(fieldOf(/Vad har hänt\?/).querySelector('.fjs-form-field-error')?.textContent ?? '').toContain('obligatoriskt fält');
      },
      { timeout: 10_000 },
    );
    expect(form.current!.labelOf('variables.what')).toBe('Vad har hänt?');
    expect(form.current!.labelOf('variables.other')).toBe('variables.other');

    render(<FormMessage text="Servern godtog inte formuläret:" fields={[{ field: 'variables.what', message: 'obligatoriskt fält' }]} form={form.current} />);
    const alert = screen.getByRole('alert');
    expect(alert.textContent).toContain('Servern godtog inte formuläret:');
    expect(alert.textContent).toContain('Vad har hänt?: obligatoriskt fält');
  });

  it('FormMessage renders nothing without a text or field errors', () => {
    const { container } = render(<FormMessage form={null} />);
    expect(container.innerHTML).toBe('');
  });
});
