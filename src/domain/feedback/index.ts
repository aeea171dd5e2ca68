/**
 * Synpunkter och klagomål (DOMAIN.md §5.4): the feedback item as a record. The process
 * (bpmn/synpunkt.bpmn) calls these through its workers; a feedback item is a case in the case
 * core (src/domain/caseCore.ts) with its details in `feedback_item`.
 * Feedback to the sender is due within N arbetsdagar of receipt (setting
 * SYNPUNKT_FEEDBACK_WORKDAYS, default 14 as in Katrineholm), end of that day, from the calendar.
 */
import { randomBytes } from 'node:crypto';
import type { Db } from '../../db/index.js';
import type { Clock } from '../../clock.js';
import type { PublishMessageCommand } from '../../engine/port.js';
import { InputError } from '../../errors.js';
import { audit } from '../audit/index.js';
import type { Outbox } from '../outbox/index.js';
import { recordKey, type IdempotencyClaim } from '../outbox/idempotency.js';
import type { OrgService } from '../org/index.js';
import { addWorkdays } from '../calendar/index.js';
import { findCaseRow, openCase, updateCase, type CasePatch, type CaseRowOf, type Concerns } from '../caseCore.js';
import { isPublicProcess, type ProcessMap } from '../processes/concerns.js';

export const FEEDBACK_KINDS = ['klagomal', 'synpunkt', 'berom'] as const;
export type FeedbackKind = (typeof FEEDBACK_KINDS)[number];

export interface FeedbackItem {
  id: number;
  caseNumber: string;
  processInstanceKey: string;
  unitId: string;
  kind: FeedbackKind;
  channel: string;
  senderType: string;
  anonymous: boolean;
  receipt: string | undefined;
  status: 'open' | 'closed';
  receivedAt: Date;
  feedbackDueAt: Date;
  forwardedCount: number;
  isDeviation: boolean | undefined;
  feedbackGivenAt: Date | undefined;
  escalatedAt: Date | undefined;
  closedAt: Date | undefined;
}

const opt = (v: Date | null) => (v === null ? undefined : new Date(v));

function toItem(r: CaseRowOf<'feedback'>): FeedbackItem {
  return {
    id: Number(r.id),
    caseNumber: r.case_number,
    processInstanceKey: r.process_instance_key,
    unitId: r.unit_id!,
    kind: r.kind,
    channel: r.channel,
    senderType: r.sender_type,
    anonymous: Boolean(r.anonymous),
    receipt: r.receipt ?? undefined,
    status: r.status as FeedbackItem['status'],
    receivedAt: new Date(r.received_at),
    feedbackDueAt: new Date(r.feedback_due_at),
    forwardedCount: Number(r.forwarded_count),
    isDeviation: r.is_deviation === null ? undefined : Boolean(r.is_deviation),
    feedbackGivenAt: opt(r.feedback_given_at),
    escalatedAt: opt(r.escalated_at),
    closedAt: opt(r.closed_at),
  };
}

/** When feedback to the sender is due: `workdays` arbetsdagar after receipt, end of that day (Stockholm). */
function feedbackDueAt(receivedAt: Date, workdays: number): string {
  return addWorkdays(receivedAt, workdays);
}

export interface NewFeedback {
  processInstanceKey: string;
  unitId: string;
  kind: FeedbackKind;
  channel: string;
  senderType: string;
  anonymous: boolean;
  receipt?: string;
  receivedAt: Date;
  workdays: number;
  /** Where it happened, if the sender named it (issue 14 point 5). */
  concerns?: Concerns;
}

/**
 * Registers a feedback item with the year's next case number. Idempotent per process
 * instance: a job delivered twice gets the same item back.
 */
export async function registerFeedback(db: Db, f: NewFeedback): Promise<FeedbackItem> {
  return db.transaction(async (tx) => {
    const existing = await findCaseRow(tx, 'feedback', { processInstanceKey: f.processInstanceKey });
    if (existing) return toItem(existing);
    const row = await openCase(
      tx,
      'feedback',
      { processInstanceKey: f.processInstanceKey, unitId: f.unitId, openedAt: f.receivedAt, concerns: f.concerns },
      {
        kind: f.kind,
        channel: f.channel,
        sender_type: f.senderType,
        anonymous: f.anonymous,
        receipt: f.receipt ?? null,
        feedback_due_at: new Date(feedbackDueAt(f.receivedAt, f.workdays)),
      },
    );
    return toItem(row);
  });
}

/** The feedback item of a process instance. */
export async function getFeedbackByInstance(db: Db, processInstanceKey: string): Promise<FeedbackItem | undefined> {
  const r = await findCaseRow(db, 'feedback', { processInstanceKey });
  return r ? toItem(r) : undefined;
}

/** Changes a field set of the item (forwarding, investigation result, feedback, escalation, closing). */
async function update(db: Db, processInstanceKey: string, patch: CasePatch<'feedback'>): Promise<FeedbackItem> {
  const row = await updateCase(db, 'feedback', { processInstanceKey }, patch);
  if (!row) throw new Error('no feedback item for this process instance');
  return toItem(row);
}

/** Forwarded to the unit it concerns. */
export async function forwardFeedback(db: Db, processInstanceKey: string, unitId: string): Promise<FeedbackItem> {
  return update(db, processInstanceKey, { unit_id: unitId, forwarded_count: db.raw('forwarded_count + 1') });
}

/** Escalated to the manager because feedback is late (idempotent: the first time counts). */
export async function escalateFeedback(db: Db, processInstanceKey: string, at: Date): Promise<FeedbackItem> {
  return update(db, processInstanceKey, { escalated_at: db.raw('coalesce(escalated_at, ?)', [at]) });
}

/** Closed after feedback to the sender. */
export async function closeFeedback(
  db: Db,
  processInstanceKey: string,
  c: { isDeviation: boolean; feedbackGivenAt: Date | undefined; closedAt: Date },
): Promise<FeedbackItem> {
  return update(db, processInstanceKey, { is_deviation: c.isDeviation, feedback_given_at: c.feedbackGivenAt ?? null, status: 'closed', closed_at: c.closedAt });
}

// ---- the public e-service ------------------------------------------------------------------

/** The message that starts synpunkt.bpmn from the e-service (StartEvent_EService). */
const SYNPUNKT_E_SERVICE = 'synpunkt-e-service';

export const SENDER_TYPES = ['brukare', 'anhorig', 'medborgare', 'annan'] as const;

export interface EServiceSubmission {
  kind: FeedbackKind;
  senderType: (typeof SENDER_TYPES)[number];
  unitId: string;
  description: string;
  anonymous: boolean;
  contactDetails?: string;
  /** One of the huvudprocesser the e-service names (ProcessMap.publicProcesses), optional. */
  concernsProcessId?: string;
  /** The form's id for this submission (a UUID): a repeat of it is the same submission. */
  submissionId?: string;
}

const isUniqueViolation = (e: unknown): boolean => typeof e === 'object' && e !== null && (e as { code?: unknown }).code === '23505';

/** A receipt the sender can quote: 8 characters without look-alikes, e.g. `K7F3-2QX9`. */
function newReceipt(): string {
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  const bytes = randomBytes(8);
  const chars = [...bytes].map((b) => alphabet[b % alphabet.length]).join('');
  return `${chars.slice(0, 4)}-${chars.slice(4)}`;
}

/** The feedback service: what the HTTP API needs beyond the process itself. */
export class FeedbackService {
  constructor(
    private readonly db: Db,
    private readonly outbox: Pick<Outbox, 'enqueue'>,
    private readonly org: Pick<OrgService, 'nodes'>,
    private readonly clock: Clock,
    private readonly map?: Pick<ProcessMap, 'check'>,
  ) {}

  /**
   * A submission from the public e-service: the unit must exist. The message that starts the
   * case goes to the outbox with the audit row (and the idempotency key, if any), so an
   * accepted submission is never lost and a repeated one starts no second case. A submission id
   * already accepted (`public_submission`, unique; a double click, or a resend after a lost
   * answer) is answered with its first command, so with the same receipt. Returns the outbox
   * command's id; its follow-up data holds the receipt.
   */
  async submitPublic(s: EServiceSubmission, claim?: IdempotencyClaim): Promise<string> {
    const prior = s.submissionId && (await this.submission(s.submissionId));
    if (prior) return prior;
    const unit = (await this.org.nodes()).find((n) => n.id === s.unitId && n.type === 'unit');
    if (!unit) throw new InputError('Ogiltig indata', [{ field: 'unitId', message: 'okänd verksamhet' }]);
    if (s.concernsProcessId) {
      if (!this.map) throw new Error('the feedback service was built without the process map');
      await this.map.check({ processId: s.concernsProcessId, elementId: null }, isPublicProcess);
    }
    const receipt = newReceipt();
    try {
      return await this.db.transaction(async (tx) => {
        await audit(tx, this.clock.now(), 'e-tjanst', 'submit', 'synpunkt', receipt);
        const id = await this.outbox.enqueue(tx, { kind: 'publishMessage', message: eServiceMessage(s, receipt) }, 'e-tjanst', {
          name: 'e-service-submission',
          data: { receipt },
        });
        if (s.submissionId) await tx('public_submission').insert({ submission_id: s.submissionId, receipt, command_id: id, received_at: this.clock.now() });
        await recordKey(tx, claim, id, this.clock.now());
        return id;
      });
    } catch (e) {
      // the same submission id, accepted by a concurrent request a moment earlier: its answer is this one's
      const raced = s.submissionId && isUniqueViolation(e) ? await this.submission(s.submissionId) : undefined;
      if (raced) return raced;
      throw e;
    }
  }

  /** The outbox command of a submission id already accepted, if any. */
  private async submission(submissionId: string): Promise<string | undefined> {
    const r = await this.db('public_submission').where({ submission_id: submissionId }).first('command_id');
    return r?.command_id;
  }
}

/** The message that starts synpunkt.bpmn for a submission, keyed (and de-duplicated) by its receipt. */
function eServiceMessage(s: EServiceSubmission, receipt: string): PublishMessageCommand {
  return {
    name: SYNPUNKT_E_SERVICE,
    correlationKey: receipt,
    messageId: receipt,
    timeToLiveMs: 3_600_000,
    variables: {
      kind: s.kind,
      senderType: s.senderType,
      unitId: s.unitId,
      description: s.description,
      anonymous: s.anonymous,
      ...(s.anonymous || !s.contactDetails ? {} : { contactDetails: s.contactDetails }),
      channel: 'e-tjanst',
      receipt,
      ...(s.concernsProcessId ? { concernsProcessId: s.concernsProcessId } : {}),
    },
  };
}
