/** Policy for notification settings: each signed-in person reads and changes their own, and only those. */
import { everyone } from '../rule.js';

export const notificationRules = {
  /** One's own notification settings (the route reads and writes only the signed-in user's). */
  'notifications.own': everyone(),
};
