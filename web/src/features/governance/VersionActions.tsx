/**
 * The versions page's owner actions beside drafting (issue 14 points 2 and 3): importing a BPMN
 * file from another tool as a new draft version (POST /processes/{id}/imports: foreign extensions
 * stripped, the process renamed to this one), with what the import kept and its lint problems
 * shown; and taking a version out of review back to a draft (POST …/withdrawal: the review and
 * adoption tasks leave the inboxes). What the user may do is the version's `may`.
 */
import { Button, FileUploaderButton } from '@carbon/react';
import { useCallback, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type Schemas } from '../../api.js';
import { Notice, useErrorText } from '../../shared/ui.js';
import { useVersionMutation } from './queries.js';

type Imported = Schemas['ProcessImported'];

/** Choose a .bpmn file: it becomes the process's next draft; `done` gets the result (or the refusal's text) and the outcome's `say`. */
export function ImportVersion({
  processId,
  begin,
  done,
}: {
  processId: string;
  begin: Begin;
  done: (r: { imported?: Imported; error?: string }, say: (text: string) => void) => void;
}) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const upload = useVersionMutation(processId, (xml: string) => api.importProcessVersion(processId, xml));
  return (
    <FileUploaderButton
      labelText={t('governance.importFile')}
      accept={['.bpmn', '.xml']}
      size="sm"
      buttonKind="tertiary"
      disabled={upload.isPending}
      disableLabelChanges
      onChange={(e: React.ChangeEvent<HTMLInputElement>) => {
        const file = e.target.files?.[0];
        if (!file) return;
        const say = begin();
        // mutateAsync: the outcome is told even though this button goes once the new draft is listed
        void file.text().then((xml) =>
          upload.mutateAsync(xml).then(
            (imported) => done({ imported }, say),
            (err: unknown) => done({ error: errorText(err) }, say),
          ),
        );
      }}
    />
  );
}

/** What an import made: the new draft, what it kept and stripped, and its lint problems. */
export function ImportResult({ imported }: { imported: Imported }) {
  const { t } = useTranslation();
  const { version, import: summary } = imported;
  const errors = version.lint.filter((p) => p.category === 'error');
  return (
    <section aria-labelledby="import-h" className="import-result" data-testid="import-result">
      <h2 id="import-h">{t('governance.importedTitle', { number: version.number })}</h2>
      <Notice
        kind={errors.length ? 'warning' : 'success'}
        text={t('governance.importedSummary', {
          activities: summary.activities,
          stripped: summary.strippedAttributes + summary.strippedExtensions,
          errors: errors.length,
          warnings: version.lint.length - errors.length,
        })}
      />
      {version.lint.length > 0 && (
        <ul className="lint-list">
          {version.lint.map((p, i) => (
            <li key={`${p.rule}-${p.elementId ?? ''}-${i}`} className={`lint-${p.category}`}>
              <strong>{p.category === 'error' ? t('governance.error') : t('governance.warning')}</strong> {p.elementId ?? ''} {p.message}{' '}
              <span className="muted">({p.rule})</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/**
 * Begins an action whose outcome the page will say: call it at the click, say the outcome with
 * what it returns. Outcomes are said in the order the actions were taken: an earlier action that
 * answers after a later one (a review's start still pending when its withdrawal answered) does
 * not overwrite the later one's outcome.
 */
export type Begin = () => (text: string) => void;

/** The page's outcome line and its `Begin`. */
export function useOutcome(): [string, Begin] {
  const [text, setText] = useState('');
  const taken = useRef(0);
  const begin = useCallback<Begin>(() => {
    const n = ++taken.current;
    return (said) => {
      if (n === taken.current) setText(said);
    };
  }, []);
  return [text, begin];
}

/** Takes a version out of review, back to a draft of its owner. */
export function WithdrawButton({ version, begin }: { version: Schemas['ProcessVersionDetail']; begin: Begin }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const withdraw = useVersionMutation(version.processId, () => api.withdrawProcessVersion(version.processId, version.number));
  return (
    <Button
      size="sm"
      kind="danger--tertiary"
      disabled={withdraw.isPending}
      onClick={() => {
        const say = begin();
        withdraw.mutateAsync().then(
          () => say(t('governance.withdrawn', { number: version.number })),
          (e: unknown) => say(errorText(e)),
        );
      }}
    >
      {t('governance.withdraw')}
    </Button>
  );
}
