/// Corrects ICU's sentence boundaries where English typography fools it.
///
/// Works on tokens around each candidate boundary: a boundary after a title abbreviation
/// ("Mr.") is removed; one after an ambiguous abbreviation ("U.S.") is kept only before a
/// common sentence starter; one before a lower-case word ("“Why?” she asked") is removed.
struct SentenceRepair {
  let utf8: UnsafeBufferPointer<UInt8>
  let tokens: [Token]
  let lexicons: Lexicons

  /// The corrected boundaries, as sorted UTF-8 offsets.
  func repair(_ candidates: [Int]) -> [Int] {
    var result: [Int] = []
    result.reserveCapacity(candidates.count)
    var tokenIndex = 0
    for boundary in candidates {
      while tokenIndex < tokens.count && Int(tokens[tokenIndex].utf8Start) < boundary {
        tokenIndex += 1
      }
      if tokenIndex == 0 || tokenIndex >= tokens.count {
        result.append(boundary)
        continue
      }
      if keeps(boundaryBefore: tokenIndex) { result.append(boundary) }
    }
    return result
  }

  private func text(_ token: Token) -> Substring {
    Substring(decoding: UnsafeBufferPointer(rebasing: utf8[token.utf8Range]), as: UTF8.self)
  }

  /// Whether a sentence may start at `next` (the boundary lies just before it).
  private func keeps(boundaryBefore next: Int) -> Bool {
    let following = tokens[next]
    if following.shape.contains(.lowercase) { return false }
    let last = tokens[next - 1]
    guard last.kind == .punctuation, text(last) == ".", next >= 2 else { return true }
    let word = tokens[next - 2]
    guard !word.shape.contains(.attachedBefore) || word.kind == .word else { return true }
    let lower = text(word).lowercased()
    if lexicons.titleAbbreviations.contains(lower) { return false }
    if lexicons.abbreviations.contains(lower) {
      return lexicons.sentenceStarters.contains(text(following).lowercased())
    }
    return true
  }
}
