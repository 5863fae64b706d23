// Finding a token by a byte offset, for the layers that hold offsets (the sentence repair, the
// rules, the attributions).
extension Token {
  /// The token that starts at or holds a byte offset (binary search).
  static func index(holding utf8Offset: Int, in tokens: [Token]) -> Int {
    let low = tokens.withUnsafeBufferPointer {
      firstEnding(after: utf8Offset, in: $0, from: 0, to: $0.count)
    }
    return min(low, max(0, tokens.count - 1))
  }

  /// The first of `tokens[low..<high]` that ends after a byte offset (`high` when none does).
  @inline(__always)
  private static func firstEnding(
    after utf8Offset: Int, in tokens: UnsafeBufferPointer<Token>, from low: Int, to high: Int
  ) -> Int {
    tokens.firstEnding(after: utf8Offset, from: low, to: high) { Int($0.utf8End) }
  }

  /// The token that starts at or holds a byte offset, as ``index(holding:in:)`` finds it, searched
  /// from token `start` on: as fast as the answer is near.
  /// Searches the whole text when some token before `start` ends after the offset.
  static func index(holding utf8Offset: Int, in tokens: [Token], notBefore start: Int)
    -> Int
  {
    guard start > 0, start < tokens.count, Int(tokens[start - 1].utf8End) <= utf8Offset else {
      return index(holding: utf8Offset, in: tokens)
    }
    guard Int(tokens[start].utf8End) <= utf8Offset else { return start }
    // Every token before `low` ends at or before the offset; the one at `high` (if any) after.
    var low = start + 1
    var high = start + max(1, utf8Offset - Int(tokens[start].utf8Start))
    // NB: a token holds a byte at least (all but an empty one), so the answer is at most as
    // many tokens past `start` as there are bytes from its start to the offset: halving steps
    // between them, fewer than doubling ones but for a distance of a few tokens. Doubling
    // steps when the bound fails (empty tokens).
    if high < tokens.count && Int(tokens[high].utf8End) <= utf8Offset {
      high = low
      var stride = 1
      while high < tokens.count && Int(tokens[high].utf8End) <= utf8Offset {
        low = high + 1
        high += stride
        stride *= 2
      }
    }
    high = min(high, tokens.count)
    low = tokens.withUnsafeBufferPointer {
      firstEnding(after: utf8Offset, in: $0, from: low, to: high)
    }
    return min(low, max(0, tokens.count - 1))
  }
}

extension UnsafeBufferPointer {
  /// The first of `self[low..<high]` whose end (`end`) is after a byte offset (`high` when none
  /// is): the elements end in order (tokens, byte ranges).
  /// NB: halving steps without a branch, as many for every offset: the branch of a plain
  /// binary search goes either way as often, and was mispredicted at every other step
  /// (bench-sample: 130K of the token search's 148K mispredicted branches). The step is the
  /// half shifted by 0 or 63 bits (to 0) as the sign of a difference says: the compiler makes
  /// a branch again of a select in this loop, or of a half masked by the sign.
  @inline(__always)
  func firstEnding(
    after utf8Offset: Int, from low: Int, to high: Int, end: (Element) -> Int
  ) -> Int {
    // Every element before `base` ends at or before the offset; the answer is at most
    // `base + length`.
    var base = low
    var length = high - low
    while length > 1 {
      let half = length / 2
      // 1 when the element ends after the offset (offsets are far from overflowing).
      let after = UInt(bitPattern: utf8Offset &- end(self[base &+ half &- 1])) >> 63
      base &+= half &>> (after &* 63)
      length &-= half
    }
    return length == 1 && end(self[base]) <= utf8Offset ? base + 1 : base
  }
}
