/** A Log that keeps what it was told: tests assert on it, the bench fails a run that warned. */
import type { Log } from '../ports';

export interface LogEntry {
  level: 'info' | 'warn' | 'error';
  message: string;
  data?: Record<string, unknown>;
}

export function recordingLog(): Log & { entries: LogEntry[] } {
  const entries: LogEntry[] = [];
  const write = (level: LogEntry['level']) => (message: string, data?: Record<string, unknown>) => void entries.push({ level, message, data });
  return { entries, info: write('info'), warn: write('warn'), error: write('error') };
}
