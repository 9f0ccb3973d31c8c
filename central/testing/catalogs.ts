import { expect } from 'vitest';

/** The `{name}` placeholders of a text, sorted. */
const placeholders = (text: string) => [...text.matchAll(/\{([\w ]+)\}/g)].map((m) => m[1]).sort();

/**
 * Checks one catalog's languages against each other: the same keys, each with the same
 * placeholders, and no empty text (for central's page words and its refusals alike).
 */
export function expectMatchingTables(tables: readonly Readonly<Record<string, string>>[]): void {
  const [first, ...others] = tables;
  if (!first) throw new Error('no tables to compare');
  for (const table of others) {
    expect(Object.keys(table).sort()).toEqual(Object.keys(first).sort());
    for (const [key, text] of Object.entries(first)) {
      expect({ key, placeholders: placeholders(table[key] ?? '') }).toEqual({ key, placeholders: placeholders(text) });
    }
  }
  for (const table of tables) expect(Object.entries(table).filter(([, text]) => !text.trim())).toEqual([]);
}
