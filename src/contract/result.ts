/** The envelope every resolver returns, shared by src/ and static/. */
import { z } from 'zod';

export const ERROR_CODES = ['invalid_input', 'forbidden', 'not_found', 'conflict', 'jira_unavailable', 'invalid_data'] as const;
export const errorCodeSchema = z.enum(ERROR_CODES);
export type ErrorCode = z.infer<typeof errorCodeSchema>;

export interface ResolverError {
  readonly code: ErrorCode;
  readonly message: string;
}

export type Result<T> = { readonly ok: true; readonly data: T } | { readonly ok: false; readonly error: ResolverError };

export const ok = <T>(data: T): Result<T> => ({ ok: true, data });
export const fail = (code: ErrorCode, message: string): Result<never> => ({ ok: false, error: { code, message } });
