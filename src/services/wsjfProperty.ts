/**
 * The WSJF issue property, read leniently (anyone with edit rights can write issue properties, and
 * older writers left out `version`) and written in the one shape the JQL index expects.
 */
import { WSJF_SCHEMA_VERSION } from '../contract/documents';
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

const UNSCORED: WsjfComponents = { userBusinessValue: null, timeCriticality: null, riskReductionOpportunityEnablement: null, jobSize: null };

function component(raw: Record<string, unknown>, name: keyof WsjfComponents): number | null {
  const value = raw[name];
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

/** Score and cost of delay are recomputed by the domain, never taken from the property. */
export function readWsjfProperty(raw: unknown): WsjfReading {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
    return { components: UNSCORED, costOfDelay: null, wsjfScore: null, version: null };
  const record = raw as Record<string, unknown>;
  const components: WsjfComponents = {
    userBusinessValue: component(record, 'userBusinessValue'),
    timeCriticality: component(record, 'timeCriticality'),
    riskReductionOpportunityEnablement: component(record, 'riskReductionOpportunityEnablement'),
    jobSize: component(record, 'jobSize'),
  };
  const version = typeof record.version === 'number' && Number.isInteger(record.version) && record.version >= 1 ? record.version : 1;
  return { components, costOfDelay: costOfDelay(components), wsjfScore: wsjfScore(components), version };
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
