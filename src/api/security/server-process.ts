// Test helpers that run Twoway as a real server process (`node --import tsx src/main.ts`,
// one process, so a signal reaches the server itself) and a PostgreSQL cluster of its own.
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../..', import.meta.url));

export interface ServerProcess {
  url: string;
  child: ChildProcess;
  /** Everything the process wrote, stdout and stderr. */
  output(): string;
  /** Resolves with the exit code (or signal) when the process ends. */
  exited: Promise<number | string>;
  /** Stops the process (SIGTERM, then SIGKILL) if it still runs. */
  stop(): Promise<void>;
}

/** Starts the web service on a free port with the demo and the web app off; resolves once it listens. */
export async function startServerProcess(env: Record<string, string>): Promise<ServerProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts', '--services=web'], {
    cwd: root,
    env: {
      ...process.env,
      PORT: '0',
      HOST: '127.0.0.1',
      TWOWAY_DEMO: 'false',
      TWOWAY_WEB: 'false',
      LOG_LEVEL: 'fatal',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout?.on('data', (d: Buffer) => {
    out += d.toString();
  });
  child.stderr?.on('data', (d: Buffer) => {
    out += d.toString();
  });
  const exited = new Promise<number | string>((resolve) =>
    child.once('exit', (code, signal) => resolve(code ?? signal ?? 'unknown')),
  );
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the server did not start in 90 s:\n${out}`)), 90_000);
    const onData = () => {
      const m = /Twoway is running at (http:\/\/\S+) on/.exec(out);
      if (!m?.[1]) return;
      clearTimeout(timer);
      child.stdout?.off('data', onData);
      resolve(m[1].replace('localhost', '127.0.0.1'));
    };
    child.stdout?.on('data', onData);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`the server exited (${code}) before it listened:\n${out}`));
    });
  });
  return {
    url,
    child,
    output: () => out,
    exited,
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

/** A PostgreSQL cluster of the test's own (scripts/pg-server.mjs), to crash and start again. */
export class PostgresCluster {
  private constructor(
    readonly port: number,
    readonly url: string,
  ) {}

  static async start(): Promise<PostgresCluster> {
    const port = await freePort();
    return new PostgresCluster(port, PostgresCluster.script('start', port).trim());
  }

  private static script(action: 'start' | 'resume' | 'stop', port: number): string {
    return execFileSync(process.execPath, ['scripts/pg-server.mjs', action, String(port)], {
      cwd: root,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
  }

  /** The postmaster's process id, from its lock file. */
  postmasterPid(): number {
    const lock = readFileSync(
      join(tmpdir(), `twoway-test-pg-${this.port}`, 'data', 'postmaster.pid'),
      'utf8',
    );
    return Number(lock.split('\n')[0]);
  }

  /** `kill -9` of the postmaster: its backends notice and end their connections. */
  crash(): void {
    process.kill(this.postmasterPid(), 'SIGKILL');
  }

  /** Starts the crashed cluster again; retries while the old backends still hold its shared memory. */
  async resume(): Promise<void> {
    for (let attempt = 0; ; attempt++) {
      try {
        PostgresCluster.script('resume', this.port);
        return;
      } catch (err) {
        if (attempt >= 20) throw err;
        await new Promise((r) => setTimeout(r, 250));
      }
    }
  }

  stop(): void {
    PostgresCluster.script('stop', this.port);
  }
}
