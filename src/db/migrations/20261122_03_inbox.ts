/** Migration: inbox tables. (Placeholder until its owner fills it.) */
import type { Migration } from './index.js';

export const inboxMigration: Migration = {
  name: '20261122_03_inbox',
  async up() {},
  async down() {},
};
