import type { z } from 'zod';
import { RequestError } from './openai/request-error';

/**
 * The request body as JSON, read up to `maxBytes`: a larger body is refused with a 413 as soon
 * as it passes the limit, without reading the rest into memory.
 */
export async function readJsonBody(request: Request, maxBytes: number): Promise<unknown> {
  const declared = Number(request.headers.get('content-length') ?? Number.NaN);
  if (declared > maxBytes) throw tooLarge(maxBytes);
  const chunks: Uint8Array[] = [];
  let received = 0;
  if (request.body !== null) {
    for await (const chunk of request.body) {
      received += chunk.byteLength;
      if (received > maxBytes) throw tooLarge(maxBytes);
      chunks.push(chunk);
    }
  }
  const text = new TextDecoder().decode(Buffer.concat(chunks));
  if (text.trim() === '') {
    throw new RequestError({ status: 400, message: 'the request has no body: send a JSON object' });
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new RequestError({
      status: 400,
      code: 'invalid_json',
      message: `the body is not valid JSON (${(error as Error).message})`,
      cause: error,
    });
  }
}

/** Parses a request with its schema; the first problem is named by its field. */
export function parseRequest<Schema extends z.ZodType>(
  schema: Schema,
  body: unknown,
): z.output<Schema> {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new RequestError({ status: 400, message: 'the body must be a JSON object' });
  }
  const result = schema.safeParse(body);
  if (result.success) return result.data;
  const issue = closestIssue(result.error.issues[0]);
  const param = issue?.path.map(String).join('.') ?? '';
  throw new RequestError({
    status: 400,
    param: param === '' ? null : param,
    code: 'invalid_value',
    message: `${param === '' ? 'the body' : param}: ${issue?.message ?? 'invalid'}`,
    cause: result.error,
  });
}

function tooLarge(maxBytes: number): RequestError {
  return new RequestError({
    status: 413,
    code: 'request_too_large',
    message: `the request body is larger than ${maxBytes} bytes, the server's limit`,
  });
}

/**
 * The issue that says most: of a union none of whose branches matched, the issue of the branch
 * that got furthest into the value (a list of parts whose first part has an unknown type says
 * so), with the union's path before it; the union's own message when no branch got further.
 */
function closestIssue(issue: z.core.$ZodIssue | undefined): z.core.$ZodIssue | undefined {
  if (issue?.code !== 'invalid_union') return issue;
  const deepest = issue.errors
    .map((branch) => branch[0])
    .filter((branchIssue) => branchIssue !== undefined)
    .sort((a, b) => b.path.length - a.path.length)[0];
  if (deepest === undefined || deepest.path.length === 0) return issue;
  return closestIssue({ ...deepest, path: [...issue.path, ...deepest.path] });
}
