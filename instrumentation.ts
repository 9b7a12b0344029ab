// Runs once when the Next.js server starts (instrumentation hook).
import { insecureCookiesWarning } from './lib/config';

export function register(): void {
  const warning = insecureCookiesWarning();
  if (warning) console.warn(warning);
}
