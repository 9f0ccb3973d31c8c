import type { ErrorText } from './text';

/** Material files: what the store refuses, and files it cannot find or trust. */
export const materialErrors = {
  material_empty: {
    'zh-CN': '文件 {name} 是空文件：请重新扫描或选择其他文件',
    en: 'File {name} is empty: scan it again or choose another file',
  },
  material_too_large: {
    'zh-CN': '文件 {name} 为 {size}，超过 {limit} 的上限：请降低扫描分辨率或分开扫描',
    en: 'File {name} is {size}, over the {limit} limit: scan at a lower resolution or in parts',
  },
  material_wrong_type: {
    'zh-CN': '文件 {name} 不是图片或 PDF：只能上传 JPG、PNG 图片或 PDF，按文件内容识别，改扩展名无效',
    en: 'File {name} is not an image or a PDF: only JPG, PNG and PDF are taken, judged by content (renaming does not help)',
  },
  material_looks_like: {
    'zh-CN': '文件 {name} 实际是 {kind}，不是图片或 PDF：只能上传 JPG、PNG 图片或 PDF，按文件内容识别，改扩展名无效',
    en: 'File {name} is really {kind}, not an image or a PDF: only JPG, PNG and PDF are taken, judged by content (renaming does not help)',
  },
  material_pdf_unreadable: {
    'zh-CN': '文件 {name} 已加密或已损坏：请另存为普通 PDF 后再导入',
    en: 'File {name} is encrypted or damaged: save it as a plain PDF and import that',
  },
  material_too_many_pages: {
    'zh-CN': '文件 {name} 有 {pages} 页，超过每个文件 {max} 页的上限：请拆分为多个 PDF 后分别导入',
    en: 'File {name} has {pages} pages, over the limit of {max} per file: split it into several PDFs and import each',
  },
  material_image_unreadable: {
    'zh-CN': '文件 {name} 的图片尺寸无法读取，可能已损坏：请重新扫描，或另存为 JPG、PNG 后再导入',
    en: 'The image size of {name} cannot be read; it may be damaged: scan again, or save it as JPG or PNG and import that',
  },
  material_too_many_pixels: {
    'zh-CN':
      '文件 {name} 中的图片为 {width}×{height} 像素，超过 {max} 像素的上限：请以 300 dpi 重新扫描，或缩小图片后再导入',
    en: 'The picture in {name} is {width}×{height} pixels, over the limit of {max} pixels: scan again at 300 dpi, or make the picture smaller and import that',
  },
  material_too_complex: {
    'zh-CN':
      '文件 {name} 过于复杂，无法在限定时间内检查，可能已损坏或经过特殊构造：请重新扫描纸质材料，或用常用软件（如 WPS、Acrobat）重新另存为 PDF 后再导入',
    en: 'File {name} is too complex to check in the time allowed; it may be damaged or deliberately crafted: scan the paper again, or save the PDF again with an ordinary program (such as WPS or Acrobat) and import that',
  },
  material_not_found: {
    'zh-CN': '未找到该材料文件：请刷新后重试，或重新扫描导入',
    en: 'Material file not found: refresh and try again, or scan or import it again',
  },
  material_file_missing: {
    'zh-CN': '材料文件已丢失：请重新扫描或导入该文件',
    en: 'The material file is gone: scan or import it again',
  },
  material_file_corrupt: {
    'zh-CN': '材料文件已损坏：请重新扫描或导入该文件；如多个文件损坏，请联系技术支持检查磁盘',
    en: 'The material file is damaged: scan or import it again; if several are damaged, ask support to check the disk',
  },
  hot_folder_missing: {
    'zh-CN': '扫描文件夹不存在：请在「设置」中重新选择，或检查网络共享是否已连接',
    en: 'The scan folder does not exist: choose it again in Settings, or check that the network share is connected',
  },
  hot_folder_denied: {
    'zh-CN': '没有权限读取扫描文件夹：请检查该文件夹或网络共享的访问权限，或在「设置」中重新选择',
    en: 'No permission to read the scan folder: check the access rights of the folder or network share, or choose it again in Settings',
  },
  hot_folder_not_folder: {
    'zh-CN': '所选的扫描文件夹不是文件夹：请在「设置」中重新选择',
    en: 'The chosen scan folder is not a folder: choose it again in Settings',
  },
  hot_folder_unreadable: {
    'zh-CN': '无法读取扫描文件夹：请检查网络共享是否已连接，或在「设置」中重新选择',
    en: 'The scan folder cannot be read: check that the network share is connected, or choose it again in Settings',
  },
  hot_folder_subfolders: {
    'zh-CN': '无法在扫描文件夹中建立「{imported}」「{refused}」子文件夹：请检查该文件夹的写入权限',
    en: 'Cannot create the “{imported}” and “{refused}” subfolders in the scan folder: check that the folder can be written to',
  },
  hot_folder_move: {
    'zh-CN': '扫描文件已导入，但无法移入「{imported}」或「{refused}」：请检查扫描文件夹的写入权限',
    en: 'The scans were imported but cannot be moved into “{imported}” or “{refused}”: check that the scan folder can be written to',
  },
} as const satisfies Record<string, ErrorText>;
