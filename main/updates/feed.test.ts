import { describe, expect, it } from 'vitest';
import { updateFeedOf } from './feed';

const credential = '0b7c1f6e-2d1a-4c57-9a55-3f0a1f2b3c4d.c2VjcmV0';

describe('updateFeedOf', () => {
  it("is the enrolled central's /updates/, with the credential and the version as headers", () => {
    expect(updateFeedOf({ centralUrl: 'https://central.example.gov.cn', credential }, '0.1.0')).toEqual({
      ok: true,
      feed: {
        url: 'https://central.example.gov.cn/updates/',
        headers: { authorization: `Bearer ${credential}`, 'x-yichuang-version': '0.1.0' },
      },
    });
  });

  it('keeps a path prefix and drops trailing slashes, a query and a fragment', () => {
    const url = (centralUrl: string) => {
      const answer = updateFeedOf({ centralUrl, credential }, '0.1.0');
      return answer.ok ? answer.feed.url : answer.reason;
    };
    expect(url('https://central.example.gov.cn/')).toBe('https://central.example.gov.cn/updates/');
    expect(url('https://hall.example.gov.cn/central//')).toBe('https://hall.example.gov.cn/central/updates/');
    expect(url('https://central.example.gov.cn:8443/?x=1#y')).toBe('https://central.example.gov.cn:8443/updates/');
    expect(url('http://127.0.0.1:8700')).toBe('http://127.0.0.1:8700/updates/');
    expect(url('http://localhost:8700/')).toBe('http://localhost:8700/updates/');
    expect(url('http://[::1]:8700/')).toBe('http://[::1]:8700/updates/');
  });

  it('has no feed before enrolment, for an address that is not one, or over plain HTTP to another machine', () => {
    const reason = (answer: ReturnType<typeof updateFeedOf>) => (answer.ok ? null : answer.reason);
    expect(reason(updateFeedOf(null, '0.1.0'))).toContain('尚未注册');
    expect(updateFeedOf({ centralUrl: 'not a url', credential }, '0.1.0')).toMatchObject({ ok: false });
    for (const centralUrl of [
      'http://192.168.1.20:8700',
      'http://central.example.gov.cn',
      'ftp://central.example.gov.cn',
    ]) {
      expect(reason(updateFeedOf({ centralUrl, credential }, '0.1.0')), centralUrl).toContain('https');
    }
  });
});
