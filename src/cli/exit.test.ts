// `twoway solve --input p.json | jq`: the answer reaches a slow reader whole, however long it is.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const dir = mkdtempSync(join(tmpdir(), 'twoway-cli-pipe-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Runs the real command into a shell pipe (a 64 KiB kernel pipe, as with `| jq`) whose reader starts late. */
function twowayIntoSlowReader(args: string[]): Promise<{ code: string; stdout: string }> {
  const codeFile = join(dir, 'code');
  const quoted = [process.execPath, 'bin/twoway.js', ...args].map((a) => `'${a}'`).join(' ');
  return new Promise((resolve, reject) => {
    execFile(
      'sh',
      ['-c', `{ ${quoted}; echo $? > '${codeFile}'; } | (sleep 1; cat)`],
      { maxBuffer: 64 * 1024 * 1024 },
      (err, stdout) => (err ? reject(err) : resolve({ code: readFileSync(codeFile, 'utf8').trim(), stdout })),
    );
  });
}

describe('the twoway command on a pipe', () => {
  it('writes the whole answer of a 20,000-row solve before it exits', async () => {
    const rows = 20_000;
    const edges: number[][] = [];
    for (let r = 0; r < rows; r++) edges.push([r, (r * 7919) % rows, 1 + (r % 13)], [r, (r + 1) % rows, 20]);
    const input = join(dir, 'problem.json');
    writeFileSync(input, JSON.stringify({ rows, cols: rows, edges }));
    const { code, stdout } = await twowayIntoSlowReader(['solve', '--input', input]);
    expect(code).toBe('0');
    expect(stdout.length).toBeGreaterThan(64 * 1024);
    const answer = JSON.parse(stdout);
    expect(answer.assignment).toHaveLength(rows);
    expect(new Set(answer.assignment).size).toBe(rows);
  });
});
