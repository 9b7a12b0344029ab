'use client';

// The account field of the entry form: the WAI-ARIA 1.2 combobox pattern with a listbox popup
// (https://www.w3.org/WAI/ARIA/apg/patterns/combobox/), replacing a native <datalist>, whose
// arrow-and-Enter choice and match on name differ between browsers. The focus stays in the
// input; the highlighted option is announced through aria-activedescendant.
import { useState } from 'react';
import { accountLabel, matchAccounts, soleMatch, type AccountChoice } from '@/lib/domains/ledger/account-search';

/** The listbox shows this many matches at most: type more of the code or name to narrow it. */
const MAX_OPTIONS = 50;

export function AccountCombobox(props: {
  id: string;
  label: string;
  accounts: readonly AccountChoice[];
  value: string;
  onChange: (value: string) => void;
  invalid: boolean;
  describedBy?: string;
}) {
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const listId = `${props.id}-options`;
  const matches = matchAccounts(props.accounts, props.value).slice(0, MAX_OPTIONS);
  const expanded = open && matches.length > 0;
  const activeAccount = expanded ? matches[active] : undefined;

  const choose = (account: AccountChoice) => {
    props.onChange(accountLabel(account));
    setOpen(false);
    setActive(-1);
  };
  const move = (step: 1 | -1) => {
    setOpen(true);
    if (matches.length === 0) return;
    setActive((current) =>
      !open || current < 0 ? (step === 1 ? 0 : matches.length - 1) : (current + step + matches.length) % matches.length,
    );
  };

  const onKeyDown = (event: React.KeyboardEvent<HTMLInputElement>) => {
    if (event.ctrlKey || event.metaKey) return; // the form's shortcuts
    switch (event.key) {
      case 'ArrowDown':
        event.preventDefault();
        if (event.altKey) setOpen(true);
        else move(1);
        return;
      case 'ArrowUp':
        event.preventDefault();
        move(-1);
        return;
      case 'Enter':
        // A highlighted option is chosen; with none, Enter submits the form as in any field.
        if (activeAccount) {
          event.preventDefault();
          choose(activeAccount);
        }
        return;
      case 'Escape':
        if (expanded) {
          event.preventDefault();
          event.stopPropagation();
          setOpen(false);
          setActive(-1);
        }
        return;
      case 'Tab': {
        // Tab accepts the highlighted option, or the single match, and moves on as usual.
        const accepted = activeAccount ?? soleMatch(props.accounts, props.value);
        if (accepted) choose(accepted);
        else setOpen(false);
        return;
      }
    }
  };

  return (
    <div className="combobox">
      <input
        id={props.id}
        type="text"
        role="combobox"
        aria-label={props.label}
        aria-autocomplete="list"
        aria-expanded={expanded}
        aria-controls={listId}
        aria-activedescendant={activeAccount ? `${listId}-${active}` : undefined}
        aria-invalid={props.invalid}
        aria-describedby={props.describedBy}
        autoComplete="off"
        spellCheck={false}
        value={props.value}
        onChange={(event) => {
          props.onChange(event.target.value);
          setOpen(true);
          setActive(-1);
        }}
        onKeyDown={onKeyDown}
        onBlur={() => {
          setOpen(false);
          setActive(-1);
        }}
      />
      <ul id={listId} role="listbox" aria-label="Matching accounts" hidden={!expanded}>
        {expanded &&
          matches.map((account, index) => (
            <li
              key={account.code}
              id={`${listId}-${index}`}
              role="option"
              aria-selected={index === active}
              // mousedown, not click: the input keeps the focus (no blur closes the list first).
              onMouseDown={(event) => {
                event.preventDefault();
                choose(account);
              }}
              onMouseEnter={() => setActive(index)}
            >
              <span className="code">{account.code}</span> {account.name}
            </li>
          ))}
      </ul>
    </div>
  );
}
