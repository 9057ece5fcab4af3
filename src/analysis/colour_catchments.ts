/**
 * Gives each school a colour index so that nearby schools differ: greedy colouring over each
 * school's `neighbours` nearest schools. Indices run from 0 to `colours` − 1.
 */
export function colourByProximity(
  centres: [number, number][],
  colours: number,
  neighbours = 6,
): number[] {
  const result = new Array<number>(centres.length).fill(-1);
  const near = centres.map(([x, y], i) =>
    centres
      .map(([u, v], j) => ({ j, d: Math.hypot(u - x, v - y) }))
      .filter((e) => e.j !== i)
      .sort((a, b) => a.d - b.d)
      .slice(0, neighbours)
      .map((e) => e.j),
  );
  centres.forEach((_, i) => {
    const taken = new Set<number>();
    for (const j of near[i]!) taken.add(result[j]!);
    for (const [j, list] of near.entries()) if (list.includes(i)) taken.add(result[j]!);
    let colour = 0;
    while (taken.has(colour) && colour < colours - 1) colour++;
    result[i] = colour;
  });
  return result;
}
