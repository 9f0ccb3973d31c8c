import { resolve } from 'node:path';
import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';
import { describe, expect, it } from 'vitest';

// The process boundaries are checked by lint: prove the rules fire on code that crosses them.
// The probes are not files of a tsconfig, so type-aware rules are switched off for them; the
// boundary rules are not type-aware.
const eslint = new ESLint({ cwd: resolve(__dirname, '..'), overrideConfig: tseslint.configs.disableTypeChecked });

async function ruleIds(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).map((m) => m.ruleId ?? m.message);
}

describe('process boundaries', () => {
  it('the renderer cannot import main', async () => {
    const ids = await ruleIds(
      'renderer/src/probe.ts',
      "import { createWorkstation } from '../../main/app/services';\nexport const x = createWorkstation;\n",
    );
    expect(ids).toContain('import-x/no-restricted-paths');
  });

  it('the renderer cannot import electron or Node built-ins', async () => {
    const ids = await ruleIds(
      'renderer/src/probe.ts',
      "import { readFileSync } from 'node:fs';\nimport { ipcRenderer } from 'electron';\nexport const x = [readFileSync, ipcRenderer];\n",
    );
    expect(ids.filter((id) => id === 'no-restricted-imports')).toHaveLength(2);
  });

  it('the contract imports neither electron nor node:*, nor main', async () => {
    const ids = await ruleIds(
      'preload/contract/probe.ts',
      "import { createHash } from 'node:crypto';\nimport { app } from 'electron';\nimport { createRouter } from '../../main/ipc/router';\nexport const x = [createHash, app, createRouter];\n",
    );
    expect(ids.filter((id) => id === 'no-restricted-imports')).toHaveLength(2);
    expect(ids).toContain('import-x/no-restricted-paths');
  });

  it('services outside the Electron corner cannot import electron', async () => {
    const ids = await ruleIds('main/auth/probe.ts', "import { app } from 'electron';\nexport const x = app;\n");
    expect(ids).toContain('no-restricted-imports');
  });

  it('the renderer cannot import central, nor the preload beyond the contract, nor password hashing', async () => {
    const ids = await ruleIds(
      'renderer/src/probe.ts',
      [
        "import { buildCentralApp } from '../../central/app';",
        "import { exposed } from '../../preload/index';",
        "import { hashPassword } from '@yichuang/domain/passwords';",
        'export const x = [buildCentralApp, exposed, hashPassword];',
      ].join('\n'),
    );
    expect(ids.filter((id) => id === 'import-x/no-restricted-paths')).toHaveLength(3);
  });

  it('the renderer may import the contract and the domain package', async () => {
    const ids = await ruleIds(
      'renderer/src/probe.ts',
      "import { channels } from '../../preload/contract/channels';\nimport { maskIdNumber } from '@yichuang/domain/id-numbers';\nexport const x = [channels, maskIdNumber];\n",
    );
    expect(ids).toEqual([]);
  });

  it('the domain package imports no app code, no electron and no Node built-ins', async () => {
    const ids = await ruleIds(
      'domain/src/probe.ts',
      [
        "import { readFileSync } from 'node:fs';",
        "import { app } from 'electron';",
        "import { createRouter } from '../../main/ipc/router';",
        "import { channels } from '../../preload/contract/channels';",
        "import { createCentral } from '../../central/central';",
        'export const x = [readFileSync, app, createRouter, channels, createCentral];',
      ].join('\n'),
    );
    expect(ids.filter((id) => id === 'no-restricted-imports')).toHaveLength(2);
    expect(ids.filter((id) => id === 'import-x/no-restricted-paths')).toHaveLength(3);
  });

  it('central imports only the domain package, never main', async () => {
    const bad = await ruleIds(
      'central/service/probe.ts',
      "import { createRouter } from '../../main/ipc/router';\nimport { channels } from '../../preload/contract/channels';\nexport const x = [createRouter, channels];\n",
    );
    expect(bad.filter((id) => id === 'import-x/no-restricted-paths')).toHaveLength(2);
    const good = await ruleIds(
      'central/service/probe.ts',
      "import { hashPassword } from '@yichuang/domain/passwords';\nexport const x = hashPassword;\n",
    );
    expect(good).toEqual([]);
  });

  it('main never imports central (only its tests run one)', async () => {
    const code = "import { createCentral } from '../../central/central';\nexport const x = createCentral;\n";
    expect(await ruleIds('main/sync/probe.ts', code)).toContain('import-x/no-restricted-paths');
    expect(await ruleIds('main/sync/probe.test.ts', code)).not.toContain('import-x/no-restricted-paths');
  });

  it('import cycles are errors', async () => {
    // The layout's text helpers are imported by the document: text importing the document back closes a cycle.
    const ids = await ruleIds(
      'main/documents/layout/text.ts',
      "import { A4Document } from './document';\nexport const x = A4Document;\n",
    );
    expect(ids).toContain('import-x/no-cycle');
  });

  it('the Electron corner may import electron', async () => {
    const ids = await ruleIds(
      'main/platform/electron/probe.ts',
      "import { app } from 'electron';\nexport const x = app;\n",
    );
    expect(ids).not.toContain('no-restricted-imports');
  });

  it('a screen cannot put literal words in its JSX; key names in <kbd> and marks may stay', async () => {
    const words = await ruleIds('renderer/src/probe.tsx', 'export function X() {\n  return <div>受理</div>;\n}\n');
    expect(words).toContain('i18next/no-literal-string');
    const english = await ruleIds(
      'renderer/src/probe.tsx',
      'export function X() {\n  return <span>Accept</span>;\n}\n',
    );
    expect(english).toContain('i18next/no-literal-string');
    const keys = await ruleIds('renderer/src/probe.tsx', 'export function X() {\n  return <kbd>Ctrl+P</kbd>;\n}\n');
    expect(keys).not.toContain('i18next/no-literal-string');
    const mark = await ruleIds('renderer/src/probe.tsx', "export function X() {\n  return <span>{'a'} ✓</span>;\n}\n");
    expect(mark).not.toContain('i18next/no-literal-string');
  });
});
