/**
 * The WSJF issue property, read leniently (anyone with edit rights can write issue properties, and
 * older writers left out `version`) and written in the one shape the JQL index expects.
 */
import { WSJF_SCHEMA_VERSION, wsjfPropertyReadSchema } from '../contract/documents';
import type { WsjfProperty } from '../contract/documents';
import { costOfDelay, wsjfScore } from '../domain/wsjf';
import type { WsjfComponents } from '../domain/wsjf';

export interface WsjfReading {
  readonly components: WsjfComponents;
  readonly costOfDelay: number | null;
  readonly wsjfScore: number | null;
  /** Null when the epic has no property; a property written without a version counts as version 1. */
  readonly version: number | null;
}

const NO_PROPERTY: WsjfReading = {
  components: { userBusinessValue: null, timeCriticality: null, riskReductionOpportunityEnablement: null, jobSize: null },
  costOfDelay: null,
  wsjfScore: null,
  version: null,
};

/** Score and cost of delay are recomputed by the domain, never taken from the property. */
export function readWsjfProperty(raw: unknown): WsjfReading {
  const parsed = wsjfPropertyReadSchema.safeParse(raw);
  if (!parsed.success) return NO_PROPERTY;
  const { version, ...components } = parsed.data;
  return wsjfReadingOf(components, version);
}

/** The reading of components already checked (a page's card keeps them); null version: no property. */
export function wsjfReadingOf(components: WsjfComponents, version: number | null): WsjfReading {
  return version === null ? NO_PROPERTY : { components, costOfDelay: costOfDelay(components), wsjfScore: wsjfScore(components), version };
}

export function wsjfPropertyValue(
  components: WsjfComponents,
  version: number,
  theme: string | null,
  updatedAt: number,
  updatedBy: string,
): WsjfProperty {
  return {
    schemaVersion: WSJF_SCHEMA_VERSION,
    version,
    ...components,
    costOfDelay: costOfDelay(components),
    wsjfScore: wsjfScore(components),
    theme,
    updatedAt,
    updatedBy,
  };
}
