import ArgumentParser
import Foundation
import QuoteExtraction

extension Genre: ExpressibleByArgument {}
extension Attribution.Kind: ExpressibleByArgument {}

/// Options that configure the engine: genre, attribution types, added rule packs and lexicons.
struct EngineOptions: ParsableArguments {
  @Option(help: "What the texts are: automatic (decided per document), news or fiction.")
  var genre: Genre = .automatic

  @Option(
    parsing: .upToNextOption,
    help: "Report only these attribution types (direct, indirect, mixed).")
  var types: [Attribution.Kind] = []

  @Option(name: .customLong("rules"), help: "Add a rule pack (a JSON file); repeatable.")
  var rulePacks: [String] = []

  @Option(
    name: .customLong("lexicon"),
    help: "Add entries to a lexicon from a file, as NAME=FILE (such as speech=verbs.txt).")
  var lexicons: [String] = []

  @Flag(help: "Run only the added rule packs, not the built-in one.")
  var noBuiltInRules = false

  func validate() throws {
    for entry in lexicons where !entry.contains("=") {
      throw ValidationError("--lexicon takes NAME=FILE, not '\(entry)'.")
    }
    if noBuiltInRules && rulePacks.isEmpty {
      throw ValidationError("--no-built-in-rules needs at least one --rules pack.")
    }
  }

  /// Applies these options to a configuration, reading the added files.
  func apply(to configuration: inout Configuration) throws {
    configuration.genre = genre
    if !types.isEmpty { configuration.types = Set(types) }
    configuration.usesBuiltInRules = !noBuiltInRules
    try Self.addFiles(rulePacks: rulePacks, lexicons: lexicons, to: &configuration)
  }

  /// Adds rule pack files and `NAME=FILE` lexicon files to a configuration.
  static func addFiles(
    rulePacks: [String], lexicons: [String], to configuration: inout Configuration
  )
    throws
  {
    for path in rulePacks {
      configuration.addRulePack(named: path, json: try read(path))
    }
    for entry in lexicons {
      let parts = entry.split(separator: "=", maxSplits: 1)
      guard parts.count == 2 else {
        throw ValidationError("--lexicon takes NAME=FILE, not '\(entry)'.")
      }
      configuration.addLexicon(named: String(parts[0]), contents: try read(String(parts[1])))
    }
  }

  static func read(_ path: String) throws -> String {
    guard let data = FileManager.default.contents(atPath: path) else {
      throw ValidationError("Cannot read \(path).")
    }
    return String(decoding: data, as: UTF8.self)
  }
}
