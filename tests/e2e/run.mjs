// The browser tests, end to end: build the web app, start Twoway on a free port with a
// fresh data folder, make sure Debian's Chromium is there, run Playwright, stop the
// server, and print one line: "e2e: N passed, N failed, N skipped". Everything else goes
// to stderr, so that line is the only thing on stdout.
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  closeSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readFileSync,
  rmSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SMTPServer } from 'smtp-server';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const chromium = process.env.E2E_CHROMIUM ?? '/usr/bin/chromium';
const log = (line) => process.stderr.write(`[e2e] ${line}\n`);
const started = Date.now();

let server = null;
let mailSink = null;
let work = null;
let passed = 0;
let failed = 0;
let skipped = 0;

// Two runs in one checkout would rebuild web/dist under each other's server: take turns.
const lockPath = join(
  tmpdir(),
  `twoway-e2e-${createHash('sha1').update(root).digest('hex').slice(0, 12)}.lock`,
);
let locked = false;

function alive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return err.code === 'EPERM';
  }
}

async function takeLock(timeoutMs = 15 * 60_000) {
  const deadline = Date.now() + timeoutMs;
  let told = false;
  while (Date.now() < deadline) {
    try {
      const fd = openSync(lockPath, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      locked = true;
      return;
    } catch (err) {
      if (err.code !== 'EEXIST') throw err;
      const holder = Number(readFileSync(lockPath, 'utf8').trim());
      if (!holder || !alive(holder)) {
        rmSync(lockPath, { force: true });
        continue;
      }
      if (!told) log(`another browser-test run (pid ${holder}) is using this checkout; waiting for it`);
      told = true;
      await new Promise((r) => setTimeout(r, 2000));
    }
  }
  throw new Error(`waited ${timeoutMs / 60_000} minutes for ${lockPath}`);
}

function freePort() {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.unref();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

function run(cmd, args, options = {}) {
  const result = spawnSync(cmd, args, { cwd: root, stdio: ['ignore', 2, 2], ...options });
  if (result.error) throw result.error;
  return result.status ?? 1;
}

function runAsync(cmd, args, options = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd: root, stdio: ['ignore', 2, 2], ...options });
    child.once('error', reject);
    child.once('exit', (code) => resolve(code ?? 1));
  });
}

function ensureChromium() {
  if (existsSync(chromium)) return;
  log(`${chromium} is missing; installing Debian's chromium package...`);
  const sudo = process.getuid?.() === 0 ? [] : ['sudo'];
  const apt = (...args) =>
    run(sudo[0] ?? 'apt-get', sudo.length ? ['apt-get', ...args] : args, {
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    });
  if (apt('install', '-y', 'chromium') !== 0) {
    apt('update');
    if (apt('install', '-y', 'chromium') !== 0) throw new Error('apt-get install -y chromium failed');
  }
  if (!existsSync(chromium)) throw new Error(`${chromium} is still missing after installing chromium`);
}

async function waitForHealth(url, child, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the server exited early with code ${child.exitCode}`);
    try {
      const res = await fetch(`${url}/healthz`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`the server did not answer ${url}/healthz within ${timeoutMs / 1000} s`);
}

/** A real SMTP server for the journeys that follow an emailed link: each message lands in `dir` as an .eml file. */
async function startMailSink(dir) {
  mkdirSync(dir, { recursive: true });
  let received = 0;
  const sink = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, _session, callback) {
      const chunks = [];
      stream.on('data', (c) => chunks.push(c));
      stream.on('end', () => {
        received += 1;
        writeFileSync(join(dir, `${String(received).padStart(5, '0')}.eml`), Buffer.concat(chunks));
        callback();
      });
    },
  });
  await new Promise((resolve) => sink.listen(0, '127.0.0.1', resolve));
  return sink;
}

async function stopServer() {
  if (!server || server.exitCode !== null) return;
  const exited = new Promise((resolve) => server.once('exit', resolve));
  server.kill('SIGTERM');
  const timer = setTimeout(() => server.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}

async function main() {
  await takeLock();
  log('building the web app');
  // A production build whatever the caller's NODE_ENV (with NODE_ENV=test Vite bundles React's development build).
  const vite = [
    join(root, 'node_modules', 'vite', 'bin', 'vite.js'),
    'build',
    '--config',
    'web/vite.config.ts',
  ];
  if (run(process.execPath, vite, { env: { ...process.env, NODE_ENV: 'production' } }) !== 0) {
    throw new Error('the web app did not build');
  }
  ensureChromium();

  work = mkdtempSync(join(tmpdir(), 'twoway-e2e-'));
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const mailDir = join(work, 'mail');
  mailSink = await startMailSink(mailDir);
  const smtpPort = mailSink.server.address().port;
  log(`starting Twoway at ${url} (data in ${work})`);
  server = spawn(process.execPath, [join(root, 'node_modules', 'tsx', 'dist', 'cli.mjs'), 'src/main.ts'], {
    cwd: root,
    env: {
      // Always the embedded database in a fresh folder, with the demo organisation.
      ...Object.fromEntries(Object.entries(process.env).filter(([k]) => k !== 'DATABASE_URL')),
      TWOWAY_DEMO: 'true',
      TWOWAY_DEMO_PEOPLE: '600',
      PORT: String(port),
      HOST: '127.0.0.1',
      TWOWAY_DATA_DIR: join(work, 'data'),
      TWOWAY_ALLOW_SIGNUP: 'true',
      // The journeys sign in many times from one address.
      AUTH_RATE_LIMIT_PER_MINUTE: '10000',
      // Each journey starts an organisation of its own.
      ORG_CREATE_PER_HOUR: '10000',
      // Emails (reset links) go to the sink above, soon after they are queued.
      SMTP_URL: `smtp://127.0.0.1:${smtpPort}?tls=off`,
      WORKER_INTERVAL_SECONDS: '1',
      PUBLIC_URL: url,
      // The single sign-on tests start their OpenID provider on http://127.0.0.1.
      OIDC_ALLOW_HTTP_ISSUERS: 'true',
      LOG_LEVEL: 'warn',
      // The server rebuilds the web app when a source is newer than the build; keep that a production build.
      NODE_ENV: 'production',
    },
    stdio: ['ignore', 2, 2],
  });
  await waitForHealth(url, server, 180_000);
  log(`server ready after ${((Date.now() - started) / 1000).toFixed(1)} s`);

  const report = join(work, 'report.json');
  const axeLog = join(work, 'axe.jsonl');
  // Asynchronously, so the mail sink in this process keeps answering while Playwright runs.
  const status = await runAsync(
    process.execPath,
    [
      join(root, 'node_modules', '@playwright', 'test', 'cli.js'),
      'test',
      '--config',
      'tests/e2e/playwright.config.ts',
      ...process.argv.slice(2),
    ],
    {
      env: {
        ...process.env,
        E2E_BASE_URL: url,
        E2E_MAIL_DIR: mailDir,
        E2E_JSON_REPORT: report,
        E2E_OUTPUT_DIR: join(work, 'results'),
        E2E_AXE_LOG: axeLog,
        E2E_CHROMIUM: chromium,
        PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: '1',
        FORCE_COLOR: '0',
      },
    },
  );
  if (existsSync(report)) {
    const stats = JSON.parse(readFileSync(report, 'utf8')).stats ?? {};
    passed = (stats.expected ?? 0) + (stats.flaky ?? 0);
    failed = stats.unexpected ?? 0;
    skipped = stats.skipped ?? 0;
  }
  if (status !== 0 && failed === 0) failed = 1;
  if (existsSync(axeLog)) {
    const scans = readFileSync(axeLog, 'utf8')
      .trim()
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l));
    const serious = scans.flatMap((s) =>
      s.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical'),
    );
    const minor = scans.flatMap((s) =>
      s.violations.filter((v) => v.impact !== 'serious' && v.impact !== 'critical'),
    );
    log(
      `axe: ${scans.length} screens scanned, ${serious.length} serious or critical violations, ${minor.length} moderate or minor`,
    );
    for (const s of scans) {
      const v = s.violations.map((x) => `${x.impact} ${x.id} (${x.nodes})`).join(', ');
      log(`  ${s.screen} ${s.url}: ${s.passes} rules pass${v ? `; ${v}` : ''}`);
    }
  }
}

let code = 0;
try {
  await main();
} catch (err) {
  log(`error: ${err.message}`);
  failed += 1;
} finally {
  await stopServer();
  if (mailSink) await new Promise((resolve) => mailSink.close(resolve));
  if (work) rmSync(work, { recursive: true, force: true });
  if (locked) rmSync(lockPath, { force: true });
}
if (failed > 0) code = 1;
log(`done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
process.stdout.write(`e2e: ${passed} passed, ${failed} failed, ${skipped} skipped\n`);
process.exit(code);
