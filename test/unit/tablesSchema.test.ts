/**
 * src/db/tables.ts against the schema the migrations build: every table and view registered
 * in knex's `Tables` has exactly the columns the database has, each typed as the drivers give
 * it (integer → number, bigint → string (or string | number where written as numbers), text → string or a union of strings, boolean, timestamptz → Date,
 * date → DateColumn, jsonb → anything), and a column that may be NULL in a table is typed with `| null`
 * (and one that may not, without). The typings are read with the TypeScript compiler, so a
 * migration that adds, drops or changes a column without its row type fails here.
 */
import path from 'node:path';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../support/databases.js';

interface Declared {
  name: string;
  nullable: boolean;
  family: string;
}

/** The families a TypeScript type belongs to, by what a value of it is at run time. */
function families(checker: ts.TypeChecker, type: ts.Type): Set<string> {
  const out = new Set<string>();
  for (const t of type.isUnion() ? type.types : [type]) {
    if (t.flags & ts.TypeFlags.Null) out.add('null');
    else if (t.flags & (ts.TypeFlags.String | ts.TypeFlags.StringLiteral)) out.add('string');
    else if (t.flags & (ts.TypeFlags.Number | ts.TypeFlags.NumberLiteral)) out.add('number');
    else if (t.flags & (ts.TypeFlags.Boolean | ts.TypeFlags.BooleanLiteral)) out.add('boolean');
    else if (t.flags & ts.TypeFlags.Unknown) out.add('unknown');
    else if (checker.typeToString(t) === 'Date') out.add('Date');
    else out.add('object');
  }
  return out;
}

function declaredTables(): Map<string, Declared[]> {
  const file = path.resolve(import.meta.dirname, '../../src/db/tables.ts');
  const program = ts.createProgram([file], { strict: true, module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext, noEmit: true });
  const checker = program.getTypeChecker();
  const source = program.getSourceFile(file)!;
  const out = new Map<string, Declared[]>();
  const visit = (node: ts.Node) => {
    if (ts.isInterfaceDeclaration(node) && node.name.text === 'Tables') {
      for (const member of node.members) {
        if (!ts.isPropertySignature(member) || !member.type || !ts.isTypeReferenceNode(member.type)) continue;
        const row = checker.getTypeFromTypeNode(member.type.typeArguments![0]!);
        const columns = checker.getPropertiesOfType(row).map((p) => {
          const f = families(checker, checker.getTypeOfSymbol(p));
          const nullable = f.delete('null');
          const family = f.size === 1 ? [...f][0]! : [...f].sort().join('|');
          return { name: p.name, nullable, family };
        });
        out.set(ts.isIdentifier(member.name) ? member.name.text : member.name.getText(source), columns);
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return out;
}

/** What the driver gives for a column of this SQL type, as a family of `families`. */
const FAMILY: Record<string, string[]> = {
  integer: ['number'],
  smallint: ['number'],
  // the driver reads int8 as a string; a row type may add number where the service writes numbers (process_version*)
  bigint: ['string', 'number|string'],
  text: ['string'],
  'character varying': ['string'],
  boolean: ['boolean'],
  'timestamp with time zone': ['Date'],
  date: ['Date|string'],
  jsonb: ['unknown', 'object', 'string', 'number', 'boolean', 'Date|object|string'],
  bytea: ['object'],
  ARRAY: ['object'],
};

describe('src/db/tables.ts matches the migrated schema', () => {
  let t: TestDb;
  let declared: Map<string, Declared[]>;
  beforeAll(async () => {
    declared = declaredTables();
    t = await createTestDb('pglite');
  }, 120_000);
  afterAll(() => t?.destroy());

  it('registers every table and view with its columns, types and nullability', async () => {
    const { rows } = await t.db.raw<{ rows: { table_name: string; column_name: string; data_type: string; is_nullable: 'YES' | 'NO'; table_type: string }[] }>(
      `select c.table_name, c.column_name, c.data_type, c.is_nullable, t.table_type
         from information_schema.columns c join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
        where c.table_schema = current_schema() and c.table_name not like 'knex_%'
        order by c.table_name, c.ordinal_position`,
    );
    const actual = new Map<string, typeof rows>();
    for (const r of rows) actual.set(r.table_name, [...(actual.get(r.table_name) ?? []), r]);
    expect(declared.size).toBeGreaterThan(40);

    const problems: string[] = [];
    for (const table of actual.keys()) if (!declared.has(table)) problems.push(`${table}: in the schema, not in Tables`);
    for (const [table, columns] of declared) {
      const cols = actual.get(table);
      if (!cols) {
        problems.push(`${table}: in Tables, not in the schema`);
        continue;
      }
      const byName = new Map(cols.map((c) => [c.column_name, c]));
      for (const c of cols) if (!columns.some((d) => d.name === c.column_name)) problems.push(`${table}.${c.column_name}: in the schema, not in its row type`);
      for (const d of columns) {
        const c = byName.get(d.name);
        if (!c) {
          problems.push(`${table}.${d.name}: in the row type, not in the schema`);
          continue;
        }
        const allowed = FAMILY[c.data_type];
        if (!allowed) problems.push(`${table}.${d.name}: SQL type ${c.data_type} has no family here`);
        else if (!allowed.includes(d.family)) problems.push(`${table}.${d.name}: ${c.data_type} typed as ${d.family}`);
        // a view's columns all say YES; only a table's NOT NULL is known
        if (c.table_type === 'BASE TABLE' && d.family !== 'unknown' && (c.is_nullable === 'YES') !== d.nullable) {
          problems.push(`${table}.${d.name}: ${c.is_nullable === 'YES' ? 'nullable, typed without null' : 'NOT NULL, typed with null'}`);
        }
      }
    }
    expect(problems).toEqual([]);
  }, 120_000);
});
