// Starts and stops a throwaway PostgreSQL server for the tests.
// usage: node scripts/pg-server.mjs start|resume|stop [port]
// `start` makes a fresh cluster and prints the connection URL on stdout; `resume` starts
// the existing cluster again (after a crash, say) and prints the same URL. Installs PostgreSQL from
// Debian's packages when the machine has none and we are root.
import { execFileSync, spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const [, , action = 'start', portArg] = process.argv;
const port = Number(portArg ?? process.env.TWOWAY_TEST_PG_PORT ?? 54329);
const base = join(tmpdir(), `twoway-test-pg-${port}`);
const dataDir = join(base, 'data');
const socketDir = join(base, 'sock');
const isRoot = process.getuid?.() === 0;

function findBin() {
  const root = '/usr/lib/postgresql';
  if (existsSync(root)) {
    const versions = readdirSync(root)
      .filter((v) => existsSync(join(root, v, 'bin', 'pg_ctl')))
      .sort((a, b) => Number(b) - Number(a));
    if (versions[0]) return join(root, versions[0], 'bin');
  }
  const which = spawnSync('sh', ['-c', 'command -v pg_ctl'], { encoding: 'utf8' });
  if (which.status === 0 && which.stdout.trim()) return join(which.stdout.trim(), '..');
  return null;
}

function run(bin, args) {
  // postgres refuses to run as root, so run its tools as the postgres user.
  const [cmd, cmdArgs] = isRoot ? ['runuser', ['-u', 'postgres', '--', bin, ...args]] : [bin, args];
  return execFileSync(cmd, cmdArgs, { stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8' });
}

let bin = findBin();
if (!bin && isRoot) {
  process.stderr.write('PostgreSQL not found; installing it from Debian packages...\n');
  execFileSync(
    'sh',
    [
      '-c',
      'apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null',
    ],
    {
      stdio: 'inherit',
    },
  );
  bin = findBin();
}
if (!bin) {
  process.stderr.write('PostgreSQL binaries not found (looked in /usr/lib/postgresql/*/bin and PATH).\n');
  process.exit(1);
}

if (action === 'stop') {
  if (existsSync(join(dataDir, 'postmaster.pid'))) {
    try {
      run(join(bin, 'pg_ctl'), ['-D', dataDir, '-m', 'immediate', 'stop']);
    } catch {
      // already stopped
    }
  }
  rmSync(base, { recursive: true, force: true });
  process.exit(0);
}

function startCluster() {
  run(join(bin, 'pg_ctl'), [
    '-D',
    dataDir,
    '-l',
    join(base, 'server.log'),
    '-w',
    '-o',
    `-p ${port} -k ${socketDir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200`,
    'start',
  ]);
  process.stdout.write(`postgres://postgres@127.0.0.1:${port}/postgres\n`);
}

if (action === 'resume') {
  startCluster();
  process.exit(0);
}

// A fresh cluster every run: nothing from an earlier run can leak into this one.
if (existsSync(join(dataDir, 'postmaster.pid'))) {
  try {
    run(join(bin, 'pg_ctl'), ['-D', dataDir, '-m', 'immediate', 'stop']);
  } catch {}
}
rmSync(base, { recursive: true, force: true });
mkdirSync(socketDir, { recursive: true });
mkdirSync(dataDir, { recursive: true });
if (isRoot) {
  const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
  const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
  for (const dir of [base, socketDir, dataDir]) chownSync(dir, uid, gid);
}
run(join(bin, 'initdb'), ['-D', dataDir, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--no-sync']);
startCluster();
