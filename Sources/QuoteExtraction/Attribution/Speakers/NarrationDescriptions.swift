/// Finds the people that fiction's narration introduces by a description rather than a name
/// ("a small boy", "an old woman"), so that the pronouns that follow can refer to them.
///
/// Only descriptions opened by an article whose head is a gendered person noun of the roles
/// list count ("a girl", "the boy"). The resolver takes one in only when no named person of
/// its gender is in view: then even "the boy" is someone the story has not named (a novel
/// that opens on "the boy" and "he"); otherwise it most often refers to one of them.
struct NarrationDescriptions {
  let analyzer: MentionAnalyzer
  let insideQuote: [Bool]

  var document: Document { analyzer.document }
  var lexicons: SpeakerLexicons { analyzer.lexicons }

  /// How many words may stand between the article and the person noun ("a tall, thin old
  /// man").
  static let maximumModifiers = 3

  /// The description mentions of the narration, in text order. `articles` holds the articles
  /// outside quotations, in text order (``NarrationNames`` gathers them in its pass over the
  /// tokens, see ``NarrationNames/shortWords``).
  /// - Complexity: O(n) in the number of articles (each looks ahead a bounded number of
  ///   tokens).
  ///
  /// `speakerNouns` holds the person nouns of the descriptions that tag speakers and show no
  /// gender ("surgeon" of "said the surgeon"): the narration's definite descriptions with one
  /// of them ("The surgeon leaned over the body") are that speaker too.
  func scan(articles: [Int32], speakerNouns: ByteLexicon<Void> = ByteLexicon()) -> [SpeakerMention]
  {
    var mentions: [SpeakerMention] = []
    // NB: one copy of the document for the scan: `self.document` is computed, and each use
    // would copy (and retain) every array of it.
    let document = analyzer.document
    let tokens = document.tokens
    // NB: the table read once for the scan: read through the shared lexicons, it was copied out
    // of them for every word.
    let descriptionWords = lexicons.descriptionWords
    let descriptionLengths = lexicons.descriptionLengths
    // The first token after the ones the scan has passed.
    var index = 0
    // NB: the tokens, their paragraphs and the quotations' flags are read in place for the
    // scan: each article reads them for up to five words, and each read through its array
    // checked its bounds.
    tokens.withUnsafeBufferPointer { tokenBuffer in
      insideQuote.withUnsafeBufferPointer { insideQuote in
        document.paragraphOfToken.withUnsafeBufferPointer { paragraphs in
          document.utf8.withUnsafeBufferPointer { utf8 in
            for article in articles where Int(article) >= index {
              index = Int(article)
              defer { index += 1 }
              let paragraph = paragraphs[index]
              var end = index + 1
              // NB: a lower-case word (``MentionAnalyzer/isWord(_:)`` and not
              // ``MentionAnalyzer/isCapitalized(_:)``), told from the token in place.
              func isLowercaseWord(_ index: Token.Index) -> Bool {
                let token = tokenBuffer[index]
                return token.kind == .word
                  && (!token.shape.contains(.capitalized) || token.shape.contains(.allCaps))
              }
              while end < tokenBuffer.count,
                end &- index <= NarrationDescriptions.maximumModifiers + 1,
                !insideQuote[end], isLowercaseWord(end), paragraphs[end] == paragraph
              {
                // NB: one lookup in the small table of determiners and gendered roles, not one in the
                // merged table and another in the roles: most words are in neither, and its bitmap
                // turns them away unhashed. The bytes are read in place: a slice of the text retains it.
                let word = descriptionWord(
                  tokenBuffer[end], utf8, descriptionWords, descriptionLengths)
                // Another determiner starts another phrase, read from there ("to a large extent the
                // lad", "a chair for his sister").
                if word == .determiner {
                  index = end
                  end = index + 1
                  continue
                }
                if let word, word != .determiner {
                  let gender: SpeakerGender = word == .male ? .male : .female
                  // "a man's voice" is the voice; "a boy scout" goes on past the noun.
                  let next = end + 1
                  let goesOn =
                    analyzer.isPossessive(end)
                    || (next < tokens.count && analyzer.isWord(next)
                      && !analyzer.isCapitalized(next)
                      && isRole(next, tokens, document.utf8) != nil)
                  if !goesOn, let mention = analyzer.analyze(tokens: index..<(end + 1)),
                    mention.kind == .description, mention.gender == gender
                  {
                    mentions.append(mention)
                  }
                  index = end
                  break
                }
                if speakerNouns.count > 0, isDefinite(index), !analyzer.isPossessive(end),
                  speakerNouns.contains(analyzer.wordBytes(end)),
                  end + 1 >= tokens.count || !isLowercaseWord(end + 1)
                    || !speakerNouns.contains(analyzer.wordBytes(end + 1)),
                  let mention = analyzer.analyze(tokens: index..<(end + 1)),
                  mention.kind == .description
                {
                  mentions.append(mention)
                  index = end
                  break
                }
                end += 1
              }
            }
          }
        }
      }
    }
    return mentions
  }

  /// What a token's word (possessive removed) is to a description, or nil when it is neither a
  /// determiner nor a gendered role (see ``SpeakerLexicons/descriptionWords``).
  /// NB: a word whose first and last bytes and length no description word has is turned away
  /// before the table is read (see ``SpeakerLexicons/descriptionLengths``).
  /// NB: the token and the text are read in place, as the scan reads them: through their
  /// arrays, each word's were read with a bounds check and the text's buffer asked for again.
  private func descriptionWord(
    _ token: Token, _ utf8: UnsafeBufferPointer<UInt8>,
    _ descriptionWords: ByteLexicon<DescriptionWord>, _ descriptionLengths: [UInt32]
  ) -> DescriptionWord? {
    let range = MentionAnalyzer.wordRange(of: token, in: utf8)
    let bytes = UnsafeBufferPointer(rebasing: utf8[range])
    guard !bytes.isEmpty else { return nil }
    let (word, bit) = SpeakerLexicons.descriptionLengthBit(bytes)
    guard descriptionLengths[word] & bit != 0 else { return nil }
    // NB: hashed at once: the table above has read the first and last bytes that the
    // lexicon's own bitmap would read again.
    return descriptionWords.value(bytes, hash: ByteLexicon<DescriptionWord>.hash(bytes))
  }

  /// Whether a token is "the" or "The".
  private func isDefinite(_ index: Token.Index) -> Bool {
    analyzer.bytesEqual(index, "the") || analyzer.bytesEqual(index, "The")
  }

  /// The gender of a token's word (possessive removed) in the roles list, or nil when the list
  /// lacks it.
  private func isRole(_ index: Token.Index, _ tokens: [Token], _ utf8: [UInt8]) -> SpeakerGender? {
    utf8.withUnsafeBufferPointer { utf8 in
      let range = MentionAnalyzer.wordRange(of: tokens[index], in: utf8)
      return lexicons.roles.value(UnsafeBufferPointer(rebasing: utf8[range]))
    }
  }
}
