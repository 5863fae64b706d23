import Foundation
import QuoteExtractionTestSupport
import Testing

/// `extract eval` must give score.py's figures: both run on the same predictions.
@Suite struct EvalCommandTests {
  static var python: String? {
    ["/usr/bin/python3", "/usr/local/bin/python3", "/root/.pyenv/shims/python3"].first {
      FileManager.default.isExecutableFile(atPath: $0)
    }
  }

  /// Gold files to compare on: the AP example and the smaller corpora.
  static let goldFiles = [
    "examples/ap-mexico-migration.gold.jsonl", "corpora/litbank-dev.jsonl",
  ]

  func requirements() -> (python: String, shared: URL)? {
    guard let shared = Fixtures.shared else {
      print("skipped: ../shared is absent")
      return nil
    }
    guard let python = Self.python else {
      print("skipped: python3 is absent")
      return nil
    }
    return (python, shared)
  }

  func scorePy(_ python: String, _ shared: URL, _ arguments: [String]) throws -> Any {
    let output = try CLIRunner.shell(
      python, [shared.appendingPathComponent("tools/score.py").path] + arguments)
    #expect(output.status == 0, "score.py: \(output.stderr)")
    return try JSONSerialization.jsonObject(with: output.stdout)
  }

  func expectSameFigures(_ swift: Any, _ python: Any, path: String = "") {
    switch (swift, python) {
    case (let a as [String: Any], let b as [String: Any]):
      #expect(Set(a.keys) == Set(b.keys), "keys at \(path)")
      for key in a.keys where b[key] != nil {
        expectSameFigures(a[key] as Any, b[key] as Any, path: path + "." + key)
      }
    case (let a as NSNumber, let b as NSNumber):
      #expect(abs(a.doubleValue - b.doubleValue) < 1e-9, "\(path): \(a) vs \(b)")
    case (is NSNull, is NSNull):
      break
    default:
      Issue.record("\(path): \(swift) vs \(python)")
    }
  }

  @Test(arguments: goldFiles)
  func engineFiguresEqualScorePyOnTheSamePredictions(gold: String) throws {
    guard let (python, shared) = requirements() else { return }
    let goldPath = shared.appendingPathComponent(gold).path
    let folder = try CLIRunner.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let predictions = folder.appendingPathComponent("pred.jsonl")
    _ = try CLIRunner.run(["--format", "jsonl", goldPath, "--output", predictions.path])
    let reference = try scorePy(python, shared, [goldPath, predictions.path, "--json"])
    let given = try CLIRunner.run(["eval", "--predictions", predictions.path, goldPath, "--json"])
    expectSameFigures(try JSONSerialization.jsonObject(with: given.stdout), reference)
    // The engine run inside eval must score what `extract` writes.
    let engine = try CLIRunner.run(["eval", goldPath, "--json"])
    #expect(engine.stdout == given.stdout)
    let text = try CLIRunner.run(["eval", "--predictions", predictions.path, goldPath])
    let referenceText = try CLIRunner.shell(
      python, [shared.appendingPathComponent("tools/score.py").path, goldPath, predictions.path])
    #expect(text.text == referenceText.text)
  }

  @Test(arguments: goldFiles + ["corpora/polnear-dev.jsonl"])
  func perturbedGoldFiguresEqualScorePy(gold: String) throws {
    guard let (python, shared) = requirements() else { return }
    let goldPath = shared.appendingPathComponent(gold).path
    let folder = try CLIRunner.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let predictions = folder.appendingPathComponent("perturbed.jsonl")
    let made = try CLIRunner.shell(
      python, [Fixtures.url("cli/perturb.py").path, goldPath, predictions.path])
    #expect(made.status == 0, "\(made.stderr)")
    for extra in [[], ["--min-overlap", "0.3", "--no-group-merge"]] {
      let reference = try scorePy(python, shared, [goldPath, predictions.path, "--json"] + extra)
      let ours = try CLIRunner.run(
        ["eval", "--predictions", predictions.path, goldPath, "--json"] + extra)
      #expect(ours.status == 0)
      expectSameFigures(try JSONSerialization.jsonObject(with: ours.stdout), reference)
    }
  }

  @Test func missesListMissedAndSpuriousAttributions() throws {
    guard let shared = Fixtures.shared else {
      print("skipped: ../shared is absent")
      return
    }
    let gold = shared.appendingPathComponent("examples/ap-mexico-migration.gold.jsonl").path
    let output = try CLIRunner.run(["eval", gold, "--misses"])
    #expect(output.status == 0)
    // NB: the AP example may have no miss left; the section is printed either way.
    #expect(output.text.contains("missed (gold without a partial match)"))
  }
}
