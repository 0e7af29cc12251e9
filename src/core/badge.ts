/** The toolbar badge shows about four characters: nothing for no mentions, `999+` past that. */
export function badgeText(count: number): string {
  if (!Number.isInteger(count) || count <= 0) return '';
  return count > 999 ? '999+' : String(count);
}
