// Jaro–Winkler similarity, written out so the hot loop allocates two small flag arrays at most.

const winklerPrefixScale = 0.1;
const winklerMaximumPrefix = 4;
// Winkler's boost is only given to pairs that are already similar.
const winklerBoostThreshold = 0.7;

let leftFlags = new Uint8Array(64);
let rightFlags = new Uint8Array(64);

export function jaroSimilarity(left: string, right: string): number {
  if (left === right) return 1;
  if (left.length === 0 || right.length === 0) return 0;
  const window = Math.max(0, Math.floor(Math.max(left.length, right.length) / 2) - 1);
  if (leftFlags.length < left.length) leftFlags = new Uint8Array(left.length * 2);
  if (rightFlags.length < right.length) rightFlags = new Uint8Array(right.length * 2);
  leftFlags.fill(0, 0, left.length);
  rightFlags.fill(0, 0, right.length);
  let matches = 0;
  for (let leftIndex = 0; leftIndex < left.length; leftIndex++) {
    const from = Math.max(0, leftIndex - window);
    const to = Math.min(right.length - 1, leftIndex + window);
    for (let rightIndex = from; rightIndex <= to; rightIndex++) {
      if (rightFlags[rightIndex] === 0 && left.charCodeAt(leftIndex) === right.charCodeAt(rightIndex)) {
        leftFlags[leftIndex] = 1;
        rightFlags[rightIndex] = 1;
        matches++;
        break;
      }
    }
  }
  if (matches === 0) return 0;
  let halfTranspositions = 0;
  let rightIndex = 0;
  for (let leftIndex = 0; leftIndex < left.length; leftIndex++) {
    if (leftFlags[leftIndex] === 0) continue;
    while (rightFlags[rightIndex] === 0) rightIndex++;
    if (left.charCodeAt(leftIndex) !== right.charCodeAt(rightIndex)) halfTranspositions++;
    rightIndex++;
  }
  const transpositions = halfTranspositions / 2;
  return (matches / left.length + matches / right.length + (matches - transpositions) / matches) / 3;
}

export function jaroWinklerSimilarity(left: string, right: string): number {
  const jaro = jaroSimilarity(left, right);
  if (jaro < winklerBoostThreshold) return jaro;
  const limit = Math.min(winklerMaximumPrefix, left.length, right.length);
  let prefix = 0;
  while (prefix < limit && left.charCodeAt(prefix) === right.charCodeAt(prefix)) prefix++;
  return jaro + prefix * winklerPrefixScale * (1 - jaro);
}
