// The twoway command as its tests run it: a real process, its exit code and output, failed or not.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `twoway ...args` with exactly `env` (NO_COLOR added). */
export async function runTwoway(env: NodeJS.ProcessEnv, args: string[]): Promise<CliResult> {
  try {
    const { stdout, stderr } = await run(process.execPath, ['bin/twoway.js', ...args], {
      env: { ...env, NO_COLOR: '1' },
      timeout: 120_000,
    });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as CliResult;
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}
