import { describe, expect, it } from 'vitest';
import { centralAddressProblem } from './central-address';
import { enrolInputSchema } from './sync';

describe("central's address: https, or http on this PC only", () => {
  it.each([
    'https://zx.example.gov.cn',
    'https://10.1.2.3:8700/central',
    'http://127.0.0.1:8790',
    'http://127.8.9.10',
    'http://localhost:8790',
    'http://LOCALHOST',
    'http://[::1]:8790',
  ])('takes %s', (address) => {
    expect(centralAddressProblem(address)).toBeNull();
  });

  it.each([
    'http://example.com',
    'http://10.1.2.3:8700',
    'http://192.168.1.20',
    'http://127.0.0.1.example.com',
    'http://localhost.example.com',
    'http://[::2]',
    'http://128.0.0.1',
  ])('refuses %s as not encrypted', (address) => {
    expect(centralAddressProblem(address)).toBe('central_address_insecure');
  });

  it.each(['ftp://central', 'central.example.gov.cn', '', 'https//x'])('refuses %j as no web address', (address) => {
    expect(centralAddressProblem(address)).toBe('central_address_invalid');
  });

  it('is what enrolment takes, with the catalog’s Chinese message on the field', () => {
    const refused = enrolInputSchema.safeParse({ centralUrl: 'http://example.com', code: 'ABCD-EFGH-JKMN' });
    expect(refused.success).toBe(false);
    expect(refused.error?.issues[0]?.path).toEqual(['centralUrl']);
    expect(refused.error?.issues[0]?.message).toContain('中心地址须使用 https://');
    expect(enrolInputSchema.safeParse({ centralUrl: ' http://127.0.0.1:8790 ', code: 'ABCD-EFGH-JKMN' }).success).toBe(
      true,
    );
  });
});
