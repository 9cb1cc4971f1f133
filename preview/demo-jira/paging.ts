/**
 * Opaque `nextPageToken`s: the offset of the next page plus a fingerprint of the request it
 * belongs to, so a token replayed with another query is refused (as Jira refuses it).
 */

/** FNV-1a, 32 bit: short and stable, not a security measure. */
export function fingerprint(parts: readonly string[]): string {
  let hash = 0x811c9dc5;
  const text = parts.join('\u0000');
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(16).padStart(8, '0');
}

export function encodePageToken(offset: number, requestFingerprint: string): string {
  return Buffer.from(JSON.stringify({ o: offset, f: requestFingerprint }), 'utf8').toString('base64url');
}

/** The offset the token points at, or null when it is not a token for this request. */
export function decodePageToken(token: string, requestFingerprint: string): number | null {
  try {
    const decoded: unknown = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
    if (typeof decoded !== 'object' || decoded === null) return null;
    const { o, f } = decoded as { o?: unknown; f?: unknown };
    return typeof o === 'number' && Number.isInteger(o) && o >= 0 && f === requestFingerprint ? o : null;
  } catch {
    return null;
  }
}
