// `twoway match` and `twoway solve`: the matching engine on files, JSON on stdout.
import { readFileSync, writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { AppError, type FieldProblem } from '../errors.js';
import { MatchingInputError, matchCohort, parseProblem, solveProblem } from '../matching/index.js';

function readJson(file: string, what: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new AppError('validation_failed', `Cannot read ${what} ${file}: ${(err as Error).message}`, {
      fields: [{ path: '--input', message: 'cannot be read' }],
    });
  }
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new AppError('validation_failed', `${file} is not valid JSON: ${(err as Error).message}`, {
      fields: [{ path: '--input', message: 'is not valid JSON' }],
    });
  }
}

/** Engine input errors become validation errors that name each field. */
function asAppError(err: unknown, file: string): unknown {
  if (!(err instanceof MatchingInputError)) return err;
  const fields: FieldProblem[] = err.issues.map((issue) => {
    const at = issue.indexOf(': ');
    return at > 0
      ? { path: issue.slice(0, at), message: issue.slice(at + 2) }
      : { path: '(root)', message: issue };
  });
  const head = err.issues.length === 1 ? err.issues[0] : `${err.issues.length} problems`;
  return new AppError('validation_failed', `${file}: ${head}`, {
    fields: err.issues.length === 1 ? [] : fields,
  });
}

/** Adds `match` (a cohort file) and `solve` (a raw assignment problem) to the twoway command. */
export function registerMatchingCommands(program: Command): void {
  program
    .command('match')
    .description(
      'match a cohort file (format in docs/matching.md); prints the pairs, explanations and summary as JSON',
    )
    .requiredOption('-i, --input <file>', 'cohort JSON file')
    .option('-o, --output <file>', 'write the result here instead of stdout')
    .action((opts: { input: string; output?: string }) => {
      const cohort = readJson(opts.input, 'cohort file');
      let result: ReturnType<typeof matchCohort>;
      const started = performance.now();
      try {
        const onPhase = process.stderr.isTTY
          ? (p: string) => process.stderr.write(`match: ${p}\n`)
          : undefined;
        result = matchCohort(
          cohort as Parameters<typeof matchCohort>[0],
          undefined,
          onPhase ? { onPhase } : {},
        );
      } catch (err) {
        throw asAppError(err, opts.input);
      }
      const json = `${JSON.stringify(result, null, 2)}\n`;
      if (opts.output) {
        writeFileSync(opts.output, json);
        const s = result.summary;
        process.stderr.write(
          `Matched ${s.matched} of ${s.mentees} mentees (mean score ${s.meanScore}, lowest ${s.lowestScore}) in ${Math.round(performance.now() - started)} ms; wrote ${opts.output}\n`,
        );
      } else process.stdout.write(json);
    });

  program
    .command('solve')
    .description(
      'solve a raw assignment problem exactly: {"rows","cols","costs":[[...]]} or {"rows","cols","edges":[[row,col,cost]]}, optional "capacities" and "maximize"',
    )
    .requiredOption('-i, --input <file>', 'problem JSON file')
    .action((opts: { input: string }) => {
      const raw = readJson(opts.input, 'problem file');
      let parsed: ReturnType<typeof parseProblem>;
      try {
        parsed = parseProblem(raw);
      } catch (err) {
        throw asAppError(err, opts.input);
      }
      const t0 = performance.now();
      const solution = solveProblem(parsed.problem);
      const solveMs = performance.now() - t0;
      const cost = parsed.maximize ? -solution.cost : solution.cost;
      process.stdout.write(
        `${JSON.stringify({ cost, assignment: Array.from(solution.assignment), solveMs })}\n`,
      );
    });
}
