// Packs the npm package as `npm pack` does for a release (prepack builds dist/package/) and installs the
// tarball into a fresh folder offline, as a documentation site would: what the package tests and the
// browser benchmark use instead of the repository's own files.
import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stripVTControlCharacters } from 'node:util';

export interface PackedFile {
  path: string;
  size: number;
}

export interface InstalledPackage {
  /** The temporary folder holding everything below; the caller removes it. */
  dir: string;
  tarball: string;
  /** The tarball's size in bytes (gzip, as npm reports it). */
  size: number;
  files: PackedFile[];
  /** A site's folder with the package installed in its node_modules. */
  site: string;
}

/** npm without the test runner's environment, so prepack makes the build users get. */
function run(cmd: string, args: string[], cwd: string): Promise<string> {
  const env: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: 'production', NO_COLOR: '1' };
  for (const key of Object.keys(env)) if (key.startsWith('VITEST')) delete env[key];
  delete env.TEST;
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr.on('data', (c: Buffer) => (err += c.toString()));
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0 ? resolve(out) : reject(new Error(`${cmd} ${args.join(' ')} exited with ${code}:\n${stripVTControlCharacters(err + out).trim()}`)),
    );
  });
}

export async function packAndInstall(root: string): Promise<InstalledPackage> {
  const dir = await mkdtemp(join(tmpdir(), 'durability-lab-pack-'));
  const packs = join(dir, 'pack');
  const site = join(dir, 'site');
  await mkdir(packs);
  await mkdir(site);
  const report = JSON.parse(await run('npm', ['pack', '--json', '--pack-destination', packs], root)) as Array<{ filename: string; size: number; files: PackedFile[] }>;
  const [{ filename, size, files }] = report;
  const tarball = join(packs, filename);
  await writeFile(join(site, 'package.json'), JSON.stringify({ name: 'docs-site', private: true }));
  // No network: the package must carry everything it needs.
  await run('npm', ['install', '--offline', '--omit=dev', '--no-audit', '--no-fund', '--ignore-scripts', tarball], site);
  return { dir, tarball, size, files, site };
}
