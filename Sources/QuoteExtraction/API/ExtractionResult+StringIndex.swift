extension ExtractionResult {
  /// The text of a UTF-8 byte range of the document, such as an attribution's
  /// ``Attribution/content`` or ``Attribution/speaker``.
  ///
  /// ```swift
  /// for attribution in result.attributions {
  ///   print(attribution.type, attribution.speakerName ?? "?", result.text(attribution.content))
  /// }
  /// ```
  /// - Complexity: O(*m*), where *m* is the length of the range.
  public func text(_ utf8Range: Range<Int>) -> String {
    document.text(clamped(utf8Range))
  }

  /// Converts a UTF-8 byte range of the document into `unit`: code points (Python `str`
  /// indices, what the gold corpora use), UTF-8 bytes or UTF-16 code units (JavaScript, Java).
  ///
  /// These are the `start` and `end` numbers that the `extract` tool writes.
  /// - Complexity: O(1).
  public func range(_ utf8Range: Range<Int>, in unit: OffsetUnit) -> Range<Int> {
    let range = clamped(utf8Range)
    return document.offset(range.lowerBound, in: unit)..<document.offset(range.upperBound, in: unit)
  }

  /// Converts a range in `unit` back into a UTF-8 byte range of the document; offsets beyond
  /// the text are clamped to its end.
  /// - Complexity: O(log *n*), where *n* is the length of the text.
  public func utf8Range(_ range: Range<Int>, from unit: OffsetUnit) -> Range<Int> {
    document.utf8Offset(
      range.lowerBound, from: unit)..<document.utf8Offset(
        range.upperBound, from: unit)
  }

  /// The `String.Index` range of a UTF-8 byte range, as indices into ``text``.
  ///
  /// When the result comes from ``QuoteExtractor/extract(from:)``, ``text`` is the caller's
  /// string unchanged, so these indices also index the caller's string.
  ///
  /// The bounds fall on Unicode scalar boundaries, which are not always `Character`
  /// boundaries: `text.unicodeScalars[range]` gives the exact slice, while `text[range]`
  /// rounds the bounds down to `Character` boundaries, as every `String` subscript does.
  /// - Complexity: O(1) for native Swift strings.
  public func stringRange(_ utf8Range: Range<Int>) -> Range<String.Index> {
    let range = clamped(utf8Range)
    let utf8 = text.utf8
    let lower = utf8.index(utf8.startIndex, offsetBy: range.lowerBound)
    let upper = utf8.index(lower, offsetBy: range.count)
    return lower..<upper
  }

  /// The `String.Index` range of a UTF-8 byte range, as indices into `string`, or nil when
  /// `string` is not the document's text (its UTF-8 differs).
  ///
  /// Use this with a string that was not passed to ``QuoteExtractor/extract(from:)`` itself,
  /// such as a copy read again from disk.
  /// - Complexity: O(*n*) to compare the strings, where *n* is the length of the text.
  public func stringRange(_ utf8Range: Range<Int>, in string: String) -> Range<String.Index>? {
    guard string.utf8.elementsEqual(document.utf8) else { return nil }
    let range = clamped(utf8Range)
    let utf8 = string.utf8
    let lower = utf8.index(utf8.startIndex, offsetBy: range.lowerBound)
    let upper = utf8.index(lower, offsetBy: range.count)
    return lower..<upper
  }

  /// Converts a `String.Index` range of ``text`` (or of the caller's string passed to
  /// ``QuoteExtractor/extract(from:)``) into a UTF-8 byte range of the document.
  /// - Complexity: O(1) for native Swift strings.
  public func utf8Range(_ range: Range<String.Index>) -> Range<Int> {
    let utf8 = text.utf8
    let lower = utf8.distance(from: utf8.startIndex, to: range.lowerBound)
    let upper = utf8.distance(from: utf8.startIndex, to: range.upperBound)
    return clamped(lower..<upper)
  }

  /// NB: ranges from the result are always inside the text; clamping keeps a caller's
  /// out-of-range value from trapping.
  private func clamped(_ range: Range<Int>) -> Range<Int> {
    let count = document.utf8Count
    return min(max(range.lowerBound, 0), count)..<min(max(range.upperBound, 0), count)
  }
}
