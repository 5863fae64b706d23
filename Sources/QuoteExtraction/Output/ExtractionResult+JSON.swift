extension ExtractionResult {
  /// Writes the result's fields (`attributions`, `quotes`, `entities`, `diagnostics`) into the
  /// object that `writer` has open, with offsets in `unit`.
  ///
  /// Spans are objects `{"start", "end", "text"}`; `fragments` appears when the content has
  /// more than one piece. This is the format `score.py` reads.
  public func writeFields(to writer: inout JSONWriter, offsets unit: OffsetUnit) {
    let document = self.document
    writer.reserveCapacity(forMore: estimatedJSONSize)
    // NB: the text through one buffer for all the attributions: a span's text is a slice of
    // it, not of the array (a retain and a release each).
    document.utf8.withUnsafeBufferPointer { text in
      /// Writes `"key":` (or the comma of an element) and the span of `range`,
      /// `{"start","end","text"}`, or `null`: the key, the numbers and a short text in one
      /// piece, else the text after it.
      func span(_ key: StaticString?, _ range: Range<Int>?) {
        var textWritten = false
        writer.appendMembers(capacity: 128) { piece in
          if let key { piece.key(key) } else { piece.separate() }
          if let range {
            let (start, end) = document.offsets(of: range, in: unit)
            piece.spanHead(start, end)
            textWritten = piece.shortSpanText(text, range, closing: true)
          } else {
            piece.null()
          }
        }
        if let range, !textWritten {
          writer.appendSpanText(UnsafeBufferPointer(rebasing: text[range]))
        }
      }

      writer.beginArray("attributions")
      // NB: through a buffer, so that each field is read in place rather than every
      // attribution copied (its strings and arrays retained and released).
      attributions.withUnsafeBufferPointer { attributions in
        for index in attributions.indices {
          writer.beginObject()
          let type = attributions[index].type
          writer.appendMembers(capacity: 96) { piece in
            piece.key("type")
            piece.name(type.jsonName)
          }
          span("content", attributions[index].content)
          if attributions[index].fragments.count > 1 {
            writer.beginArray("fragments")
            for fragment in attributions[index].fragments { span(nil, fragment) }
            writer.endArray()
          }
          span("cue", attributions[index].cue)
          span("speaker", attributions[index].speaker)
          writer.stringMember("speaker_name", attributions[index].speakerName)
          let entity = attributions[index].entity
          let kind = attributions[index].speakerKind
          let rule = attributions[index].rule
          let quotes = attributions[index].quotes
          // NB: one piece holds the entity, the kind, the rule, the confidence and up to 16
          // quote numbers (at most 64 bytes a string, 20 a number: under 600 bytes, within
          // `JSONWriter.membersCapacity`); other values go one by one.
          if quotes.count <= 16, JSONWriter.isPlain(rule) {
            let confidence = attributions[index].confidence
            writer.appendMembers { piece in
              piece.key("entity")
              if let entity { piece.int(entity) } else { piece.null() }
              piece.key("kind")
              if let kind { piece.name(kind.jsonName) } else { piece.null() }
              piece.key("rule")
              piece.plainString(rule)
              piece.key("confidence")
              piece.double(confidence)
              piece.key("quotes")
              piece.byte(UInt8(ascii: "["))
              for (position, quote) in quotes.enumerated() {
                if position > 0 { piece.byte(UInt8(ascii: ",")) }
                piece.int(quote)
              }
              piece.byte(UInt8(ascii: "]"))
            }
          } else {
            if let entity { writer.int("entity", entity) } else { writer.null("entity") }
            if let kind { writer.string("kind", kind.rawValue) } else { writer.null("kind") }
            writer.string("rule", rule)
            writer.double("confidence", attributions[index].confidence)
            writer.beginArray("quotes")
            for quote in quotes { writer.int(quote) }
            writer.endArray()
          }
          writer.endObject()
        }
      }
      writer.endArray()

      writer.beginArray("quotes")
      for quote in quotes {
        let (start, end) = document.offsets(of: quote.content, in: unit)
        var textWritten = false
        writer.appendElement { piece in
          piece.spanHead(start, end)
          textWritten = piece.shortSpanText(text, quote.content, closing: false)
        }
        if !textWritten {
          writer.appendSpanText(UnsafeBufferPointer(rebasing: text[quote.content]), closing: false)
        }
        // The marks, flags, numbers and kind in one piece: at most 8 members of two numbers or
        // a short name each, and the brace that closes the quote.
        writer.appendMembers { piece in
          piece.key("open")
          let open = document.offsets(of: quote.openMark, in: unit)
          piece.pair(open.start, open.end)
          piece.key("close")
          if let closeMark = quote.closeMark {
            let close = document.offsets(of: closeMark, in: unit)
            piece.pair(close.start, close.end)
          } else {
            piece.null()
          }
          piece.key("closed")
          piece.bool(quote.isClosed)
          piece.key("depth")
          piece.int(quote.depth)
          piece.key("parent")
          if let parent = quote.parent { piece.int(parent) } else { piece.null() }
          piece.key("paragraphs")
          piece.pair(quote.paragraphs.lowerBound, quote.paragraphs.upperBound)
          piece.key("kind")
          piece.name(quote.kind.jsonName)
          if let part = quote.part {
            piece.key("part")
            piece.int(part)
          }
          piece.byte(UInt8(ascii: "}"))
        }
      }
      writer.endArray()
    }

    writer.beginArray("entities")
    for (index, entity) in entities.enumerated() {
      writer.beginObject()
      writer.int("id", index)
      writer.string("name", entity.name)
      writer.string("kind", entity.kind.rawValue)
      if let gender = entity.gender { writer.string("gender", gender) }
      writer.beginArray("mentions")
      entity.mentions.withUnsafeBufferPointer { mentions in
        writer.pairElements(count: mentions.count) { index in
          document.offsets(of: mentions[index], in: unit)
        }
      }
      writer.endArray()
      writer.endObject()
    }
    writer.endArray()

    writer.beginArray("diagnostics")
    for diagnostic in diagnostics {
      writer.beginObject()
      writer.string("code", diagnostic.code)
      writer.string("message", diagnostic.message)
      if let offset = diagnostic.utf8Offset {
        writer.int("offset", document.offset(min(offset, document.utf8Count), in: unit))
      }
      writer.endObject()
    }
    writer.endArray()
  }
}

extension ExtractionResult {
  /// About how many bytes ``writeFields(to:offsets:)`` writes: a little more than that for
  /// nearly every result (the texts written, and room for the keys and numbers around them).
  ///
  /// NB: the output runs from a fraction of the text to over five times it (fiction with many
  /// short quotes, each written as a quote and as an attribution): reserved from the text's
  /// size, a record's buffer grew by doubling and copying, or held far more than it needed.
  /// Tried and dropped (round 21): the tool rendering every record into one buffer used again
  /// (a pool of buffers given back once written, none kept over 1 MiB) and this estimate not
  /// made for it. bench-sample: 1,126.22M -> 1,125.50M instructions (the tool's jsonObject
  /// 76.58M -> 75.75M, memcpy 13.91M -> 14.10M from growing by doubling); time over c20
  /// (extract -j 1, eleven interleaved runs each): 0.51-0.55 s -> 0.52-0.56 s, jsonObject
  /// 5.5-7.0 % -> 7.1-7.4 % of samples, page faults 1.1-1.8 % both: no win.
  var estimatedJSONSize: Int {
    var size = 1024
    attributions.withUnsafeBufferPointer { attributions in
      for index in attributions.indices {
        let fragments = attributions[index].fragments
        size += 320 + attributions[index].content.count + 8 * attributions[index].quotes.count
        size += (attributions[index].cue?.count ?? 0) + (attributions[index].speaker?.count ?? 0)
        size += (attributions[index].speakerName?.utf8.count ?? 0)
        size += attributions[index].rule.utf8.count
        if fragments.count > 1 {
          for fragment in fragments { size += 60 + fragment.count }
        }
      }
    }
    quotes.withUnsafeBufferPointer { quotes in
      for index in quotes.indices { size += 200 + quotes[index].content.count }
    }
    entities.withUnsafeBufferPointer { entities in
      for index in entities.indices {
        size += 80 + entities[index].name.utf8.count + 20 * entities[index].mentions.count
      }
    }
    for diagnostic in diagnostics {
      size += 64 + diagnostic.code.utf8.count + diagnostic.message.utf8.count
    }
    return size
  }
}

// NB: the kinds' raw values again, as literals: a piece copies a literal with a load and a
// store, where a `String` raw value costs a look at its storage and a copy loop (two or three
// kinds an attribution or quote). `JSONWriterSpanTests` checks each name against its raw value.
extension Attribution.Kind {
  /// The kind's name in output, its raw value.
  var jsonName: StaticString {
    switch self {
    case .direct: "direct"
    case .indirect: "indirect"
    case .mixed: "mixed"
    }
  }
}

extension Attribution.MentionKind {
  /// The kind's name in output, its raw value.
  var jsonName: StaticString {
    switch self {
    case .name: "name"
    case .pronoun: "pronoun"
    case .description: "description"
    case .organization: "organization"
    case .group: "group"
    case .implicit: "implicit"
    }
  }
}

extension QuotedSpan.Kind {
  /// The kind's name in output, its raw value.
  var jsonName: StaticString {
    switch self {
    case .speech: "speech"
    case .term: "term"
    case .title: "title"
    case .dashDialogue: "dash-dialogue"
    }
  }
}

extension Document {
  /// Writes `sentences` (and, when asked, `paragraphs` and `tokens`) into the open object.
  public func writeSegmentation(
    to writer: inout JSONWriter, offsets unit: OffsetUnit, tokens includeTokens: Bool
  ) {
    func pairs(_ key: String, _ ranges: [TextRange]) {
      writer.beginArray(key)
      writer.pairElements(count: ranges.count) { index in
        (offset(ranges[index].utf8Start, in: unit), offset(ranges[index].utf8End, in: unit))
      }
      writer.endArray()
    }
    pairs("sentences", sentences)
    pairs("paragraphs", paragraphs)
    if includeTokens {
      writer.beginArray("tokens")
      for token in tokens {
        writer.beginArray()
        writer.int(offset(Int(token.utf8Start), in: unit))
        writer.int(offset(Int(token.utf8End), in: unit))
        writer.string(token.kind.name)
        writer.endArray()
      }
      writer.endArray()
    }
  }
}

extension Token.Kind {
  /// The kind's name in output: `word`, `number`, `punct`, `quote`, `symbol`, `space`.
  public var name: String {
    switch self {
    case .word: "word"
    case .number: "number"
    case .punctuation: "punct"
    case .quoteMark: "quote"
    case .symbol: "symbol"
    case .space: "space"
    }
  }
}
