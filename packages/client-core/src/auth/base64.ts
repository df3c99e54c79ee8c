/** UTF-8 safe base64 (btoa alone rejects non-Latin-1 input such as accented tenant names). */
export function base64Utf8(value: string): string {
  let binary = '';
  for (const byte of new TextEncoder().encode(value)) binary += String.fromCharCode(byte);
  return btoa(binary);
}
