#!/usr/bin/env node
import { readFileSync } from 'node:fs';
import { toLocalDate } from '../domain/calendar';
import { run } from './run';

const io = { stdout: (t: string) => process.stdout.write(t), stderr: (t: string) => process.stderr.write(t), readFile: (p: string) => readFileSync(p, 'utf8'), today: (tz: string) => toLocalDate(Date.now(), tz), env: process.env };
void run(process.argv.slice(2), io).then((code) => (process.exitCode = code));
