import { describe, expect, it } from 'vitest';
import { maxVersionLength, reportedVersion } from './versions';

describe('reportedVersion', () => {
  it('takes plain semantic versions', () => {
    for (const v of ['0.1.0', '0.2.0', '10.20.30', '1.4.0-rc.1', '1.4.0-beta-2', '1.4.0+build.7', '2.0.0-rc.1+abc']) {
      expect(reportedVersion(v)).toBe(v);
    }
  });

  it('ignores anything else', () => {
    const bad = [
      undefined,
      '',
      'v0.1.0',
      '0.1',
      '0.1.0.4',
      '01.1.0',
      ' 0.1.0',
      '0.1.0 ',
      '0.1.0-',
      '0.1.0-rc..1',
      '0.1.0<script>',
      '0.1.0\n',
      '１.２.３',
      `0.1.0-${'a'.repeat(maxVersionLength)}`,
    ];
    for (const v of bad) expect(reportedVersion(v)).toBeNull();
    expect(reportedVersion(['0.1.0', '0.2.0'])).toBeNull();
  });
});
