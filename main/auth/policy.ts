/** Sign-in policy: five wrong passwords in a row lock the account for fifteen minutes. */
export const maxFailedAttempts = 5;
export const lockoutMinutes = 15;
