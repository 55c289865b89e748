import { describe, expect, it } from 'vitest';
import { msc2020Domains, mscDomainByCode } from './msc-2020';

// The codes of s1's data/msc.json (github.com/simplescaling/s1): 03, 05, 06, 08, 11–20, 22, 26–35,
// 37, 39–47, 49, 51–55, 57, 58, 60, 62, 65, 68, 70, 74, 76, 78, 80–83, 85, 86, 90–94, 97 (26–35 has
// no 27 or 29 in MSC2020).
// biome-ignore format: a table of codes reads better in rows
const s1Codes = [
  '03', '05', '06', '08', '11', '12', '13', '14', '15', '16', '17', '18', '19', '20', '22',
  '26', '28', '30', '31', '32', '33', '34', '35', '37', '39', '40', '41', '42', '43', '44',
  '45', '46', '47', '49', '51', '52', '53', '54', '55', '57', '58', '60', '62', '65', '68',
  '70', '74', '76', '78', '80', '81', '82', '83', '85', '86', '90', '91', '92', '93', '94',
  '97',
];

describe('msc2020Domains', () => {
  it('should hold the 61 codes s1 uses, in order, each once', () => {
    expect(s1Codes).toHaveLength(61);
    expect(msc2020Domains.map((domain) => domain.code)).toEqual(s1Codes);
  });

  it('should carry the official titles', () => {
    expect(mscDomainByCode('03')?.title).toBe('Mathematical logic and foundations');
    expect(mscDomainByCode('05')?.title).toBe('Combinatorics');
    expect(mscDomainByCode('11')?.title).toBe('Number theory');
    expect(mscDomainByCode('51')?.title).toBe('Geometry');
    expect(mscDomainByCode('81')?.title).toBe('Quantum theory');
    expect(mscDomainByCode('97')?.title).toBe('Mathematics education');
  });

  it("should keep s1's own labels where they differ", () => {
    expect(mscDomainByCode('91')?.s1Title).toBe(
      'Game theory, economics, social and behavioral sciences',
    );
    expect(msc2020Domains.filter((domain) => domain.s1Title !== undefined)).toHaveLength(4);
  });

  it('should describe every area and give distinct titles', () => {
    for (const domain of msc2020Domains) expect(domain.description.length).toBeGreaterThan(10);
    expect(new Set(msc2020Domains.map((domain) => domain.title)).size).toBe(61);
  });

  it('should not know codes s1 does not use', () => {
    expect(mscDomainByCode('00')).toBeUndefined();
    expect(mscDomainByCode('27')).toBeUndefined();
  });
});
