/** Organisation (issue 15.1): the tree, a new node, and renaming, moving or deactivating one. */
import { Button, Modal, Select, SelectItem, Stack, Tag, TextInput, Toggle } from '@carbon/react';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { adminApi } from '../../api.js';
import { Loading, Notice, PageTitle, StatusLine, useErrorText } from '../../shared/ui.js';
import { AdminNav } from './AdminNav.js';
import { treeOrder, useAdminChange, useNodes, type AdminNode, type NodeType } from './queries.js';

const TYPES: NodeType[] = ['committee', 'administration', 'area', 'unit'];
type ProviderChoice = 'none' | 'lov' | 'contract';

export function OrganisationPage() {
  const { t } = useTranslation();
  const { data, error } = useNodes();
  const [editing, setEditing] = useState<AdminNode | undefined>();
  return (
    <>
      <PageTitle>{t('admin.org.title')}</PageTitle>
      <AdminNav />
      <p>{t('admin.org.intro')}</p>
      {!data ? (
        <Loading error={error} />
      ) : (
        <>
          <NewNode nodes={data} />
          <h2>{t('admin.org.tree')}</h2>
          <ul className="admin-tree" aria-label={t('admin.org.tree')}>
            {treeOrder(data).map(({ node, depth }) => (
              <li key={node.id} style={{ paddingLeft: `${depth * 1.5}rem` }}>
                <span>{node.name}</span> <Tag size="sm">{t(`admin.types.${node.type}`)}</Tag>
                {node.provider && (
                  <Tag size="sm" type="purple">
                    {t(`admin.providers.${node.provider}`)}
                  </Tag>
                )}
                {!node.active && (
                  <Tag size="sm" type="warm-gray">
                    {t('admin.inactive')}
                  </Tag>
                )}
                {node.manageable && (
                  <Button kind="ghost" size="sm" onClick={() => setEditing(node)} aria-label={t('admin.org.editTitle', { name: node.name })}>
                    {t('admin.org.edit')}
                  </Button>
                )}
              </li>
            ))}
          </ul>
          {editing && <EditNode node={editing} nodes={data} onClose={() => setEditing(undefined)} />}
        </>
      )}
    </>
  );
}

function ParentSelect({
  id,
  nodes,
  value,
  onChange,
  exclude,
}: {
  id: string;
  nodes: AdminNode[];
  value: string;
  onChange: (v: string) => void;
  exclude?: string;
}) {
  const { t } = useTranslation();
  return (
    <Select id={id} labelText={t('admin.org.parent')} value={value} onChange={(e) => onChange(e.target.value)}>
      <SelectItem value="" text={t('admin.org.noParent')} />
      {treeOrder(nodes)
        .filter(({ node }) => node.type !== 'unit' && node.id !== exclude)
        .map(({ node, depth }) => (
          <SelectItem key={node.id} value={node.id} text={`${'  '.repeat(depth)}${node.name}`} />
        ))}
    </Select>
  );
}

function NewNode({ nodes }: { nodes: AdminNode[] }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const [name, setName] = useState('');
  const [type, setType] = useState<NodeType>('unit');
  const [parentId, setParentId] = useState(nodes.find((n) => n.parentId === null && n.manageable)?.id ?? '');
  const [provider, setProvider] = useState<ProviderChoice>('none');
  const create = useAdminChange(() => adminApi.createNode({ name, type, parentId: parentId || null, provider: provider === 'none' ? null : provider }));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate(undefined, { onSuccess: () => setName('') });
  };
  return (
    <form onSubmit={submit} noValidate className="admin-form">
      <h2>{t('admin.org.newNode')}</h2>
      <Stack gap={5}>
        <TextInput id="node-name" labelText={t('admin.org.name')} value={name} maxLength={200} onChange={(e) => setName(e.target.value)} />
        <Select id="node-type" labelText={t('admin.org.type')} value={type} onChange={(e) => setType(e.target.value as NodeType)}>
          {TYPES.map((ty) => (
            <SelectItem key={ty} value={ty} text={t(`admin.types.${ty}`)} />
          ))}
        </Select>
        <ParentSelect id="node-parent" nodes={nodes} value={parentId} onChange={setParentId} />
        {type === 'unit' && (
          <Select id="node-provider" labelText={t('admin.org.provider')} value={provider} onChange={(e) => setProvider(e.target.value as ProviderChoice)}>
            {(['none', 'lov', 'contract'] as const).map((p) => (
              <SelectItem key={p} value={p} text={t(`admin.providers.${p}`)} />
            ))}
          </Select>
        )}
        <div>
          <Button type="submit" disabled={create.isPending || !name.trim()}>
            {t('admin.org.create')}
          </Button>
        </div>
        {create.isError && <Notice kind="error" text={errorText(create.error)} />}
        <StatusLine text={create.isSuccess ? t('admin.org.created', { name: create.data.name }) : ''} />
      </Stack>
    </form>
  );
}

function EditNode({ node, nodes, onClose }: { node: AdminNode; nodes: AdminNode[]; onClose: () => void }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const [name, setName] = useState(node.name);
  const [parentId, setParentId] = useState(node.parentId ?? '');
  const [active, setActive] = useState(node.active);
  const save = useAdminChange(() => adminApi.updateNode(node.id, { name, parentId: parentId || null, active }));
  return (
    <Modal
      open
      modalHeading={t('admin.org.editTitle', { name: node.name })}
      primaryButtonText={t('admin.save')}
      secondaryButtonText={t('admin.cancel')}
      onRequestClose={onClose}
      onRequestSubmit={() => save.mutate(undefined, { onSuccess: onClose })}
    >
      <Stack gap={5}>
        <TextInput id="edit-node-name" labelText={t('admin.org.name')} value={name} maxLength={200} onChange={(e) => setName(e.target.value)} />
        <ParentSelect id="edit-node-parent" nodes={nodes} value={parentId} onChange={setParentId} exclude={node.id} />
        <Toggle id="edit-node-active" labelA={t('admin.no')} labelB={t('admin.yes')} labelText={t('admin.org.active')} toggled={active} onToggle={setActive} />
        {save.isError && <Notice kind="error" text={errorText(save.error)} />}
      </Stack>
    </Modal>
  );
}
