/**
 * An `application/x-www-form-urlencoded` body as an object; a repeated key keeps every value, as
 * an array, so nothing the client sent is dropped (the store merges it, the journal records it).
 */
export function parseForm(text: string): Record<string, string | string[]> {
  const result: Record<string, string | string[]> = {};
  for (const [key, value] of new URLSearchParams(text)) {
    const existing = result[key];
    result[key] =
      existing === undefined ? value : Array.isArray(existing) ? [...existing, value] : [existing, value];
  }
  return result;
}
