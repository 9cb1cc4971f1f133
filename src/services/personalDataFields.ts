/**
 * Where a stored document names an Atlassian account, and the same document with closed accounts
 * anonymised. Pure functions over JSON values, so one walk serves every collection (history
 * entries, business-case decisions, participatory sessions, OKR owners and check-ins, review
 * marks, WSJF authors in the epic cache, the WSJF register's pending entries) and any new document
 * that names people the same way.
 *
 * How documents name people (src/contract/documents.ts): an account id under `accountId`,
 * `openedBy`, `markedBy` or `updatedBy`, or in a `participants` list; a display name kept with an
 * id as its sibling `displayName`; when it was stored as a sibling time (`at`, `openedAt`,
 * `markedAt`, `updatedAt`), else the nearest enclosing object's time.
 */

/** What a closed account's id becomes: Atlassian's own word for an account it cannot name. */
export const ANONYMOUS_ACCOUNT_ID = 'unknown';
/** What a closed account's display name becomes, as Jira shows such people. */
export const FORMER_USER_NAME = 'Former user';

/** Keys holding one account id → the sibling key saying when it was stored. */
const ACCOUNT_KEYS: Readonly<Record<string, string>> = { accountId: 'at', openedBy: 'openedAt', markedBy: 'markedAt', updatedBy: 'updatedAt' };
/** Keys holding a list of account ids. */
const ACCOUNT_LIST_KEYS: ReadonlySet<string> = new Set(['participants']);
const TIME_KEYS = ['at', 'openedAt', 'markedAt', 'updatedAt'] as const;
/** Stored documents are a few levels deep; a deeper value is not walked further (no runaway recursion). */
const MAX_DEPTH = 32;

export interface AccountMention {
  readonly accountId: string;
  /** Epoch ms when the document stored it; null when nothing in the document says. */
  readonly at: number | null;
  /** The display name kept beside it, if any. */
  readonly displayName?: string;
}

type JsonObject = Record<string, unknown>;
const isObject = (value: unknown): value is JsonObject => typeof value === 'object' && value !== null && !Array.isArray(value);
/** An id the app may hold: not empty (entries written by triggers), not already anonymised. */
export const isAccountId = (value: unknown): value is string =>
  typeof value === 'string' && value.length > 0 && value.length <= 128 && value !== ANONYMOUS_ACCOUNT_ID;

function timeOf(object: JsonObject, key: string | undefined, inherited: number | null): number | null {
  const own = key === undefined ? undefined : object[key];
  if (typeof own === 'number' && Number.isFinite(own)) return own;
  for (const timeKey of TIME_KEYS) {
    const value = object[timeKey];
    if (typeof value === 'number' && Number.isFinite(value)) return value;
  }
  return inherited;
}

/** Every account a stored value names, with when and under which name (duplicates included). */
export function accountMentions(value: unknown): AccountMention[] {
  const mentions: AccountMention[] = [];
  const walk = (node: unknown, inheritedAt: number | null, depth: number): void => {
    if (depth > MAX_DEPTH) return;
    if (Array.isArray(node)) {
      for (const item of node) walk(item, inheritedAt, depth + 1);
      return;
    }
    if (!isObject(node)) return;
    const objectAt = timeOf(node, undefined, inheritedAt);
    for (const [key, timeKey] of Object.entries(ACCOUNT_KEYS)) {
      const id = node[key];
      if (!isAccountId(id)) continue;
      const name = key === 'accountId' && typeof node.displayName === 'string' && node.displayName.trim() !== '' ? node.displayName : undefined;
      mentions.push({ accountId: id, at: timeOf(node, timeKey, inheritedAt), ...(name === undefined ? {} : { displayName: name }) });
    }
    for (const key of ACCOUNT_LIST_KEYS) {
      const list = node[key];
      if (Array.isArray(list)) for (const id of list) if (isAccountId(id)) mentions.push({ accountId: id, at: objectAt });
    }
    for (const child of Object.values(node)) walk(child, objectAt, depth + 1);
  };
  walk(value, null, 0);
  return mentions;
}

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Replaces, inside free text (a history summary, a note), each closed account's id and known
 * display names where they stand as whole words: "Jane" in "Janet" is left alone.
 */
function textReplacer(closed: ReadonlyMap<string, ReadonlySet<string>>): (text: string) => string {
  const words = new Set<string>();
  for (const [id, names] of closed) {
    words.add(id);
    for (const name of names) if (name.trim().length >= 2) words.add(name.trim());
  }
  if (words.size === 0) return (text) => text;
  // Longest first, so "Jane Doe" is replaced before "Jane".
  const alternatives = [...words].sort((a, b) => b.length - a.length).map(escapeRegExp).join('|');
  const pattern = new RegExp(`(?<![\\p{L}\\p{N}])(?:${alternatives})(?![\\p{L}\\p{N}])`, 'gu');
  return (text) => text.replace(pattern, FORMER_USER_NAME);
}

/**
 * The value with every closed account anonymised: its id becomes `ANONYMOUS_ACCOUNT_ID` wherever
 * it is a whole string, a display name kept beside it becomes `FORMER_USER_NAME`, and free text
 * naming it (by id or by a known name) says `FORMER_USER_NAME` instead. Everything else is kept
 * as it was, so a document valid before stays valid. `closed`: id → display names seen for it.
 */
export function anonymiseAccounts(value: unknown, closed: ReadonlyMap<string, ReadonlySet<string>>): { value: unknown; changed: boolean } {
  const replaceText = textReplacer(closed);
  let changed = false;
  const walk = (node: unknown, depth: number): unknown => {
    if (typeof node === 'string') {
      const next = closed.has(node) ? ANONYMOUS_ACCOUNT_ID : replaceText(node);
      if (next !== node) changed = true;
      return next;
    }
    if (depth > MAX_DEPTH) return node;
    if (Array.isArray(node)) return node.map((item) => walk(item, depth + 1));
    if (!isObject(node)) return node;
    const namesClosedAccount = typeof node.accountId === 'string' && closed.has(node.accountId);
    const result: JsonObject = {};
    for (const [key, child] of Object.entries(node)) {
      let next: unknown;
      if (key === 'displayName' && namesClosedAccount && typeof child === 'string') {
        if (child !== FORMER_USER_NAME) changed = true;
        next = FORMER_USER_NAME;
      } else {
        next = walk(child, depth + 1);
      }
      // defineProperty: a stored `__proto__` key stays a key instead of replacing the prototype.
      Object.defineProperty(result, key, { value: next, enumerable: true, writable: true, configurable: true });
    }
    return result;
  };
  const next = walk(value, 0);
  return { value: next, changed };
}
