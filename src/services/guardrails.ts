/**
 * The portfolio's guardrails: capacity allocation targets by investment type with a tolerance, and
 * the approval threshold (portfolio-wide, or per value stream). One versioned document.
 */
import { GUARDRAILS_SCHEMA_VERSION, guardrailsDocumentSchema } from '../contract/documents';
import type { Guardrails, GuardrailsDocument } from '../contract/documents';
import { InvalidInputError } from '../errors';
import type { ServiceContext } from './context';
import { readDocument, writeDocumentWithHistory } from './documents';
import type { DocumentKind } from './documents';

const GUARDRAILS_KEY = 'portfolio';

export const guardrailsKind: DocumentKind<GuardrailsDocument> = {
  collection: 'guardrails',
  currentSchemaVersion: GUARDRAILS_SCHEMA_VERSION,
  schema: guardrailsDocumentSchema,
};

/** Until a manager saves: SAFe's three categories without targets, 5% tolerance, no threshold. */
export function defaultGuardrails(): Guardrails {
  return {
    investmentTypes: [
      { id: 'business', name: 'Business', target: null },
      { id: 'enabler', name: 'Enabler', target: null },
      { id: 'maintenance', name: 'Maintenance', target: null },
    ],
    tolerance: 0.05,
    approvalThreshold: null,
    approvalThresholdByValueStream: {},
  };
}

export function loadGuardrails(ctx: ServiceContext): Promise<{ guardrails: Guardrails; version: number | null }> {
  return ctx.memo('guardrails', async () => {
    const stored = await readDocument(ctx.store, guardrailsKind, GUARDRAILS_KEY);
    if (!stored) return { guardrails: defaultGuardrails(), version: null };
    const { schemaVersion: _schemaVersion, ...guardrails } = stored.value;
    return { guardrails, version: stored.version };
  });
}

const SUM_SLACK = 1e-9;

export function guardrailProblems(guardrails: Guardrails): string[] {
  const problems: string[] = [];
  const ids = new Set<string>();
  let targets = 0;
  for (const type of guardrails.investmentTypes) {
    if (ids.has(type.id)) problems.push(`Duplicate investment type "${type.id}"`);
    ids.add(type.id);
    targets += type.target ?? 0;
  }
  if (targets > 1 + SUM_SLACK) problems.push(`Allocation targets sum to ${Math.round(targets * 1000) / 1000}, above 1`);
  return problems;
}

export async function saveGuardrails(ctx: ServiceContext, guardrails: Guardrails, version: number | null): Promise<{ guardrails: Guardrails; version: number }> {
  const problems = guardrailProblems(guardrails);
  if (problems.length > 0) throw new InvalidInputError(`guardrails: ${problems.join('; ')}`);
  const before = await loadGuardrails(ctx);
  const newVersion = await writeDocumentWithHistory(
    ctx,
    guardrailsKind,
    GUARDRAILS_KEY,
    { schemaVersion: GUARDRAILS_SCHEMA_VERSION, ...guardrails },
    version,
    'the guardrails',
    {
      action: 'guardrails/save',
      subject: { kind: 'budget', key: 'guardrails' },
      summary: `Guardrails saved: ${guardrails.investmentTypes.map((type) => `${type.name} ${type.target === null ? 'no target' : `${Math.round(type.target * 100)}%`}`).join(', ')}; approval threshold ${guardrails.approvalThreshold ?? 'none'}`,
      changes: [{ field: 'guardrails', from: before.guardrails, to: guardrails }],
    },
  );
  return { guardrails, version: newVersion };
}
