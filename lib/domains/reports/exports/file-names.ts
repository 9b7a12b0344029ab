/**
 * A name every file system accepts: reserved characters (\ / : * ? " < > |) and control
 * characters become spaces, runs of spaces collapse, no leading dots, at most 120
 * characters. Used for download names and the folders of a report run's ZIP.
 */
export function safeFileName(name: string): string {
  const cleaned = [...name]
    .map((char) => (/[\\/:*?"<>|]/.test(char) || char < ' ' ? ' ' : char))
    .join('')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^\.+/, '');
  return cleaned.slice(0, 120).trim() || 'Organization';
}
