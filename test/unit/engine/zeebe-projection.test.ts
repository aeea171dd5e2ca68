/**
 * The Zeebe read side without a broker: events as our exporter writes them (camunda/exporter)
 * are projected into the engine_* tables and the inbox, in order, exactly once, with int64
 * keys exact; an event that cannot be projected is set aside after a few tries and the rest of
 * the log moves on. The export table lives in a PostgreSQL server when TEST_DATABASE_URL is set
 * (as in an installation), else in a second PGlite database (the pump then polls: no LISTEN).
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabaseUrl } from '../../../src/config/index.js';
import { createDb, type Db } from '../../../src/db/index.js';
import { inboxProjection } from '../../../src/domain/tasks/projection.js';
import type { EngineEvent, EngineEventListener } from '../../../src/engine/port.js';
import { RecordPump } from '../../../src/engine/zeebe/records.js';
import { createTestDb, databaseKinds, type TestDb } from '../../support/databases.js';

const url = testDatabaseUrl();
// Keys beyond 2^53, as on partition 4 and up: they must survive exactly.
const D = '9007199254740991';
const P = '9007199254740993';
const E = '9007199254740995';
const U = '9007199254740997';
const P2 = '9007199254741001';

describe.each(databaseKinds())('Zeebe event projection into %s', (kind) => {
  let t: TestDb;
  let exportDb: Db;
  const schema = `zx_${randomBytes(4).toString('hex')}`;
  const events: EngineEvent[] = [];

  async function record(position: number, valueType: string, intent: string, key: string, value: Record<string, unknown>, extra = ''): Promise<void> {
    // Written as the exporter writes it: the record's JSON with int64 numbers unquoted.
    const json = JSON.stringify({ key: 'K', value: { ...value, __x: 'X' } })
      .replace('"K"', key)
      .replace(',"__x":"X"', extra);
    await exportDb.raw(
      `insert into ${schema}.record (partition_id, position, record_key, value_type, intent, process_instance_key, timestamp, record) values (4, ?, ?, ?, ?, ?, ?, ?::jsonb)`,
      [position, key, valueType, intent, P, Date.parse('2026-03-02T08:00:00Z') + position, json],
    );
  }

  beforeAll(async () => {
    t = await createTestDb(kind);
    exportDb = url ? createDb({ url }) : createDb({});
  });
  afterAll(async () => {
    await exportDb.raw(`drop schema if exists ${schema} cascade`);
    await exportDb.destroy();
    await t.destroy();
  });

  it('projects instances, variables, user tasks and the inbox; sets a bad event aside and goes on', async () => {
    const listeners = new Set<EngineEventListener>([
      (ev) => {
        events.push(ev);
      },
      inboxProjection(t.db),
    ]);
    const pump = new RecordPump({ db: t.db, exportDb, schema, listeners, pollMs: 10, skipHistory: false });
    await exportDb.raw(`create schema ${schema}`);
    await exportDb.raw(
      `create table ${schema}.record (partition_id integer not null, position bigint not null, record_key bigint not null, value_type text not null, ` +
        'intent text not null, process_instance_key bigint, timestamp bigint not null, record jsonb not null, primary key (partition_id, position))',
    );
    const pi = { processInstanceKey: P, processDefinitionKey: D, bpmnProcessId: 'p', version: 1, parentProcessInstanceKey: -1, parentElementInstanceKey: -1 };
    // Zeebe writes the start variables before the instance's ELEMENT_ACTIVATING.
    await record(1, 'VARIABLE', 'CREATED', '1001', { name: 'unitId', value: '"hemtjanst-solrosen"', processInstanceKey: P, scopeKey: 'SCOPE' }, '');
    await exportDb.raw(`update ${schema}.record set record = jsonb_set(record, '{value,scopeKey}', ?::jsonb) where position = 1`, [P]);
    await record(2, 'PROCESS_INSTANCE', 'ELEMENT_ACTIVATING', P, { ...pi, bpmnElementType: 'PROCESS', elementId: 'p', flowScopeKey: -1 });
    await record(3, 'PROCESS_INSTANCE', 'ELEMENT_ACTIVATING', E, { ...pi, bpmnElementType: 'USER_TASK', elementId: 'ut', flowScopeKey: P });
    await record(4, 'USER_TASK', 'CREATED', U, {
      userTaskKey: U,
      elementInstanceKey: E,
      processInstanceKey: P,
      processDefinitionKey: D,
      elementId: 'ut',
      candidateGroupsList: ['enhetschef'],
      candidateUsersList: [],
      assignee: '',
      dueDate: '2026-03-04T08:00Z[Etc/UTC]',
      followUpDate: '',
      priority: 60,
      formKey: -1,
      customHeaders: { routine: 'R1' },
    });
    // An event that cannot be projected (a version that is not a number).
    await record(5, 'PROCESS_INSTANCE', 'ELEMENT_ACTIVATING', P2, {
      ...pi,
      processInstanceKey: P2,
      version: 'not-a-number',
      bpmnElementType: 'PROCESS',
      elementId: 'p',
      flowScopeKey: -1,
    });
    await record(6, 'USER_TASK', 'COMPLETED', U, {
      userTaskKey: U,
      processInstanceKey: P,
      processDefinitionKey: D,
      elementId: 'ut',
      candidateGroupsList: ['enhetschef'],
    });
    await record(7, 'PROCESS_INSTANCE', 'ELEMENT_COMPLETED', E, { ...pi, bpmnElementType: 'USER_TASK', elementId: 'ut', flowScopeKey: P });
    await record(8, 'PROCESS_INSTANCE', 'ELEMENT_COMPLETED', P, { ...pi, bpmnElementType: 'PROCESS', elementId: 'p', flowScopeKey: -1 });
    await pump.start();
    const end = Date.now() + 20_000;
    while (Date.now() < end && !(await t.db('engine_instance').where({ key: P, state: 'COMPLETED' }).first())) await new Promise((r) => setTimeout(r, 20));
    await pump.stop();

    const inst = await t.db('engine_instance').where({ key: P }).first();
    expect(inst).toMatchObject({ state: 'COMPLETED', process_id: 'p' });
    expect(String(inst?.key)).toBe(P);
    const el = await t.db('engine_element').where({ instance_key: P }).select('element_id', 'element_type', 'state');
    expect(el).toEqual([{ element_id: 'ut', element_type: 'userTask', state: 'COMPLETED' }]);
    const task = await t.db('engine_user_task').where({ key: U }).first();
    expect(task).toMatchObject({ state: 'COMPLETED', candidate_groups: ['enhetschef'], priority: 60, headers: { routine: 'R1' } });
    expect(task?.due_date?.toISOString()).toBe('2026-03-04T08:00:00.000Z');
    // The inbox projection ran in the same transactions: the task came and went, with its unit.
    expect(await t.db('user_task').where({ key: U }).first()).toMatchObject({ state: 'completed', unit_id: 'hemtjanst-solrosen' });
    expect(events.map((e) => e.type)).toEqual([
      'instanceStarted',
      'elementEntered',
      'userTaskCreated',
      'userTaskCompleted',
      'elementLeft',
      'instanceCompleted',
    ]);
    // The bad event was set aside, once, and nothing after it was lost.
    const dead = await t.db('zeebe_dead_record').select('partition_id', 'position', 'value_type');
    expect(dead.map((d) => [d.partition_id, String(d.position), d.value_type])).toEqual([[4, '5', 'PROCESS_INSTANCE']]);
    expect(await t.db('engine_instance').where({ key: P2 }).first()).toBeUndefined();
    const cursor = await t.db('zeebe_cursor').where({ partition_id: 4 }).first();
    expect(String(cursor?.position)).toBe('8');
  });

  it('a second pump on the same database projects nothing twice', async () => {
    const again: EngineEvent[] = [];
    const pump = new RecordPump({
      db: t.db,
      exportDb,
      schema,
      listeners: new Set([
        (ev) => {
          again.push(ev);
        },
      ]),
      pollMs: 10,
      skipHistory: false,
    });
    await pump.start();
    await pump.settle();
    await pump.stop();
    expect(again).toEqual([]);
  });
});
