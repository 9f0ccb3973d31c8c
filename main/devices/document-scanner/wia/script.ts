import { pageSizes, type ScanSettings } from '../../../../preload/contract/document-scanners';

/**
 * The PowerShell scripts that drive WIA through its Automation Library (`WIA.DeviceManager`,
 * wiaaut.dll, part of Windows since Vista). Each script starts with a few `$Name = <literal>`
 * lines, the only place a value from outside enters; the body after them is constant text, so no
 * device id or folder can change what runs. Every script prints one JSON object per line (./parse).
 */

/** WIA property ids (wiadef.h), as the scripts read and set them. */
export const wiaProperty = {
  horizontalBedSize: 3074,
  verticalBedSize: 3075,
  horizontalSheetFeedSize: 3076,
  verticalSheetFeedSize: 3077,
  documentHandlingCapabilities: 3086,
  documentHandlingStatus: 3087,
  documentHandlingSelect: 3088,
  pages: 3096,
  currentIntent: 6146,
  xResolution: 6147,
  yResolution: 6148,
  xPosition: 6149,
  yPosition: 6150,
  xExtent: 6151,
  yExtent: 6152,
} as const;

/** WIA_DPS_DOCUMENT_HANDLING_SELECT values; duplex is only ever combined with the feeder. */
export const handlingSelect = { feeder: 1, flatbed: 2, duplex: 4 } as const;
/** WIA_IPS_CUR_INTENT image types. */
export const intentOf = { color: 1, gray: 2, lineart: 4 } as const;

/** WiaImgFmt_* GUIDs: the format each page is asked for, and how the backend names its file. */
export const imageFormats = {
  jpeg: { guid: '{B96B3CAE-0728-11D3-9D7B-0000F81EF32E}', extension: 'jpg', mime: 'image/jpeg' },
  png: { guid: '{B96B3CAF-0728-11D3-9D7B-0000F81EF32E}', extension: 'png', mime: 'image/png' },
} as const;
export type WiaImageFormat = keyof typeof imageFormats;

/** A runaway feeder (a driver that never says "empty") stops here rather than fill the disk. */
export const maxPagesPerJob = 500;

// PowerShell closes a single-quoted string at any of these, not only at the ASCII quote
// (CharExtensions.IsSingleQuote); doubling one of them is how it stands for itself.
const singleQuotes = /['\u2018\u2019\u201A\u201B]/g;
// A line break would end the `$Name = …` header line; the rest have no business in an id or path.
// eslint-disable-next-line no-control-regex
const controlChars = /[\u0000-\u001F\u007F-\u009F\u2028\u2029]/;
const loneSurrogate = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** `value` as a PowerShell single-quoted literal: nothing inside one is expanded (`$(…)`, backticks). */
export function psQuote(value: string): string {
  return `'${value.replace(singleQuotes, (q) => q + q)}'`;
}

/** Whether a WIA DeviceID can go into a script: what WIA gives is `{GUID}\NNNN`, so this is generous. */
export function isValidDeviceId(id: string): boolean {
  return id.length > 0 && id.length <= 500 && !controlChars.test(id) && !loneSurrogate.test(id);
}

function checkedFolder(folder: string): string {
  // Absolute (a drive, a UNC share, or POSIX for the tests): a relative folder would follow
  // PowerShell's current directory, which is not ours to choose.
  const absolute = /^(?:[A-Za-z]:[\\/]|\\\\|\/)/.test(folder);
  if (!absolute || folder.length > 240 || controlChars.test(folder) || loneSurrogate.test(folder)) {
    throw new RangeError(`Not a usable scan folder: ${JSON.stringify(folder)}`);
  }
  return folder;
}

function checkedDeviceId(id: string): string {
  if (!isValidDeviceId(id)) throw new RangeError(`Not a WIA device id: ${JSON.stringify(id)}`);
  return id;
}

function checkedInt(value: number, min: number, max: number): string {
  if (!Number.isSafeInteger(value) || value < min || value > max) {
    throw new RangeError(`Out of range [${min}, ${max}]: ${value}`);
  }
  return String(value);
}

/** The arguments for powershell.exe: the script as UTF-16LE base64, so no quoting reaches a shell. */
export function powershellArgs(script: string): string[] {
  const encoded = Buffer.from(script, 'utf16le').toString('base64');
  return ['-NoProfile', '-NonInteractive', '-ExecutionPolicy', 'Bypass', '-EncodedCommand', encoded];
}

// Shared by the three scripts. Lines go to stdout as UTF-8 bytes without a BOM, written to the raw
// stream: that holds whatever the console's code page (936 on a Chinese Windows) and even where
// setting [Console]::OutputEncoding fails (no console). The encoding is still set, for whatever
// PowerShell itself prints. Errors stop the script (`Stop`) and are printed as an `error` line with
// the HRESULT of the innermost COM exception, which is what WIA sets.
const prelude = String.raw`
$ErrorActionPreference = 'Stop'
$ProgressPreference = 'SilentlyContinue'
try { [Console]::OutputEncoding = New-Object System.Text.UTF8Encoding $false } catch { }
$StdOut = [Console]::OpenStandardOutput()
$Stage = 'start'
function Emit($o) {
  $bytes = [Text.Encoding]::UTF8.GetBytes((ConvertTo-Json -InputObject $o -Compress -Depth 6) + [char]10)
  $StdOut.Write($bytes, 0, $bytes.Length); $StdOut.Flush()
}
function HResultOf($er) {
  $e = $er.Exception
  while ($e.InnerException -ne $null -and -not ($e -is [Runtime.InteropServices.COMException])) { $e = $e.InnerException }
  '0x{0:X8}' -f $e.HResult
}
function Fail($er) {
  Emit ([ordered]@{ event = 'error'; hresult = [string](HResultOf $er); stage = $Stage; message = [string]$er.Exception.Message })
}
function Find-Prop($props, $id) {
  foreach ($p in $props) { if ($p.PropertyID -eq $id) { return $p } }
  return $null
}
function Prop-Value($props, $id) {
  $p = Find-Prop $props $id
  if ($p -eq $null) { return $null }
  try { return [double]$p.Value } catch { return $null }
}
function Connect-Device {
  $dm = New-Object -ComObject WIA.DeviceManager
  $info = $null
  foreach ($d in $dm.DeviceInfos) { if ($d.DeviceID -eq $DeviceId) { $info = $d } }
  if ($info -eq $null) { Emit @{ event = 'not_found' }; exit 0 }
  $script:Stage = 'connect'
  return $info.Connect()
}
`;

/** Lists the scanners WIA knows (DeviceInfo.Type 1), one `device` line each, then `done`. */
export function listScript(): string {
  return `${prelude}
try {
  $dm = New-Object -ComObject WIA.DeviceManager
  foreach ($info in $dm.DeviceInfos) {
    if ($info.Type -ne 1) { continue }
    $name = ''; $description = ''
    foreach ($p in $info.Properties) {
      if ($p.Name -eq 'Name') { $name = [string]$p.Value }
      if ($p.Name -eq 'Description') { $description = [string]$p.Value }
    }
    Emit ([ordered]@{ event = 'device'; id = [string]$info.DeviceID; name = $name; description = $description })
  }
  Emit @{ event = 'done' }
} catch { Fail $_; exit 1 }
`;
}

/** Reads one scanner's document handling, bed size, resolutions and intents: one `props` line, then `done`. */
export function propertiesScript(deviceId: string): string {
  const p = wiaProperty;
  return `$DeviceId = ${psQuote(checkedDeviceId(deviceId))}
${prelude}
function Prop-Info($props, $id) {
  $p = Find-Prop $props $id
  if ($p -eq $null) { return $null }
  $info = [ordered]@{ value = $null; subType = [int]$p.SubType }
  try { $info.value = [double]$p.Value } catch { }
  if ($p.SubType -eq 1) { $info.min = [double]$p.SubTypeMin; $info.max = [double]$p.SubTypeMax; $info.step = [double]$p.SubTypeStep }
  if ($p.SubType -eq 2 -or $p.SubType -eq 3) { $vals = @(); foreach ($v in $p.SubTypeValues) { $vals += [double]$v }; $info.values = $vals }
  return $info
}
try {
  $dev = Connect-Device
  $Stage = 'properties'
  $dp = $dev.Properties
  $item = $dev.Items.Item(1)
  Emit ([ordered]@{ event = 'props'
    handlingCaps = (Prop-Value $dp ${p.documentHandlingCapabilities}); handlingStatus = (Prop-Value $dp ${p.documentHandlingStatus})
    bedWidth = (Prop-Value $dp ${p.horizontalBedSize}); bedHeight = (Prop-Value $dp ${p.verticalBedSize})
    feedWidth = (Prop-Value $dp ${p.horizontalSheetFeedSize}); feedHeight = (Prop-Value $dp ${p.verticalSheetFeedSize})
    xres = (Prop-Info $item.Properties ${p.xResolution}); yres = (Prop-Info $item.Properties ${p.yResolution})
    intent = (Prop-Info $item.Properties ${p.currentIntent}) })
  Emit @{ event = 'done' }
} catch { Fail $_; exit 1 }
`;
}

/** What a scan sets on the scanner, worked out from the clerk's settings. */
export interface ScanPlan {
  handlingSelect: number;
  intent: number;
  dpi: number;
  /** Pixels at `dpi`; 0 asks for everything the scanner allows (`max`). */
  widthPx: number;
  heightPx: number;
  format: WiaImageFormat;
}

/** The WIA values for a scan: source, intent, resolution and the page's extent in pixels. */
export function scanPlan(settings: ScanSettings): ScanPlan {
  const source =
    settings.source === 'flatbed'
      ? handlingSelect.flatbed
      : settings.source === 'adf'
        ? handlingSelect.feeder
        : handlingSelect.feeder | handlingSelect.duplex;
  const [widthMm, heightMm] = settings.pageSize === 'max' ? [0, 0] : pageSizes[settings.pageSize];
  const px = (mm: number) => Math.round((mm / 25.4) * settings.resolution);
  return {
    handlingSelect: source,
    intent: intentOf[settings.mode],
    dpi: settings.resolution,
    widthPx: px(widthMm),
    heightPx: px(heightMm),
    // JPEG has no one-bit mode and blurs the edges of black-and-white text; line art goes as PNG.
    format: settings.mode === 'lineart' ? 'png' : 'jpeg',
  };
}

/** The name a page gets in the job's folder; the backend reads only files so named. */
export function pageFileName(number: number, format: WiaImageFormat): string {
  return `p${String(number).padStart(4, '0')}.${imageFormats[format].extension}`;
}

/**
 * Scans into `folder`: sets the source, one page per transfer, the intent (first: setting it
 * resets resolution and extents to the intent's defaults), the resolution and the extent, then
 * transfers until the feeder is empty (a WIA_ERROR_PAPER_EMPTY `error` line, which the backend
 * reads as the end once a page came) or once for the glass. A `page` line follows each saved file.
 */
export function scanScript(input: { deviceId: string; folder: string; settings: ScanSettings }): string {
  const plan = scanPlan(input.settings);
  const format = imageFormats[plan.format];
  const p = wiaProperty;
  return `$DeviceId = ${psQuote(checkedDeviceId(input.deviceId))}
$Folder = ${psQuote(checkedFolder(input.folder))}
$Source = ${checkedInt(plan.handlingSelect, 1, 7)}
$Intent = ${checkedInt(plan.intent, 1, 4)}
$Dpi = ${checkedInt(plan.dpi, 50, 1200)}
$Width = ${checkedInt(plan.widthPx, 0, 100_000)}
$Height = ${checkedInt(plan.heightPx, 0, 100_000)}
$Format = ${psQuote(format.guid)}
$Ext = ${psQuote(format.extension)}
$MaxPages = ${checkedInt(maxPagesPerJob, 1, 10_000)}
${prelude}
function Set-Prop($props, $id, $value) {
  $p = Find-Prop $props $id
  if ($p -eq $null) { return $false }
  # Every value here is a whole number; [int] makes sure COM sees a VT_I4, which WIA expects.
  $p.Value = [int]$value
  return $true
}
# 0 means "all the scanner allows"; larger than the range allows is clamped, not refused.
function Set-Extent($props, $id, $value) {
  $p = Find-Prop $props $id
  if ($p -eq $null) { return }
  if ($p.SubType -eq 1) { $max = [int]$p.SubTypeMax; if ($value -le 0 -or $value -gt $max) { $value = $max } }
  if ($value -gt 0) { $p.Value = [int]$value }
}
try {
  $dev = Connect-Device
  $Stage = 'source'
  if (-not (Set-Prop $dev.Properties ${p.documentHandlingSelect} $Source) -and $Source -ne ${handlingSelect.flatbed}) { throw 'This scanner has no document feeder' }
  [void](Set-Prop $dev.Properties ${p.pages} 1)
  $item = $dev.Items.Item(1)
  $ip = $item.Properties
  $Stage = 'mode'
  [void](Set-Prop $ip ${p.currentIntent} $Intent)
  $Stage = 'resolution'
  [void](Set-Prop $ip ${p.xResolution} $Dpi)
  [void](Set-Prop $ip ${p.yResolution} $Dpi)
  $Stage = 'area'
  [void](Set-Prop $ip ${p.xPosition} 0)
  [void](Set-Prop $ip ${p.yPosition} 0)
  Set-Extent $ip ${p.xExtent} $Width
  Set-Extent $ip ${p.yExtent} $Height
  $convert = $null
  $page = 0
  while ($page -lt $MaxPages) {
    $Stage = 'transfer'
    $img = $item.Transfer($Format)
    # Some drivers hand back BMP whatever was asked; WIA's own filter converts it.
    if ($img.FormatID -ne $Format) {
      if ($convert -eq $null) {
        $convert = New-Object -ComObject WIA.ImageProcess
        $convert.Filters.Add($convert.FilterInfos.Item('Convert').FilterID)
        $convert.Filters.Item(1).Properties.Item('FormatID').Value = $Format
      }
      $img = $convert.Apply($img)
    }
    $page++
    $file = Join-Path $Folder ('p{0:D4}.{1}' -f $page, $Ext)
    $img.SaveFile($file)
    Emit ([ordered]@{ event = 'page'; number = [int]$page; file = [string]$file })
    if ($Source -eq ${handlingSelect.flatbed}) { break }
  }
  Emit @{ event = 'done' }
} catch { Fail $_; exit 1 }
`;
}
