/** Import och export (issue 15.1): the organisation and people as CSV; a bad file lists its rows and changes nothing. */
import { Button, Stack } from '@carbon/react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { adminApi, ApiError } from '../../api.js';
import { Notice, PageTitle, StatusLine, useErrorText } from '../../shared/ui.js';
import { AdminNav } from './AdminNav.js';
import { useAdminChange } from './queries.js';

type Kind = 'organisation' | 'people';
const CALLS = {
  organisation: { importFile: adminApi.importOrganisation, exportFile: adminApi.exportOrganisation },
  people: { importFile: adminApi.importPeople, exportFile: adminApi.exportPeople },
};

export function ImportPage() {
  const { t } = useTranslation();
  return (
    <>
      <PageTitle>{t('admin.csv.title')}</PageTitle>
      <AdminNav />
      <p>{t('admin.csv.intro')}</p>
      <CsvSection kind="organisation" />
      <CsvSection kind="people" />
    </>
  );
}

/** Saves `text` as a file in the browser. */
function download(fileName: string, text: string) {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/csv;charset=utf-8' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.click();
  URL.revokeObjectURL(url);
}

function CsvSection({ kind }: { kind: Kind }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const [file, setFile] = useState<File | undefined>();
  const run = useAdminChange(async (f: File) => CALLS[kind].importFile(await f.text()));
  const exported = useAdminChange(() => CALLS[kind].exportFile());
  const rows = run.error instanceof ApiError ? run.error.fields : [];
  return (
    <section className="admin-form" aria-labelledby={`csv-${kind}`}>
      <h2 id={`csv-${kind}`}>{t(`admin.csv.${kind}`)}</h2>
      <Stack gap={5}>
        <div>
          <label className="cds--label" htmlFor={`csv-${kind}-file`}>
            {t('admin.csv.file')}
          </label>
          <input id={`csv-${kind}-file`} type="file" accept=".csv,text/csv" onChange={(e) => setFile(e.target.files?.[0])} />
        </div>
        <div className="admin-buttons">
          <Button disabled={!file || run.isPending} onClick={() => file && run.mutate(file)}>
            {t('admin.csv.import')}
          </Button>
          <Button kind="tertiary" disabled={exported.isPending} onClick={() => exported.mutate(undefined, { onSuccess: (f) => download(f.fileName, f.csv) })}>
            {t('admin.csv.export')}
          </Button>
        </div>
        {run.isError && (
          <Notice kind="error" title={rows.length ? t('admin.csv.errors') : undefined} text={rows.length ? undefined : errorText(run.error)}>
            {rows.length > 0 && (
              <ul>
                {rows.map((r, i) => (
                  <li key={i}>{`${r.field}: ${r.message}`}</li>
                ))}
              </ul>
            )}
          </Notice>
        )}
        <StatusLine text={run.isSuccess ? t('admin.csv.result', run.data) : ''} />
      </Stack>
    </section>
  );
}
