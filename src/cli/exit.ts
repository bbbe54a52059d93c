// A command ends only after its output is written. stdout to a pipe is asynchronous:
// whatever the reader has not taken yet (beyond the pipe's 64 KiB) waits in the process,
// and process.exit() would drop it, cutting `twoway solve ... | jq` mid-answer.

/** Resolves once everything written so far has left the process, or the reader has gone. */
export function drained(stream: NodeJS.WritableStream & { destroyed?: boolean }): Promise<void> {
  return new Promise((resolve) => {
    if (stream.destroyed || !stream.writable) return resolve();
    stream.once('error', () => resolve()); // EPIPE: the reader closed early (`| head`)
    stream.write('', () => resolve());
  });
}

/** Exits with `code` once stdout and stderr have been written out. */
export async function exitAfterOutput(code: number): Promise<never> {
  await Promise.all([drained(process.stdout), drained(process.stderr)]);
  process.exit(code);
}
