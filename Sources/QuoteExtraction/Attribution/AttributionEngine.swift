/// Pairs quotations and reported statements with cues and speakers.
///
/// NB: a first version: every closed quoted span is a direct quotation without a speaker.
struct AttributionEngine {
  let configuration: Configuration

  func attribute(_ result: inout ExtractionResult) {
    for (index, quote) in result.quotes.enumerated() where quote.isClosed && quote.depth == 0 {
      result.attributions.append(
        Attribution(
          type: .direct, fragments: [quote.content], rule: "baseline.every-quote",
          confidence: 0.1, quotes: [index]))
    }
    SpeakerResolver(document: result.document).resolve(&result)
  }
}
