import { mockProblem, type Problem } from '../core/problem.js';

/** Rejects paths no API could mean: dot segments (also percent-encoded) and NUL bytes. */
export function checkPath(rawPath: string): Problem | undefined {
  // Only percent-escapes and dots can hide the cases below.
  if (!rawPath.includes('%') && !rawPath.includes('.')) return undefined;
  let decoded: string;
  try {
    decoded = decodeURIComponent(rawPath);
  } catch {
    return mockProblem(
      400,
      'BAD_PATH',
      'Malformed path',
      `The path ${rawPath} has an invalid percent-encoding.`,
    );
  }
  if (decoded.includes('\0'))
    return mockProblem(400, 'BAD_PATH', 'Malformed path', 'The path contains a NUL byte (%00).');
  if (decoded.split('/').some((segment) => segment === '..' || segment === '.'))
    return mockProblem(
      400,
      'BAD_PATH',
      'Malformed path',
      `The path ${rawPath} contains "." or ".." segments.`,
    );
  return undefined;
}
