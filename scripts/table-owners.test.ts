import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

// One owner per table: every table is written (insert, update, delete) by exactly one module, and
// the audit trail is read only by its own. Everyone else asks the owner's service. Read from the
// source as text: drizzle's `.insert(table)` / `.update(table)` / `.delete(table)` and raw SQL.
const root = resolve(__dirname, '..');

/** `export const name = sqliteTable('sql_name'` / `pgTable(…)` → identifier → SQL name. */
function tablesOf(schemaFile: string): Map<string, string> {
  const text = readFileSync(resolve(root, schemaFile), 'utf8');
  return new Map(
    [...text.matchAll(/export const (\w+) = (?:sqliteTable|pgTable)\(\s*'(\w+)'/g)].map((m) => [m[1]!, m[2]!]),
  );
}

/** Source files of a side, without tests, test helpers, migrations and builds. */
function sources(folder: string): string[] {
  return execFileSync('git', ['ls-files', '-co', '--exclude-standard', folder], { cwd: root, encoding: 'utf8' })
    .split('\n')
    .filter((f) => /\.tsx?$/.test(f) && !/\.test\.tsx?$/.test(f) && !/(^|\/)(testing|dist|migrations)\//.test(f));
}

/** The module a file belongs to: a room of main (`main/cases`), or a file of central's services. */
function moduleOf(file: string): string {
  if (file.startsWith('main/')) return file.split('/').slice(0, 2).join('/');
  return file.replace(/\.ts$/, '');
}

function writers(side: 'main' | 'central'): Map<string, Set<string>> {
  const tables = tablesOf(`${side}/db/schema.ts`);
  const found = new Map<string, Set<string>>([...tables.values()].map((t) => [t, new Set<string>()]));
  for (const file of sources(side)) {
    const text = readFileSync(resolve(root, file), 'utf8');
    const names = new Set<string>();
    for (const m of text.matchAll(/\.(?:insert|update|delete)\(\s*(\w+)\s*\)/g)) {
      const table = tables.get(m[1]!);
      if (table) names.add(table);
    }
    for (const m of text.matchAll(/\b(?:INSERT\s+(?:OR\s+\w+\s+)?INTO|UPDATE|DELETE\s+FROM)\s+[`"]?(\w+)/gi)) {
      if (found.has(m[1]!)) names.add(m[1]!);
    }
    for (const table of names) found.get(table)!.add(moduleOf(file));
  }
  return found;
}

describe('one owner per table', () => {
  it.each(['main', 'central'] as const)('%s: every table has exactly one writer', (side) => {
    const owners = writers(side);
    const report = Object.fromEntries([...owners].map(([table, modules]) => [table, [...modules].sort()]));
    const shared = Object.entries(report).filter(([, modules]) => modules.length > 1);
    expect(shared).toEqual([]);
    // The scan finds the writers it should (a broken pattern would find none and pass).
    expect(report.cases).toEqual([side === 'main' ? 'main/cases' : 'central/service/cases']);
    expect(Object.values(report).filter((m) => m.length === 1).length).toBeGreaterThan(8);
  });

  it('the workstation’s audit trail is read only by the audit service', () => {
    const readers = sources('main').filter((file) =>
      /\bfrom\(\s*auditLog\s*\)|FROM\s+audit_log/.test(readFileSync(resolve(root, file), 'utf8')),
    );
    expect(readers.map(moduleOf).filter((m) => m !== 'main/audit')).toEqual([]);
    expect(readers.length).toBeGreaterThan(0);
  });
});
