/**
 * form-js's editor (the FormEditor of the @bpmn-io/form-js bundle: palette, canvas and
 * properties panel, in the app's language: i18n/formEditor.ts) in a React component. The parent reads the schema with the handle's
 * schema(); the editor is made once per form and version, and destroyed with the component.
 */
import { FormEditor } from '@bpmn-io/form-js';
import '@bpmn-io/form-js/dist/assets/form-js.css';
import '@bpmn-io/form-js/dist/assets/form-js-editor.css';
import { forwardRef, useEffect, useImperativeHandle, useRef } from 'react';
import { formEditorTranslateModule, translatePalette } from '../../i18n/formEditor.js';

export interface FormBuilderHandle {
  /** The schema as the editor has it now. */
  schema(): Record<string, unknown>;
}

export const FormBuilder = forwardRef<FormBuilderHandle, { schema: unknown; label: string; onChange?: () => void }>(function FormBuilder(
  { schema, label, onChange },
  ref,
) {
  const container = useRef<HTMLDivElement>(null);
  const editor = useRef<FormEditor | null>(null);
  const changed = useRef(onChange);
  changed.current = onChange;
  useImperativeHandle(ref, () => ({ schema: () => (editor.current?.saveSchema() ?? {}) as Record<string, unknown> }), []);
  useEffect(() => {
    const e = new FormEditor({
      container: container.current!,
      exporter: { name: 'Kvalitetshjulet', version: '0.1.0' },
      // palette and properties in the app's language (i18n/formEditor.ts)
      additionalModules: [formEditorTranslateModule],
    });
    editor.current = e;
    const stopPalette = translatePalette(container.current!);
    void e.importSchema(schema as Parameters<FormEditor['importSchema']>[0]).then(() => e.on('changed', () => changed.current?.()));
    return () => {
      stopPalette();
      e.destroy();
      editor.current = null;
    };
  }, [schema]);
  return <div className="form-builder" role="region" aria-label={label} ref={container} />;
});
