/** The inbox benchmarks' data: open tasks the enhetschef of Hemtjänst Solrosen may and may not see. */
import type { Clock } from '../src/clock.js';
import type { Db } from '../src/db/index.js';

/**
 * Inserts `visible` open tasks at Hemtjänst Solrosen for the enhetschef group and as many at
 * other units (which she may not see), due from 20 days ago to 40 days ahead, then analyses.
 */
export async function seedInbox(db: Db, clock: Clock, visible: number): Promise<void> {
  const other = ['vobo-linden', 'gruppbostad-eken', 'barn-och-unga', 'bistandsenheten'];
  const rows = Array.from({ length: 2 * visible }, (_, i) => ({
    key: String(1_000_000 + i),
    process_instance_key: String(2_000_000 + i),
    process_id: 'avvikelse',
    element_id: 'Task_Assess',
    name: 'Åtgärda direkt och bedöm',
    state: 'open' as const,
    assignee: null,
    candidate_groups: JSON.stringify(['enhetschef']),
    candidate_users: '[]',
    due_date: new Date(clock.now().getTime() + (((i * 7919) % 60) - 20) * 86_400_000),
    priority: 50,
    unit_id: i < visible ? 'hemtjanst-solrosen' : other[i % other.length],
    case_number: `AV-2027-${String(i + 1).padStart(5, '0')}`,
    created_at: clock.now(),
  }));
  for (let i = 0; i < rows.length; i += 1000) await db('user_task').insert(rows.slice(i, i + 1000));
  await db.raw('analyze user_task');
}
