/** Migration: engine tables. (Placeholder until its owner fills it.) */
import type { Migration } from './index.js';

export const engineMigration: Migration = {
  name: '20261122_01_engine_state',
  async up() {},
  async down() {},
};
