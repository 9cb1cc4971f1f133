/**
 * A deep walk of an answer (every string value and every object key, at any depth) for anything
 * that names an epic the reader may not browse: its key, its issue id, its summary, or a marker
 * text that was written only into that epic's documents.
 */

export interface Secrets {
  /** Issue keys the reader may not browse. */
  readonly keys: ReadonlySet<string>;
  /** Issue ids (matched as whole strings: ids are short numbers that occur inside other text). */
  readonly ids: ReadonlySet<string>;
  /** Summaries and marker texts (matched anywhere inside a string). */
  readonly texts: readonly string[];
}

export interface Leak {
  readonly path: string;
  readonly what: string;
  readonly found: string;
}

const ISSUE_KEY = /\b[A-Z][A-Z0-9_]*-\d+\b/g;

/** `allowed` are keys the reader named themselves (an echo of their own input tells them nothing). */
export function leaksIn(value: unknown, secrets: Secrets, allowed: ReadonlySet<string> = new Set()): Leak[] {
  const leaks: Leak[] = [];
  const checkString = (text: string, path: string) => {
    for (const key of text.match(ISSUE_KEY) ?? []) if (secrets.keys.has(key) && !allowed.has(key)) leaks.push({ path, what: 'key', found: key });
    if (secrets.ids.has(text)) leaks.push({ path, what: 'id', found: text });
    for (const secret of secrets.texts) if (text.includes(secret)) leaks.push({ path, what: 'text', found: secret });
  };
  const walk = (node: unknown, path: string) => {
    if (typeof node === 'string') checkString(node, path);
    else if (Array.isArray(node)) node.forEach((item, index) => walk(item, `${path}[${index}]`));
    else if (node !== null && typeof node === 'object') {
      for (const [name, child] of Object.entries(node)) {
        checkString(name, `${path}{key}`);
        walk(child, `${path}.${name}`);
      }
    }
  };
  walk(value, '$');
  return leaks;
}
