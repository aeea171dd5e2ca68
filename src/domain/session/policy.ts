/**
 * Policy for what every signed-in user may read: their session, the organisation's units, the
 * routines, the process map, and the commands they sent themselves.
 */
import { everyone, resourceRule } from '../rule.js';

export const sessionRules = {
  /** Anyone signed in (the routes that read shared, non-personal things). */
  'session.read': everyone(),
  /** A command's state: only whoever sent it (refused as not found: a command id tells nobody else anything). */
  'command.read': resourceRule<{ actor: string }>('Kommandot finns inte', (user, c) => c.actor === user.username),
};
