/**
 * The process map's service (issue 14 point 3): the hierarchy, descriptive processes (created
 * from nothing or imported from another tool's BPMN file), a process's place, owner and leader,
 * making a descriptive process executable, and importing a file as a new draft version of a
 * process. A descriptive process's models are process versions like any other (governance):
 * drafted, reviewed and adopted, but linted with the relaxed rules and never deployed until it
 * is marked executable (governance/versions.ts, isDescriptive).
 */
import type { Clock } from '../../clock.js';
import type { Db } from '../../db/index.js';
import { ConflictError, InputError, NotFoundError } from '../../errors.js';
import type { ProcessEngine } from '../../engine/port.js';
import { audit } from '../audit/index.js';
import { stockholmDate } from '../calendar/localDate.js';
import type { GovernanceService, VersionDetail } from '../governance/index.js';
import { ownerRoles, type ProcessGroup } from '../processes/catalogue.js';
import type { DefinitionModels } from '../processes/models.js';
import type { User } from '../org/index.js';
import { authorize } from '../policy.js';
import { importBpmn, type ImportResult } from './bpmnImport.js';
import { buildProcessMap, type ProcessMap } from './hierarchy.js';
import { loadProcessRecords, toProcessRecord, type ProcessRecord } from './register.js';
import { starterModel } from './starter.js';

export { ensureProcessRecords } from './register.js';

export interface CreateProcessInput {
  processId?: string;
  name: string;
  kind: ProcessGroup;
  parentId?: string | null;
  ownerRole: string;
  leaderRole?: string | null;
  description?: string;
  /** A BPMN file from another tool: its model becomes the first draft. */
  xml?: string;
}
export interface PlaceProcessInput {
  name?: string;
  kind?: ProcessGroup;
  parentId?: string | null;
  position?: number;
  ownerRole?: string;
  leaderRole?: string | null;
  description?: string;
}
export type ImportSummary = Omit<ImportResult, 'xml'>;

/** An id for a new process from its name: lower case ASCII, words joined by hyphens. */
function processIdFromName(name: string): string {
  const ascii = name
    .toLowerCase()
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
  return /^[a-z]/.test(ascii) ? ascii : `process-${ascii || 'ny'}`;
}

/** The process map service. */
export class ProcessMapService {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly engine: ProcessEngine,
    private readonly models: DefinitionModels,
    private readonly governance: GovernanceService,
  ) {}

  /** The hierarchy as the user may read it. */
  tree(user: User): Promise<ProcessMap> {
    return buildProcessMap(this.db, this.engine, this.models, user, stockholmDate(this.clock.now()));
  }

  /** One process's record (404 when there is none). */
  async record(processId: string): Promise<ProcessRecord> {
    const r = await this.db('process_record').where({ process_id: processId }).first();
    if (!r) throw new NotFoundError('Processen finns inte på processkartan');
    return toProcessRecord(r);
  }

  /** Refuses a role no one holds and no process is owned by (a typo would make a process no one owns). */
  private async checkRole(field: string, role: string | null | undefined): Promise<void> {
    if (role == null) return;
    // the role list (issue 15.1) names every role the organisation has, held or not
    const listed = await this.db('role').where({ key: role }).first('key');
    if (!listed && !ownerRoles().includes(role)) throw new InputError('Rollen finns inte', [{ field, message: 'ingen sådan roll i organisationen' }]);
  }

  /** Refuses a parent that does not exist, or that would put the process under itself. */
  private async checkParent(processId: string, parentId: string | null | undefined): Promise<void> {
    if (parentId == null) return;
    const parents = new Map((await this.db('process_record').select('process_id', 'parent_id')).map((r) => [r.process_id, r.parent_id]));
    if (!parents.has(parentId)) throw new InputError('Den överordnade processen finns inte', [{ field: 'parentId', message: 'ingen sådan process' }]);
    for (let at: string | null | undefined = parentId, hops = 0; at && hops < 100; at = parents.get(at), hops++) {
      if (at === processId) throw new InputError('En process kan inte ligga under sig själv', [{ field: 'parentId', message: 'ger en cirkel i hierarkin' }]);
    }
  }

  /** Creates a descriptive process with its first draft (an imported file's model, or a start and an end to draw from). */
  async create(user: User, input: CreateProcessInput): Promise<{ record: ProcessRecord; version: number; import: ImportSummary | null }> {
    authorize(user, 'processMap.create');
    const processId = input.processId ?? processIdFromName(input.name);
    await this.checkRole('ownerRole', input.ownerRole);
    await this.checkRole('leaderRole', input.leaderRole);
    await this.checkParent(processId, input.parentId);
    const exists =
      (await this.db('process_record').where({ process_id: processId }).first('process_id')) ||
      (await this.db('process_version').where({ process_id: processId }).first('process_id')) ||
      (await this.engine.listProcessDefinitions()).some((d) => d.processId === processId);
    if (exists) throw new ConflictError('Det finns redan en process med det id:t');
    const imported = input.xml !== undefined ? await importBpmn(input.xml, processId) : null;
    const now = this.clock.now();
    await this.db.transaction(async (tx) => {
      await tx('process_record').insert({
        process_id: processId,
        name: input.name,
        kind: input.kind,
        parent_id: input.parentId ?? null,
        owner_role: input.ownerRole,
        leader_role: input.leaderRole ?? null,
        executable: false,
        position: 0,
        description: input.description ?? '',
        origin: imported ? 'imported' : 'created',
        created_by: user.username,
        created_at: now,
        updated_at: now,
      });
      const [v] = await tx('process_version')
        .insert({
          process_id: processId,
          number: 1,
          state: 'draft',
          xml: imported?.xml ?? starterModel(processId, input.name),
          based_on: null,
          author: user.username,
          change_note: imported ? 'Importerad från en annan processkarta' : 'Ny beskrivande process',
          created_at: now,
          updated_at: now,
        })
        .returning('id');
      await audit(tx, now, user.username, imported ? 'import' : 'create', 'process-record', processId);
      await audit(tx, now, user.username, imported ? 'import' : 'draft', 'process-version', String(v!.id));
    });
    await loadProcessRecords(this.db);
    const { xml: _x, ...summary } = imported ?? { xml: '' };
    return { record: await this.record(processId), version: 1, import: imported ? (summary as ImportSummary) : null };
  }

  /** Moves, renames or re-owns a process (its owner or the map's keepers). */
  async place(user: User, processId: string, input: PlaceProcessInput): Promise<ProcessRecord> {
    const current = await this.record(processId);
    authorize(user, 'processMap.place', { ownerRole: current.ownerRole });
    await this.checkRole('ownerRole', input.ownerRole);
    await this.checkRole('leaderRole', input.leaderRole);
    await this.checkParent(processId, input.parentId);
    const now = this.clock.now();
    const change = {
      ...(input.name !== undefined && { name: input.name }),
      ...(input.kind !== undefined && { kind: input.kind }),
      ...(input.parentId !== undefined && { parent_id: input.parentId }),
      ...(input.position !== undefined && { position: input.position }),
      ...(input.ownerRole !== undefined && { owner_role: input.ownerRole }),
      ...(input.leaderRole !== undefined && { leader_role: input.leaderRole }),
      ...(input.description !== undefined && { description: input.description }),
    };
    await this.db.transaction(async (tx) => {
      await tx('process_record')
        .where({ process_id: processId })
        .update({ ...change, updated_at: now });
      await audit(tx, now, user.username, 'place', 'process-record', processId);
    });
    await loadProcessRecords(this.db);
    return this.record(processId);
  }

  /**
   * Marks a process executable (its adopted version can then be published, when it passes the
   * deployment's lint) or descriptive again — not one whose model is in force on the engine.
   */
  async setExecutable(user: User, processId: string, executable: boolean): Promise<ProcessRecord> {
    authorize(user, 'processMap.execute');
    const current = await this.record(processId);
    if (current.executable === executable) return current;
    if (!executable && (await this.db('process_version').where({ process_id: processId }).whereIn('state', ['published', 'superseded']).first('id'))) {
      throw new ConflictError('Processen är publicerad och körs av processmotorn: den kan inte bli beskrivande igen');
    }
    const now = this.clock.now();
    await this.db.transaction(async (tx) => {
      await tx('process_record').where({ process_id: processId }).update({ executable, updated_at: now });
      await audit(tx, now, user.username, executable ? 'make-executable' : 'make-descriptive', 'process-record', processId);
    });
    await loadProcessRecords(this.db);
    return this.record(processId);
  }

  /** Imports another tool's BPMN file as a new draft version of a process (its owner). */
  async importVersion(user: User, processId: string, input: { xml: string; changeNote?: string }): Promise<{ version: VersionDetail; import: ImportSummary }> {
    authorize(user, 'processVersion.draft', { processId });
    await this.record(processId);
    const { xml, ...summary } = await importBpmn(input.xml, processId);
    const version = await this.governance.create(user, processId, { xml, changeNote: input.changeNote ?? 'Importerad från en annan processkarta' });
    return { version, import: summary };
  }
}
