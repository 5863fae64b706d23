import Foundation
import Testing

@Suite struct RulesCheckTests {
  @Test func builtInPackChecksClean() throws {
    let run = try CLIRunner.run([
      "rules", "check", "Sources/QuoteExtraction/Resources/rules-en.json",
    ])
    #expect(run.status == 0)
    #expect(run.text.hasSuffix(": ok\n"))
  }

  @Test func unknownKeyIsReportedWithLineColumnAndCaret() throws {
    let pack = FileManager.default.temporaryDirectory
      .appendingPathComponent("qx-bad-pack-\(getpid()).json")
    try Data(#"{"version": 1, "rules": [{"id": "x", "kind": "direct", "bogus": 1}]}"#.utf8)
      .write(to: pack)
    defer { try? FileManager.default.removeItem(at: pack) }
    let check = try CLIRunner.run(["rules", "check", pack.path])
    #expect(check.status == 1)
    #expect(check.stderr.contains(":1:56: error: unknown key 'bogus'"))
    #expect(check.stderr.contains("^"))
    let run = try CLIRunner.run(["--rules", pack.path, "Fixtures/examples/ap-mexico-migration.txt"])
    #expect(run.status == 2)
  }
}
