/**
 * Stands in for @atlaskit/feature-gate-js-client in the page builds (scripts/build-pages.mjs).
 * Atlaskit components ask that client (Statsig, ~110 KB minified) for feature gates. A Forge app
 * never initialises it inside its frame, so every gate it answers is off and every experiment is
 * at its default value; this module gives those same answers without the weight (or the console
 * error an uninitialised client logs).
 */
type Fallback = <T>(name: string, parameter: string, defaultValue: T) => T;

const off = () => false;
const defaultValue: Fallback = (_name, _parameter, value) => value;

const known: Record<string, unknown> = {
  checkGate: off,
  checkGateWithoutExposure: off,
  getExperimentValue: defaultValue,
  getExperimentValueWithoutExposure: defaultValue,
  initializeCompleted: off,
  isGateExists: off,
  isExperimentExists: off,
  initialize: () => Promise.resolve(),
  initializeFromValues: () => Promise.resolve(),
  getExperiment: () => ({ get: <T>(_parameter: string, value: T) => value }),
  getLayer: () => ({ get: <T>(_parameter: string, value: T) => value }),
};

/** Anything else a component may call answers "nothing" rather than throwing. */
const FeatureGates: Record<string, unknown> = new Proxy(known, {
  get: (target, property) => (typeof property === 'string' && property in target ? target[property] : () => undefined),
});

export default FeatureGates;
