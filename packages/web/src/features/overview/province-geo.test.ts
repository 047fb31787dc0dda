import { describe, expect, it } from 'vitest';
import { normalisePolygonWinding, signedArea } from './province-geo.ts';

// A 4x4 square counter-clockwise with a 1x1 hole; areas computed by hand.
const ccwSquare = [
  [0, 0],
  [4, 0],
  [4, 4],
  [0, 4],
  [0, 0],
];
const ccwHole = [
  [1, 1],
  [2, 1],
  [2, 2],
  [1, 2],
  [1, 1],
];

describe('province winding', () => {
  it('computes twice the signed area', () => {
    expect(signedArea(ccwSquare)).toBe(32);
    expect(signedArea([...ccwSquare].reverse())).toBe(-32);
  });

  it('reverses a hole that winds like its exterior', () => {
    const [outer, hole] = normalisePolygonWinding([ccwSquare, ccwHole]);
    expect(outer).toEqual(ccwSquare);
    expect(signedArea(hole ?? [])).toBe(-2);
  });

  it('keeps RFC 7946 polygons as they are', () => {
    const rfc = [ccwSquare, [...ccwHole].reverse()];
    expect(normalisePolygonWinding(rfc)).toEqual(rfc);
  });
});
