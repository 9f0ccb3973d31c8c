// `npm run devtool -- <subcommand> …`: developer tools (devices, data), run by tsx.
// Each subcommand is one entry in `subcommands` below: its usage text and a `run` that returns
// the exit code. Exit codes: 0 done, 1 done but the input had problems, 2 bad usage or input
// that could not be read at all, 3 a bug (stack trace on stderr).
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { AppError, errorText } from '../preload/contract/errors';
import { checkFile } from '../main/materials/check-file';
import { decodeFrames, isBadFrame, parseHex } from '../main/devices/idcard/frame-dump';
import { runSerialReader } from '../main/devices/idcard/serial-simulator';
import { simulatedReaderHoldsSchema } from '../preload/contract/devices';
import { hostProtectors, osKeyring, passphraseVariable } from '../main/security/keys';
import { DataKeyError, recoverDataKey } from '../main/security/data-key';
import { promptHidden } from '../main/security/passphrase-prompt';
import { passphraseProtector } from '../main/security/protectors';

interface Subcommand {
  usage: string;
  run(args: string[]): Promise<number> | number;
}

class UsageError extends Error {}

function readInput(file: string): string {
  try {
    return file === '-' ? readFileSync(0, 'utf8') : readFileSync(file, 'utf8');
  } catch (error) {
    throw new UsageError(`无法读取 ${file === '-' ? '标准输入' : file}：${(error as Error).message}`);
  }
}

/** Ctrl+C or SIGTERM: a simulator's end. */
function stopRequested(): Promise<void> {
  return new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
}

/**
 * A simulator's end: its close, waited for two seconds at most (a connection the host never closes
 * must not keep it running), then the process exits at once with 0. Not by letting the event loop
 * run dry: under `node --import tsx` on Node 20, the natural exit can hang after the 'exit' event
 * while the module hooks thread is stopped (seen under load in CI: the 'exit' event fired, the
 * process never ended); process.exit() leaves without waiting for that thread.
 */
async function endSimulator(closing: Promise<void>): Promise<never> {
  await Promise.race([closing, new Promise<void>((done) => setTimeout(done, 2000).unref())]);
  process.exit(0);
}

/** Hands each line of stdin (trimmed) to `onLine` until stopped. */
async function commandsUntilStopped(onLine: (line: string) => void): Promise<void> {
  const { createInterface } = await import('node:readline');
  const commands = createInterface({ input: process.stdin });
  commands.on('line', (line) => onLine(line.trim()));
  await stopRequested();
  commands.close();
  // Nothing more is read: let go of stdin, or a pipe nobody closes keeps the process alive.
  process.stdin.destroy();
}

const kinds = {
  'application/pdf': { 'zh-CN': 'PDF', en: 'PDF' },
  'image/jpeg': { 'zh-CN': 'JPEG 图片', en: 'JPEG picture' },
  'image/png': { 'zh-CN': 'PNG 图片', en: 'PNG picture' },
};

const subcommands: Record<string, Subcommand> = {
  'recover-key': {
    usage: [
      'recover-key --data-dir DIR',
      '    系统钥匙串丢失或口令遗忘时，用恢复单上的恢复密钥打开数据密钥，并交给本机现有的保护方式重新保管',
      `    （系统钥匙串；或 ${passphraseVariable} 设置的新口令）。恢复密钥从终端输入，或由 YICHUANG_RECOVERY_KEY 给出。`,
      '    退出码：0 已恢复；1 恢复密钥不对或没有可用的保护方式；2 用法错误。',
    ].join('\n'),
    async run(args) {
      const { values } = parseArgs({ args, options: { 'data-dir': { type: 'string' } }, strict: true });
      if (!values['data-dir']) throw new UsageError('recover-key 需要 --data-dir DIR');
      const dataDir = values['data-dir'];
      const code = process.env.YICHUANG_RECOVERY_KEY || (await promptHidden('恢复密钥 Recovery key: '));
      try {
        await recoverDataKey({
          dataDir,
          recoveryCode: code,
          protectors: hostProtectors({ dataDir, env: process.env, keyring: await osKeyring() }),
        });
      } catch (error) {
        if (!(error instanceof DataKeyError)) throw error;
        process.stderr.write(`${error.message}\n`);
        return 1;
      }
      process.stdout.write('数据密钥已恢复，并已由本机的保护方式重新保管。请生成新的恢复密钥并打印新的恢复单。\n');
      return 0;
    },
  },
  'seed-demo': {
    usage: [
      'seed-demo --data-dir DIR [--cases N]',
      '    通过真实的服务填充数据文件夹：读卡的申请人、材料、打印的文书、一份备份、日志（全部为虚构数据）。',
      `    数据密钥由 ${passphraseVariable} 保护（必须设置）。默认 --cases 60。`,
    ].join('\n'),
    async run(args) {
      const { values } = parseArgs({
        args,
        options: { 'data-dir': { type: 'string' }, cases: { type: 'string', default: '60' } },
        strict: true,
      });
      if (!values['data-dir']) throw new UsageError('seed-demo 需要 --data-dir DIR');
      const count = Number(values.cases);
      if (!Number.isInteger(count) || count < 1 || count > 10_000)
        throw new UsageError('--cases 应为 1 到 10000 的整数');
      const passphrase = process.env[passphraseVariable];
      if (!passphrase) throw new UsageError(`请设置环境变量 ${passphraseVariable}（至少 12 个字符）`);
      const { seedDemo } = await import('./seed-demo');
      const report = await seedDemo({
        dataDir: values['data-dir'],
        cases: count,
        protectors: [passphraseProtector(passphrase)],
      });
      process.stdout.write(
        `已填充 ${report.cases} 件办件、打印 ${report.printed} 份文书，用时 ${report.seconds} 秒；备份：${report.backup ?? '今日已有'}\n`,
      );
      return 0;
    },
  },
  'check-file': {
    usage: [
      'check-file FILE',
      '    对 FILE 做与导入材料完全相同的检查（大小、按内容识别类型、在隔离线程中解析），不保存，中英文输出结论。',
      '    退出码：0 可以导入（输出类型、页数或像素尺寸）；2 会被拒绝（输出原因）或无法读取。30 秒内结束。',
    ].join('\n'),
    async run(args) {
      const { positionals } = parseArgs({ args, allowPositionals: true, strict: true });
      if (positionals.length !== 1) throw new UsageError('check-file 需要且只需要一个 FILE 参数');
      const file = positionals[0]!;
      let checked: Awaited<ReturnType<typeof checkFile>>;
      try {
        checked = await checkFile(file);
      } catch (error) {
        if (!(error instanceof AppError)) throw new UsageError(`无法读取 ${file}：${(error as Error).message}`);
        process.stdout.write(`拒绝导入：${error.message}\nRefused: ${errorText(error.code, error.params, 'en')}\n`);
        return 2;
      }
      const { mime, pages, width, height } = checked;
      const kind = kinds[mime];
      const zh = width === null ? `${pages} 页` : `${width}×${height} 像素`;
      const en = width === null ? `${pages} page${pages === 1 ? '' : 's'}` : `${width}×${height} pixels`;
      process.stdout.write(`可以导入：${kind['zh-CN']}，${zh}\nAccepted: ${kind.en}, ${en}\n`);
      return 0;
    },
  },
  'decode-frames': {
    usage: [
      'decode-frames FILE [--reveal]',
      '    解码读卡器通信的十六进制转储（FILE 为 - 时读标准输入），每帧输出一行 JSON。',
      '    转储格式：空白、逗号、冒号随意；可带 0x 前缀；行首可有 > 或 <（方向）；# 之后为注释。',
      '    --reveal  显示完整证件号码（默认按 6+4 遮蔽）',
      '    退出码：0 全部正常；1 有坏帧（校验错误、长度错误、不完整）或读卡数据无法解析；2 用法或输入错误。',
    ].join('\n'),
    run(args) {
      const { values, positionals } = parseArgs({
        args,
        options: { reveal: { type: 'boolean', default: false } },
        allowPositionals: true,
        strict: true,
      });
      if (positionals.length !== 1) throw new UsageError('decode-frames 需要且只需要一个 FILE 参数');
      const bytes = parseHex(readInput(positionals[0]!));
      const frames = decodeFrames(bytes, { reveal: values.reveal });
      for (const frame of frames) process.stdout.write(`${JSON.stringify(frame)}\n`);
      const bad = frames.filter(isBadFrame).length;
      process.stderr.write(`共 ${frames.length} 项，${bytes.length} 字节；坏帧 ${bad} 个\n`);
      return bad > 0 ? 1 : 0;
    },
  },
  'simulate-reader': {
    usage: [
      'simulate-reader --port PATH [--holds CARD]',
      '    在串口 PATH 上运行模拟身份证阅读器（例如 socat 伪终端的一端），逐字节应答读卡命令。',
      `    --holds  开始时放置的证件：${simulatedReaderHoldsSchema.options.join(' | ')}（默认 none）`,
      '    标准输入每行一条命令：place CARD（放置/重新放置证件）。端口打开后输出 ready。Ctrl+C 结束。',
    ].join('\n'),
    async run(args) {
      const { values } = parseArgs({
        args,
        options: { port: { type: 'string' }, holds: { type: 'string', default: 'none' } },
        strict: true,
      });
      if (!values.port) throw new UsageError('simulate-reader 需要 --port PATH');
      const holds = simulatedReaderHoldsSchema.safeParse(values.holds);
      if (!holds.success) throw new UsageError(`未知的证件：${values.holds}`);
      const running = await runSerialReader({ path: values.port, holds: holds.data, control: process.stdin }).catch(
        (error: unknown) => {
          throw new UsageError(`无法打开串口 ${values.port}：${(error as Error).message}`);
        },
      );
      await stopRequested();
      await running.close();
      return 0;
    },
  },
  'escl-simulator': {
    usage: [
      'escl-simulator --port PORT --sheets N [--duplex] [--blank-back K …]',
      '    在 127.0.0.1:PORT 上运行模拟 eSCL（AirScan）文档扫描仪（PORT 为 0 时任选空闲端口），进纸器中放入 N 张纸。',
      '    --duplex      纸张双面都有内容（否则双面扫描时背面为空白）',
      '    --blank-back  第 K 张纸的背面为空白（可重复）',
      '    就绪后输出 eSCL simulator at http://127.0.0.1:PORT/eSCL。标准输入每行一条命令：load（重新放入同样的纸）。Ctrl+C 结束。',
    ].join('\n'),
    async run(args) {
      const { values } = parseArgs({
        args,
        options: {
          port: { type: 'string' },
          sheets: { type: 'string' },
          duplex: { type: 'boolean', default: false },
          'blank-back': { type: 'string', multiple: true, default: [] },
        },
        strict: true,
      });
      const port = Number(values.port);
      if (values.port === undefined || !Number.isInteger(port) || port < 0 || port > 65535)
        throw new UsageError('escl-simulator 需要 --port PORT（0 到 65535 的整数）');
      const sheets = Number(values.sheets);
      if (values.sheets === undefined || !Number.isInteger(sheets) || sheets < 0 || sheets > 500)
        throw new UsageError('escl-simulator 需要 --sheets N（0 到 500 的整数）');
      const blankBacks = values['blank-back'].map(Number);
      if (blankBacks.some((k) => !Number.isInteger(k) || k < 1 || k > sheets))
        throw new UsageError(`--blank-back 应为 1 到 ${sheets} 的整数`);
      // Imported here: sharp is heavy, and the other subcommands do not need it.
      const { createEsclSimulator } = await import('../main/devices/document-scanner/escl/simulator');
      const simulator = await createEsclSimulator({ port }).catch((error: unknown) => {
        throw new UsageError(`无法在端口 ${port} 上启动：${(error as Error).message}`);
      });
      const feeder = { sheets, duplex: values.duplex, blankBacks };
      simulator.load(feeder);
      process.stdout.write(`eSCL simulator at ${simulator.url}\n`);
      await commandsUntilStopped((line) => {
        if (line === 'load') simulator.load(feeder);
      });
      return endSimulator(simulator.close());
    },
  },
  'escpos-simulator': {
    usage: [
      'escpos-simulator --port PORT [--paper-out] [--cover-open]',
      '    在 127.0.0.1:PORT 上运行模拟网络票据打印机（原始端口，真实打印机为 9100；PORT 为 0 时任选空闲端口），',
      '    按 ESC/POS 接收打印内容，并按打印机当前状态应答 DLE EOT 状态查询。',
      '    --paper-out   开始时缺纸        --cover-open  开始时纸仓盖未合上',
      '    就绪后输出 ESC/POS printer simulator at 127.0.0.1:PORT。标准输入每行一条命令：',
      '    paper-out on|off、cover-open on|off、show（输出已打印内容的预览并清空）。Ctrl+C 结束。',
    ].join('\n'),
    async run(args) {
      const { values } = parseArgs({
        args,
        options: {
          port: { type: 'string' },
          'paper-out': { type: 'boolean', default: false },
          'cover-open': { type: 'boolean', default: false },
        },
        strict: true,
      });
      const port = Number(values.port);
      if (values.port === undefined || !Number.isInteger(port) || port < 0 || port > 65535)
        throw new UsageError('escpos-simulator 需要 --port PORT（0 到 65535 的整数）');
      const { startTcpPrinterSimulator } = await import('../main/devices/printer/tcp-simulator');
      const simulator = await startTcpPrinterSimulator({
        port,
        paperOut: values['paper-out'],
        coverOpen: values['cover-open'],
      }).catch((error: unknown) => {
        throw new UsageError(`无法在端口 ${port} 上启动：${(error as Error).message}`);
      });
      process.stdout.write(`ESC/POS printer simulator at ${simulator.address}\n`);
      await commandsUntilStopped((line) => {
        const [command, value] = line.split(/\s+/);
        if (command === 'paper-out' && (value === 'on' || value === 'off'))
          simulator.printer.setPaperOut(value === 'on');
        else if (command === 'cover-open' && (value === 'on' || value === 'off'))
          simulator.printer.setCoverOpen(value === 'on');
        else if (command === 'show') {
          process.stdout.write(`${simulator.printer.preview()}\n--- end of preview ---\n`);
          simulator.printer.clear();
        } else if (command) process.stderr.write(`未知命令：${line}\n`);
      });
      return endSimulator(simulator.close());
    },
  },
};

function usage(): string {
  const lines = Object.values(subcommands).map((sub) => `  ${sub.usage.replace(/\n/g, '\n  ')}`);
  return `用法：npm run devtool -- <子命令> [参数]\n\n子命令：\n${lines.join('\n\n')}\n`;
}

async function main(argv: string[]): Promise<number> {
  const [name, ...args] = argv;
  if (name === '--help' || name === '-h') {
    process.stdout.write(usage());
    return 0;
  }
  if (name === undefined) {
    process.stderr.write(usage());
    return 2;
  }
  const sub = subcommands[name];
  if (!sub) {
    process.stderr.write(`未知子命令：${name}\n\n${usage()}`);
    return 2;
  }
  try {
    return await sub.run(args);
  } catch (error) {
    if (error instanceof UsageError || (error instanceof TypeError && 'code' in error)) {
      // parseArgs reports unknown options as a TypeError with an ERR_PARSE_ARGS_* code.
      process.stderr.write(`${error.message}\n\n${usage()}`);
      return 2;
    }
    if (error instanceof AppError) {
      process.stderr.write(`${error.message}\n`);
      return 2;
    }
    throw error;
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 3;
  },
);
