import { type MscDomain, mscDomainByCode } from './msc-2020';

/** A two-digit code read from a classifier's reply, and the area it names, if s1 uses it. */
export interface ParsedDomainCode {
  /** The two digits, e.g. `05`. */
  code: string;
  /** The MSC2020 area s1 uses for the code, or undefined for a code it does not use. */
  domain: MscDomain | undefined;
}

/**
 * Reads the code at the end of a classifier's reply: its last two characters must both be
 * digits, else undefined (s1 then asks again). Trailing whitespace is ignored, since local models
 * often write a newline before they stop. A code s1 does not use gives an undefined domain.
 *
 * @example
 * parseDomainCode('It counts lattice paths.\n05')?.domain?.title; // 'Combinatorics'
 * parseDomainCode('It is about code 5'); // undefined
 * parseDomainCode('General topics\n00'); // { code: '00', domain: undefined }
 */
export function parseDomainCode(reply: string): ParsedDomainCode | undefined {
  const code = reply.trimEnd().slice(-2);
  if (!/^[0-9]{2}$/.test(code)) return undefined;
  return { code, domain: mscDomainByCode(code) };
}
