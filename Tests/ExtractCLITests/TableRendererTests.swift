import Testing

@testable import extract

/// The table's columns line up in a terminal whatever the script: wide characters take two
/// columns.
@Suite struct TableRendererTests {
  @Test(arguments: [
    ("Ortiz", 5), ("李明", 4), ("김민준", 6), ("Ａ", 2), ("e\u{301}", 1), ("😀", 2), ("", 0),
  ])
  func columns(text: String, expected: Int) {
    #expect(TerminalWidth.columns(of: text) == expected)
  }

  @Test func padFillsColumnsNotCharacters() {
    let renderer = TableRenderer()
    #expect(TerminalWidth.columns(of: renderer.pad("李明", 10)) == 10)
    #expect(TerminalWidth.columns(of: renderer.pad("Li Ming", 10)) == 10)
    #expect(renderer.pad("a long speaker name", 5) == "a long speaker name ")
  }

  @Test func clipCutsByColumns() {
    let renderer = TableRenderer()
    let clipped = renderer.clip("国务院新闻办公室发言人说", 10)
    #expect(TerminalWidth.columns(of: clipped) <= 10)
    #expect(clipped.hasSuffix("…"))
    #expect(renderer.clip("short", 10) == "short")
    #expect(renderer.clip("many   spaces\nand lines", 40) == "many spaces and lines")
  }
}
