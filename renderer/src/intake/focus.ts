/** Moves focus to the first empty required field of the form (after a card read or a matter). */
export function focusFirstEmpty(): void {
  window.setTimeout(() => {
    const inputs = document.querySelectorAll<HTMLInputElement>(
      '.matter-form .ant-form-item-required + * input, .matter-form input',
    );
    for (const input of inputs) {
      if (!input.value) {
        input.focus();
        return;
      }
    }
  }, 50);
}
