import { timingSafeEqual } from 'node:crypto';
import { RequestError } from '../openai/request-error';

/** A 401 unless `request` carries `Authorization: Bearer <apiKey>`; nothing without a key. */
export function checkBearerToken(
  request: Request,
  apiKey: string | undefined,
): RequestError | undefined {
  if (apiKey === undefined) return undefined;
  const given = /^Bearer\s+(.+)$/i.exec(request.headers.get('authorization') ?? '')?.[1] ?? '';
  const expected = Buffer.from(apiKey);
  const actual = Buffer.from(given);
  // Compared in constant time, so the time taken does not tell how much of a guess was right.
  if (actual.length === expected.length && timingSafeEqual(actual, expected)) return undefined;
  return new RequestError({
    status: 401,
    code: 'invalid_api_key',
    message:
      given === ''
        ? 'this server requires an API key: send Authorization: Bearer <key>'
        : 'the API key is not the one this server was started with',
  });
}
