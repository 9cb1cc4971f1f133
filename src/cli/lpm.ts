#!/usr/bin/env node
import { readFileSync } from 'node:fs';
import { toLocalDate } from '../domain/calendar';
import { run } from './run';

// `lpm … | head` closes the pipe before the output ends: the reader has what it wanted, so stop
// quietly (exit 0) instead of dying with a stack trace.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});

const io = { stdout: (t: string) => process.stdout.write(t), stderr: (t: string) => process.stderr.write(t), readFile: (p: string) => readFileSync(p, 'utf8'), today: (tz: string) => toLocalDate(Date.now(), tz), env: process.env };
void run(process.argv.slice(2), io).then((code) => (process.exitCode = code));
