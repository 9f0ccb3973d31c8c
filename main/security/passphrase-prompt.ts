import { hostProtectors, osKeyring, passphraseVariable } from './keys';
import { minPassphraseLength, type KeyProtector } from './protectors';

/**
 * The passphrase typed at a terminal, not echoed. Used by the browser host and the devtool when
 * neither YICHUANG_PASSPHRASE nor an OS keyring can protect the data key.
 */
export async function promptHidden(question: string, input = process.stdin, output = process.stderr): Promise<string> {
  if (!input.isTTY) throw new Error('no terminal to ask for the passphrase on');
  output.write(question);
  input.setRawMode(true);
  input.resume();
  let typed = '';
  try {
    return await new Promise<string>((resolve, reject) => {
      const onData = (chunk: Buffer) => {
        for (const ch of chunk.toString('utf8')) {
          if (ch === '\r' || ch === '\n') {
            input.off('data', onData);
            output.write('\n');
            resolve(typed);
            return;
          }
          if (ch === '\u0003') {
            input.off('data', onData);
            reject(new Error('cancelled'));
            return;
          }
          if (ch === '\u007f' || ch === '\b') typed = typed.slice(0, -1);
          else typed += ch;
        }
      };
      input.on('data', onData);
    });
  } finally {
    input.setRawMode(false);
    input.pause();
  }
}

/**
 * The protectors of a Node host (browser host, devtool): the OS keyring, the passphrase from the
 * environment, and where neither exists and a terminal is there, a passphrase typed at start
 * (twice on a folder that has no key yet).
 */
export async function nodeHostProtectors(dataDir: string, firstStart: boolean): Promise<KeyProtector[]> {
  const protectors = hostProtectors({ dataDir, env: process.env, keyring: await osKeyring() });
  const usable: KeyProtector[] = [];
  for (const protector of protectors) if ((await protector.unavailable()) === null) usable.push(protector);
  if (usable.length > 0 || !process.stdin.isTTY) return protectors;
  const first = await promptHidden(`数据口令 Data passphrase (${passphraseVariable}, ≥ ${minPassphraseLength}): `);
  if (firstStart) {
    const again = await promptHidden('再输入一次 Once more: ');
    if (again !== first) throw new Error('两次输入的口令不一致。 The two passphrases differ.');
  }
  return hostProtectors({ dataDir, env: { [passphraseVariable]: first }, keyring: null });
}
