/**
 * A scoring session's drafts survive a reload of the page (or of Jira around it): they are kept in
 * the frame's sessionStorage until saved or discarded. What is read back is checked, so a value
 * left by another version of the page is ignored rather than trusted.
 */
import { z } from 'zod';
import { COMPONENT_NAMES } from '../../../src/domain/wsjf';
import type { Draft } from './session';

const STORAGE_KEY = 'lean-portfolio.wsjf-drafts.v1';

const textSchema = z.string().max(20);
const storedSchema = z.array(
  z.tuple([
    z.string().max(40),
    z.object({
      text: z.object(Object.fromEntries(COMPONENT_NAMES.map((name) => [name, textSchema])) as Record<(typeof COMPONENT_NAMES)[number], typeof textSchema>),
      baseVersion: z.number().int().min(1).nullable(),
    }),
  ]),
);

export function parseStoredDrafts(text: string | null): Map<string, Draft> {
  if (text === null) return new Map();
  try {
    const parsed = storedSchema.safeParse(JSON.parse(text));
    return parsed.success ? new Map(parsed.data) : new Map();
  } catch {
    return new Map();
  }
}

export function loadDrafts(): Map<string, Draft> {
  try {
    return parseStoredDrafts(window.sessionStorage.getItem(STORAGE_KEY));
  } catch {
    // Storage can be unavailable (privacy settings): the session then lives in the page only.
    return new Map();
  }
}

export function storeDrafts(drafts: ReadonlyMap<string, Draft>): void {
  try {
    if (drafts.size === 0) window.sessionStorage.removeItem(STORAGE_KEY);
    else window.sessionStorage.setItem(STORAGE_KEY, JSON.stringify([...drafts]));
  } catch {
    // As above: nothing more to do than keep them in the page.
  }
}
