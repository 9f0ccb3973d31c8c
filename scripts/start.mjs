// `npm start`: builds, then starts the Electron app where its binary is installed; otherwise
// says so in one line and starts the browser host (same services, served to a browser).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..');
const build = spawnSync('npx', ['electron-vite', 'build'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
if (build.status !== 0) process.exit(build.status ?? 1);

function electronBinary() {
  const pathFile = join(root, 'node_modules', 'electron', 'path.txt');
  if (!existsSync(pathFile)) return null;
  const binary = join(root, 'node_modules', 'electron', 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(binary) ? binary : null;
}

const args = process.argv.slice(2);
const binary = electronBinary();
const child = binary
  ? spawn(binary, [root, ...args], { stdio: 'inherit' })
  : (console.log(
      'Electron is not installed on this machine (no binary in node_modules/electron/dist): starting the browser host instead.',
    ),
    spawn(process.execPath, [join(root, 'out/main/browser-host.js'), ...args], { stdio: 'inherit' }));
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code) => process.exit(code ?? 0));
