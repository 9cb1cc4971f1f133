/** Small helpers for the preview's node:http server. */
import type { IncomingMessage, ServerResponse } from 'node:http';

export const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.map': 'application/json; charset=utf-8',
};

export function send(res: ServerResponse, status: number, body: string | Buffer, contentType: string, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': contentType, 'cache-control': 'no-cache', 'x-content-type-options': 'nosniff', ...headers });
  res.end(body);
}

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  send(res, status, JSON.stringify(body), CONTENT_TYPES['.json']!);
}

export function sendText(res: ServerResponse, status: number, text: string): void {
  send(res, status, text, 'text/plain; charset=utf-8');
}

/**
 * The request body as text; null when it is over `limitBytes`. An oversized body is still read to
 * its end (and dropped), so the refusal can be answered on the same connection.
 */
export function readBody(req: IncomingMessage, limitBytes: number): Promise<string | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limitBytes) chunks.push(chunk);
    });
    req.on('end', () => resolve(size > limitBytes ? null : Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/**
 * The request body as text, or null as soon as it is known to be over `limitBytes`: from its
 * Content-Length before a byte is read, else once the bytes read pass the limit. Nothing more is
 * read after that; the caller answers with `sendRefusalAndClose`, which ends the connection.
 */
export function readBodyWithin(req: IncomingMessage, limitBytes: number): Promise<string | null> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limitBytes) return Promise.resolve(null);
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limitBytes) return void chunks.push(chunk);
      req.off('data', onData);
      req.pause();
      resolve(null);
    };
    req.on('data', onData);
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/**
 * Answers a request whose body was not (all) read, then closes the connection, so the rest of the
 * body is never read (keeping the connection alive would mean reading it to its end first).
 */
export function sendRefusalAndClose(req: IncomingMessage, res: ServerResponse, status: number, body: unknown): void {
  send(res, status, JSON.stringify(body), CONTENT_TYPES['.json']!, { connection: 'close' });
  res.on('finish', () => req.socket.destroySoon());
}

/** JSON for inside a <script> element: `<` escaped so no text can close the element. */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}
