/**
 * Loads a resolver's data and keeps the last answer on screen while reloading, so forms below it
 * stay mounted and keep what was typed (a reload after a conflict must not lose an edit).
 */
import { useCallback, useEffect, useState } from 'react';
import type { ResolverInput, ResolverKey, ResolverOutput } from '../../../src/contract/resolvers';
import { invoke, type ResolverCallError } from '../../shared/invoke';
import { asCallError } from '../../shared/useResolver';

export interface KeptState<T> {
  readonly data: T | null;
  readonly error: ResolverCallError | null;
  readonly loading: boolean;
}

export function useKeptResolver<K extends ResolverKey>(key: K, payload: ResolverInput<K>) {
  const [state, setState] = useState<KeptState<ResolverOutput<K>>>({ data: null, error: null, loading: true });
  const [attempt, setAttempt] = useState(0);
  const payloadText = JSON.stringify(payload);
  useEffect(() => {
    let current = true;
    setState((previous) => ({ ...previous, loading: true }));
    invoke(key, JSON.parse(payloadText) as ResolverInput<K>).then(
      (data) => current && setState({ data, error: null, loading: false }),
      (error: unknown) => current && setState((previous) => ({ data: previous.data, error: asCallError(error), loading: false })),
    );
    return () => {
      current = false;
    };
  }, [key, payloadText, attempt]);
  const reload = useCallback(() => setAttempt((n) => n + 1), []);
  const replace = useCallback((data: ResolverOutput<K>) => setState({ data, error: null, loading: false }), []);
  return { state, reload, replace };
}
