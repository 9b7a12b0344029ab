#!/usr/bin/env bash
# The Debian packages `npm test` needs, checked before anything runs so a missing one is
# reported at once rather than as a failure half-way through the suite:
#   chromium       Playwright drives /usr/bin/chromium (npx playwright install cannot download here)
#   poppler-utils  pdftotext / pdftoppm read the PDFs in the layout tests
#   hledger        the independent engine the reports are compared with
# As root with apt-get, the missing ones are installed; otherwise it stops with the command.
set -euo pipefail

need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
command -v pdftotext >/dev/null 2>&1 || need+=(poppler-utils)
command -v hledger >/dev/null 2>&1 || need+=(hledger)
[ ${#need[@]} -eq 0 ] && exit 0

command="apt-get update && apt-get install -y --no-install-recommends ${need[*]}"
if [ "${EUID}" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing the Debian packages the tests need: ${need[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
  exit 0
fi
echo "npm test needs these Debian packages, which are missing: ${need[*]}" >&2
echo "Install them (as root), then run npm test again:" >&2
echo "  sudo sh -c '$command'" >&2
exit 1
