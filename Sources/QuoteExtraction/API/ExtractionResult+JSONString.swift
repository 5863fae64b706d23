extension ExtractionResult {
  /// The result as one JSON object, the record that the `extract` tool writes for a document
  /// (without its `id`): `attributions`, `quotes`, `entities` and `diagnostics`, with offsets
  /// in `unit`.
  ///
  /// The format is described in <doc:OutputFormatAndOffsets>.
  public func json(offsets unit: OffsetUnit = .codePoints) -> String {
    var writer = JSONWriter()
    writer.beginObject()
    writeFields(to: &writer, offsets: unit)
    writer.endObject()
    return String(decoding: writer.bytes, as: UTF8.self)
  }
}
