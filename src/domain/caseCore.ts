/**
 * The case core (issue 13 point 4; migration 20261202_40): every case of every kind has one
 * row in `case` — number, status, unit, opened/closed, process instance, reporter, source case,
 * confidentiality class — and one row in its kind's detail table (`lex_sarah_case`,
 * `action_item`, …) linked by `case_id`. The kinds' repositories read and write through here,
 * so a case is opened (numbered and stored) in one way, and a kind's row reads as it did when it
 * was one table: the detail's columns with the core's beside them.
 */
import type { Knex } from 'knex';
import type {
  ActionItemRow,
  CareCaseRow,
  CaseRow,
  CaseStatusColumn,
  ControlPlanRow,
  DeviationRow,
  FeedbackItemRow,
  LexMariaCaseRow,
  LexSarahCaseRow,
  RiskAnalysisRow,
  Write,
} from '../db/tables.js';
import { nextCaseNumber } from './caseNumbers.js';

export const CASE_TYPES = ['lex-sarah', 'lex-maria', 'feedback', 'deviation', 'action', 'risk-analysis', 'control-plan', 'care-case'] as const;
export type CaseType = (typeof CASE_TYPES)[number];

/** `sekretess`: about a brukare (OSL 26 kap.); `normal`: the quality work's own documents; `skyddad`: skyddade personuppgifter. */
export const CONFIDENTIALITY = ['normal', 'sekretess', 'skyddad'] as const;
export type Confidentiality = (typeof CONFIDENTIALITY)[number];

/** Each kind's detail row (src/db/tables.ts). */
interface CaseDetails {
  'lex-sarah': LexSarahCaseRow;
  'lex-maria': LexMariaCaseRow;
  feedback: FeedbackItemRow;
  deviation: DeviationRow;
  action: ActionItemRow;
  'risk-analysis': RiskAnalysisRow;
  'control-plan': ControlPlanRow;
  'care-case': CareCaseRow;
}
/** The name each kind's rows give the opening time; CASE_KINDS is checked against it. */
interface OpenedAs {
  'lex-sarah': 'reported_at';
  'lex-maria': 'reported_at';
  feedback: 'received_at';
  deviation: 'reported_at';
  action: 'created_at';
  'risk-analysis': 'registered_at';
  'control-plan': 'opened_at';
  'care-case': 'received_at';
}

export interface CaseKind<T extends CaseType = CaseType> {
  type: T;
  /** The number series: `LS` in `LS-2026-0042`. */
  series: string;
  /** The kind's detail table. */
  detail: string;
  /** The name the kind's rows give the opening time (its column before the core existed). */
  openedAs: OpenedAs[T];
  initialStatus: CaseStatusColumn;
  confidentiality: Confidentiality;
}

const kind = <T extends CaseType>(
  type: T,
  series: string,
  detail: string,
  openedAs: OpenedAs[T],
  confidentiality: Confidentiality,
  initialStatus: CaseStatusColumn = 'open',
): CaseKind<T> => ({ type, series, detail, openedAs, initialStatus, confidentiality });

export const CASE_KINDS: { [T in CaseType]: CaseKind<T> } = {
  'lex-sarah': kind('lex-sarah', 'LS', 'lex_sarah_case', 'reported_at', 'sekretess'),
  'lex-maria': kind('lex-maria', 'LM', 'lex_maria_case', 'reported_at', 'sekretess'),
  feedback: kind('feedback', 'SY', 'feedback_item', 'received_at', 'sekretess'),
  deviation: kind('deviation', 'AV', 'deviation', 'reported_at', 'sekretess'),
  action: kind('action', 'AT', 'action_item', 'created_at', 'normal'),
  'risk-analysis': kind('risk-analysis', 'RA', 'risk_analysis', 'registered_at', 'normal'),
  'control-plan': kind('control-plan', 'IK', 'control_plan', 'opened_at', 'normal', 'draft'),
  'care-case': kind('care-case', 'AR', 'care_case', 'received_at', 'sekretess'),
};

type Executor = Knex | Knex.Transaction;

/** Core columns a kind may change after opening (the rest is fixed at opening). */
const CORE_WRITABLE_COLUMNS = ['unit_id', 'status', 'closed_at', 'source_case_number', 'confidentiality'] as const;
const CORE_WRITABLE = new Set<string>(CORE_WRITABLE_COLUMNS);
const CORE_READ = [
  'type',
  'case_number',
  'year',
  'sequence',
  'process_instance_key',
  'unit_id',
  'status',
  'opened_at',
  'closed_at',
  'reported_by',
  'source_case_number',
  'confidentiality',
  'concerns_process_id',
  'concerns_element_id',
] as const;
type CoreRead = Pick<CaseRow, (typeof CORE_READ)[number]>;

/** A case of kind T as `caseRows` reads it: the detail's columns, the core's over them, and the opening time under the kind's name. */
export type CaseRowOf<T extends CaseType> = Omit<CaseDetails[T], keyof CoreRead> & CoreRead & { [K in OpenedAs[T]]: Date };
/** What opening a case of kind T writes to its detail row (the core is written from OpenCase). */
export type CaseDetailWrite<T extends CaseType> = Omit<Write<CaseDetails[T]>, 'case_id'>;
/** What a change to a case of kind T may write: its detail's columns and the core's writable ones. */
export type CasePatch<T extends CaseType> = Omit<Write<CaseDetails[T]>, 'case_id' | 'id'> & Write<Pick<CaseRow, (typeof CORE_WRITABLE_COLUMNS)[number]>>;

/**
 * A kind's rows as one: `d` the detail, `c` the core; the detail's columns, then the core's, and
 * the opening time also under the kind's own name (`reported_at`, `received_at`, …).
 */
export function caseRows(db: Executor, type: CaseType): Knex.QueryBuilder {
  const k = CASE_KINDS[type];
  const opened = k.openedAs === 'opened_at' ? [] : [`c.opened_at as ${k.openedAs}`];
  return db({ d: k.detail })
    .join({ c: 'case' }, 'c.id', 'd.case_id')
    .where('c.type', type)
    .select('d.*', ...CORE_READ.map((c) => `c.${c}`), ...opened);
}

/** How a kind finds one of its cases. */
export type CaseWhere = { processInstanceKey: string } | { caseNumber: string } | { detailId: number };

function filter(q: Knex.QueryBuilder, where: CaseWhere): Knex.QueryBuilder {
  if ('processInstanceKey' in where) return q.where('c.process_instance_key', where.processInstanceKey);
  if ('caseNumber' in where) return q.where('c.case_number', where.caseNumber);
  return q.where('d.id', where.detailId);
}

/** One case of a kind as a row (detail and core), or undefined. */
export async function findCaseRow<T extends CaseType>(db: Executor, type: T, where: CaseWhere): Promise<CaseRowOf<T> | undefined> {
  return (await filter(caseRows(db, type), where).first()) as CaseRowOf<T> | undefined;
}

export interface OpenCase {
  processInstanceKey: string;
  unitId: string | null;
  openedAt: Date;
  sourceCaseNumber?: string | null;
  /** Defaults to the kind's. */
  confidentiality?: Confidentiality;
  /** The process and activity where it happened (checked against the map before the case starts). */
  concerns?: Concerns;
}

/** A case's place on the process map: a process, and optionally one of its activities. */
export interface Concerns {
  processId: string;
  elementId: string | null;
}

/**
 * Opens a case inside `tx`: takes the next number of the kind's series for the Stockholm year
 * of `openedAt`, stores the core row (the reporter is whoever started the process through the
 * API, if anyone did) and the detail row; returns the row as `caseRows` reads it.
 */
export async function openCase<T extends CaseType>(tx: Knex.Transaction, type: T, c: OpenCase, detail: CaseDetailWrite<T>): Promise<CaseRowOf<T>> {
  const k = CASE_KINDS[type];
  const { caseNumber, year, sequence } = await nextCaseNumber(tx, k.series, c.openedAt);
  const [core] = await tx('case')
    .insert({
      type,
      case_number: caseNumber,
      year,
      sequence,
      process_instance_key: c.processInstanceKey,
      unit_id: c.unitId,
      status: k.initialStatus,
      opened_at: c.openedAt,
      reported_by: tx.raw('(select started_by from process_instance_ref where key = ?)', [c.processInstanceKey]),
      source_case_number: c.sourceCaseNumber ?? null,
      confidentiality: c.confidentiality ?? k.confidentiality,
      concerns_process_id: c.concerns?.processId ?? null,
      concerns_element_id: c.concerns?.processId ? (c.concerns.elementId ?? null) : null,
    })
    .returning('id');
  const caseId = Number((core as { id: number }).id);
  await tx(k.detail).insert({ ...detail, case_id: caseId });
  return (await caseRows(tx, type).where('c.id', caseId).first()) as CaseRowOf<T>;
}

/**
 * Changes a case: the core's columns in `case`, the rest in the detail table (one transaction
 * when both change). Returns the row after the change, or undefined when there is no such case.
 */
export async function updateCase<T extends CaseType>(db: Executor, type: T, where: CaseWhere, patch: CasePatch<T>): Promise<CaseRowOf<T> | undefined> {
  const k = CASE_KINDS[type];
  const found: { id: number } | undefined = await filter(db({ d: k.detail }).join({ c: 'case' }, 'c.id', 'd.case_id').where('c.type', type), where).first(
    'c.id',
  );
  if (!found) return undefined;
  const caseId = Number(found.id);
  const core = Object.fromEntries(Object.entries(patch).filter(([col]) => CORE_WRITABLE.has(col)));
  const detail = Object.fromEntries(Object.entries(patch).filter(([col]) => !CORE_WRITABLE.has(col)));
  const write = async (ex: Executor) => {
    if (Object.keys(core).length) await ex('case').where({ id: caseId }).update(core);
    if (Object.keys(detail).length) await ex(k.detail).where({ case_id: caseId }).update(detail);
    return (await caseRows(ex, type).where('c.id', caseId).first()) as CaseRowOf<T>;
  };
  const both = Object.keys(core).length > 0 && Object.keys(detail).length > 0;
  return both && !(db as Knex.Transaction).isTransaction ? db.transaction(write) : write(db);
}

/** The core of a case, whatever its kind: what a register, search or dashboard lists. */
export interface CaseRecord {
  id: number;
  type: CaseType;
  caseNumber: string;
  year: number;
  sequence: number;
  processInstanceKey: string;
  unitId: string | undefined;
  status: string;
  openedAt: Date;
  closedAt: Date | undefined;
  reportedBy: number | undefined;
  sourceCaseNumber: string | undefined;
  confidentiality: Confidentiality;
}

interface CoreRow {
  id: number;
  type: CaseType;
  case_number: string;
  year: number;
  sequence: number;
  process_instance_key: string;
  unit_id: string | null;
  status: string;
  opened_at: Date | string;
  closed_at: Date | string | null;
  reported_by: number | null;
  source_case_number: string | null;
  confidentiality: Confidentiality;
}

const toRecord = (r: CoreRow): CaseRecord => ({
  id: Number(r.id),
  type: r.type,
  caseNumber: r.case_number,
  year: Number(r.year),
  sequence: Number(r.sequence),
  processInstanceKey: r.process_instance_key,
  unitId: r.unit_id ?? undefined,
  status: r.status,
  openedAt: new Date(r.opened_at),
  closedAt: r.closed_at === null ? undefined : new Date(r.closed_at),
  reportedBy: r.reported_by === null ? undefined : Number(r.reported_by),
  sourceCaseNumber: r.source_case_number ?? undefined,
  confidentiality: r.confidentiality,
});

/** A case of any kind by its number. */
export async function getCaseRecord(db: Executor, caseNumber: string): Promise<CaseRecord | undefined> {
  const r = (await db('case').where({ case_number: caseNumber }).first()) as CoreRow | undefined;
  return r ? toRecord(r) : undefined;
}

/** The cases started from a case (its åtgärder, a lex Sarah case from an avvikelse …), in number order per kind. */
export async function casesFrom(db: Executor, sourceCaseNumber: string): Promise<CaseRecord[]> {
  const rows = (await db('case')
    .where({ source_case_number: sourceCaseNumber })
    .orderBy([{ column: 'type' }, { column: 'id' }])) as CoreRow[];
  return rows.map(toRecord);
}
