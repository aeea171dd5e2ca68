/** Migration: organisation tables. (Placeholder until its owner fills it.) */
import type { Migration } from './index.js';

export const organisationMigration: Migration = {
  name: '20261122_02_organisation',
  async up() {},
  async down() {},
};
