import type { ErrorText } from './text';

/** The window's devices: the ID-card reader, scanners, the ticket printer and the simulator. */
export const deviceErrors = {
  device_not_found: {
    'zh-CN': '未找到该设备：请检查设备是否已连接，或在「设备」中刷新',
    en: 'Device not found: check that it is connected, or refresh on the Devices screen',
  },
  device_disconnected: {
    'zh-CN': '设备已断开：请检查 USB 线是否插好（网络打印机请检查电源和网线），恢复后会自动重新连接',
    en: 'Device disconnected: check the USB cable (a network printer: its power and network cable); it reconnects by itself once back',
  },
  device_timeout: {
    'zh-CN': '设备无响应：请拔下 USB 线再插回（网络打印机请检查电源和网线）；仍无响应请重启设备',
    en: 'The device does not answer: unplug and replug its USB cable (a network printer: check its power and network cable); if it still does not, restart the device',
  },
  device_busy: {
    'zh-CN': '设备正忙：请稍候再试',
    en: 'The device is busy: try again in a moment',
  },
  device_open_failed: {
    'zh-CN':
      '无法打开设备：可能被其他程序占用或没有访问权限，请关闭其他读卡/扫码程序后重试；网络打印机请检查电源、网线和地址',
    en: 'Cannot open the device: another program may be using it, or permission is missing; close other reader/scanner programs and retry; for a network printer, check its power, network cable and address',
  },
  device_role_needed: {
    'zh-CN': '请先为该设备选择角色',
    en: 'Choose a role for this device first',
  },
  device_not_open: {
    'zh-CN': '设备未打开',
    en: 'The device is not open',
  },
  device_role_unsupported: {
    'zh-CN': '该设备不能用作所选角色：请选择与设备类型相符的角色',
    en: 'This device cannot take that role: choose a role that matches the device',
  },
  idcard_no_card: {
    'zh-CN': '未检测到证件：请将身份证平放在读卡器感应区',
    en: 'No card found: lay the ID card flat on the reader',
  },
  idcard_select_failed: {
    'zh-CN': '选卡失败：请将证件拿起后重新放置',
    en: 'Could not select the card: lift it and place it again',
  },
  idcard_read_failed: {
    'zh-CN': '读卡失败：请将证件拿起后重新放置，勿移动证件直到读卡完成',
    en: 'Reading failed: lift the card, place it again and keep it still until the read is done',
  },
  idcard_auth_failed: {
    'zh-CN': '证件认证失败：请重新放置证件；多次失败请核验证件真伪',
    en: 'Card authentication failed: place it again; if it keeps failing, verify the card',
  },
  idcard_unknown_card: {
    'zh-CN': '无法识别的证件类型：请使用居民身份证、外国人永久居留身份证或港澳台居民居住证',
    en: 'Unknown card type: use a resident ID card, a foreign permanent resident ID card or an HK/Macao/Taiwan residence permit',
  },
  idcard_unknown_type_letter: {
    'zh-CN': '无法识别的证件类型标识“{letter}”：请使用居民身份证、外国人永久居留身份证或港澳台居民居住证',
    en: 'Unknown card type mark “{letter}”: use a resident ID card, a foreign permanent resident ID card or an HK/Macao/Taiwan residence permit',
  },
  idcard_sam_failed: {
    'zh-CN': '读卡器安全模块（SAM）故障：请重启读卡器，仍失败请联系设备厂商',
    en: "The reader's security module (SAM) failed: restart the reader; if it persists call the vendor",
  },
  idcard_sam_id_length: {
    'zh-CN':
      '读卡器安全模块（SAM）编号数据长度不对：应为 16 字节，收到 {length} 字节。请重启读卡器，仍失败请联系设备厂商',
    en: "The reader's security module (SAM) id is {length} bytes instead of 16: restart the reader; if it persists call the vendor",
  },
  idcard_frame_corrupt: {
    'zh-CN': '读卡器数据校验错误：已自动重试，如反复出现请更换 USB 线或接口',
    en: 'Reader data failed its checksum: retried automatically; if it recurs, change the USB cable or port',
  },
  idcard_bad_text: {
    'zh-CN': '证件信息无法解析：请重新放置证件；如反复出现请核验证件',
    en: 'The card data cannot be parsed: place the card again; if it recurs, verify the card',
  },
  idcard_reply_short: {
    'zh-CN': '读卡返回数据过短：{length} 字节，至少应有 {header} 字节的长度信息。请重新放置证件；如反复出现请核验证件',
    en: 'The reader answered only {length} bytes, fewer than its {header}-byte length header: place the card again; if it recurs, verify the card',
  },
  idcard_reply_length: {
    'zh-CN':
      '读卡返回数据长度不符：各部分合计 {expected} 字节，实际 {actual} 字节。请重新放置证件；如反复出现请核验证件',
    en: 'The reader’s answer should be {expected} bytes but is {actual}: place the card again; if it recurs, verify the card',
  },
  idcard_text_length: {
    'zh-CN': '证件信息无法解析：文字信息应为 {expected} 字节，收到 {actual} 字节。请重新放置证件；如反复出现请核验证件',
    en: 'The card data cannot be parsed: its text should be {expected} bytes, not {actual}; place the card again; if it recurs, verify the card',
  },
  idcard_field_empty: {
    'zh-CN': '证件信息无法解析：{field}为空。请重新放置证件；如反复出现请核验证件',
    en: 'The card data cannot be parsed: {field} is empty; place the card again; if it recurs, verify the card',
  },
  idcard_field_garbled: {
    'zh-CN': '证件信息无法解析：{field}含有无法识别的字符。请重新放置证件；如反复出现请核验证件',
    en: 'The card data cannot be parsed: {field} has unreadable characters; place the card again; if it recurs, verify the card',
  },
  idcard_number_malformed: {
    'zh-CN': '证件信息无法解析：{field}格式不对。请重新放置证件；如反复出现请核验证件',
    en: 'The card data cannot be parsed: {field} is malformed; place the card again; if it recurs, verify the card',
  },
  idcard_address_odd_length: {
    'zh-CN': '证件信息无法解析：追加住址长度 {length} 字节不是偶数。请重新放置证件；如反复出现请核验证件',
    en: 'The card data cannot be parsed: the added address is {length} bytes, an odd number; place the card again; if it recurs, verify the card',
  },
  idcard_read_expired: {
    'zh-CN': '该读卡记录已失效：请重新读卡',
    en: 'That card read has expired: read the card again',
  },
  card_field_too_long: {
    'zh-CN': '{field}过长：最多 {max} 个字符',
    en: '{field} is too long: at most {max} characters',
  },
  card_type_letter_invalid: {
    'zh-CN': '证件类型标识“{letter}”无法编码：应为 I 或 Y',
    en: 'The card type mark “{letter}” cannot be encoded: it must be I or Y',
  },
  sam_id_format: {
    'zh-CN': 'SAM 编号格式不对：{samId}（例如 05.01-20101215-0010166296-1234567890）',
    en: 'The SAM id {samId} is not in the right form (for example 05.01-20101215-0010166296-1234567890)',
  },
  hex_no_digits_after_0x: {
    'zh-CN': '第 {line} 行第 {column} 列：“0x”后面没有十六进制数字',
    en: 'Line {line}, column {column}: “0x” is not followed by hex digits',
  },
  hex_not_a_digit: {
    'zh-CN': '第 {line} 行第 {column} 列：“{char}”不是十六进制数字',
    en: 'Line {line}, column {column}: “{char}” is not a hex digit',
  },
  hex_odd_digits: {
    'zh-CN': '十六进制数字个数为奇数：第 {line} 行第 {column} 列的数字没有配对，最后一个字节不完整',
    en: 'An odd number of hex digits: the digit at line {line}, column {column} has no pair, so the last byte is incomplete',
  },
  scanner_bad_report: {
    'zh-CN': '扫码数据异常：请重新扫码；如反复出现，请检查扫码枪是否设为 HID POS 模式',
    en: 'Garbled scan: scan again; if it recurs, check that the scanner is set to HID POS mode',
  },
  simulation_disabled: {
    'zh-CN': '模拟设备未开启：请管理员在「设置」中开启模拟设备',
    en: 'Simulated devices are off: an administrator can turn them on in Settings',
  },
  printer_failed: {
    'zh-CN': '打印失败：请检查打印机是否有纸、是否合上纸仓盖',
    en: 'Printing failed: check the paper and that the cover is closed',
  },
  printer_cover_open: {
    'zh-CN': '打印机纸仓盖未合上：请合上后重试',
    en: 'The printer cover is open: close it and try again',
  },
  printer_paper_out: {
    'zh-CN': '打印机缺纸：请装纸后重试',
    en: 'The printer is out of paper: load paper and try again',
  },
  printer_fault: {
    'zh-CN': '打印机报告错误（如切刀卡纸）：请检查后重新开机',
    en: 'The printer reports a fault (such as a cutter jam): check it, then switch it off and on',
  },
  printer_address_invalid: {
    'zh-CN': '打印机地址格式不对：请输入 IP 地址或主机名，可带端口，例如 192.168.1.50 或 192.168.1.50:9100',
    en: 'The printer address is not valid: type an IP address or host name, with a port if needed, e.g. 192.168.1.50 or 192.168.1.50:9100',
  },
  printer_address_not_unicast: {
    'zh-CN': '{address} 不是一台打印机的地址（广播、组播或全零地址）：请填写打印机自检页上的 IP 地址',
    en: '{address} is not the address of one printer (broadcast, multicast or all zeros): use the IP address on the printer’s self-test page',
  },
  printer_unreachable: {
    'zh-CN': '无法连接网络打印机 {address}：请检查打印机电源和网线，并核对地址和端口（票据打印机通常为 9100）',
    en: 'Cannot connect to the network printer {address}: check its power and network cable, and the address and port (usually 9100 for ticket printers)',
  },
  printer_queue_not_found: {
    'zh-CN': '找不到打印队列“{queue}”：请在系统“打印机和扫描仪”中核对票据打印机的名称，或重新安装其驱动',
    en: 'No print queue named “{queue}”: check the ticket printer’s name under Printers & scanners, or reinstall its driver',
  },
  printer_spooler_failed: {
    'zh-CN':
      '系统打印服务未能把票据交给打印机“{queue}”：请检查打印机是否开机、有纸，并在系统打印队列中清除卡住的任务后重试',
    en: 'The print spooler could not hand the ticket to “{queue}”: check that the printer is on and has paper, clear stuck jobs from its queue, and retry',
  },
  ticket_field_empty: {
    'zh-CN': '{field}不能为空',
    en: '{field} must not be empty',
  },
  ticket_time_invalid: {
    'zh-CN': '取号时间无效：请检查本机时钟',
    en: 'The ticket time is invalid: check this PC’s clock',
  },
  ticket_waiting_invalid: {
    'zh-CN': '等候人数应为不小于 0 的整数',
    en: 'The number of people waiting must be a whole number of 0 or more',
  },
  escpos_out_of_range: {
    'zh-CN': '{what}应为 {min} 到 {max} 的整数',
    en: '{what} must be a whole number from {min} to {max}',
  },
  escpos_bad_option: {
    'zh-CN': '{what}应为 {allowed}',
    en: '{what} must be one of {allowed}',
  },
  qr_empty: {
    'zh-CN': '二维码内容不能为空',
    en: 'The QR code content must not be empty',
  },
  qr_too_long: {
    'zh-CN': '二维码内容过长：最多 {max} 字节',
    en: 'The QR code content is too long: at most {max} bytes',
  },
} as const satisfies Record<string, ErrorText>;
