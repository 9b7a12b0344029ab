// Which accounts an entry form's account field offers for what has been typed (issue 15
// item 4). Pure and free of server imports: the browser runs it on every keystroke.

export interface AccountChoice {
  code: string;
  name: string;
}

/** How a chosen account reads in its field; resolveAccountCode reads it back. */
export const accountLabel = (account: AccountChoice): string => `${account.code} ${account.name}`;

/**
 * Accounts whose code starts with, or whose name contains, what was typed (case-insensitive;
 * a chosen label such as "1100 Accounts receivable" matches its own account). Exact code
 * first, then code matches in code order, then name matches: typing "4" lists the 4xxx
 * accounts before "Bank 4 savings".
 */
export function matchAccounts(accounts: readonly AccountChoice[], typed: string): AccountChoice[] {
  const query = typed.trim().toLowerCase();
  if (query === '') return [...accounts];
  const rank = (account: AccountChoice): number => {
    const code = account.code.toLowerCase();
    if (code === query || accountLabel(account).toLowerCase() === query) return 0;
    if (code.startsWith(query)) return 1;
    if (account.name.toLowerCase().includes(query)) return 2;
    return -1;
  };
  return accounts
    .map((account) => ({ account, rank: rank(account) }))
    .filter((entry) => entry.rank >= 0)
    .sort((a, b) => a.rank - b.rank || a.account.code.localeCompare(b.account.code))
    .map((entry) => entry.account);
}

/**
 * The account Tab accepts without a choice from the list: the only match, or the one whose
 * code (or label) is exactly what was typed. Otherwise none, and the text stays as typed
 * for the server to judge.
 */
export function soleMatch(accounts: readonly AccountChoice[], typed: string): AccountChoice | undefined {
  if (typed.trim() === '') return undefined;
  const matches = matchAccounts(accounts, typed);
  const [first] = matches;
  if (matches.length === 1) return first;
  const query = typed.trim().toLowerCase();
  return first && (first.code.toLowerCase() === query || accountLabel(first).toLowerCase() === query) ? first : undefined;
}

/**
 * The code the server is sent for a field: a chosen label ("1100 Accounts receivable"), a
 * code, or an exact account name. Anything else goes as typed: the use case answers
 * "unknown account" next to the field.
 */
export function resolveAccountCode(accounts: readonly AccountChoice[], text: string): string {
  const typed = text.trim();
  const lower = typed.toLowerCase();
  const known = accounts.find(
    (account) =>
      account.code.toLowerCase() === lower || account.name.toLowerCase() === lower || accountLabel(account).toLowerCase() === lower,
  );
  return known?.code ?? typed;
}
