/** Migration: lexSarah tables. (Placeholder until its owner fills it.) */
import type { Migration } from './index.js';

export const lexSarahMigration: Migration = {
  name: '20261122_04_lex_sarah',
  async up() {},
  async down() {},
};
