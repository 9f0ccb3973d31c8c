import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

/**
 * The project root as seen from the built file (`out/main/*.js`) or from the sources under
 * vitest (`main/*.ts`): both are two levels down from where `resources/` lives.
 */
export function appRoot(): string {
  const root = resolve(__dirname, '..', '..');
  if (existsSync(join(root, 'resources'))) return root;
  return resolve(__dirname, '..');
}

export function defaultResourcesDir(): string {
  return join(appRoot(), 'resources');
}

export function rendererDir(): string {
  return join(appRoot(), 'out', 'renderer');
}
