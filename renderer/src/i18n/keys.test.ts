import { describe, expect, it } from 'vitest';
import { en } from './en';
import { zhCN } from './zh-CN';

/** Every key path of a resource tree (the feature files are spread into it), with its placeholders. */
function keys(tree: unknown, prefix = ''): string[] {
  if (typeof tree === 'string') {
    const placeholders = [...tree.matchAll(/\{\{\s*(\w+)/g)].map((m) => m[1]).sort();
    return [`${prefix} ${JSON.stringify([...new Set(placeholders)])}`];
  }
  if (tree === null || typeof tree !== 'object') return [`${prefix} (${typeof tree})`];
  return Object.entries(tree).flatMap(([key, value]) => keys(value, prefix ? `${prefix}.${key}` : key));
}

describe('the two UI languages', () => {
  it('have exactly the same keys, each with the same {{placeholders}}', () => {
    const zh = keys(zhCN);
    const english = keys(en);
    expect(english.filter((k) => !zh.includes(k))).toEqual([]);
    expect(zh.filter((k) => !english.includes(k))).toEqual([]);
    expect(zh.length).toBeGreaterThan(500);
  });
});
