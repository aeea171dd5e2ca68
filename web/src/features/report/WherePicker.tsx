/**
 * Where it happened (issue 14 point 5), beside an avvikelse's or synpunkt's start form: a process
 * of the map, then one of its steps (GET /process-definitions/{processId}/activities). Optional:
 * nothing chosen sends nothing. The server checks the choice against the map (422 otherwise).
 */
import { Select, SelectItem, Stack } from '@carbon/react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../api.js';

/** The processes whose reports may say where it happened (the server's REPORTS_WHERE). */
export const TAKES_WHERE: readonly string[] = ['avvikelse', 'synpunkt'];

export interface Where {
  processId: string;
  elementId: string;
}

/** The start variables for a choice (none when no process is chosen). */
export const whereVariables = (w: Where): Record<string, string> =>
  w.processId ? { concernsProcessId: w.processId, ...(w.elementId ? { concernsElementId: w.elementId } : {}) } : {};

/** The two selects; `legend` and `help` name what is chosen (by default: where it happened). */
export function WherePicker({ value, onChange, legend, help }: { value: Where; onChange: (w: Where) => void; legend?: string; help?: string }) {
  const { t } = useTranslation();
  const defs = useQuery({ queryKey: ['definitions'], queryFn: api.definitions });
  const steps = useQuery({ queryKey: ['activities', value.processId], queryFn: () => api.activities(value.processId), enabled: !!value.processId });
  const processes = [...(defs.data ?? [])].sort((a, b) => a.name.localeCompare(b.name, 'sv'));
  return (
    <fieldset className="where-picker">
      <legend className="cds--label">{legend ?? t('deviations.where')}</legend>
      <p className="muted">{help ?? t('deviations.whereHelp')}</p>
      <Stack gap={4}>
        <Select
          id="where-process"
          labelText={t('deviations.process')}
          value={value.processId}
          onChange={(e) => onChange({ processId: e.target.value, elementId: '' })}
        >
          <SelectItem value="" text={t('deviations.noProcess')} />
          {processes.map((d) => (
            <SelectItem key={d.processId} value={d.processId} text={d.name} />
          ))}
        </Select>
        {value.processId && (
          <Select
            id="where-activity"
            labelText={t('deviations.activity')}
            value={value.elementId}
            disabled={!steps.data}
            helperText={steps.data ? undefined : t('deviations.loadingActivities')}
            onChange={(e) => onChange({ ...value, elementId: e.target.value })}
          >
            <SelectItem value="" text={t('deviations.noActivity')} />
            {(steps.data ?? []).map((a) => (
              <SelectItem key={a.elementId} value={a.elementId} text={a.name ?? a.elementId} />
            ))}
          </Select>
        )}
      </Stack>
    </fieldset>
  );
}
