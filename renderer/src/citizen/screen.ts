/** Whether an address is the citizen screen's (`#screen=citizen`, with or without the host's token). */
export function isCitizenAddress(hash: string): boolean {
  return new URLSearchParams(hash.replace(/^#/, '')).get('screen') === 'citizen';
}

/**
 * Read once, when this module is first evaluated: main.tsx imports it before anything that creates
 * the bridge, so the address is read as it came, before the token is taken out of it. A reload keeps
 * `screen=citizen` in the address (only the token leaves it).
 */
export const citizenScreen: boolean = isCitizenAddress(window.location.hash);
