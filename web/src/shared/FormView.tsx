/**
 * A form-js form. Validation messages come in the app's language (form-js's validator is
 * wrapped), and field errors from the server are shown at their fields as well as in a
 * summary. The parent reads the data with the handle's submit().
 */
import { Form } from '@bpmn-io/form-js';
import { InlineNotification } from '@carbon/react';
import '@bpmn-io/form-js/dist/assets/form-js.css';
import { forwardRef, useEffect, useImperativeHandle, useRef } from 'react';
import i18next from '../i18n/index.js';

export interface FormHandle {
  /** Validates in the browser; the data, or undefined when a field is wrong (marked at the field). */
  submit(): Record<string, unknown> | undefined;
  /** The current values of the form's own fields, unvalidated (for drafts). */
  data(): Record<string, unknown>;
  /** Shows the server's field errors at their fields (by form key). */
  showErrors(errors: { field: string; message: string }[]): void;
  /** The label of the field the server names (`variables.<key>`), or the name itself. */
  labelOf(serverField: string): string;
}

/** The form key in a server's field name: `variables.<key>` or `variables.<list>[i].<key>` → `<key>` / `<list>`. */
const formKey = (serverField: string) => serverField.replace(/^variables\./, '').split(/[.[]/)[0];

const MESSAGES: [RegExp, string][] = [
  [/^Field is required/, 'formjs.required'],
  [/minimum length of (\d+)/, 'formjs.minLength'],
  [/maximum length of (\d+)/, 'formjs.maxLength'],
  [/minimum value of (\S+?)\.?$/, 'formjs.min'],
  [/maximum value of (\S+?)\.?$/, 'formjs.max'],
  [/not a number/, 'formjs.number'],
  [/valid email/, 'formjs.email'],
  [/match pattern/, 'formjs.pattern'],
];
const translateMessage = (m: string) => {
  for (const [re, key] of MESSAGES) {
    const hit = re.exec(m);
    if (hit) return i18next.t(key, { n: hit[1] });
  }
  return m;
};

/** A form-js module that puts the validator's messages through the catalogue. */
const validatorInLanguage = {
  __init__: ['kvhValidatorMessages'],
  kvhValidatorMessages: [
    'type',
    function ValidatorMessages(this: unknown, validator: { validateFieldInstance(i: unknown, v: unknown): string[] }) {
      const original = validator.validateFieldInstance.bind(validator);
      validator.validateFieldInstance = (instance, value) => original(instance, value).map(translateMessage);
    },
  ],
};
(validatorInLanguage.kvhValidatorMessages[1] as { $inject?: string[] }).$inject = ['validator'];

/**
 * form-js writes a few fixed English texts (the placeholders of selects and searchable lists);
 * they are replaced with the catalogue's as they appear.
 */
function localisePlaceholders(root: HTMLElement): () => void {
  const fix = () => {
    for (const el of root.querySelectorAll<HTMLInputElement>('input[placeholder="Search"]')) el.placeholder = i18next.t('formjs.search');
    // the text node itself (form-js's Preact keeps a reference to it)
    for (const el of root.querySelectorAll<HTMLElement>('.fjs-select-display')) {
      for (const n of el.childNodes) if (n.nodeType === Node.TEXT_NODE && n.nodeValue === 'Select') n.nodeValue = i18next.t('formjs.select');
    }
  };
  const observer = new MutationObserver(fix);
  observer.observe(root, { subtree: true, childList: true, characterData: true, attributes: true, attributeFilter: ['placeholder'] });
  fix();
  return () => observer.disconnect();
}

type FormJs = Form & { _setState(s: object): void; _getState(): { data: Record<string, unknown>; errors: Record<string, string[]> } };
type FieldRegistry = { getAll(): { id: string; key?: string; label?: string; dateLabel?: string }[] };

interface Props {
  schema: unknown;
  data: Record<string, unknown>;
  onChange?: () => void;
}

export const FormView = forwardRef<FormHandle, Props>(function FormView({ schema, data, onChange }, ref) {
  const box = useRef<HTMLDivElement>(null);
  const form = useRef<FormJs | null>(null);
  const changed = useRef(onChange);
  changed.current = onChange;

  useEffect(() => {
    const f = new Form({ container: box.current!, additionalModules: [validatorInLanguage] }) as FormJs;
    form.current = f;
    void f.importSchema(schema, data);
    f.on('changed', () => changed.current?.());
    const stopLocalising = localisePlaceholders(box.current!);
    return () => {
      stopLocalising();
      f.destroy();
      form.current = null;
    };
  }, [schema, data]);

  useImperativeHandle(
    ref,
    () => ({
      submit() {
        const r = form.current!.submit() as { data: Record<string, unknown>; errors: Record<string, unknown> };
        return Object.keys(r.errors).length ? undefined : r.data;
      },
      data() {
        // form-js's state also holds the prefill (the case's variables); a draft has only the form's fields
        const f = form.current!;
        const keys = new Set(
          f
            .get<FieldRegistry>('formFieldRegistry')
            .getAll()
            .map((x) => x.key?.split('.')[0]),
        );
        return Object.fromEntries(Object.entries(f._getState().data).filter(([k]) => keys.has(k)));
      },
      showErrors(errors) {
        const f = form.current!;
        const fields = f.get<FieldRegistry>('formFieldRegistry').getAll();
        const byId: Record<string, string[]> = {};
        for (const e of errors) {
          const field = fields.find((x) => x.key === formKey(e.field));
          if (field) (byId[field.id] ??= []).push(e.message);
        }
        // form-js has no public call to show external errors; its state holds them per field id
        f._setState({ errors: byId });
      },
      labelOf(serverField) {
        const field = form
          .current!.get<FieldRegistry>('formFieldRegistry')
          .getAll()
          .find((x) => x.key === formKey(serverField));
        return field?.label ?? field?.dateLabel ?? serverField;
      },
    }),
    [],
  );

  return <div ref={box} />;
});

/**
 * The message under a form (Carbon's inline notification, an alert in both kinds, as it answers
 * the user's button): a text, and the server's field errors named by their labels.
 */
export function FormMessage({
  kind = 'error',
  text,
  fields = [],
  form,
}: {
  kind?: 'error' | 'notice';
  text?: string;
  fields?: { field: string; message: string }[];
  form: FormHandle | null;
}) {
  if (!text && !fields.length) return null;
  return (
    <InlineNotification
      className="notice"
      kind={kind === 'error' ? 'error' : 'success'}
      role="alert"
      lowContrast
      hideCloseButton
      title=""
      subtitle={text}
      statusIconDescription={i18next.t(kind === 'error' ? 'app.noticeKind.error' : 'app.noticeKind.success')}
    >
      {fields.length > 0 && (
        <ul className="field-errors">
          {fields.map((f) => (
            <li key={f.field}>
              {form?.labelOf(f.field) ?? f.field}: {f.message}
            </li>
          ))}
        </ul>
      )}
    </InlineNotification>
  );
}
