import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

function newestMtime(entry: string): number {
  if (!existsSync(entry)) return 0;
  const st = statSync(entry);
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = st.mtimeMs;
  for (const child of readdirSync(entry)) newest = Math.max(newest, newestMtime(path.join(entry, child)));
  return newest;
}

/** Runs `remix build` when build/index.js is missing or older than the app's sources. */
export async function ensureBuild(log: (msg: string) => void): Promise<void> {
  const built = existsSync('build/index.js') ? statSync('build/index.js').mtimeMs : 0;
  const sources = Math.max(newestMtime('app'), newestMtime('remix.config.js'), newestMtime('package.json'));
  if (built > sources) return;
  log('building the app (remix build)...');
  const result = spawnSync(process.execPath, ['node_modules/@remix-run/dev/dist/cli.js', 'build'], { stdio: 'inherit' });
  if (result.status !== 0) throw new Error('remix build failed');
}
