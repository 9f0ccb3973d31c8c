// Builds central into plain JavaScript that `node dist/main.js` runs: one bundle of central and
// the shared domain package; its own dependencies (package.json) stay external and are loaded from
// node_modules. The migrations, and the catalog and holiday calendar the workstation ships (the seed
// that a central with nothing published starts from), are copied beside it, with a package.json of
// the runtime dependencies: dist/ is the folder a server runs (docs/central.md).
import { chmodSync, cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const here = dirname(fileURLToPath(import.meta.url));
const pkg = JSON.parse(readFileSync(join(here, 'package.json'), 'utf8'));
// `node build.mjs [--outdir DIR]`: dist/ by default.
const outArg = process.argv.indexOf('--outdir');
const dist = outArg > 0 ? resolve(process.argv[outArg + 1]) : join(here, 'dist');

rmSync(dist, { recursive: true, force: true });
await build({
  entryPoints: [join(here, 'main.ts')],
  outfile: join(dist, 'main.js'),
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: true,
  banner: { js: '#!/usr/bin/env node' },
  // Runtime dependencies come from node_modules; the domain package (TypeScript source) is bundled in.
  external: Object.keys(pkg.dependencies),
  logLevel: 'warning',
});
chmodSync(join(dist, 'main.js'), 0o755);
mkdirSync(join(dist, 'seed'), { recursive: true });
const resources = join(here, '..', 'resources');
cpSync(join(resources, 'catalog', 'catalog.json'), join(dist, 'seed', 'catalog.json'));
cpSync(join(resources, 'calendar', 'holidays.json'), join(dist, 'seed', 'holidays.json'));
cpSync(join(here, 'migrations'), join(dist, 'migrations'), { recursive: true });
// The hall display's script and the call announcement's clips, where the bundled code looks (beside main.js).
cpSync(join(here, 'hall', 'display', 'display.js'), join(dist, 'display.js'));
cpSync(join(here, 'hall', 'voice', 'clips'), join(dist, 'clips'), { recursive: true });
const runtime = {
  name: pkg.name,
  version: pkg.version,
  description: pkg.description,
  private: true,
  license: pkg.license,
  main: 'main.js',
  bin: { 'yichuang-central': 'main.js' },
  engines: { node: '>=20.19' },
  dependencies: pkg.dependencies,
};
writeFileSync(join(dist, 'package.json'), `${JSON.stringify(runtime, null, 2)}\n`);
console.log(`central built: ${join(dist, 'main.js')}`);
