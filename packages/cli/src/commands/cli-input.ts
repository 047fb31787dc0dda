import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { describeIssue, ImportError } from '@innocluster/server';
import type { z } from 'zod';

/** A positive whole-number option, or undefined when absent; names the option when it is not. */
export function intOption(value: string | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0)
    throw new Error(`--${name} must be a whole number (got ${value})`);
  return n;
}

/** Reads a JSON file and parses it with a contract, naming the file and field of each problem. */
export async function readJson<T extends z.ZodType>(file: string, schema: T): Promise<z.infer<T>> {
  let data: unknown;
  try {
    data = JSON.parse(await readFile(file, 'utf8'));
  } catch (error) {
    throw new Error(`${basename(file)}: not valid JSON (${(error as Error).message})`, {
      cause: error,
    });
  }
  const parsed = schema.safeParse(data);
  if (!parsed.success)
    throw new Error(
      parsed.error.issues
        .map((i) => `${basename(file)}: ${i.path.join('.') || '(root)'}: ${i.message}`)
        .join('\n'),
    );
  return parsed.data;
}

/**
 * Runs an import; when the file is refused, writes each bad row and field to stderr (as
 * "file, row N, column: message") and fails with the import's message.
 */
export async function reportImportErrors<T>(fileName: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (!(error instanceof ImportError)) throw error;
    for (const issue of error.issues) process.stderr.write(`${describeIssue(fileName, issue)}\n`);
    throw new Error(error.message, { cause: error });
  }
}
