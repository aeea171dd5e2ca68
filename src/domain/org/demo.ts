/** The demo organisation and one demo user per role (never in production). */
import type { OrgNode } from './index.js';
import type { OrgService } from './index.js';

const NODES: OrgNode[] = [
  { id: 'socialnamnden', name: 'Socialnämnden', type: 'committee', parentId: null },
  { id: 'socialforvaltningen', name: 'Socialförvaltningen', type: 'administration', parentId: 'socialnamnden' },
  { id: 'aldreomsorg', name: 'Äldreomsorg', type: 'area', parentId: 'socialforvaltningen' },
  { id: 'funktionsstod', name: 'Funktionsstöd', type: 'area', parentId: 'socialforvaltningen' },
  { id: 'ifo', name: 'Individ- och familjeomsorg', type: 'area', parentId: 'socialforvaltningen' },
  { id: 'myndighet', name: 'Myndighetsavdelningen', type: 'area', parentId: 'socialforvaltningen' },
  { id: 'hemtjanst-solrosen', name: 'Hemtjänst Solrosen', type: 'unit', parentId: 'aldreomsorg' },
  { id: 'vobo-linden', name: 'Vård- och omsorgsboendet Linden', type: 'unit', parentId: 'aldreomsorg' },
  { id: 'gruppbostad-eken', name: 'Gruppbostad Eken', type: 'unit', parentId: 'funktionsstod' },
  { id: 'barn-och-unga', name: 'Barn och unga', type: 'unit', parentId: 'ifo' },
  { id: 'bistandsenheten', name: 'Biståndsenheten', type: 'unit', parentId: 'myndighet' },
];

/** One user per role, named after it; `alsoAt` gives the same role at more nodes. */
const USERS: { username: string; displayName: string; nodeId: string; alsoAt?: string[] }[] = [
  { username: 'medarbetare', displayName: 'Maja Medarbetare', nodeId: 'hemtjanst-solrosen' },
  { username: 'enhetschef', displayName: 'Erik Enhetschef', nodeId: 'hemtjanst-solrosen' },
  { username: 'verksamhetschef', displayName: 'Vera Verksamhetschef', nodeId: 'aldreomsorg' },
  { username: 'socialchef', displayName: 'Sara Socialchef', nodeId: 'socialforvaltningen' },
  { username: 'utredare', displayName: 'Ulf Utredare', nodeId: 'socialforvaltningen' },
  { username: 'kvalitetsledare', displayName: 'Karin Kvalitetsledare', nodeId: 'socialforvaltningen' },
  { username: 'mas', displayName: 'Mona MAS', nodeId: 'socialforvaltningen' },
  { username: 'namndsekreterare', displayName: 'Nils Nämndsekreterare', nodeId: 'socialforvaltningen' },
  { username: 'handlaggare', displayName: 'Hanna Handläggare', nodeId: 'myndighet', alsoAt: ['barn-och-unga'] },
  { username: 'myndighetschef', displayName: 'Mats Myndighetschef', nodeId: 'myndighet', alsoAt: ['barn-och-unga'] },
  { username: 'admin', displayName: 'Anna Admin', nodeId: 'socialnamnden' },
];

/** Creates the demo organisation and users; safe to run on every start. */
export async function ensureDemoData(org: OrgService, password: string): Promise<void> {
  for (const n of NODES) await org.ensureNode(n);
  // one hash of the demo password for every demo user, made only when one is missing
  let shared: Promise<string> | undefined;
  const hash = () => (shared ??= org.hashPassword(password));
  for (const u of USERS) {
    await org.ensureUser(
      u.username,
      u.displayName,
      { hash },
      [u.nodeId, ...(u.alsoAt ?? [])].map((nodeId) => ({ role: u.username, nodeId })),
    );
  }
}
