/** Raw HTTP helpers for the simulator's own tests: they look at bytes, not at a client library's view. */
import { request } from 'node:http';

export function postJson(url: string, body: unknown, signal?: AbortSignal): Promise<Response> {
  return fetch(url, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
    signal,
  });
}

/** The NDJSON lines of a response body, checking the framing: every line, the last included, ends with '\n'. */
export async function ndjsonLines(response: Response): Promise<Record<string, unknown>[]> {
  const text = await response.text();
  if (!text.endsWith('\n')) throw new Error(`NDJSON body does not end with a newline: ${JSON.stringify(text.slice(-80))}`);
  return text
    .slice(0, -1)
    .split('\n')
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  /** Body bytes exactly as each network read delivered them. */
  chunks: Buffer[];
}

/** POSTs with node:http so each body chunk can be seen as it arrived. */
export function rawPost(url: string, body: unknown): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'POST', headers: { 'Content-Type': 'application/json' } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, chunks }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(JSON.stringify(body));
  });
}

/** Whether the bytes end part-way through a UTF-8 character. */
export function endsInsideCharacter(bytes: Uint8Array): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return false;
  } catch {
    return true;
  }
}
