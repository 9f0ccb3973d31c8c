import type { ErrorText } from './text';

/**
 * Document scanners (SANE, eSCL, WIA): what went wrong, said so the clerk knows what to do. Pages
 * already scanned are kept whatever happens to the rest of the job, and the messages say so.
 */
export const documentScannerErrors = {
  docscan_feeder_empty: {
    'zh-CN': '进纸器里没有纸：请把材料正面朝下放入进纸器，再按 F7 扫描',
    en: 'The feeder is empty: load the sheets face down and press F7 to scan',
  },
  docscan_jam: {
    'zh-CN': '扫描仪卡纸（第 {page} 页）：请打开扫描仪取出卡住的纸，已扫描的页已保留，从第 {page} 页起重新放入后再扫描',
    en: 'Paper jam (page {page}): open the scanner and take out the jammed sheet; the pages already scanned are kept; load again from page {page} and scan',
  },
  docscan_busy: {
    'zh-CN': '扫描仪正忙：另一个程序或另一次扫描正在使用它，请稍候再试',
    en: 'The scanner is busy: another program or scan is using it; try again in a moment',
  },
  docscan_cover_open: {
    'zh-CN': '扫描仪盖板打开：请合上盖板后再扫描',
    en: 'The scanner cover is open: close it and scan again',
  },
  docscan_gone: {
    'zh-CN': '扫描仪在扫描第 {page} 页时断开：请检查电源、数据线或网络，已扫描的页已保留',
    en: 'The scanner went away while scanning page {page}: check its power, cable or network; the pages already scanned are kept',
  },
  docscan_io: {
    'zh-CN': '扫描仪通信出错（第 {page} 页）：请关闭扫描仪电源再打开，然后重新扫描；已扫描的页已保留',
    en: 'The scanner failed to communicate (page {page}): switch it off and on, then scan again; the pages already scanned are kept',
  },
  docscan_bad_page: {
    'zh-CN': '扫描仪送来的第 {page} 页无法使用（{reason}）：请重新扫描这一页',
    en: 'Page {page} from the scanner cannot be used ({reason}): scan that page again',
  },
  docscan_protocol: {
    'zh-CN': '扫描仪的回答无法识别（{detail}）：请重启扫描仪；仍出现请联系信息科',
    en: 'The scanner answered something unreadable ({detail}): restart the scanner; if it persists call IT support',
  },
  docscan_timeout: {
    'zh-CN': '扫描仪没有回应：请检查扫描仪是否开机、网络是否连通，然后重试',
    en: 'The scanner does not answer: check that it is on and reachable, then retry',
  },
  docscan_not_found: {
    'zh-CN': '找不到扫描仪「{name}」：请检查连接，或在「设备」页重新选择扫描仪',
    en: 'Scanner "{name}" not found: check its connection, or choose the scanner again on the Devices screen',
  },
  docscan_none: {
    'zh-CN': '没有可用的扫描仪：请在「设备」页添加扫描仪（也可继续用扫描文件夹或高拍仪）',
    en: 'No scanner available: add one on the Devices screen (the scan folder and the document camera still work)',
  },
  docscan_unsupported: {
    'zh-CN': '该扫描仪不支持所选设置（{setting}）：请在扫描设置中另选',
    en: 'This scanner does not support the chosen setting ({setting}): choose another in the scan settings',
  },
  docscan_tool_missing: {
    'zh-CN':
      '本机缺少扫描所需的 {tool}：请联系信息科安装或启用（统信 UOS/麒麟：安装 sane-utils；Windows：启用 WIA 服务）',
    en: 'This PC lacks {tool}, which scanning needs: ask IT support to install or enable it (UOS/Kylin: install sane-utils; Windows: enable the WIA service)',
  },
  docscan_address: {
    'zh-CN': '扫描仪地址无效：请输入形如 http://192.168.1.20/eSCL 的地址',
    en: 'Invalid scanner address: type one like http://192.168.1.20/eSCL',
  },
  docscan_failed: {
    'zh-CN': '扫描失败（{detail}）：请重试；仍失败请重启扫描仪，已扫描的页已保留',
    en: 'The scan failed ({detail}): retry; if it fails again restart the scanner; the pages already scanned are kept',
  },
} as const satisfies Record<string, ErrorText>;
