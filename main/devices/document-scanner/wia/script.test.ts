import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { colourModes, scanSources, type ScanSettings } from '../../../../preload/contract/document-scanners';
import {
  imageFormats,
  isValidDeviceId,
  listScript,
  pageFileName,
  powershellArgs,
  propertiesScript,
  psQuote,
  scanPlan,
  scanScript,
} from './script';
import { decodeScript, readPsLiteral, scriptHeader } from './testing/powershell';

const deviceId = '{6BDD1FC6-810F-11D0-BEC7-08002BE2092F}\\0001';
const folder = 'C:\\Users\\clerk\\AppData\\Local\\Temp\\yichuang-wia-Ab12Cd';
const a4Duplex: ScanSettings = { source: 'adf_duplex', mode: 'color', resolution: 200, pageSize: 'a4' };

function scan(settings: ScanSettings, id = deviceId, dir = folder) {
  return scriptHeader(decodeScript(powershellArgs(scanScript({ deviceId: id, folder: dir, settings }))));
}

/** The line that sets a property: `Set-Prop <props> <id> <value>` or `Set-Extent …`. */
function setter(body: string, id: number): string {
  const line = body.split('\n').find((l) => new RegExp(`Set-(?:Prop|Extent) \\$\\w+(?:\\.Properties)? ${id} `).test(l));
  if (!line) throw new Error(`property ${id} is never set`);
  return line.trim();
}

// Strings PowerShell would run if they left their literal: quotes of every kind, subexpressions,
// backticks, comment and statement breaks.
const attacks = [
  "x'; Remove-Item -Recurse C:\\; '",
  "x''; calc; ''",
  'x\u2019; calc; \u2018',
  'x\u201A\u201B; calc',
  '$(calc.exe)',
  '`$(calc)` `n',
  '" + $(calc) + "',
  "'; exit; #",
  "@'here'@",
  "扫描仪'; Start-Process calc; '",
];

describe('powershellArgs', () => {
  it('runs the script from UTF-16LE base64, with no profile, no prompt and no policy check', () => {
    const args = powershellArgs('Write-Output "扫描 ✓"');
    expect(args.slice(0, 5)).toEqual([
      '-NoProfile',
      '-NonInteractive',
      '-ExecutionPolicy',
      'Bypass',
      '-EncodedCommand',
    ]);
    expect(args[5]).toMatch(/^[A-Za-z0-9+/]+=*$/);
    expect(decodeScript(args)).toBe('Write-Output "扫描 ✓"');
  });

  it('keeps the scan script within the Windows command line (32 767 characters)', () => {
    const longId = `{6BDD1FC6-810F-11D0-BEC7-08002BE2092F}\\${'9'.repeat(400)}`;
    const args = powershellArgs(scanScript({ deviceId: longId, folder: `C:\\${'t'.repeat(230)}`, settings: a4Duplex }));
    const commandLine = ['C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe', ...args].join(' ');
    expect(commandLine.length).toBeLessThan(32_767);
  });
});

describe('psQuote', () => {
  it('doubles every kind of single quote and leaves the rest as it is', () => {
    expect(psQuote("it's")).toBe("'it''s'");
    expect(psQuote('a\u2019b')).toBe("'a\u2019\u2019b'");
    expect(psQuote('$(x) `n "y"')).toBe('\'$(x) `n "y"\'');
  });

  it('reads back, as PowerShell reads it, to the same string, ending where the literal ends', () => {
    fc.assert(
      fc.property(
        fc.string({
          unit: fc.constantFrom("'", '\u2018', '\u2019', '\u201A', '\u201B', '$', '`', '(', ')', '"', 'a', '\n', '扫'),
        }),
        fc.string({ unit: 'grapheme' }),
        (tricky, any) => {
          for (const value of [tricky, any, tricky + any]) {
            const literal = psQuote(value);
            expect(readPsLiteral(`${literal}; rest`)).toEqual({ value, end: literal.length });
          }
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe('scan script', () => {
  it('sets the source, one page per transfer, intent, resolution and extent for A4 duplex colour at 200 dpi', () => {
    const { values, body } = scan(a4Duplex);
    // A4 at 200 dpi: 210 mm × 297 mm → 1654 × 2339 pixels.
    expect(values).toEqual({
      DeviceId: deviceId,
      Folder: folder,
      Source: 5,
      Intent: 1,
      Dpi: 200,
      Width: 1654,
      Height: 2339,
      Format: '{B96B3CAE-0728-11D3-9D7B-0000F81EF32E}',
      Ext: 'jpg',
      MaxPages: 500,
    });
    expect(setter(body, 3088)).toContain('$dev.Properties 3088 $Source');
    expect(setter(body, 3096)).toContain('$dev.Properties 3096 1');
    expect(setter(body, 6146)).toContain('$ip 6146 $Intent');
    expect(setter(body, 6147)).toContain('$ip 6147 $Dpi');
    expect(setter(body, 6148)).toContain('$ip 6148 $Dpi');
    expect(setter(body, 6151)).toContain('$ip 6151 $Width');
    expect(setter(body, 6152)).toContain('$ip 6152 $Height');
    expect(body).toContain('$item.Transfer($Format)');
    expect(body).toContain('$img.SaveFile($file)');
    // The intent resets resolution and extents, so it goes first.
    expect(body.indexOf('6146 $Intent')).toBeLessThan(body.indexOf('6147 $Dpi'));
    expect(body.indexOf('6147 $Dpi')).toBeLessThan(body.indexOf('6151 $Width'));
    // The page line is printed after SaveFile returns, i.e. once the file is complete.
    expect(body.indexOf('$img.SaveFile($file)')).toBeLessThan(body.indexOf("event = 'page'"));
  });

  it.each([
    ['flatbed', 2],
    ['adf', 1],
    ['adf_duplex', 5],
  ] as const)('selects %s as WIA_DPS_DOCUMENT_HANDLING_SELECT %i', (source, value) => {
    expect(scan({ ...a4Duplex, source }).values.Source).toBe(value);
  });

  it.each([
    ['color', 1, 'jpg'],
    ['gray', 2, 'jpg'],
    ['lineart', 4, 'png'],
  ] as const)('sets %s as intent %i and asks for %s', (mode, intent, ext) => {
    const { values } = scan({ ...a4Duplex, mode });
    expect(values.Intent).toBe(intent);
    expect(values.Ext).toBe(ext);
    expect(values.Format).toBe(ext === 'png' ? imageFormats.png.guid : imageFormats.jpeg.guid);
  });

  it.each([
    ['a4', 300, 2480, 3508],
    ['a5', 150, 874, 1240],
    ['b5', 200, 1386, 1969],
    ['letter', 100, 850, 1098],
    ['max', 600, 0, 0],
  ] as const)('gives %s at %i dpi as %i × %i pixels (0: all the scanner allows)', (pageSize, resolution, w, h) => {
    const { values } = scan({ ...a4Duplex, pageSize, resolution });
    expect([values.Dpi, values.Width, values.Height]).toEqual([resolution, w, h]);
  });

  it('stops after one transfer from the glass, and at the first error from the feeder', () => {
    const { body } = scan(a4Duplex);
    expect(body).toContain('if ($Source -eq 2) { break }');
    expect(body).toMatch(/catch \{ Fail \$_; exit 1 \}/);
  });

  it.each(attacks)('keeps %j inert as a device id and as a folder name', (attack) => {
    const reference = scan(a4Duplex).body;
    const asId = scan(a4Duplex, attack);
    expect(asId.values.DeviceId).toBe(attack);
    const asFolder = scan(a4Duplex, deviceId, `C:\\Temp\\${attack}`);
    expect(asFolder.values.Folder).toBe(`C:\\Temp\\${attack}`);
    expect(asId.body).toBe(reference);
    expect(asFolder.body).toBe(reference);
  });

  it('never lets a device id or folder name change the script beyond its own literal', () => {
    const reference = scan(a4Duplex).body;
    const printable = fc.string({ unit: 'grapheme', minLength: 1, maxLength: 80 }).filter(isValidDeviceId);
    const quoteHeavy = fc
      .string({
        unit: fc.constantFrom("'", '\u2019', '\u201B', '$', '(', ')', '`', '"', ';', '#', '@', 'x'),
        minLength: 1,
      })
      .filter(isValidDeviceId);
    fc.assert(
      fc.property(fc.oneof(printable, quoteHeavy), fc.oneof(printable, quoteHeavy), (id, name) => {
        const { values, body } = scan(a4Duplex, id, `C:\\Temp\\${name}`);
        expect(values.DeviceId).toBe(id);
        expect(values.Folder).toBe(`C:\\Temp\\${name}`);
        expect(body).toBe(reference);
      }),
      { numRuns: 300 },
    );
  });

  it('refuses ids and folders with line breaks or control characters, relative folders and bad numbers', () => {
    for (const bad of ['', 'a\nb', 'a\rb', 'a\u0000b', 'a\u2028b', 'x'.repeat(501), '\uD800']) {
      expect(isValidDeviceId(bad)).toBe(false);
      expect(() => scanScript({ deviceId: bad, folder, settings: a4Duplex })).toThrow(RangeError);
    }
    for (const bad of ['Temp\\scan', '.\\scan', 'C:\\a\nb', 'C:\\a\u0085b', `C:\\${'t'.repeat(300)}`]) {
      expect(() => scanScript({ deviceId, folder: bad, settings: a4Duplex })).toThrow(RangeError);
    }
    expect(() => scanScript({ deviceId, folder, settings: { ...a4Duplex, resolution: 1.5 } })).toThrow(RangeError);
    expect(() => scanScript({ deviceId, folder, settings: { ...a4Duplex, resolution: 5000 } })).toThrow(RangeError);
  });

  it('accepts the folders Windows and the tests use', () => {
    for (const ok of [folder, '\\\\server\\share\\scans', 'D:/scans/新建文件夹', '/tmp/yichuang-wia-x']) {
      expect(scan(a4Duplex, deviceId, ok).values.Folder).toBe(ok);
    }
  });

  it('plans every source and mode within what WIA takes', () => {
    for (const source of scanSources) {
      for (const mode of colourModes) {
        const plan = scanPlan({ source, mode, resolution: 1200, pageSize: 'letter' });
        expect(plan.handlingSelect & 3).toBeGreaterThan(0);
        expect([1, 2, 4]).toContain(plan.intent);
      }
    }
  });
});

describe('list and properties scripts', () => {
  it('lists scanners (type 1) by DeviceID, Name and Description', () => {
    const script = decodeScript(powershellArgs(listScript()));
    expect(script).toContain('New-Object -ComObject WIA.DeviceManager');
    expect(script).toContain('if ($info.Type -ne 1) { continue }');
    expect(script).toContain("$p.Name -eq 'Name'");
    expect(script).toContain("$p.Name -eq 'Description'");
    expect(script).toContain("event = 'device'");
  });

  it('reads handling capabilities and status, bed and feeder size, resolutions and intent', () => {
    const { values, body } = scriptHeader(decodeScript(powershellArgs(propertiesScript(deviceId))));
    expect(values).toEqual({ DeviceId: deviceId });
    for (const [key, id] of [
      ['handlingCaps', 3086],
      ['handlingStatus', 3087],
      ['bedWidth', 3074],
      ['bedHeight', 3075],
      ['feedWidth', 3076],
      ['feedHeight', 3077],
      ['xres', 6147],
      ['yres', 6148],
      ['intent', 6146],
    ] as const) {
      expect(body).toMatch(new RegExp(`${key} = \\(Prop-(?:Value|Info) \\$\\w+(?:\\.Properties)? ${id}\\)`));
    }
    expect(body).toContain('$p.SubTypeMin');
    expect(body).toContain('$p.SubTypeValues');
  });

  it('prints UTF-8 without a BOM, one compressed JSON object per line, in every script', () => {
    for (const script of [
      listScript(),
      propertiesScript(deviceId),
      scanScript({ deviceId, folder, settings: a4Duplex }),
    ]) {
      expect(script).toContain('[Console]::OutputEncoding = New-Object System.Text.UTF8Encoding $false');
      expect(script).toContain(
        '[Text.Encoding]::UTF8.GetBytes((ConvertTo-Json -InputObject $o -Compress -Depth 6) + [char]10)',
      );
      expect(script).toContain('$StdOut = [Console]::OpenStandardOutput()');
      expect(script).toContain("$ErrorActionPreference = 'Stop'");
    }
  });

  it('is plain ASCII outside its header, so Windows PowerShell reads it right even from a .ps1 without a BOM', () => {
    for (const script of [
      listScript(),
      propertiesScript(deviceId),
      scanScript({ deviceId, folder, settings: a4Duplex }),
    ]) {
      const { body } = scriptHeader(script);
      expect([...body].filter((c) => c !== '\n' && (c < ' ' || c > '~'))).toEqual([]);
    }
  });

  it('names page files as the backend expects them', () => {
    expect(pageFileName(1, 'jpeg')).toBe('p0001.jpg');
    expect(pageFileName(12, 'png')).toBe('p0012.png');
    expect(scan(a4Duplex).body).toContain("('p{0:D4}.{1}' -f $page, $Ext)");
  });
});
