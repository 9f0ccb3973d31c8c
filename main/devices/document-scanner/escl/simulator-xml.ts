import { esclNamespaces } from './xml';

/**
 * The documents the eSCL simulator serves, shaped like those of current HP and Canon devices
 * (both prefixes declared on the root, DocumentFormat and DocumentFormatExt both listed), so
 * clients written against real devices (sane-airscan, macOS, Windows) accept them.
 */

export const simulatorResolutions = [100, 150, 200, 300, 600] as const;
export const simulatorModes = ['RGB24', 'Grayscale8'] as const;
/** 8.5 × 11.69 inches: letter width, A4 height, like most A4 feeders. */
export const simulatorMaxWidth = 2550;
export const simulatorMaxHeight = 3508;

const header = `<?xml version="1.0" encoding="UTF-8"?>`;
const ns = `xmlns:scan="${esclNamespaces.scan}" xmlns:pwg="${esclNamespaces.pwg}"`;

function escape(text: string): string {
  return text.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function inputCaps(tag: string): string {
  const resolutions = simulatorResolutions
    .map(
      (r) =>
        `<scan:DiscreteResolution><scan:XResolution>${r}</scan:XResolution><scan:YResolution>${r}</scan:YResolution></scan:DiscreteResolution>`,
    )
    .join('');
  const formats = ['image/jpeg', 'application/pdf'];
  return [
    `<scan:${tag}>`,
    '<scan:MinWidth>16</scan:MinWidth>',
    `<scan:MaxWidth>${simulatorMaxWidth}</scan:MaxWidth>`,
    '<scan:MinHeight>16</scan:MinHeight>',
    `<scan:MaxHeight>${simulatorMaxHeight}</scan:MaxHeight>`,
    '<scan:MaxScanRegions>1</scan:MaxScanRegions>',
    '<scan:SettingProfiles><scan:SettingProfile>',
    `<scan:ColorModes>${simulatorModes.map((m) => `<scan:ColorMode>${m}</scan:ColorMode>`).join('')}</scan:ColorModes>`,
    '<scan:ContentTypes><pwg:ContentType>Photo</pwg:ContentType><pwg:ContentType>Text</pwg:ContentType><pwg:ContentType>TextAndPhoto</pwg:ContentType></scan:ContentTypes>',
    '<scan:DocumentFormats>',
    ...formats.map((f) => `<pwg:DocumentFormat>${f}</pwg:DocumentFormat>`),
    ...formats.map((f) => `<scan:DocumentFormatExt>${f}</scan:DocumentFormatExt>`),
    '</scan:DocumentFormats>',
    `<scan:SupportedResolutions><scan:DiscreteResolutions>${resolutions}</scan:DiscreteResolutions></scan:SupportedResolutions>`,
    '<scan:ColorSpaces><scan:ColorSpace>sRGB</scan:ColorSpace></scan:ColorSpaces>',
    '</scan:SettingProfile></scan:SettingProfiles>',
    '<scan:SupportedIntents><scan:Intent>Document</scan:Intent><scan:Intent>TextAndGraphic</scan:Intent><scan:Intent>Photo</scan:Intent><scan:Intent>Preview</scan:Intent></scan:SupportedIntents>',
    '<scan:MaxOpticalXResolution>600</scan:MaxOpticalXResolution>',
    '<scan:MaxOpticalYResolution>600</scan:MaxOpticalYResolution>',
    `</scan:${tag}>`,
  ].join('');
}

/** The ScannerCapabilities document: platen, and a feeder with duplex. */
export function capabilitiesXml(device: { name: string; uuid: string; serial: string }): string {
  return [
    header,
    `<scan:ScannerCapabilities ${ns}>`,
    '<pwg:Version>2.63</pwg:Version>',
    `<pwg:MakeAndModel>${escape(device.name)}</pwg:MakeAndModel>`,
    `<pwg:SerialNumber>${escape(device.serial)}</pwg:SerialNumber>`,
    '<scan:Manufacturer>Yichuang</scan:Manufacturer>',
    `<scan:UUID>${device.uuid}</scan:UUID>`,
    `<scan:Platen>${inputCaps('PlatenInputCaps')}</scan:Platen>`,
    '<scan:Adf>',
    inputCaps('AdfSimplexInputCaps'),
    inputCaps('AdfDuplexInputCaps'),
    '<scan:FeederCapacity>50</scan:FeederCapacity>',
    '<scan:AdfOptions><scan:AdfOption>DetectPaperLoaded</scan:AdfOption><scan:AdfOption>Duplex</scan:AdfOption></scan:AdfOptions>',
    '</scan:Adf>',
    '</scan:ScannerCapabilities>',
  ].join('\n');
}

export interface SimulatedJobInfo {
  id: string;
  state: 'Processing' | 'Completed' | 'Canceled' | 'Aborted';
  reason: string;
  imagesCompleted: number;
  imagesToTransfer: number;
  ageSeconds: number;
}

/** The ScannerStatus document. */
export function statusXml(status: { state: 'Idle' | 'Processing'; adf: string; jobs: SimulatedJobInfo[] }): string {
  const jobs = status.jobs.map((job) =>
    [
      '<scan:JobInfo>',
      `<pwg:JobUri>/eSCL/ScanJobs/${job.id}</pwg:JobUri>`,
      `<pwg:JobUuid>urn:uuid:${job.id}</pwg:JobUuid>`,
      `<scan:Age>${job.ageSeconds}</scan:Age>`,
      `<pwg:ImagesCompleted>${job.imagesCompleted}</pwg:ImagesCompleted>`,
      `<pwg:ImagesToTransfer>${job.imagesToTransfer}</pwg:ImagesToTransfer>`,
      `<pwg:JobState>${job.state}</pwg:JobState>`,
      `<pwg:JobStateReasons><pwg:JobStateReason>${job.reason}</pwg:JobStateReason></pwg:JobStateReasons>`,
      '</scan:JobInfo>',
    ].join(''),
  );
  return [
    header,
    `<scan:ScannerStatus ${ns}>`,
    '<pwg:Version>2.63</pwg:Version>',
    `<pwg:State>${status.state}</pwg:State>`,
    `<scan:AdfState>${status.adf}</scan:AdfState>`,
    `<scan:Jobs>${jobs.join('')}</scan:Jobs>`,
    '</scan:ScannerStatus>',
  ].join('\n');
}

/** ScanImageInfo: the size of the last page delivered (Apple's client asks for it). */
export function imageInfoXml(info: { id: string; width: number; height: number; bytesPerLine: number }): string {
  return [
    header,
    `<scan:ScanImageInfo ${ns}>`,
    `<pwg:JobUri>/eSCL/ScanJobs/${info.id}</pwg:JobUri>`,
    `<pwg:JobUuid>urn:uuid:${info.id}</pwg:JobUuid>`,
    `<scan:ActualWidth>${info.width}</scan:ActualWidth>`,
    `<scan:ActualHeight>${info.height}</scan:ActualHeight>`,
    `<scan:ActualBytesPerLine>${info.bytesPerLine}</scan:ActualBytesPerLine>`,
    '</scan:ScanImageInfo>',
  ].join('\n');
}
