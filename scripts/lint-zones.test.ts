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

  it('the Electron corner may import electron', async () => {
    const ids = await ruleIds(
      'main/platform/electron/probe.ts',
      "import { app } from 'electron';\nexport const x = app;\n",
    );
    expect(ids).not.toContain('no-restricted-imports');
  });
});
