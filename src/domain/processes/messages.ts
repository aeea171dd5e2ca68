/**
 * Publishing a message to the processes by hand (linked reports, the årshjul): administrators
 * only; the message goes to the engine through the outbox, with its audit row.
 */
import type { Clock } from '../../clock.js';
import type { Db } from '../../db/index.js';
import type { PublishMessageCommand } from '../../engine/port.js';
import { audit } from '../audit/index.js';
import type { User } from '../org/index.js';
import { authorize } from '../policy.js';
import type { Outbox } from '../outbox/index.js';
import { recordKey, type IdempotencyClaim } from '../outbox/idempotency.js';

/** The message service. */
export class MessageService {
  constructor(
    private readonly db: Db,
    private readonly outbox: Pick<Outbox, 'enqueue'>,
    private readonly clock: Clock,
  ) {}

  /** Accepts a message (admin); returns the outbox command's id. The audit names the message, not its variables. */
  async publish(user: User, message: PublishMessageCommand, claim?: IdempotencyClaim): Promise<string> {
    authorize(user, 'message.publish');
    return this.db.transaction(async (tx) => {
      await audit(tx, this.clock.now(), user.username, 'publish', 'message', message.name);
      const id = await this.outbox.enqueue(tx, { kind: 'publishMessage', message }, user.username);
      await recordKey(tx, claim, id, this.clock.now());
      return id;
    });
  }
}
