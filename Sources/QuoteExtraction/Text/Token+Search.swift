// Finding a token by a byte offset, for the layers that hold offsets (the sentence repair, the
// rules, the attributions).
extension Token {
  /// The token that starts at or holds a byte offset (binary search).
  static func index(holding utf8Offset: Int, in tokens: [Token]) -> Int {
    var low = 0
    var high = tokens.count
    while low < high {
      let middle = (low + high) / 2
      if Int(tokens[middle].utf8End) <= utf8Offset { low = middle + 1 } else { high = middle }
    }
    return min(low, max(0, tokens.count - 1))
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
    while low < high {
      let middle = (low + high) / 2
      if Int(tokens[middle].utf8End) <= utf8Offset { low = middle + 1 } else { high = middle }
    }
    return min(low, max(0, tokens.count - 1))
  }
}
