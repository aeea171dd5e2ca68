/**
 * The owner's editor (issue 14.4): the open draft in TipTap (headings, lists, tables, links,
 * bold/italic), saved as HTML that the server sanitises; a Word document (.docx) imported into
 * the draft; sending it to named reviewers and, for the adopting level, adopting it. A routine
 * with no open draft gets one (a copy of the version in force) when the owner starts editing.
 */
import { Button, FileUploaderButton, TextInput, Tile } from '@carbon/react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { EditorContent, useEditor } from '@tiptap/react';
import StarterKit from '@tiptap/starter-kit';
import { Table } from '@tiptap/extension-table';
import { TableRow } from '@tiptap/extension-table-row';
import { TableCell } from '@tiptap/extension-table-cell';
import { TableHeader } from '@tiptap/extension-table-header';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router-dom';
import { ApiError, api } from '../../api.js';
import { Loading, PageTitle } from '../../shared/ui.js';
import { WherePicker, type Where } from '../report/WherePicker.js';

const toBase64 = async (file: File) => {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
};

export function EditorPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [note, setNote] = useState('');
  const [reviewers, setReviewers] = useState('');
  const [decisionRef, setDecisionRef] = useState('');
  const [message, setMessage] = useState<string | null>(null);
  const [step, setStep] = useState<Where>({ processId: '', elementId: '' });
  const { data: routine } = useQuery({ queryKey: ['routines', id], queryFn: () => api.routine(id) });
  const { data: versions, error } = useQuery({ queryKey: ['routines', id, 'versions'], queryFn: () => api.routineVersions(id) });
  const open = versions?.find((v) => v.state === 'draft' || v.state === 'review');
  const editor = useEditor({
    extensions: [StarterKit, Table, TableRow, TableHeader, TableCell],
    content: open?.bodyHtml ?? '',
    editable: open?.state === 'draft',
    // TipTap's own <style> element is refused by the CSP (style-src 'self'); its few rules are in app.scss
    injectCSS: false,
    // the editable text is a textbox: it needs its name (axe: aria-input-field-name)
    editorProps: { attributes: { role: 'textbox', 'aria-multiline': 'true', 'aria-label': t('editor.text') } },
  });
  useEffect(() => {
    if (editor && open) {
      editor.commands.setContent(open.bodyHtml);
      editor.setEditable(open.state === 'draft');
      setNote(open.changeNote);
    }
  }, [editor, open?.number, open?.state, open?.bodyHtml]); // eslint-disable-line react-hooks/exhaustive-deps
  const run = async (f: () => Promise<unknown>, done: string) => {
    try {
      await f();
      setMessage(t(done));
      await qc.invalidateQueries({ queryKey: ['routines', id] });
    } catch (e) {
      setMessage(e instanceof ApiError ? e.detail : String(e));
    }
  };
  if (!versions) return <Loading error={error} />;
  return (
    <>
      <PageTitle>{t('editor.title')}</PageTitle>
      <Tile className="card">
        {message && <p role="status">{message}</p>}
        {!open && <Button onClick={() => void run(() => api.newRoutineDraft(id), 'editor.draftCreated')}>{t('editor.newDraft')}</Button>}
        {open && (
          <>
            <p className="muted">{t('editor.version', { number: open.number, state: t(`routine.state.${open.state}`) })}</p>
            <div className="routine-editor" aria-label={t('editor.text')}>
              <EditorContent editor={editor} />
            </div>
            {open.state === 'draft' && (
              <>
                <TextInput id="change-note" labelText={t('editor.changeNote')} value={note} maxLength={2000} onChange={(e) => setNote(e.target.value)} />
                <Button onClick={() => void run(() => api.saveRoutineDraft(id, open.number, editor?.getHTML() ?? '', note), 'editor.saved')}>
                  {t('editor.save')}
                </Button>
                <FileUploaderButton
                  labelText={t('editor.importWord')}
                  accept={['.docx']}
                  disableLabelChanges
                  onChange={(e: React.ChangeEvent<HTMLInputElement>) => {
                    const f = e.target.files?.[0];
                    if (f) void run(async () => api.importRoutineDocx(id, await toBase64(f)), 'editor.imported');
                  }}
                />
                <TextInput id="reviewers" labelText={t('editor.reviewers')} value={reviewers} maxLength={1000} onChange={(e) => setReviewers(e.target.value)} />
                <Button
                  kind="secondary"
                  onClick={() => void run(() => api.sendRoutineForReview(id, open.number, reviewers.split(/[\s,]+/).filter(Boolean)), 'editor.sent')}
                >
                  {t('editor.sendForReview')}
                </Button>
              </>
            )}
            {open.state === 'review' && (
              <>
                <ul>
                  {open.comments.map((c, i) => (
                    <li key={i}>
                      {c.author}: {c.body}
                    </li>
                  ))}
                </ul>
                <TextInput
                  id="decision-ref"
                  labelText={t('editor.decisionRef')}
                  value={decisionRef}
                  maxLength={200}
                  onChange={(e) => setDecisionRef(e.target.value)}
                />
                <Button onClick={() => void run(() => api.adoptRoutine(id, open.number, decisionRef), 'editor.adopted')}>{t('editor.adopt')}</Button>
              </>
            )}
          </>
        )}
        {routine && (
          <section aria-labelledby="links-h" className="routine-links">
            <h2 id="links-h">{t('editor.links')}</h2>
            <p className="muted">{routine.links.length ? routine.links.map((l) => `${l.processId} · ${l.elementId}`).join(', ') : t('routine.noLinks')}</p>
            <WherePicker value={step} onChange={setStep} legend={t('editor.linkStep')} help={t('editor.linkHelp')} />
            <Button
              kind="secondary"
              disabled={!step.elementId}
              onClick={() =>
                void run(async () => {
                  await api.setRoutineLinks(id, [...routine.links.map((l) => ({ processId: l.processId, elementId: l.elementId })), step]);
                  setStep({ processId: '', elementId: '' });
                }, 'editor.linked')
              }
            >
              {t('editor.link')}
            </Button>
          </section>
        )}
      </Tile>
    </>
  );
}
