const INSPECT = Symbol.for('nodejs.util.inspect.custom');

/**
 * Gives an auth middleware a safe face: `String()`, `JSON.stringify` and `util.inspect` show the
 * scheme only. Secrets live in closures, never on the object.
 */
export function redacted<T extends object>(target: T, label: string): T {
  const text = `[${label}: credentials redacted]`;
  Object.defineProperties(target, {
    toString: { value: () => text },
    toJSON: { value: () => text },
    [INSPECT]: { value: () => text },
  });
  return target;
}
