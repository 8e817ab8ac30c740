// Which errors are the user's (exit code 1, message only) and which are bugs (stack trace).
import { ScenarioError } from '../scenarios/errors.ts';

/** File-system failures caused by a path the user gave: missing file, no permission, … */
const USER_FS_CODES = new Set(['ENOENT', 'EACCES', 'EPERM', 'EISDIR', 'ENOTDIR', 'EEXIST', 'EROFS', 'ENOSPC']);

/** The message to show for an error the user can fix, or null if the error is a bug. */
export function userErrorMessage(err: unknown): string | null {
  // Already one compiler-style line per problem, starting with the file name (editors jump to it).
  if (err instanceof ScenarioError) return err.message;
  if (err instanceof Error && 'code' in err && typeof err.code === 'string' && USER_FS_CODES.has(err.code)) {
    // Node's own message already names the operation and the path.
    return `error: ${err.message}`;
  }
  return null;
}
