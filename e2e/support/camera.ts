import config from '../../playwright.config';

/**
 * The config's Chromium with its synthetic camera (a moving test pattern) answering getUserMedia
 * without a prompt: the document camera of the specs that capture pages.
 */
export function withFakeCamera() {
  const launchOptions = config.use?.launchOptions ?? {};
  return {
    ...launchOptions,
    args: [...(launchOptions.args ?? []), '--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream'],
  };
}
