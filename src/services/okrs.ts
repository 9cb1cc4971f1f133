/** OKRs per quarter: objectives with key results, their progress decided by the domain. */
import { OKRS_SCHEMA_VERSION, okrsDocumentSchema } from '../contract/documents';
import type { Objective, OkrsDocument } from '../contract/documents';
import type { ResolverOutput } from '../contract/resolvers';
import { keyResultProgress, objectiveProgress, okrProblems } from '../domain/okr';
import { InvalidInputError } from '../errors';
import type { ServiceContext } from './context';
import { readDocument, writeDocumentWithHistory } from './documents';
import type { DocumentKind } from './documents';
import { currentQuarter } from './settings';

export type OkrsView = ResolverOutput<'okrs/list'>;

export const okrsKind: DocumentKind<OkrsDocument> = {
  collection: 'okrs',
  currentSchemaVersion: OKRS_SCHEMA_VERSION,
  schema: okrsDocumentSchema,
};

function okrsView(period: string, objectives: readonly Objective[], version: number | null): OkrsView {
  return {
    period,
    version,
    objectives: objectives.map((objective) => ({
      ...objective,
      progress: objectiveProgress(objective.keyResults),
      keyResults: objective.keyResults.map((keyResult) => ({ ...keyResult, progress: keyResultProgress(keyResult) })),
    })),
  };
}

/** Without a period: the quarter containing today in the portfolio's time zone. */
export async function listOkrs(ctx: ServiceContext, requested?: string): Promise<OkrsView> {
  const period = requested ?? (await currentQuarter(ctx));
  const stored = await readDocument(ctx.store, okrsKind, period);
  return okrsView(period, stored?.value.objectives ?? [], stored?.version ?? null);
}

export async function saveOkrs(ctx: ServiceContext, period: string, objectives: Objective[], version: number | null): Promise<OkrsView> {
  const problems = okrProblems(objectives);
  if (problems.length > 0) throw new InvalidInputError(`objectives: ${problems.join('; ')}`);
  const newVersion = await writeDocumentWithHistory(
    ctx,
    okrsKind,
    period,
    { schemaVersion: OKRS_SCHEMA_VERSION, period, objectives },
    version,
    `the OKRs for ${period}`,
    {
      action: 'okrs/save',
      subject: { kind: 'okrs', key: period },
      summary: `OKRs ${period} saved: ${objectives.length} objectives, ${objectives.reduce((sum, o) => sum + o.keyResults.length, 0)} key results`,
      changes: [],
    },
  );
  return okrsView(period, objectives, newVersion);
}
