/** Loads a resolver's data for a component: loading → ready | error, with a way to reload. */
import { useCallback, useEffect, useState } from 'react';
import type { ResolverInput, ResolverKey, ResolverOutput } from '../../src/contract/resolvers';
import { invoke, ResolverCallError } from './invoke';

export type Loadable<T> =
  | { readonly status: 'loading' }
  | { readonly status: 'error'; readonly error: ResolverCallError }
  | { readonly status: 'ready'; readonly data: T };

export function asCallError(error: unknown): ResolverCallError {
  return error instanceof ResolverCallError ? error : new ResolverCallError('invoke_failed', error instanceof Error ? error.message : String(error));
}

/** An answer the page already has (from another resolver's answer) for one payload: not asked again while the payload is that one. */
export interface Preset<K extends ResolverKey> {
  readonly payload: ResolverInput<K>;
  readonly data: ResolverOutput<K>;
}

export function useResolver<K extends ResolverKey>(
  key: K,
  payload: ResolverInput<K>,
  preset?: Preset<K>,
): { state: Loadable<ResolverOutput<K>>; reload: () => void; replace: (data: ResolverOutput<K>) => void } {
  // The payload is plain JSON: its text is a stable dependency.
  const payloadText = JSON.stringify(payload);
  const presetData = preset !== undefined && JSON.stringify(preset.payload) === payloadText ? preset.data : undefined;
  const [state, setState] = useState<Loadable<ResolverOutput<K>>>(presetData === undefined ? { status: 'loading' } : { status: 'ready', data: presetData });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    let current = true;
    // The preset answers the payload until a reload asks again.
    if (presetData !== undefined && attempt === 0) {
      setState({ status: 'ready', data: presetData });
      return;
    }
    setState({ status: 'loading' });
    invoke(key, JSON.parse(payloadText) as ResolverInput<K>).then(
      (data) => current && setState({ status: 'ready', data }),
      (error: unknown) => current && setState({ status: 'error', error: asCallError(error) }),
    );
    return () => {
      current = false;
    };
  }, [key, payloadText, attempt, presetData]);

  const reload = useCallback(() => setAttempt((n) => n + 1), []);
  const replace = useCallback((data: ResolverOutput<K>) => setState({ status: 'ready', data }), []);
  return { state, reload, replace };
}
