/**
 * A routine's attachments (issue 14 point 4): at most 5 MB each, only pdf, docx, xlsx, png and
 * jpeg — the declared type, the file name's extension and the file's first bytes must agree, so
 * a renamed executable is refused with a 400. Stored as bytea (migration 20261203_56 says why);
 * every download is audited.
 */
import type { RoutineAttachmentRow } from '../../db/tables.js';
import type { Db } from '../../db/index.js';
import { InputError, NotFoundError } from '../../errors.js';
import { audit } from '../audit/index.js';
import type { User } from '../org/index.js';
import { authorize } from '../policy.js';

/** The largest attachment, in bytes. */
const MAX_ATTACHMENT_BYTES = 5 * 1024 * 1024;

const ZIP = [0x50, 0x4b, 0x03, 0x04];
/** The allowed types: extension, content type and the first bytes of such a file. */
const TYPES: { ext: string; contentType: string; magic: number[] }[] = [
  { ext: 'pdf', contentType: 'application/pdf', magic: [0x25, 0x50, 0x44, 0x46, 0x2d] },
  { ext: 'docx', contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', magic: ZIP },
  { ext: 'xlsx', contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', magic: ZIP },
  { ext: 'png', contentType: 'image/png', magic: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] },
  { ext: 'jpg', contentType: 'image/jpeg', magic: [0xff, 0xd8, 0xff] },
  { ext: 'jpeg', contentType: 'image/jpeg', magic: [0xff, 0xd8, 0xff] },
];

export interface AttachmentInfo {
  id: number;
  fileName: string;
  contentType: string;
  size: number;
  uploadedBy: string;
  uploadedAt: Date;
}

/** The type of an upload, or InputError (a clear 400) when it is not one we take. */
function checkUpload(fileName: string, contentType: string, data: Buffer): void {
  const ext = fileName.toLowerCase().split('.').pop() ?? '';
  const type = TYPES.find((t) => t.ext === ext && t.contentType === contentType);
  if (!type) throw new InputError('Tillåtna bilagor är pdf, docx, xlsx, png och jpeg', [{ field: 'contentType', message: 'typen tas inte emot' }]);
  if (!data.length) throw new InputError('Filen är tom', [{ field: 'data', message: 'tom' }]);
  if (data.length > MAX_ATTACHMENT_BYTES) throw new InputError('Bilagan är större än 5 MB', [{ field: 'data', message: 'högst 5 MB' }]);
  if (!type.magic.every((b, i) => data[i] === b))
    throw new InputError('Filens innehåll är inte av den angivna typen', [{ field: 'data', message: 'innehållet stämmer inte med typen' }]);
}

const info = (r: Omit<RoutineAttachmentRow, 'data' | 'routine_id'>): AttachmentInfo => ({
  id: Number(r.id),
  fileName: r.file_name,
  contentType: r.content_type,
  size: Number(r.size),
  uploadedBy: r.uploaded_by,
  uploadedAt: r.uploaded_at,
});

/** Attachments: upload (the routine's owner), list and download (everyone, audited). */
export class RoutineAttachments {
  constructor(
    private readonly db: Db,
    private readonly clock: { now(): Date },
  ) {}

  private async ownerRole(id: string): Promise<string> {
    const r = await this.db('routine').where({ id }).first('owner_role');
    if (!r) throw new NotFoundError('Rutinen finns inte');
    return r.owner_role;
  }

  /** Stores an attachment after checking its type and size. */
  async add(user: User, id: string, file: { fileName: string; contentType: string; data: Buffer }): Promise<AttachmentInfo> {
    authorize(user, 'routine.draft', { ownerRole: await this.ownerRole(id) });
    checkUpload(file.fileName, file.contentType, file.data);
    const [row] = await this.db('routine_attachment')
      .insert({
        routine_id: id,
        file_name: file.fileName,
        content_type: file.contentType,
        size: file.data.length,
        data: file.data,
        uploaded_by: user.username,
        uploaded_at: this.clock.now(),
      })
      .returning(['id', 'file_name', 'content_type', 'size', 'uploaded_by', 'uploaded_at']);
    return info(row!);
  }

  /** The routine's attachments, without their bytes. */
  async list(id: string): Promise<AttachmentInfo[]> {
    await this.ownerRole(id);
    const rows = await this.db('routine_attachment')
      .where({ routine_id: id })
      .orderBy('id')
      .select('id', 'file_name', 'content_type', 'size', 'uploaded_by', 'uploaded_at');
    return rows.map(info);
  }

  /** One attachment with its bytes; the download is audited. */
  async download(user: User, id: string, attachmentId: number): Promise<AttachmentInfo & { data: Buffer }> {
    const r = await this.db('routine_attachment').where({ routine_id: id, id: attachmentId }).first();
    if (!r) throw new NotFoundError('Bilagan finns inte');
    await audit(this.db, this.clock.now(), user.username, 'routine.attachment.read', 'routine_attachment', String(attachmentId));
    return { ...info(r), data: Buffer.from(r.data as Uint8Array) };
  }
}
