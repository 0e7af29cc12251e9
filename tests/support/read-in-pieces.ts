import { startProgress, type Matcher } from '../../src/core/matcher';

/** Reads `pieces` with the matcher's quick pass, as the page walker reads a block's text nodes. */
export function reachedReading(matcher: Matcher, pieces: readonly string[]): boolean {
  const progress = startProgress();
  for (const piece of pieces) matcher.readPiece(piece, progress);
  return progress.reached;
}
