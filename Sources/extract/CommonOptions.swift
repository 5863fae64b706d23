import ArgumentParser
import QuoteExtraction

extension OffsetUnit: ExpressibleByArgument {}
extension Document.ParagraphMode: ExpressibleByArgument {}

/// Options every subcommand that reads documents shares.
struct InputOptions: ParsableArguments {
  @Argument(help: "Text files, JSON Lines files (.jsonl), or - for standard input.")
  var inputs: [String] = []

  @Option(help: "The unit of every offset written: codepoints, utf8 or utf16.")
  var offsets: OffsetUnit = .codePoints

  @Option(help: "How paragraphs are found: blank-line or line.")
  var paragraphs: Document.ParagraphMode = .blankLine

  @Option(help: "The field of a JSON Lines record that holds the text.")
  var textField: String = "text"

  @Option(help: "The field of a JSON Lines record that holds the id.")
  var idField: String = "id"
}
