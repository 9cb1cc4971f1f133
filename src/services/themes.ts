/** Strategic themes and value streams: one versioned document each, changed by portfolio managers. */
import { THEMES_SCHEMA_VERSION, VALUE_STREAMS_SCHEMA_VERSION, themesDocumentSchema, valueStreamsDocumentSchema } from '../contract/documents';
import type { Theme, ThemesDocument, ValueStream, ValueStreamsDocument } from '../contract/documents';
import { validateThemes, valueStreamProblems } from '../domain/themes';
import { InvalidInputError } from '../errors';
import type { StorePort } from '../ports';
import type { ServiceContext } from './context';
import { readDocument, writeDocumentWithHistory } from './documents';
import type { DocumentKind } from './documents';
import { listChanges } from './history';

const THEMES_KEY = 'themes';
const VALUE_STREAMS_KEY = 'valueStreams';

export const themesKind: DocumentKind<ThemesDocument> = {
  collection: 'themes',
  currentSchemaVersion: THEMES_SCHEMA_VERSION,
  schema: themesDocumentSchema,
  migrations: {
    // Schema 2 added colour and active quarters: a schema-1 theme is blue and always active.
    1: (raw) => ({
      ...raw,
      themes: Array.isArray(raw.themes)
        ? raw.themes.map((theme: unknown) => (typeof theme === 'object' && theme !== null ? { colour: 'blue', activeQuarters: [], ...theme } : theme))
        : raw.themes,
    }),
  },
};
export const valueStreamsKind: DocumentKind<ValueStreamsDocument> = {
  collection: 'valueStreams',
  currentSchemaVersion: VALUE_STREAMS_SCHEMA_VERSION,
  schema: valueStreamsDocumentSchema,
};

export async function loadThemes(store: StorePort): Promise<{ themes: Theme[]; version: number | null }> {
  const stored = await readDocument(store, themesKind, THEMES_KEY);
  return { themes: stored?.value.themes ?? [], version: stored?.version ?? null };
}

export async function loadValueStreams(store: StorePort): Promise<{ valueStreams: ValueStream[]; version: number | null }> {
  const stored = await readDocument(store, valueStreamsKind, VALUE_STREAMS_KEY);
  return { valueStreams: stored?.value.valueStreams ?? [], version: stored?.version ?? null };
}

/** "added A, B; removed C; changed D" for the history. */
function describeListChange<T extends { id: string; name: string }>(before: readonly T[], after: readonly T[]): string {
  const beforeById = new Map(before.map((item) => [item.id, item]));
  const afterIds = new Set(after.map((item) => item.id));
  const added = after.filter((item) => !beforeById.has(item.id)).map((item) => item.name);
  const removed = before.filter((item) => !afterIds.has(item.id)).map((item) => item.name);
  const changed = after
    .filter((item) => beforeById.has(item.id) && JSON.stringify(beforeById.get(item.id)) !== JSON.stringify(item))
    .map((item) => item.name);
  const parts = [
    added.length > 0 ? `added ${added.join(', ')}` : '',
    removed.length > 0 ? `removed ${removed.join(', ')}` : '',
    changed.length > 0 ? `changed ${changed.join(', ')}` : '',
  ].filter((part) => part !== '');
  return parts.length === 0 ? 'unchanged' : parts.join('; ');
}

export async function saveThemes(ctx: ServiceContext, themes: Theme[], version: number | null): Promise<{ themes: Theme[]; version: number }> {
  const problems = validateThemes(themes);
  if (problems.length > 0) throw new InvalidInputError(`themes: ${problems.join('; ')}`);
  const before = await loadThemes(ctx.store);
  const newVersion = await writeDocumentWithHistory(
    ctx,
    themesKind,
    THEMES_KEY,
    { schemaVersion: THEMES_SCHEMA_VERSION, themes },
    version,
    'the strategic themes',
    {
      action: 'themes/save',
      subject: { kind: 'themes', key: THEMES_KEY },
      summary: `Themes ${describeListChange(before.themes, themes)}`,
      changes: listChanges('themes', before.themes, themes),
    },
  );
  return { themes, version: newVersion };
}

export async function saveValueStreams(
  ctx: ServiceContext,
  valueStreams: ValueStream[],
  version: number | null,
): Promise<{ valueStreams: ValueStream[]; version: number }> {
  const problems = valueStreamProblems(valueStreams);
  if (problems.length > 0) throw new InvalidInputError(`valueStreams: ${problems.join('; ')}`);
  const before = await loadValueStreams(ctx.store);
  const newVersion = await writeDocumentWithHistory(
    ctx,
    valueStreamsKind,
    VALUE_STREAMS_KEY,
    { schemaVersion: VALUE_STREAMS_SCHEMA_VERSION, valueStreams },
    version,
    'the value streams',
    {
      action: 'valueStreams/save',
      subject: { kind: 'valueStreams', key: VALUE_STREAMS_KEY },
      summary: `Value streams ${describeListChange(before.valueStreams, valueStreams)}`,
      changes: listChanges('valueStreams', before.valueStreams, valueStreams),
    },
  );
  return { valueStreams, version: newVersion };
}
