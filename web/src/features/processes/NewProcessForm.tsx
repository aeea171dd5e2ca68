/**
 * Describing a new process on the map (issue 14.3), for process owners and the quality lead
 * (processMap.create): its name, kind, owner and the process it is drawn under — from nothing
 * (a start and an end to draw from) or from another tool's BPMN file (2c8, Visio, Camunda
 * Modeler), which the server imports with foreign extensions stripped. It starts descriptive.
 */
import { Button, FileUploaderButton, Select, SelectItem, TextInput, Tile } from '@carbon/react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { api, type Schemas } from '../../api.js';
import { Notice, useErrorText } from '../../shared/ui.js';

type Kind = 'ledning' | 'huvud' | 'stod';

export function NewProcessForm({ processes }: { processes: Schemas['MapProcess'][] }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const [name, setName] = useState('');
  const [kind, setKind] = useState<Kind>('stod');
  const [ownerRole, setOwnerRole] = useState('');
  const [parentId, setParentId] = useState('');
  const [file, setFile] = useState<{ name: string; xml: string } | null>(null);
  const create = useMutation({
    mutationFn: () => api.createProcessRecord({ name, kind, ownerRole, parentId: parentId || null, ...(file ? { xml: file.xml } : {}) }),
    onSuccess: async (r) => {
      setName('');
      setFile(null);
      await qc.invalidateQueries({ queryKey: ['process-map'] });
      void navigate({ search: `?process=${encodeURIComponent(r.record.processId)}` });
    },
  });
  return (
    <Tile className="card">
      <h2>{t('map.new.title')}</h2>
      <p className="muted">{t('map.new.intro')}</p>
      <form
        className="pmap-form"
        onSubmit={(e) => {
          e.preventDefault();
          create.mutate();
        }}
      >
        <TextInput id="np-name" labelText={t('map.new.name')} value={name} maxLength={200} required onChange={(e) => setName(e.target.value)} />
        <Select id="np-kind" labelText={t('map.kind')} value={kind} onChange={(e) => setKind(e.target.value as Kind)}>
          {(['ledning', 'huvud', 'stod'] as const).map((k) => (
            <SelectItem key={k} value={k} text={t(`map.group.${k}`)} />
          ))}
        </Select>
        <TextInput
          id="np-owner"
          labelText={t('map.owner')}
          helperText={t('map.new.ownerHelp')}
          value={ownerRole}
          maxLength={60}
          required
          onChange={(e) => setOwnerRole(e.target.value.trim())}
        />
        <Select id="np-parent" labelText={t('map.new.parent')} value={parentId} onChange={(e) => setParentId(e.target.value)}>
          <SelectItem value="" text={t('map.new.top')} />
          {processes.map((p) => (
            <SelectItem key={p.processId} value={p.processId} text={p.name} />
          ))}
        </Select>
        <FileUploaderButton
          labelText={file ? t('map.new.fileChosen', { name: file.name }) : t('map.new.file')}
          accept={['.bpmn', '.xml']}
          disableLabelChanges
          onChange={(e: React.ChangeEvent<HTMLInputElement>) => {
            const f = e.target.files?.[0];
            if (f) void f.text().then((xml) => setFile({ name: f.name, xml }));
          }}
        />
        {create.error && <Notice kind="error" text={errorText(create.error)} />}
        {create.data?.import && (
          <Notice
            kind="success"
            text={t('map.new.imported', {
              activities: create.data.import.activities,
              stripped: create.data.import.strippedAttributes + create.data.import.strippedExtensions,
            })}
          />
        )}
        <Button type="submit" disabled={create.isPending}>
          {t('map.new.submit')}
        </Button>
      </form>
    </Tile>
  );
}
